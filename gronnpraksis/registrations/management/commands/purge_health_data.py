import datetime
from collections.abc import Iterator

from django.core.management.base import BaseCommand
from django.utils import timezone

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.services import purge_health_data


def run_pass(*, days: int = 1) -> Iterator[str]:
    """Delete the health data of editions that ended at least `days` days ago. A conditional update, so
    running it again (or in two workers at once) changes nothing. Yields lines for the log."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    for edition in Edition.objects.filter(ends_on__lte=cutoff):
        if changed := purge_health_data(edition=edition):
            yield f"{edition.slug}: deleted health data from {changed} registrations"


class Command(BaseCommand):
    help = (
        "Delete dietary and accessibility needs of editions that ended at least --days days ago (default 1)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--days", type=int, default=1)

    def handle(self, *args, days: int, **options):  # type: ignore[no-untyped-def]
        for line in run_pass(days=days):
            self.stdout.write(line)
