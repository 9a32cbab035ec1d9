"""Open data: the published examples as records for the JSON and CSV exports and the API.

Only published examples, found through `examples.search` with the same parameters as the page (or,
for the whole bank, read directly in batches). A record never holds the contact's e-mail address;
the contact's name only when they agreed to show it. The texts are CC BY 4.0 unless an example says
otherwise (its `licence`): the JSON carries a licence and attribution object, each CSV row the licence
and the address to credit, and both responses a `Link: <…>; rel="license"` header.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
get a leading apostrophe, as OWASP recommends for CSV that people open in spreadsheets.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from gronnpraksis.core.http import absolute_url
from gronnpraksis.core.spreadsheet import safe_text
from gronnpraksis.places.models import Municipality

from . import search
from .bank_forms import BankSearch
from .models import Attachment, Example

LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
ATTRIBUTION = "Grønn Praksis, eksempelbanken"
BATCH = search.MAX_PER_PAGE
LIST_SEPARATOR = " | "
RELATED = ["goals", "key_figures", "links", "attachments"]


def attribution() -> dict[str, str]:
    """Whom to credit, and how, when the texts are reused."""
    return {
        "text": ATTRIBUTION,
        "url": absolute_url(_in_default_language(lambda: reverse("examples:search"))),
        "note": "Name the source (Grønn Praksis, eksempelbanken) and link to each example's page (url).",
    }


def _in_default_language[T](build: Callable[[], T]) -> T:
    with translation.override(settings.LANGUAGE_CODE):
        return build()


def get_published_example(pk: int) -> Example:
    """A published example with everything its record needs; 404 for anything else (no one is logged
    in to open data, so drafts are never shown, not even to their owners)."""
    example = (
        Example.objects.published()
        .filter(pk=pk)
        .select_related("owner_organisation")
        .prefetch_related("themes", Prefetch("municipalities", Municipality.objects.select_related("county")))
        .prefetch_related(*RELATED)
        .first()
    )
    if example is None:
        raise Http404
    return example


def published_examples(query: BankSearch) -> Iterator[Example]:
    """Every published example the search finds, in its order, a batch of BATCH at a time (a few
    queries per batch). Without words or filters, the whole bank, newest first."""
    if not query.is_narrowed:
        examples = (
            Example.objects.published()
            .select_related("owner_organisation")
            .prefetch_related(
                "themes", Prefetch("municipalities", Municipality.objects.select_related("county")), *RELATED
            )
            .order_by("-created_at", "-id")
        )
        yield from examples.iterator(chunk_size=BATCH)
        return
    page = 1
    while True:
        result = query.run(per_page=BATCH, page=page)
        prefetch_related_objects(result.examples, *RELATED)
        yield from result.examples
        if page >= result.pages or page >= search.MAX_PAGE:
            return
        page += 1


def example_record(example: Example) -> dict[str, Any]:
    """The public description of an example (the JSON export, the API). Addresses are absolute and in
    the default language."""
    organisation = example.owner_organisation
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute_url(example.get_absolute_url())
        goals = [{"number": g.number, "name": g.name} for g in example.goals.all()]
    return {
        "id": example.pk,
        "url": url,
        "title": example.title,
        "summary": example.summary,
        "starting_point": example.starting_point,
        "what_was_done": example.what_was_done,
        "stage": example.stage or None,
        "start_year": example.start_year,
        "end_year": example.end_year,
        "owner": {
            "name": example.owner_name,
            "organisation": organisation.name if organisation else "",
            "organisation_number": organisation.number if organisation else "",
            "actor_type": example.actor_type or None,
        },
        "partners": partner_lines(example),
        "municipalities": [
            {
                "number": m.number,
                "name": m.name,
                "county": {"number": m.county.number, "name": m.county.short_name},
            }
            for m in example.municipalities.all()
        ],
        "themes": [{"slug": t.slug, "name": t.name} for t in example.themes.all()],
        "measure_type": example.measure_type or None,
        "goals": goals,
        "key_figures": [
            {
                "label": k.label,
                "value": float(k.value),
                "unit": k.unit,
                "accuracy": k.accuracy,
                "year": k.year,
            }
            for k in example.key_figures.all()
        ],
        "cost": example.cost,
        "success_factors": example.success_factors,
        "barriers": example.barriers,
        "transferability": example.transferability,
        "links": [{"title": link.title, "url": link.url} for link in example.links.all()],
        "attachments": [
            {
                "kind": a.kind,
                "title": a.title,
                "url": absolute_url(attachment_url(example, a)),
                "content_type": a.content_type,
                "size": a.size,
                "width": a.width,
                "height": a.height,
            }
            for a in example.attachments.all()
        ],
        "contact": {"name": example.contact_name}
        if example.contact_is_public and example.contact_name
        else None,
        "licence": example.licence,
        "published_at": example.published_at,
        "updated_at": example.updated_at,
    }


def attachment_url(example: Example, attachment: Attachment) -> str:
    """The attachment's address: served through the example's permission check, never from media."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("examples:attachment", kwargs={"pk": example.pk, "attachment_pk": attachment.pk})


