"""The participant's own page at 320 px in real Chromium: the price, what cancelling now costs (shown
before confirming), and passing the registration on to a colleague; and the organisers' cancellation
terms. axe (WCAG 2.1 A/AA) checks each page, and the participant's pages do not scroll sideways."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gronnpraksis.billing import services
from gronnpraksis.billing.models import CancellationTerms, SellerProfile, TicketPrice
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration
from tests.browser.test_accessibility import describe
from tests.factories import OrganiserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320


def priced(edition: Edition) -> None:
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
        ticket_type=edition.ticket_types.get(), ordinary=Decimal("999"), exempt=False, includes_vat=True
    )
    today = timezone.localdate()
    services.set_cancellation_terms(
        edition=edition,
        free_until=today - datetime.timedelta(days=1),
        share=Decimal("33.33"),
        share_until=today + datetime.timedelta(days=1),
    )


def test_cancel_cost_and_transfer_on_a_phone(page: Page, live_server, live_edition, axe) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} on {what} at {WIDTH} px:\n" + describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, f"{what} scrolls sideways"

    edition = live_edition
    priced(edition)
    kari = register_person(
        edition, name="Kari Nordmann", organisation_number="963296746", payer_type="organisation"
    )
    manage = f"{live_server.url}/en/{edition.slug}/pamelding/{kari.manage_token}/"

    page.goto(manage)
    expect(page.get_by_text("NOK 999.00")).to_be_visible()  # 799.20 net + 199.80 VAT
    check("the manage page")

    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_text("NOK 332.96 incl. VAT")).to_be_visible()  # 33.33 % of 799.20, plus VAT
    check("the cancel page with its cost")
    page.get_by_role("link", name="No, keep it").click()

    page.get_by_role("link", name="Pass the registration on to a colleague").click()
    check("the transfer page")
    page.get_by_role("button", name="Pass the registration on").click()
    expect(
        page.get_by_text("Only a colleague in your organisation can take over the registration.").first
    ).to_be_visible()
    check("the transfer page with errors")
    page.get_by_label("Your colleague's full name").fill("Per Kollega")
    page.get_by_label("Your colleague's e-mail").fill("per.kollega@example.no")
    page.get_by_label("My colleague works in the same organisation").check()
    page.get_by_role("button", name="Pass the registration on").click()
    expect(page.get_by_text("The registration is passed on to Per Kollega")).to_be_visible()

    assert Registration.objects.get(pk=kari.pk).email == "per.kollega@example.no"
    gone = page.goto(manage)
    assert gone is not None and gone.status == 404  # the previous link opens nothing


def test_organisers_cancellation_terms_page(page: Page, live_server, live_edition, log_in, axe) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} on {what} at {WIDTH} px:\n" + describe(violations)

    edition = live_edition
    log_in(page, OrganiserFactory())
    page.goto(f"{live_server.url}/en/arrangor/{edition.slug}/fakturaer/")
    page.get_by_role("link", name="Cancellation terms").click()
    check("the cancellation terms")
    page.get_by_label("Free cancellation until").fill("2026-03-10")
    page.get_by_label("Share of the price (%)").fill("40")
    page.get_by_label("Share until").fill("2026-03-01")
    page.get_by_role("button", name="Save the terms").click()
    expect(page.get_by_text("The share cannot end before the free cancellation does.").first).to_be_visible()
    check("the cancellation terms with an error")
    page.get_by_label("Share until").fill("2026-03-20")
    page.get_by_role("button", name="Save the terms").click()
    expect(page.get_by_text("The cancellation terms are saved.")).to_be_visible()
    assert CancellationTerms.objects.get(edition=edition).share == Decimal("40")
