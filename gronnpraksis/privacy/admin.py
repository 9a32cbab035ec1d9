from django.contrib import admin

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
