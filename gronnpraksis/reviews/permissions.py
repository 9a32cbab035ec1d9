from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.core.typing import AuthenticatedRequest
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.editions.permissions import TeamRequest

from .models import Review
from .services import REVIEWABLE_STATES


def contributions_for_team(user: User, edition: Edition, role: str) -> QuerySet[Contribution]:
    """What a team member works on: organisers every submitted contribution, a reviewer only the
    ones they are asked to review."""
    queryset = Contribution.objects.filter(edition=edition, state__in=REVIEWABLE_STATES)
    if role != TeamRole.ORGANISER:
        queryset = queryset.filter(reviews__reviewer=user)
    return queryset


def get_contribution_for_team(
    request: AuthenticatedRequest, edition: Edition, role: str, pk: int
) -> Contribution:
    """The contribution if the team member may see it; 404 otherwise (nothing is given away)."""
    return get_object_or_404(
        contributions_for_team(request.user, edition, role)
        .select_related("edition", "municipality", "organisation")
        .prefetch_related("contributors", "themes", "goals"),
        pk=pk,
    )


def get_own_review(request: TeamRequest, contribution: Contribution) -> Review:
    """The user's assignment for the contribution; 404 if they are not asked to review it."""
    review = Review.objects.filter(contribution=contribution, reviewer=request.user).first()
    if review is None:
        raise Http404
    return review
