"""The "new invoice" page fills an organisation's legal name and postal address from the local copy
of Enhetsregisteret (no network call); the organiser may change them, and they go on the invoice."""

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.billing.models import Invoice
from gronnpraksis.organisations.models import RegisterEntry

from .helpers import billed_edition, people

pytestmark = pytest.mark.django_db

KEY = "org-963296746"


def register_kommune() -> None:
    RegisterEntry.objects.create(
        number="963296746",
        name="KRISTIANSAND KOMMUNE (TEST)",
        form="KOMM",
        street="Postboks 417 Lund",
        postcode="4604",
        city="KRISTIANSAND S",
        municipality_number="4204",
    )


def test_name_and_address_come_from_the_register_and_go_on_the_invoice(
    client: Client, organiser: User
) -> None:
    edition = billed_edition()
    register_kommune()
    people(
        edition, 2, organisation_number="963296746", organisation_name="krs kommune", invoice_reference="k1"
    )
    client.force_login(organiser)
    path = f"/en/arrangor/{edition.slug}/fakturaer/ny/"

    page = client.get(path).content.decode()

    assert 'value="KRISTIANSAND KOMMUNE (TEST)"' in page
    assert 'value="Postboks 417 Lund"' in page and 'value="4604"' in page and 'value="KRISTIANSAND S"' in page
    assert "Enhetsregisteret" in page
    response = client.post(
        path,
        {
            "payer": KEY,
            f"{KEY}-reference": "k1",
            f"{KEY}-name": "Kristiansand kommune, klimaseksjonen",  # the organiser's own change
            f"{KEY}-address": "Postboks 417 Lund",
            f"{KEY}-postcode": "4604",
            f"{KEY}-city": "KRISTIANSAND S",
            f"{KEY}-country": "no",
        },
    )
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert (
        invoice.buyer_name,
        invoice.buyer_address,
        invoice.buyer_postcode,
        invoice.buyer_city,
        invoice.buyer_country,
    ) == ("Kristiansand kommune, klimaseksjonen", "Postboks 417 Lund", "4604", "KRISTIANSAND S", "NO")


def test_a_number_not_in_the_register_says_so_and_keeps_what_was_typed(
    client: Client, organiser: User
) -> None:
    edition = billed_edition()
    people(edition, 1, organisation_number="963296746", organisation_name="Kristiansand kommune")
    client.force_login(organiser)
    path = f"/en/arrangor/{edition.slug}/fakturaer/ny/"

    page = client.get(path).content.decode()

    assert "963296746 was not found" in page
    assert 'value="Kristiansand kommune"' in page  # the name the participant typed
    response = client.post(
        path,
        {
            "payer": KEY,
            f"{KEY}-reference": "k1",
            f"{KEY}-name": "Kristiansand kommune",
            f"{KEY}-address": "Rådhusgata 18",
            f"{KEY}-country": "N0",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Rådhusgata 18"' in content and 'value="N0"' in content
    assert 'class="ds-validation-message"' in content
    assert not Invoice.objects.exists()
