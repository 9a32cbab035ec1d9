from django import template
from django.urls import reverse

from gronnpraksis.registrations.models import Registration, Status

from .. import attendance

register = template.Library()


@register.inclusion_tag("arena/ticket_section.html", takes_context=True)
def checkin_ticket(context: template.Context, registration: Registration) -> dict:
    """The manage page's ticket: the QR code to show at the door, the PDF ticket, and the certificate
    once the person has attended (to download, or to have its link mailed)."""
    confirmed = registration.status == Status.CONFIRMED
    return {
        "csrf_token": context.get("csrf_token"),
        "registration": registration,
        "edition": registration.edition,
        "confirmed": confirmed,
        "has_certificate": confirmed and attendance.certificate_for(registration) is not None,
    }


@register.simple_tag
def certificate_url(registration: Registration) -> str:
    """The address of the registration's attendance certificate, or "" while there is none.

    Decided from the row alone (confirmed, checked in, the edition over), so a list of registrations asks
    the database nothing more; the certificate's own page checks the rest."""
    if (
        registration.status != Status.CONFIRMED
        or registration.checked_in_at is None
        or registration.anonymised_at is not None
        or not registration.edition.is_past
    ):
        return ""
    return reverse("arena:certificate", args=[registration.edition.slug, registration.manage_token])
