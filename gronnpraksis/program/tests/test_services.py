import datetime

import pytest

from gronnpraksis.contributions.services import withdraw_contribution
from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import (
    check_program,
    has_unpublished_changes,
    publish_program,
    published_program,
)
from tests.factories import local_time as at
from tests.factories import submit_contribution


def place(edition, title, room, start, minutes=45, **fields):
    return ProgramItem.objects.create(
        edition=edition,
        title=title,
        room=room,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        **fields,
    )


@pytest.fixture
def hall(edition):
    return Room.objects.create(edition=edition, name="Store sal", capacity=400)


@pytest.mark.django_db
def test_nothing_is_public_before_the_first_publication(edition, hall):
    place(edition, "Åpning", hall, at(edition, 0, 9), kind="plenary")

    assert published_program(edition) is None
    assert has_unpublished_changes(edition)


@pytest.mark.django_db
def test_publishing_snapshots_the_items_with_speakers_and_records_what_is_new(edition, hall):
    contribution = submit_contribution(edition, co_contributors=[("Per Hansen", "per@example.no")])
    place(edition, contribution.title, hall, at(edition, 0, 10), contribution=contribution)

    first = publish_program(edition=edition, user=None)

    assert first.number == 1
    assert [item["title"] for item in first.items] == [contribution.title]
    assert [s["name"] for s in first.items[0]["speakers"]] == ["Kari Nordmann", "Per Hansen"]
    assert first.items[0]["room"]["name"] == "Store sal"
    assert [c["change"] for c in first.changes] == ["added"]
    assert not has_unpublished_changes(edition)


@pytest.mark.django_db
def test_unpublished_edits_stay_out_of_the_public_version_until_published(edition, hall):
    item = place(edition, "Klimabudsjett i praksis", hall, at(edition, 0, 10))
    publish_program(edition=edition, user=None)
    small = Room.objects.create(edition=edition, name="Verksted 1", capacity=30)

    item.room = small
    item.save()
    place(edition, "Lunsj", None, at(edition, 0, 12), kind="meal")

    published = published_program(edition)
    assert published is not None
    assert published.items[0]["room"]["name"] == "Store sal"
    second = publish_program(edition=edition, user=None)
    assert second.number == 2
    assert sorted(c["change"] for c in second.changes) == ["added", "moved"]
    moved = next(c for c in second.changes if c["change"] == "moved")
    assert moved["from"]["room"] == "Store sal"


@pytest.mark.django_db
def test_cancelled_and_removed_items_are_listed_as_such(edition, hall):
    keep = place(edition, "Paneldebatt", hall, at(edition, 0, 13))
    gone = place(edition, "Ekskursjon", hall, at(edition, 1, 13), kind="excursion")
    publish_program(edition=edition, user=None)

    keep.is_cancelled = True
    keep.save()
    gone.delete()

    changes = publish_program(edition=edition, user=None).changes
    assert sorted((c["change"], c["title"]) for c in changes) == [
        ("cancelled", "Paneldebatt"),
        ("removed", "Ekskursjon"),
    ]


@pytest.mark.django_db
def test_warnings_for_overlaps_speakers_short_slots_days_rooms_and_withdrawn(edition, hall):
    contribution = submit_contribution(edition, wished_length=45)
    other = submit_contribution(edition, email="ola@example.no", name="Ola", title="Annet bidrag")
    place(edition, "A", hall, at(edition, 0, 10), minutes=20, contribution=contribution)
    place(edition, "B", hall, at(edition, 0, 10, 10), contribution=other)
    workshop = Room.objects.create(edition=edition, name="Verksted 2")
    place(edition, "C", workshop, at(edition, 0, 10, 5), contribution=contribution)
    place(edition, "D", None, at(edition, 5, 9))
    withdraw_contribution(contribution=other)

    codes = sorted(w.code for w in check_program(edition))

    assert codes == [
        "contribution_gone",
        "no_room",
        "outside_days",
        "room_overlap",
        "speaker_overlap",
        "too_short",
    ]


@pytest.mark.django_db
def test_deleting_a_room_in_use_leaves_the_item_without_a_room_and_a_warning(edition, hall):
    item = place(edition, "Åpning", hall, at(edition, 0, 9))

    hall.delete()

    item.refresh_from_db()
    assert item.room is None
    assert [w.code for w in check_program(edition)] == ["no_room"]


@pytest.mark.django_db
def test_publishing_takes_the_same_number_of_queries_for_1_and_20_items(
    edition, hall, django_assert_max_num_queries
):
    contribution = submit_contribution(edition)
    for hour in range(20):
        place(
            edition,
            f"Punkt {hour}",
            hall,
            at(edition, 0, 0) + datetime.timedelta(hours=hour),
            contribution=contribution,
        )

    with django_assert_max_num_queries(12):
        publish_program(edition=edition, user=None)
