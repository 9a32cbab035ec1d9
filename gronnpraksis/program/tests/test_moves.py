"""Moving items in the planner: `services.move_item` and the move endpoints the drag and drop, the
keyboard's "Move" panel and the form without JavaScript share."""

import datetime
import html
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.program import services
from gronnpraksis.program.models import ItemKind, ProgramItem, Room
from gronnpraksis.program.moves import MoveRefused, Place
from tests.factories import EditionFactory, submit_contribution
from tests.factories import local_time as at

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def planner(client: Client, organiser: User) -> Client:
    client.force_login(organiser)
    return client


def url(name: str, edition: Edition, **kwargs: object) -> str:
    return reverse(f"program_backoffice:{name}", kwargs={"edition": edition.slug, **kwargs})


def text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def in_norwegian(message: str, **values: object) -> str:
    """The message as a bokmål page shows it (the English id until it is translated)."""
    with translation.override("nb"):
        return gettext(message) % values if values else gettext(message)


def accepted(edition: Edition, title: str, **kwargs: Any) -> Contribution:
    contribution = submit_contribution(edition, title=title, **kwargs)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()
    return contribution


def day(edition: Edition, n: int = 0) -> str:
    return (edition.starts_on + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def rooms(edition: Edition) -> tuple[Room, Room]:
    return (
        Room.objects.create(edition=edition, name="Store sal", position=1),
        Room.objects.create(edition=edition, name="Salong 1", position=2),
    )


@pytest.fixture
def talk(edition: Edition, rooms: tuple[Room, Room]) -> ProgramItem:
    """A 45-minute contribution item at 10:00 in the big hall on day 1."""
    contribution = accepted(edition, "Bildeling i distriktet", wished_length=45)
    return ProgramItem.objects.create(
        edition=edition,
        kind=ItemKind.CONTRIBUTION,
        title=contribution.title,
        contribution=contribution,
        room=rooms[0],
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 10, 45),
    )


# Moving an item


@pytest.mark.django_db
def test_a_move_keeps_the_length_and_returns_to_the_grid_at_the_item(planner, edition, rooms, talk):
    response = planner.post(
        url("item_move", edition, pk=talk.pk),
        {"day": day(edition, 1), "room": rooms[1].pk, "starts": "13:30"},
    )

    talk.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("grid", edition) + f"?dag={day(edition, 1)}#slot-{talk.pk}"
    assert (talk.room, talk.starts_at, talk.ends_at) == (
        rooms[1],
        at(edition, 1, 13, 30),
        at(edition, 1, 14, 15),
    )


@pytest.mark.django_db
def test_a_moved_published_item_is_listed_as_moved_at_the_next_publication(planner, edition, rooms, talk):
    services.publish_program(edition=edition, user=None)

    planner.post(
        url("item_move", edition, pk=talk.pk), {"day": day(edition), "room": rooms[1].pk, "starts": "11:00"}
    )
    grid = planner.get(url("grid", edition))
    version = services.publish_program(edition=edition, user=None)

    assert [c["change"] for c in grid.context["pending"]] == ["moved"]
    assert [(c["change"], c["id"], c["from"]["room"]) for c in version.changes] == [
        ("moved", talk.pk, "Store sal")
    ]


@pytest.mark.django_db
def test_a_move_with_htmx_redraws_the_planner_with_the_warnings_of_the_new_place(
    planner, edition, rooms, talk
):
    other = ProgramItem.objects.create(
        edition=edition,
        title="Lunsjprat",
        room=rooms[1],
        starts_at=at(edition, 0, 11),
        ends_at=at(edition, 0, 12),
    )
    before = planner.get(url("grid", edition))

    # Starts in a free cell (10:30) but runs into the talk at 11:00: moved, with a warning.
    response = planner.post(
        url("item_move", edition, pk=talk.pk),
        {"dag": day(edition), "day": day(edition), "room": rooms[1].pk, "starts": "10:30"},
        **HTMX,
    )

    page = text(response)
    assert response.status_code == 200
    assert [w.code for w in before.context["warnings"]] == []
    assert [(w.code, w.item_ids) for w in response.context["warnings"]] == [
        ("room_overlap", (talk.pk, other.pk))
    ]
    assert page.lstrip().startswith('<div id="planner"')  # only the planner, for htmx to swap
    assert f'id="slot-{talk.pk}"' in page and "data-moved" in page
    overlap = in_norwegian(
        "“%(a)s” and “%(b)s” overlap in %(room)s.", a="Bildeling i distriktet", b="Lunsjprat", room="Salong 1"
    )
    assert overlap in page


# Placing an unplaced contribution, and taking one out again


