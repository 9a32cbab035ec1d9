from django.contrib import admin
from django.http import HttpRequest

from .models import GroupMail, GroupMailTemplate


@admin.register(GroupMail)
class GroupMailAdmin(admin.ModelAdmin):
    """Read-only: the record of a sent group mail (the back office's "Sent group mails" shows the same)."""

    list_display = ["subject", "edition", "kind", "recipient_count", "sent_by", "sent_at"]
    list_filter = ["edition", "kind"]
    readonly_fields = [f.name for f in GroupMail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: GroupMail | None = None) -> bool:
        return False


@admin.register(GroupMailTemplate)
class GroupMailTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "kind", "updated_at"]
    list_filter = ["edition", "kind"]
