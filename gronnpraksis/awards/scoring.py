"""The jury's work: who is on it, conflicts of interest, scores per criterion and the jury's ranking.

A juror scores the eligible nominations they have not declared a conflict for; the scores are final
when the shortlist is published. Who may see what is decided in the views (`backoffice/jury.py`): a juror sees
the ranking only once they have scored everything they score (`can_see_jury_ranking`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.core import scoring as core_scoring
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole

from .models import AuditAction, AwardRound, Criterion, Eligibility, JuryAssessment, JuryScore, Nomination
from .services import AwardError, log


def jurors(edition: Edition) -> list[User]:
    ids = TeamMember.objects.filter(edition=edition, role=TeamRole.JUROR).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("name", "email"))


def conflicted_ids(award: AwardRound, juror: User) -> set[int]:
    return set(
        JuryAssessment.objects.filter(
            nomination__round=award, juror=juror, conflict_of_interest=True
        ).values_list("nomination_id", flat=True)
    )


def nominations_for_juror(award: AwardRound, juror: User):  # type: ignore[no-untyped-def]
    """What a juror scores: the eligible nominations, without those they declared a conflict for."""
    return (
        Nomination.objects.eligible()
        .filter(round=award)
        .exclude(assessments__juror=juror, assessments__conflict_of_interest=True)
        .select_related("example")
    )


def check_jury_open(award: AwardRound) -> None:
    if award.shortlist_published_at is not None:
        raise AwardError(_("The shortlist is published; the jury's scores are final."))


@transaction.atomic
def declare_conflict(*, nomination: Nomination, juror: User, reason: str) -> JuryAssessment:
    """The juror is not impartial: the nomination leaves their scoring, any scores they gave are
    deleted, and they never see its figures. Side effects: the assessment row, its scores deleted."""
    check_jury_open(nomination.round)
    assessment, _created = JuryAssessment.objects.get_or_create(nomination=nomination, juror=juror)
    assessment.scores.all().delete()
    assessment.conflict_of_interest = True
    assessment.conflict_reason = reason
    assessment.submitted_at = None
    assessment.save()
    return assessment


@transaction.atomic
def withdraw_conflict(*, assessment: JuryAssessment, by: User) -> None:
    """An organiser takes back a juror's conflict of interest; the juror may then score the nomination.
    Side effects: deletes the assessment row, a log entry."""
    check_jury_open(assessment.nomination.round)
    assessment.delete()
    log(
        round=assessment.nomination.round,
        by=by,
        action=AuditAction.CONFLICT_WITHDRAWN,
        what=f"{assessment.juror}: {assessment.nomination.title}",
        why=assessment.conflict_reason,
    )


@transaction.atomic
def submit_scores(
    *, nomination: Nomination, juror: User, scores: Mapping[int, tuple[int, str]]
) -> JuryAssessment:
    """Save a juror's score and comment for every criterion; submitting again replaces them.
    Side effects: the assessment row and its JuryScore rows."""
    award = nomination.round
    check_jury_open(award)
    if nomination.eligibility != Eligibility.ELIGIBLE:
        raise AwardError(_("Only eligible nominations are scored."))
    assessment, _created = JuryAssessment.objects.get_or_create(nomination=nomination, juror=juror)
    if assessment.conflict_of_interest:
        raise AwardError(_("You declared that you are not impartial, so you cannot score it."))
    criteria = list(Criterion.objects.filter(round=award))
    if not criteria:
        raise AwardError(_("The organisers have not set up any criteria yet."))
    problem = core_scoring.score_problem(criteria, {pk: value for pk, (value, _comment) in scores.items()})
    if problem:
        raise AwardError(problem)
    assessment.scores.all().delete()
    JuryScore.objects.bulk_create(
        JuryScore(assessment=assessment, criterion=c, value=scores[c.pk][0], comment=scores[c.pk][1])
        for c in criteria
    )
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at", "updated_at"])
    return assessment


@dataclass(frozen=True)
class JuryRanked(core_scoring.Figures):
    nomination: Nomination
    hidden: bool = False  # figures left out for a juror (`for_juror`)

    @property
    def jurors(self) -> int:
        """How many jurors' submitted scores the figures come from (conflicts of interest left out)."""
        return self.scored


def with_assessments(queryset):  # type: ignore[no-untyped-def]
    """Nominations with their assessments, jurors and scores, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "assessments",
            queryset=JuryAssessment.objects.select_related("juror").prefetch_related("scores__criterion"),
        )
    )


def jury_ranking(nominations: Iterable[Nomination]) -> list[JuryRanked]:
    """Nominations by the mean of the jurors' total scores, highest first; unscored ones last.
    Expects the nominations `with_assessments`."""
    rows = [
        JuryRanked(
            nomination=nomination,
            **core_scoring.figures(core_scoring.submitted_totals(nomination.assessments.all())),
        )
        for nomination in nominations
    ]
    return core_scoring.by_mean(rows, lambda r: r.nomination.title)


# A juror sees a nomination's figures only when at least this many jurors scored it. With two, the mean,
# the lowest–highest and the standard deviation each give away the colleague's total (the juror knows
# their own); with three or more, what the figures show cannot be traced back to one colleague.
MIN_JURORS_FOR_FIGURES = 3


def for_juror(ranked: list[JuryRanked]) -> list[JuryRanked]:
    """The ranking as a juror may see it: nominations scored by fewer than MIN_JURORS_FOR_FIGURES
    jurors have no figures and come last, in title order, so not even their place hints at a
    colleague's scores."""
    shown = [r for r in ranked if r.jurors >= MIN_JURORS_FOR_FIGURES]
    hidden = [
        JuryRanked(nomination=r.nomination, scored=r.scored, **core_scoring.NO_FIGURES, hidden=True)
        for r in sorted(ranked, key=lambda r: r.nomination.title.lower())
        if r.jurors < MIN_JURORS_FOR_FIGURES
    ]
    return shown + hidden


def jury_progress(award: AwardRound, juror: User) -> tuple[int, int]:
    """(scored, to score) for the juror: submitted assessments of the nominations they score."""
    to_score = nominations_for_juror(award, juror)
    scored = JuryAssessment.objects.filter(
        juror=juror, nomination__in=to_score, submitted_at__isnull=False
    ).count()
    return scored, to_score.count()


def can_see_jury_ranking(award: AwardRound, juror: User) -> bool:
    """A juror sees the jury's aggregate only when they have scored every nomination they score."""
    scored, total = jury_progress(award, juror)
    return total > 0 and scored == total


def max_total(award: AwardRound) -> int:
    return core_scoring.max_total(Criterion.objects.filter(round=award))
