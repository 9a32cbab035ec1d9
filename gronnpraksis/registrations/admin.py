from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gronnpraksis.editions.admin import EditionAdmin as BaseEditionAdmin
from gronnpraksis.editions.models import Capacity, Edition, EditionDay, TicketType

from .models import Registration, Status
from .reports import participant_mix
from .seat_limits import confirmed_using, set_capacity_limit, set_seat_limit
from .services import seats_taken_message


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
    # Edition, ticket and days hold seats: they change only through the participant's manage page
    # (or a cancellation), which keeps the counters right.
    readonly_fields = [
        "edition",
        "ticket_type",
        "days",
        "status",
        "waitlisted_at",
        "privacy_accepted_at",
        "created_at",
        "updated_at",
        "cancelled_at",
    ]
    # The manage token is the participant's credential: staff never see it (they act through the
    # admin and the back office, which need no token).
    exclude = ["manage_token"]
    actions = ["cancel_selected"]
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
        (
            _("Participation"),
            {
                "fields": (
                    "ticket_type",
                    "days",
                    "payer_type",
                    "payer_name",
                    "payer_address",
                    "invoice_reference",
                    "checked_in_at",
                )
            },
        ),
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
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registrations go through the form, which takes seats

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deleting would leave its seats taken; cancel instead

    @admin.action(description=_("Cancel the selected registrations (seats go to the waitlist)"))
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        from .services import cancel_registration

        count = 0
        for registration in queryset.exclude(status=Status.CANCELLED):
            cancel_registration(registration=registration)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)s registration cancelled.", "%(count)s registrations cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )


# --- Seats: an edition's, its days' and its ticket types' limits, and "Who comes" ---------------------
# The models are editions', the data is the registrations': the admin URLs (/admin/editions/...) stay.


class SeatLimitForm(forms.ModelForm):
    """Adds "seats" to an edition, a day or a ticket type; saved through the seat service so the
    counter always matches the confirmed registrations (see `registrations.seat_limits.set_seat_limit`)."""

    seat_limit = forms.IntegerField(
        label=_("seats"), required=False, min_value=0, help_text=_("Empty: no limit.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = getattr(self.instance, "capacity", None)
        if capacity is not None:
            self.fields["seat_limit"].initial = capacity.limit

    def clean_seat_limit(self) -> int | None:
        limit = self.cleaned_data["seat_limit"]
        if limit is None or not self.instance.pk:
            return limit
        capacity = self.instance.capacity
        taken = capacity.taken if capacity else confirmed_using(self.instance).values("id").distinct().count()
        if limit < taken:
            raise forms.ValidationError(seats_taken_message(taken))
        return limit


def save_seat_limit(form: forms.ModelForm) -> None:
    if "seat_limit" in form.cleaned_data:
        set_seat_limit(resource=form.instance, limit=form.cleaned_data["seat_limit"])


class EditionDayInline(admin.TabularInline):
    model = EditionDay
    form = SeatLimitForm
    extra = 0
    fields = ["date", "label", "starts_at", "ends_at", "seat_limit", "seats_taken"]
    readonly_fields = ["seats_taken"]

    @admin.display(description=_("taken"))
    def seats_taken(self, obj: EditionDay) -> str:
        return str(obj.capacity.taken) if obj.capacity else "–"


class TicketTypeInline(admin.TabularInline):
    model = TicketType
    form = SeatLimitForm
    extra = 0
    fields = ["name", "description", "price", "seat_limit", "seats_taken", "is_active", "position"]
    readonly_fields = ["seats_taken"]

    @admin.display(description=_("taken"))
    def seats_taken(self, obj: TicketType) -> str:
        return str(obj.capacity.taken) if obj.capacity else "–"


admin.site.unregister(Edition)


@admin.register(Edition)
class EditionAdmin(BaseEditionAdmin):
    """The edition with its seat limits and "Who comes" (the registrations' data)."""

    list_display = [*BaseEditionAdmin.list_display, "participants_link"]
    form = SeatLimitForm
    inlines = [*BaseEditionAdmin.inlines, EditionDayInline, TicketTypeInline]
    fieldsets = (*BaseEditionAdmin.fieldsets, (_("Seats"), {"fields": ("seat_limit",)}))

    @admin.display(description=_("Participants"))
    def participants_link(self, obj: Edition) -> str:
        url = reverse("admin:editions_edition_participants", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Who comes"))

    def save_model(self, request: HttpRequest, obj: Edition, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        save_seat_limit(form)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            data = getattr(inline_form, "cleaned_data", None)
            if (
                isinstance(inline_form, SeatLimitForm)
                and inline_form.instance.pk
                and data
                and not data.get("DELETE")
            ):
                save_seat_limit(inline_form)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.participants_view)
        return [path("<int:pk>/deltakere/", view, name="editions_edition_participants"), *super().get_urls()]

    def participants_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Who comes: registrations by status, sector, role, county and day, and the seat counters."""
        edition = get_object_or_404(Edition, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Participants – %(edition)s") % {"edition": edition.name},
            "edition": edition,
            "mix": participant_mix(edition),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/editions/participants.html", context)


class CapacityForm(forms.ModelForm):
    class Meta:
        model = Capacity
        fields = ["edition", "label", "limit"]

    def clean_limit(self) -> int:
        limit = self.cleaned_data["limit"]
        if self.instance.pk and limit < self.instance.taken:
            raise forms.ValidationError(seats_taken_message(self.instance.taken))
        return limit


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    """Seat counters. Raising a limit gives the new seats to the waitlist at once."""

    form = CapacityForm
    list_display = ["label", "edition", "limit", "taken"]
    list_filter = ["edition"]
    search_fields = ["label"]
    readonly_fields = ["taken"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # counters are made by giving an edition, a day or a ticket type seats

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        new_limit = obj.limit
        obj.limit = Capacity.objects.get(pk=obj.pk).limit
        obj.label = form.cleaned_data["label"]
        obj.save(update_fields=["label"])
        set_capacity_limit(capacity=obj, limit=new_limit)
        messages.info(request, _("Seats updated; anyone waiting who now fits has been given a seat."))
