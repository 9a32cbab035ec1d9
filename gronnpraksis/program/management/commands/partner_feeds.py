import datetime
import time
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import translation

from gronnpraksis.program.partners import FETCH_EVERY, WORKER_SECONDS, import_due_feeds


def run_pass(
    *, every: datetime.timedelta = FETCH_EVERY, seconds: float = WORKER_SECONDS
) -> Iterator[tuple[bool, str]]:
    """One round of the feed worker: import every due feed. Yields (is_error, line) for the log."""
    # Errors are stored (and logged) in the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        lines = []
        for programme, result in import_due_feeds(every=every, seconds=seconds):
            name = f"{programme.edition.slug}/{programme.name}"
            if result.error:
                lines.append((True, f"{name}: {result.error}"))
            else:
                lines.append(
                    (
                        False,
                        f"{name}: {result.created} new, {result.updated} changed, {result.deleted} removed, "
                        f"{result.skipped} left out",
                    )
                )
    yield from lines


class Command(BaseCommand):
    help = (
        "Fetch the partner programmes' calendar feeds that are due: never fetched, or fetched an hour ago "
        "(editions that have not ended). A failed fetch is recorded and keeps the last good events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
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

    def handle(
        self, *args: Any, loop: bool, interval: float, every: float, timeout: float, **options: Any
    ) -> None:
        while True:
            try:
                for is_error, line in run_pass(every=datetime.timedelta(seconds=every), seconds=timeout):
                    (self.stderr if is_error else self.stdout).write(f"partner_feeds: {line}")
            except Exception as error:  # a worker outlives a database hiccup; a single run reports it
                if not loop:
                    raise
                self.stderr.write(f"partner_feeds: {type(error).__name__}: {error}")
            if not loop:
                return
            time.sleep(interval)
            close_old_connections()
