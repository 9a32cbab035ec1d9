"""The organisers' billing set-up pages and the invoice changes in real Chromium, on a desktop and a
narrow phone: ticket prices with the preview, discount codes, the seller, the new-invoice page filled
from Enhetsregisteret's copy, and "credit and invoice again". axe (WCAG 2.1 A/AA) checks each view."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.billing import services
from gronnpraksis.billing.models import SellerProfile, TicketPrice
from gronnpraksis.organisations.models import RegisterEntry
from gronnpraksis.registrations.models import Registration, Status
from tests.browser.test_accessibility import describe
from tests.browser.test_planner_csp import LISTEN
from tests.factories import OrganiserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_billing_setup_pages(page: Page, live_server, live_edition, log_in, axe, width):
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
    ticket = edition.ticket_types.first()
    TicketPrice.objects.create(ticket_type=ticket, ordinary=Decimal("2500"), exempt=False, includes_vat=True)
    RegisterEntry.objects.create(
        number="963296746", name="KOMMUNE I REGISTERET", street="Postboks 1", postcode="4604", city="BYEN"
    )
    kari = register_person(edition, name="Kari Nordmann", email="kari@example.no")
    ola = register_person(edition, name="Ola Nordmann", email="ola@example.no")
    register_person(
        edition,
        name="Per Kommune",
        email="per@example.no",
        organisation_number="963296746",
        organisation_name="Kommunen",
        invoice_reference="k-1",
    )
    buyer = services.Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="klima")
    services.issue_invoice(edition=edition, registrations=[kari, ola], buyer=buyer, on=edition.starts_on)
    Registration.objects.filter(pk=kari.pk).update(status=Status.CANCELLED)
    log_in(page, OrganiserFactory())
    base = f"{live_server.url}/en/arrangor/{edition.slug}/fakturaer/"

    page.goto(base)
    expect(page.get_by_role("heading", name="Changed since they were invoiced")).to_be_visible()
    check("the invoices with a change")
    page.get_by_role("button", name="Credit GP-1 and invoice again").click()
    expect(
        page.get_by_text("Credit note GP-2 credits invoice GP-1, and invoice GP-3 is issued.")
    ).to_be_visible()

    page.get_by_role("link", name="Ticket prices").click()
    expect(page.get_by_role("cell", name="2000.00").first).to_be_visible()
    check("the ticket prices")
    page.get_by_role("link", name=f"Change the prices of {ticket.name}").click()
    page.get_by_label("Ordinary price").fill("-1")
    page.get_by_role("button", name="Save the prices").click()
    expect(page.get_by_text("A price cannot be negative.").first).to_be_visible()
    check("a price with an error")
    page.get_by_label("Ordinary price").fill("3000")
    page.get_by_role("button", name="Preview without saving").click()
    expect(page.get_by_role("cell", name="2400.00")).to_be_visible()
    check("the price preview")

    page.goto(base + "rabattkoder/")
    page.get_by_label("Code", exact=True).fill("KLIMA")
    page.get_by_label("Partner").fill("Klimapartnere")
    page.get_by_label("Percentage").check()
    page.get_by_label("Value (percent or kroner)").fill("150")
    page.get_by_label("Number of uses").fill("0")
    page.get_by_role("button", name="Create the code").click()
    expect(page.get_by_text("A code needs at least one use.").first).to_be_visible()
    check("a discount code with errors")
    page.get_by_label("Value (percent or kroner)").fill("20")
    page.get_by_label("Number of uses").fill("10")
    page.get_by_role("button", name="Create the code").click()
    expect(page.get_by_role("cell", name="0 of 10")).to_be_visible()
    check("the discount codes")
    page.get_by_role("link", name="Change KLIMA").click()
    expect(page.get_by_role("heading", name="Discount code KLIMA")).to_be_visible()
    check("a discount code")

    page.goto(base + "selger/")
    page.get_by_label("Bank account").fill("12345678900")
    page.get_by_role("button", name="Save the seller").click()
    expect(
        page.get_by_text("The account number is not valid: check the eleven digits.").first
    ).to_be_visible()
    check("the seller with an error")

    page.goto(base + "ny/")
    expect(page.get_by_text("are from Enhetsregisteret (organisation number 963296746)")).to_be_visible()
    check("the new invoices filled from the register")
    assert not errors, errors
