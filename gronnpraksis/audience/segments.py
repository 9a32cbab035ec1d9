"""A segment: the group of registrations a group mail goes to, defined by the organiser's choices.

A definition is a plain dict of lists of codes and ids (JSON, stored with each sent mail), so the same
segment can be shown, counted and sent, and read back later. Empty choices mean "everyone".
"""

import datetime
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from gronnpraksis.contributions.models import Contributor, Kind
from gronnpraksis.contributions.models import State as ContributionState
from gronnpraksis.editions.models import Edition
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import County
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.registrations.models import Registration, RegistrationQuerySet, Role, Status

from .models import MailKind

# The keys of a definition, each a list (checked_in is "", "yes" or "no").
LIST_KEYS = ("status", "tickets", "days", "roles", "sectors", "counties", "contributor_kinds", "speaker_days")


def _contributor_emails(**filters: Any) -> Any:
    """The lowercased addresses of contributors matching `filters`, as a subquery."""
    return (
        Contributor.objects.filter(**filters)
        .exclude(contribution__state__in=[ContributionState.DRAFT, ContributionState.WITHDRAWN])
        .annotate(address=Lower("email"))
        .values("address")
    )


def _speaker_day_filter(edition: Edition, day_ids: list[int]) -> Q:
    """Contributors of items on these days (in the edition's time zone), cancelled items left out."""
    spans = Q()
    for date in edition.days.filter(pk__in=day_ids).values_list("date", flat=True):
        start = datetime.datetime.combine(date, datetime.time(), tzinfo=edition.tz)
        spans |= Q(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))
    if not spans:
        return Q(pk__in=[])
    contributions = ProgramItem.objects.filter(
        spans, edition=edition, is_cancelled=False, contribution__isnull=False
    ).values("contribution_id")
    return Q(email_lower__in=_contributor_emails(contribution__in=contributions))


def members(edition: Edition, definition: dict[str, Any]) -> RegistrationQuerySet:
    """Every registration of the edition in the segment, whatever the mail's kind (see `recipients`)."""
    qs = Registration.objects.filter(edition=edition).exclude(email="").annotate(email_lower=Lower("email"))
    statuses = definition.get("status") or [Status.CONFIRMED, Status.WAITLISTED]
    qs = qs.filter(status__in=statuses)
    if definition.get("tickets"):
        qs = qs.filter(ticket_type__in=definition["tickets"])
    if definition.get("days"):
        qs = qs.filter(
            pk__in=Registration.days.through.objects.filter(editionday__in=definition["days"]).values(
                "registration_id"
            )
        )
    if definition.get("roles"):
        qs = qs.filter(role__in=definition["roles"])
    if definition.get("sectors"):
        qs = qs.filter(sector__in=definition["sectors"])
    if definition.get("counties"):
        qs = qs.filter(municipality__county__number__in=definition["counties"])
    if definition.get("contributor_kinds"):
        qs = qs.filter(
            email_lower__in=_contributor_emails(
                contribution__edition=edition, contribution__kind__in=definition["contributor_kinds"]
            )
        )
    if definition.get("checked_in") == "yes":
        qs = qs.filter(checked_in_at__isnull=False)
    elif definition.get("checked_in") == "no":
        qs = qs.filter(checked_in_at__isnull=True)
    if definition.get("speaker_days"):
        qs = qs.filter(_speaker_day_filter(edition, definition["speaker_days"]))
    return qs


def recipients(edition: Edition, definition: dict[str, Any], kind: str) -> RegistrationQuerySet:
    """The registrations a mail of `kind` reaches: everyone in the segment for a mail about their
    registration, only those who want news (`news_opt_in`) for anything else."""
    qs = members(edition, definition)
    if kind != MailKind.REGISTRATION:
        qs = qs.filter(news_opt_in=True)
    return qs.order_by("id")


def _labels(choices: Any) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices}


def describe(edition: Edition, definition: dict[str, Any]) -> str:
    """The segment in words, as the organiser chose it (stored with the sent mail)."""
    names: dict[str, dict[str, str]] = {
        "status": _labels(Status.choices),
        "tickets": {str(pk): name for pk, name in edition.ticket_types.values_list("pk", "name")},
        "days": {
            str(pk): label or str(date) for pk, date, label in edition.days.values_list("pk", "date", "label")
        },
        "roles": _labels(Role.choices),
        "sectors": _labels(Sector.choices),
        "counties": _labels(County.objects.values_list("number", "short_name")),
        "contributor_kinds": _labels(Kind.choices),
    }
    names["speaker_days"] = names["days"]
    headings = {
        "status": _("Status"),
        "tickets": _("Ticket"),
        "days": _("Day"),
        "roles": _("Role"),
        "sectors": _("Sector"),
        "counties": _("County"),
        "contributor_kinds": _("Contributors of the kind"),
        "speaker_days": _("Speakers on"),
    }
    parts = []
    for key in LIST_KEYS:
        values = definition.get(key) or ([Status.CONFIRMED, Status.WAITLISTED] if key == "status" else [])
        if values:
            parts.append(f"{headings[key]}: " + ", ".join(str(names[key].get(str(v), v)) for v in values))
    if definition.get("checked_in") == "yes":
        parts.append(_("Checked in"))
    elif definition.get("checked_in") == "no":
        parts.append(_("Not checked in"))
    return "; ".join(parts)
