"""Check-in at the door: the first scan wins, a second is a flagged duplicate, and every scan is kept."""

import datetime
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from gronnpraksis.arena import services
from gronnpraksis.arena.models import CheckInPass, Scan, ScanMethod, ScanResult
from gronnpraksis.awards.models import AwardRound
from gronnpraksis.awards.voting import eligibility_refusal
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.services import cancel_registration
from tests.burst.threads import gather_together
from tests.factories import UserFactory, ensure_reference_data, register_person


def scan(edition, day, *, secret="", registration=None, staff=None, scan_id=None, device="phone-a", **extra):
    return services.record_scan(
        edition=edition,
        day=day,
        staff=staff,
        scan=services.ScanRequest(
            scan_id=scan_id or uuid.uuid4(),
            method=ScanMethod.QR if secret else ScanMethod.SEARCH,
            secret=secret,
            registration_id=registration.pk if registration else None,
            device=device,
            **extra,
        ),
    )


@pytest.fixture
def day(edition):
    return edition.days.first()


@pytest.mark.django_db
def test_the_first_scan_checks_in_and_a_second_from_another_phone_is_a_duplicate(edition, day, participant):
    secret = services.pass_for(participant).secret
    door_a, door_b = UserFactory(email="a@example.no"), UserFactory(email="b@example.no")

    first = scan(edition, day, secret=secret, staff=door_a, device="phone-a")
    second = scan(edition, day, secret=secret, staff=door_b, device="phone-b")

    assert (first.result, second.result) == (ScanResult.CHECKED_IN, ScanResult.DUPLICATE)
    participant.refresh_from_db()
    assert participant.checked_in_at == first.scanned_at
    first_scan = services.first_check_in(participant, day)
    assert first_scan is not None
    assert first_scan.staff == door_a
    assert Scan.objects.count() == 2  # both kept, nothing overwritten


@pytest.mark.django_db
def test_a_scan_sent_twice_is_stored_once(edition, day, participant):
    secret = services.pass_for(participant).secret
    scan_id = uuid.uuid4()

    first = scan(edition, day, secret=secret, scan_id=scan_id)
    again = scan(edition, day, secret=secret, scan_id=scan_id)

    assert again.pk == first.pk
    assert again.result == ScanResult.CHECKED_IN
    assert Scan.objects.count() == 1


@pytest.mark.django_db
def test_check_in_feeds_the_award_votes_check_in_rule(edition, day, participant):
    award = AwardRound(edition=edition, voters_must_check_in=True)
    assert eligibility_refusal(award, participant) is not None

    scan(edition, day, registration=participant)

    participant.refresh_from_db()
    assert eligibility_refusal(award, participant) is None


@pytest.mark.django_db
def test_flags_wrong_day_cancelled_waitlisted_and_unknown(edition, day, participant, outsider):
    second_day = edition.days.last()
    one_day = register_person(edition, email="en.dag@example.no", name="En Dag", days=[second_day])
    cancel_registration(registration=outsider)
    waiting = register_person(edition, email="venter@example.no", name="Venter Venn")
    Registration.objects.filter(pk=waiting.pk).update(status="waitlisted", waitlisted_at=timezone.now())

    assert scan(edition, day, registration=one_day).result == ScanResult.WRONG_DAY
    assert scan(edition, day, registration=one_day, allow_other_day=True).result == ScanResult.CHECKED_IN
    assert scan(edition, day, registration=outsider).result == ScanResult.CANCELLED
    assert scan(edition, day, registration=waiting).result == ScanResult.WAITLISTED
    assert scan(edition, day, secret="not-a-ticket").result == ScanResult.UNKNOWN
    outsider.refresh_from_db()
    assert outsider.checked_in_at is None


@pytest.mark.django_db
def test_each_day_has_its_own_check_in(edition, day, participant):
    assert scan(edition, day, registration=participant).result == ScanResult.CHECKED_IN
    assert scan(edition, edition.days.last(), registration=participant).result == ScanResult.CHECKED_IN


@pytest.mark.django_db
def test_another_editions_ticket_is_unknown(edition, day, participant):
    from tests.factories import EditionFactory

    other = EditionFactory()
    secret = services.pass_for(participant).secret

    assert scan(other, other.days.first(), secret=secret).result == ScanResult.UNKNOWN


@pytest.mark.django_db
def test_a_rotated_secret_no_longer_checks_in(edition, day, participant):
    old = services.pass_for(participant).secret
    new = services.rotate_pass(registration=participant).secret

    assert old != new
    assert scan(edition, day, secret=old).result == ScanResult.UNKNOWN
    assert scan(edition, day, secret=new).result == ScanResult.CHECKED_IN


@pytest.mark.django_db
def test_a_scan_time_from_the_future_or_long_ago_is_not_believed(edition, day, participant):
    now = timezone.now()
    future = scan(edition, day, registration=participant, scanned_at=now + datetime.timedelta(hours=2))
    assert now <= future.scanned_at <= timezone.now()


@pytest.mark.django_db
def test_missing_passes_are_made_in_one_go(edition, participant, outsider):
    assert services.ensure_passes(edition=edition) == 2
    assert services.ensure_passes(edition=edition) == 0
    assert CheckInPass.objects.count() == 2


def _needs_shared_database() -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("threads need a shared database; run on PostgreSQL or a file database")
    ensure_reference_data()  # an earlier transactional test's flush removed the municipalities


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data_after_module(django_db_setup, django_db_blocker):
    """The transactional tests end with a flush of every table; later tests need the reference data."""
    yield
    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_two_phones_scanning_at_once_give_one_check_in_and_one_duplicate():
    _needs_shared_database()
    from tests.factories import EditionFactory

    edition = EditionFactory()
    day = edition.days.first()
    person = register_person(edition)
    secret = services.pass_for(person).secret

    results = gather_together(
        lambda n: scan(edition, day, secret=secret, device=f"phone-{n}").result, range(6)
    )

    assert sorted(results) == [ScanResult.CHECKED_IN] + [ScanResult.DUPLICATE] * 5
    assert Scan.objects.filter(result=ScanResult.CHECKED_IN).count() == 1


@pytest.mark.django_db(transaction=True)
def test_negative_control_read_then_write_lets_several_phones_win_under_the_same_load():
    """Without the index deciding, "is the person in? no, so check in" lets more than one phone win."""
    _needs_shared_database()
    from tests.factories import EditionFactory

    edition = EditionFactory()
    person = register_person(edition)

    def naive(number: int) -> bool:
        if Registration.objects.get(pk=person.pk).checked_in_at is not None:
            return False
        time.sleep(0.05)  # the rest of the request between reading and writing
        Registration.objects.filter(pk=person.pk).update(checked_in_at=timezone.now())
        return True

    assert sum(gather_together(naive, range(6))) > 1