@pytest.mark.django_db
def test_an_unplaced_contribution_is_placed_with_the_length_asked_for(planner, edition, rooms):
    contribution = accepted(edition, "Matsvinn i skolen", wished_length=20)

    response = planner.post(
        url("contribution_place", edition, pk=contribution.pk),
        {"day": day(edition), "room": rooms[0].pk, "starts": "09:15"},
    )

    item = ProgramItem.objects.get(contribution=contribution)
    assert response.status_code == 302
    assert (item.kind, item.title, item.room) == (ItemKind.CONTRIBUTION, "Matsvinn i skolen", rooms[0])
    assert (item.starts_at, item.ends_at) == (at(edition, 0, 9, 15), at(edition, 0, 9, 35))
    assert list(services.unplaced_contributions(edition)) == []


@pytest.mark.django_db
def test_a_stand_placed_lasts_until_the_day_ends(edition, rooms):
    stand = accepted(edition, "Sykkelverksted", wished_length=0, wished_format="stand")

    item = services.move_item(
        edition=edition,
        contribution=stand,
        to=Place(day=edition.starts_on, starts=datetime.time(12), room=rooms[0]),
    )

    assert item is not None and item.ends_at == at(edition, 0, 16)  # the factory's days end at 16:00


@pytest.mark.django_db
def test_a_contribution_dropped_twice_is_placed_once(planner, edition, rooms):
    contribution = accepted(edition, "Matsvinn i skolen")
    data = {"day": day(edition), "room": rooms[0].pk, "starts": "09:00"}

    planner.post(url("contribution_place", edition, pk=contribution.pk), data)
    second = planner.post(url("contribution_place", edition, pk=contribution.pk), data | {"starts": "14:00"})

    assert second.status_code == 400
    assert in_norwegian(
        "“%(title)s” already has a place in the programme.", title="Matsvinn i skolen"
    ) in text(second)
    assert ProgramItem.objects.filter(contribution=contribution).count() == 1


@pytest.mark.django_db
def test_a_contribution_item_goes_back_to_the_unplaced_ones(planner, edition, talk):
    response = planner.post(
        url("item_move", edition, pk=talk.pk), {"unplace": "1", "dag": day(edition)}, **HTMX
    )

    assert not ProgramItem.objects.filter(pk=talk.pk).exists()
    assert [c.title for c in response.context["unplaced"]] == ["Bildeling i distriktet"]
    assert in_norwegian("“%(title)s” is back among the unplaced contributions.", title=talk.title) in text(
        response
    )


@pytest.mark.django_db
def test_an_item_without_a_contribution_or_with_stars_does_not_go_back(
    planner, edition, rooms, talk, participant
):
    lunch = ProgramItem.objects.create(
        edition=edition,
        title="Lunsj",
        kind=ItemKind.MEAL,
        starts_at=at(edition, 0, 12),
        ends_at=at(edition, 0, 13),
    )
    services.publish_program(edition=edition, user=None)
    services.star_item(registration=participant, item=talk)

    meal = planner.post(url("item_move", edition, pk=lunch.pk), {"unplace": "1"})
    starred = planner.post(url("item_move", edition, pk=talk.pk), {"unplace": "1"})

    assert meal.status_code == starred.status_code == 400
    only = (
        "Only an item made from a contribution can go back to the unplaced ones. "
        "Remove “%(title)s” on its own page instead."
    )
    assert in_norwegian(only, title="Lunsj") in text(meal)
    with translation.override("nb"):
        one = ngettext(
            "%(count)s participant has starred “%(title)s”. Move it instead, or remove it on its own page.",
            "%(count)s participants have starred “%(title)s”. Move it instead, or remove it on its own page.",
            1,
        ) % {"count": 1, "title": talk.title}
    assert one in text(starred)
    assert ProgramItem.objects.count() == 2


# Bad input: a clear message, the choice kept, nothing changed


def outside_day(edition: Edition, rooms: tuple[Room, Room]) -> dict[str, object]:
    return {"day": day(edition), "room": rooms[1].pk, "starts": "15:30"}  # 45 minutes end at 16:15


def too_early(edition: Edition, rooms: tuple[Room, Room]) -> dict[str, object]:
    return {"day": day(edition), "room": rooms[1].pk, "starts": "07:00"}


def other_editions_room(edition: Edition, rooms: tuple[Room, Room]) -> dict[str, object]:
    foreign = Room.objects.create(edition=EditionFactory(), name="Annen sal")
    return {"day": day(edition), "room": foreign.pk, "starts": "11:00"}


def taken_cell(edition: Edition, rooms: tuple[Room, Room]) -> dict[str, object]:
    ProgramItem.objects.create(
        edition=edition,
        title="Verksted om mat",
        room=rooms[1],
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 11),
    )
    return {"day": day(edition), "room": rooms[1].pk, "starts": "10:30"}


