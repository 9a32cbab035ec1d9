from collections.abc import Callable, Iterable
from functools import wraps

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
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
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


# Public pages a shared cache may keep (docs/architecture.md, "Public pages and the proxy cache").
#
# A page decorated with `public_page` is, for a visitor with neither a session nor a messages cookie,
# the same for everyone: its forms carry an empty CSRF field that is filled when the form is used
# (`static/js/csrf-on-use.js`, or the confirmation page of `core.views.csrf_failure` without
# JavaScript), nothing reads or writes a session, and no cookie is set. Such a response says
# `Cache-Control: public, max-age=0, s-maxage=PUBLIC_PAGE_MAX_AGE` with an ETag, so nginx keeps it for
# that long and every browser asks again (a 304 when nothing changed). Everyone else gets the page as
# before, marked private.

PUBLIC_ATTRIBUTE = "gronnpraksis_public_page"
# Cookies that make a request personal: with either, no page is shared (nginx bypasses its cache for
# the same cookies: the map $gronnpraksis_personal in deploy/nginx/gronnpraksis.conf).
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name


def is_public_request(request: HttpRequest) -> bool:
    """A GET or HEAD that carries nothing personal: no session cookie (so nobody is logged in, nothing
    is starred, no message waits in the session) and no messages cookie."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def is_shared(request: HttpRequest) -> bool:
    """Whether this request is answered with the page every plain visitor gets (see `public_page`)."""
    return bool(getattr(request, PUBLIC_ATTRIBUTE, False))


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public page that a shared cache may keep for plain visitors; `PublicPageMiddleware` writes the
    headers once the other middleware has had its say (a cookie set on the way out makes it private)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        setattr(request, PUBLIC_ATTRIBUTE, is_public_request(request))
        response = view(request, *args, **kwargs)
        response.gronnpraksis_public_page = True  # type: ignore[attr-defined]
        return response

    return wrapper


class PublicPageMiddleware:
    """Outermost middleware: the cache headers of `public_page` views, and a 304 for a current ETag.

    A shared response is public only if nothing on the way out set a cookie; then `Vary: Cookie` and
    `Vary: Accept-Language` are dropped (the language is in the path, and a request with a session
    cookie never gets this response: nginx passes it to the app, and the browser revalidates every
    time, `max-age=0`). Any other answer of such a view is `private, no-store`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "gronnpraksis_public_page", False):
            return response
        if not (
            is_shared(request)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            if not response.has_header("Cache-Control") or response.status_code == 200:
                response["Cache-Control"] = "private, no-store"
            return response
        return _shared_response(request, response)


def _shared_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    import hashlib

    from django.http import HttpResponseNotModified

    response["Cache-Control"] = f"public, max-age=0, s-maxage={settings.PUBLIC_PAGE_MAX_AGE}"
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() not in {"cookie", "accept-language"}]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif vary:
        del response["Vary"]
    if not response.has_header("ETag"):
        response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    wanted = request.META.get("HTTP_IF_NONE_MATCH", "")
    if wanted and response["ETag"] in {tag.strip().removeprefix("W/") for tag in wanted.split(",")}:
        not_modified = HttpResponseNotModified()
        for header in ("Cache-Control", "ETag", "Vary", "Content-Language"):
            if response.has_header(header):
                not_modified[header] = response[header]
        return not_modified
    return response


class TokenOnUse(str):
    """What `{% csrf_token %}` writes on a shared page: a hidden field with no value (the tag writes
    nothing for a false token, so this is a non-empty `str` subclass whose text is empty)."""

    def __bool__(self) -> bool:
        return True


def shared_page(
    request: HttpRequest, template: str, context: Callable[[], dict], key: Iterable[object], seconds: int
) -> HttpResponse:
    """The page every plain visitor gets (`is_shared`), rendered once per `key`, language, host and URL
    and kept in the cache for `seconds`. `context` is called only to render; a 404 it raises is not
    stored. The page holds no CSRF token, so it is stored and served whole."""
    import hashlib

    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    parts = [*key, get_language(), request.scheme, request.get_host(), request.get_full_path()]
    cache_key = "shared-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    body = cache.get(cache_key)
    if body is None:
        body = render_to_string(template, context(), request).encode()
        cache.set(cache_key, body, timeout=seconds)
    return HttpResponse(body)
