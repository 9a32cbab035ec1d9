"""Where an item may go in the planner: the rules behind `services.move_item` and the free places the
keyboard path offers.

A place is a day of the edition, a start time and a room (or no room). A move keeps the item's length;
an unplaced contribution gets the length its contributor asked for (a stand: the rest of the day). The
item must start and end within the day's hours (`EditionDay.starts_at`–`ends_at`), and its start may
not fall in a room while another item is on there (the grid's cell is taken). An item that starts in a
free cell but runs into the next one is moved: the planner warns about the overlap, as for any edit.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.contributions.models import Contribution, Format, Kind, State
from gronnpraksis.editions.models import Edition

from .models import ProgramItem, Room

# The planner's grid has a row every STEP within the day's hours (and one for any other start time).
STEP = datetime.timedelta(minutes=15)
PLACEABLE = (State.ACCEPTED, State.CONFIRMED)
# The room feature a workshop needs (as the rooms of the demo and the room form's example name it).
WORKSHOP = "verksted"


class MoveRefused(Exception):
    """A move the planner does not make; `message` says why, in the organiser's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Place:
    """A cell of the planner: a day of the edition, a start time (local) and a room or none."""

    day: datetime.date
    starts: datetime.time
    room: Room | None


def day_hours(edition: Edition, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
    """When the edition's `day` starts and ends, in its time zone; None if it is not one of its days."""
    found = edition.days.filter(date=day).values_list("starts_at", "ends_at").first()
    if found is None:
        return None
    tz = edition.tz
    return (
        datetime.datetime.combine(day, found[0], tzinfo=tz),
        datetime.datetime.combine(day, found[1], tzinfo=tz),
    )


def grid_times(
    start: datetime.datetime, end: datetime.datetime, others: set[datetime.time]
) -> list[datetime.time]:
    """The grid's rows: a start time every STEP from `start` until `end`, and every time in `others`."""
    times = set(others)
    moment = start
    while moment < end:
        times.add(moment.time())
        moment += STEP
    return sorted(times)


def wished_length(
    contribution: Contribution, starts_at: datetime.datetime, day_end: datetime.datetime
) -> datetime.timedelta:
    """How long a contribution's item is when it is placed: what the contributor asked for, or for a
    stand ("all day") until the day ends."""
    if contribution.wished_length:
        return datetime.timedelta(minutes=contribution.wished_length)
    return day_end - starts_at


def check_contribution(edition: Edition, contribution: Contribution) -> None:
    """Refuse to place a contribution of another edition, one not accepted, or one already placed."""
    if contribution.edition_id != edition.pk or contribution.state not in PLACEABLE:
        raise MoveRefused(_("Only accepted contributions of this edition can be placed."))
    if contribution.program_items.exists():
        raise MoveRefused(
            _("“%(title)s” already has a place in the programme.") % {"title": contribution.title}
        )


def check_place(
    edition: Edition,
    place: Place,
    hours: tuple[datetime.datetime, datetime.datetime],
    length: datetime.timedelta,
    moving: ProgramItem | None,
) -> tuple[datetime.datetime, datetime.datetime]:
    """The start and end an item of `length` gets at `place`, or `MoveRefused` when it would start or
    end outside the day's hours, the room is another edition's, or the cell is taken."""
    if place.room is not None and place.room.edition_id != edition.pk:
        raise MoveRefused(_("Choose one of this edition's rooms."))
    day_start, day_end = hours
    starts_at = datetime.datetime.combine(place.day, place.starts, tzinfo=edition.tz)
    ends_at = starts_at + length
    if starts_at < day_start or ends_at > day_end or length <= datetime.timedelta(0):
        raise MoveRefused(
            _(
                "The day runs from %(start)s to %(end)s, and this item lasts %(minutes)s minutes: "
                "choose a start between %(start)s and %(latest)s."
            )
            % {
                "start": f"{day_start:%H:%M}",
                "end": f"{day_end:%H:%M}",
                "minutes": int(length / datetime.timedelta(minutes=1)),
                "latest": f"{max(day_start, day_end - length):%H:%M}",
            }
        )
    if place.room is not None:
        others = _others(edition, moving).filter(
            room=place.room, starts_at__lte=starts_at, ends_at__gt=starts_at
        )
        taken = others.first()
        if taken is not None:
            raise MoveRefused(
                _("%(room)s is taken at %(time)s: “%(title)s” is on there. Choose a free place.")
                % {"room": place.room.name, "time": f"{starts_at:%H:%M}", "title": taken.title}
            )
    return starts_at, ends_at


def _others(edition: Edition, moving: ProgramItem | None) -> QuerySet[ProgramItem]:
    """The edition's items that take their cell (not cancelled), but the one being moved."""
    items = ProgramItem.objects.filter(edition=edition, is_cancelled=False)
    return items.exclude(pk=moving.pk) if moving is not None else items


def free_places(
    edition: Edition,
    day: datetime.date,
    length: datetime.timedelta,
    moving: ProgramItem | None,
) -> list[Place]:
    """Where an item of `length` fits whole on `day` without overlapping another item in the room:
    per room, the first start of every free stretch long enough (at most a few per room); where the
    moving item already is, the time right after it instead."""
    hours = day_hours(edition, day)
    if hours is None:
        return []
    day_start, day_end = hours
    rooms = list(Room.objects.filter(edition=edition))
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = {room.pk: [] for room in rooms}
    items = _others(edition, moving).filter(room__in=rooms, starts_at__lt=day_end, ends_at__gt=day_start)
    for room_id, starts_at, ends_at in items.values_list("room_id", "starts_at", "ends_at"):
        busy[room_id].append((starts_at, ends_at))
    tz = edition.tz
    places = []
    for room in rooms:
        moment = day_start
        for starts_at, ends_at in [*sorted(busy[room.pk]), (day_end, day_end)]:
            start = moment
            if moving is not None and moving.room_id == room.pk and moving.starts_at == start:
                start = moving.ends_at  # where it is already: offer the time right after it
            if starts_at - start >= length and length > datetime.timedelta(0):
                places.append(Place(day=day, starts=start.astimezone(tz).time(), room=room))
            moment = max(moment, ends_at)
    return places


def check_take_out(item: ProgramItem) -> None:
    """Refuse to take an item out of the grid unless it is a contribution's (which is then unplaced
    again) and nobody starred it (their stars would go with it)."""
    if item.contribution_id is None:
        raise MoveRefused(
            _(
                "Only an item made from a contribution can go back to the unplaced ones. "
                "Remove “%(title)s” on its own page instead."
            )
            % {"title": item.title}
        )
    stars = item.stars.count()
    if stars:
        raise MoveRefused(
            ngettext(
                "%(count)s participant has starred “%(title)s”. Move it instead, or remove it on its own page.",
                "%(count)s participants have starred “%(title)s”. Move it instead, or remove it on its own page.",
                stars,
            )
            % {"count": stars, "title": item.title}
        )


def room_features(room: Room | None) -> set[str]:
    """A room's features ("verksted, teleslynge, trinnfri"), each in lower case."""
    if room is None:
        return set()
    return {feature.strip().casefold() for feature in room.features.split(",") if feature.strip()}


def needed_features(contribution: Contribution | None, known: set[str]) -> set[str]:
    """What a contribution needs of its room, among the features the edition's rooms have (`known`):
    a workshop room ("verksted") for a workshop, and every known feature its needs name."""
    if contribution is None:
        return set()
    needs = contribution.needs.casefold()
    wanted = {feature for feature in known if re.search(rf"\b{re.escape(feature)}\b", needs)}
    if WORKSHOP in known and (
        contribution.wished_format == Format.WORKSHOP or contribution.kind == Kind.WORKSHOP
    ):
        wanted.add(WORKSHOP)
    return wanted