BAD = {
    "a time after the day's end": (outside_day, "15:30"),
    "a time before the day's start": (too_early, "07:00"),
    "a room of another edition": (other_editions_room, "11:00"),
    "a taken cell": (taken_cell, "10:30"),
    "a day that is not the edition's": (
        lambda e, r: {"day": "2001-01-01", "room": r[1].pk, "starts": "11:00"},
        "11:00",
    ),
    "a time that is no time": (lambda e, r: {"day": day(e), "room": r[1].pk, "starts": "25:61"}, "25:61"),
    "no time": (lambda e, r: {"day": day(e), "room": r[1].pk, "starts": ""}, None),
    "a huge room id": (lambda e, r: {"day": day(e), "room": "9" * 30, "starts": "11:00"}, "11:00"),
}
MESSAGES = {
    "a time after the day's end": "The day runs from %(start)s to %(end)s, and this item lasts %(minutes)s "
    "minutes: choose a start between %(start)s and %(latest)s.",
    "a time before the day's start": "The day runs from %(start)s to %(end)s, and this item lasts %(minutes)s "
    "minutes: choose a start between %(start)s and %(latest)s.",
    "a room of another edition": "Choose one of this edition's rooms.",
    "a taken cell": "%(room)s is taken at %(time)s: “%(title)s” is on there. Choose a free place.",
    "a day that is not the edition's": "Choose one of the edition's days.",
    "a time that is no time": "Write the start time as hours and minutes, for example 10:30.",
    "no time": "Give the start time, for example 10:30.",
    "a huge room id": "Choose one of this edition's rooms.",
}
VALUES = {"start": "09:00", "end": "16:00", "minutes": 45, "latest": "15:15"}
TAKEN = {"room": "Salong 1", "time": "10:30", "title": "Verksted om mat"}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_move_is_refused_with_a_clear_message_and_the_choice_kept(planner, edition, rooms, talk, case):
    make, typed = BAD[case]
    data = make(edition, rooms)
    placed = (talk.room_id, talk.starts_at, talk.ends_at)

    response = planner.post(url("item_move", edition, pk=talk.pk), data)

    talk.refresh_from_db()
    page = text(response)
    values = TAKEN if case == "a taken cell" else VALUES
    assert response.status_code == 400
    assert (
        in_norwegian(MESSAGES[case], **values) in page
        if "%(" in MESSAGES[case]
        else in_norwegian(MESSAGES[case]) in page
    )
    if typed:
        assert f'name="starts" value="{typed}"' in page  # the choice is kept
    assert (talk.room_id, talk.starts_at, talk.ends_at) == placed


@pytest.mark.django_db
def test_a_refused_drop_redraws_the_planner_as_it_was_with_the_reason(planner, edition, rooms, talk):
    data = taken_cell(edition, rooms) | {"dag": day(edition)}

    response = planner.post(url("item_move", edition, pk=talk.pk), data, **HTMX)

    page = text(response)
    assert response.status_code == 200  # htmx swaps only a 2xx answer
    assert page.lstrip().startswith('<div id="planner"')
    assert in_norwegian(MESSAGES["a taken cell"], **TAKEN) in page
    assert 'id="move-panel"' in page and 'name="starts" value="10:30"' in page
    assert ProgramItem.objects.get(pk=talk.pk).room == rooms[0]


