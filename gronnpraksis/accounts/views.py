from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gronnpraksis.accounts.services import proven_email
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.registrations.models import Registration


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """ "Min side": the person's registrations and contributions across editions.

    Registrations are matched by the account's proven address only (`proven_email`): an address
    nobody has entered a code for shows nothing.
    """
    user = request.user
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
        "accounts/my_page.html",
        {
            "registrations": registrations,
            "contributions": contributions,
            "team_editions": _team_editions(user),
            "email_proven": email is not None,
        },
    )


def _team_editions(user) -> list:  # type: ignore[no-untyped-def]
    """The editions whose back office the person works in (organisers: every edition)."""
    from gronnpraksis.editions.models import Edition
    from gronnpraksis.editions.permissions import team_role

    if user.is_staff:
        return [e for e in Edition.objects.order_by("-starts_on") if team_role(user, e)]
    editions = Edition.objects.filter(team__user=user).distinct().order_by("-starts_on")
    return [e for e in editions if team_role(user, e)]
