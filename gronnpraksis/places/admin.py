from django.contrib import admin
from django.http import HttpRequest

from .models import County, Municipality


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "name", "valid_from", "valid_to"]
    search_fields = ["number", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "valid_from", "valid_to"]
    list_filter = ["county"]
    search_fields = ["number", "name", "name_norwegian"]
    readonly_fields = ["neighbours"]  # reference data, from naboer_2024.csv

    def has_delete_permission(self, request: HttpRequest, obj: Municipality | None = None) -> bool:
        return False  # numbers are never deleted; set valid_to instead
