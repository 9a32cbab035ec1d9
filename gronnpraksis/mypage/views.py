"""Min side: what the person has in every app (registrations, contributions, examples, ideas,
nominations, votes, the back offices they work in). It gathers from many apps, so it has its own app
at the top of the layers (docs/architecture.md)."""

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email
from gronnpraksis.awards.models import Vote
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import team_role
from gronnpraksis.ideas.models import Idea, OfferStatus
from gronnpraksis.privacy.export import person_examples, person_nominations
from gronnpraksis.program.reports import items_to_report
from gronnpraksis.registrations.models import Registration


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """ "Min side": the person's registrations and contributions across editions.

    Registrations are matched by the account's proven address only (`proven_email`): an address
    nobody has entered a code for shows nothing.
    """
    user = cast(User, request.user)  # login_required
    email = proven_email(user)
    registrations = (
        Registration.objects.for_email(email).select_related("edition", "ticket_type")
        if email
        else Registration.objects.none()
    )
    contributions = (
        Contribution.objects.for_user(user)
        .select_related("edition")
        .prefetch_related("contributors")
        .order_by("-created_at")
    )
    return render(
        request,
        "mypage/my_page.html",
        {
            "registrations": registrations,
            "contributions": contributions,
            "team_editions": _team_editions(user),
            "report_items": items_to_report(user),
            "email_proven": email is not None,
            **_owned(user, registrations),
        },
    )


def _owned(user: User, registrations: QuerySet[Registration]) -> dict[str, QuerySet[Any]]:
    """Everything else the person owns, each kind in one query: examples, ideas, nominations and votes."""
    return {
        "examples": person_examples(user).order_by("-created_at"),
        "ideas": Idea.objects.filter(
            Q(owner=user) | Q(offers__user=user, offers__status=OfferStatus.ACCEPTED)
        )
        .distinct()
        .order_by("-created_at"),
        "nominations": person_nominations(user)
        .select_related("round__edition", "example")
        .order_by("-created_at"),
        "votes": Vote.objects.filter(registration__in=registrations.values("pk"))
        .select_related("round__edition", "nomination__example")
        .order_by("-updated_at"),
    }


def _team_editions(user: User) -> list[Edition]:
    """The editions whose back office the person works in (organisers: every edition)."""
    if user.is_staff:
        return [e for e in Edition.objects.order_by("-starts_on") if team_role(user, e)]
    editions = Edition.objects.filter(team__user=user).distinct().order_by("-starts_on")
    return [e for e in editions if team_role(user, e)]
