from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from gronnpraksis.privacy.jobs import purge_health_data


class Command(BaseCommand):
    help = (
        "Delete dietary and accessibility needs of editions that ended at least --days days ago "
        "(default: HEALTH_DATA_RETENTION_DAYS). The mail worker also does this daily by itself."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--days", type=int, default=settings.HEALTH_DATA_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):  # type: ignore[no-untyped-def]
        counts = purge_health_data(now=timezone.now(), days=days)
        self.stdout.write(f"Deleted health data from {counts['registrations']} registrations")
