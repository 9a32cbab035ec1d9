"""Who may work the door: organisers of the edition, and team members with the check-in role.

The check-in role opens the check-in pages and nothing else of the back office (`editions.permissions.
team_role` does not count it); organisers need their authenticator app as everywhere in the back office.
"""

import functools
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import is_proven
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.editions.permissions import needs_totp, team_role


def checkin_role(user: User | AnonymousUser, edition: Edition) -> str | None:
    """The user's role at the door: "organiser", "checkin", or None (may not check people in)."""
    if not isinstance(user, User):
        return None
    if team_role(user, edition) == TeamRole.ORGANISER:
        return TeamRole.ORGANISER
    if (
        is_proven(user)
        and TeamMember.objects.filter(edition=edition, user=user, role=TeamRole.CHECK_IN).exists()
    ):
        return TeamRole.CHECK_IN
    return None


def checkin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a door view `view(request, edition: Edition, role: str, **kwargs)`.

    Anonymous visitors are sent to log in; an organiser without an authenticator app (and no check-in
    role) to set one up; anyone else without a role gets a 404, also for addresses that exist.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, edition: str, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        edition_obj = get_object_or_404(Edition.objects.select_related("host_municipality"), slug=edition)
        role = checkin_role(request.user, edition_obj)
        if role is None and needs_totp(request.user, edition_obj):
            return redirect("mfa_activate_totp")
        if role is None:
            raise Http404
        return view(request, edition_obj, role, **kwargs)

    return wrapped
