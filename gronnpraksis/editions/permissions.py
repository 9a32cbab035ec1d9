import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django_htmx.middleware import HtmxDetails

from gronnpraksis.accounts.admin_site import has_totp
from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import is_proven
from gronnpraksis.core.typing import AnyUser, AuthenticatedRequest

from .models import Edition, NetworkMember, NetworkRole, Phase, TeamMember, TeamRole


def can_view_edition(user: AnyUser, edition: Edition) -> bool:
    """Editions being planned are visible to organisers only."""
    return edition.phase != Phase.PLANNING or bool(user.is_staff)


def get_edition_for_user(request: HttpRequest, slug: str) -> Edition:
    edition = get_object_or_404(Edition.objects.select_related("host_municipality", "network"), slug=slug)
    if not can_view_edition(request.user, edition):
        raise Http404
    return edition


# The back office (/arrangor/<edition>/): organisers and the programme committee.


def team_role(user: AnyUser, edition: Edition) -> str | None:
    """The user's role in running the edition: "organiser", "reviewer" or None.

    Organisers need an authenticator app (TOTP): staff are organisers of every edition, team members
    with the organiser role of theirs. Without TOTP an organiser counts only as what else they are.
    An organiser of the edition's network (`NetworkMember`) is an organiser of it, as of every edition
    of their network and of no other.
    A team role was given to an e-mail address, so it counts only once the account has proven that
    address (`accounts.services.proven_email`); staff are organisers by being staff, not by address.
    """
    if not user.is_authenticated:
        return None
    if not user.is_staff and not is_proven(user):
        return None
    roles = _roles(user, edition)
    if (user.is_staff or TeamRole.ORGANISER in roles) and has_totp(user):
        return TeamRole.ORGANISER
    if TeamRole.REVIEWER in roles:
        return TeamRole.REVIEWER
    return None


def needs_totp(user: AnyUser, edition: Edition) -> bool:
    """An organiser who has not set up an authenticator app yet (sent to set it up, not shown a 404)."""
    if not user.is_authenticated or has_totp(user):
        return False
    if not user.is_staff and not is_proven(user):
        return False
    return user.is_staff or TeamRole.ORGANISER in _roles(user, edition)


def _roles(user: User, edition: Edition) -> set[str]:
    """The user's roles in the edition's team, with "organiser" for an organiser of the edition's
    network (who runs every edition of their network and no other). One query."""
    edition_roles = (
        TeamMember.objects.filter(edition=edition, user=user).order_by().values_list("role", flat=True)
    )
    network_roles = (
        NetworkMember.objects.filter(network__editions=edition, user=user, role=NetworkRole.ORGANISER)
        .order_by()
        .values_list("role", flat=True)
    )
    return set(edition_roles.union(network_roles).order_by())


def runs_network(user: AnyUser, edition: Edition) -> bool:
    """Whether the user may edit the edition's network and its team in the back office: staff, or an
    organiser of that network (an organiser of only the edition may not). The back-office views check
    `team_role` first (the authenticator app, the proven address); this adds the network. No query for
    staff, one for anyone else."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return NetworkMember.objects.filter(
        network__editions=edition, user=user, role=NetworkRole.ORGANISER
    ).exists()


def team_view(*, organiser: bool = False) -> Callable:
    """Decorate a back-office view `view(request, edition: Edition, role: str, **kwargs)`.

    Anonymous visitors are sent to log in, organisers without TOTP to set it up, and everyone
    else outside the team gets a 404.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, edition: str, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            edition_obj = get_object_or_404(Edition.objects.select_related("host_municipality"), slug=edition)
            role = team_role(request.user, edition_obj)
            if role != TeamRole.ORGANISER and needs_totp(request.user, edition_obj):
                return redirect("mfa_activate_totp")
            # 404 for anyone outside the team (and for reviewers on organiser pages), also for URLs
            # that exist, so the back office gives away nothing.
            if role is None or (organiser and role != TeamRole.ORGANISER):
                raise Http404
            return view(request, edition_obj, role, **kwargs)

        return wrapped

    return decorator


class TeamRequest(AuthenticatedRequest):
    """The request a `team_view` receives: the user is logged in, and django-htmx has run."""

    htmx: HtmxDetails
