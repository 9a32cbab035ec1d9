""" "Now and next" on the programme page during the event days: per room, what runs now and what starts
next, for a visitor on a phone between two sessions. Computed on the server from the current time in
the edition's time zone (Europe/Oslo); `now` is a parameter, so tests give a fixed clock.

The view shows it only on the edition's days. What it says changes only when an item starts or ends,
so a stored page that shows it is keyed by `moment`: the last start or end before now.
"""

import bisect
import datetime
from typing import Any

from django.core.cache import cache
from django.utils.dateparse import parse_datetime

from gronnpraksis.editions.models import Edition

from .models import ProgramVersion


def is_event_day(edition: Edition, now: datetime.datetime) -> bool:
    """Whether `now` is on one of the edition's days, in the edition's time zone."""
    return edition.starts_on <= now.astimezone(edition.tz).date() <= edition.ends_on


def now_and_next(items: list[dict[str, Any]], *, now: datetime.datetime) -> list[dict[str, Any]]:
    """Per room, in the timetable's order (rooms by their first item of the day, no room last): the
    items running at `now` and the first one starting after it, on `now`'s day. Cancelled items are
    left out; a room with nothing now or later today is left out.

    `items` have `start` and `end` in the edition's time zone and `room` ({"id", "name"} or None)."""
    today = [
        item
        for item in items
        if item["start"].date() == now.astimezone(item["start"].tzinfo).date() and not item.get("cancelled")
    ]
    rooms: dict[int | None, dict[str, Any]] = {}
    for item in sorted(today, key=lambda i: (i["room"] is None, i["start"])):
        room = item["room"]
        entry = rooms.setdefault(
            room["id"] if room else None, {"name": room["name"] if room else None, "now": [], "next": None}
        )
        if item["start"] <= now < item["end"]:
            entry["now"].append(item)
        elif item["start"] > now and entry["next"] is None:
            entry["next"] = item
    return [entry for entry in rooms.values() if entry["now"] or entry["next"]]


def moment(boundaries: list[datetime.datetime], now: datetime.datetime) -> datetime.datetime | None:
    """The last start or end at or before `now` (sorted `boundaries`): "now and next" reads the same
    until the next one."""
    index = bisect.bisect_right(boundaries, now)
    return boundaries[index - 1] if index else None


def version_moment(version: ProgramVersion, now: datetime.datetime) -> datetime.datetime | None:
    """`moment` for a published version, its starts and ends read once per version and kept."""
    key = f"programme-boundaries:{version.pk}"
    found = cache.get(key)
    if found is None:
        found = sorted(
            {
                when
                for item in version.items
                for field in ("starts_at", "ends_at")
                if (when := parse_datetime(item[field]))
            }
        )
        cache.set(key, found, timeout=60 * 60 * 24)
    return moment(found, now)
