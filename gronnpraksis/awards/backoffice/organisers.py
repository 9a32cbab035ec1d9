"""The organisers' award pages under /arrangor/<edition>/prisen/: settings, criteria, nominations and
their eligibility, the jury's ranking, the shortlist, the vote, the result and the audit log.

Every view is wrapped in `team_view(organiser=True)`; objects are fetched through `permissions`.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnpraksis.core import scoring as core_scoring
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from .. import results, scoring, services, stuffing, voting
from ..forms import (
    CriterionForm,
    EligibilityForm,
    NominationFilterForm,
    PrizeForm,
    RoundForm,
    SetUpForm,
    ShortlistForm,
)
from ..models import (
    AuditEntry,
    AwardRound,
    Criterion,
    Eligibility,
    JuryAssessment,
    Nomination,
    Prize,
    PrizeKind,
)
from ..permissions import (
    get_conflict_for_organiser,
    get_criterion_for_organiser,
    get_nomination_for_organiser,
    get_round,
)
from ..views import _phases


def _page(
    request: TeamRequest, template: str, edition: Edition, role: str, award: AwardRound | None, **context
):  # type: ignore[no-untyped-def]
    status = context.pop("status", 200)
    return render(
        request,
        f"awards/backoffice/{template}",
        {"edition": edition, "role": role, "award": award, **context},
        status=status,
    )


def _fail(request: TeamRequest, error: Exception) -> None:
    messages.error(request, str(error))


@team_view(organiser=True)
def overview(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Where the round stands and what to do next; a form to set the round up if there is none."""
    award = AwardRound.objects.filter(edition=edition).first()
    if award is None:
        return _page(request, "overview.html", edition, role, None, setup_form=SetUpForm())
    award.edition = edition
    stage = award.stage()
    counts = dict(award.nominations.values_list("eligibility").annotate(n=Count("id")).order_by())
    progress = [(juror, *scoring.jury_progress(award, juror)) for juror in scoring.jurors(edition)]
    return _page(
        request,
        "overview.html",
        edition,
        role,
        award,
        stage=stage,
        phases=_phases(award, stage),
        counts=[(label, counts.get(value, 0), value) for value, label in Eligibility.choices],
        progress=progress,
        finalists=award.nominations.filter(on_shortlist=True).count(),
        prizes=Prize.objects.filter(round=award).select_related("nomination__example"),
    )


