"""An edition's social-preview image (`core.preview`): its name, dates and place. Public editions only:
one being planned has no image, and its page names none."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gronnpraksis.core.dates import format_when
from gronnpraksis.core.findable import absolute
from gronnpraksis.core.preview import Card, PreviewImage, fingerprint, preview_response

from .models import Edition, Phase


def edition_card(edition: Edition) -> Card | None:
    """What the edition's image says, or None for an edition that is not public."""
    if edition.phase == Phase.PLANNING:
        return None
    if edition.starts_on == edition.ends_on:
        dates = format_when(edition.starts_on, "date")
    else:
        dates = f"{format_when(edition.starts_on, 'day')}–{format_when(edition.ends_on, 'date')}"
    place = ", ".join(part for part in (edition.venue_name, edition.host_municipality.name) if part)
    return Card(kicker=_("Grønn Praksis"), title=edition.name, lines=(dates, place))


def edition_image_path(edition: Edition, version: str) -> str:
    return reverse("editions:preview_image", kwargs={"edition": edition.slug, "version": version})


def edition_image(edition: Edition) -> PreviewImage | None:
    """The edition's image (absolute address with its fingerprint, and its text), or None."""
    card = edition_card(edition)
    return PreviewImage(absolute(edition_image_path(edition, fingerprint(card))), card) if card else None


def preview_image(request: HttpRequest, edition: str, version: str) -> HttpResponse:
    """The PNG; an address with an old fingerprint redirects to the current one. 404 for an edition
    being planned, also for its organisers (the image is public and cached)."""
    edition_obj = get_object_or_404(Edition.objects.select_related("host_municipality"), slug=edition)
    card = edition_card(edition_obj)
    if card is None:
        raise Http404
    return preview_response(card, version, lambda current: edition_image_path(edition_obj, current))
