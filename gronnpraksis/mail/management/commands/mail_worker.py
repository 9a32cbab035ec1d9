import time

from django.conf import settings
from django.core.management.base import BaseCommand

from gronnpraksis.awards.visibility import index_newly_public_nominees
from gronnpraksis.mail.services import purge_secret_mail, send_due_mails
from gronnpraksis.privacy.jobs import run_daily_jobs

# How often the worker looks whether a daily job (retention) is due; each job runs once a day.
DAILY_JOBS_CHECK_SECONDS = 10 * 60


class Command(BaseCommand):
    help = (
        "Send due mails from the outbox, retrying failures with backoff, purge sent mails that carried "
        "a secret, bring the prize's nominees into the bank's index once they are public, and run the "
        "daily retention jobs (once a day, however many workers run). Runs until stopped."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")

    def handle(self, *args, once: bool, interval: float, **options):  # type: ignore[no-untyped-def]
        next_jobs_check = 0.0
        last_purge = float("-inf")
        while True:
            if time.monotonic() >= next_jobs_check:
                run_daily_jobs()  # logged in JobRun rows; a failing job does not stop the worker
                next_jobs_check = time.monotonic() + DAILY_JOBS_CHECK_SECONDS
            sent, failed = send_due_mails()
            if sent or failed:
                self.stdout.write(f"mail_worker: sent {sent}, failed {failed}")
            if rounds := index_newly_public_nominees():
                self.stdout.write(f"mail_worker: nominees of {rounds} award round(s) indexed")
            if time.monotonic() - last_purge >= settings.MAIL_PURGE_INTERVAL_SECONDS:
                purged = purge_secret_mail()
                last_purge = time.monotonic()
                if purged:
                    self.stdout.write(f"mail_worker: purged {purged} mails that carried a secret")
            if once:
                return
            time.sleep(interval)
