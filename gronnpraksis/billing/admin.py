"""Prices, free tickets, discount codes and the seller are set here for now; invoices are read only
(an issued invoice never changes: a change is a credit note, made by `services.credit_invoice`)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import DiscountCode, FreeTicket, Invoice, InvoiceLine, SellerProfile, TicketPrice


@admin.register(TicketPrice)
class TicketPriceAdmin(admin.ModelAdmin):
    list_display = ["ticket_type", "ordinary", "includes_vat", "exempt", "vat_rate", "early_bird", "student"]
    list_select_related = ["ticket_type__edition"]


@admin.register(FreeTicket)
class FreeTicketAdmin(admin.ModelAdmin):
    list_display = ["registration", "role", "granted_by", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["registration"]
    readonly_fields = ["granted_by"]


@admin.register(DiscountCode)
class DiscountCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "edition", "partner", "kind", "value", "used", "max_uses", "valid_until"]
    list_filter = ["edition"]
    readonly_fields = ["used"]  # counted by redemptions only


@admin.register(SellerProfile)
class SellerProfileAdmin(admin.ModelAdmin):
    list_display = ["edition", "name", "organisation_number", "vat_registered", "series"]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "edition", "buyer_name", "issued_on", "gross", "paid_on"]
    list_filter = ["edition", "kind"]
    search_fields = ["buyer_name", "buyer_organisation_number", "buyer_reference"]
    inlines = [InvoiceLineInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False
