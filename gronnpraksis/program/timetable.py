"""The programme at a glance: a day's items laid out as a timetable grid (rooms across, time down).

The page may have no inline styles (CSP), so the layout is expressed in a fixed vocabulary of CSS
classes (static/css/timetable.css, written by scripts/build_timetable_css.py): `gp-tt-c<n>` places an
item in grid column n, `gp-tt-r<n>` starts it at grid row n and `gp-tt-s<n>` lets it span n rows.
A row is `STEP_MINUTES` long; column 1 holds the times and row 1 the room names. A plenary, a break or a
meal while no other room has anything on (the coffee before the parallel sessions, the lunch) spans every
room's column (`gp-tt-w<n>`), so a day with parallel rooms reads as shared bands and parallel columns.

A day that does not fit the vocabulary (more rooms than `MAX_ROOMS`, or longer than `MAX_ROWS` steps)
gets no grid; the page then shows only the list, as on phones.
"""

import datetime
import math
from collections.abc import Sequence
from typing import Any

STEP_MINUTES = 5
MAX_ROOMS = 10  # columns 2 … 12 (the last for items without a room)
MAX_ROWS = 192  # 16 hours of 5 minutes, below the header row
# Designsystemet colour scales for tracks, in the order the programme lists its tracks; items without
# a track use the accent. Each scale keeps AA contrast in light and dark mode.
TRACK_COLOURS = ("info", "brand2", "warning", "success", "neutral")
SHARED_KINDS = frozenset({"plenary", "break", "meal"})  # items for everyone, when nothing runs beside them


def track_colours(tracks: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Each track's colour scale (by slug), in the programme's order of tracks."""
    return {slug: TRACK_COLOURS[index % len(TRACK_COLOURS)] for index, (slug, _name) in enumerate(tracks)}


def _floor(moment: datetime.datetime) -> datetime.datetime:
    minutes = (moment.minute // STEP_MINUTES) * STEP_MINUTES
    return moment.replace(minute=minutes, second=0, microsecond=0)


def _is_shared(item: dict[str, Any], items: list[dict[str, Any]]) -> bool:
    """Whether the item is for everyone (a plenary, a break, a meal, in a room) and no other room has an
    item at the same time, so it may span every room's column."""
    if item.get("kind") not in SHARED_KINDS or item["room"] is None:
        return False
    return not any(
        other["room"] is not None
        and other["room"]["id"] != item["room"]["id"]
        and other["start"] < item["end"]
        and item["start"] < other["end"]
        for other in items
    )


def day_grid(items: list[dict[str, Any]], colours: dict[str, str]) -> dict[str, Any] | None:
    """The grid for one day's items (each with `start`, `end`, `room`, `track`), or None if the day
    does not fit. Returns the room columns, the time labels down the side and the placed items."""
    if not items:
        return None
    rooms: list[dict[str, Any]] = []
    column_of: dict[int | None, int] = {}
    for item in sorted(items, key=lambda i: (i["room"] is None, i["start"])):
        room = item["room"]
        key = room["id"] if room else None
        if key not in column_of:
            column_of[key] = len(rooms) + 2
            rooms.append({"name": room["name"] if room else None, "column": len(rooms) + 2})
    if len(rooms) > MAX_ROOMS + 1:
        return None
    first = _floor(min(item["start"] for item in items))
    last = max(item["end"] for item in items)
    step = datetime.timedelta(minutes=STEP_MINUTES)
    total_rows = math.ceil((last - first) / step)
    if total_rows > MAX_ROWS:
        return None

    room_columns = sum(1 for room in rooms if room["name"] is not None)
    placed = []
    for item in items:
        row = int((_floor(item["start"]) - first) / step) + 2
        span = max(1, math.ceil((item["end"] - _floor(item["start"])) / step))
        track = item.get("track")
        column = column_of[item["room"]["id"] if item["room"] else None]
        width = ""
        if room_columns > 1 and _is_shared(item, items):
            column, width = 2, f" gp-tt-w{room_columns}"
        placed.append(
            {
                **item,
                "grid_classes": f"gp-tt-c{column} gp-tt-r{row} gp-tt-s{span}{width}",
                "colour": colours.get(track["slug"], "accent") if track else "accent",
                "short": span * STEP_MINUTES <= 30,
                # Formatted here once, not by template filters per item (300 items on a large programme).
                "when": f"{item['start']:%H:%M}–{item['end']:%H:%M}",
                "place": item["room"]["name"] if item["room"] else item.get("location", ""),
            }
        )
    placed.sort(key=lambda i: (i["start"], int(i["grid_classes"].split()[0][len("gp-tt-c") :])))

    times = []
    moment = first
    row = 2
    while moment < last:
        if moment.minute in (0, 30):
            span = min(30 // STEP_MINUTES, MAX_ROWS + 2 - row)
            times.append({"label": moment, "classes": f"gp-tt-r{row} gp-tt-s{span}"})
        moment += step
        row += 1
    legend: dict[str, dict[str, str]] = {}
    for item in placed:
        if item.get("track"):
            legend.setdefault(
                item["track"]["slug"], {"name": item["track"]["name"], "colour": item["colour"]}
            )
    return {
        "rooms": rooms,
        "items": placed,
        "times": times,
        "rows": total_rows,
        "legend": list(legend.values()),
        "untracked": any(not item.get("track") for item in placed),
    }
