"""The door on a 390 px phone in real Chromium: staff search and check someone in without the camera, a scan
made offline waits in the queue and is sent when the connection is back, and axe finds nothing."""

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.arena import services
from gronnpraksis.arena.models import Scan, ScanResult
from gronnpraksis.editions.models import TeamMember, TeamRole
from gronnpraksis.registrations.models import Registration
from tests.browser.test_accessibility import describe
from tests.factories import UserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size({"width": 390, "height": 844})
    return page


@pytest.fixture
def door_staff(live_edition):
    user = UserFactory(email="dor@example.no", name="Dorte Dørvakt")
    TeamMember.objects.create(edition=live_edition, user=user, role=TeamRole.CHECK_IN)
    return user


def scan(page: Page, text: str) -> None:
    """What the camera's reader hands over when it reads a code (the camera itself cannot run headless)."""
    page.evaluate(
        "text => document.querySelector('[data-door]').dispatchEvent(new CustomEvent('gp:scan', {detail: text}))",
        text,
    )


def no_axe_violations(page: Page, axe, what: str) -> None:
    violations = axe()
    assert not violations, f"axe on {what}:\n" + describe(violations)


def test_staff_search_and_check_in_on_a_phone(
    phone: Page, live_server, live_edition, door_staff, log_in, axe
):
    person = register_person(live_edition, email="kari@example.no", name="Kari Nordmann")
    register_person(live_edition, email="ola@example.no", name="Ola Hansen", organisation_name="Agder fylke")
    log_in(phone, door_staff)
    violations: list[str] = []
    phone.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    phone.goto(f"{live_server.url}/arrangor/{live_edition.slug}/innsjekk/")
    expect(phone.locator("[data-scanner]")).to_be_visible()  # the script runs under the CSP
    no_axe_violations(phone, axe, "the check-in page")
    phone.locator("input[name=q]").fill("Nordmann")  # its label is checked by axe
    phone.locator(".gp-door__search button").click()
    expect(phone.locator(".gp-door__person")).to_have_count(1)
    no_axe_violations(phone, axe, "the search result")
    phone.locator(".gp-door__person button", has_text="Kari Nordmann").click()

    expect(phone.locator(".gp-messages")).to_contain_text("Kari Nordmann")
    expect(phone.locator("[data-flag=checked_in]")).to_contain_text("Dorte Dørvakt")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    no_axe_violations(phone, axe, "after check-in")
    assert Registration.objects.get(pk=person.pk).checked_in_at is not None
    scan = Scan.objects.get()
    assert (scan.result, scan.staff, scan.device.startswith("phone-")) == (
        ScanResult.CHECKED_IN,
        door_staff,
        True,
    )
    assert not violations


def test_the_ticket_and_the_walk_in_form_pass_axe(
    phone: Page, live_server, live_edition, door_staff, log_in, axe
):
    person = register_person(live_edition, email="kari@example.no", name="Kari Nordmann")

    phone.goto(live_server.url + person.get_absolute_url())
    expect(phone.locator(".gp-ticket__qr")).to_be_visible()
    assert phone.evaluate("document.querySelector('.gp-ticket__qr').naturalWidth") > 0  # the SVG loads
    no_axe_violations(phone, axe, "the manage page with the ticket")

    log_in(phone, door_staff)
    phone.goto(f"{live_server.url}/arrangor/{live_edition.slug}/innsjekk/pamelding/")
    no_axe_violations(phone, axe, "the walk-in form")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_scan_made_offline_is_queued_and_sent_when_back(
    phone: Page, live_server, live_edition, door_staff, log_in
):
    person = register_person(live_edition, email="kari@example.no", name="Kari Nordmann")
    secret = services.pass_for(person).secret
    log_in(phone, door_staff)
    phone.goto(f"{live_server.url}/arrangor/{live_edition.slug}/innsjekk/")
    door = phone.locator("[data-door]")
    expect(door).to_have_attribute("data-list", "fresh")

    phone.context.set_offline(True)
    scan(phone, f"{live_server.url}/arrangor/x/innsjekk/?kode={secret}")
    expect(door).to_have_attribute("data-queued", "1")
    expect(phone.locator("[data-scan-result]")).to_contain_text("Kari Nordmann")  # found in the kept list
    assert Scan.objects.count() == 0

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(door).to_have_attribute("data-queued", "0")
    expect(door).to_have_attribute("data-last-result", "checked_in")
    assert Scan.objects.get().result == ScanResult.CHECKED_IN

    # The same ticket scanned again is stored and flagged as a duplicate.
    scan(phone, secret + " ")
    expect(door).to_have_attribute("data-last-result", "duplicate")
    assert sorted(Scan.objects.values_list("result", flat=True)) == ["checked_in", "duplicate"]
