from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def site_url() -> str:
    """The public address of the site without a trailing slash (`SITE_URL`), e.g.
    `https://gronnpraksis.no`; mail templates put it before a path as `{{ site_url }}`."""
    return settings.SITE_URL


def absolute_url(path: str) -> str:
    """The full address of a path on this site, for everything read outside the page: mails,
    calendar files, feeds, exports, structured data. Always from `SITE_URL`, never from the request's
    Host header, so every link names the same site whoever asked and however."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url needs a path that starts with '/', not {path!r}")
    return site_url() + path


def private_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages reached by a secret link: never cached, never indexed, never leaked by Referer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        # Not "no-referrer": under that policy browsers send `Origin: null` with the page's own form
        # posts, and Django's CSRF check refuses every change and cancellation (found in Chromium).
        # "strict-origin" still never sends the path (the token) anywhere, only the site's origin.
        response["Referrer-Policy"] = "strict-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def refuse_bot(request: HttpRequest) -> HttpResponse:
    """The answer to a form whose hidden honeypot field was filled: nothing is stored."""
    from django.shortcuts import render

    return render(request, "core/refused.html", status=400)


def safe_next(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` if it is a path on this site (a form's "next"), else `fallback`: never an open redirect."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback
