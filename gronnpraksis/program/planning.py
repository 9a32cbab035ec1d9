"""An edition's working copy as a planning problem for the builder, and a plan back as changes.

`build(edition)` reads the working copy and returns a `Planning`: the builder's `Problem` and, per slot
and per session, what it stands for here (a room and a time; a programme item or an accepted contribution
without one). `changes(planning, assignment)` turns a plan into the list of changes the proposal page
shows and `proposals.accept_proposal` writes. docs/builder.md, "In the planner", has the rules.

- **Rooms**: the edition's rooms with their seats (none given: no limit) and features (`Room.features`,
  comma-separated, compared in lower case).
- **Blocks and slots**: each day runs from the day's start to its end (widened to the items of the day);
  breaks, meals and plenaries cut it into blocks (everyone is there, so nothing runs beside them). Within a
  block every room gets the day's time grid: the starts and ends of the day's contribution items; a stretch
  without any is cut into `PROGRAM_BUILDER_SLOT_MINUTES` pieces. A slot is one such piece in one room.
- **Sessions**: every contribution item of the working copy (not cancelled, not a stand) and every accepted
  contribution that has no item yet (its wished length). Track: the item's track, else the contribution's
  first theme. Needs: a workshop needs `verksted`; any room feature named in the contribution's needs.
  Contributors: the contributors' addresses (else the item's speaker names). Availability: the blocks in
  the half-days the contribution lists (`Contribution.availability`). A pinned item keeps its place.
- **Wants**: per registration that starred items in "Mitt program", the starred sessions; before a
  registration's first stars, the sessions of the themes it marked as interesting when registering.
- **Previous plan**: the slot each item has in the published programme.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from gronnpraksis.contributions.models import Contribution, Format, Kind, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration, Status

from . import services
from .builder.problem import Problem, Room, Session, Slot, Weights, audiences_from_wants
from .models import AgendaStar, ItemKind, ProgramItem
from .models import Room as RoomModel

UNIT_MINUTES = 5
NOON = datetime.time(12, 0)
# Everyone is at these: nothing runs beside them, so they end one block and start the next.
BLOCK_BOUNDARY_KINDS = frozenset({ItemKind.BREAK, ItemKind.MEAL, ItemKind.PLENARY})
NO_LIMIT = 1_000_000  # a room without a number of seats
WORKSHOP_FEATURE = "verksted"
MIN_SLOT_MINUTES = 10


@dataclass(frozen=True)
class Place:
    """What a slot stands for: a room at a time on one of the edition's days."""

    day: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: int
    room_name: str


@dataclass(frozen=True)
class Source:
    """What a session stands for: a programme item, or an accepted contribution without one."""

    item: int | None
    contribution: int | None
    title: str
    minutes: int
    pinned: bool
    # The item's place in the working copy now (None: no item, or an item without a room).
    room: int | None = None
    room_name: str = ""
    starts_at: datetime.datetime | None = None


@dataclass
class Planning:
    problem: Problem
    places: list[Place]
    sources: list[Source]
    days: list[datetime.date] = field(default_factory=list)


def weights() -> Weights:
    """The score's weights from the settings (`PROGRAM_BUILDER_WEIGHTS`)."""
    return Weights(**settings.PROGRAM_BUILDER_WEIGHTS)


def features(text: str) -> frozenset[str]:
    """A room's features from its comma-separated text, in lower case."""
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


def half_day(moment: datetime.datetime) -> str:
    """The availability code of the half-day a moment is in: "YYYY-MM-DD:am" or "YYYY-MM-DD:pm"."""
    return f"{moment.date().isoformat()}:{'am' if moment.time() < NOON else 'pm'}"


