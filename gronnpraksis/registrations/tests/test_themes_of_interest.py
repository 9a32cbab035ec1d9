"""Themes of interest marked when registering: optional, stored with the registration."""

import pytest
from django.test import Client

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration
from tests.factories import theme


def form_data(edition: Edition, **overrides: object) -> dict[str, object]:
    return {
        "name": "Kari Nordmann",
        "email": "kari.nordmann@example.no",
        "phone": "",
        "organisation_name": "Kristiansand kommune",
        "organisation_number": "",
        "sector": "kommune",
        "role": "fagperson",
        "municipality": "Kristiansand (4204)",
        "ticket_type": edition.ticket_types.get().pk,
        "days": [d.pk for d in edition.days.all()],
        "dietary_needs": "",
        "accessibility_needs": "",
        "invoice_reference": "",
        "privacy": "on",
        "idempotency_key": "0d5c2b8e-1a8e-4a57-9b3e-2f1f6f3c0d22",
        "website": "",
        **overrides,
    }


@pytest.mark.django_db
def test_the_themes_ticked_when_registering_are_stored(client: Client, edition: Edition) -> None:
    page = client.get(f"/{edition.slug}/pamelding/").content.decode()
    assert f'name="themes" value="{theme("mat").pk}"' in page

    response = client.post(f"/{edition.slug}/pamelding/", form_data(edition, themes=[theme("mat").pk]))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Registration.objects.get().themes.values_list("slug", flat=True)) == ["mat"]


@pytest.mark.django_db
def test_themes_are_optional(client: Client, edition: Edition) -> None:
    response = client.post(f"/{edition.slug}/pamelding/", form_data(edition))

    assert response.status_code == 302
    assert not Registration.objects.get().themes.exists()
