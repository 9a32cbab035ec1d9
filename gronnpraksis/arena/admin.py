from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import CheckInPass, Scan


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    """The scan log, read only: rows are appended at the door and never changed."""

    list_display = ["scanned_at", "edition", "day", "registration", "result", "method", "staff", "device"]
    list_filter = ["edition", "result", "method", "day"]
    search_fields = ["registration__name", "device", "staff__email"]
    list_select_related = ["edition", "day", "registration", "staff"]
    date_hierarchy = "scanned_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Scan | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Scan | None = None) -> bool:
        return False


@admin.register(CheckInPass)
class CheckInPassAdmin(admin.ModelAdmin):
    """The secret itself is never shown; a copied ticket is stopped by giving it a new one."""

    list_display = ["registration", "created_at", "rotated_at"]
    search_fields = ["registration__name", "registration__email"]
    list_select_related = ["registration__edition"]
    fields = ["registration", "created_at", "rotated_at"]
    readonly_fields = ["registration", "created_at", "rotated_at"]
    actions = ["rotate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Give the tickets a new check-in code (the old QR codes stop working)"))
    def rotate(self, request: HttpRequest, queryset: QuerySet[CheckInPass]) -> None:
        passes = list(queryset.select_related("registration"))
        for checkin_pass in passes:
            services.rotate_pass(registration=checkin_pass.registration)
        count = len(passes)
        self.message_user(
            request,
            ngettext("%(count)d ticket has a new code.", "%(count)d tickets have a new code.", count)
            % {"count": count},
            messages.SUCCESS,
        )
