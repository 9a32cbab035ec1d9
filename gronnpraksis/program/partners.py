"""Partner programmes (Miljøuka and others): their tracks, hand-entered events and iCalendar imports.

A partner programme's events are `ProgramItem`s of kind "partner" in the programme's own track
(`Track.is_partner`). They belong to the working copy like every other item, so they reach the public
programme and the exports at the next publication.

An import fetches the feed (http and https only, direct connections to public addresses, a deadline
and a size cap), parses it with icalendar, turns every text into plain text, and then brings the
programme's imported events in line with the feed in one transaction. Any failure only records
`last_error` and `last_fetched_at`: the events of the last good fetch stay as they are.
"""

import datetime
import hashlib
import html
import re
import zoneinfo
from dataclasses import dataclass

import icalendar
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.core.forms import clean_text
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.models import Edition

from .feed_fetch import WORKER_SECONDS, FeedError, fetch_feed
from .models import ItemKind, PartnerProgramme, ProgramItem, Track

MAX_FEED_EVENTS = 1000
# "Fetch now" runs inside a request: it gives up after this many seconds (a socket that drips bytes
# can stretch it to about twice that). The feed worker allows more (WORKER_SECONDS).
REQUEST_SECONDS = 5.0
# The feed worker fetches a feed again when its last fetch is this old.
FETCH_EVERY = datetime.timedelta(hours=1)
_http_url = URLValidator(schemes=["http", "https"])


# Programmes and hand-entered events


@transaction.atomic
def create_partner_programme(
    *, edition: Edition, name: str, organiser: str = "", website: str = "", feed_url: str = ""
) -> PartnerProgramme:
    """Register a partner programme. Side effects: its Track (`is_partner`, a slug unique in the
    edition, after the edition's other tracks) and the PartnerProgramme row. A feed is not fetched
    here; it is due at once for the feed worker, or call `import_partner_feed`."""
    last = Track.objects.filter(edition=edition).aggregate(last=Max("position"))["last"]
    track = Track.objects.create(
        edition=edition,
        name=name,
        slug=_free_track_slug(edition, name),
        description=organiser,
        is_partner=True,
        position=min((last or 0) + 1, 32767),
    )
    return PartnerProgramme.objects.create(
        edition=edition, name=name, organiser=organiser, website=website, feed_url=feed_url, track=track
    )


