import re

from django.http import Http404, HttpRequest

from gronnpraksis.editions.models import Edition

from .models import Registration

# What `new_manage_token` makes: URL-safe base64. Anything else (a NUL byte, which PostgreSQL
# refuses in a query) is no token and never reaches the database.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_well_formed_token(token: str | None) -> bool:
    return token is not None and TOKEN_PATTERN.fullmatch(token) is not None


def get_registration_for_token(request: HttpRequest, edition: Edition, token: str) -> Registration:
    """The registration the secret manage-link points to; 404 for any other token.

    The token is the only credential: a wrong, guessed or other edition's token is a 404,
    never a hint that a registration exists.
    """
    if not is_well_formed_token(token):
        raise Http404
    registration = (
        Registration.objects.select_related("edition", "ticket_type", "municipality")
        .filter(edition=edition, manage_token=token)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def get_registration_for_calendar_token(edition: Edition, token: str) -> Registration:
    """The registration whose calendar feed the token opens; 404 for any other token.

    The calendar token reads the agenda feed and nothing else; the manage token does not open the feed
    (it must not end up in calendar apps, which share and sync subscription URLs).
    """
    if not is_well_formed_token(token):
        raise Http404
    registration = Registration.objects.filter(edition=edition, calendar_token=token).first()
    if registration is None:
        raise Http404
    return registration