def partner_lines(example: Example) -> list[str]:
    return [line.strip() for line in example.partners.splitlines() if line.strip()]


# --- JSON -----------------------------------------------------------------------------------------------


def json_chunks(query: BankSearch, examples: Iterable[Example]) -> Iterator[str]:
    """The JSON export, written as it is read: licence, attribution, the search, then the examples."""
    head = {
        "licence": LICENCE,
        "attribution": attribution(),
        "generated_at": timezone.now(),
        "search": {"q": query.q, "filters": query.filters, "sort": query.order},
    }
    opening = json.dumps(head, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield opening[:-1] + ', "examples": ['
    for number, example in enumerate(examples):
        record = json.dumps(example_record(example), cls=DjangoJSONEncoder, ensure_ascii=False)
        yield ("," if number else "") + "\n" + record
    yield "\n]}\n"


# --- CSV ------------------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "starting_point",
    "what_was_done",
    "stage",
    "start_year",
    "end_year",
    "owner",
    "owner_organisation",
    "owner_organisation_number",
    "actor_type",
    "partners",
    "municipality_numbers",
    "municipalities",
    "county_numbers",
    "counties",
    "themes",
    "measure_type",
    "goals",
    "key_figures",
    "cost",
    "success_factors",
    "barriers",
    "transferability",
    "links",
    "attachments",
    "contact_name",
    "published_at",
    "updated_at",
    "licence",
    "licence_url",
    "attribution",
]


SCALAR_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "starting_point",
    "what_was_done",
    "stage",
    "start_year",
    "end_year",
    "measure_type",
    "cost",
    "success_factors",
    "barriers",
    "transferability",
    "published_at",
    "updated_at",
    "licence",
]


def csv_row(record: dict[str, Any]) -> list[str]:
    """One CSV row for a record: lists joined with " | ", times in ISO 8601, key figures as
    "label: value unit (accuracy, year)"."""
    places = record["municipalities"]
    counties = {m["county"]["number"]: m["county"]["name"] for m in places}
    values: dict[str, Any] = {
        **{name: record[name] for name in SCALAR_COLUMNS},
        "owner": record["owner"]["name"],
        "owner_organisation": record["owner"]["organisation"],
        "owner_organisation_number": record["owner"]["organisation_number"],
        "actor_type": record["owner"]["actor_type"],
        "partners": record["partners"],
        "municipality_numbers": [m["number"] for m in places],
        "municipalities": [m["name"] for m in places],
        "county_numbers": list(counties),
        "counties": list(counties.values()),
        "themes": [t["slug"] for t in record["themes"]],
        "goals": [str(g["number"]) for g in record["goals"]],
        "key_figures": [_key_figure_text(k) for k in record["key_figures"]],
        "links": [link["url"] for link in record["links"]],
        "attachments": [a["url"] for a in record["attachments"]],
        "contact_name": record["contact"]["name"] if record["contact"] else "",
        "licence_url": LICENCE["url"] if record["licence"] == LICENCE["id"] else "",
        "attribution": ATTRIBUTION,
    }
    return [_cell(values.get(name)) for name in CSV_COLUMNS]


def _key_figure_text(figure: dict[str, Any]) -> str:
    details = ", ".join(str(part) for part in [figure["accuracy"], figure["year"]] if part)
    return f"{figure['label']}: {_number(figure['value'])} {figure['unit']}" + (
        f" ({details})" if details else ""
    )


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif isinstance(value, datetime.datetime):
        value = value.isoformat()
    return safe_text(str(value))


def csv_chunks(examples: Iterable[Example]) -> Iterator[str]:
    """The CSV export (RFC 4180, a header row, UTF-8), written as it is read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for example in examples:
        writer.writerow(csv_row(example_record(example)))
        yield flush()
