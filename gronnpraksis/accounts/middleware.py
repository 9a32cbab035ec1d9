"""Shorter sessions for organisers.

An organiser's session (staff, or anyone who logged in with an authenticator app) ends after
`ORGANISER_SESSION_IDLE_SECONDS` without a request and `ORGANISER_SESSION_MAX_AGE_SECONDS` after it
began, whatever happens in between. Participants and contributors keep Django's
`SESSION_COOKIE_AGE`: their account only shows what belongs to them.
"""

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

STARTED_KEY = "gp_session_started"
SEEN_KEY = "gp_session_seen"
# The last-seen time is written at most this often, so most requests do not write the session.
SEEN_RESOLUTION_SECONDS = 60


def _records(request: HttpRequest) -> list[dict]:
    return list(get_authentication_records(request, request.user))


def is_organiser_session(request: HttpRequest) -> bool:
    """Staff, or a person who used an authenticator app (TOTP) in this session. No queries."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return any(record.get("method") == "mfa" for record in _records(request))


def start_organiser_session(request: HttpRequest, *, started: int | None = None) -> None:
    """Record when the session began. Called at login (`AccountAdapter.post_login`)."""
    now = int(time.time())
    request.session[STARTED_KEY] = started if started is not None else now
    request.session[SEEN_KEY] = now
    request.session.set_expiry(settings.ORGANISER_SESSION_IDLE_SECONDS)


def _untracked_start(request: HttpRequest) -> int | None:
    """When a session without our keys began, from allauth's record of how it logged in (sessions
    from before this middleware). None for a session no login page made (a test's force_login):
    those are left alone, so the first request of a test does not write the session."""
    times = [record["at"] for record in _records(request) if isinstance(record.get("at"), int | float)]
    return int(min(times)) if times else None


class OrganiserSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_organiser_session(request) and _expired(request):
            logout(request)
            messages.info(request, _("You were logged out to keep the back office safe. Log in again."))
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        return self.get_response(request)


def _expired(request: HttpRequest) -> bool:
    """Whether the organiser's session is past its idle or absolute limit; if not, the idle clock
    starts again (written at most once a minute)."""
    now = int(time.time())
    started, seen = request.session.get(STARTED_KEY), request.session.get(SEEN_KEY)
    if not isinstance(started, int) or not isinstance(seen, int):
        began = _untracked_start(request)
        if began is None:
            return False
        start_organiser_session(request, started=began)
        started, seen = began, now
    if (
        now - seen > settings.ORGANISER_SESSION_IDLE_SECONDS
        or now - started > settings.ORGANISER_SESSION_MAX_AGE_SECONDS
    ):
        return True
    if now - seen >= SEEN_RESOLUTION_SECONDS:
        request.session[SEEN_KEY] = now
        request.session.set_expiry(settings.ORGANISER_SESSION_IDLE_SECONDS)
    return False
