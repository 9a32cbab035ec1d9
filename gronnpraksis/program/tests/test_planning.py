"""An edition as a planning problem: every hard rule comes from the edition's own data, and the plan keeps it."""

import datetime

import pytest
from django.utils import timezone

from gronnpraksis.editions.models import Edition
from gronnpraksis.program import planning
from gronnpraksis.program.builder.score import violations
from gronnpraksis.program.builder.search import Options, plan
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.program.services import publish_program, star_item
from tests.factories import local_time as at
from tests.factories import register_person, theme

from .proposal_helpers import accepted, small_edition


def planned(edition: Edition) -> tuple[planning.Planning, list[int | None]]:
    built = planning.build(edition)
    result = plan(built.problem, Options(seconds=30, iterations=3000, seed=1))
    assert violations(built.problem, result.assignment) == []
    return built, result.assignment


def session_of(built: planning.Planning, key: str) -> int:
    return next(x for x, s in enumerate(built.problem.sessions) if s.key == key)


@pytest.mark.django_db
def test_the_breaks_cut_each_day_into_blocks_of_slots_in_every_room(edition: Edition) -> None:
    small_edition(edition)

    built = planning.build(edition)

    starts = sorted({(p.day, p.starts_at.time()) for p in built.places})
    first_day = [time for day, time in starts if day == edition.starts_on]
    assert first_day == [
        datetime.time(h, m)
        for h, m in [(9, 0), (9, 45), (10, 30), (11, 15), (13, 0), (13, 45), (14, 30), (15, 15)]
    ]
    assert len({s.block for s in built.problem.slots}) == 4  # before and after lunch, two days
    assert {p.room_name for p in built.places} == {"Store sal", "Verkstedet"}
    assert not any(p.starts_at < at(edition, 0, 13) and p.ends_at > at(edition, 0, 12) for p in built.places)


@pytest.mark.django_db
def test_a_workshop_is_placed_only_in_a_room_with_the_workshop_feature(edition: Edition) -> None:
    world = small_edition(edition)
    workshop = accepted(
        edition,
        "Reparasjonsverksted",
        email="verksted@example.no",
        wished_format="verksted",
        wished_length=45,
    )
    stage = accepted(
        edition, "Scenekunst", email="scene@example.no", wished_length=45, needs="Vi trenger SCENE og lys."
    )

    built, assignment = planned(edition)

    w, s = session_of(built, f"contribution-{workshop.pk}"), session_of(built, f"contribution-{stage.pk}")
    assert built.problem.sessions[w].needs == {"verksted"}
    assert built.problem.sessions[s].needs == {"scene"}
    assert {built.places[k].room for k in built.problem.domains()[w]} == {world.workshop.pk}
    assert {built.places[k].room for k in built.problem.domains()[s]} == {world.hall.pk}
    assert built.places[assignment[w]].room == world.workshop.pk  # type: ignore[index]


@pytest.mark.django_db
def test_a_contribution_is_placed_only_in_the_half_days_its_contributors_can_come(edition: Edition) -> None:
    small_edition(edition)
    second_day = edition.starts_on + datetime.timedelta(days=1)
    late = accepted(edition, "Kun dag 2 etter lunsj", email="sen@example.no", wished_length=45)
    late.availability = [f"{second_day.isoformat()}:pm"]
    late.save()

    built, assignment = planned(edition)

    x = session_of(built, f"contribution-{late.pk}")
    allowed = {
        (built.places[k].day, built.places[k].starts_at.hour >= 12) for k in built.problem.domains()[x]
    }
    assert allowed == {(second_day, True)}
    place = built.places[assignment[x]]  # type: ignore[index]
    assert place.day == second_day and place.starts_at.hour >= 13


