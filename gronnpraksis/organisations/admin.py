from django.contrib import admin
from django.http import HttpRequest

from .models import Organisation, RegisterEntry


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "sector", "municipality"]
    list_filter = ["sector"]
    search_fields = ["name", "number"]
    autocomplete_fields = ["municipality"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """The copy of Enhetsregisteret, read only: it is written by `manage.py import_enhetsregisteret`."""

    list_display = ["number", "name", "form", "postcode", "city"]
    search_fields = ["number", "name"]
    show_full_result_count = False  # a million rows: no COUNT(*) on every page

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: RegisterEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: RegisterEntry | None = None) -> bool:
        return False