@pytest.mark.django_db
def test_a_cancelled_item_does_not_take_its_cell(planner, edition, rooms, talk):
    ProgramItem.objects.create(
        edition=edition,
        title="Avlyst",
        room=rooms[1],
        is_cancelled=True,
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 11),
    )

    response = planner.post(
        url("item_move", edition, pk=talk.pk), {"day": day(edition), "room": rooms[1].pk, "starts": "10:00"}
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_items_and_contributions_of_another_edition_are_not_found(planner, edition, rooms, talk):
    other = EditionFactory()
    foreign = accepted(other, "Annet bidrag", email="annen@example.no")
    data = {"day": day(edition), "room": rooms[1].pk, "starts": "11:00"}

    item = planner.post(url("item_move", other, pk=talk.pk), data)
    contribution = planner.post(url("contribution_place", edition, pk=foreign.pk), data)

    assert item.status_code == contribution.status_code == 404
    assert not ProgramItem.objects.filter(contribution=foreign).exists()


@pytest.mark.django_db
def test_move_item_takes_an_item_or_a_contribution() -> None:
    with pytest.raises(ValueError):
        services.move_item(edition=Edition(), to=None)


@pytest.mark.django_db
def test_a_contribution_not_accepted_is_not_placed(edition, rooms):
    submitted = submit_contribution(edition, title="Til vurdering")

    with pytest.raises(MoveRefused):
        services.move_item(
            edition=edition,
            contribution=submitted,
            to=Place(day=edition.starts_on, starts=datetime.time(10), room=rooms[0]),
        )


# The "Move" panel: the keyboard's list of free places


@pytest.mark.django_db
def test_the_move_panel_lists_the_free_places_where_the_item_fits_whole(planner, edition, rooms, talk):
    ProgramItem.objects.filter(pk=talk.pk).update(
        starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 14, 45)
    )
    talk.refresh_from_db()
    ProgramItem.objects.create(
        edition=edition,
        title="Formiddag",
        room=rooms[1],
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 12),
    )

    page = planner.get(url("item_move", edition, pk=talk.pk) + f"?dag={day(edition)}")
    panel = planner.get(url("item_move", edition, pk=talk.pk) + f"?dag={day(edition)}", **HTMX)

    free = [(p.room.name, f"{p.starts:%H:%M}") for p in page.context["free"]]
    # Store sal is free all day but for the talk itself (14:00, not offered), Salong 1 after 12:00.
    assert free == [("Store sal", "09:00"), ("Salong 1", "12:00")]
    assert page.status_code == 200 and "<h1" in page.content.decode()
    assert panel.content.decode().lstrip().startswith('<section class="gp-stack gp-move"')
    assert 'hx-post="' in panel.content.decode()


# The grid's queries


def many(edition: Edition, count: int) -> None:
    rooms = [Room.objects.create(edition=edition, name=f"Sal {n}", capacity=40) for n in range(6)]
    for n in range(count):
        contribution = accepted(
            edition,
            f"Bidrag {n}",
            email=f"b{n}@example.no",
            co_contributors=[(f"Med {n}", f"m{n}@example.no")],
        )
        ProgramItem.objects.create(
            edition=edition,
            title=contribution.title,
            contribution=contribution,
            room=rooms[n % 6],
            starts_at=at(edition, 0, 9, 0) + datetime.timedelta(minutes=20 * (n // 6)),
            ends_at=at(edition, 0, 9, 20) + datetime.timedelta(minutes=20 * (n // 6)),
        )
    accepted(edition, "Uten plass", email="uten@example.no")


@pytest.mark.django_db
def test_the_grid_takes_as_many_queries_for_60_items_as_for_6(planner):
    few, lots = EditionFactory(), EditionFactory()
    many(few, 6)
    many(lots, 60)

    with CaptureQueriesContext(connection) as small:
        first = planner.get(url("grid", few))
    with CaptureQueriesContext(connection) as large:
        second = planner.get(url("grid", lots))

    assert first.status_code == second.status_code == 200
    assert text(second).count('data-move-url="') == 61  # 60 items and the unplaced contribution
    assert len(large) == len(small)
    assert len(large) < 40


# What a room lacks


@pytest.mark.django_db
def test_a_room_without_what_the_contribution_needs_warns_until_it_is_moved(planner, edition):
    plain = Room.objects.create(edition=edition, name="Salong 2", features="trinnfri", position=1)
    workshop = Room.objects.create(
        edition=edition, name="Salong 3", features="Verksted, trinnfri", position=2
    )
    contribution = accepted(
        edition, "Kartverksted", wished_format="verksted", needs="Trinnfri adkomst og store bord."
    )
    item = services.move_item(
        edition=edition,
        contribution=contribution,
        to=Place(day=edition.starts_on, starts=datetime.time(9), room=plain),
    )
    assert item is not None

    before = services.check_program(edition)
    response = planner.post(
        url("item_move", edition, pk=item.pk),
        {"dag": day(edition), "day": day(edition), "room": workshop.pk, "starts": "09:00"},
        **HTMX,
    )

    lacks = "“%(title)s” needs %(features)s, which %(room)s does not have."
    assert [(w.code, w.message) for w in before] == [
        ("room_lacks", gettext(lacks) % {"title": "Kartverksted", "features": "verksted", "room": "Salong 2"})
    ]
    assert [w.code for w in response.context["warnings"]] == []


@pytest.mark.django_db
def test_the_move_panel_does_not_offer_the_place_the_item_already_has(planner, edition, rooms, talk):
    ProgramItem.objects.filter(pk=talk.pk).update(starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 9, 45))

    page = planner.get(url("item_move", edition, pk=talk.pk) + f"?dag={day(edition)}")

    free = [(p.room.name, f"{p.starts:%H:%M}") for p in page.context["free"]]
    assert free == [("Store sal", "09:45"), ("Salong 1", "09:00")]  # right after itself, not where it is
