"""`record_past_registration`: the archive's registrations (an edition that is over), seats counted as
for the form, no mail."""

import datetime
import uuid
from typing import cast

import pytest
from django.utils import timezone

from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations import services
from gronnpraksis.registrations.models import Registration, Status
from tests.factories import EditionFactory, limit_day, registration_data

REGISTERED = datetime.datetime(2022, 5, 2, 9, 0, tzinfo=datetime.UTC)


def past_edition() -> Edition:
    starts = timezone.localdate() - datetime.timedelta(days=400)
    edition = cast(
        Edition,
        EditionFactory(
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=1),
            phase=Phase.ARCHIVED,
            registration_deadline=REGISTERED,
            contribution_deadline=REGISTERED,
        ),
    )
    return edition


def record(edition: Edition, key: uuid.UUID, email: str) -> Registration:
    return services.record_past_registration(
        edition=edition,
        data=registration_data(edition, email=email),
        idempotency_key=key,
        registered_at=REGISTERED,
    )


@pytest.mark.django_db
def test_a_past_registration_takes_its_seats_and_sends_no_mail() -> None:
    edition = past_edition()
    day1, _day2 = edition.days.order_by("date")
    capacity = limit_day(day1, 5)

    registration = record(edition, uuid.uuid4(), "kari@example.no")

    assert registration.status == Status.CONFIRMED
    assert registration.privacy_accepted_at == REGISTERED
    assert list(registration.seats.values_list("capacity_id", flat=True)) == [capacity.pk]
    capacity.refresh_from_db()
    assert capacity.taken == capacity.seats.count() == 1
    assert not OutboxMail.objects.exists()


@pytest.mark.django_db
def test_the_same_key_returns_the_recorded_row_and_takes_no_second_seat() -> None:
    edition = past_edition()
    capacity = limit_day(edition.days.order_by("date")[0], 5)
    key = uuid.uuid4()

    first = record(edition, key, "kari@example.no")
    again = record(edition, key, "kari@example.no")

    assert again.pk == first.pk
    capacity.refresh_from_db()
    assert capacity.taken == 1


@pytest.mark.django_db
def test_a_full_counter_refuses_and_leaves_nothing_behind() -> None:
    edition = past_edition()
    capacity = limit_day(edition.days.order_by("date")[0], 1)
    record(edition, uuid.uuid4(), "forste@example.no")

    with pytest.raises(services.RegistrationError):
        record(edition, uuid.uuid4(), "andre@example.no")

    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert edition.registrations.count() == 1


@pytest.mark.django_db
def test_an_edition_that_is_not_over_refuses() -> None:
    edition = cast(Edition, EditionFactory())

    with pytest.raises(services.RegistrationError):
        record(edition, uuid.uuid4(), "kari@example.no")

    assert not edition.registrations.exists()
