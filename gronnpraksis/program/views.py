import datetime
import functools
import hashlib
from collections.abc import Callable
from itertools import groupby

import icalendar
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from gronnpraksis.core.http import is_shared, private_link, public_page, safe_next, shared_page
from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.permissions import (
    get_registration_for_calendar_token,
    get_registration_for_token,
)

from . import exports, reports, services
from .filters import FILTERS, matches
from .forms import StarForm
from .models import ItemKind, ProgramItem, ProgramVersion
from .now_next import is_event_day, now_and_next, version_moment
from .permissions import can_write_report
from .services import published_program
from .timetable import day_grid, track_colours

# Published versions never change, so what is derived from one is kept per version for a day.
VERSION_CACHE_SECONDS = services.VERSION_CACHE_SECONDS
# A shared page also shows the layout (the menu's current edition, theme names): renewed after this.
PAGE_CACHE_SECONDS = 10 * 60


@public_page
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
    """The programme page. Visitors without per-user state all get the same page, rendered once per
    version, language and URL (`core.http.shared_page`); the items are decoded only when something is rendered."""
    version = services.published_header(edition)
    starred = _starred_ids(request, edition, registration)
    chosen = {name: request.GET.get(name, "") for name in FILTERS}
    mine = request.GET.get("mine") == "1"
    now = timezone.now()
    live = version is not None and is_event_day(edition, now)  # "now and next" on the event days

    @functools.cache
    def items() -> list[dict]:
        if version is None:
            return []
        return _page_items(version.items, edition, registration, services.speaker_slugs(version))

    def shown() -> list[dict]:
        return [item for item in items() if matches(item, chosen) and (not mine or item["id"] in starred)]

    def days() -> list:
        """(day, its items, its timetable grid or None) for each day with items shown."""
        shown_items = shown()
        colours = track_colours(options()["tracks"])
        by_day = [
            (day, list(day_items)) for day, day_items in groupby(shown_items, key=lambda i: i["start"].date())
        ]
        return [(day, day_items, day_grid(day_items, colours)) for day, day_items in by_day]

    @functools.cache
    def options() -> dict:
        key = f"programme-options:{version.pk if version else 0}:{get_language()}"
        found = cache.get(key)
        if found is None:
            found = _options(items())
            cache.set(key, found, timeout=VERSION_CACHE_SECONDS)
        return found

    # Visitors without stars all see the same list, and plain visitors the same page; only URLs with
    # filters the programme offers are stored, so made-up query strings cannot fill the cache.
    same_for_all = (
        version is not None and registration is None and not starred and _known_filters(request, options)
    )

    def context() -> dict:
        return {
            "edition": edition,
            "version": version,
            "days": SimpleLazyObject(days),  # evaluated only when the cached list is missing
            "chosen": chosen,
            "mine": mine,
            "filtered": any(chosen.values()) or mine,
            "options": options(),
            "registration": registration,
            "starred": starred,
            "agenda_items": [item for item in items() if item["id"] in starred] if starred else [],
            "cache_list": same_for_all,  # per version, language and URL
            "now_next": now_and_next(shown(), now=now) if live else [],
            "now": now,
        }

    if version is not None and same_for_all and is_shared(request):
        # During the event days the stored page changes when an item starts or ends ("now and next").
        key = [*_page_key(edition, version), version_moment(version, now) if live else None]
        return shared_page(request, "program/program.html", context, key, PAGE_CACHE_SECONDS)
    return render(request, "program/program.html", context())


def _known_filters(request: HttpRequest, options: Callable[[], dict]) -> bool:
    """Whether the query string holds only filters with values the programme offers, each once."""
    if not request.GET:
        return True
    offered = {
        "tema": {slug for slug, _name in options()["themes"]},
        "type": {value for value, _label in options()["kinds"]},
        "spor": {slug for slug, _name in options()["tracks"]},
        "rom": {pk for pk, _name in options()["rooms"]},
        "mine": {"1"},
    }
    return all(
        name in offered and len(values) == 1 and values[0] in offered[name] | {""}
        for name, values in request.GET.lists()
    )


@public_page
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
    version = services.published_header(edition)
    if version is None:
        raise Http404
    starred = _starred_ids(request, edition, registration)

    def context() -> dict:
        found = [item for item in version.items if item["id"] == pk]
        if not found:
            raise Http404
        shown = _page_items(found, edition, registration, services.speaker_slugs(version))
        return {
            "edition": edition,
            "item": shown[0],
            "registration": registration,
            "starred": starred,
            "report": reports.reports_by_item(edition, [pk]).get(pk),
            "can_report": _can_report(request, edition, pk),
        }

    if registration is None and not request.GET and is_shared(request):
        # A session report is written without a new publication: its state is part of the key.
        key = [*_page_key(edition, version), reports.edition_stamp(edition)]
        return shared_page(request, "program/item.html", context, key, PAGE_CACHE_SECONDS)
    return render(request, "program/item.html", context())


