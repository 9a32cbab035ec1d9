"""The back office's own pages: its start page and the edition's team.

Every view is wrapped in `team_view`, which sends anonymous visitors to log in and gives everyone
outside the edition's team a 404. The pages of each task (reviews, the prize, the programme) live in
their apps' `backoffice.py`, all mounted under `arrangor/<edition>/` by `backoffice/urls.py`.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnpraksis.contributions.models import State
from gronnpraksis.editions import services as editions_services
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.editions.permissions import TeamRequest, team_view
from gronnpraksis.reviews.models import Criterion, Review
from gronnpraksis.reviews.permissions import contributions_for_team
from gronnpraksis.surveys import results as survey_results

from . import services
from .forms import TeamMemberForm


@team_view()
def dashboard(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The start of the back office: what is waiting for this person."""
    contributions = contributions_for_team(request.user, edition, role)
    own = Review.objects.filter(reviewer=request.user, contribution__in=contributions)
    context = {
        "edition": edition,
        "role": role,
        "open_reviews": own.filter(submitted_at__isnull=True).select_related("contribution"),
        "done_reviews": own.filter(submitted_at__isnull=False).count(),
    }
    if role == TeamRole.ORGANISER:
        by_state = dict(contributions.values_list("state").annotate(n=Count("id")).order_by())
        context["states"] = [(label, by_state.get(value, 0), value) for value, label in State.choices]
        context["unreviewed"] = contributions.exclude(
            reviews__submitted_at__isnull=False, reviews__conflict_of_interest=False
        ).count()
        context["criteria_count"] = Criterion.objects.filter(edition=edition).count()
        context["survey"] = survey_results.summary(edition.pk)
    return render(request, "backoffice/dashboard.html", context)


@team_view(organiser=True)
def team(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = editions_services.add_team_member(
            edition=edition, added_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("%(name)s is on the team.") % {"name": member.user})
        return redirect("backoffice:team", edition=edition.slug)
    members = (
        TeamMember.objects.filter(edition=edition)
        .select_related("user")
        .annotate(
            assigned=Count("user__reviews", filter=Q(user__reviews__contribution__edition=edition)),
            done=Count(
                "user__reviews",
                filter=Q(
                    user__reviews__contribution__edition=edition, user__reviews__submitted_at__isnull=False
                ),
            ),
        )
    )
    return render(
        request,
        "backoffice/team.html",
        {"edition": edition, "role": role, "form": form, "members": members},
        status=400 if form.errors else 200,
    )


@require_POST
@team_view(organiser=True)
def team_remove(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    member = get_object_or_404(TeamMember, edition=edition, pk=pk)
    if member.user_id == request.user.pk and member.role == TeamRole.ORGANISER:
        messages.error(request, _("You cannot remove your own organiser role."))
    else:
        services.remove_team_member(member=member)
        messages.success(request, _("%(name)s is no longer on the team.") % {"name": member.user})
    return redirect("backoffice:team", edition=edition.slug)
