from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Edition, EditionOrganisation, Goal, Theme

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldsetSpec


class EditionOrganisationInline(admin.TabularInline):
    model = EditionOrganisation
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """An edition's own fields. `registrations/admin.py` extends it with the seat limits and "Who comes"."""

    list_display = ["name", "slug", "network", "format", "starts_on", "host_municipality", "phase", "is_demo"]
    list_filter = ["network", "format", "phase", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["host_municipality"]
    inlines: ClassVar[list[type[InlineModelAdmin[Any, Any]]]] = [EditionOrganisationInline]
    fieldsets: ClassVar[_FieldsetSpec] = (
        (None, {"fields": ("name", "slug", "network", "format", "headline", "phase", "is_demo")}),
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
    )

    def save_model(self, request: HttpRequest, obj: Edition, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "phase" in form.changed_data:  # e.g. the bank's filters name public editions only
            services.phase_changed(edition=obj)


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

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
