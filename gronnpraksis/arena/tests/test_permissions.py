"""The door's role × URL matrix (the shared harness in tests/backoffice_matrix.py).

- nobody logged in: sent to log in;
- a person without a role here, a reviewer, a juror, or the check-in role of another edition: 404;
- an organiser (team member or staff) without an authenticator app: sent to set one up;
- the check-in role of this edition: every door page, but not the organisers' badges (404);
- an organiser with an authenticator app: everything.

A refused POST changes nothing.
"""

import uuid
from types import SimpleNamespace

import pytest

from gronnpraksis.accounts.models import User
from gronnpraksis.arena import backoffice_urls
from gronnpraksis.arena.models import CheckInPass, Scan
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory

DOOR, ORGANISER = "door", "organiser"


def network_actors(edition: Edition) -> dict[str, User]:
    """An organiser of the edition's network (an organiser here) and one of another network (404)."""
    own, other = matrix.network_organisers(edition)
    return {"network_organiser": own, "organiser_of_another_network": other}


ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "juror",
    "door_of_another_edition",
    "door",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
    "network_organiser",
    "organiser_of_another_network",
]


@pytest.fixture
def world(edition, organiser, participant):
    other = EditionFactory()
    return SimpleNamespace(
        edition=edition,
        registration=participant,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email="ola.utenfor@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "juror": member(edition, "jens.jury@example.no", TeamRole.JUROR),
            "door_of_another_edition": member(other, "annen.dor@example.no", TeamRole.CHECK_IN),
            "door": member(edition, "dora.dor@example.no", TeamRole.CHECK_IN),
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
            **network_actors(edition),
        },
    )


def check_in(w):
    return {
        "scan_id": str(uuid.uuid4()),
        "day": w.edition.days.first().date.isoformat(),
        "registration": w.registration.pk,
    }


B = "arena_backoffice:"
URLS = [
    Url(B + "checkin", "GET", DOOR, 200),
    Url(B + "checkin_post", "POST", DOOR, 302, None, check_in),
    Url(B + "day_list_json", "GET", DOOR, 200),
    Url(B + "sync", "POST", DOOR, 400),  # a form post is no list of scans
    Url(B + "walk_in", "GET", DOOR, 200),
    Url(B + "walk_in", "POST", DOOR, 200),  # an empty form comes back with its errors
    Url(B + "day_list_pdf", "GET", DOOR, 200),
    Url(B + "badges", "GET", ORGANISER, 200),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("organiser", "staff", "network_organiser"):
        return str(url.allowed)
    if actor == "door" and url.access == DOOR:
        return str(url.allowed)
    return NOT_FOUND


def stored():
    return [m.objects.count() for m in (Scan, Registration, CheckInPass, OutboxMail)] + [
        list(Registration.objects.values_list("pk", "checked_in_at"))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_door_url_for_every_role(client, world, url):
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_door_url():
    matrix.assert_covers(URLS, matrix.url_names(backoffice_urls.urlpatterns, B))
