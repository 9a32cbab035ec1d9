""" "Now and next" on the programme page during the event days, from a fixed clock."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.now_next import is_event_day, moment, now_and_next
from gronnpraksis.program.services import publish_program
from tests.factories import local_time as at

OSLO = datetime.timezone(datetime.timedelta(hours=2))


def item(pk: int, start: str, end: str, room: int | None, *, day: int = 2, cancelled: bool = False) -> dict:
    def moment_at(text: str) -> datetime.datetime:
        hour, minute = map(int, text.split(":"))
        return datetime.datetime(2027, 6, day, hour, minute, tzinfo=OSLO)

    return {
        "id": pk,
        "title": f"Punkt {pk}",
        "start": moment_at(start),
        "end": moment_at(end),
        "room": {"id": room, "name": f"Rom {room}"} if room else None,
        "cancelled": cancelled,
    }


def ids(entries: list[dict]) -> list[tuple]:
    return [
        (entry["name"], [i["id"] for i in entry["now"]], entry["next"]["id"] if entry["next"] else None)
        for entry in entries
    ]


def test_per_room_what_runs_now_and_what_starts_next():
    items = [
        item(1, "09:00", "10:00", room=1),
        item(2, "10:15", "11:00", room=1),
        item(3, "11:00", "12:00", room=1),
        item(4, "09:30", "10:30", room=2, cancelled=True),  # cancelled: neither now nor next
        item(5, "11:00", "11:30", room=2),
        item(6, "08:00", "09:00", room=3),  # over, nothing later: the room is left out
        item(7, "09:45", "10:30", room=None),
        item(8, "10:15", "11:00", room=4, day=3),  # tomorrow
    ]
    now = datetime.datetime(2027, 6, 2, 9, 50, tzinfo=OSLO)

    assert ids(now_and_next(items, now=now)) == [
        ("Rom 1", [1], 2),
        ("Rom 2", [], 5),
        (None, [7], None),  # no room: last
    ]
    # In a break the next item is what matters; an item is "now" from its start, not at its end.
    assert ids(now_and_next(items, now=datetime.datetime(2027, 6, 2, 10, 0, tzinfo=OSLO)))[0] == (
        "Rom 1",
        [],
        2,
    )
    assert now_and_next(items, now=datetime.datetime(2027, 6, 2, 12, 0, tzinfo=OSLO)) == []
    # The clock in UTC is read in the items' time zone: 07:50 UTC is 09:50 in Oslo.
    utc = datetime.datetime(2027, 6, 2, 7, 50, tzinfo=datetime.UTC)
    assert ids(now_and_next(items, now=utc)) == ids(now_and_next(items, now=now))


def test_the_moment_changes_only_when_an_item_starts_or_ends():
    bounds = [datetime.datetime(2027, 6, 2, h, tzinfo=OSLO) for h in (9, 10, 11)]
    assert moment(bounds, datetime.datetime(2027, 6, 2, 8, 59, tzinfo=OSLO)) is None
    assert moment(bounds, datetime.datetime(2027, 6, 2, 9, 0, tzinfo=OSLO)) == bounds[0]
    assert moment(bounds, datetime.datetime(2027, 6, 2, 9, 59, tzinfo=OSLO)) == bounds[0]
    assert moment(bounds, datetime.datetime(2027, 6, 2, 10, 0, tzinfo=OSLO)) == bounds[1]


@pytest.fixture
def clock(monkeypatch):
    """A fixed clock for the whole request: `clock.now = …`."""

    class Clock:
        now = timezone.now()

    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    return Clock


@pytest.fixture
def day_programme(edition):
    cache.clear()
    hall = Room.objects.create(edition=edition, name="Store sal", position=0)
    side = Room.objects.create(edition=edition, name="Lille sal", position=1)
    ProgramItem.objects.create(
        edition=edition, title="Åpning", room=hall, starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    ProgramItem.objects.create(
        edition=edition, title="Matsvinn", room=hall, starts_at=at(edition, 0, 10), ends_at=at(edition, 0, 11)
    )
    ProgramItem.objects.create(
        edition=edition,
        title="Verksted",
        room=side,
        starts_at=at(edition, 0, 9, 30),
        ends_at=at(edition, 0, 11),
    )
    publish_program(edition=edition, user=None)


def now_next_section(body: str) -> str:
    found = re.search(r'<section class="gp-now-next".*?</section>', body, re.S)
    return found.group(0) if found else ""


@pytest.mark.django_db
def test_the_programme_page_shows_now_and_next_on_the_event_days(client, edition, day_programme, clock):
    assert is_event_day(edition, at(edition, 0, 9, 10))
    clock.now = at(edition, 0, 9, 10)
    section = now_next_section(client.get(f"/{edition.slug}/program/").content.decode())

    assert section, "no now-and-next on the event day"
    hall, side = re.findall(r'<li class="ds-card gp-now-next__room">.*?</li>', section, re.S)
    assert "Store sal" in hall and re.search(r"Åpning.*?09:00–10:00.*?Matsvinn.*?10:00–11:00", hall, re.S)
    assert "Lille sal" in side and "Verksted" in side and "09:10" in section

    # The stored page follows the clock: after the opening has ended, the hall's "now" is the next item.
    clock.now = at(edition, 0, 10, 5)
    later = now_next_section(client.get(f"/{edition.slug}/program/").content.decode())
    assert "Åpning" not in later and "Matsvinn" in later and "10:05" in later


@pytest.mark.django_db
def test_no_now_and_next_before_the_event(client, edition, day_programme, clock):
    clock.now = at(edition, -1, 10)
    assert not is_event_day(edition, clock.now)

    body = client.get(f"/{edition.slug}/program/").content.decode()

    assert "gp-now-next" not in body
