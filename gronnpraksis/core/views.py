"""Tiny views that belong to no app."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.shortcuts import render
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check for load balancers and benchmarks: a tiny plain-text 200 that never touches the
    database (and is the throughput ceiling `bench/program.py` compares the programme pages with)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@require_safe
def api_without_language(request: HttpRequest, rest: str) -> HttpResponse:
    """The API has one address whatever the page's language: `/nn/api/v1/…` and `/en/api/v1/…`
    (a language prefix put in front of an API link) go to `/api/v1/…`, query string kept."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"/api/{rest}" + (f"?{query}" if query else ""))


# What search engines are asked to leave alone, in every language (`/`, `/nn/`, `/en/` in front):
# the back office, the admin, the login and account pages, the moderation queues, development pages,
# and the bank's search results (each a page of its own for every combination of words and filters;
# the bank itself and every example stay). Pages reached by a secret link (registration, receipt,
# vote, agenda and notification links) are kept out by their path pattern as well as by their
# `X-Robots-Tag: noindex` header (`core.http.private_link`).
ROBOTS_DISALLOW = [
    "/arrangor/",
    "/admin/",
    "/accounts/",
    "/min-side/",
    "/dev/",
    "/eksempler/moderering/",
    "/eksempler/del/",
    "/ideer/moderering/",
    "/ideer/varsler/",
    "/evaluering/",
    "/eksempler/?",
    "/ideer/?",
]
# Under an edition (`/<edition>/…`): manage links, receipts, vote links, personal agendas, and the
# programme's filtered views. `*` matches the edition's short name (and a language prefix).
ROBOTS_DISALLOW_PATTERNS = [
    "/*/pamelding/*/",
    "/*/bidrag/kvittering/",
    "/*/prisen/stem/",
    "/*/program/agenda/",
    "/*/program/?",
]


@require_safe
@cache_page(60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """`/robots.txt`: what crawlers should leave alone, and where the sitemap is."""
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}{path}" for path in ROBOTS_DISALLOW for prefix in prefixes]
    lines += [f"Disallow: {pattern}" for pattern in ROBOTS_DISALLOW_PATTERNS]
    lines += ["", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def csrf_token(request: HttpRequest) -> JsonResponse:
    """The visitor's CSRF token, for a form on a shared public page at the moment it is used
    (`static/js/csrf-on-use.js`). Sets the CSRF cookie; other sites cannot read the answer (no CORS)."""
    return JsonResponse({"token": get_token(request)})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`. A post from this site's own page that lacks only the token (a form on a
    shared public page sent without JavaScript) gets a page that repeats it with a token, for the
    visitor to confirm with one more press; the post itself did nothing. Anything else is refused as
    Django refuses it. Another site cannot get the confirmation page: its posts carry its own Origin."""
    from django.views.csrf import csrf_failure as refuse

    if (
        reason in {REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING}
        and _from_this_site(request)
        and not request.FILES
        and not request.POST.get("csrfmiddlewaretoken")
    ):
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        context = {"action": request.get_full_path(), "fields": fields}
        response = render(request, "core/csrf_confirm.html", context, status=403)
        response["Cache-Control"] = "private, no-store"
        return response
    return refuse(request, reason)


def _from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says the request came from a page of this site (Origin, else Sec-Fetch-Site)."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
    return origin in {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