@require_POST
@team_view(organiser=True)
def set_up(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    form = SetUpForm(request.POST)
    if form.is_valid():
        services.set_up_round(edition=edition, mode=form.cleaned_data["mode"], by=request.user)
        messages.success(
            request, _("The award round is set up with the four criteria of 2022. Check the dates.")
        )
        return redirect("awards_backoffice:bo_settings", edition=edition.slug)
    return _page(request, "overview.html", edition, role, None, setup_form=form, status=400)


@team_view(organiser=True)
def round_settings(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    form = RoundForm(request.POST or None, instance=AwardRound.objects.get(pk=award.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in RoundForm.Meta.fields}
        try:
            services.update_round(award=award, changes=changes, by=request.user)
        except services.AwardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("awards_backoffice:bo_overview", edition=edition.slug)
    return _page(
        request, "settings.html", edition, role, award, form=form, status=400 if form.errors else 200
    )


@team_view(organiser=True)
def criteria(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    form = CriterionForm(request.POST or None, owner=award)
    if core_scoring.save_posted_criterion(request, form, services.save_criterion, services.AwardError):
        return redirect("awards_backoffice:bo_criteria", edition=edition.slug)
    return _page(
        request,
        "criteria.html",
        edition,
        role,
        award,
        form=form,
        criteria=Criterion.objects.filter(round=award),
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def criterion(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    award = get_round(edition)
    item = get_criterion_for_organiser(award, pk)
    form = CriterionForm(request.POST or None, instance=item, owner=award)
    if core_scoring.save_posted_criterion(request, form, services.save_criterion, services.AwardError):
        return redirect("awards_backoffice:bo_criteria", edition=edition.slug)
    return _page(
        request,
        "criterion.html",
        edition,
        role,
        award,
        form=form,
        criterion=item,
        status=400 if form.errors else 200,
    )


@require_POST
@team_view(organiser=True)
def criterion_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    item = get_criterion_for_organiser(get_round(edition), pk)
    core_scoring.delete_with_message(request, item, services.delete_criterion, services.AwardError)
    return redirect("awards_backoffice:bo_criteria", edition=edition.slug)


@team_view(organiser=True)
def nominations(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    form = NominationFilterForm(request.GET or None)
    shown = award.nominations.select_related("example").prefetch_related("example__municipalities")
    if form.is_valid() and form.cleaned_data["eligibility"]:
        shown = shown.filter(eligibility=form.cleaned_data["eligibility"])
    counts = dict(award.nominations.values_list("eligibility").annotate(n=Count("id")).order_by())
    return _page(
        request,
        "nominations.html",
        edition,
        role,
        award,
        form=form,
        nominations=shown.order_by("-created_at", "-id"),
        counts=[(label, counts.get(value, 0)) for value, label in Eligibility.choices],
    )


@team_view(organiser=True)
def nomination(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """A nomination with its answers, the nominator's contact details, and the eligibility decision."""
    award = get_round(edition)
    item = get_nomination_for_organiser(award, pk)
    item.round = award
    initial = {"decision": item.eligibility, "reason": item.eligibility_reason}
    form = EligibilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_eligibility(
                nomination=item,
                eligible=form.cleaned_data["decision"] == Eligibility.ELIGIBLE,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.AwardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("“%(title)s”: %(decision)s.")
                % {"title": item.title, "decision": item.get_eligibility_display()},
            )
            return redirect("awards_backoffice:bo_nomination", edition=edition.slug, pk=item.pk)
    return _page(
        request,
        "nomination.html",
        edition,
        role,
        award,
        nomination=item,
        answers=item.answers.select_related("criterion"),
        others=award.nominations.filter(example=item.example_id).exclude(pk=item.pk),
        form=form,
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def jury(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The jury's ranking with every juror's total and comments, conflicts and progress."""
    award = get_round(edition)
    eligible = scoring.with_assessments(
        Nomination.objects.eligible().filter(round=award).select_related("example")
    )
    jurors = scoring.jurors(edition)
    return _page(
        request,
        "jury.html",
        edition,
        role,
        award,
        rows=scoring.jury_ranking(eligible),
        jurors=jurors,
        progress=[(juror, *scoring.jury_progress(award, juror)) for juror in jurors],
        conflicts=JuryAssessment.objects.filter(
            nomination__round=award, conflict_of_interest=True
        ).select_related("juror", "nomination__example"),
        max_total=scoring.max_total(award),
    )


@require_POST
@team_view(organiser=True)
def conflict_withdraw(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    award = get_round(edition)
    try:
        scoring.withdraw_conflict(assessment=get_conflict_for_organiser(award, pk), by=request.user)
    except services.AwardError as error:
        _fail(request, error)
    else:
        messages.success(
            request, _("The conflict of interest is withdrawn; the juror can score the nomination.")
        )
    return redirect("awards_backoffice:bo_jury", edition=edition.slug)


@team_view(organiser=True)
def shortlist(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Choose and publish the finalists; the jury's top ones are chosen to start with."""
    award = get_round(edition)
    suggested = [n.pk for n in results.suggested_shortlist(award)]
    form = ShortlistForm(request.POST or None, award=award, initial={"nominations": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            results.publish_shortlist(
                award=award, nominations=list(form.cleaned_data["nominations"]), by=request.user
            )
        except services.AwardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The shortlist is published."))
            return redirect("awards_backoffice:bo_overview", edition=edition.slug)
    return _page(
        request,
        "shortlist.html",
        edition,
        role,
        award,
        form=form,
        finalists=award.nominations.filter(on_shortlist=True).select_related("example"),
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def vote(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The vote's state. Once it has closed: the counted votes per finalist, the rule that decided
    which votes count, the votes left out and why, and what could indicate stuffing. While it runs,
    organisers see no count either."""
    award = get_round(edition)
    context: dict[str, object] = {"rows": None}
    if award.has_vote and award.vote_closed():
        checks = stuffing.indicators(award)
        context = {
            "rows": [(n, counted) for n, counted, _late in checks.late],
            "total": sum(counted for _n, counted, _late in checks.late),
            "checks": checks,
            "left_out": voting.uncounted_votes(award),
        }
    return _page(request, "vote.html", edition, role, award, **context)


@require_POST
@team_view(organiser=True)
def vote_close(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    try:
        voting.close_vote(award=award, by=request.user)
    except services.AwardError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The vote is closed. The counts are shown below."))
    return redirect("awards_backoffice:bo_vote", edition=edition.slug)


@team_view(organiser=True)
def result(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Record each prize's winner and citation (an override needs a reason), then publish."""
    award = get_round(edition)
    posted = request.POST.get("kind") if request.method == "POST" else None
    recorded = {
        p.kind: p
        for p in Prize.objects.filter(round=award).select_related("nomination__example", "decided_by")
    }
    sections: list[dict] = []
    for kind in award.prize_kinds:
        prize = recorded.get(kind)
        initial = {"nomination": prize.nomination_id, "citation": prize.citation} if prize else {}
        form = PrizeForm(request.POST if posted == kind else None, award=award, prefix=kind, initial=initial)
        try:
            results.check_can_record(award, kind)
            computed, leaders = results.computed_winner(award, kind)
            blocked = ""
        except services.AwardError as error:
            computed, leaders, blocked = None, [], str(error)
        if posted == kind and not blocked and form.is_valid():
            try:
                results.record_prize(
                    award=award,
                    kind=kind,
                    nomination=form.cleaned_data["nomination"],
                    citation=form.cleaned_data["citation"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except results.ReasonNeeded as error:
                form.add_error("reason", str(error))
            except services.AwardError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("%(prize)s is recorded.") % {"prize": PrizeKind(kind).label})
                return redirect("awards_backoffice:bo_result", edition=edition.slug)
        sections.append(
            {
                "kind": kind,
                "label": PrizeKind(kind).label,
                "form": form,
                "prize": prize,
                "computed": computed,
                "leaders": leaders,
                "blocked": blocked,
            }
        )
    invalid = any(s["form"].errors for s in sections)
    return _page(
        request, "result.html", edition, role, award, sections=sections, status=400 if invalid else 200
    )


@require_POST
@team_view(organiser=True)
def result_publish(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    try:
        results.publish_result(award=award, by=request.user)
    except services.AwardError as error:
        _fail(request, error)
        return redirect("awards_backoffice:bo_result", edition=edition.slug)
    messages.success(request, _("The result is published on the prize page."))
    return redirect("awards_backoffice:bo_overview", edition=edition.slug)


@team_view(organiser=True)
def audit_log(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    award = get_round(edition)
    return _page(request, "log.html", edition, role, award, entries=AuditEntry.objects.filter(round=award))
