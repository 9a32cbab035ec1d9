"""An example's social-preview image (`core.preview`): its title and municipalities, as last approved
(a change waiting for moderation is not read). Published examples only."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.core.findable import absolute
from gronnpraksis.core.preview import Card, PreviewImage, fingerprint, preview_response

from .models import Example, ModerationState

# Named on the image; more are counted ("and 4 more").
MUNICIPALITIES_SHOWN = 3


def example_card(example: Example) -> Card | None:
    """What the example's image says, or None for an example that is not published."""
    if example.state != ModerationState.PUBLISHED:
        return None
    names = sorted(municipality.name for municipality in example.municipalities.all())
    if len(names) > MUNICIPALITIES_SHOWN:
        more = len(names) - MUNICIPALITIES_SHOWN
        place = ngettext("%(names)s and %(count)d more", "%(names)s and %(count)d more", more) % {
            "names": ", ".join(names[:MUNICIPALITIES_SHOWN]),
            "count": more,
        }
    elif names:
        place = ", ".join(names)
    else:
        owner = example.owner_organisation
        place = owner.name if owner else example.owner_name
    kicker = f"{_('The example bank')} · {_('Grønn Praksis')}"
    return Card(kicker=kicker, title=example.title, lines=(place,) if place else ())


def example_image_path(example: Example, version: str) -> str:
    return reverse("examples:preview_image", kwargs={"pk": example.pk, "version": version})


def example_image(example: Example) -> PreviewImage | None:
    """The example's image (absolute address with its fingerprint, and its text), or None."""
    card = example_card(example)
    return PreviewImage(absolute(example_image_path(example, fingerprint(card))), card) if card else None


def preview_image(request: HttpRequest, pk: int, version: str) -> HttpResponse:
    """The PNG; an address with an old fingerprint redirects to the current one. 404 unless the example
    is published, also for its owners and the moderators (the image is public and cached)."""
    example = Example.objects.published().select_related("owner_organisation").filter(pk=pk).first()
    card = example_card(example) if example is not None else None
    if example is None or card is None:
        raise Http404
    return preview_response(card, version, lambda current: example_image_path(example, current))
