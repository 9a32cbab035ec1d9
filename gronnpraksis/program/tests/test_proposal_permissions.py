"""The proposal pages' role × URL matrix (the shared harness in tests/backoffice_matrix.py).

Only organisers (team members with the organiser role, or staff) with an authenticator app may ask for,
read, accept or discard a proposal or pin an item; organisers without one are sent to set it up; anyone
else in or outside the team gets a 404, and a refused request changes nothing.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import TeamRole
from gronnpraksis.program import proposals
from gronnpraksis.program.models import PlanProposal, ProgramItem
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory
from tests.factories import local_time as at

from .proposal_helpers import small_edition

ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "organiser_of_another_edition",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
]


@pytest.fixture
def world(db: None, organiser: User) -> SimpleNamespace:
    edition = EditionFactory()
    rooms = small_edition(edition)
    item = ProgramItem.objects.create(
        edition=edition,
        title=rooms.talks[0].title,
        contribution=rooms.talks[0],
        room=rooms.hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 9, 45),
    )
    proposal = proposals.request_proposal(edition=edition, user=None, seed=1, seconds=1)
    claimed = proposals.claim_next()
    assert claimed is not None
    proposals.run_proposal(claimed)
    return SimpleNamespace(
        edition=edition,
        proposal=proposal,
        item=item,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email="ola.utenfor@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "organiser_of_another_edition": with_totp(
                member(EditionFactory(), "annen.arrangor@example.no", TeamRole.ORGANISER)
            ),
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
        },
    )


def the_proposal(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.proposal.pk}


def the_item(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.item.pk}


P = "program_backoffice:"
URLS = [
    Url(P + "proposals", "GET", "organiser", 200),
    Url(P + "proposals", "POST", "organiser", 302, None, lambda w: {"seed": "2", "seconds": "5"}),
    Url(P + "proposal", "GET", "organiser", 200, the_proposal),
    Url(P + "proposal_accept", "POST", "organiser", 302, the_proposal, lambda w: {"action": "all"}),
    Url(P + "proposal_discard", "POST", "organiser", 302, the_proposal),
    Url(P + "item_pin", "POST", "organiser", 302, the_item, lambda w: {"pinned": "1"}),
]
PROPOSAL_URLS = {u.name for u in URLS}


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
        list(PlanProposal.objects.order_by("pk").values_list("pk", "status", "seed")),
        list(ProgramItem.objects.order_by("pk").values_list("pk", "starts_at", "room_id", "pinned")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_proposal_url_for_every_role(client: Client, world: SimpleNamespace, url: Url) -> None:
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_proposal_url() -> None:
    from gronnpraksis.program import backoffice_urls

    every = {
        name
        for name in matrix.url_names(backoffice_urls.urlpatterns, P)
        if "proposal" in name or name == P + "item_pin"
    }
    matrix.assert_covers(URLS, every)