def _free_track_slug(edition: Edition, name: str) -> str:
    """`partner-<name>` (æ, ø, å and the Sami letters spelt out), with -2, -3 … when the edition
    already has it."""
    base = f"partner-{slugify(name)}"[:44].strip("-")
    taken = set(Track.objects.filter(edition=edition, slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def update_partner_programme(
    *, programme: PartnerProgramme, name: str, organiser: str, website: str, feed_url: str
) -> PartnerProgramme:
    """Change a programme's details; its track takes the new name (the slug stays, so exports keep it).

    Side effects: the programme and its track. A changed feed address is due for fetching at once.
    Without a feed the imported events stay and become hand-entered, so they can be edited.
    """
    if feed_url != programme.feed_url:
        programme.last_fetched_at = None
        programme.last_error = ""
        if not feed_url:
            programme.events.exclude(external_uid="").update(external_uid="", updated_at=timezone.now())
    programme.name, programme.organiser, programme.website = name, organiser, website
    programme.feed_url = feed_url
    programme.save()
    Track.objects.filter(pk=programme.track_id).update(name=name, description=organiser)
    return programme


@transaction.atomic
def delete_partner_programme(*, programme: PartnerProgramme) -> None:
    """Delete a programme. Side effects: deletes its events (and their stars) and its track. A published
    version keeps them until the next publication, which lists them as removed."""
    track = programme.track
    programme.delete()
    track.delete()


def save_partner_event(
    *, programme: PartnerProgramme, event: ProgramItem | None = None, fields: dict
) -> ProgramItem:
    """Create or change a hand-entered event of the programme (kind "partner", in its track).

    Side effect: one ProgramItem row, in the working copy until the next publication. Events from the
    feed are not edited here: the next import would overwrite the change.
    """
    if event is None:
        event = ProgramItem(edition_id=programme.edition_id, partner_programme=programme)
    if event.external_uid:
        raise ValueError("Events imported from the feed are changed in the feed.")
    for name, value in fields.items():
        setattr(event, name, value)
    event.kind = ItemKind.PARTNER
    event.track_id = programme.track_id
    event.save()
    return event


def delete_partner_event(*, event: ProgramItem) -> None:
    """Delete a hand-entered event. Side effect: deletes the row (and its stars)."""
    if event.external_uid:
        raise ValueError("Events imported from the feed are removed from the feed.")
    event.delete()


# Importing a feed


@dataclass(frozen=True)
class PartnerEvent:
    """One event read from a feed, as plain text and aware times."""

    uid: str
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str
    url: str
    is_cancelled: bool


@dataclass(frozen=True)
class ParsedFeed:
    events: list[PartnerEvent]
    skipped: int  # events left out: no UID, no usable times, private, repeating or a repeated UID


@dataclass(frozen=True)
class ImportResult:
    error: str = ""
    created: int = 0
    updated: int = 0
    deleted: int = 0
    skipped: int = 0


def import_partner_feed(*, programme: PartnerProgramme, seconds: float = WORKER_SECONDS) -> ImportResult:
    """Fetch the programme's feed and bring its imported events in line with it.

    Side effects: one HTTP request; then in one transaction creates, updates and deletes the
    programme's imported events (hand-entered ones are left alone), sets `last_fetched_at` and
    `last_success_at` and clears `last_error`. On any failure it only sets `last_fetched_at` and
    `last_error`, and the events stay as they were.
    """
    if not programme.feed_url:
        raise ValueError("The programme has no feed.")
    try:
        body = fetch_feed(programme.feed_url, seconds=seconds)
        parsed = parse_feed(body, tz=programme.edition.tz, fallback_title=programme.name)
        try:
            created, updated, deleted = _apply_events(programme, parsed.events)
        except IntegrityError:
            raise FeedError(_("Another fetch of this feed ran at the same time. Try again.")) from None
    except FeedError as error:
        message = str(error)[:500]
        now = timezone.now()
        PartnerProgramme.objects.filter(pk=programme.pk).update(last_fetched_at=now, last_error=message)
        programme.last_fetched_at, programme.last_error = now, message
        return ImportResult(error=message)
    programme.refresh_from_db(fields=["last_fetched_at", "last_success_at", "last_error"])
    return ImportResult(created=created, updated=updated, deleted=deleted, skipped=parsed.skipped)


def import_due_feeds(
    *, every: datetime.timedelta = FETCH_EVERY, seconds: float = WORKER_SECONDS
) -> list[tuple[PartnerProgramme, ImportResult]]:
    """Import every feed that is due: never fetched (new or changed address) or fetched `every` ago,
    for editions that have not ended. Side effects: claims each programme by setting `last_fetched_at`
    with a conditional update (so parallel workers skip it), then as `import_partner_feed`."""
    now = timezone.now()
    due = Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lte=now - every)
    programmes = list(
        PartnerProgramme.objects.exclude(feed_url="")
        .filter(due, edition__ends_on__gte=timezone.localdate())
        .select_related("edition")
        .order_by("pk")
    )
    results = []
    for programme in programmes:
        if PartnerProgramme.objects.filter(due, pk=programme.pk).update(last_fetched_at=now):
            results.append((programme, import_partner_feed(programme=programme, seconds=seconds)))
    return results


def _apply_events(programme: PartnerProgramme, events: list[PartnerEvent]) -> tuple[int, int, int]:
    """Create, update and delete the programme's imported events so they match `events`."""
    with transaction.atomic():
        if not PartnerProgramme.objects.select_for_update().filter(pk=programme.pk).exists():
            raise FeedError(_("The partner programme was deleted during the fetch."))
        existing = {item.external_uid: item for item in programme.events.exclude(external_uid="")}
        new_items, updated = [], 0
        for event in events:
            values = {
                "title": event.title,
                "description": event.description,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "location": event.location,
                "url": event.url,
                "is_cancelled": event.is_cancelled,
                "kind": ItemKind.PARTNER,
                "track_id": programme.track_id,
            }
            item = existing.pop(event.uid, None)
            if item is None:
                new_items.append(
                    ProgramItem(
                        edition_id=programme.edition_id,
                        partner_programme=programme,
                        external_uid=event.uid,
                        **values,
                    )
                )
                continue
            changed = [name for name, value in values.items() if getattr(item, name) != value]
            if changed:
                for name in changed:
                    setattr(item, name, values[name])
                item.save(update_fields=[*changed, "updated_at"])
                updated += 1
        ProgramItem.objects.bulk_create(new_items)
        ProgramItem.objects.filter(pk__in=[item.pk for item in existing.values()]).delete()
        now = timezone.now()
        PartnerProgramme.objects.filter(pk=programme.pk).update(
            last_fetched_at=now, last_success_at=now, last_error=""
        )
    return len(new_items), updated, len(existing)


# Parsing


def parse_feed(
    text: str, *, tz: zoneinfo.ZoneInfo, fallback_title: str, max_events: int = MAX_FEED_EVENTS
) -> ParsedFeed:
    """The events of an iCalendar text, as plain text and aware times (floating times and whole days
    in `tz`). Raises `FeedError` for text icalendar cannot read, more than `max_events` events, or a
    feed with events of which none can be used. An empty calendar is a valid, empty feed."""
    try:
        components = icalendar.Calendar.from_ical(text).walk("VEVENT")
    except Exception:  # icalendar raises ValueError, KeyError, IndexError … for malformed input
        raise FeedError(_("The feed is not a valid iCalendar file.")) from None
    if len(components) > max_events:
        raise FeedError(
            _("The feed has %(count)s events; we import at most %(max)s.")
            % {"count": len(components), "max": max_events}
        )
    events: dict[str, PartnerEvent] = {}
    for component in components:
        try:
            event = _event(component, tz=tz, fallback_title=fallback_title)
        except Exception:  # one event icalendar cannot decode is left out, not the whole feed
            event = None
        if event is not None and event.uid not in events:
            events[event.uid] = event
    if components and not events:
        raise FeedError(
            ngettext(
                "The feed's only event could not be read: it needs a UID, a start, and an end or a duration.",
                "None of the feed's %(count)s events could be read: each needs a UID, a start, and an end "
                "or a duration.",
                len(components),
            )
            % {"count": len(components)}
        )
    return ParsedFeed(events=list(events.values()), skipped=len(components) - len(events))


def _event(
    component: icalendar.Component, *, tz: zoneinfo.ZoneInfo, fallback_title: str
) -> PartnerEvent | None:
    """One VEVENT, or None when it cannot or should not be shown."""
    if "RRULE" in component or "RECURRENCE-ID" in component:
        return None  # repeating events are not expanded
    if _first(component.get("CLASS")).upper() in {"PRIVATE", "CONFIDENTIAL"}:
        return None
    uid = clean_text(_first(component.get("UID")))
    times = _times(component, tz)
    if not uid or times is None:
        return None
    if len(uid) > 255:
        uid = "sha256:" + hashlib.sha256(uid.encode()).hexdigest()
    url = _first(component.get("URL")).strip()
    try:
        _http_url(url)
    except ValidationError:
        url = ""
    return PartnerEvent(
        uid=uid,
        title=_plain(component.get("SUMMARY"), 200) or fallback_title[:200],
        description=_plain(component.get("DESCRIPTION"), 5000, lines=True),
        starts_at=times[0],
        ends_at=times[1],
        location=_plain(component.get("LOCATION"), 200),
        url=url if len(url) <= 200 else "",
        is_cancelled=_first(component.get("STATUS")).upper() == "CANCELLED",
    )


def _times(
    component: icalendar.Component, tz: zoneinfo.ZoneInfo
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """Start and end: DTEND, else DURATION. A whole day (DATE values) runs from midnight to midnight in
    `tz`, and a whole-day event without an end lasts one day (RFC 5545). Floating times are in `tz`."""
    start = getattr(component.get("DTSTART"), "dt", None)
    end = getattr(component.get("DTEND"), "dt", None)
    duration = getattr(component.get("DURATION"), "dt", None)
    if not isinstance(duration, datetime.timedelta):
        duration = None
    if isinstance(start, datetime.datetime):
        starts = start if start.tzinfo else start.replace(tzinfo=tz)
        if isinstance(end, datetime.datetime):
            ends = end if end.tzinfo else end.replace(tzinfo=tz)
        elif end is None and duration is not None:
            ends = starts + duration
        else:
            return None
    elif isinstance(start, datetime.date):
        starts = datetime.datetime.combine(start, datetime.time(0), tzinfo=tz)
        if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime):
            ends = datetime.datetime.combine(end, datetime.time(0), tzinfo=tz)
        elif end is None:
            ends = starts + (duration or datetime.timedelta(days=1))
        else:
            return None
    else:
        return None
    return (starts, ends) if ends > starts else None


def _first(value: object) -> str:
    """A property's text; the first one when a feed repeats a property that should appear once."""
    if isinstance(value, list):
        value = value[0] if value else None
    return "" if value is None else str(value)


def _plain(value: object, limit: int, *, lines: bool = False) -> str:
    """Plain text from text that may hold HTML, entities or control characters, at most `limit` long.

    Tags are stripped and entities decoded until nothing changes, so even text escaped twice ends
    up without markup; templates escape it once more when they show it."""
    text = _first(value)
    for _round in range(4):
        stripped = strip_tags(text)
        decoded = html.unescape(stripped)
        text = decoded
        if decoded == stripped:
            break
    text = clean_text(strip_tags(text))
    if lines:
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n\s*\n\s*", "\n\n", text)
    else:
        text = " ".join(text.split())
    return text[:limit].strip()