def _can_report(request: HttpRequest, edition: Edition, pk: int) -> bool:
    """Whether the logged-in visitor may write the item's session report (never on a shared page)."""
    if not request.user.is_authenticated:
        return False
    found = (
        ProgramItem.objects.select_related("edition", "contribution").filter(edition=edition, pk=pk).first()
    )
    return found is not None and can_write_report(request.user, found)


# Speakers: everyone named in the published programme, with a page each (index: services).


@public_page
def speakers(request: HttpRequest, edition: str) -> HttpResponse:
    """Every speaker in the published programme, alphabetically, with the number of items."""
    edition_obj = get_edition_for_user(request, edition)
    version = services.published_header(edition_obj)

    def context() -> dict:
        index = services.speaker_index(version) if version else {}
        return {"edition": edition_obj, "version": version, "speakers": list(index.values())}

    if version is not None and not request.GET and is_shared(request):
        key = _page_key(edition_obj, version)
        return shared_page(request, "program/speakers.html", context, key, PAGE_CACHE_SECONDS)
    return render(request, "program/speakers.html", context())


@public_page
def speaker(request: HttpRequest, edition: str, slug: str) -> HttpResponse:
    """One speaker's items in the published programme (cancelled ones marked); 404 for anyone else."""
    edition_obj = get_edition_for_user(request, edition)
    version = services.published_header(edition_obj)
    if version is None:
        raise Http404
    renamed = services.renamed_speaker(services.speaker_index(version), slug)
    if renamed is not None:
        return redirect("program:speaker", edition=edition_obj.slug, slug=renamed, permanent=True)

    def context() -> dict:
        person = services.speaker_index(version).get(slug)
        if person is None:
            raise Http404
        key = (person["name"], person["organisation"])
        theirs = [
            item
            for item in version.items
            if any(services.speaker_key(s) == key for s in item.get("speakers") or [])
        ]
        items = _page_items(theirs, edition_obj, None, services.speaker_slugs(version))
        return {"edition": edition_obj, "speaker": person, "items": items}

    if not request.GET and is_shared(request):
        key = _page_key(edition_obj, version)
        return shared_page(request, "program/speaker.html", context, key, PAGE_CACHE_SECONDS)
    return render(request, "program/speaker.html", context())


def _page_items(
    stored: list[dict], edition: Edition, registration: Registration | None, slugs: dict
) -> list[dict]:
    """Snapshot items with local times and their links (the item, its star button, its speakers).
    Each URL is reversed once per page, not per item."""
    if registration is None:
        item_url = _url_maker("program:item", edition=edition.slug)
        star_url = _url_maker("program:star", edition=edition.slug)
    else:
        token = registration.manage_token
        item_url = _url_maker("program:agenda_item", edition=edition.slug, token=token)
        star_url = _url_maker("program:agenda_star", edition=edition.slug, token=token)
    speaker_url = _url_maker("program:speaker", "slug", edition=edition.slug)
    tz = edition.tz
    return [
        {
            **item,
            "start": _parse(item["starts_at"]).astimezone(tz),
            "end": _parse(item["ends_at"]).astimezone(tz),
            "web_page": item.get("url", ""),  # a partner event's own page; "url" is ours below
            "url": item_url(item["id"]),
            "star_url": star_url(item["id"]),
            "speakers": [
                {**entry, "url": speaker_url(slugs[services.speaker_key(entry)])}
                for entry in item.get("speakers") or []
            ],
        }
        for item in stored
    ]


def _parse(value: str) -> datetime.datetime:
    parsed = parse_datetime(value)
    assert parsed is not None
    return parsed


def _url_maker(name: str, argument: str = "pk", **kwargs: str) -> Callable[[object], str]:
    """`reverse(name, …)` for many values of one argument: reversed once with 0, then only it changes."""
    head, tail = reverse(name, kwargs={**kwargs, argument: 0}).rsplit("/0/", 1)
    return lambda value: f"{head}/{value}/{tail}"


def _page_key(edition: Edition, version: ProgramVersion) -> list[object]:
    """What a shared programme page depends on besides its URL and language (`core.http.shared_page`)."""
    # The edition's own fields are part of the key, so an edited name or venue shows at once.
    edition_state = [getattr(edition, field.attname) for field in edition._meta.concrete_fields]
    # Whether the edition is over changes the page (no stars) without a change to the edition's row.
    return ["programme-page", version.pk, edition_state, edition.is_past]


