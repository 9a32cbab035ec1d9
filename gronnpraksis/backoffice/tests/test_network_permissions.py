"""The back office's network pages: role × URL matrix (the shared harness in tests/backoffice_matrix.py).

Only those who run the edition's network may open them: its organisers (with an authenticator app)
and staff. An organiser of only the edition, an organiser of another network, the network's
moderators, reviewers and participants get a 404 and change nothing.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.backoffice import backoffice_urls
from gronnpraksis.editions.models import Network, NetworkMember, NetworkRole, TeamRole
from gronnpraksis.mail.models import OutboxMail
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, network_organisers, with_totp
from tests.factories import EditionFactory, UserFactory

ACTORS = [
    "anonymous",
    "participant",
    "reviewer",
    "edition_organiser",
    "network_moderator",
    "organiser_of_another_network",
    "network_organiser_without_totp",
    "staff_without_totp",
    "network_organiser",
    "staff",
]


@pytest.fixture
def world(db: None, organiser: User) -> SimpleNamespace:
    edition = EditionFactory()
    own, other = network_organisers(edition)
    network = edition.network
    moderator = with_totp(UserFactory(email="mona.moderator@example.no", name="Mona Moderator"))
    moderator_row = NetworkMember.objects.create(network=network, user=moderator, role=NetworkRole.MODERATOR)
    without_totp = UserFactory(email="uten.app@example.no", name="Uten App")
    NetworkMember.objects.create(network=network, user=without_totp, role=NetworkRole.ORGANISER)
    return SimpleNamespace(
        edition=edition,
        moderator_row=moderator_row,
        actors={
            "anonymous": None,
            "participant": UserFactory(email="ola.deltaker@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "edition_organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "network_moderator": moderator,
            "organiser_of_another_network": other,
            "network_organiser_without_totp": without_totp,
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "network_organiser": own,
            "staff": organiser,
        },
    )


def the_moderator(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.moderator_row.pk}


def settings_data(w: SimpleNamespace) -> dict[str, object]:
    return {"name": "Nytt navn", "colour": "brand2", "description": "", "about": "", "contact_email": ""}


def member_data(w: SimpleNamespace) -> dict[str, object]:
    return {"email": "ny.person@example.no", "name": "Ny Person", "role": NetworkRole.MODERATOR}


def role_data(w: SimpleNamespace) -> dict[str, object]:
    return {f"m{w.moderator_row.pk}-role": NetworkRole.ORGANISER}


B = "backoffice:"
URLS = [
    Url(B + "network", "GET", "network", 200),
    Url(B + "network", "POST", "network", 302, None, settings_data),
    Url(B + "network_team", "GET", "network", 200),
    Url(B + "network_team", "POST", "network", 302, None, member_data),
    Url(B + "network_member_role", "POST", "network", 302, the_moderator, role_data),
    Url(B + "network_member_remove", "POST", "network", 302, the_moderator),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("network_organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("network_organiser", "staff"):
        return str(url.allowed)
    return NOT_FOUND


def stored() -> list[object]:
    return [
        list(Network.objects.values_list("name", "colour", "description", "logo")),
        list(NetworkMember.objects.order_by("pk").values_list("pk", "network", "user", "role")),
        OutboxMail.objects.count(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_network_url_for_every_role(client: Client, world: SimpleNamespace, url: Url) -> None:
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_network_url() -> None:
    every = {
        name for name in matrix.url_names(backoffice_urls.urlpatterns, B) if name.startswith(B + "network")
    }
    matrix.assert_covers(URLS, every)
