"""The back office's review pages: contributions, reviews, the ranking, decisions and their mails.

Every view is wrapped in `team_view`, which sends anonymous visitors to log in and gives everyone
outside the edition's team a 404; objects are fetched through `permissions`.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gronnpraksis.contributions.models import Kind, State
from gronnpraksis.core import scoring
from gronnpraksis.core.http import safe_next
from gronnpraksis.core.scoring import ConflictForm
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.editions.permissions import TeamRequest, team_view

from . import services
from .forms import (
    AssignForm,
    ContributionFilterForm,
    CriterionForm,
    DecisionForm,
    DecisionTemplateForm,
    ReviewForm,
)
from .models import AuditEntry, Criterion, Decision, DecisionRecord, DecisionTemplate, Review
from .permissions import contributions_for_team, get_contribution_for_team, get_own_review

# The criteria page shows the latest changes to the criteria (the rest stay in the database).
CRITERIA_LOG_SHOWN = 20


@team_view()
def contribution_list(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Contributions with filters and counts; organisers can decide on the checked ones."""
    base = contributions_for_team(request.user, edition, role)
    form = ContributionFilterForm(
        request.GET or None, contributions=base, reviewer=role != TeamRole.ORGANISER
    )
    shown = services.with_reviews(
        form.filter(base).select_related("municipality").prefetch_related("themes", "contributors")
    ).order_by("-submitted_at", "-id")
    kind_counts = dict(base.values_list("kind").annotate(n=Count("id")).order_by())
    state_counts = dict(base.values_list("state").annotate(n=Count("id")).order_by())
    rows = services.ranking(shown) if role == TeamRole.ORGANISER else None
    return render(
        request,
        "reviews/contributions.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "contributions": shown if rows is None else None,
            "rows": sorted(
                rows, key=lambda r: r.contribution.submitted_at or r.contribution.created_at, reverse=True
            )
            if rows is not None
            else None,
            "kind_counts": [(label, kind_counts.get(value, 0)) for value, label in Kind.choices],
            "state_counts": [
                (label, state_counts.get(value, 0)) for value, label in State.choices if value in state_counts
            ],
            "total": base.count(),
            "own_reviews": {
                r.contribution_id: r
                for r in Review.objects.filter(reviewer=request.user, contribution__edition=edition)
            },
            "decision_form": DecisionForm(edition=edition) if role == TeamRole.ORGANISER else None,
            "max_total": services.max_total(edition),
        },
    )


