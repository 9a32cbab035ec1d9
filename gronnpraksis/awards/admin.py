"""The admin shows award rounds, nominations, prizes and the audit log, read-only where a change must go
through the back office (and its audit log). Votes and used ballots are not in the admin at all: the
running count of a vote is hidden from everyone until it closes, and the back office shows the counts
after that."""

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry, AwardRound, Criterion, Nomination, Prize


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "edition",
        "mode",
        "nominations_close_at",
        "shortlist_published_at",
        "result_published_at",
    ]
    list_select_related = ["edition"]
    inlines = [CriterionInline]
    # Publishing and closing are decisions with an audit entry: the back office makes them.
    readonly_fields = ["edition", "shortlist_published_at", "vote_closed_at", "result_published_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # set up in the back office, with the default criteria and an audit entry


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "nominator_name", "eligibility", "on_shortlist", "created_at"]
    list_filter = ["round", "eligibility", "on_shortlist", "is_self_nomination"]
    search_fields = ["example__title", "nominator_name", "nominator_email"]
    list_select_related = ["example", "round__edition"]
    readonly_fields = [
        "round",
        "example",
        "eligibility",
        "eligibility_reason",
        "eligibility_decided_by",
        "eligibility_decided_at",
        "on_shortlist",
        "nominee_notified_at",
        "created_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Prize)
class PrizeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "decided_by", "decided_at"]
    list_select_related = ["round__edition", "nomination__example", "decided_by"]
    readonly_fields = [
        "round",
        "kind",
        "nomination",
        "computed_nomination",
        "override_reason",
        "decided_by",
        "decided_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "round", "by_name", "action"]
    list_filter = ["round", "action"]
    list_select_related = ["round__edition"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