@require_POST
def star(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    """Star or unstar an item for a visitor without a registration: kept in the session only."""
    edition_obj = get_edition_for_user(request, edition)
    if pk not in services.published_item_ids(edition_obj):
        raise Http404
    form = StarForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    fallback = reverse("program:program", kwargs={"edition": edition_obj.slug})
    if form.cleaned_data["action"] == "star" and edition_obj.is_past:
        messages.error(request, _("The edition is over, so its programme can no longer be starred."))
        return redirect(_back(request, form.cleaned_data["next"], fallback, pk))
    stars = set(request.session.get(_session_key(edition_obj), []))
    if form.cleaned_data["action"] == "star":
        stars.add(pk)
    else:
        stars.discard(pk)
    request.session[_session_key(edition_obj)] = sorted(stars)
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
    fallback = reverse("program:agenda", kwargs={"edition": edition_obj.slug, "token": token})
    if form.cleaned_data["action"] == "star":
        try:
            services.star_item(registration=registration, item=program_item)
        except services.NotInProgramme:
            raise Http404 from None
        except services.StarringClosed:
            messages.error(request, _("The edition is over, so its programme can no longer be starred."))
    else:
        services.unstar_item(registration=registration, item=program_item)
    return redirect(_back(request, form.cleaned_data["next"], fallback, pk))


@private_link
@require_GET
def agenda_ics(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """The starred items as iCalendar, for calendar apps to subscribe to (no cookies needed).

    `token` is the registration's calendar token (read-only, this feed only), never the manage token.
    """
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_calendar_token(edition_obj, token)
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
    if is_shared(request):  # no session cookie: nothing starred, and the session is not touched
        return set()
    return {pk for pk in request.session.get(_session_key(edition), []) if isinstance(pk, int)}


def _back(request: HttpRequest, next_url: str, fallback: str, pk: int) -> str:
    """The page the star button was on, when it is on this site; the item's place on it."""
    url = safe_next(request, next_url, fallback)
    return url if "#" in url else f"{url}#item-{pk}"


def changes(request: HttpRequest, edition: str) -> HttpResponse:
    """ "Nytt i programmet": every published version and what it changed."""
    edition_obj = get_edition_for_user(request, edition)
    versions = edition_obj.program_versions.only("number", "published_at", "note", "changes")
    return render(request, "program/changes.html", {"edition": edition_obj, "versions": versions})


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


def _export_source(
    request: HttpRequest, edition: str
) -> tuple[Edition, ProgramVersion | None, tuple[int, datetime.datetime | None]]:
    """The edition, the published version's number and date (not its items: a 304 or a cached
    export needs no more) and the state of its session reports (written without a new version)."""
    cached = getattr(request, "_program_export", None)
    if cached is None or cached[0].slug != edition:
        edition_obj = get_edition_for_user(request, edition)
        cached = (edition_obj, services.published_header(edition_obj), reports.edition_stamp(edition_obj))
        request._program_export = cached  # type: ignore[attr-defined]
    return cached


def _export_etag(request: HttpRequest, edition: str) -> str:
    edition_obj, version, stamp = _export_source(request, edition)
    published = version.published_at.isoformat() if version else ""
    key = f"{edition_obj.pk}:{edition_obj.slug}:{version.pk if version else 0}:{published}:{stamp}:{get_language()}:{request.path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _export_last_modified(request: HttpRequest, edition: str) -> datetime.datetime | None:
    _edition, version, (_count, reported) = _export_source(request, edition)
    if version is None:
        return None
    return max(version.published_at, reported) if reported else version.published_at


def _cached_export(
    request: HttpRequest, edition: str, render: Callable[[Edition, ProgramVersion | None], bytes | str]
) -> bytes:
    """A published version never changes, so its export is rendered once per language and kept in
    the cache under the ETag; a new publication has a new ETag."""
    key = "program-export:" + _export_etag(request, edition)
    body = cache.get(key)
    if body is None:
        edition_obj, header, _stamp = _export_source(request, edition)
        version = ProgramVersion.objects.get(pk=header.pk) if header else None
        body = render(edition_obj, version)
        body = body.encode() if isinstance(body, str) else body
        cache.set(key, body, timeout=60 * 60 * 24)
    return body


def _with_reports(
    render: Callable[[Edition, ProgramVersion | None, dict[int, dict]], bytes | str],
) -> Callable[[Edition, ProgramVersion | None], bytes | str]:
    """An export that lists the items' session reports (read in a constant number of queries)."""

    def rendered(edition: Edition, version: ProgramVersion | None) -> bytes | str:
        ids = [item["id"] for item in version.items] if version else []
        return render(edition, version, reports.reports_by_item(edition, ids))

    return rendered


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_xml(request: HttpRequest, edition: str) -> HttpResponse:
    body = _cached_export(request, edition, _with_reports(exports.schedule_xml))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_json(request: HttpRequest, edition: str) -> HttpResponse:
    return HttpResponse(
        _cached_export(request, edition, _with_reports(exports.schedule_json)),
        content_type="application/json",
    )


@condition(etag_func=_export_etag, last_modified_func=_export_last_modified)
def program_ics(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj, _version, _stamp = _export_source(request, edition)
    response = HttpResponse(
        _cached_export(request, edition, exports.program_ical), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{edition_obj.slug}-program.ics"'
    return response
