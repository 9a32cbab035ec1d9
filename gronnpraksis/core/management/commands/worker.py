import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from gronnpraksis.core import worker


class Command(BaseCommand):
    help = (
        "Do all background work in one process: send the outbox, fetch the partner feeds, run the daily "
        "jobs. Several copies may run at once (each job is claimed). Stops cleanly on SIGTERM or Ctrl-C, "
        "after the pass it is in."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="Run every pass once, then stop.")
        parser.add_argument(
            "--only",
            action="append",
            choices=[job.name for job in worker.PASSES],
            help="Run only this pass (may be repeated).",
        )
        parser.add_argument("--tick", type=float, default=1.0, help="Seconds between checks for due passes.")

    def handle(self, *args, once: bool, only: list[str] | None, tick: float, **options):  # type: ignore[no-untyped-def]
        if tick <= 0:
            raise CommandError("--tick must be more than 0.")
        passes = [job for job in worker.PASSES if not only or job.name in only]
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"worker: running {', '.join(job.name for job in passes)}")
        worker.run(passes, once=once, tick=tick, write=self.stdout.write, stop=stop)
        self.stdout.write("worker: stopped")
