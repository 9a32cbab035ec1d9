"""The example bank in real Chromium: a Norwegian search with two filters finds an example, and a visitor
writes to its contact person through the relay; axe (WCAG 2.1 A/AA) on every page of the bank on the way,
with results, with filters, empty, and the contact form with its errors."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example
from gronnpraksis.mail.models import OutboxMail
from tests.bank_data import CONTACT_EMAIL, OSLO, publish
from tests.browser.test_accessibility import describe
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENDER = "ola.nordmann@example.no"


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )

    return check


@pytest.fixture
def bank(reference_data: None) -> list[Example]:
    """Three published examples; the index is rebuilt first (a transactional test's flush leaves it)."""
    search.reindex_all()
    return [
        publish(
            "Sykkelparkering ved skolen",
            "Elevene fikk tak over stativene og flere syklet til skolen.",
            themes=("transport",),
            contact_name="Kari Kontakt",
            contact_email=CONTACT_EMAIL,
            contact_is_public=True,
        ),
        publish(
            "Sykkelhotell ved stasjonen",
            "Låsbare plasser for pendlere.",
            themes=("transport",),
            places=(OSLO,),
        ),
        publish("Matsvinn i kantina", "Rester deles ut til ansatte.", themes=("mat",)),
    ]


def test_a_search_with_two_filters_finds_an_example_and_its_contact_gets_a_message(
    page: Page, live_server, bank, check
):
    page.goto(f"{live_server.url}/eksempler/")
    expect(page.locator("main article h3")).to_have_count(3)
    check("the example bank with every example")

    # An inflected form, a theme and a county.
    page.locator("#bank-q").fill("sykler")
    page.locator("input[name=tema][value=transport]").check()
    page.locator("select[name=fylke]").select_option("42")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert re.search(r"q=sykler.*tema=transport.*fylke=42", page.url)
    expect(page.locator("main article h3")).to_have_text(["Sykkelparkering ved skolen"])
    expect(page.locator("main [role=status]")).to_contain_text("1")
    check("a search with two filters")

    # A search that finds nothing proposes what to loosen.
    page.locator("#bank-q").fill("sykler tunnel")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main article h3")).to_have_count(0)
    expect(page.locator("main section ul.ds-list li a").first).to_be_visible()
    check("a search that finds nothing")
    page.locator("main section ul.ds-list li a", has_text="tunnel").click()  # without the word "tunnel"
    page.wait_for_load_state("load")
    expect(page.locator("main article h3")).to_have_text(["Sykkelparkering ved skolen"])

    page.get_by_role("link", name="Sykkelparkering ved skolen").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("Sykkelparkering ved skolen")
    check("an example's page")

    # The contact form: errors first, then the message goes through the relay.
    page.locator("#contact-section summary").click()
    page.locator("#contact-section button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_be_visible()
    check("the contact form with errors")
    page.locator("#id_name").fill("Ola Nordmann")
    page.locator("#id_email").fill(SENDER)
    page.locator("#id_message").fill("Hei! Hvordan fikk dere råd til taket over stativene?")
    page.locator("#contact-section button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator(".gp-messages")).to_be_visible()
    check("an example's page after a message was sent")

    mail = OutboxMail.objects.get(template="example_contact")
    assert (mail.to, mail.reply_to) == (CONTACT_EMAIL, SENDER)
    assert "Hvordan fikk dere råd til taket over stativene?" in mail.body_text
    assert CONTACT_EMAIL not in page.content()
    assert SENDER not in page.content()
