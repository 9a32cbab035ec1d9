"""The programme planner's role × URL matrix (the shared harness in tests/backoffice_matrix.py).

Only organisers (team members with the organiser role, or staff) with an authenticator app may use
the planner: move items, place contributions, edit rooms and tracks, publish. Organisers without one
are sent to set it up; reviewers, jurors, people outside the team and other editions' organisers get
a 404. A refused POST changes nothing.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.program import backoffice_urls
from gronnpraksis.program.backoffice import planner
from gronnpraksis.program.models import ProgramItem, ProgramVersion, Room, Track
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory, submit_contribution
from tests.factories import local_time as at

ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "juror",
    "organiser_of_another_edition",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
]


@pytest.fixture
def world(edition: Edition, organiser: User) -> SimpleNamespace:
    hall = Room.objects.create(edition=edition, name="Store sal")
    side = Room.objects.create(edition=edition, name="Salong 1")
    track = Track.objects.create(edition=edition, name="Mat", slug="mat")
    contribution = submit_contribution(edition, title="Matsvinn i skolen")
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    item = ProgramItem.objects.create(
        edition=edition, title="Åpning", room=hall, starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    return SimpleNamespace(
        edition=edition,
        hall=hall,
        side=side,
        track=track,
        item=item,
        contribution=contribution,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email="ola.utenfor@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "juror": member(edition, "jens.jury@example.no", TeamRole.JUROR),
            "organiser_of_another_edition": with_totp(
                member(EditionFactory(), "annen.arrangor@example.no", TeamRole.ORGANISER)
            ),
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
        },
    )


def the_item(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.item.pk}


def the_contribution(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.contribution.pk}


def the_room(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.side.pk}


def the_track(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.track.pk}


def a_place(w: SimpleNamespace) -> dict[str, object]:
    return {"day": w.edition.starts_on.isoformat(), "room": w.side.pk, "starts": "11:00"}


def an_item(w: SimpleNamespace) -> dict[str, object]:
    return {
        "kind": "plenary",
        "title": "Avslutning",
        "day": w.edition.starts_on.isoformat(),
        "starts": "15:00",
        "ends": "15:30",
    }


P = "program_backoffice:"
URLS = [
    Url(P + "grid", "GET", "organiser", 200),
    Url(P + "item_new", "GET", "organiser", 200),
    Url(P + "item_new", "POST", "organiser", 302, None, an_item),
    Url(P + "item", "GET", "organiser", 200, the_item),
    Url(P + "item", "POST", "organiser", 302, the_item, an_item),
    Url(P + "item_move", "GET", "organiser", 200, the_item),
    Url(P + "item_move", "POST", "organiser", 302, the_item, a_place),
    Url(P + "contribution_place", "GET", "organiser", 200, the_contribution),
    Url(P + "contribution_place", "POST", "organiser", 302, the_contribution, a_place),
    Url(P + "item_delete", "POST", "organiser", 302, the_item),
    Url(P + "publish", "POST", "organiser", 302),
    Url(P + "rooms", "GET", "organiser", 200),
    Url(
        P + "rooms",
        "POST",
        "organiser",
        302,
        None,
        lambda w: {"add_room": "1", "room-name": "Ny sal", "room-position": "3"},
    ),
    Url(P + "room", "GET", "organiser", 200, the_room),
    Url(P + "room", "POST", "organiser", 302, the_room, lambda w: {"name": "Salong 2", "position": "2"}),
    Url(P + "room_delete", "POST", "organiser", 302, the_room),
    Url(P + "track", "GET", "organiser", 200, the_track),
    Url(P + "track", "POST", "organiser", 302, the_track, lambda w: {"name": "Energi", "position": "1"}),
    Url(P + "track_delete", "POST", "organiser", 302, the_track),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("organiser", "staff"):
        return str(url.allowed)
    return NOT_FOUND


def stored() -> list[object]:
    return [
        list(ProgramItem.objects.values_list("pk", "title", "room", "starts_at", "ends_at")),
        list(Room.objects.values_list("pk", "name")),
        list(Track.objects.values_list("pk", "name")),
        ProgramVersion.objects.count(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_planner_url_for_every_role(client: Client, world: SimpleNamespace, url: Url) -> None:
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_planner_url() -> None:
    """Every URL whose view is the planner's (partner programmes have their own tests)."""
    names = {
        P + pattern.name
        for pattern in backoffice_urls.urlpatterns
        if pattern.name and pattern.callback.__module__ == planner.__name__
    }
    matrix.assert_covers(URLS, names)
