"""The jury's pages under /arrangor/<edition>/jury/: the nominations to score, scoring one, declaring
a conflict of interest, and the jury's aggregate ranking.

A juror never sees another juror's individual scores or comments. The aggregate (mean, lowest–highest,
standard deviation) is shown only when they have scored every nomination they score, never for a
nomination they declared a conflict for (such a nomination is a 404 to them), and only for nominations
that at least three jurors scored (`scoring.for_juror`): with two, the figures give away the colleague's
total.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gronnpraksis.core.scoring import ConflictForm
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest

from .. import scoring, services
from ..forms import JuryScoreForm
from ..models import AwardRound, Criterion, JuryAssessment, Nomination
from ..permissions import get_nomination_for_juror, jury_view


def _page(request: TeamRequest, template: str, edition: Edition, award: AwardRound, **context):  # type: ignore[no-untyped-def]
    status = context.pop("status", 200)
    return render(
        request, f"awards/jury/{template}", {"edition": edition, "award": award, **context}, status=status
    )


@jury_view
def nominations(request: TeamRequest, edition: Edition, award: AwardRound) -> HttpResponse:
    to_score = list(scoring.nominations_for_juror(award, request.user).order_by("example__title"))
    own = {
        a.nomination_id: a
        for a in JuryAssessment.objects.filter(juror=request.user, nomination__round=award).select_related(
            "nomination__example"
        )
    }
    return _page(
        request,
        "nominations.html",
        edition,
        award,
        rows=[(n, own.get(n.pk)) for n in to_score],
        conflicts=[a for a in own.values() if a.conflict_of_interest],
        scored=sum(1 for n in to_score if own.get(n.pk) and own[n.pk].submitted_at),
        total=len(to_score),
        open=award.shortlist_published_at is None,
    )


@jury_view
@require_http_methods(["GET", "POST"])
def score(request: TeamRequest, edition: Edition, award: AwardRound, pk: int) -> HttpResponse:
    """Score one nomination: a score and a comment per criterion. Shows only the juror's own scores."""
    nomination = get_nomination_for_juror(award, request.user, pk)
    nomination.round = award
    criteria = list(Criterion.objects.filter(round=award))
    own = JuryAssessment.objects.filter(nomination=nomination, juror=request.user).first()
    initial: dict[str, object] = {}
    if own is not None:
        for s in own.scores.all():
            initial |= {f"score_{s.criterion_id}": s.value, f"comment_{s.criterion_id}": s.comment}
    form = JuryScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scoring.submit_scores(nomination=nomination, juror=request.user, scores=form.scores())
        except services.AwardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your scores for “%(title)s” are saved.") % {"title": nomination.title}
            )
            return redirect("awards_backoffice:jury", edition=edition.slug)
    return _page(
        request,
        "score.html",
        edition,
        award,
        nomination=nomination,
        answers=nomination.answers.select_related("criterion"),
        form=form,
        criteria=criteria,
        own=own,
        open=award.shortlist_published_at is None,
        status=400 if form.errors else 200,
    )


@jury_view
@require_http_methods(["GET", "POST"])
def conflict(request: TeamRequest, edition: Edition, award: AwardRound, pk: int) -> HttpResponse:
    """Declare a conflict of interest: the nomination then leaves the juror's scoring for good."""
    nomination = get_nomination_for_juror(award, request.user, pk)
    nomination.round = award
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scoring.declare_conflict(
                nomination=nomination, juror=request.user, reason=form.cleaned_data["reason"]
            )
        except services.AwardError as error:
            form.add_error(None, str(error))
        else:
            messages.info(
                request, _("You are marked as not impartial for “%(title)s”.") % {"title": nomination.title}
            )
            return redirect("awards_backoffice:jury", edition=edition.slug)
    return _page(
        request,
        "conflict.html",
        edition,
        award,
        nomination=nomination,
        form=form,
        status=400 if form.errors else 200,
    )


@jury_view
def ranking(request: TeamRequest, edition: Edition, award: AwardRound) -> HttpResponse:
    """The jury's aggregate ranking, once the juror has scored every nomination they score."""
    scored, total = scoring.jury_progress(award, request.user)
    visible = total > 0 and scored == total
    rows = []
    if visible:
        rows = scoring.for_juror(
            scoring.jury_ranking(
                scoring.with_assessments(
                    Nomination.objects.filter(
                        pk__in=scoring.nominations_for_juror(award, request.user).values("pk")
                    ).select_related("example")
                )
            )
        )
    return _page(
        request,
        "ranking.html",
        edition,
        award,
        visible=visible,
        rows=rows,
        scored=scored,
        total=total,
        max_total=scoring.max_total(award),
        min_jurors=scoring.MIN_JURORS_FOR_FIGURES,
        any_hidden=any(row.hidden for row in rows),
    )
