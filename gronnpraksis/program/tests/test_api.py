import datetime

import pytest

from gronnpraksis.program.models import ProgramItem, Room, Track
from gronnpraksis.program.services import publish_program
from tests.factories import local_time as at
from tests.factories import submit_contribution


def iso(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


@pytest.fixture
def published(edition):
    hall = Room.objects.create(edition=edition, name="Store sal")
    track = Track.objects.create(edition=edition, name="Fordypning: mat", slug="mat")
    contribution = submit_contribution(
        edition, title="Matsvinn til matglede", co_contributors=[("Per", "per@example.no")]
    )
    talk = ProgramItem.objects.create(
        edition=edition,
        title=contribution.title,
        description="Om matsvinn.",
        contribution=contribution,
        room=hall,
        track=track,
        starts_at=at(edition, 1, 10),
        ends_at=at(edition, 1, 11),
    )
    opening = ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        kind="plenary",
        room=hall,
        speakers="Ordføreren",
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )
    publish_program(edition=edition, user=None)
    return talk, opening


def titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_program_returns_the_published_snapshot(client, edition, published):
    talk, opening = published
    contribution = talk.contribution
    hall = talk.room

    response = client.get(f"/api/v1/editions/{edition.slug}/program/")

    body = response.json()
    assert response.status_code == 200
    assert body["edition"] == edition.slug
    assert body["version"] == 1
    assert body["published_at"] is not None
    assert body["items"] == [
        {
            "id": opening.pk,
            "kind": "plenary",
            "title": "Åpning",
            "summary": "",
            "description": "",
            "starts_at": iso(at(edition, 0, 9)),
            "ends_at": iso(at(edition, 0, 10)),
            "room": {"id": hall.pk, "name": "Store sal"},
            "track": None,
            "speakers": [{"name": "Ordføreren", "organisation": "", "municipality": ""}],
            "themes": [],
            "cancelled": False,
            "contribution_kind": None,
            "example": None,
            "idea": None,
        },
        {
            "id": talk.pk,
            "kind": "contribution",
            "title": "Matsvinn til matglede",
            "summary": contribution.summary,
            "description": "Om matsvinn.",
            "starts_at": iso(at(edition, 1, 10)),
            "ends_at": iso(at(edition, 1, 11)),
            "room": {"id": hall.pk, "name": "Store sal"},
            "track": {"slug": "mat", "name": "Fordypning: mat", "is_partner": False},
            "speakers": [
                {
                    "name": person.name,
                    "organisation": contribution.organisation_name,
                    "municipality": contribution.municipality.name,
                }
                for person in contribution.contributors.order_by("-is_primary", "position", "id")
            ],
            "themes": [theme.slug for theme in contribution.themes.all()],
            "cancelled": False,
            "contribution_kind": contribution.kind,
            "example": contribution.example_id,
            "idea": contribution.idea_id,
        },
    ]
    assert [s["name"] for s in body["items"][1]["speakers"]] == ["Kari Nordmann", "Per"]


@pytest.mark.django_db
def test_unpublished_items_and_edits_never_appear(client, edition, published):
    talk, _opening = published
    ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15)
    )
    talk.title = "Hemmelig ny tittel"
    talk.save()

    program = client.get(f"/api/v1/editions/{edition.slug}/program/")
    changes = client.get(f"/api/v1/editions/{edition.slug}/program/changes/")

    assert titles(program) == ["Åpning", "Matsvinn til matglede"]
    assert "Hemmelig" not in program.content.decode()
    assert "Hemmelig" not in changes.content.decode()


@pytest.mark.django_db
def test_filters_narrow_the_programme(client, edition, published):
    talk, _opening = published
    url = f"/api/v1/editions/{edition.slug}/program/"
    theme = talk.contribution.themes.first().slug

    assert titles(client.get(url, {"spor": "mat"})) == ["Matsvinn til matglede"]
    assert titles(client.get(url, {"type": "plenary"})) == ["Åpning"]
    assert titles(client.get(url, {"type": talk.contribution.kind})) == ["Matsvinn til matglede"]
    assert titles(client.get(url, {"tema": theme})) == ["Matsvinn til matglede"]
    assert titles(client.get(url, {"rom": str(talk.room_id)})) == ["Åpning", "Matsvinn til matglede"]
    assert titles(client.get(url, {"rom": "0"})) == []
    assert titles(client.get(url, {"tema": "finnes-ikke"})) == []
    assert titles(client.get(url, {"spor": "mat", "type": "plenary"})) == []


@pytest.mark.django_db
def test_before_publication_there_is_no_version_and_no_items(client, edition):
    ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15)
    )

    program = client.get(f"/api/v1/editions/{edition.slug}/program/")
    changes = client.get(f"/api/v1/editions/{edition.slug}/program/changes/")

    assert program.json() == {"edition": edition.slug, "version": None, "published_at": None, "items": []}
    assert changes.status_code == 200
    assert changes.json() == []


@pytest.mark.django_db
def test_changes_lists_versions_newest_first_with_their_changes(client, edition, published):
    talk, opening = published
    old_start = at(edition, 1, 10)
    talk.starts_at, talk.ends_at = at(edition, 1, 13), at(edition, 1, 14)
    talk.save()
    opening.is_cancelled = True
    opening.save()
    publish_program(edition=edition, user=None, note="Flyttet matsvinn")

    response = client.get(f"/api/v1/editions/{edition.slug}/program/changes/")

    body = response.json()
    assert response.status_code == 200
    assert [(v["number"], v["note"]) for v in body] == [(2, "Flyttet matsvinn"), (1, "")]
    assert body[0]["changes"] == [
        {"change": "cancelled", "id": opening.pk, "title": "Åpning", "from": None},
        {
            "change": "moved",
            "id": talk.pk,
            "title": "Matsvinn til matglede",
            "from": {"starts_at": iso(old_start), "room": "Store sal"},
        },
    ]
    assert body[1]["changes"] == [
        {"change": "added", "id": opening.pk, "title": "Åpning", "from": None},
        {"change": "added", "id": talk.pk, "title": "Matsvinn til matglede", "from": None},
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 28])
def test_query_count_is_constant(client, edition, published, extra, django_assert_num_queries):
    """2 items or 30: the same two queries (the edition and the version)."""
    for minute in range(extra):
        ProgramItem.objects.create(
            edition=edition,
            title=f"Punkt {minute}",
            starts_at=at(edition, 0, 12) + datetime.timedelta(minutes=minute),
            ends_at=at(edition, 0, 13) + datetime.timedelta(minutes=minute),
        )
    publish_program(edition=edition, user=None)

    with django_assert_num_queries(2):
        program = client.get(f"/api/v1/editions/{edition.slug}/program/")
    with django_assert_num_queries(2):
        changes = client.get(f"/api/v1/editions/{edition.slug}/program/changes/")

    assert len(program.json()["items"]) == 2 + extra
    assert len(changes.json()) == 2
