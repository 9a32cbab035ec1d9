import time
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from gronnpraksis.awards.visibility import index_newly_public_nominees
from gronnpraksis.mail.services import purge_secret_mail, send_due_mails
from gronnpraksis.privacy.jobs import run_daily_jobs

# How often the worker looks whether a daily job (retention) is due; each job runs once a day.
DAILY_JOBS_CHECK_SECONDS = 10 * 60


def run_pass() -> Iterator[str]:
    """One pass of the mail worker: send what is due until nothing is left (another worker's leases
    count as nothing left), then index newly public nominees. Yields lines for the log."""
    total_sent = total_failed = 0
    while True:
        sent, failed = send_due_mails()
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if not sent:
            break
    if total_sent or total_failed:
        yield f"sent {total_sent}, failed {total_failed}"
    if rounds := index_newly_public_nominees():
        yield f"nominees of {rounds} award round(s) indexed"


def run_secret_mail_purge() -> Iterator[str]:
    """Delete sent mails that carried a secret once they are old enough (idempotent)."""
    if purged := purge_secret_mail():
        yield f"purged {purged} mails that carried a secret"


class Command(BaseCommand):
    help = (
        "Send due mails from the outbox, retrying failures with backoff, purge sent mails that carried "
        "a secret, bring the prize's nominees into the bank's index once they are public, and run the "
        "daily retention jobs (once a day, however many workers run). Runs until stopped. "
        "`manage.py worker` does this and all other background work in one process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        next_jobs_check = 0.0
        last_purge = float("-inf")
        while True:
            if time.monotonic() >= next_jobs_check:
                run_daily_jobs()  # logged in JobRun rows; a failing job does not stop the worker
                next_jobs_check = time.monotonic() + DAILY_JOBS_CHECK_SECONDS
            for line in run_pass():
                self.stdout.write(f"mail_worker: {line}")
            if time.monotonic() - last_purge >= settings.MAIL_PURGE_INTERVAL_SECONDS:
                last_purge = time.monotonic()
                for line in run_secret_mail_purge():
                    self.stdout.write(f"mail_worker: {line}")
            if once:
                return
            time.sleep(interval)
