"""Tiny views that belong to no app."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check for load balancers and benchmarks: a tiny plain-text 200 that never touches the
    database (and is the throughput ceiling `bench/program.py` compares the programme pages with)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
