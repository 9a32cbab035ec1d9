"""Who attended, and as what: read by the badges, the certificates and the day's list (reads only)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.contributions.models import Contribution, Contributor, State
from gronnpraksis.editions.models import Edition, EditionDay, TeamMember, TeamRole
from gronnpraksis.registrations.models import Registration, Status

from .models import Scan, ScanResult
from .pdfs import Attendance, Badge

PROGRAMME_STATES = (State.ACCEPTED, State.CONFIRMED)


def attended_days(registration: Registration) -> list[EditionDay]:
    """The days the person was checked in; a check-in set outside the scan log (the admin) counts as the
    registration's days."""
    ids = Scan.objects.filter(registration=registration, result=ScanResult.CHECKED_IN).values("day_id")
    days = list(EditionDay.objects.filter(pk__in=ids).select_related("edition"))
    if not days and registration.checked_in_at is not None:
        days = list(registration.days.select_related("edition"))
    return days


def _contributed_titles(registration: Registration) -> list[str]:
    by_address = Contributor.objects.filter(email__iexact=registration.email).values("contribution_id")
    return list(
        Contribution.objects.filter(edition=registration.edition, state__in=PROGRAMME_STATES)
        .filter(Q(registration=registration) | Q(pk__in=by_address))
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()
    )


def event_is_over(edition: Edition) -> bool:
    days = list(edition.days.all())
    return bool(days) and timezone.now() >= max(day.end for day in days)


def certificate_for(registration: Registration) -> Attendance | None:
    """What the attendance certificate says, or None while there is none to give (not checked in, cancelled,
    anonymised, or the event not over)."""
    if registration.status != Status.CONFIRMED or registration.anonymised_at is not None:
        return None
    if not event_is_over(registration.edition):
        return None
    days = attended_days(registration)
    if not days:
        return None
    hours = sum((day.end - day.start).total_seconds() for day in days) / 3600
    return Attendance(registration, days, hours, _contributed_titles(registration))


def badge_roles(edition: Edition) -> dict[str, str]:
    """Lower-cased address → the role a badge names other than participant (organiser before jury before
    speaker), in three queries."""
    roles: dict[str, str] = {}
    speakers = Contributor.objects.filter(
        contribution__edition=edition, contribution__state__in=PROGRAMME_STATES
    ).values_list("email", flat=True)
    for email in speakers:
        roles[email.lower()] = _("Speaker")
    team = TeamMember.objects.filter(edition=edition, role__in=[TeamRole.JUROR, TeamRole.ORGANISER])
    for email, role in team.order_by("role").values_list("user__email", "role"):
        roles[email.lower()] = _("Organiser") if role == TeamRole.ORGANISER else _("Jury")
    return roles


def badges_for(edition: Edition, registrations: list[Registration]) -> list[Badge]:
    roles = badge_roles(edition)
    return [
        Badge(
            name=r.name,
            organisation=r.organisation_name,
            municipality=r.municipality.name,
            role=roles.get(r.email.lower(), _("Participant")),
        )
        for r in registrations
    ]
