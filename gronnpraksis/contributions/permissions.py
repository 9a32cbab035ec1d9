from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from gronnpraksis.accounts.services import proven_email
from gronnpraksis.core.typing import AnyUser
from gronnpraksis.editions.models import Edition

from .models import Contribution


def can_view_contribution(user: AnyUser, contribution: Contribution) -> bool:
    """Contributors see their own contributions; organisers see all (in the back office)."""
    email = proven_email(user)
    if email is None:
        return False
    return any(c.user_id == user.pk or c.email.lower() == email for c in contribution.contributors.all())


def get_contribution_for_user(request: HttpRequest, edition: Edition, pk: int) -> Contribution:
    """The contribution if the logged-in user is one of its contributors; 404 otherwise."""
    contribution = get_object_or_404(
        Contribution.objects.select_related("edition", "municipality").prefetch_related("contributors"),
        edition=edition,
        pk=pk,
    )
    if not can_view_contribution(request.user, contribution):
        raise Http404
    return contribution
