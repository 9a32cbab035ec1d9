"""Shared by the registrations' tests: what the registration form sends, and where."""

from typing import Any

from gronnpraksis.editions.models import Edition

KEY = "7b0c1b8e-9a8e-4a57-9b3e-2f1f6f3c0d11"


def form_data(edition: Edition, **overrides: Any) -> dict[str, Any]:
    ticket_type = edition.ticket_types.first()
    assert ticket_type is not None
    data: dict[str, Any] = {
        "name": "Áile Sara",
        "email": "aile.sara@example.no",
        "phone": "",
        "organisation_name": "Kautokeino kommune",
        "organisation_number": "",
        "sector": "kommune",
        "role": "folkevalgt",
        "municipality": "Guovdageaidnu",
        "ticket_type": str(ticket_type.pk),
        "days": [str(d.pk) for d in edition.days.all()],
        "invoice_reference": "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "privacy": "on",
        "idempotency_key": KEY,
        "website": "",
    }
    data.update(overrides)
    return data


def register_url(edition: Edition) -> str:
    return f"/{edition.slug}/pamelding/"
