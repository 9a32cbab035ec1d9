"""The published programme in formats other programs read: frab `schedule.xml`, C3VOC `schedule.json`
and iCalendar.

A session report written after an item has run (`program/reports.py`) adds its files to the event's
`attachments` (documents as `slides`, images as `related`) and its links to `links` (as `media`: they
are recordings, as a rule), in both schedule formats; the caller reads the reports and passes them in.

Pure functions from an edition and its published `ProgramVersion` (or None before the first
publication) to a document; they never touch the working copy, so unpublished edits cannot leak,
and they run no queries. Before the first publication they return a valid document without events.

Cancelled items are left out of `schedule.xml` and `schedule.json` (the formats have no field for
it); in the calendar they stay as STATUS:CANCELLED so subscribed calendars remove them.
"""

import datetime
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.xmlreader import AttributesImpl

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from gronnpraksis.core.http import absolute_url
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.calendar import new_calendar, vtimezone
from gronnpraksis.editions.models import Edition

from .models import ItemKind, ProgramVersion

GENERATOR = "gronnpraksis"
LANGUAGE = "nb"
PARTNER_TRACK_SLUG = "partner"
# Days run from 04:00 to 03:59 local time the next morning, as pretalx does, so evening events stay
# on their day: a party at 01:00 after the first day is on the first day. A whole-day event (from
# midnight, as an iCalendar DATE is imported) is on its own date instead; see `_day_of`.
DAY_START = datetime.time(4, 0)

_XSD_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")
_JSON_SLUG = re.compile(r"[a-z0-9_-]+[a-z0-9]")
_JSON_TIME_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


@dataclass
class Event:
    """One published item in the shape both schedule formats need."""

    id: int
    guid: str
    start: datetime.datetime
    end: datetime.datetime
    room: str
    track: str | None
    type: str
    slug: str
    title: str
    abstract: str
    description: str
    url: str
    persons: list[tuple[int, str]]
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, absolute URL)
    attachments: list[tuple[str, str, str]] = field(default_factory=list)  # (title, absolute URL, type)


@dataclass
class Schedule:
    acronym: str
    title: str
    start: datetime.date
    end: datetime.date
    time_zone: str
    version: str
    url: str
    rooms: list[tuple[str, str]]  # (name, guid)
    tracks: list[tuple[str, str]]  # (name, slug)
    days: list[tuple[datetime.date, list[Event]]] = field(default_factory=list)


def acronym(edition: Edition) -> str:
    """The edition's slug (letters and digits, as `gp22`), padded to the four characters the
    schemas ask for."""
    letters = re.sub(r"[^a-z0-9]", "", edition.slug.lower())
    return letters.ljust(4, "_")


def event_guid(edition: Edition, item_id: int) -> uuid.UUID:
    """Stable across versions: the same item keeps its guid when it moves or changes."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/{edition.slug}/program/{item_id}")


def _room_guid(edition: Edition, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/{edition.slug}/room/{name}"))


def _event_slug(prefix: str, item: dict) -> str:
    title = slugify(item["title"], max_length=50)
    return f"{prefix}-item{item['id']}" + (f"-{title}" if title else "")


def _track(edition: Edition, item: dict) -> tuple[str, str] | None:
    """(name, slug) of the item's track; partner items form a track of their own."""
    track = item.get("track")
    if track and not track["is_partner"]:
        return track["name"], track["slug"]
    if (track and track["is_partner"]) or item["kind"] == ItemKind.PARTNER:
        name = (track or {}).get("name") or edition.partner_programme_name or _("Partner programme")
        return name, (track or {}).get("slug") or PARTNER_TRACK_SLUG
    return None


def _room_name(edition: Edition, item: dict, track: tuple[str, str] | None) -> str:
    if item.get("room"):
        return str(item["room"]["name"])
    return track[0] if track else edition.venue_name


def _persons(items: list[dict]) -> dict[str, int]:
    """An integer id per distinct speaker name, in order of first appearance in the snapshot."""
    ids: dict[str, int] = {}
    for item in items:
        for speaker in item["speakers"]:
            ids.setdefault(speaker["name"], len(ids) + 1)
    return ids


