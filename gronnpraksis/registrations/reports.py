"""Read-only figures about who comes: what organisers look at when they plan an edition."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from gronnpraksis.editions.models import Edition
from gronnpraksis.organisations.models import Sector

from .models import Registration, Role, Status


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class ParticipantMix:
    by_status: list[Row]
    by_sector: list[Row]
    by_role: list[Row]
    by_county: list[Row]
    by_day: list[Row]
    seats: list[tuple[str, int, int]]  # label, taken, limit


def participant_mix(edition: Edition) -> ParticipantMix:
    """Counts of an edition's registrations by status, and of the active ones by sector, role,
    county and day, plus every seat counter. A fixed number of queries."""
    registrations = Registration.objects.filter(edition=edition)
    active = registrations.active()
    status_labels = dict(Status.choices)
    sector_labels = dict(Sector.choices)
    role_labels = dict(Role.choices)
    return ParticipantMix(
        by_status=_rows(registrations, "status", status_labels),
        by_sector=_rows(active, "sector", sector_labels),
        by_role=_rows(active, "role", role_labels),
        by_county=_rows(active, "municipality__county__short_name"),
        by_day=_rows(active, "days__label"),
        seats=[(c.label, c.taken, c.limit) for c in edition.capacities.all()],
    )


def _rows(
    queryset: QuerySet[Registration], field: str, labels: Mapping[str, object] | None = None
) -> list[Row]:
    counts = queryset.values(field).annotate(n=Count("id", distinct=True)).order_by("-n", field)
    return [Row(str((labels or {}).get(row[field], row[field] or "–")), row["n"]) for row in counts]
