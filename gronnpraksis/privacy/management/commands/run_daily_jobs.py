from typing import Any

from django.core.management.base import BaseCommand

from gronnpraksis.privacy.jobs import run_daily_jobs


class Command(BaseCommand):
    help = (
        "Run the retention jobs not yet run today (health data, old registrations, sent mail). "
        "The mail worker runs them by itself; this is for running them at once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        runs = run_daily_jobs()
        for run in runs:
            self.stdout.write(f"{run.job}: {run.counts or run.error}")
        if not runs:
            self.stdout.write("Every daily job has already run today.")
