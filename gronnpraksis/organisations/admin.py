from django.contrib import admin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "sector", "municipality"]
    list_filter = ["sector"]
    search_fields = ["name", "number"]
    autocomplete_fields = ["municipality"]
