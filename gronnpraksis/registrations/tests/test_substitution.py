"""Passing a registration on to a colleague of the same organisation through the manage link."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from gronnpraksis.arena.services import pass_for
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program.models import AgendaStar, ProgramItem
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import RegistrationError, cancel_registration
from gronnpraksis.registrations.substitution import transfer_registration
from tests.factories import register_person

pytestmark = pytest.mark.django_db

COLLEAGUE = {"name": "Per Kollega", "email": "Per.Kollega@example.no", "colleague": "on"}


def manage_url(registration: Registration, token: str | None = None) -> str:
    return f"/{registration.edition.slug}/pamelding/{token or registration.manage_token}/"


def transfer_url(registration: Registration) -> str:
    return manage_url(registration) + "overfor/"


def employee(edition: Edition, **overrides: object) -> Registration:
    values: dict[str, object] = {
        "organisation_number": "963296746",
        "phone": "+47 912 34 567",
        "dietary_needs": "Nøtteallergi",
        "news_opt_in": True,
    }
    values.update(overrides)
    return register_person(edition, **values)


def test_transfer_moves_the_registration_and_mails_both(client: Client, edition: Edition) -> None:
    registration = employee(edition)
    old_token, old_secret = registration.manage_token, pass_for(registration).secret
    OutboxMail.objects.all().delete()

    response = client.post(transfer_url(registration), COLLEAGUE)

    assert response.status_code == 302
    moved = Registration.objects.get(pk=registration.pk)
    assert (moved.name, moved.email, moved.status) == (
        "Per Kollega",
        "per.kollega@example.no",
        Status.CONFIRMED,
    )
    assert (moved.phone, moved.dietary_needs, moved.news_opt_in, moved.news_consent_at) == (
        "",
        "",
        False,
        None,
    )
    assert moved.organisation_number == "963296746"
    assert moved.manage_token != old_token and moved.idempotency_key is None
    assert pass_for(moved).secret != old_secret  # the previous person's ticket no longer opens the door
    assert client.get(manage_url(moved, old_token)).status_code == 404
    assert client.get(manage_url(moved)).status_code == 200
    farewell = OutboxMail.objects.get(to="kari.nordmann@example.no")
    welcome = OutboxMail.objects.get(to="per.kollega@example.no")
    assert (farewell.template, welcome.template) == (
        "registration_transferred_from",
        "registration_transferred_to",
    )
    assert moved.manage_token in welcome.body_text and welcome.carries_secret
    assert old_token not in farewell.body_text and moved.manage_token not in farewell.body_text
    assert "Per Kollega" in farewell.body_text


def test_address_already_registered_is_refused_and_the_form_keeps_it(
    client: Client, edition: Edition
) -> None:
    registration = employee(edition)
    register_person(edition, name="Per Kollega", email="per.kollega@example.no")

    response = client.post(transfer_url(registration), COLLEAGUE)

    assert response.status_code == 200
    assert (
        gettext("%(email)s already has a registration for %(edition)s.")
        % {
            "email": "per.kollega@example.no",
            "edition": edition.name,
        }
        in response.context["form"].non_field_errors()
    )
    assert 'value="Per Kollega"' in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).email == "kari.nordmann@example.no"


def test_cancelled_registration_cannot_be_passed_on(client: Client, edition: Edition) -> None:
    registration = employee(edition)
    cancel_registration(registration=registration)

    response = client.post(transfer_url(registration), COLLEAGUE)

    assert gettext("This registration is cancelled and cannot be passed on.") in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).email == "kari.nordmann@example.no"


def test_registration_of_an_event_that_is_over_cannot_be_passed_on(client: Client, edition: Edition) -> None:
    registration = employee(edition)
    Edition.objects.filter(pk=edition.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        ends_on=timezone.localdate() - datetime.timedelta(days=2),
    )

    response = client.post(transfer_url(registration), COLLEAGUE)

    assert (
        gettext("The event is over; the registration can no longer be passed on.")
        in response.content.decode()
    )
    assert Registration.objects.get(pk=registration.pk).name == "Kari Nordmann"


def test_registration_without_an_organisation_number_cannot_be_passed_on(
    client: Client, edition: Edition
) -> None:
    registration = employee(edition, organisation_number="")
    assert 'overfor/"' not in client.get(manage_url(registration)).content.decode()

    client.post(transfer_url(registration), COLLEAGUE)

    assert Registration.objects.get(pk=registration.pk).name == "Kari Nordmann"


def test_colleague_must_be_confirmed(client: Client, edition: Edition) -> None:
    registration = employee(edition)
    response = client.post(transfer_url(registration), {**COLLEAGUE, "colleague": ""})
    assert "colleague" in response.context["form"].errors
    assert Registration.objects.get(pk=registration.pk).name == "Kari Nordmann"


def test_transfer_forgets_the_previous_persons_agenda(edition: Edition, published: ProgramItem) -> None:
    registration = employee(edition)
    AgendaStar.objects.create(registration=registration, item=published)

    transfer_registration(registration=registration, name="Per Kollega", email="per.kollega@example.no")

    assert not AgendaStar.objects.filter(registration=registration).exists()


def test_service_refuses_a_second_transfer_to_an_address_that_took_one(edition: Edition) -> None:
    first, second = employee(edition), employee(edition, name="Ola", email="ola@example.no")
    transfer_registration(registration=first, name="Per Kollega", email="per.kollega@example.no")

    with pytest.raises(RegistrationError):
        transfer_registration(registration=second, name="Per Kollega", email="PER.kollega@example.no")

    assert Registration.objects.get(pk=second.pk).email == "ola@example.no"
