"""The organisers' invoice page in real Chromium, on a desktop and a phone: the list, the unpaid filter
and the links to the CSV and the EHF files. axe (WCAG 2.1 A/AA) checks each view."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.billing import services
from gronnpraksis.billing.models import SellerProfile, TicketPrice
from tests.browser.test_accessibility import describe
from tests.browser.test_planner_csp import LISTEN
from tests.factories import OrganiserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_invoice_page(page: Page, live_server, live_edition, log_in, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} on {what} at {width} px:\n" + describe(violations)

    edition = live_edition
    SellerProfile.objects.create(
        edition=edition,
        name="Grønn Praksis SA",
        organisation_number="974760673",
        vat_registered=True,
        postcode="4611",
        city="Kristiansand",
        account_number="12345678903",
        series="GP",
    )
    TicketPrice.objects.create(
        ticket_type=edition.ticket_types.first(), ordinary=Decimal("2500"), exempt=False, includes_vat=True
    )
    kari = register_person(edition, name="Kari Nordmann", email="kari@example.no")
    ola = register_person(edition, name="Ola Nordmann", email="ola@example.no")
    buyer = services.Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="klima")
    today = edition.starts_on
    invoice = services.issue_invoice(edition=edition, registrations=[kari, ola], buyer=buyer, on=today)
    services.credit_invoice(invoice=invoice, on=today)
    services.issue_invoice(edition=edition, registrations=[kari], buyer=buyer, on=today)
    log_in(page, OrganiserFactory())

    page.goto(f"{live_server.url}/en/arrangor/{edition.slug}/fakturaer/")
    expect(page.get_by_role("cell", name="GP-2", exact=True)).to_be_visible()
    check("all documents")
    page.get_by_role("link", name="Unpaid").click()
    expect(page.get_by_role("cell", name="GP-3", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="GP-1", exact=True)).to_have_count(0)
    check("the unpaid")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the invoice basis (CSV)").click()
    assert download.value.suggested_filename.endswith("fakturagrunnlag-ubetalt.csv")

    page.get_by_role("link", name="Issue invoices").click()
    expect(page.get_by_role("heading", name="Ola Nordmann")).to_be_visible()
    check("what waits to be invoiced")
    page.get_by_label("Buyer reference").fill("")
    page.get_by_role("button", name="Issue the invoice to Ola Nordmann").click()
    expect(page.get_by_role("heading", name="Ola Nordmann")).to_be_visible()
    page.get_by_label("Buyer reference").fill("Ola Nordmann")
    page.get_by_role("button", name="Issue the invoice to Ola Nordmann").click()
    expect(page.get_by_text("Invoice GP-4 is issued.")).to_be_visible()
    check("nothing left to invoice")

    page.goto(f"{live_server.url}/en/arrangor/{edition.slug}/fakturaer/gratis/")
    page.get_by_label("Free ticket for Ola Nordmann").select_option("speaker")
    page.get_by_role("button", name="Save for Ola Nordmann").click()
    expect(page.get_by_text("Ola Nordmann comes free.")).to_be_visible()
    check("the free tickets")
    assert not errors, errors
