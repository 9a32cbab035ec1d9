"""Scripted nominations: over the limit a nomination is refused with 429, kept as typed, and neither
stored nor answered with a receipt."""

import uuid
from typing import Any

import pytest
from django.test import Client

from gronnpraksis.awards.models import AwardRound, Nomination
from gronnpraksis.mail.models import OutboxMail
from tests.awards import form_data, make_round, url
from tests.ratelimits import assert_refused
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(edition, organiser):
    return make_round(edition, organiser)


def nominate(client: Client, award: AwardRound, number: int, **overrides: Any) -> TestResponse:
    data = form_data(award, title=f"Prosjekt nummer {number}", idempotency_key=str(uuid.uuid4()), **overrides)
    return client.post(url("nominate", award.edition), data)


def test_nominations_over_the_limit_per_client_address_are_refused(client, award, rate_limits):
    rate_limits(nomination="2/h/ip")
    assert [nominate(client, award, n, nominator_email=f"n{n}@example.no").status_code for n in range(2)] == [
        302,
        302,
    ]
    mails = OutboxMail.objects.count()

    response = nominate(client, award, 2, nominator_name="Nils Nominator", nominator_email="n2@example.no")

    assert_refused(
        response, "Prosjekt nummer 2", "Nils Nominator", "n2@example.no", "Skolene lager egen strøm."
    )
    assert Nomination.objects.count() == 2
    assert OutboxMail.objects.count() == mails


def test_nominations_over_the_limit_per_nominator_address_are_refused(client, award, rate_limits):
    rate_limits(nomination="100/h/ip,1/h/email")
    assert nominate(client, award, 1).status_code == 302

    response = client.post(
        url("nominate", award.edition),
        form_data(award, title="Et annet prosjekt", idempotency_key=str(uuid.uuid4())),
        REMOTE_ADDR="192.0.2.77",
    )

    assert_refused(response, "Et annet prosjekt", "nora@example.no")
    assert Nomination.objects.count() == 1
