"""16 organisers dropping 16 different contributions into one free cell at once place exactly one, the
others are told the cell is taken; one contribution dropped by 16 at once is placed once.

The negative control: the same checks without the edition lock (check, then write) place more than one
item in the cell under the same load.
"""

import datetime
import time

import pytest
from django.db import transaction

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.program import services
from gronnpraksis.program.models import ItemKind, ProgramItem, Room
from gronnpraksis.program.moves import Place, check_contribution, check_place, day_hours, wished_length
from tests.burst.database import BurstDatabase
from tests.burst.threads import run_together
from tests.factories import EditionFactory, submit_contribution

pytestmark = pytest.mark.burst

THREADS = 16
RACE_WINDOW = 0.005


def _setup(count: int) -> tuple[Edition, Room, list[int]]:
    edition = EditionFactory()
    room = Room.objects.create(edition=edition, name="Store sal")
    ids = []
    for n in range(count):
        contribution = submit_contribution(
            edition, title=f"Bidrag {n}", email=f"b{n}.{edition.slug}@example.no"
        )
        ids.append(contribution.pk)
    Contribution.objects.filter(pk__in=ids).update(state=State.ACCEPTED)
    return edition, room, ids


def _place(edition: Edition, room: Room) -> Place:
    return Place(day=edition.starts_on, starts=datetime.time(10), room=room)


def test_drops_into_one_cell_at_once_place_one_item(burst_database: BurstDatabase) -> None:
    edition, room, ids = _setup(THREADS)

    def drop(pk: int) -> None:
        services.move_item(
            edition=edition, contribution=Contribution.objects.get(pk=pk), to=_place(edition, room)
        )

    errors = run_together(drop, ids, threads=THREADS, timeout=120, what="drops")

    assert ProgramItem.objects.filter(edition=edition, room=room).count() == 1
    assert len(errors) == THREADS - 1
    assert {error.split(":")[0] for error in errors} == {"MoveRefused"}


def test_one_contribution_dropped_by_many_at_once_is_placed_once(burst_database: BurstDatabase) -> None:
    edition, room, [pk] = _setup(1)
    rooms = [room] + [Room.objects.create(edition=edition, name=f"Sal {n}") for n in range(THREADS - 1)]

    def drop(n: int) -> None:
        place = Place(day=edition.starts_on, starts=datetime.time(10), room=rooms[n])
        services.move_item(edition=edition, contribution=Contribution.objects.get(pk=pk), to=place)

    errors = run_together(drop, range(THREADS), threads=THREADS, timeout=120, what="drops")

    assert ProgramItem.objects.filter(contribution_id=pk).count() == 1
    assert len(errors) == THREADS - 1


def test_without_the_lock_the_same_drops_fill_one_cell_twice(burst_database: BurstDatabase) -> None:
    """The negative control: check the cell, then write, with no lock between."""
    edition, room, ids = _setup(THREADS)
    atomic = transaction.atomic if burst_database.vendor == "postgresql" else _plain

    def naive(pk: int) -> None:
        with atomic():
            contribution = Contribution.objects.get(pk=pk)
            check_contribution(edition, contribution)
            hours = day_hours(edition, edition.starts_on)
            assert hours is not None
            place = _place(edition, room)
            start = datetime.datetime.combine(place.day, place.starts, tzinfo=edition.tz)
            starts_at, ends_at = check_place(
                edition, place, hours, wished_length(contribution, start, hours[1]), None
            )
            time.sleep(RACE_WINDOW)
            ProgramItem.objects.create(
                edition=edition,
                kind=ItemKind.CONTRIBUTION,
                title=contribution.title,
                contribution=contribution,
                room=room,
                starts_at=starts_at,
                ends_at=ends_at,
            )

    run_together(naive, ids, threads=THREADS, timeout=120, what="naive drops")

    assert ProgramItem.objects.filter(edition=edition, room=room).count() > 1


class _plain:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
