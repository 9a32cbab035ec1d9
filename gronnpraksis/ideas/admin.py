from django.contrib import admin

from .models import Idea


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_name", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility", "themes"]
    search_fields = ["title", "text", "owner_name"]
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["owner"]
