from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .models import Capacity, Edition, EditionDay, EditionOrganisation, Goal, Theme, TicketType


class EditionOrganisationInline(admin.TabularInline):
    model = EditionOrganisation
    extra = 1
    autocomplete_fields = ["organisation"]


class EditionDayInline(admin.TabularInline):
    model = EditionDay
    extra = 0
    fields = ["date", "label", "starts_at", "ends_at", "capacity"]
    raw_id_fields = ["capacity"]


class TicketTypeInline(admin.TabularInline):
    model = TicketType
    extra = 0
    fields = ["name", "description", "price", "capacity", "is_active", "position"]
    raw_id_fields = ["capacity"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "starts_on", "host_municipality", "phase", "is_demo", "participants_link"]
    list_filter = ["phase", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["host_municipality"]
    raw_id_fields = ["capacity"]
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
        (_("Seats"), {"fields": ("capacity",)}),
    )

    def get_urls(self):  # type: ignore[no-untyped-def]
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
        limit = self.cleaned_data["limit"]
        if self.instance.pk and limit < self.instance.taken:
            raise forms.ValidationError(
                _("%(taken)s seats are already taken; the limit cannot be lower.")
                % {"taken": self.instance.taken}
            )
        return limit


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    """Seat counters. Raising a limit gives the new seats to the waitlist at once."""

    form = CapacityForm
    list_display = ["label", "edition", "limit", "taken"]
    list_filter = ["edition"]
    search_fields = ["label"]
    readonly_fields = ["taken"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
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

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
