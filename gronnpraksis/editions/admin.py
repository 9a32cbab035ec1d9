from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from .models import Capacity, Edition, EditionDay, EditionOrganisation, Goal, Theme, TicketType


class EditionOrganisationInline(admin.TabularInline):
    model = EditionOrganisation
    extra = 1
    autocomplete_fields = ["organisation"]


class SeatLimitForm(forms.ModelForm):
    """Adds "seats" to an edition, a day or a ticket type; saved through the seat service so the
    counter always matches the confirmed registrations (see `registrations.services.set_seat_limit`)."""

    seat_limit = forms.IntegerField(
        label=_("seats"), required=False, min_value=0, help_text=_("Empty: no limit.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = getattr(self.instance, "capacity", None)
        if capacity is not None:
            self.fields["seat_limit"].initial = capacity.limit

    def clean_seat_limit(self) -> int | None:
        from gronnpraksis.registrations.services import confirmed_using, seats_taken_message

        limit = self.cleaned_data["seat_limit"]
        if limit is None or not self.instance.pk:
            return limit
        capacity = self.instance.capacity
        taken = capacity.taken if capacity else confirmed_using(self.instance).values("id").distinct().count()
        if limit < taken:
            raise forms.ValidationError(seats_taken_message(taken))
        return limit


def save_seat_limit(form: forms.ModelForm) -> None:
    from gronnpraksis.registrations.services import set_seat_limit

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


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "starts_on", "host_municipality", "phase", "is_demo", "participants_link"]
    list_filter = ["phase", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["host_municipality"]
    form = SeatLimitForm
    inlines = [EditionOrganisationInline, EditionDayInline, TicketTypeInline]

    @admin.display(description=_("Participants"))
    def participants_link(self, obj: Edition) -> str:
        from django.urls import reverse
        from django.utils.html import format_html

        url = reverse("admin:editions_edition_participants", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Who comes"))

    fieldsets = (
        (None, {"fields": ("name", "slug", "headline", "phase", "is_demo")}),
        (
            _("Time and place"),
            {
                "fields": (
                    "starts_on",
                    "ends_on",
                    "timezone",
                    "venue_name",
                    "venue_address",
                    "host_municipality",
                )
            },
        ),
        (
            _("Deadlines"),
            {"fields": ("registration_deadline", "contribution_deadline", "nomination_deadline")},
        ),
        (_("Texts"), {"fields": ("intro", "audience", "perspective", "award_text", "contact_email")}),
        (
            _("Film and parallel programme"),
            {
                "fields": (
                    "film_url",
                    "film_title",
                    "partner_programme_name",
                    "partner_programme_url",
                    "partner_programme_text",
                )
            },
        ),
        (_("Seats"), {"fields": ("seat_limit",)}),
    )

    def save_model(self, request: HttpRequest, obj: Edition, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        save_seat_limit(form)
        if "phase" in form.changed_data:  # the bank's "presented at" and prize filters name public editions
            from gronnpraksis.awards.models import Nomination
            from gronnpraksis.examples.services import index_examples

            contributed = obj.contributions.values_list("example_id", flat=True)
            nominated = Nomination.objects.filter(round__edition=obj).values_list("example_id", flat=True)
            index_examples({*contributed, *nominated})

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: forms.BaseModelFormSet, change: bool
    ) -> None:
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
        from gronnpraksis.registrations.reports import participant_mix

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
        from gronnpraksis.registrations.services import seats_taken_message

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

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Capacity, form: forms.ModelForm, change: bool) -> None:
        from gronnpraksis.registrations.services import set_capacity_limit

        if not change:
            super().save_model(request, obj, form, change)
            return
        new_limit = obj.limit
        obj.limit = Capacity.objects.get(pk=obj.pk).limit
        obj.label = form.cleaned_data["label"]
        obj.save(update_fields=["label"])
        set_capacity_limit(capacity=obj, limit=new_limit)
        messages.info(request, _("Seats updated; anyone waiting who now fits has been given a seat."))


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