def _abstract(item: dict) -> str:
    """The short text of an item: the contribution's summary, or the item's own description when it
    has none (a break, a plenary). Versions published before summaries were kept have no summary."""
    return item.get("summary") or item["description"]


def _description(item: dict) -> str:
    """The summary and the item's own description, each once."""
    parts = [item.get("summary") or "", item["description"]]
    return "\n\n".join(dict.fromkeys(part for part in parts if part))


def _speaker_line(item: dict) -> str:
    return "; ".join(
        ", ".join(part for part in [s["name"], s["organisation"], s["municipality"]] if part)
        for s in item["speakers"]
    )


def _local(value: str, edition: Edition) -> datetime.datetime:
    parsed = parse_datetime(value)
    assert parsed is not None
    return parsed.astimezone(edition.tz)


def _is_whole_day(event: Event) -> bool:
    """Starts at local midnight and lasts at least to the end of that date: an imported iCalendar DATE
    (midnight to midnight in the edition's time zone) or a hand-entered 00:00–24:00 or 00:00–23:59."""
    end_of_date = datetime.datetime.combine(
        event.start.date(), datetime.time(23, 59), tzinfo=event.start.tzinfo
    )
    return event.start.time() == datetime.time(0) and event.end >= end_of_date


def _day_of(event: Event) -> datetime.date:
    """The conference day an event is listed under: its local start date, or the day before when it
    starts before `DAY_START` (a late evening), unless it is a whole-day event."""
    day = event.start.date()
    if event.start.time() < DAY_START and not _is_whole_day(event):
        return day - datetime.timedelta(days=1)
    return day


def _day_bounds(
    day: datetime.date, events: list[Event], edition: Edition
) -> tuple[datetime.datetime, datetime.datetime]:
    """04:00 to 03:59 the next morning; a day holding a whole-day event starts at its midnight, so the
    day's bounds contain all its events."""
    start = datetime.datetime.combine(day, DAY_START, tzinfo=edition.tz)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), DAY_START, tzinfo=edition.tz)
    start = min([start, *(event.start for event in events)])
    return start, end - datetime.timedelta(minutes=1)


def _date_range(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    while first <= last:
        yield first
        first += datetime.timedelta(days=1)


def build_schedule(
    edition: Edition, version: ProgramVersion | None, reports: dict[int, dict] | None = None
) -> Schedule:
    """The schedule both formats are written from. `reports` are the session reports by item id
    (`reports.reports_by_item`), for the events' links and attachments."""
    items = version.items if version else []
    reports = reports or {}
    prefix = acronym(edition)
    person_ids = _persons(items)
    events = []
    for item in items:
        if item["cancelled"]:
            continue
        track = _track(edition, item)
        events.append(
            Event(
                id=item["id"],
                guid=str(event_guid(edition, item["id"])),
                start=_local(item["starts_at"], edition),
                end=_local(item["ends_at"], edition),
                room=_room_name(edition, item, track),
                track=track[0] if track else None,
                type=item["contribution_kind"] or item["kind"],
                slug=_event_slug(prefix, item),
                title=item["title"],
                abstract=_abstract(item),
                description=_description(item),
                url=absolute_url(reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]})),
                persons=[(person_ids[s["name"]], s["name"]) for s in item["speakers"]],
                **_report_references(reports.get(item["id"])),
            )
        )
    events.sort(key=lambda e: (e.start, e.room, e.id))
    dates = set(_date_range(edition.starts_on, edition.ends_on)) | {_day_of(e) for e in events}
    rooms: dict[str, str] = {}
    tracks: dict[str, str] = {}
    for item in items:
        if not item["cancelled"]:
            track = _track(edition, item)
            rooms.setdefault(_room_name(edition, item, track), "")
            if track:
                tracks.setdefault(track[0], track[1])
    return Schedule(
        acronym=prefix,
        title=edition.name,
        start=edition.starts_on,
        end=edition.ends_on,
        time_zone=edition.timezone,
        version=f"{version.number} ({version.published_at:%Y-%m-%d %H:%M})" if version else "0",
        url=absolute_url(reverse("program:program", kwargs={"edition": edition.slug})),
        rooms=[(name, _room_guid(edition, name)) for name in rooms],
        tracks=list(tracks.items()),
        days=[(day, [e for e in events if _day_of(e) == day]) for day in sorted(dates)],
    )


