import datetime
import functools
import hashlib
from itertools import groupby

import icalendar
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from gronnpraksis.core.http import private_link
from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.permissions import get_registration_for_token

from . import exports, services
from .filters import FILTERS, matches
from .forms import StarForm
from .models import ItemKind, ProgramItem, ProgramVersion
from .services import published_program


def program(request: HttpRequest, edition: str) -> HttpResponse:
    """The published programme by day, filtered by theme, kind, track and room (all in the URL).

    A visitor's stars (kept in the browser's session) are shown, and `?mine=1` shows only those.
    """
    edition_obj = get_edition_for_user(request, edition)
    return _program_page(request, edition_obj, registration=None)


@private_link
@require_GET
def agenda(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """ "Mitt program": a registered participant's starred items, and the programme to star from."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    return _program_page(request, edition_obj, registration=registration)


def _program_page(
    request: HttpRequest, edition: Edition, *, registration: Registration | None
) -> HttpResponse:
    """The programme page. Visitors without stars all see the same item list, which the template
    caches per version, language and URL; the items are then decoded only on a cache miss."""
    version = services.published_header(edition)
    starred = _starred_ids(request, edition, registration)
    chosen = {name: request.GET.get(name, "") for name in FILTERS}
    mine = request.GET.get("mine") == "1"

    @functools.cache
    def items() -> list[dict]:
        if version is None:
            return []
        stored = ProgramVersion.objects.values_list("items", flat=True).get(pk=version.pk)
        return [_with_times(item, edition) for item in stored]

    def days() -> list:
        shown = [item for item in items() if matches(item, chosen) and (not mine or item["id"] in starred)]
        return [(day, list(day_items)) for day, day_items in groupby(shown, key=lambda i: i["start"].date())]

    options_key = f"programme-options:{version.pk if version else 0}:{get_language()}"
    options = cache.get(options_key)
    if options is None:
        options = _options(items())
        cache.set(options_key, options, timeout=60 * 60 * 24)
    return render(
        request,
        "program/program.html",
        {
            "edition": edition,
            "version": version,
            "days": SimpleLazyObject(days),  # evaluated only when the cached list is missing
            "chosen": chosen,
            "mine": mine,
            "filtered": any(chosen.values()) or mine,
            "options": options,
            "registration": registration,
            "starred": starred,
            "agenda_items": [item for item in items() if item["id"] in starred] if starred else [],
            # Visitors without stars all see the same list: it is cached per version, language and URL.
            "cache_list": registration is None and not starred and version is not None,
        },
    )


def item(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    return _item_page(request, edition_obj, pk, registration=None)


@private_link
@require_GET
def agenda_item(request: HttpRequest, edition: str, token: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    return _item_page(request, edition_obj, pk, registration=registration)


def _item_page(
    request: HttpRequest, edition: Edition, pk: int, *, registration: Registration | None
) -> HttpResponse:
    version = published_program(edition)
    found = next((i for i in (version.items if version else []) if i["id"] == pk), None)
    if found is None:
        raise Http404
    return render(
        request,
        "program/item.html",
        {
            "edition": edition,
            "item": _with_times(found, edition),
            "registration": registration,
            "starred": _starred_ids(request, edition, registration),
        },
    )


@require_POST
def star(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    """Star or unstar an item for a visitor without a registration: kept in the session only."""
    edition_obj = get_edition_for_user(request, edition)
    if pk not in services.published_item_ids(edition_obj):
        raise Http404
    form = StarForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    stars = set(request.session.get(_session_key(edition_obj), []))
    if form.cleaned_data["action"] == "star":
        stars.add(pk)
    else:
        stars.discard(pk)
    request.session[_session_key(edition_obj)] = sorted(stars)
    fallback = reverse("program:program", kwargs={"edition": edition_obj.slug})
    return redirect(_back(request, form.cleaned_data["next"], fallback, pk))


@private_link
@require_POST
def agenda_star(request: HttpRequest, edition: str, token: str, pk: int) -> HttpResponse:
    """Star or unstar an item in a registered participant's agenda, then go back."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    program_item = get_object_or_404(ProgramItem, edition=edition_obj, pk=pk)
    form = StarForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    if form.cleaned_data["action"] == "star":
        try:
            services.star_item(registration=registration, item=program_item)
        except services.NotInProgramme:
            raise Http404 from None
    else:
        services.unstar_item(registration=registration, item=program_item)
    fallback = reverse("program:agenda", kwargs={"edition": edition_obj.slug, "token": token})
    return redirect(_back(request, form.cleaned_data["next"], fallback, pk))


@private_link
@require_GET
def agenda_ics(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """The starred items as iCalendar, for calendar apps to subscribe to (no cookies needed)."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    version = published_program(edition_obj)
    starred = services.starred_item_ids(registration)
    mine = None
    if version is not None:
        mine = ProgramVersion(
            edition=edition_obj,
            number=version.number,
            published_at=version.published_at,
            items=[item for item in version.items if item["id"] in starred],
        )
    calendar = icalendar.Calendar.from_ical(exports.program_ical(edition_obj, mine))
    calendar["x-wr-calname"] = _("My programme – %(name)s") % {"name": edition_obj.name}
    for event in calendar.walk("VEVENT"):
        # Not the UIDs of the whole-programme calendar, so a person can subscribe to both.
        event["uid"] = f"{registration.calendar_uid}-{event['uid']}"
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{edition_obj.slug}-mitt-program.ics"'
    return response


def _session_key(edition: Edition) -> str:
    return f"agenda:{edition.slug}"


def _starred_ids(request: HttpRequest, edition: Edition, registration: Registration | None) -> set[int]:
    if registration is not None:
        return services.starred_item_ids(registration)
    return {pk for pk in request.session.get(_session_key(edition), []) if isinstance(pk, int)}


def _back(request: HttpRequest, next_url: str, fallback: str, pk: int) -> str:
    """The page the star button was on, when it is on this site; the item's place on it."""
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    url = next_url if next_url and safe and next_url.startswith("/") else fallback
    return url if "#" in url else f"{url}#item-{pk}"


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
    """The edition and the published version's number and date (not its items: a 304 or a cached
    export needs no more)."""
    cached = getattr(request, "_program_export", None)
    if cached is None or cached[0].slug != edition:
        edition_obj = get_edition_for_user(request, edition)
        cached = (edition_obj, services.published_header(edition_obj))
        request._program_export = cached  # type: ignore[attr-defined]
    return cached


def _export_etag(request: HttpRequest, edition: str) -> str:
    edition_obj, version = _export_source(request, edition)
    published = version.published_at.isoformat() if version else ""
    key = f"{edition_obj.pk}:{edition_obj.slug}:{version.pk if version else 0}:{published}:{get_language()}:{request.path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _export_last_modified(request: HttpRequest, edition: str) -> datetime.datetime | None:
    return version.published_at if (version := _export_source(request, edition)[1]) else None


def _cached_export(request: HttpRequest, edition: str, render) -> bytes:  # type: ignore[no-untyped-def]
    """A published version never changes, so its export is rendered once per language and kept in
    the cache under the ETag; a new publication has a new ETag."""
    key = "program-export:" + _export_etag(request, edition)
    body = cache.get(key)
    if body is None:
        edition_obj, header = _export_source(request, edition)
        version = ProgramVersion.objects.get(pk=header.pk) if header else None
        body = render(edition_obj, version)
        body = body.encode() if isinstance(body, str) else body
        cache.set(key, body, timeout=60 * 60 * 24)
    return body


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_xml(request: HttpRequest, edition: str) -> HttpResponse:
    body = _cached_export(request, edition, exports.schedule_xml)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_json(request: HttpRequest, edition: str) -> HttpResponse:
    return HttpResponse(
        _cached_export(request, edition, exports.schedule_json), content_type="application/json"
    )


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_ics(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj, _version = _export_source(request, edition)
    response = HttpResponse(
        _cached_export(request, edition, exports.program_ical), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{edition_obj.slug}-program.ics"'
    return response