@pytest.mark.django_db
def test_a_pinned_item_keeps_its_place_even_off_the_grid(edition: Edition) -> None:
    world = small_edition(edition)
    contribution = accepted(edition, "Festet innlegg", email="fast@example.no", wished_length=20)
    item = ProgramItem.objects.create(
        edition=edition,
        title=contribution.title,
        contribution=contribution,
        room=world.workshop,
        starts_at=at(edition, 1, 14, 10),
        ends_at=at(edition, 1, 14, 30),
        pinned=True,
    )

    built, assignment = planned(edition)

    x = session_of(built, f"item-{item.pk}")
    assert built.problem.sessions[x].pinned == assignment[x]
    place = built.places[assignment[x]]  # type: ignore[index]
    assert (place.room, place.starts_at) == (world.workshop.pk, item.starts_at)
    # No other slot in the room overlaps the pinned item.
    assert not [
        p
        for k, p in enumerate(built.places)
        if k != assignment[x]
        and p.room == world.workshop.pk
        and p.starts_at < item.ends_at
        and item.starts_at < p.ends_at
    ]
    assert planning.changes(built, assignment)[x]["change"] == "unchanged"


@pytest.mark.django_db
def test_one_contributor_is_never_in_two_items_at_once(edition: Edition) -> None:
    small_edition(edition)
    first_day = edition.starts_on.isoformat()
    both = [
        accepted(edition, title, email="travel@example.no", wished_length=45)
        for title in ("Første innlegg", "Andre innlegg")
    ]
    for contribution in both:
        contribution.availability = [f"{first_day}:am"]
        contribution.save()
    built, assignment = planned(edition)

    a, b = (session_of(built, f"contribution-{c.pk}") for c in both)
    assert (
        "travel@example.no" in built.problem.sessions[a].contributors & built.problem.sessions[b].contributors
    )
    pa, pb = built.places[assignment[a]], built.places[assignment[b]]  # type: ignore[index]
    assert not (pa.starts_at < pb.ends_at and pb.starts_at < pa.ends_at)


@pytest.mark.django_db
def test_stars_are_the_wants_and_the_published_programme_is_the_previous_plan(edition: Edition) -> None:
    world = small_edition(edition)
    items = [
        ProgramItem.objects.create(
            edition=edition,
            title=talk.title,
            contribution=talk,
            room=world.hall,
            starts_at=at(edition, 0, 9 + n),
            ends_at=at(edition, 0, 9 + n, 45),
        )
        for n, talk in enumerate(world.talks[:2])
    ]
    publish_program(edition=edition, user=None, notify=False)
    people = [register_person(edition, email=f"deltaker{n}@example.no") for n in range(3)]
    for person in people:
        star_item(registration=person, item=items[0])
    star_item(registration=people[0], item=items[1])

    built = planning.build(edition)

    first, second = (session_of(built, f"item-{i.pk}") for i in items)
    assert sorted(built.problem.wants, key=len) == [
        frozenset({first}),
        frozenset({first}),
        frozenset({first, second}),
    ]
    assert built.problem.sessions[first].audience == round(3 * 0.8)
    assert built.problem.previous is not None
    assert built.places[built.problem.previous[first]].starts_at == items[0].starts_at  # type: ignore[index]
    assert built.problem.previous[session_of(built, f"contribution-{world.talks[2].pk}")] is None
    assert timezone.localtime(built.places[built.problem.previous[second]].starts_at).hour >= 0  # type: ignore[index]


@pytest.mark.django_db
def test_before_their_first_stars_the_themes_people_marked_at_registration_stand_in(edition: Edition) -> None:
    world = small_edition(edition)  # three talks about transport
    food = accepted(edition, "Matsvinn", email="mat@example.no", themes=[theme("mat")], wished_length=45)
    item = ProgramItem.objects.create(
        edition=edition,
        title=world.talks[0].title,
        contribution=world.talks[0],
        room=world.hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 9, 45),
    )
    publish_program(edition=edition, user=None, notify=False)
    starring = register_person(edition, email="stjerne@example.no", themes=[theme("mat")])
    star_item(registration=starring, item=item)
    register_person(edition, email="mat.interessert@example.no", themes=[theme("mat")])
    register_person(edition, email="uten.interesse@example.no")

    built = planning.build(edition)

    keys = [frozenset(built.problem.sessions[x].key for x in wanted) for wanted in built.problem.wants]
    # The one who starred wants what they starred; the one who has not starred wants the food talk.
    assert sorted(keys, key=sorted) == sorted(
        [frozenset({f"item-{item.pk}"}), frozenset({f"contribution-{food.pk}"})], key=sorted
    )
