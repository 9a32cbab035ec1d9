"""Scripted floods of the example bank's forms: the contact relay, sharing, and the share form's first
step (which sends a login code) refuse an attempt over the limit, keep what was typed, send nothing."""

from typing import Any

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.examples.models import ContactMessage, Example
from gronnpraksis.mail.models import OutboxMail
from tests.bank_data import contactable
from tests.factories import UserFactory
from tests.ratelimits import assert_refused
from tests.typing import TestResponse

from .helpers import SHARE
from .helpers import form_data as share_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def contact(client: Client, example: Example, number: int, **extra: Any) -> TestResponse:
    data = {
        "name": f"Skript {number}",
        "email": f"skript{number}@example.no",
        "message": f"Melding nummer {number}",
        "website": "",
    }
    return client.post(f"/eksempler/{example.pk}/kontakt/", data, **extra)


def test_the_contact_relay_refuses_a_flood_from_one_client_and_sends_nothing(client, rate_limits):
    rate_limits(contact="2/h/ip")
    example = contactable()
    assert [contact(client, example, n).status_code for n in range(2)] == [302, 302]

    response = contact(client, example, 2)

    assert_refused(response, "Skript 2", "skript2@example.no", "Melding nummer 2")
    assert OutboxMail.objects.count() == ContactMessage.objects.count() == 2


def test_the_contact_relay_limits_one_sender_address_from_any_client(client, rate_limits):
    rate_limits(contact="100/h/ip,1/h/email")
    example = contactable()
    data = {
        "name": "Ola",
        "email": "ola@example.no",
        "message": "Hei, vi vil vite mer om kantinene.",
        "website": "",
    }
    url = f"/eksempler/{example.pk}/kontakt/"
    assert client.post(url, data, REMOTE_ADDR="192.0.2.1").status_code == 302

    response = client.post(url, data, REMOTE_ADDR="192.0.2.2")

    assert_refused(response, "ola@example.no")
    assert OutboxMail.objects.count() == 1


def test_sharing_refuses_a_flood_and_keeps_the_example_as_typed(client, rate_limits):
    rate_limits(share="2/h/email")
    client.force_login(UserFactory(email="siri.deler@example.no", name="Siri Deler"))
    for title in ["Første eksempel", "Andre eksempel"]:
        assert client.post(SHARE, share_data(title=title)).status_code == 302
    mails = OutboxMail.objects.count()

    response = client.post(SHARE, share_data(title="Tredje eksempel"))

    assert_refused(response, "Tredje eksempel", "Kantinene i kommunen deler ut mat")
    assert Example.objects.count() == 2
    assert OutboxMail.objects.count() == mails


def test_the_first_step_of_sharing_sends_no_code_and_makes_no_account_over_the_limit(client, rate_limits):
    rate_limits(login_code="1/h/ip")
    assert client.post(SHARE, {"name": "Nina Ny", "email": "nina@example.no"}).status_code == 302

    response = client.post(SHARE, {"name": "Bot Botsen", "email": "bot@example.no"})

    assert_refused(response, "Bot Botsen", "bot@example.no")
    assert not User.objects.filter(email="bot@example.no").exists()
    assert list(OutboxMail.objects.values_list("to", flat=True)) == ["nina@example.no"]
