from django import template

from gronnpraksis.registrations.models import Registration, Status

from .. import attendance

register = template.Library()


@register.inclusion_tag("arena/ticket_section.html")
def checkin_ticket(registration: Registration) -> dict:
    """The manage page's ticket: the QR code to show at the door, the PDF ticket, and the certificate
    once the person has attended."""
    confirmed = registration.status == Status.CONFIRMED
    return {
        "registration": registration,
        "edition": registration.edition,
        "confirmed": confirmed,
        "has_certificate": confirmed and attendance.certificate_for(registration) is not None,
    }
