from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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
    list_display = [
        "title",
        "edition",
        "kind",
        "starts_at",
        "ends_at",
        "room",
        "track",
        "is_cancelled",
        "star_count",
    ]
    list_filter = ["edition", "kind", "room", "track", "is_cancelled"]
    search_fields = ["title", "description", "speakers"]
    raw_id_fields = ["contribution"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgramItem]:
        return super().get_queryset(request).annotate(star_count=Count("stars", distinct=True))

    @admin.display(description=_("starred by"), ordering="star_count")
    def star_count(self, item: ProgramItem) -> int:
        """How many participants have the item in their agenda: to size the room."""
        return item.star_count  # type: ignore[attr-defined]


@admin.register(ProgramVersion)
class ProgramVersionAdmin(admin.ModelAdmin):
    list_display = ["edition", "number", "published_at", "published_by", "note"]
    list_filter = ["edition"]
    readonly_fields = ["edition", "number", "published_at", "published_by", "note", "items", "changes"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
