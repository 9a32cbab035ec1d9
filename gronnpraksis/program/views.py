import datetime
import functools
import hashlib
import unicodedata
from collections.abc import Callable
from itertools import groupby

import icalendar
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify as django_slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from gronnpraksis.core.http import private_link, safe_next
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.permissions import (
    get_registration_for_calendar_token,
    get_registration_for_token,
)

from . import exports, services
from .filters import FILTERS, matches
from .forms import StarForm
from .models import ItemKind, ProgramItem, ProgramVersion
from .now_next import is_event_day, now_and_next, version_moment
from .services import published_program
from .timetable import day_grid, track_colours

# Published versions never change, so what is derived from one is kept per version for a day.
VERSION_CACHE_SECONDS = 60 * 60 * 24
# A shared page also shows the layout (the menu's current edition, theme names): renewed after this.
PAGE_CACHE_SECONDS = 10 * 60


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
    version, language and URL (`_shared_page`); the items are decoded only when something is rendered."""
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
        return _page_items(version.items, edition, registration, _speaker_slugs(version))

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

    if version is not None and same_for_all and _is_plain_visitor(request):
        # During the event days the stored page changes when an item starts or ends ("now and next").
        vary = version_moment(version, now) if live else None
        return _shared_page(request, "program/program.html", context, edition, version, vary=vary)
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
        shown = _page_items(found, edition, registration, _speaker_slugs(version))
        return {"edition": edition, "item": shown[0], "registration": registration, "starred": starred}

    if registration is None and not starred and not request.GET and _is_plain_visitor(request):
        return _shared_page(request, "program/item.html", context, edition, version)
    return render(request, "program/item.html", context())


# Speakers: everyone named in the published programme, with a page each.


def speakers(request: HttpRequest, edition: str) -> HttpResponse:
    """Every speaker in the published programme, alphabetically, with the number of items."""
    edition_obj = get_edition_for_user(request, edition)
    version = services.published_header(edition_obj)

    def context() -> dict:
        index = _speaker_index(version) if version else {}
        return {"edition": edition_obj, "version": version, "speakers": list(index.values())}

    if version is not None and not request.GET and _is_plain_visitor(request):
        return _shared_page(request, "program/speakers.html", context, edition_obj, version)
    return render(request, "program/speakers.html", context())


def speaker(request: HttpRequest, edition: str, slug: str) -> HttpResponse:
    """One speaker's items in the published programme (cancelled ones marked); 404 for anyone else."""
    edition_obj = get_edition_for_user(request, edition)
    version = services.published_header(edition_obj)
    if version is None:
        raise Http404
    renamed = _renamed_speaker(_speaker_index(version), slug)
    if renamed is not None:
        return redirect("program:speaker", edition=edition_obj.slug, slug=renamed, permanent=True)

    def context() -> dict:
        person = _speaker_index(version).get(slug)
        if person is None:
            raise Http404
        key = (person["name"], person["organisation"])
        theirs = [
            item for item in version.items if any(_speaker_key(s) == key for s in item.get("speakers") or [])
        ]
        items = _page_items(theirs, edition_obj, None, _speaker_slugs(version))
        return {"edition": edition_obj, "speaker": person, "items": items}

    if not request.GET and _is_plain_visitor(request):
        return _shared_page(request, "program/speaker.html", context, edition_obj, version)
    return render(request, "program/speaker.html", context())


def _speaker_key(speaker: dict) -> tuple[str, str]:
    """Two entries are one speaker when name and organisation are the same."""
    return (speaker.get("name") or "", speaker.get("organisation") or "")


def _slug_base(name: str) -> str:
    return slugify(name, fallback="taler")


def _renamed_speaker(index: dict[str, dict], slug: str) -> str | None:
    """The current slug of the one speaker whose address was `slug` before Sami and other letters
    were spelt out (only æ and ø were, the rest dropped); None if `slug` is current or unknown."""
    if slug in index:
        return None
    old = [
        current
        for current, person in index.items()
        if django_slugify(
            person["name"].replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O")
        )
        == slug
    ]
    return old[0] if len(old) == 1 else None


