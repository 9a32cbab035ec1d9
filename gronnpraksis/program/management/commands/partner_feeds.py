import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import translation

from gronnpraksis.program.partners import FETCH_EVERY, WORKER_SECONDS, import_due_feeds


class Command(BaseCommand):
    help = (
        "Fetch the partner programmes' calendar feeds that are due: never fetched, or fetched an hour ago "
        "(editions that have not ended). A failed fetch is recorded and keeps the last good events."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--loop", action="store_true", help="Keep running as a worker until stopped.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between rounds with --loop (default 60)."
        )
        parser.add_argument(
            "--every",
            type=float,
            default=FETCH_EVERY.total_seconds(),
            help="Seconds after which a feed is fetched again (default 3600).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=WORKER_SECONDS,
            help=f"Seconds a fetch may take (default {WORKER_SECONDS:g}).",
        )

    def handle(self, *args, loop: bool, interval: float, every: float, timeout: float, **options):  # type: ignore[no-untyped-def]
        # Errors are stored for the organisers in the site's default language.
        translation.activate(settings.LANGUAGE_CODE)
        while True:
            try:
                results = import_due_feeds(every=datetime.timedelta(seconds=every), seconds=timeout)
            except Exception as error:  # a worker outlives a database hiccup; a single run reports it
                if not loop:
                    raise
                self.stderr.write(f"partner_feeds: {type(error).__name__}: {error}")
                results = []
            for programme, result in results:
                if result.error:
                    self.stderr.write(
                        f"partner_feeds: {programme.edition.slug}/{programme.name}: {result.error}"
                    )
                else:
                    self.stdout.write(
                        f"partner_feeds: {programme.edition.slug}/{programme.name}: {result.created} new, "
                        f"{result.updated} changed, {result.deleted} removed, {result.skipped} left out"
                    )
            if not loop:
                return
            time.sleep(interval)
            close_old_connections()