def _report_references(report: dict | None) -> dict[str, list]:
    if report is None:
        return {}
    return {
        "links": [(link["title"], link["url"]) for link in report["links"]],
        "attachments": [
            (f["title"], absolute_url(f["url"]), "related" if f["kind"] == "image" else "slides")
            for f in report["files"]
        ],
    }


def _hhmm(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_xml(
    edition: Edition, version: ProgramVersion | None, reports: dict[int, dict] | None = None
) -> bytes:
    """frab `schedule.xml`, valid against the C3VOC XSD."""
    schedule = build_schedule(edition, version, reports)
    out = io.StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    _start(xml, "schedule", {})
    xml.addQuickElement("generator", attrs={"name": GENERATOR})
    xml.addQuickElement("url", schedule.url.removesuffix("/") + ".xml")
    xml.addQuickElement("version", schedule.version)
    _start(xml, "conference", {})
    xml.addQuickElement("acronym", schedule.acronym)
    xml.addQuickElement("title", schedule.title)
    xml.addQuickElement("start", schedule.start.isoformat())
    xml.addQuickElement("end", schedule.end.isoformat())
    xml.addQuickElement("days", str(len(schedule.days)))
    xml.addQuickElement("timeslot_duration", "00:05")
    xml.addQuickElement("base_url", absolute_url("/"))
    xml.addQuickElement("time_zone_name", schedule.time_zone)
    for name, slug in schedule.tracks:
        attrs = {"name": name}
        if _XSD_TRACK_SLUG.fullmatch(slug):
            attrs["slug"] = slug
        xml.addQuickElement("track", attrs=attrs)
    xml.endElement("conference")
    for index, (day, events) in enumerate(schedule.days, start=1):
        start, end = _day_bounds(day, events, edition)
        _start(
            xml,
            "day",
            {
                "index": str(index),
                "date": day.isoformat(),
                "start": start.isoformat(),
                "end": end.isoformat(),
            },
        )
        for room, guid in schedule.rooms:
            in_room = [e for e in events if e.room == room]
            if not in_room:
                continue
            _start(xml, "room", {"name": room, "guid": guid})
            for event in in_room:
                _xml_event(xml, event, day_end=end)
            xml.endElement("room")
        xml.endElement("day")
    xml.endElement("schedule")
    xml.endDocument()
    return out.getvalue().encode()


def _start(xml: SimplerXMLGenerator, name: str, attrs: dict[str, str]) -> None:
    xml.startElement(name, AttributesImpl(attrs))


def _xml_event(xml: SimplerXMLGenerator, event: Event, *, day_end: datetime.datetime) -> None:
    """One event. frab's duration has at most two digits of hours, so an event that runs past its day
    (a partner's week-long exhibition) lasts to the end of the day here; the JSON and iCalendar exports
    keep its whole length."""
    _start(xml, "event", {"guid": event.guid, "id": str(event.id)})
    xml.addQuickElement("room", event.room)
    xml.addQuickElement("title", event.title)
    xml.addQuickElement("subtitle", "")
    xml.addQuickElement("type", event.type)
    xml.addQuickElement("date", event.start.isoformat())
    xml.addQuickElement("start", f"{event.start:%H:%M}")
    end = min(event.end, day_end + datetime.timedelta(minutes=1))
    xml.addQuickElement("duration", _hhmm(end - event.start))
    xml.addQuickElement("abstract", event.abstract)
    xml.addQuickElement("slug", event.slug)
    xml.addQuickElement("track", event.track or "")
    xml.addQuickElement("language", LANGUAGE)
    xml.addQuickElement("description", event.description)
    xml.addQuickElement("url", event.url)
    _start(xml, "persons", {})
    for person_id, name in event.persons:
        xml.addQuickElement("person", name, {"id": str(person_id)})
    xml.endElement("persons")
    _start(xml, "links", {})
    for title, url in event.links:
        xml.addQuickElement("link", title, {"href": url})
    xml.endElement("links")
    _start(xml, "attachments", {})
    for title, url, kind in event.attachments:
        xml.addQuickElement("attachment", title, {"href": url, "type": kind})
    xml.endElement("attachments")
    xml.endElement("event")


def schedule_json(
    edition: Edition, version: ProgramVersion | None, reports: dict[int, dict] | None = None
) -> str:
    """C3VOC `schedule.json`, valid against its JSON schema (draft-06).

    Persons carry `name` and an integer `id` but no `public_name`: with all three a person matches
    both the frab and the pretalx branch of the schema's `oneOf` and is rejected."""
    schedule = build_schedule(edition, version, reports)
    conference: dict = {
        "acronym": schedule.acronym,
        "title": schedule.title,
        "start": schedule.start.isoformat(),
        "end": schedule.end.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": "00:05",
        "url": schedule.url,
        "rooms": [{"name": name, "guid": guid} for name, guid in schedule.rooms],
        "tracks": [
            {"name": name, **({"slug": slug} if _JSON_SLUG.fullmatch(slug) else {})}
            for name, slug in schedule.tracks
        ],
        "days": [],
    }
    if _JSON_TIME_ZONE.search(schedule.time_zone):
        conference["time_zone_name"] = schedule.time_zone
    for index, (day, events) in enumerate(schedule.days, start=1):
        start, end = _day_bounds(day, events, edition)
        rooms: dict[str, list[dict]] = {}
        for event in events:
            rooms.setdefault(event.room, []).append(_json_event(event))
        conference["days"].append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": rooms,
            }
        )
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR},
        "schedule": {
            "version": schedule.version,
            "base_url": absolute_url("/"),
            "conference": conference,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _json_event(event: Event) -> dict:
    return {
        "guid": event.guid,
        "id": event.id,
        "date": event.start.isoformat(),
        "start": f"{event.start:%H:%M}",
        "end": event.end.isoformat(),
        "duration": _hhmm(event.end - event.start),
        "room": event.room,
        "slug": event.slug,
        "url": event.url,
        "title": event.title,
        "subtitle": None,
        "track": event.track,
        "type": event.type,
        "language": LANGUAGE,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [{"id": person_id, "name": name} for person_id, name in event.persons],
        "links": [{"type": "media", "url": url, "title": title} for title, url in event.links],
        "attachments": [{"type": kind, "url": url, "title": title} for title, url, kind in event.attachments],
    }


def program_ical(edition: Edition, version: ProgramVersion | None) -> bytes:
    """The whole published programme as iCalendar, with a VTIMEZONE for the edition's zone."""
    calendar = new_calendar(name=_("Programme for %(name)s") % {"name": edition.name})
    stamp = version.published_at if version else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    for item in version.items if version else []:
        calendar.add_component(
            ical_event(edition, item, stamp=stamp, sequence=version.number if version else 0)
        )
    calendar.add_component(vtimezone(edition.timezone, edition.starts_on.year))
    return calendar.to_ical()


def ical_event(edition: Edition, item: dict, *, stamp: datetime.datetime, sequence: int) -> icalendar.Event:
    """One snapshot item as a VEVENT. Its UID stays the same across versions, so a calendar that
    imports a later file (or a contributor's mail) updates the event instead of adding one."""
    track = _track(edition, item)
    room = item["room"]["name"] if item.get("room") else ""
    event = icalendar.Event()
    event.add("uid", f"{event_guid(edition, item['id'])}@gronnpraksis")
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", _local(item["starts_at"], edition))
    event.add("dtend", _local(item["ends_at"], edition))
    event.add("summary", item["title"])
    # A partner event has its own place; ours are at the venue.
    place = [item["location"]] if item.get("location") else [room, edition.venue_name, edition.venue_address]
    event.add("location", ", ".join(part for part in place if part))
    if track:
        event.add("categories", [track[0]])
    event.add("status", "CANCELLED" if item["cancelled"] else "CONFIRMED")
    # Calendars have no field for people, so the speakers follow the text.
    text = "\n\n".join(part for part in [_description(item), _speaker_line(item)] if part)
    if text:
        event.add("description", text)
    event.add(
        "url",
        absolute_url(reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]})),
    )
    return event