@team_view()
def contribution_detail(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    contribution = get_contribution_for_team(request, edition, role, pk)
    own = Review.objects.filter(contribution=contribution, reviewer=request.user).first()
    show_others = services.can_see_others_reviews(request.user, contribution, role)
    reviews = (
        Review.objects.filter(contribution=contribution)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
        if show_others
        else Review.objects.none()
    )
    organiser = role == TeamRole.ORGANISER
    return render(
        request,
        "reviews/contribution.html",
        {
            "edition": edition,
            "role": role,
            "contribution": contribution,
            "own_review": own,
            "reviews": reviews,
            "show_others": show_others,
            "assign_form": AssignForm(edition=edition, contribution=contribution) if organiser else None,
            "decision_form": DecisionForm(edition=edition, initial={"contributions": [contribution.pk]})
            if organiser
            else None,
            "decisions": DecisionRecord.objects.filter(contribution=contribution).select_related("decided_by")
            if organiser
            else None,
            "placements": contribution.program_items.select_related("room").order_by("starts_at")
            if organiser
            else None,
            "criteria": Criterion.objects.filter(edition=edition),
            "changes": contribution.changes.select_related("changed_by"),  # type: ignore[attr-defined]
        },
    )


@team_view()
def review(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """The reviewer's own review: a score per criterion and a comment, or a conflict of interest."""
    contribution = get_contribution_for_team(request, edition, role, pk)
    own = get_own_review(request, contribution)
    criteria = list(Criterion.objects.filter(edition=edition))
    initial = {f"criterion_{s.criterion_id}": s.value for s in own.scores.all()} | {"comment": own.comment}
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(review=own, scores=form.scores(), comment=form.cleaned_data["comment"])
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your review of “%(title)s” is saved.") % {"title": contribution.title}
            )
            return redirect("reviews:contribution", edition=edition.slug, pk=contribution.pk)
    return render(
        request,
        "reviews/review.html",
        {
            "edition": edition,
            "role": role,
            "contribution": contribution,
            "review": own,
            "form": form,
            "conflict_form": ConflictForm(),
            "criteria": criteria,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@team_view()
def conflict(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    contribution = get_contribution_for_team(request, edition, role, pk)
    own = get_own_review(request, contribution)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        criteria = list(Criterion.objects.filter(edition=edition))
        return render(
            request,
            "reviews/review.html",
            {
                "edition": edition,
                "role": role,
                "contribution": contribution,
                "review": own,
                "form": ReviewForm(criteria=criteria),
                "conflict_form": form,
                "criteria": criteria,
            },
            status=400,
        )
    services.declare_conflict(review=own, reason=form.cleaned_data["reason"])
    messages.info(
        request, _("You are marked as not impartial for “%(title)s”.") % {"title": contribution.title}
    )
    return redirect("reviews:contribution", edition=edition.slug, pk=contribution.pk)


@require_POST
@team_view(organiser=True)
def assign(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    contribution = get_contribution_for_team(request, edition, role, pk)
    form = AssignForm(request.POST, edition=edition)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the team."))
    else:
        try:
            services.assign_reviewer(
                contribution=contribution, reviewer=form.cleaned_data["reviewer"], assigned_by=request.user
            )
        except services.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(name)s is asked to review it.") % {"name": form.cleaned_data["reviewer"]}
            )
    return redirect("reviews:contribution", edition=edition.slug, pk=contribution.pk)


@require_POST
@team_view(organiser=True)
def unassign(request: TeamRequest, edition: Edition, role: str, pk: int, review_pk: int) -> HttpResponse:
    contribution = get_contribution_for_team(request, edition, role, pk)
    own = get_object_or_404(Review, contribution=contribution, pk=review_pk)
    try:
        services.unassign_reviewer(review=own)
    except services.ReviewError as error:
        messages.error(request, str(error))
    return redirect("reviews:contribution", edition=edition.slug, pk=contribution.pk)


@team_view(organiser=True)
def ranking(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Contributions ranked by their average total score, with the spread between reviewers."""
    contributions = services.with_reviews(
        contributions_for_team(request.user, edition, role).prefetch_related("themes")
    )
    return render(
        request,
        "reviews/ranking.html",
        {
            "edition": edition,
            "role": role,
            "rows": services.ranking(contributions),
            "max_total": services.max_total(edition),
            "decision_form": DecisionForm(edition=edition),
        },
    )


@require_POST
@team_view(organiser=True)
def decide(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Accept, hold or reject the chosen contributions; the mails go through the outbox."""
    form = DecisionForm(request.POST, edition=edition)
    back = safe_next(
        request,
        request.POST.get("next", ""),
        reverse("reviews:contributions", kwargs={"edition": edition.slug}),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    records = services.decide(
        contributions=form.cleaned_data["contributions"],
        decision=form.cleaned_data["decision"],
        user=request.user,
        send_mail=form.cleaned_data["send_mail"],
    )
    skipped = len(form.cleaned_data["contributions"]) - len(records)
    label = Decision(form.cleaned_data["decision"]).label
    messages.success(
        request,
        ngettext(
            "%(decision)s: %(count)s contribution.", "%(decision)s: %(count)s contributions.", len(records)
        )
        % {"decision": label, "count": len(records)},
    )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)s was skipped: it is withdrawn or confirmed by its contributors.",
                "%(count)s were skipped: they are withdrawn or confirmed by their contributors.",
                skipped,
            )
            % {"count": skipped},
        )
    return redirect(back)


@team_view(organiser=True)
def criteria(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    form = CriterionForm(request.POST or None, owner=edition)
    if scoring.save_posted_criterion(request, form, services.save_criterion, services.ReviewError):
        return redirect("reviews:criteria", edition=edition.slug)
    return render(
        request,
        "reviews/criteria.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "criteria": Criterion.objects.filter(edition=edition),
            "log": AuditEntry.objects.filter(edition=edition)[:CRITERIA_LOG_SHOWN],
        },
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def criterion_edit(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, edition=edition, pk=pk)
    form = CriterionForm(request.POST or None, instance=criterion, owner=edition)
    if scoring.save_posted_criterion(request, form, services.save_criterion, services.ReviewError):
        return redirect("reviews:criteria", edition=edition.slug)
    return render(
        request,
        "reviews/criterion.html",
        {"edition": edition, "role": role, "form": form, "criterion": criterion},
        status=400 if form.errors else 200,
    )


@require_POST
@team_view(organiser=True)
def criterion_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, edition=edition, pk=pk)
    scoring.delete_with_message(request, criterion, services.delete_criterion, services.ReviewError)
    return redirect("reviews:criteria", edition=edition.slug)


@require_POST
@team_view(organiser=True)
def criteria_suggested(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    services.add_suggested_criteria(edition=edition, by=request.user)
    return redirect("reviews:criteria", edition=edition.slug)


@team_view(organiser=True)
def mail_templates(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    custom = {t.decision: t for t in DecisionTemplate.objects.filter(edition=edition)}
    rows = [
        (value, label, custom.get(value), services.decision_template(edition, value)[0])
        for value, label in Decision.choices
    ]
    return render(
        request,
        "reviews/mail_templates.html",
        {"edition": edition, "role": role, "rows": rows, "placeholders": services.PLACEHOLDERS},
    )


@team_view(organiser=True)
def mail_template(request: TeamRequest, edition: Edition, role: str, decision: str) -> HttpResponse:
    if decision not in Decision.values:
        raise Http404
    subject, body = services.decision_template(edition, decision)
    form = DecisionTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and form.is_valid():
        services.save_decision_template(edition=edition, decision=decision, **form.cleaned_data)
        messages.success(request, _("The mail is saved."))
        return redirect("reviews:mail_templates", edition=edition.slug)
    preview = None
    if not form.is_bound:
        data = {"subject": subject, "body": body}
        values = {
            "navn": "Kari Nordmann",
            "tittel": _("Example title"),
            "arrangement": edition.name,
            "lenke": "https://…",
            "kontakt": edition.contact_email,
        }
        preview = (services.fill(data["subject"], values), services.fill(data["body"], values))
    return render(
        request,
        "reviews/mail_template.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "decision": Decision(decision),
            "placeholders": services.PLACEHOLDERS,
            "preview": preview,
        },
        status=400 if form.errors else 200,
    )
