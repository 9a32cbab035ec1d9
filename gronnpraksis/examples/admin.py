from django.contrib import admin

from .models import Example


@admin.register(Example)
class ExampleAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_name", "state", "stage", "created_at"]
    list_filter = ["state", "stage", "themes", "is_demo"]
    search_fields = ["title", "summary", "owner_name"]
    filter_horizontal = ["themes", "goals"]
    autocomplete_fields = ["municipalities", "owner_organisation"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
