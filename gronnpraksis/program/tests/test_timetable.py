"""The programme at a glance: the timetable grid's placement and its markup on the public page."""

import datetime
import html
import re

import pytest

from gronnpraksis.program.models import ProgramItem, Room, Track
from gronnpraksis.program.services import publish_program
from gronnpraksis.program.timetable import MAX_ROOMS, day_grid
from tests.factories import local_time as at


def item(pk: int, start: str, end: str, room: int | None, track: str | None = None) -> dict:
    day = datetime.datetime(2027, 6, 2, tzinfo=datetime.UTC)

    def moment(text: str) -> datetime.datetime:
        hour, minute = map(int, text.split(":"))
        return day.replace(hour=hour, minute=minute)

    return {
        "id": pk,
        "title": f"Punkt {pk}",
        "start": moment(start),
        "end": moment(end),
        "room": {"id": room, "name": f"Rom {room}"} if room else None,
        "track": {"slug": track, "name": track.title(), "is_partner": False} if track else None,
    }


def placement(grid: dict, pk: int) -> str:
    return next(entry["grid_classes"] for entry in grid["items"] if entry["id"] == pk)


def test_rooms_are_columns_and_items_span_their_length():
    grid = day_grid(
        [
            item(1, "09:00", "09:30", room=7),
            item(2, "09:30", "10:15", room=7),
            item(3, "09:30", "09:50", room=8),  # parallel, in the next room
            item(4, "09:55", "10:15", room=8),
            item(5, "12:00", "13:00", room=None),  # no room: the last column
        ],
        {},
    )
    assert grid is not None
    assert [room["name"] for room in grid["rooms"]] == ["Rom 7", "Rom 8", None]
    # Column 1 holds the times and row 1 the room names; one row is five minutes from 09:00.
    assert placement(grid, 1) == "gp-tt-c2 gp-tt-r2 gp-tt-s6"
    assert placement(grid, 2) == "gp-tt-c2 gp-tt-r8 gp-tt-s9"
    assert placement(grid, 3) == "gp-tt-c3 gp-tt-r8 gp-tt-s4"
    assert placement(grid, 4) == "gp-tt-c3 gp-tt-r13 gp-tt-s4"  # no overlap with item 3
    assert placement(grid, 5) == "gp-tt-c4 gp-tt-r38 gp-tt-s12"
    assert [entry["id"] for entry in grid["items"]] == [1, 2, 3, 4, 5]  # reading order: time, then room
    assert [time["label"].strftime("%H:%M") for time in grid["times"]][:3] == ["09:00", "09:30", "10:00"]


def test_tracks_get_colours_and_a_legend():
    grid = day_grid(
        [item(1, "09:00", "10:00", room=1, track="mat"), item(2, "09:00", "10:00", room=2)],
        {"mat": "brand2"},
    )
    assert grid is not None
    assert [entry["colour"] for entry in grid["items"]] == ["brand2", "accent"]
    assert grid["legend"] == [{"name": "Mat", "colour": "brand2"}]
    assert grid["untracked"]  # "no track" is in the legend only when an item has none
    only_tracked = day_grid([item(1, "09:00", "10:00", room=1, track="mat")], {"mat": "brand2"})
    assert only_tracked is not None and not only_tracked["untracked"]


def test_a_day_that_does_not_fit_the_vocabulary_has_no_grid():
    too_many_rooms = [item(pk, "09:00", "10:00", room=pk) for pk in range(1, MAX_ROOMS + 3)]
    too_long = [item(1, "06:00", "07:00", room=1), item(2, "22:00", "23:59", room=1)]
    assert day_grid(too_many_rooms, {}) is None
    assert day_grid(too_long, {}) is None
    assert day_grid([], {}) is None


