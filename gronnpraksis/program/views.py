from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime

from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.editions.permissions import get_edition_for_user

from .models import ItemKind
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
