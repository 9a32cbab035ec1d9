"""A registration's personal data: what the person can download, the consents they gave, and the
retention jobs that delete what is no longer needed after an edition (health data, network markers).

The functions are typed and keyword-only where they change data; their docstrings name their side effects.
"""

from datetime import date

from gronnpraksis.editions.models import Edition

from .models import Registration


def export_personal_data(registration: Registration) -> dict:
    """Everything stored about the person in this registration, for the "download my data" link."""
    return {
        "edition": registration.edition.name,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "organisation": registration.organisation_name,
        "organisation_number": registration.organisation_number,
        "sector": registration.sector,
        "role": registration.role,
        "municipality": registration.municipality.number,
        "ticket_type": registration.ticket_type.name,
        "days": [day.date.isoformat() for day in registration.days.all()],
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "invoice_reference": registration.invoice_reference,
        "payer_type": registration.payer_type,
        "payer_name": registration.payer_name,
        "payer_address": registration.payer_address,
        "news_opt_in": registration.news_opt_in,
        "privacy_accepted_at": registration.privacy_accepted_at.isoformat(),
        "consents": consents(registration),
        "registered_at": registration.created_at.isoformat(),
        "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
    }


def _iso(moment: date | None) -> str | None:
    return moment.isoformat() if moment else None


def consents(registration: Registration) -> list[dict]:
    """The consents the person gave with this registration: what, when, withdrawn when, texts' version."""
    found = [
        {
            "consent": "privacy_statement",
            "given_at": _iso(registration.privacy_accepted_at),
            "withdrawn_at": None,
            "text_version": registration.consent_version,
        }
    ]
    if registration.news_consent_at or registration.news_opt_in:
        found.append(
            {
                "consent": "news",
                "given_at": _iso(registration.news_consent_at),
                "withdrawn_at": None if registration.news_opt_in else _iso(registration.news_withdrawn_at),
                "text_version": registration.consent_version,
            }
        )
    if registration.dietary_needs or registration.accessibility_needs:
        found.append(
            {
                "consent": "health_data",
                "given_at": _iso(registration.privacy_accepted_at),
                "withdrawn_at": None,
                "text_version": registration.consent_version,
            }
        )
    return found


def purge_health_data(*, edition: Edition) -> int:
    """Delete dietary and accessibility needs once the edition is over. Returns rows changed."""
    return (
        Registration.objects.filter(edition=edition)
        .exclude(dietary_needs="", accessibility_needs="")
        .update(dietary_needs="", accessibility_needs="")
    )


def forget_network_markers(*, edition: Edition) -> int:
    """Remove the network markers of the edition's registrations once they are no longer needed (the
    vote's result is published). Returns rows changed."""
    return Registration.objects.filter(edition=edition).exclude(network_marker="").update(network_marker="")
