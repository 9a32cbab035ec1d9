import datetime
import hashlib
from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.views.decorators.http import condition

from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.editions.permissions import get_edition_for_user

from . import exports
from .models import ItemKind, ProgramVersion
from .services import published_program

FILTERS = ("tema", "type", "spor", "rom")


def program(request: HttpRequest, edition: str) -> HttpResponse:
    """The published programme by day, filtered by theme, kind, track and room (all in the URL)."""
    edition_obj = get_edition_for_user(request, edition)
    version = published_program(edition_obj)
    items = [_with_times(item, edition_obj) for item in (version.items if version else [])]
    chosen = {name: request.GET.get(name, "") for name in FILTERS}
    shown = [item for item in items if _matches(item, chosen)]
    days = [(day, list(day_items)) for day, day_items in groupby(shown, key=lambda i: i["start"].date())]
    return render(
        request,
        "program/program.html",
        {
            "edition": edition_obj,
            "version": version,
            "days": days,
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "options": _options(items),
        },
    )


def item(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    version = published_program(edition_obj)
    found = next((i for i in (version.items if version else []) if i["id"] == pk), None)
    if found is None:
        raise Http404
    return render(
        request, "program/item.html", {"edition": edition_obj, "item": _with_times(found, edition_obj)}
    )


def changes(request: HttpRequest, edition: str) -> HttpResponse:
    """ "Nytt i programmet": every published version and what it changed."""
    edition_obj = get_edition_for_user(request, edition)
    versions = edition_obj.program_versions.only("number", "published_at", "note", "changes")
    return render(request, "program/changes.html", {"edition": edition_obj, "versions": versions})


def _with_times(item: dict, edition: Edition) -> dict:
    start = parse_datetime(item["starts_at"])
    end = parse_datetime(item["ends_at"])
    assert start is not None and end is not None
    return {**item, "start": start.astimezone(edition.tz), "end": end.astimezone(edition.tz)}


def _matches(item: dict, chosen: dict[str, str]) -> bool:
    return (
        (not chosen["tema"] or chosen["tema"] in item["themes"])
        and (not chosen["type"] or chosen["type"] in {item["kind"], item["contribution_kind"]})
        and (not chosen["spor"] or (item["track"] or {}).get("slug") == chosen["spor"])
        and (not chosen["rom"] or str((item["room"] or {}).get("id")) == chosen["rom"])
    )


def _options(items: list[dict]) -> dict:
    """The filter choices that occur in the published programme, so a filter never finds nothing."""
    theme_slugs = {slug for item in items for slug in item["themes"]}
    return {
        "themes": [(t.slug, str(t)) for t in Theme.objects.filter(slug__in=theme_slugs)],
        "kinds": [(k.value, k.label) for k in ItemKind if any(i["kind"] == k.value for i in items)],
        "tracks": sorted({(i["track"]["slug"], i["track"]["name"]) for i in items if i["track"]}),
        "rooms": sorted(
            {(str(i["room"]["id"]), i["room"]["name"]) for i in items if i["room"]}, key=lambda r: r[1]
        ),
    }


# Exports of the published programme (frab schedule.xml, C3VOC schedule.json, iCalendar). Each
# answers 304 when the client's copy is current; the edition and version are read once per request.


def _export_source(request: HttpRequest, edition: str) -> tuple[Edition, ProgramVersion | None]:
    cached = getattr(request, "_program_export", None)
    if cached is None or cached[0].slug != edition:
        edition_obj = get_edition_for_user(request, edition)
        cached = (edition_obj, published_program(edition_obj))
        request._program_export = cached  # type: ignore[attr-defined]
    return cached


def _export_etag(request: HttpRequest, edition: str) -> str:
    edition_obj, version = _export_source(request, edition)
    key = f"{edition_obj.slug}:{version.number if version else 0}:{get_language()}:{request.path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _export_last_modified(request: HttpRequest, edition: str) -> datetime.datetime | None:
    return version.published_at if (version := _export_source(request, edition)[1]) else None


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_xml(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj, version = _export_source(request, edition)
    return HttpResponse(
        exports.schedule_xml(edition_obj, version), content_type="application/xml; charset=utf-8"
    )


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_json(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj, version = _export_source(request, edition)
    return HttpResponse(exports.schedule_json(edition_obj, version), content_type="application/json")


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_ics(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj, version = _export_source(request, edition)
    response = HttpResponse(
        exports.program_ical(edition_obj, version), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{edition_obj.slug}-program.ics"'
    return response
