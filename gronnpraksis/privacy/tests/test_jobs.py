"""The daily retention jobs: run by the mail worker, once a day however many workers, each run logged."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from gronnpraksis.mail.models import OutboxMail, OutboxStatus
from gronnpraksis.privacy import jobs
from gronnpraksis.privacy.models import JobRun
from gronnpraksis.registrations.models import Registration
from tests.burst.threads import gather_together
from tests.factories import EditionFactory, register_person

from .conftest import make_past

DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 3) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def ended(db):
    """An edition whose last day was yesterday, with health data in a registration."""
    edition = EditionFactory(slug="gpferdig")
    registration = register_person(edition, email="kari@example.no", dietary_needs="Glutenfri")
    make_past(edition, days_ago=1)
    return edition, registration


@pytest.mark.django_db
def test_health_data_is_removed_the_configured_number_of_days_after_the_edition(settings, ended):
    _edition, registration = ended
    settings.HEALTH_DATA_RETENTION_DAYS = 3
    today = timezone.localdate()

    assert jobs.purge_health_data(now=at(today + DAY)) == {"registrations": 0}  # 2 days after
    registration.refresh_from_db()
    assert registration.dietary_needs == "Glutenfri"

    assert jobs.purge_health_data(now=at(today + 2 * DAY)) == {"registrations": 1}  # 3 days after
    registration.refresh_from_db()
    assert registration.dietary_needs == "" and registration.name  # only the health data


@pytest.mark.django_db
def test_registrations_are_anonymised_after_the_retention_period(settings, ended, participant):
    edition, registration = ended
    settings.REGISTRATION_RETENTION_YEARS = 3
    last_day = edition.ends_on

    day_before = jobs.anonymise_old_registrations(now=at(jobs.years_before(last_day, -3)))
    assert day_before == {"registrations": 0}
    assert jobs.anonymise_old_registrations(now=at(jobs.years_before(last_day, -3) + DAY)) == {
        "registrations": 1
    }

    registration.refresh_from_db()
    assert (registration.name, registration.email) == ("", "")
    assert registration.anonymised_at is not None
    participant.refresh_from_db()  # a later edition is untouched
    assert participant.email == "kari.nordmann@example.no"
    # Already anonymised rows are not counted again.
    later = at(jobs.years_before(last_day, -3) + 10 * DAY)
    assert jobs.anonymise_old_registrations(now=later) == {"registrations": 0}
    # A row written to again (the demo seeded once more) is anonymised again.
    Registration.objects.filter(pk=registration.pk).update(name="Kari Igjen", email="kari@example.no")
    assert jobs.anonymise_old_registrations(now=later) == {"registrations": 1}


@pytest.mark.django_db
def test_sent_mail_is_purged_after_the_retention_period(settings, participant):
    settings.OUTBOX_RETENTION_DAYS = 30
    now = timezone.now()
    OutboxMail.objects.all().delete()
    old = OutboxMail.objects.create(
        to="a@example.no", subject="Gammel", body_text="-", next_attempt_at=now, status=OutboxStatus.SENT
    )
    recent = OutboxMail.objects.create(
        to="b@example.no", subject="Ny", body_text="-", next_attempt_at=now, status=OutboxStatus.SENT
    )
    pending = OutboxMail.objects.create(
        to="c@example.no", subject="Venter", body_text="-", next_attempt_at=now
    )
    OutboxMail.objects.filter(pk=old.pk).update(sent_at=now - 31 * DAY)
    OutboxMail.objects.filter(pk=recent.pk).update(sent_at=now - 29 * DAY)

    assert jobs.purge_outbox(now=now) == {"mails": 1}
    assert set(OutboxMail.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}


@pytest.mark.django_db
def test_each_job_runs_once_a_day_and_every_run_is_logged(ended):
    today = timezone.localdate()

    first = jobs.run_daily_jobs(now=at(today))
    again = jobs.run_daily_jobs(now=at(today, hour=20))
    tomorrow = jobs.run_daily_jobs(now=at(today + DAY))

    assert [run.job for run in first] == ["purge_health_data", "anonymise_registrations", "purge_outbox"]
    assert again == []
    assert len(tomorrow) == 3
    run = JobRun.objects.filter(job="purge_health_data").order_by("started_at").first()
    assert run is not None and run.finished_at is not None
    assert run.counts == {"registrations": 1} and run.finished_at >= run.started_at and run.error == ""
    assert JobRun.objects.count() == 6


@pytest.mark.django_db
def test_two_workers_claiming_the_same_day_run_the_job_once(db):
    day = timezone.localdate()

    assert jobs.claim("purge_outbox", day) is True
    assert jobs.claim("purge_outbox", day) is False
    assert jobs.claim("purge_outbox", day - DAY) is False  # a worker with a stale clock
    assert jobs.claim("purge_outbox", day + DAY) is True


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_run_each_job_once(db):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("threads need a shared database; run on PostgreSQL or a file database")
    day = timezone.localdate()
    won = gather_together(lambda _: jobs.claim("purge_outbox", day), range(4))
    assert sorted(won) == [False, False, False, True]


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_does_not_stop_the_others(monkeypatch, ended):
    def broken(*, now):
        raise RuntimeError("disk full")

    monkeypatch.setitem(jobs.JOBS, "purge_health_data", broken)

    runs = jobs.run_daily_jobs(now=timezone.now())

    assert [(r.job, r.finished_at is None) for r in runs] == [
        ("purge_health_data", True),
        ("anonymise_registrations", False),
        ("purge_outbox", False),
    ]
    assert "disk full" in runs[0].error


@pytest.mark.django_db
def test_the_worker_runs_the_daily_jobs(ended):
    _edition, registration = ended

    call_command("worker", "--once", "--only", "daily_jobs")
    call_command("worker", "--once", "--only", "daily_jobs")

    registration.refresh_from_db()
    assert registration.dietary_needs == ""
    assert JobRun.objects.filter(job="purge_health_data").count() == 1


@pytest.mark.django_db
def test_the_commands_still_work(ended, capsys):
    _edition, registration = ended

    call_command("purge_health_data", "--days", "5")
    registration.refresh_from_db()
    assert registration.dietary_needs == "Glutenfri"
    call_command("run_daily_jobs")
    call_command("run_daily_jobs")

    registration.refresh_from_db()
    assert registration.dietary_needs == ""
    out = capsys.readouterr().out
    assert "purge_health_data: {'registrations': 1}" in out
    assert "Every daily job has already run today." in out
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0
