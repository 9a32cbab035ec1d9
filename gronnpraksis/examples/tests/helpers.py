"""Shared by the examples' tests: what the share form sends, an example shared through the service,
an image to upload, and messages as a bokmål page shows them."""

import io
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, ngettext
from PIL import Image

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Goal
from gronnpraksis.examples import services
from gronnpraksis.examples.models import Example
from tests.factories import municipality, theme

SHARE = "/eksempler/del/"


def form_data(**overrides: Any) -> dict[str, Any]:
    """What the share form sends for a complete example with one key figure and one link."""
    data = {
        "title": "Matsvinn til matglede",
        "summary": "Kantinene i kommunen deler ut mat som ellers ville blitt kastet.",
        "stage": "gjennomforing",
        "start_year": "2021",
        "end_year": "",
        "measure_type": "omstilling",
        "starting_point": "Mye mat ble kastet i kantinene.",
        "what_was_done": "Vi laget en avtale med frivillige som henter maten hver dag.",
        "success_factors": "Engasjerte kantineansatte.",
        "barriers": "Mattrygghet måtte avklares.",
        "transferability": "Alle kommuner med kantine kan gjøre det.",
        "cost": "50 000 kroner i oppstart, betalt av klimasatsmidler.",
        "owner_name": "Kristiansand kommune",
        "owner_number": "",
        "actor_type": "kommune",
        "partners": "Frivilligsentralen\nMatsentralen Agder",
        "themes": [str(theme("mat").pk), str(theme("sirkularokonomi").pk)],
        # Ids, not numbers: a flush by an earlier transactional test gives the goals new ids.
        "goals": [str(Goal.objects.get(number=12).pk)],
        "contact_name": "Siri Deler",
        "contact_email": "siri.deler@example.no",
        "contact_is_public": "on",
        "licence": "CC-BY-4.0",
        "places-TOTAL_FORMS": "3",
        "places-INITIAL_FORMS": "0",
        "places-0-municipality": "Kristiansand (4204)",
        "places-1-municipality": "0301",
        "places-2-municipality": "",
        "figures-TOTAL_FORMS": "2",
        "figures-INITIAL_FORMS": "0",
        "figures-0-label": "Mat reddet fra kasting",
        "figures-0-value": "1 234,5",
        "figures-0-unit": "kg per år",
        "figures-0-accuracy": "malt",
        "figures-0-year": "2023",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-0-url": "https://www.kristiansand.kommune.no/matsvinn",
        "links-0-title": "Kommunens side om matsvinn",
        "files-TOTAL_FORMS": "3",
        "files-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def example_data(**overrides: Any) -> services.ExampleData:
    values: dict[str, Any] = {
        "title": "Matsvinn til matglede",
        "summary": "Kantinene deler ut mat som ellers ville blitt kastet.",
        "municipalities": [municipality("4204")],
        "themes": [theme("mat")],
        "what_was_done": "Frivillige henter maten hver dag.",
        "owner_name": "Kristiansand kommune",
        "key_figures": [services.KeyFigureData("Mat reddet", Decimal("60"), "tonn per år", "malt", 2023)],
        "links": [services.LinkData("https://example.no/matsvinn", "Om matsvinn")],
    }
    values.update(overrides)
    return services.ExampleData(**values)


def share(by: User, **overrides: Any) -> Example:
    return services.share_example(data=example_data(**overrides), by=by)


def nb(message: str, **params: Any) -> str:
    """A message as a bokmål page shows it: translated once it is, the English id until then."""
    with translation.override("nb"):
        translated = gettext(message)
    return translated % params if params else translated


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 80)).save(buffer, format=fmt)
    return buffer.getvalue()


def nb_plural(singular: str, plural: str, number: int, **params: Any) -> str:
    """A message with a plural form as a bokmål page shows it for `number`."""
    with translation.override("nb"):
        return ngettext(singular, plural, number) % params


def examples(counter: int) -> str:
    """“N practice examples”, as the neighbour and county lists show it."""
    return nb_plural(
        "%(counter)s practice example", "%(counter)s practice examples", counter, counter=counter
    )


def map_title(place: str, count: int) -> str:
    """The title of a place on a map: its name and its number of practice examples."""
    return nb_plural(
        "%(place)s: %(count)d practice example",
        "%(place)s: %(count)d practice examples",
        count,
        place=place,
        count=count,
    )
