from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gronnpraksis.accounts.admin import UserAdmin as AccountsUserAdmin
from gronnpraksis.accounts.models import User

from . import erasure
from .models import ErasureLogEntry, JobRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["job", "day", "started_at", "finished_at", "counts", "error"]
    list_filter = ["job"]


@admin.register(ErasureLogEntry)
class ErasureLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "subject_user_id", "performed_by_id", "counts"]


@admin.action(
    description=_("Delete the account and anonymise (on the person's request)"), permissions=["change"]
)
def delete_on_request(modeladmin, request, queryset):  # type: ignore[no-untyped-def]
    """The organisers' way to do what "Delete my account" on Min side does, for a person who asks.

    A confirm page first; then each account goes through `erasure.delete_person` with the organiser
    as `performed_by`, which writes the log entry (ids only).
    """
    if request.POST.get("confirm") != "yes":
        return TemplateResponse(
            request,
            "privacy/admin_confirm_erasure.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": _("Delete accounts on request"),
                "people": [(user, erasure.refusal(user)) for user in queryset],
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": modeladmin.model._meta,
            },
        )
    deleted = 0
    for user in list(queryset):
        try:
            erasure.delete_person(user=user, performed_by=request.user)
        except erasure.ErasureRefused as refused:
            modeladmin.message_user(request, f"#{user.pk}: {refused}", messages.WARNING)
        else:
            deleted += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d account deleted.", "%(count)d accounts deleted.", deleted) % {"count": deleted},
        messages.SUCCESS,
    )
    return None


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AccountsUserAdmin):
    """The accounts' admin with the one way to delete an account (privacy sits above accounts)."""

    # Accounts are deleted only through the action that anonymises what must stay and logs it.
    actions = [delete_on_request]
