from django.contrib import admin
from django.http import HttpRequest

from .models import Comment, CommentReport, HelpOffer, Idea, ModerationRecord


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_name", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility", "themes"]
    search_fields = ["title", "text", "owner_name"]
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["owner", "example"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Hiding and restoring is done in the moderation queue (/ideer/moderering/), where it is recorded."""

    list_display = ["author_name", "idea", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    search_fields = ["text", "author_name"]
    readonly_fields = ["idea", "author", "author_name", "text", "is_hidden", "created_at"]


@admin.register(HelpOffer)
class HelpOfferAdmin(admin.ModelAdmin):
    list_display = ["name", "idea", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["idea", "user"]


@admin.register(ModerationRecord)
class ModerationRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "idea", "moderator_name", "reason"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ModerationRecord | None = None) -> bool:
        return False


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "created_at", "resolved_at"]
    exclude = ["reporter_key"]
    readonly_fields = ["comment", "reporter", "reason", "created_at", "resolved_at"]