@pytest.fixture
def two_rooms(edition):
    hall = Room.objects.create(edition=edition, name="Store sal", position=0)
    side = Room.objects.create(edition=edition, name="Lille sal", position=1)
    track = Track.objects.create(edition=edition, name="Fordypning: mat", slug="mat")
    opening = ProgramItem.objects.create(
        edition=edition, title="Åpning", room=hall, starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    workshop = ProgramItem.objects.create(
        edition=edition,
        title="Verksted om matsvinn",
        room=side,
        track=track,
        starts_at=at(edition, 0, 9, 30),
        ends_at=at(edition, 0, 10, 15),
    )
    publish_program(edition=edition, user=None)
    return opening, workshop


def grid_item(body: str, pk: int) -> str:
    match = re.search(
        rf'<li class="gp-tt__item ([^"]*)"[^>]*><a href="[^"]*/program/{pk}/">(.*?)</a></li>', body
    )
    assert match, f"item {pk} is not in the grid"
    return match.group(1) + " | " + match.group(2)


@pytest.mark.django_db
def test_program_page_shows_a_grid_per_day_with_rooms_as_columns(client, edition, two_rooms):
    opening, workshop = two_rooms
    body = client.get(f"/{edition.slug}/program/").content.decode()

    assert 'class="gp-tt gp-tt--rooms-2"' in body
    assert re.search(r'gp-tt__room gp-tt-c2 gp-tt-r1" aria-hidden="true">Store sal<', body)
    assert re.search(r'gp-tt__room gp-tt-c3 gp-tt-r1" aria-hidden="true">Lille sal<', body)
    opening_html = grid_item(body, opening.pk)
    workshop_html = grid_item(body, workshop.pk)
    assert opening_html.startswith("gp-tt-c2 gp-tt-r2 gp-tt-s12")  # 09:00–10:00
    assert workshop_html.startswith("gp-tt-c3 gp-tt-r8 gp-tt-s9")  # 09:30–10:15, side by side
    assert 'data-color="info"' in body  # the track's colour …
    assert 'class="gp-tt-legend__swatch" data-color="info"></span>Fordypning: mat' in body  # … and legend
    # A screen reader hears the time, the room and the track before the title.
    assert re.search(
        r"09:30–10:15<span class=\"ds-sr-only\">, Lille sal, Fordypning: mat:</span>", workshop_html
    )
    assert "style=" not in body.split("<main", 1)[1]  # placement by classes only (CSP)
    # The list stays for phones, marked as having a grid (hidden on wide screens).
    assert 'class="gp-program gp-program--has-grid"' in body
    assert 'href="/static/css/timetable.css"' in body


@pytest.mark.django_db
def test_starred_items_are_marked_in_the_grid(client, edition, two_rooms):
    opening, workshop = two_rooms
    client.post(f"/{edition.slug}/program/{workshop.pk}/stjerne/", {"action": "star"})

    body = client.get(f"/{edition.slug}/program/").content.decode()

    assert "gp-tt__item--starred" in grid_item(body, workshop.pk)
    assert "gp-tt__item--starred" not in grid_item(body, opening.pk)
    assert "gp-tt__star" in grid_item(body, workshop.pk)


@pytest.mark.django_db
def test_planner_shows_the_day_as_a_read_only_grid_with_warnings_on_items(client, organiser, edition):
    from django.urls import reverse

    hall = Room.objects.create(edition=edition, name="Store sal", position=0)
    first = ProgramItem.objects.create(
        edition=edition, title="Åpning", room=hall, starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    clash = ProgramItem.objects.create(
        edition=edition,
        title="Kollisjon",
        room=hall,
        starts_at=at(edition, 0, 9, 30),
        ends_at=at(edition, 0, 11),
    )
    calm = ProgramItem.objects.create(
        edition=edition,
        title="Pause",
        room=None,
        starts_at=at(edition, 0, 11),
        ends_at=at(edition, 0, 11, 30),
    )
    client.force_login(organiser)

    response = client.get(reverse("program_backoffice:grid", kwargs={"edition": edition.slug}))

    overview = response.context["overview"]
    placed = {entry["id"]: entry for entry in overview["items"]}
    assert placed[first.pk]["grid_classes"] == "gp-tt-c2 gp-tt-r2 gp-tt-s12"
    assert placed[clash.pk]["grid_classes"] == "gp-tt-c2 gp-tt-r8 gp-tt-s18"
    assert placed[calm.pk]["grid_classes"].startswith("gp-tt-c3 ")  # no room: the last column
    flagged = response.context["flagged"]
    assert clash.pk in flagged  # the overlap in the room …
    body = response.content.decode()
    clash_html = re.search(
        rf'<li class="gp-tt__item [^"]*"[^>]*><a href="/arrangor/{edition.slug}/program/{clash.pk}/">.*?</li>',
        body,
    )
    assert clash_html and "gp-tt__item--warning" in clash_html.group(0)  # … is shown on the item
    assert html.escape(flagged[clash.pk][0]) in clash_html.group(0)
    assert 'href="/static/css/timetable.css"' in body


def test_a_break_or_plenary_with_nothing_beside_it_spans_every_room() -> None:
    coffee = {**item(1, "09:00", "09:30", room=7), "kind": "break"}
    plenary = {**item(2, "09:30", "10:00", room=7), "kind": "plenary"}
    beside = item(3, "09:45", "10:30", room=8)
    talk = item(4, "11:00", "11:30", room=7)  # a contribution alone stays in its room
    lunch = {**item(5, "12:00", "13:00", room=8), "kind": "meal"}
    outside = item(6, "19:00", "21:00", room=None)

    grid = day_grid([coffee, plenary, beside, talk, lunch, outside], {})

    assert grid is not None
    assert placement(grid, 1) == "gp-tt-c2 gp-tt-r2 gp-tt-s6 gp-tt-w2"  # both rooms, not the "elsewhere" one
    assert placement(grid, 2) == "gp-tt-c2 gp-tt-r8 gp-tt-s6"  # room 8 has a talk at the same time
    assert placement(grid, 4) == "gp-tt-c2 gp-tt-r26 gp-tt-s6"
    assert placement(grid, 5) == "gp-tt-c2 gp-tt-r38 gp-tt-s12 gp-tt-w2"  # from the first room column
    assert placement(grid, 6).startswith("gp-tt-c4 ")
    # One room only: nothing to span.
    alone = day_grid([coffee, outside], {})
    assert alone is not None and placement(alone, 1) == "gp-tt-c2 gp-tt-r2 gp-tt-s6"
