"""The door's view of an edition's registrations for one day (reads only)."""

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gronnpraksis.editions.models import Edition, EditionDay
from gronnpraksis.registrations.models import Registration, Status

from .models import CheckInPass, Scan, ScanResult

SEARCH_LIMIT = 30


def chosen_day(edition: Edition, text: str) -> EditionDay | None:
    """The day asked for (YYYY-MM-DD), else today if it is one of the edition's days, else the first."""
    days = list(edition.days.all())
    if not days:
        return None
    try:
        wanted = datetime.date.fromisoformat(text)
    except ValueError:
        wanted = timezone.localdate(timezone=edition.tz)
    return next((day for day in days if day.date == wanted), days[0])


def secret_digest(secret: str) -> str:
    """What the day's list holds instead of the secret: a phone can match a scanned code offline, and the
    list, if lost, checks nobody in."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class DoorRow:
    registration: Registration
    on_day: bool
    first: Scan | None

    @property
    def flag(self) -> str:
        """ "cancelled", "waitlisted", "checked_in", "wrong_day" or "" (may check in)."""
        status = self.registration.status
        if status == Status.CANCELLED:
            return ScanResult.CANCELLED
        if status == Status.WAITLISTED:
            return ScanResult.WAITLISTED
        if self.first is not None:
            return ScanResult.CHECKED_IN
        return "" if self.on_day else ScanResult.WRONG_DAY


def _rows(day: EditionDay, registrations: list[Registration]) -> list[DoorRow]:
    ids = [r.pk for r in registrations]
    on_day = set(
        Registration.days.through.objects.filter(registration_id__in=ids, editionday_id=day.pk).values_list(
            "registration_id", flat=True
        )
    )
    firsts = {
        scan.registration_id: scan
        for scan in Scan.objects.select_related("staff").filter(
            registration_id__in=ids, day=day, result=ScanResult.CHECKED_IN
        )
    }
    return [DoorRow(r, r.pk in on_day, firsts.get(r.pk)) for r in registrations]


def _base(edition: Edition):  # type: ignore[no-untyped-def]
    return (
        Registration.objects.filter(edition=edition, anonymised_at__isnull=True)
        .select_related("ticket_type", "municipality")
        .prefetch_related("days")
    )


def search(edition: Edition, day: EditionDay, query: str) -> list[DoorRow]:
    """Registrations whose name, organisation or municipality contains the words typed."""
    found = _base(edition)
    for word in query.split()[:5]:
        found = found.filter(
            Q(name__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(municipality__name__icontains=word)
        )
    return _rows(day, list(found.order_by("name")[:SEARCH_LIMIT]))


def row_for(edition: Edition, day: EditionDay, registration: Registration) -> DoorRow:
    return _rows(day, [registration])[0]


def day_rows(edition: Edition, day: EditionDay) -> list[DoorRow]:
    """Everyone not cancelled who is registered for the day, or checked in on it."""
    registrations = (
        _base(edition)
        .exclude(status=Status.CANCELLED)
        .filter(Q(days=day) | Q(scans__day=day, scans__result=ScanResult.CHECKED_IN))
        .distinct()
    )
    return _rows(day, list(registrations))


def day_list_data(edition: Edition, day: EditionDay) -> dict:
    """The day's list for the phone to keep: names, flags, and a digest of each ticket's secret."""
    rows = day_rows(edition, day)
    secrets = dict(
        CheckInPass.objects.filter(registration__in=[r.registration for r in rows]).values_list(
            "registration_id", "secret"
        )
    )
    return {
        "day": day.date.isoformat(),
        "label": day.label,
        "generated_at": timezone.now().isoformat(),
        "people": [
            {
                "id": row.registration.pk,
                "name": row.registration.name,
                "organisation": row.registration.organisation_name,
                "municipality": row.registration.municipality.name,
                "ticket": row.registration.ticket_type.name,
                "flag": row.flag,
                "checked_in_at": row.first.scanned_at.isoformat() if row.first else None,
                "key": secret_digest(secrets[row.registration.pk]) if row.registration.pk in secrets else "",
            }
            for row in rows
        ],
    }
