"""All background work of the platform as one list of passes, run by `manage.py worker`.

A pass is a callable that does what is due now and yields lines for the log; the worker runs each
pass every `every` seconds. Like `urls.py` this module sits above the apps and may import any of
them. Every pass is safe with several workers at once: what it works on is claimed first (a
conditional UPDATE, see docs/architecture.md, "Background work"), or changing it twice changes
nothing. To add background work, append a `Pass` to `PASSES`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pass:
    name: str
    run: Callable[[], Iterable[str]]
    every: float  # seconds between the start of one run and the next


def mail_outbox() -> Iterable[str]:
    """The outbox (leased rows) and the prize's newly public nominees (claimed rounds)."""
    from gronnpraksis.mail.management.commands.mail_worker import run_pass

    return run_pass()


def partner_feeds() -> Iterable[str]:
    """The partner programmes' calendar feeds that are due (claimed programmes)."""
    from gronnpraksis.program.management.commands.partner_feeds import run_pass

    return (line for _is_error, line in run_pass())


def daily_jobs() -> Iterable[str]:
    """The retention jobs (health data, old registrations, sent mail), each claimed once per day."""
    from gronnpraksis.privacy.jobs import run_daily_jobs

    return (f"{run.job}: {run.counts}" for run in run_daily_jobs())


def secret_mail() -> Iterable[str]:
    """Sent mails that carried a login code or a personal link, once old enough (idempotent)."""
    from gronnpraksis.mail.management.commands.mail_worker import run_secret_mail_purge

    return run_secret_mail_purge()


PASSES: list[Pass] = [
    Pass("mail", mail_outbox, every=2.0),
    Pass("partner_feeds", partner_feeds, every=60.0),
    # The daily jobs are looked at every ten minutes; each runs once a day, however many workers run.
    Pass("daily_jobs", daily_jobs, every=10 * 60.0),
    Pass("secret_mail", secret_mail, every=float(settings.MAIL_PURGE_INTERVAL_SECONDS)),
]


def _check_connections() -> None:
    """Close database connections that are broken or past DB_CONN_MAX_AGE (the next query opens a fresh
    one), as Django does around each request; never one inside a transaction (a caller's, or a test's)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def run(
    passes: Sequence[Pass] = PASSES,
    *,
    once: bool = False,
    tick: float = 1.0,
    write: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Run the passes, each when it is due, until `stop` is set (or after one round with `once`).

    A pass that fails is logged and tried again at its next turn, so a database restart or a broken
    feed does not stop the other work; with `once` the error is raised. Database connections are
    checked between passes (a worker outlives PostgreSQL restarts).
    """
    stop = stop or threading.Event()
    next_run = {job.name: 0.0 for job in passes}
    while not stop.is_set():
        for job in passes:
            if stop.is_set() or time.monotonic() < next_run[job.name]:
                continue
            _check_connections()
            try:
                for line in job.run():
                    write(f"worker: {job.name}: {line}")
            except Exception:
                if once:
                    raise
                logger.exception("worker: pass %s failed; trying again at its next turn", job.name)
            finally:
                _check_connections()
            next_run[job.name] = time.monotonic() + job.every
        if once:
            return
        stop.wait(tick)
