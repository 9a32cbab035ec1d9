"""API: the public editions."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema

from gronnpraksis.core.api_schemas import INVALID, NOT_FOUND

from .models import Edition
from .permissions import get_edition_for_user

router = Router()


class HostMunicipalityOut(Schema):
    """The host municipality (its number and name; the examples' `MunicipalityOut` adds its county)."""

    number: str
    name: str


class EditionOut(Schema):
    slug: str
    name: str
    headline: str
    starts_on: datetime.date
    ends_on: datetime.date
    venue: str
    host_municipality: HostMunicipalityOut
    phase: str
    url: str


def edition_out(edition: Edition) -> EditionOut:
    """The public description of an edition; its page address is in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        url = edition.get_absolute_url()
    municipality = edition.host_municipality
    return EditionOut(
        slug=edition.slug,
        name=edition.name,
        headline=edition.headline,
        starts_on=edition.starts_on,
        ends_on=edition.ends_on,
        venue=edition.venue_name,
        host_municipality=HostMunicipalityOut(number=municipality.number, name=municipality.name),
        phase=edition.phase,
        url=url,
    )


@router.get("", response=list[EditionOut], url_name="editions")
def list_editions(request: HttpRequest) -> list[EditionOut]:
    """Every public edition, newest first (editions being planned are left out)."""
    return [edition_out(e) for e in Edition.objects.public().select_related("host_municipality")]


@router.get("{slug}/", response={200: EditionOut, **NOT_FOUND, **INVALID}, url_name="edition")
def get_edition(request: HttpRequest, slug: str) -> EditionOut:
    """One edition; 404 for unknown editions and editions being planned."""
    return edition_out(get_edition_for_user(request, slug))
