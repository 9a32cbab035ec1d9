"""Walk-ins: registered at the door through the registration service (quotas hold), checked in at once."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from gronnpraksis.arena.models import Scan, ScanMethod, ScanResult
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration, Status
from tests.factories import UserFactory, limit_day, register_person


@pytest.fixture
def door(edition):
    user = UserFactory(email="dor@example.no")
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.CHECK_IN)
    return user


def walk_in_url(edition):
    return reverse("arena_backoffice:walk_in", kwargs={"edition": edition.slug})


def form(edition, **overrides):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "name": "Per Dørstokk",
        "email": "per@example.no",
        "phone": "",
        "organisation_name": "Lindesnes kommune",
        "organisation_number": "",
        "municipality": "4205",
        "sector": "kommune",
        "role": "fagperson",
        "ticket_type": edition.ticket_types.first().pk,
        "days": [edition.days.first().pk],
        "privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_walk_in_is_registered_and_checked_in_after_the_deadline(client, edition, door):
    Edition.objects.filter(pk=edition.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(door)
    data = form(edition)

    response = client.post(walk_in_url(edition), data)
    again = client.post(walk_in_url(edition), data)  # a double press

    assert response.status_code == again.status_code == 302
    registration = Registration.objects.get(email="per@example.no")
    assert registration.status == Status.CONFIRMED
    assert registration.checked_in_at is not None
    scan = Scan.objects.get()
    assert (scan.method, scan.result, scan.staff) == (ScanMethod.WALK_IN, ScanResult.CHECKED_IN, door)
    assert OutboxMail.objects.filter(to="per@example.no", template="registration_confirmed").count() == 1


@pytest.mark.django_db
def test_a_full_day_puts_the_walk_in_on_the_waitlist_and_not_in(client, edition, door):
    limit_day(edition.days.first(), 1)
    register_person(edition, email="forst@example.no", name="Først Til Mølla")
    client.force_login(door)

    client.post(walk_in_url(edition), form(edition))

    registration = Registration.objects.get(email="per@example.no")
    assert registration.status == Status.WAITLISTED
    assert registration.checked_in_at is None
    assert Scan.objects.get().result == ScanResult.WAITLISTED


@pytest.mark.django_db
def test_a_broken_walk_in_form_comes_back_as_typed(client, edition, door):
    client.force_login(door)

    response = client.post(walk_in_url(edition), form(edition, email="ikke-en-adresse", privacy=""))

    assert response.status_code == 200
    assert "Per Dørstokk" in response.content.decode()
    assert not Registration.objects.exists() and not Scan.objects.exists()


@pytest.mark.django_db
def test_an_address_already_registered_is_a_form_error(client, edition, door, participant):
    client.force_login(door)

    response = client.post(walk_in_url(edition), form(edition, email=participant.email))

    assert response.status_code == 200
    assert Registration.objects.count() == 1
    assert not Scan.objects.exists()


@pytest.mark.django_db
def test_others_cannot_register_at_the_door(client, edition):
    client.force_login(UserFactory(email="ingen@example.no"))

    assert client.post(walk_in_url(edition), form(edition)).status_code == 404
    assert not Registration.objects.exists()
