"""iCalendar files for an edition (RFC 5545, with a VTIMEZONE so every client reads local time)."""

import datetime
import functools
import zoneinfo
from collections.abc import Iterable

import icalendar

from gronnpraksis.core.http import absolute_url

from .models import Edition, EditionDay

PRODID = "-//Grønn Praksis//gronnpraksis.no//NB"


def new_calendar(*, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def edition_days_calendar(edition: Edition, days: Iterable[EditionDay], *, uid_prefix: str) -> bytes:
    """One event per day the person attends, in the edition's time zone."""
    calendar = new_calendar(name=edition.name)
    stamp = datetime.datetime.now(datetime.UTC)
    location = ", ".join(part for part in [edition.venue_name, edition.venue_address] if part)
    for day in days:
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{day.date.isoformat()}@gronnpraksis")
        event.add("dtstamp", stamp)
        event.add("dtstart", day.start)
        event.add("dtend", day.end)
        event.add("summary", f"{edition.name}: {day.label}")
        event.add("location", location)
        event.add("url", absolute_url(edition.get_absolute_url()))
        event.add("description", edition.headline)
        calendar.add_component(event)
    calendar.add_component(vtimezone(edition.timezone, edition.starts_on.year))
    return calendar.to_ical()


@functools.cache
def vtimezone(tzid: str, year: int) -> icalendar.Component:
    """The VTIMEZONE for a zone, with the transitions from the year before to the year after the
    edition: enough for every event in it, and built once per process and year."""
    probe = icalendar.Calendar()
    event = icalendar.Event()
    event.add("dtstart", datetime.datetime(year, 1, 1, tzinfo=zoneinfo.ZoneInfo(tzid)))
    probe.add_component(event)
    probe.add_missing_timezones(
        first_date=datetime.date(year - 1, 1, 1), last_date=datetime.date(year + 2, 1, 1)
    )
    return next(component for component in probe.walk("VTIMEZONE"))


def editions_calendar(editions: Iterable[Edition], *, name: str) -> bytes:
    """The coming editions of every network, each an all-day event from its first to its last day
    (DTEND is the day after, as RFC 5545 has it for dates). The library escapes text and folds long
    lines."""
    calendar = new_calendar(name=name)
    stamp = datetime.datetime.now(datetime.UTC)
    for edition in editions:
        event = icalendar.Event()
        event.add("uid", f"edition-{edition.slug}@gronnpraksis")
        event.add("dtstamp", stamp)
        event.add("dtstart", edition.starts_on)
        event.add("dtend", edition.ends_on + datetime.timedelta(days=1))
        event.add("summary", edition.name)
        event.add("location", ", ".join(p for p in [edition.venue_name, edition.venue_address] if p))
        event.add("url", absolute_url(edition.get_absolute_url()))
        event.add(
            "description", f"{edition.network.name}. {edition.get_format_display()}. {edition.headline}"
        )
        event.add("categories", [edition.network.name])
        calendar.add_component(event)
    return calendar.to_ical()
