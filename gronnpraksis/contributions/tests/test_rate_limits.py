"""Scripted contributions: over the limit a contribution is refused with 429, kept as typed, and
neither stored nor mailed."""

import uuid
from typing import Any

import pytest
from django.test import Client

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from tests.ratelimits import assert_refused
from tests.typing import TestResponse

from .helpers import submit_data, submit_url

pytestmark = pytest.mark.django_db


def submit(client: Client, edition: Edition, number: int, **overrides: Any) -> TestResponse:
    data = submit_data(title=f"Bidrag nummer {number}", idempotency_key=str(uuid.uuid4()), **overrides)
    return client.post(submit_url(edition), data)


def test_contributions_over_the_limit_per_client_address_are_refused(client, edition, rate_limits):
    rate_limits(contribution="2/h/ip")
    for number in range(2):
        assert submit(client, edition, number, contact_email=f"k{number}@example.no").status_code == 302
    mails = OutboxMail.objects.count()

    response = submit(client, edition, 2, contact_name="Kim Skript", contact_email="k2@example.no")

    assert_refused(response, "Bidrag nummer 2", "Kim Skript", "k2@example.no", "Vi startet med tre elbiler")
    assert Contribution.objects.count() == 2
    assert OutboxMail.objects.count() == mails


def test_contributions_over_the_limit_per_contact_address_are_refused(client, edition, rate_limits):
    rate_limits(contribution="100/h/ip,1/h/email")
    assert submit(client, edition, 1).status_code == 302

    data = submit_data(title="Et bidrag til", idempotency_key=str(uuid.uuid4()))
    response = client.post(submit_url(edition), data, REMOTE_ADDR="192.0.2.8")

    assert_refused(response, "Et bidrag til", "kari.nordmann@example.no")
    assert Contribution.objects.count() == 1
