"""API: the published practice examples of the bank, searched with the same parameters as the page.

`/api/v1/examples/?q=sykkel&tema=transport&fylke=42&sort=nyeste&side=2` answers what
`/eksempler/?…` shows, with the facet counts; `/api/v1/examples/<id>/` one example. Only published
examples (404 for every other), never a contact's e-mail address. The texts are CC BY 4.0 unless an
example's `licence` says otherwise: each example names its licence, and a list also how to credit.
"""

import datetime

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gronnpraksis.core.api_schemas import INVALID, NOT_FOUND

from . import opendata
from .bank_forms import FILTERS, BankSearch

router = Router()


class CountyOut(Schema):
    number: str
    name: str


class MunicipalityOut(Schema):
    number: str
    name: str
    county: CountyOut


class ThemeOut(Schema):
    slug: str
    name: str


class GoalOut(Schema):
    number: int
    name: str


class KeyFigureOut(Schema):
    label: str
    value: float
    unit: str
    accuracy: str = Field(description="malt (measured) or anslatt (estimated).")
    year: int | None = None


class LinkOut(Schema):
    title: str
    url: str


class AttachmentOut(Schema):
    kind: str = Field(description="image or document.")
    title: str = Field(description="For images, what the image shows (its alternative text).")
    url: str
    content_type: str
    size: int
    width: int | None = None
    height: int | None = None


class OwnerOut(Schema):
    name: str
    organisation: str
    organisation_number: str
    actor_type: str | None = None


class ContactOut(Schema):
    name: str


class ExampleOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    starting_point: str
    what_was_done: str
    stage: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    owner: OwnerOut
    partners: list[str]
    municipalities: list[MunicipalityOut]
    themes: list[ThemeOut]
    measure_type: str | None = None
    goals: list[GoalOut]
    key_figures: list[KeyFigureOut]
    cost: str
    success_factors: str
    barriers: str
    transferability: str
    links: list[LinkOut]
    attachments: list[AttachmentOut]
    contact: ContactOut | None = Field(None, description="Only when the contact agreed to be shown.")
    licence: str
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime


class LicenceOut(Schema):
    id: str
    name: str
    url: str


class AttributionOut(Schema):
    text: str
    url: str
    note: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class ExampleListOut(Schema):
    count: int = Field(description="How many published examples match.")
    words: list[str] = Field(
        description="The words of `q` that were searched for, folded to lower case: at most 12 of its first "
        "200 characters, without the most common words. Empty when `q` is empty, and when it has nothing "
        "to search for (only symbols, emoji or common words): then nothing matches."
    )
    page: int
    pages: int
    per_page: int
    licence: LicenceOut
    attribution: AttributionOut
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Per filter (as named in the query), its values with how many examples each would show."
    )
    items: list[ExampleOut]


class ExampleFilters(Schema):
    q: str = Field(
        "",
        description="Words, in Norwegian; every word must match. Anything may be typed; text with "
        "nothing to search for (only symbols, emoji or common words) matches no example.",
    )
    tema: list[str] = Field([], description="Theme slugs (any of them).")
    fylke: list[str] = Field([], description="County numbers (any of them).")
    kommune: list[str] = Field([], description="Municipality numbers (any of them).")
    fase: list[str] = Field([], description="Stages (any of them).")
    maal: list[str] = Field([], description="UN sustainable development goals by number, 1–17 (any of them).")
    aktor: list[str] = Field([], description="Types of actor, e.g. kommune, naeringsliv (any of them).")
    tiltak: list[str] = Field(
        [], description="Types of measure: effektivisering, utvikling, omstilling (any of them)."
    )
    startaar: list[str] = Field([], description="Start years, e.g. 2021 (any of them).")
    nokkeltall: list[str] = Field([], description="ja: only examples with key figures.")
    utgave: list[str] = Field([], description="Editions the example was presented at, by slug (any of them).")
    pris: list[str] = Field(
        [], description="GrønnPraksisPrisen: nominert (nominated, winners included) or vinner (won)."
    )
    nettverk: list[str] = Field(
        [], description="Networks the example was shared through or presented in, by slug (any of them)."
    )
    sort: str = Field("", description="relevans (the default; newest first without words) or nyeste.")
    side: int = Field(1, ge=1, le=10_000, description="The page.")
    per_side: int = Field(20, ge=1, le=100, description="Examples per page.")


@router.get("", response={200: ExampleListOut, **INVALID}, url_name="examples")
def list_examples(request: HttpRequest, filters: Query[ExampleFilters]) -> dict:
    """Published examples matching the words and filters, a page at a time, with the filters' counts."""
    values = filters.model_dump()
    query = BankSearch.build(
        q=filters.q,
        filters={f.param: values.get(f.param, []) for f in FILTERS},
        sort=filters.sort,
        page=filters.side,
    )
    result = query.run(per_page=filters.per_side)
    prefetch_related_objects(result.examples, *opendata.RELATED)
    return {
        "count": result.total,
        "words": query.searched_words,
        "page": result.page,
        "pages": result.pages,
        "per_page": result.per_page,
        "licence": opendata.LICENCE,
        "attribution": opendata.attribution(),
        "facets": {f.param: [v._asdict() for v in result.facets.get(f.facet, [])] for f in FILTERS},
        "items": [opendata.example_record(example) for example in result.examples],
    }


@router.get("{example_id}/", response={200: ExampleOut, **NOT_FOUND, **INVALID}, url_name="example")
def get_example(request: HttpRequest, example_id: int) -> dict:
    """One published example; 404 for every other."""
    return opendata.example_record(opendata.get_published_example(example_id))
