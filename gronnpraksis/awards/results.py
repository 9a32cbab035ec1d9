"""The shortlist and the result: publishing the finalists, the computed winner, recording each prize with
its citation (an override needs a reason) and publishing the result. Every step is in the audit log."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.accounts.models import User
from gronnpraksis.examples.registry import examples_changed
from gronnpraksis.registrations.personal_data import forget_network_markers

from .models import AuditAction, AwardRound, Eligibility, Nomination, Prize, PrizeKind, Stage
from .scoring import jury_ranking, with_assessments
from .services import AwardError, log
from .voting import vote_counts


class ReasonNeeded(AwardError):
    """Another winner than the computed one was chosen without a reason."""


def suggested_shortlist(award: AwardRound) -> list[Nomination]:
    """The eligible nominations the jury ranks highest, as many as the shortlist holds."""
    ranked = jury_ranking(
        with_assessments(Nomination.objects.eligible().filter(round=award).select_related("example"))
    )
    return [r.nomination for r in ranked[: award.shortlist_size]]


@transaction.atomic
def publish_shortlist(*, award: AwardRound, nominations: list[Nomination], by: User) -> AwardRound:
    """Publish the finalists once nominations have closed; final. Side effects: the nominations'
    shortlist flag, the round's `shortlist_published_at`, a log entry."""
    if not award.nominations_closed():
        raise AwardError(_("The shortlist can be published when nominations have closed."))
    if not nominations:
        raise AwardError(_("Choose the finalists."))
    if len(nominations) > award.shortlist_size:
        raise AwardError(
            ngettext(
                "Choose at most %(size)s finalist.",
                "Choose at most %(size)s finalists.",
                award.shortlist_size,
            )
            % {"size": award.shortlist_size}
        )
    if any(n.round_id != award.pk or n.eligibility != Eligibility.ELIGIBLE for n in nominations):
        raise AwardError(_("Only eligible nominations can be finalists."))
    now = timezone.now()
    if not AwardRound.objects.filter(pk=award.pk, shortlist_published_at__isnull=True).update(
        shortlist_published_at=now
    ):
        raise AwardError(_("The shortlist is already published."))
    award.shortlist_published_at = now
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(on_shortlist=True)
    log(
        round=award,
        by=by,
        action=AuditAction.SHORTLIST,
        what="\n".join(sorted(n.title for n in nominations)),
    )
    return award


def computed_winner(award: AwardRound, kind: str) -> tuple[Nomination | None, list[Nomination]]:
    """The winner the rules give (None on a tie or with nothing counted) and the nominations in the
    lead. People's prize: most votes once the vote is closed. Jury prize: the highest jury mean."""
    finalists = Nomination.objects.shortlisted().filter(round=award).select_related("example")
    if kind == PrizeKind.PEOPLE:
        counts = vote_counts(award)
        best = max(counts.values(), default=0)
        leaders = [n for n in finalists if best and counts.get(n.pk, 0) == best]
    else:
        ranked = [r for r in jury_ranking(with_assessments(finalists)) if r.mean is not None]
        leaders = [r.nomination for r in ranked if r.mean == ranked[0].mean] if ranked else []
    return (leaders[0] if len(leaders) == 1 else None), leaders


def check_can_record(award: AwardRound, kind: str) -> None:
    if kind not in award.prize_kinds:
        raise AwardError(_("This round has no such prize."))
    if award.result_published_at is not None:
        raise AwardError(_("The result is published; it can no longer be changed."))
    if award.shortlist_published_at is None:
        raise AwardError(_("Publish the shortlist first."))
    if kind == PrizeKind.PEOPLE and not award.vote_closed():
        raise AwardError(_("The people's prize is decided when the vote has closed."))


@transaction.atomic
def record_prize(
    *, award: AwardRound, kind: str, nomination: Nomination, citation: str, reason: str, by: User
) -> Prize:
    """Record the winner of a prize with its citation. Another winner than the computed one (or any
    choice on a tie) needs a reason, kept with the prize and in the audit log. Side effects: the
    Prize row and a log entry (an override is logged as such)."""
    check_can_record(award, kind)
    if nomination.round_id != award.pk or not nomination.on_shortlist:
        raise AwardError(_("The winner must be one of the finalists."))
    if not citation.strip():
        raise AwardError(_("Write the citation (begrunnelse)."))
    computed, _leaders = computed_winner(award, kind)
    overridden = computed is None or computed.pk != nomination.pk
    if overridden and not reason.strip():
        raise ReasonNeeded(
            _("The computed winner is %(computed)s. Give the reason for choosing another winner.")
            % {"computed": computed.title if computed else _("not clear (a tie or no scores)")}
        )
    prize, _created = Prize.objects.update_or_create(
        round=award,
        kind=kind,
        defaults={
            "nomination": nomination,
            "citation": citation.strip(),
            "computed_nomination": computed,
            "override_reason": reason.strip() if overridden else "",
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    label = PrizeKind(kind).label
    what = f"{label}: {nomination.title}"
    if overridden:
        what += "\n" + _("Computed: %(computed)s") % {"computed": computed.title if computed else "–"}
    log(
        round=award,
        by=by,
        action=AuditAction.OVERRIDE if overridden else AuditAction.RESULT,
        what=what,
        why=prize.override_reason,
    )
    return prize


@transaction.atomic
def publish_result(*, award: AwardRound, by: User) -> AwardRound:
    """Publish the winners on the prize page. Side effects: `result_published_at`, a log entry, the
    winners' entries in the bank's index, and the edition's registrations' network markers forgotten
    (they served only the vote's checks)."""
    if award.has_vote and not award.vote_closed():
        raise AwardError(_("Close the vote first."))
    recorded = set(Prize.objects.filter(round=award).values_list("kind", flat=True))
    missing = [str(PrizeKind(k).label) for k in award.prize_kinds if k not in recorded]
    if missing:
        raise AwardError(_("Record the winner first: %(prizes)s.") % {"prizes": ", ".join(missing)})
    now = timezone.now()
    if not AwardRound.objects.filter(pk=award.pk, result_published_at__isnull=True).update(
        result_published_at=now
    ):
        raise AwardError(_("The result is already published."))
    award.result_published_at = now
    examples_changed(Prize.objects.filter(round=award).values_list("nomination__example_id", flat=True))
    forget_network_markers(edition=award.edition)
    log(round=award, by=by, action=AuditAction.RESULT_PUBLISHED, what=award.name)
    return award


def published_prizes(award: AwardRound) -> list[Prize]:
    if award.stage() != Stage.RESULT or award.result_published_at is None:
        return []
    return list(Prize.objects.filter(round=award).select_related("nomination__example"))