def fingerprint(edition: Edition) -> str:
    """A digest of what a proposal is planned from: the working copy's items and places, the rooms,
    the accepted contributions and their availability. A proposal whose fingerprint differs from the
    edition's now is stale."""
    items = sorted(
        ProgramItem.objects.filter(edition=edition, partner_programme=None).values_list(
            "pk", "kind", "starts_at", "ends_at", "room_id", "pinned", "is_cancelled", "contribution_id"
        )
    )
    rooms = sorted(RoomModel.objects.filter(edition=edition).values_list("pk", "capacity", "features"))
    contributions = sorted(
        Contribution.objects.filter(edition=edition, state__in=[State.ACCEPTED, State.CONFIRMED]).values_list(
            "pk", "wished_length", "availability"
        )
    )
    text = json.dumps([items, rooms, contributions], default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _is_stand(contribution: Contribution | None) -> bool:
    if contribution is None:
        return False
    return contribution.wished_format == Format.STAND or contribution.kind == Kind.STAND


def _minutes(start: datetime.datetime, end: datetime.datetime) -> int:
    return int((end - start) / datetime.timedelta(minutes=1))


def build(edition: Edition) -> Planning:
    """The edition's working copy as a planning problem (see the module's docstring for the rules)."""
    tz = edition.tz
    rooms = list(RoomModel.objects.filter(edition=edition))
    room_index = {room.pk: x for x, room in enumerate(rooms)}
    items = [
        item
        for item in services.working_items(edition)
        if item.kind != ItemKind.PARTNER and not item.is_cancelled
    ]
    day_rows = list(edition.days.all())
    dates = [d.date for d in day_rows] or [edition.starts_on]
    day_hours = {d.date: (d.starts_at, d.ends_at) for d in day_rows}

    sessions_items = [
        item
        for item in items
        if item.kind == ItemKind.CONTRIBUTION
        and not _is_stand(item.contribution)
        and (item.contribution is None or item.contribution.state in (State.ACCEPTED, State.CONFIRMED))
    ]
    session_ids = {item.pk for item in sessions_items}
    fixed = [item for item in items if item.pk not in session_ids]
    waiting = [c for c in services.unplaced_contributions(edition) if c.wished_length and not _is_stand(c)]

    # Blocks and slots, day by day.
    places: list[Place] = []
    slots: list[Slot] = []
    block_of: list[tuple[datetime.date, datetime.datetime, datetime.datetime]] = []
    first = dates[0]

    def unit(moment: datetime.datetime) -> int:
        local = timezone.localtime(moment, tz)
        minutes = (local.date() - first).days * 24 * 60 + local.hour * 60 + local.minute
        return minutes // UNIT_MINUTES

    def add_slot(
        room: RoomModel, block: int, start: datetime.datetime, end: datetime.datetime, key: str
    ) -> int:
        slots.append(
            Slot(
                key=key,
                room=room_index[room.pk],
                block=block,
                units=tuple(range(unit(start), max(unit(end), unit(start) + 1))),
                duration=_minutes(start, end),
                day=dates.index(start.astimezone(tz).date()) if start.astimezone(tz).date() in dates else 0,
            )
        )
        start, end = start.astimezone(tz), end.astimezone(tz)
        places.append(Place(start.date(), start, end, room.pk, room.name))
        return len(slots) - 1

    # Pinned items keep their own place; fixed items in a room keep their room busy.
    pinned_slot: dict[int, int] = {}
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = {}
    for item in fixed:
        if item.room_id is not None and item.kind not in BLOCK_BOUNDARY_KINDS:
            busy.setdefault(item.room_id, []).append((item.starts_at, item.ends_at))
    for item in sessions_items:
        if item.pinned and item.room_id is not None:
            busy.setdefault(item.room_id, []).append((item.starts_at, item.ends_at))

    for date in dates:
        start_t, end_t = day_hours.get(date, (datetime.time(9), datetime.time(16)))
        day_start = datetime.datetime.combine(date, start_t, tzinfo=tz)
        day_end = datetime.datetime.combine(date, end_t, tzinfo=tz)
        todays = [i for i in items if timezone.localtime(i.starts_at, tz).date() == date]
        if todays:
            day_start = min(day_start, *(i.starts_at for i in todays))
            day_end = max(day_end, *(i.ends_at for i in todays))
        breaks = sorted((i.starts_at, i.ends_at) for i in todays if i.kind in BLOCK_BOUNDARY_KINDS)
        blocks: list[tuple[datetime.datetime, datetime.datetime]] = []
        cursor = day_start
        for b_start, b_end in breaks:
            if b_start > cursor:
                blocks.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < day_end:
            blocks.append((cursor, day_end))
        spans = {(i.starts_at, i.ends_at) for i in todays if i.pk in session_ids}
        grid = {a for a, _b in spans} | {b for _a, b in spans}
        step = datetime.timedelta(minutes=settings.PROGRAM_BUILDER_SLOT_MINUTES)
        for b_start, b_end in blocks:
            if _minutes(b_start, b_end) < MIN_SLOT_MINUTES:
                continue
            block = len(block_of)
            block_of.append((date, b_start, b_end))
            points = sorted({b_start, b_end} | {p for p in grid if b_start < p < b_end})
            pieces: list[tuple[datetime.datetime, datetime.datetime]] = []
            for a, b in itertools.pairwise(points):
                # An item's own span, or a short stretch, is one slot; a longer gap is cut into pieces.
                if (a, b) in spans or b - a <= step:
                    pieces.append((a, b))
                    continue
                while a < b:
                    end = min(a + step, b)
                    if _minutes(a, end) >= MIN_SLOT_MINUTES:
                        pieces.append((a, end))
                    a = end
            for room in rooms:
                for a, b in pieces:
                    if any(s < b and a < e for s, e in busy.get(room.pk, [])):
                        continue
                    add_slot(room, block, a, b, f"{room.pk}@{a.isoformat()}")

    def block_at(moment: datetime.datetime) -> int:
        for x, (_date, b_start, b_end) in enumerate(block_of):
            if b_start <= moment < b_end:
                return x
        block_of.append((timezone.localtime(moment, tz).date(), moment, moment))
        return len(block_of) - 1

    for item in sessions_items:
        if item.pinned and item.room_id is not None and item.room is not None:
            pinned_slot[item.pk] = add_slot(
                item.room, block_at(item.starts_at), item.starts_at, item.ends_at, f"pin-{item.pk}"
            )

    slot_at = {(places[k].room, places[k].starts_at): k for k in range(len(slots))}

    def allowed(contribution: Contribution | None) -> frozenset[int] | None:
        if contribution is None or not contribution.availability:
            return None
        wanted = set(contribution.availability)
        return frozenset(
            x for x, (_d, b_start, _e) in enumerate(block_of) if half_day(b_start.astimezone(tz)) in wanted
        )

    known_features = frozenset().union(*(features(room.features) for room in rooms)) if rooms else frozenset()

    def needs(contribution: Contribution | None) -> frozenset[str]:
        if contribution is None:
            return frozenset()
        found = {f for f in known_features if f in contribution.needs.lower()}
        if contribution.wished_format == Format.WORKSHOP or contribution.kind == Kind.WORKSHOP:
            found.add(WORKSHOP_FEATURE)
        return frozenset(found)

    def track(item: ProgramItem | None, contribution: Contribution | None) -> str:
        if item is not None and item.track is not None:
            return item.track.slug
        if contribution is not None:
            themes = sorted(t.slug for t in contribution.themes.all())
            return themes[0] if themes else ""
        return ""

    def contributors(item: ProgramItem | None, contribution: Contribution | None) -> frozenset[str]:
        if contribution is not None:
            return frozenset(p.email.lower() for p in contribution.contributors.all())
        names = item.speakers.split(",") if item is not None else []
        return frozenset(f"name:{n.strip().lower()}" for n in names if n.strip())

    sessions: list[Session] = []
    sources: list[Source] = []
    session_themes: list[frozenset[str]] = []

    def themes_of(contribution: Contribution | None) -> frozenset[str]:
        return (
            frozenset(t.slug for t in contribution.themes.all()) if contribution is not None else frozenset()
        )

    for item in sessions_items:
        c = item.contribution
        minutes = _minutes(item.starts_at, item.ends_at)
        sessions.append(
            Session(
                key=f"item-{item.pk}",
                duration=minutes,
                track=track(item, c),
                needs=needs(c),
                contributors=contributors(item, c),
                allowed_blocks=allowed(c),
                pinned=pinned_slot.get(item.pk),
                title=item.title,
            )
        )
        session_themes.append(themes_of(c))
        sources.append(
            Source(
                item.pk,
                c.pk if c else None,
                item.title,
                minutes,
                item.pinned,
                item.room_id,
                item.room.name if item.room else "",
                item.starts_at.astimezone(tz),
            )
        )
    for c in waiting:
        sessions.append(
            Session(
                key=f"contribution-{c.pk}",
                duration=int(c.wished_length),
                track=track(None, c),
                needs=needs(c),
                contributors=contributors(None, c),
                allowed_blocks=allowed(c),
                title=c.title,
            )
        )
        session_themes.append(themes_of(c))
        sources.append(Source(None, c.pk, c.title, int(c.wished_length), False))

    # Wants: each registration's starred sessions; a registration that has starred nothing yet wants
    # the sessions of the themes it marked as interesting when registering.
    by_item = {src.item: x for x, src in enumerate(sources) if src.item is not None}
    starred: dict[int, set[int]] = {}
    for registration, item_id in (
        AgendaStar.objects.filter(item__edition=edition, item_id__in=list(by_item))
        .exclude(registration__status=Status.CANCELLED)
        .values_list("registration_id", "item_id")
    ):
        starred.setdefault(registration, set()).add(by_item[item_id])
    by_theme: dict[str, set[int]] = {}
    for x, slugs in enumerate(session_themes):
        for slug in slugs:
            by_theme.setdefault(slug, set()).add(x)
    interests: dict[int, set[int]] = {}
    for registration, slug in (
        Registration.objects.filter(edition=edition, themes__isnull=False)
        .exclude(status=Status.CANCELLED)
        .exclude(pk__in=list(starred))
        .values_list("pk", "themes__slug")
    ):
        interests.setdefault(registration, set()).update(by_theme.get(slug, set()))
    wants = [frozenset(starred[r]) for r in sorted(starred)]
    wants += [frozenset(interests[r]) for r in sorted(interests) if interests[r]]
    audiences = audiences_from_wants(wants, len(sessions), settings.PROGRAM_BUILDER_SHOW_UP)
    sessions = [
        Session(
            key=s.key,
            duration=s.duration,
            track=s.track,
            needs=s.needs,
            contributors=s.contributors,
            audience=audiences[x],
            allowed_blocks=s.allowed_blocks,
            pinned=s.pinned,
            title=s.title,
        )
        for x, s in enumerate(sessions)
    ]

    # The previous plan: where each item is in the published programme.
    latest = services.published_program(edition)
    previous: list[int | None] | None = None
    if latest is not None:
        published = {
            entry["id"]: (entry["room"]["id"] if entry.get("room") else None, entry["starts_at"])
            for entry in latest.items
        }
        previous = []
        for src in sources:
            where = published.get(src.item) if src.item is not None else None
            k = None
            if where is not None and where[0] is not None:
                k = slot_at.get((where[0], datetime.datetime.fromisoformat(where[1])))
            if src.item in pinned_slot:
                k = pinned_slot[src.item]
            previous.append(k)

    problem = Problem(
        rooms=[
            Room(key=str(room.pk), capacity=room.capacity or NO_LIMIT, features=features(room.features))
            for room in rooms
        ],
        slots=slots,
        sessions=sessions,
        wants=wants,
        weights=weights(),
        previous=previous,
    )
    problem.validate()
    return Planning(problem=problem, places=places, sources=sources, days=dates)


def _where(place: Place | None, minutes: int) -> dict | None:
    if place is None:
        return None
    return {
        "day": place.day.isoformat(),
        "starts_at": place.starts_at.isoformat(),
        "ends_at": (place.starts_at + datetime.timedelta(minutes=minutes)).isoformat(),
        "room": place.room,
        "room_name": place.room_name,
    }


def changes(planning: Planning, assignment: list[int | None]) -> list[dict]:
    """The plan against the working copy, one entry per session: "placed" (it had no place: a new item,
    or an item without a room), "moved", "unchanged" or "unplaced" (no slot it may use was free)."""
    found = []
    for x, (src, k) in enumerate(zip(planning.sources, assignment, strict=True)):
        after = _where(planning.places[k], src.minutes) if k is not None else None
        before = None
        if src.item is not None and src.room is not None and src.starts_at is not None:
            before = {"starts_at": src.starts_at.isoformat(), "room": src.room, "room_name": src.room_name}
        if after is None:
            change = "unplaced"
        elif before is None:
            change = "placed"
        elif (
            k is not None
            and before["room"] == after["room"]
            and src.starts_at == planning.places[k].starts_at
        ):
            change = "unchanged"
        else:
            change = "moved"
        found.append(
            {
                "key": planning.problem.sessions[x].key,
                "item": src.item,
                "contribution": src.contribution,
                "title": src.title,
                "pinned": src.pinned,
                "change": change,
                "before": before,
                "after": after,
            }
        )
    return found
