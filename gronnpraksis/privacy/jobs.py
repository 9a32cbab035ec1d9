"""Retention that runs by itself: the daily jobs, run by the mail worker that is always running.

Each job runs once per local day however many workers there are: a worker claims the day with a
conditional UPDATE on the job's `DailyJob` row (`last_run_on < today`), which exactly one of them wins,
on SQLite and PostgreSQL alike. Every run is logged as a `JobRun` row (started, finished, counts).
The periods come from the settings the privacy statement is rendered from (`core.privacy_statement`).
"""

import datetime
import logging
from collections.abc import Callable, Iterator

from django.db.models import Q
from django.utils import timezone

from gronnpraksis.core.privacy_statement import retention_periods
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail, OutboxStatus
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.personal_data import purge_health_data as purge_edition_health_data

from .erasure import anonymise_registrations
from .models import DailyJob, JobRun

logger = logging.getLogger(__name__)


def purge_health_data(*, now: datetime.datetime, days: int | None = None) -> dict[str, int]:
    """Delete dietary and accessibility needs of editions whose last day is `days` days past."""
    days = retention_periods().health_data_days if days is None else days
    cutoff = timezone.localdate(now) - datetime.timedelta(days=days)
    changed = sum(
        purge_edition_health_data(edition=edition) for edition in Edition.objects.filter(ends_on__lte=cutoff)
    )
    return {"registrations": changed}


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def anonymise_old_registrations(*, now: datetime.datetime) -> dict[str, int]:
    """Anonymise the registrations of editions that ended more than the retention period ago."""
    cutoff = years_before(timezone.localdate(now), retention_periods().registration_years)
    old = Registration.objects.filter(edition__ends_on__lt=cutoff)
    return {"registrations": anonymise_registrations(old)}


def purge_outbox(*, now: datetime.datetime) -> dict[str, int]:
    """Delete sent mails older than the retention period (their bodies hold personal data)."""
    cutoff = now - datetime.timedelta(days=retention_periods().outbox_days)
    deleted, _ = OutboxMail.objects.filter(status=OutboxStatus.SENT, sent_at__lt=cutoff).delete()
    return {"mails": deleted}


JOBS: dict[str, Callable[..., dict[str, int]]] = {
    "purge_health_data": purge_health_data,
    "anonymise_registrations": anonymise_old_registrations,
    "purge_outbox": purge_outbox,
}


def claim(job: str, day: datetime.date) -> bool:
    """Whether this caller may run `job` for `day`: True for exactly one caller per job and day."""
    DailyJob.objects.get_or_create(name=job)
    return bool(
        DailyJob.objects.filter(name=job)
        .filter(Q(last_run_on__isnull=True) | Q(last_run_on__lt=day))
        .update(last_run_on=day)
    )


def daily_jobs_pass() -> Iterator[str]:
    """The worker's pass (registered in `PrivacyConfig.ready()`): the jobs due today, a line for each run."""
    for run in run_daily_jobs():
        yield f"{run.job}: {run.counts}"


def run_daily_jobs(*, now: datetime.datetime | None = None) -> list[JobRun]:
    """Run each daily job not yet run today (local time). Returns the runs this call made.

    A failing job is logged (in its `JobRun.error` and the log) and does not stop the others; it runs
    again the next day.
    """
    now = now or timezone.now()
    day = timezone.localdate(now)
    runs = []
    for name, job in JOBS.items():
        if not claim(name, day):
            continue
        run = JobRun.objects.create(job=name, day=day, started_at=timezone.now())
        try:
            run.counts = job(now=now)
        except Exception as error:  # a job's failure must not stop the mail worker
            logger.exception("daily job %s failed", name)
            run.error = repr(error)
            run.save(update_fields=["error"])
        else:
            run.finished_at = timezone.now()
            run.save(update_fields=["counts", "finished_at"])
            logger.info("daily job %s: %s", name, run.counts)
        runs.append(run)
    return runs
