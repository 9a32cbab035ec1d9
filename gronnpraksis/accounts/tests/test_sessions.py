"""Issue 11 §4: organisers' sessions end after two idle hours and twelve hours in all; participants
keep longer sessions."""

import time

import pytest
from django.test import Client

from gronnpraksis.accounts.middleware import SEEN_KEY, STARTED_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def age_session(client: Client, *, seen_ago: int, started_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[SEEN_KEY] = now - seen_ago
    session[STARTED_KEY] = now - started_ago
    session.save()


def test_an_organiser_is_logged_out_after_two_idle_hours(client, organiser):
    client.force_login(organiser)
    age_session(client, seen_ago=61, started_ago=61)  # as a login through the site's pages records
    assert client.get("/min-side/").status_code == 200
    assert client.session.get_expiry_age() <= 2 * 60 * 60

    age_session(client, seen_ago=2 * 60 * 60 + 5, started_ago=3 * 60 * 60)
    response = client.get("/min-side/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/min-side/")
    assert client.get("/min-side/").status_code == 302  # anonymous now
    assert "_auth_user_id" not in client.session


def test_an_active_organiser_is_logged_out_after_twelve_hours(client, organiser):
    client.force_login(organiser)

    age_session(client, seen_ago=5 * 60, started_ago=12 * 60 * 60 + 5)

    assert client.get("/min-side/").status_code == 302


def test_an_organiser_active_within_the_limits_stays_logged_in(client, organiser):
    client.force_login(organiser)

    age_session(client, seen_ago=60 * 60, started_ago=11 * 60 * 60)

    assert client.get("/min-side/").status_code == 200
    assert client.session[SEEN_KEY] >= int(time.time()) - 5  # the idle clock starts again


def test_the_limits_are_settings(client, organiser, settings):
    settings.ORGANISER_SESSION_IDLE_SECONDS = 10 * 60
    client.force_login(organiser)

    age_session(client, seen_ago=11 * 60, started_ago=11 * 60)

    assert client.get("/min-side/").status_code == 302


def test_a_participant_keeps_a_long_session(client):
    person = UserFactory(email="deltaker@example.no")
    client.force_login(person)
    age_session(client, seen_ago=3 * 24 * 60 * 60, started_ago=3 * 24 * 60 * 60)

    assert client.get("/min-side/").status_code == 200
    assert client.session.get_expiry_age() > 7 * 24 * 60 * 60


def test_the_organisers_login_with_password_and_authenticator_starts_the_clock(client, organiser, settings):
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    password = client.post(
        "/accounts/login/", {"login": organiser.email, "password": "riktig-hest-batteri-stift"}
    )
    code = format_hotp_value(hotp_value("JBSWY3DPEHPK3PXP", int(time.time()) // mfa_settings.TOTP_PERIOD))
    totp = client.post(password["Location"], {"code": code})

    assert totp.status_code == 302
    assert client.get("/min-side/").status_code == 200
    assert client.session[STARTED_KEY] >= int(time.time()) - 60
    assert client.session.get_expiry_age() <= settings.ORGANISER_SESSION_IDLE_SECONDS