def _alphabetical(name: str) -> str:
    """A sort key in the Norwegian order: æ, ø, å after z; accents ignored (é as e)."""
    folded = name.casefold().replace("æ", "{").replace("ø", "|").replace("å", "}")
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def _speaker_index(version: ProgramVersion) -> dict[str, dict]:
    """The published version's speakers by slug, in alphabetical order; kept per version.

    Entries with the same name and organisation are one speaker. A slug is the slugified name; when
    two speakers share one, they are numbered in a fixed order (name, then organisation): -2, -3…
    """
    cache_key = f"programme-speakers:{version.pk}"
    index = cache.get(cache_key)
    if index is not None:
        return index
    found: dict[tuple[str, str], dict] = {}
    for item in version.items:
        for entry in item.get("speakers") or []:
            name, organisation = key = _speaker_key(entry)
            person = found.setdefault(
                key, {"name": name, "organisation": organisation, "municipality": "", "items": set()}
            )
            person["municipality"] = person["municipality"] or entry.get("municipality") or ""
            person["items"].add(item["id"])
    bases = {key: _slug_base(key[0]) for key in found}
    slugs: dict[str, dict] = {}
    for key in sorted(found, key=lambda k: (bases[k], k)):
        slug, number = bases[key], 1
        while slug in slugs:
            number += 1
            slug = f"{bases[key]}-{number}"
        slugs[slug] = {**found[key], "slug": slug, "items": len(found[key]["items"])}
    index = dict(sorted(slugs.items(), key=lambda pair: (_alphabetical(pair[1]["name"]), pair[0])))
    cache.set(cache_key, index, timeout=VERSION_CACHE_SECONDS)
    return index


def _speaker_slugs(version: ProgramVersion) -> dict[tuple[str, str], str]:
    return {(p["name"], p["organisation"]): slug for slug, p in _speaker_index(version).items()}


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
                {**entry, "url": speaker_url(slugs[_speaker_key(entry)])}
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


# Public pages shared by every visitor without per-user state.

_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
# Stands in for the visitor's CSRF token in a stored page. Letters and dashes are not changed by
# escaping, and user text is escaped, so this <input> can only come from `{% csrf_token %}`.
_CSRF_PLACEHOLDER = "csrf-token-of-the-visitor"


def _is_plain_visitor(request: HttpRequest) -> bool:
    """A GET by someone not logged in with no messages waiting. Callers check stars and registrations:
    then nothing on the page is the visitor's own but the CSRF token."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))  # len() does not mark them as shown
    )


def _shared_page(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict],
    edition: Edition,
    version: ProgramVersion,
    *,
    vary: object = None,
) -> HttpResponse:
    """The page every plain visitor gets: rendered once per published version, edition, language and
    URL, and stored with a placeholder where the CSRF token goes, which each response replaces with
    the visitor's own token (`get_token` also sets the visitor's CSRF cookie, as `{% csrf_token %}`
    would). `context` is called only to render; a 404 it raises is not stored."""
    key = _page_key(request, edition, version, vary)
    parts = cache.get(key)  # the page split where the token goes (joining is cheaper than replacing)
    if parts is None:
        html = render_to_string(template, {**context(), "csrf_token": _CSRF_PLACEHOLDER}, request)
        parts = html.encode().split(_CSRF_INPUT.format(_CSRF_PLACEHOLDER).encode())
        cache.set(key, parts, timeout=PAGE_CACHE_SECONDS)
    return HttpResponse(_CSRF_INPUT.format(get_token(request)).encode().join(parts))


def _page_key(request: HttpRequest, edition: Edition, version: ProgramVersion, vary: object = None) -> str:
    # The edition's own fields are part of the key, so an edited name or venue shows at once.
    edition_state = [getattr(edition, field.attname) for field in edition._meta.concrete_fields]
    # Whether the edition is over changes the page (no stars) without a change to the edition's row.
    parts = [
        version.pk,
        edition_state,
        edition.is_past,
        get_language(),
        request.scheme,
        request.get_host(),
        vary,
    ]
    return "programme-page:" + hashlib.sha256(repr([*parts, request.get_full_path()]).encode()).hexdigest()


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
