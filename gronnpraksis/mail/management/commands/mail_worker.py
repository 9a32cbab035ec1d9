import time
from collections.abc import Iterator

from django.core.management.base import BaseCommand

from gronnpraksis.awards.visibility import index_newly_public_nominees
from gronnpraksis.mail.services import send_due_mails


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


class Command(BaseCommand):
    help = (
        "Send due mails from the outbox, retrying failures with backoff, and bring the prize's nominees "
        "into the bank's index once they are public. Runs until stopped. `manage.py worker` does this "
        "and all other background work in one process."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")

    def handle(self, *args, once: bool, interval: float, **options):  # type: ignore[no-untyped-def]
        while True:
            for line in run_pass():
                self.stdout.write(f"mail_worker: {line}")
            if once:
                return
            time.sleep(interval)
