"""Scripted requests for login codes: every request mails a code and may create an account. Over the
limit the request is refused with 429, the address stays in the form, no account is made, no mail."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory
from tests.ratelimits import assert_refused
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

CODE = "/accounts/login/code/"


def request_code(email: str, address: str = "127.0.0.1") -> TestResponse:
    """A script's request: no cookies (a session with a pending code would be sent to the code page)."""
    return Client(REMOTE_ADDR=address).post(CODE, {"email": email})


def test_code_requests_over_the_limit_per_client_address_are_refused(rate_limits):
    rate_limits(login_code="2/h/ip")
    for number in range(2):
        assert request_code(f"person{number}@example.no").status_code == 302

    response = request_code("person2@example.no")

    assert_refused(response, "person2@example.no")
    assert not User.objects.filter(email="person2@example.no").exists()
    assert sorted(OutboxMail.objects.values_list("to", flat=True)) == [
        "person0@example.no",
        "person1@example.no",
    ]


def test_code_requests_for_one_address_are_limited_from_any_client(rate_limits):
    """A mailbox cannot be flooded with codes from many client addresses."""
    rate_limits(login_code="100/h/ip,2/h/email")
    for number in range(2):
        response = request_code("offer@example.no", f"192.0.2.{number}")
        assert response.status_code == 302

    response = request_code("Offer@Example.no", "198.51.100.5")

    assert_refused(response, "Offer@Example.no")
    assert OutboxMail.objects.filter(to="offer@example.no").count() == 2


def test_production_settings_keep_allauth_s_limit_on_code_requests_and_ours():
    """Read in a process of its own, as production reads them (neither TESTING nor DEBUG)."""
    env = {k: v for k, v in os.environ.items() if k not in {"TESTING", "DEBUG"}}
    env.update(
        SECRET_KEY="x" * 60, ALLOWED_HOSTS="gronnpraksis.no", DJANGO_SETTINGS_MODULE="gronnpraksis.settings"
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from allauth.account import app_settings; "
        "print(app_settings.RATE_LIMITS['request_login_code'], settings.RATE_LIMITS_ENABLED, "
        "settings.RATE_LIMITS['login_code'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["20/m/ip,3/m/key", "True", "10/m/ip,60/h/ip,10/h/email"]


def test_allauth_s_own_limit_still_works_behind_ours(settings, rate_limits):
    """With both on, allauth refuses the fourth code for one address in a minute, though ours allows it."""
    rate_limits(login_code="100/h/ip,100/h/email")
    settings.ACCOUNT_RATE_LIMITS = {"request_login_code": "20/m/ip,3/m/key"}
    for number in range(3):
        assert request_code("offer@example.no", f"192.0.2.{number}").status_code == 302

    response = request_code("offer@example.no", "192.0.2.9")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert OutboxMail.objects.filter(to="offer@example.no").count() == 3


def test_codes_to_a_new_address_are_limited_too(client, rate_limits):
    """Changing the address sends a code to any address typed: a way to flood a mailbox, so it counts
    as a code request for the receiving address."""
    rate_limits(login_code="100/h/ip,2/h/email")
    for number in range(2):
        client.force_login(UserFactory(email=f"konto{number}@example.no"))
        assert client.post("/min-side/e-post/", {"email": "offer@example.no"}).status_code == 302
    client.force_login(UserFactory(email="konto9@example.no"))

    response = client.post("/min-side/e-post/", {"email": "Offer@Example.no"})

    assert_refused(response, "Offer@Example.no")
    assert OutboxMail.objects.filter(to="offer@example.no").count() == 2
