from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "edition",
        "status",
        "ticket_type",
        "sector",
        "role",
        "municipality",
        "created_at",
    ]
    list_filter = [
        "edition",
        "status",
        "sector",
        "role",
        "ticket_type",
        "days",
        "municipality__county",
        "news_opt_in",
    ]
    search_fields = ["name", "email", "organisation_name", "organisation_number", "municipality__name"]
    date_hierarchy = "created_at"
    list_select_related = ["edition", "ticket_type", "municipality"]
    autocomplete_fields = ["municipality", "organisation"]
    readonly_fields = [
        "status",
        "waitlisted_at",
        "privacy_accepted_at",
        "created_at",
        "updated_at",
        "cancelled_at",
        "manage_token",
    ]
    filter_horizontal = ["days"]
    fieldsets = (
        (None, {"fields": ("edition", "status", "name", "email", "phone", "language")}),
        (
            _("Where from"),
            {
                "fields": (
                    "organisation_name",
                    "organisation_number",
                    "organisation",
                    "sector",
                    "role",
                    "municipality",
                )
            },
        ),
        (_("Participation"), {"fields": ("ticket_type", "days", "invoice_reference", "checked_in_at")}),
        (_("Needs"), {"fields": ("dietary_needs", "accessibility_needs")}),
        (
            _("Consent and history"),
            {
                "fields": (
                    "privacy_accepted_at",
                    "news_opt_in",
                    "waitlisted_at",
                    "created_at",
                    "updated_at",
                    "cancelled_at",
                    "manage_token",
                )
            },
        ),
    )

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # registrations go through the form, which takes seats
