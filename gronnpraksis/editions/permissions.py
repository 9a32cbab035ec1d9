from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Edition, Phase


def can_view_edition(user, edition: Edition) -> bool:  # type: ignore[no-untyped-def]
    """Editions being planned are visible to organisers only."""
    return edition.phase != Phase.PLANNING or bool(user.is_staff)


def get_edition_for_user(request: HttpRequest, slug: str) -> Edition:
    edition = get_object_or_404(Edition.objects.select_related("host_municipality"), slug=slug)
    if not can_view_edition(request.user, edition):
        raise Http404
    return edition
