from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Registration, Status


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "edition",
        "status",
        "ticket_type",
        "sector",
        "role",
        "municipality",
        "created_at",
    ]
    list_filter = [
        "edition",
        "status",
        "sector",
        "role",
        "ticket_type",
        "days",
        "municipality__county",
        "news_opt_in",
    ]
    search_fields = ["name", "email", "organisation_name", "organisation_number", "municipality__name"]
    date_hierarchy = "created_at"
    list_select_related = ["edition", "ticket_type", "municipality"]
    autocomplete_fields = ["municipality", "organisation"]
    # Edition, ticket and days hold seats: they change only through the participant's manage page
    # (or a cancellation), which keeps the counters right.
    readonly_fields = [
        "edition",
        "ticket_type",
        "days",
        "status",
        "waitlisted_at",
        "privacy_accepted_at",
        "created_at",
        "updated_at",
        "cancelled_at",
    ]
    # The manage token is the participant's credential: staff never see it (they act through the
    # admin and the back office, which need no token).
    exclude = ["manage_token"]
    actions = ["cancel_selected"]
    fieldsets = (
        (None, {"fields": ("edition", "status", "name", "email", "phone", "language")}),
        (
            _("Where from"),
            {
                "fields": (
                    "organisation_name",
                    "organisation_number",
                    "organisation",
                    "sector",
                    "role",
                    "municipality",
                )
            },
        ),
        (
            _("Participation"),
            {
                "fields": (
                    "ticket_type",
                    "days",
                    "payer_type",
                    "payer_name",
                    "payer_address",
                    "invoice_reference",
                    "checked_in_at",
                )
            },
        ),
        (_("Needs"), {"fields": ("dietary_needs", "accessibility_needs")}),
        (
            _("Consent and history"),
            {
                "fields": (
                    "privacy_accepted_at",
                    "news_opt_in",
                    "waitlisted_at",
                    "created_at",
                    "updated_at",
                    "cancelled_at",
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registrations go through the form, which takes seats

    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False  # deleting would leave its seats taken; cancel instead

    @admin.action(description=_("Cancel the selected registrations (seats go to the waitlist)"))
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        from .services import cancel_registration

        count = 0
        for registration in queryset.exclude(status=Status.CANCELLED):
            cancel_registration(registration=registration)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)s registration cancelled.", "%(count)s registrations cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )
