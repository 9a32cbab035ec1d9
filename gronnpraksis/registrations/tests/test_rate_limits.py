"""Scripted registrations: the registration form refuses a flood per client address and per e-mail."""

import uuid
from typing import Any

import pytest

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration
from tests.ratelimits import assert_refused

from .helpers import form_data, register_url


def person(edition: Edition, number: int, **overrides: Any) -> dict[str, Any]:
    """The form as person `number` fills it in, with a fresh idempotency key (a new page load)."""
    values = {"name": f"Skript Person {number}", "email": f"person{number}@example.no"}
    return form_data(edition, idempotency_key=str(uuid.uuid4()), **{**values, **overrides})


@pytest.mark.django_db
def test_the_registration_over_the_limit_per_address_is_refused_and_stores_nothing(
    client, edition, rate_limits
):
    rate_limits(registration="3/h/ip")
    for number in range(3):
        assert client.post(register_url(edition), person(edition, number)).status_code == 302
    mails = OutboxMail.objects.count()

    response = client.post(
        register_url(edition),
        person(edition, 3, dietary_needs="Glutenfri", organisation_name="Skriptby kommune"),
    )

    assert_refused(response, "Skript Person 3", "person3@example.no", "Glutenfri", "Skriptby kommune")
    assert int(response["Retry-After"]) > 0
    assert Registration.objects.count() == 3
    assert not Registration.objects.filter(email="person3@example.no").exists()
    assert not User.objects.filter(email="person3@example.no").exists()
    assert OutboxMail.objects.count() == mails


@pytest.mark.django_db
def test_another_address_is_not_held_back_by_the_first(client, edition, rate_limits):
    rate_limits(registration="1/h/ip")
    assert client.post(register_url(edition), person(edition, 1), REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(register_url(edition), person(edition, 2), REMOTE_ADDR="192.0.2.1").status_code == 429

    response = client.post(register_url(edition), person(edition, 3), REMOTE_ADDR="192.0.2.2")

    assert response.status_code == 302
    assert Registration.objects.count() == 2


@pytest.mark.django_db
def test_one_e_mail_address_is_limited_from_any_client_address(client, edition, rate_limits):
    """The per-address limit alone is bypassed by a botnet; the per-e-mail limit is not. A "+tag" in
    the address does not make it another mailbox."""
    rate_limits(registration="100/h/ip,2/h/email")
    for number, email in enumerate(["kari@example.no", "Kari+1@Example.no"]):
        response = client.post(
            register_url(edition), person(edition, number, email=email), REMOTE_ADDR=f"198.51.100.{number}"
        )
        assert response.status_code == 302
    registrations = Registration.objects.count()

    response = client.post(
        register_url(edition), person(edition, 9, email="kari+2@example.no"), REMOTE_ADDR="203.0.113.9"
    )

    assert_refused(response, "kari+2@example.no")
    assert Registration.objects.count() == registrations


@pytest.mark.django_db
def test_an_invalid_form_does_not_use_up_the_limit(client, edition, rate_limits):
    rate_limits(registration="1/h/ip")
    assert client.post(register_url(edition), person(edition, 1, municipality="Narnia")).status_code == 200

    assert client.post(register_url(edition), person(edition, 1)).status_code == 302


@pytest.mark.django_db
def test_with_the_limits_off_every_registration_goes_through(client, edition, rate_limits, settings):
    """Negative control: the refusals above come from the limit, not from anything else in the form."""
    rate_limits(registration="1/h/ip")
    settings.RATE_LIMITS_ENABLED = False

    statuses = [client.post(register_url(edition), person(edition, n)).status_code for n in range(4)]

    assert statuses == [302] * 4
    assert Registration.objects.count() == 4


@pytest.mark.django_db
def test_a_broken_rate_limit_cache_lets_people_register_and_is_logged(
    client, edition, rate_limits, settings, caplog
):
    """Registration must not go down with the cache: the attempt is let in, the failure logged."""
    rate_limits(registration="1/h/ip")
    settings.CACHES = {
        **settings.CACHES,
        "broken": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/proc/no/cache",
        },
    }
    settings.RATE_LIMIT_CACHE = "broken"

    statuses = [client.post(register_url(edition), person(edition, n)).status_code for n in range(2)]

    assert statuses == [302, 302]
    assert "Rate limit 'registration' not counted" in caplog.text
