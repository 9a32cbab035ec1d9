"""The numbers behind the organisers' dashboard: a handful of grouped queries, shaped into tables.

Every table is a `Table` (columns and rows) so the page, its charts, and the CSV and XLSX downloads
show the same numbers. The queries group in the database; the few lists they return are summed in
Python (one query groups the registrations by all their mix dimensions at once).
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate, TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.contributions.models import Contribution, Kind
from gronnpraksis.contributions.models import State as ContributionState
from gronnpraksis.editions.models import Edition
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import County
from gronnpraksis.registrations.models import Registration, Role, Status
from gronnpraksis.reviews.models import Review


@dataclass
class Table:
    """One table of the dashboard: a slug for its anchor and download, a heading, columns and rows."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list[object]]
    chart: str = "bars"  # "bars", "line", "map" or "" (a table only)
    note: str = ""
    extra: dict = field(default_factory=dict)


def previous_edition(edition: Edition) -> Edition | None:
    """The edition that started last before this one, for the registration curve."""
    return (
        Edition.objects.filter(starts_on__lt=edition.starts_on, is_demo=edition.is_demo)
        .order_by("-starts_on")
        .first()
    )


def registrations_over_time(edition: Edition, previous: Edition | None) -> Table:
    """Registrations so far (not cancelled) by days before the first day, for this and the previous
    edition, cumulative. One query for both editions."""
    editions = [edition] + ([previous] if previous else [])
    tz = zoneinfo.ZoneInfo(edition.timezone)
    per_day = (
        Registration.objects.filter(edition__in=editions)
        .exclude(status=Status.CANCELLED)
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values_list("edition_id", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    starts = {e.pk: e.starts_on for e in editions}
    for edition_id, day, n in per_day:
        counts[edition_id][(day - starts[edition_id]).days] += n
    # Only the days on which a count changed are rows (the curve is a step between them); this edition's
    # count stops today (empty after), so its line does not run flat into the future.
    today = (timezone.localdate(timezone=tz) - edition.starts_on).days
    offsets = sorted({offset for c in counts.values() for offset in c})
    rows: list[list[object]] = []
    totals = dict.fromkeys(starts, 0)
    for offset in offsets:
        for edition_id in totals:
            totals[edition_id] += counts[edition_id][offset]
        current: object = totals[edition.pk] if offset <= today else ""
        row: list[object] = [-offset, edition.starts_on + datetime.timedelta(days=offset), current]
        if previous:
            row.append(totals[previous.pk])
        rows.append(row)
    columns = [_("Days before the first day"), _("Date"), edition.name]
    if previous:
        columns.append(previous.name)
    deadlines = [
        (_("Registration deadline"), edition.registration_deadline),
        (_("Contribution deadline"), edition.contribution_deadline),
        (_("Nomination deadline"), edition.nomination_deadline),
    ]
    marks = [
        (label, (timezone.localtime(moment, tz).date() - edition.starts_on).days)
        for label, moment in deadlines
        if moment is not None
    ]
    return Table(
        "over-time",
        _("Registrations over time"),
        columns,
        rows,
        chart="line",
        extra={"deadlines": marks},
    )


def _bars(slug: str, title: str, label: str, counts: Iterable[tuple[Any, int]], chart: str = "bars") -> Table:
    return Table(
        slug, title, [label, _("Registrations")], [[str(name), n] for name, n in counts], chart=chart
    )


def registration_mix(edition: Edition) -> list[Table]:
    """Who comes, among registrations that are not cancelled: by sector, role, county, organisation
    type, ticket and day, and how many are confirmed or waiting. Three queries (the mix, the days, the
    counties)."""
    grouped = (
        Registration.objects.filter(edition=edition)
        .exclude(status=Status.CANCELLED)
        .values_list(
            "sector",
            "role",
            "municipality__county__number",
            "organisation__sector",
            "ticket_type__name",
            "status",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    by: list[Counter[Any]] = [Counter() for _i in range(6)]
    for *keys, n in grouped:
        for index, key in enumerate(keys):
            by[index][key] += n
    sectors, roles, counties, org_types, tickets, statuses = by
    days = (
        Registration.days.through.objects.filter(registration__edition=edition, editionday__edition=edition)
        .exclude(registration__status=Status.CANCELLED)
        .values_list("editionday__date", "editionday__label")
        .annotate(n=Count("id"))
        .order_by("editionday__date")
    )
    county_names: dict[str, str] = dict(
        County.objects.filter(valid_to__isnull=True).values_list("number", "short_name")
    )
    sector_names: dict[Any, Any] = dict(Sector.choices)
    role_names: dict[Any, Any] = dict(Role.choices)
    county_table = _bars(
        "county",
        _("By county"),
        _("County"),
        [(county_names.get(str(number), number), n) for number, n in counties.most_common()],
        chart="map",
    )
    county_table.extra["by_number"] = dict(counties)
    county_table.extra["names"] = county_names
    return [
        _bars(
            "status",
            _("Confirmed and waiting"),
            _("Status"),
            [(label, statuses[value]) for value, label in Status.choices if value != Status.CANCELLED],
        ),
        _bars(
            "sector",
            _("By sector"),
            _("Sector"),
            [(sector_names.get(k, k), n) for k, n in sectors.most_common()],
        ),
        _bars(
            "role",
            _("By role"),
            _("Role"),
            [(role_names.get(k, k), n) for k, n in roles.most_common()],
        ),
        county_table,
        _bars(
            "organisation-type",
            _("By organisation type (from the register)"),
            _("Organisation type"),
            [
                (sector_names[k] if k else _("Not linked to a registered organisation"), n)
                for k, n in org_types.most_common()
            ],
        ),
        _bars("ticket", _("By ticket"), _("Ticket"), sorted(tickets.items())),
        _bars("day", _("By day"), _("Day"), [(label or date.isoformat(), n) for date, label, n in days]),
    ]


def contribution_tables(edition: Edition) -> list[Table]:
    """Contributions by kind, theme and state (drafts left out). Two queries."""
    base = Contribution.objects.filter(edition=edition).exclude(state=ContributionState.DRAFT)
    kinds: Counter[str] = Counter()
    states: Counter[str] = Counter()
    for kind, state, n in base.values_list("kind", "state").annotate(n=Count("id")).order_by():
        kinds[kind] += n
        states[state] += n
    theme_counts = (
        Contribution.themes.through.objects.filter(contribution__in=base)
        .values_list("theme__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    themes = sorted(theme_counts, key=lambda row: (-row[1], row[0]))
    label = _("Contributions")
    return [
        Table(
            "kind",
            _("Contributions by kind"),
            [_("Kind"), label],
            [[dict(Kind.choices).get(k, k), n] for k, n in kinds.most_common()],
        ),
        Table("theme", _("Contributions by theme"), [_("Theme"), label], [[name, n] for name, n in themes]),
        Table(
            "state",
            _("Contributions by state"),
            [_("State"), label],
            [[name, states[value]] for value, name in ContributionState.choices if states[value]],
        ),
    ]


def review_progress(edition: Edition) -> Table:
    """Per reviewer: assigned, submitted and still open reviews. One query."""
    rows = (
        Review.objects.filter(contribution__edition=edition)
        .values_list("reviewer__name", "reviewer__email")
        .annotate(
            assigned=Count("id"),
            done=Count("id", filter=Q(submitted_at__isnull=False)),
        )
        .order_by("reviewer__name", "reviewer__email")
    )
    return Table(
        "reviews",
        _("Review progress per reviewer"),
        [_("Reviewer"), _("Submitted"), _("Assigned")],
        [[name or email, done, assigned] for name, email, assigned, done in rows],
        chart="progress",
    )


def on_the_day(edition: Edition) -> list[Table]:
    """Checked in now and by hour, and no-shows by ticket among the confirmed. Two queries."""
    tz = zoneinfo.ZoneInfo(edition.timezone)
    confirmed = Registration.objects.filter(edition=edition, status=Status.CONFIRMED)
    per_ticket = (
        confirmed.values_list("ticket_type__name")
        .annotate(total=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False)))
        .order_by("ticket_type__name")
    )
    by_hour = (
        confirmed.filter(checked_in_at__isnull=False)
        .annotate(hour=TruncHour("checked_in_at", tzinfo=tz))
        .values_list("hour")
        .annotate(n=Count("id"))
        .order_by("hour")
    )
    ticket_rows = [[name, checked_in, total - checked_in, total] for name, total, checked_in in per_ticket]
    checked_in_now = sum(row[1] for row in ticket_rows)
    confirmed_total = sum(row[3] for row in ticket_rows)
    return [
        Table(
            "checked-in-by-hour",
            _("Checked in by hour"),
            [_("Hour"), _("Checked in")],
            [[timezone.localtime(hour, tz).strftime("%Y-%m-%d %H:00"), n] for hour, n in by_hour],
            extra={"checked_in": checked_in_now, "confirmed": confirmed_total},
        ),
        Table(
            "no-shows",
            _("Checked in and not (yet) come, by ticket"),
            [_("Ticket"), _("Checked in"), _("Not checked in"), _("Confirmed")],
            ticket_rows,
            chart="",
        ),
    ]


def dashboard_tables(edition: Edition) -> list[Table]:
    """Every table of the dashboard, in page order (about ten queries, whatever the edition's size)."""
    return [
        registrations_over_time(edition, previous_edition(edition)),
        *registration_mix(edition),
        *contribution_tables(edition),
        review_progress(edition),
        *on_the_day(edition),
    ]
