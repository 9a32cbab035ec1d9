import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.services import purge_health_data


class Command(BaseCommand):
    help = (
        "Delete dietary and accessibility needs of editions that ended at least --days days ago (default 1)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--days", type=int, default=1)

    def handle(self, *args, days: int, **options):  # type: ignore[no-untyped-def]
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        for edition in Edition.objects.filter(ends_on__lte=cutoff):
            changed = purge_health_data(edition=edition)
            if changed:
                self.stdout.write(f"{edition.slug}: deleted health data from {changed} registrations")
