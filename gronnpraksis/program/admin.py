from django.contrib import admin

from .models import ProgramItem, ProgramVersion, Room, Track


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "capacity", "features"]
    list_filter = ["edition"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "is_partner"]
    list_filter = ["edition", "is_partner"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProgramItem)
class ProgramItemAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "kind", "starts_at", "ends_at", "room", "track", "is_cancelled"]
    list_filter = ["edition", "kind", "room", "track", "is_cancelled"]
    search_fields = ["title", "description", "speakers"]
    raw_id_fields = ["contribution"]


@admin.register(ProgramVersion)
class ProgramVersionAdmin(admin.ModelAdmin):
    list_display = ["edition", "number", "published_at", "published_by", "note"]
    list_filter = ["edition"]
    readonly_fields = ["edition", "number", "published_at", "published_by", "note", "items", "changes"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
