"""Tiny views that belong to no app."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.cache import never_cache
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
