"""The organisers' numbers and mail to groups in real Chromium, on a desktop and a phone: the dashboard's
charts, then compose → count → preview → send a news mail, which reaches only those who want news, and
the unsubscribe page from the mail. axe (WCAG 2.1 A/AA) checks every page on the way."""

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.audience.models import GroupMail
from gronnpraksis.mail.models import OutboxMail
from tests.browser.test_accessibility import describe
from tests.browser.test_planner_csp import LISTEN
from tests.factories import OrganiserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_dashboard_and_a_news_mail_to_a_group(page: Page, live_server, live_edition, log_in, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} on {what} at {width} px:\n" + describe(violations)

    edition = live_edition
    register_person(edition, name="Kari Nordmann", email="kari@example.no", news_opt_in=True)
    register_person(edition, name="Ola Nordmann", email="ola@example.no", role="leder")
    register_person(edition, name="Siri Student", email="siri@example.no", role="leder", news_opt_in=True)
    log_in(page, OrganiserFactory())
    base = f"{live_server.url}/en/arrangor/{edition.slug}"

    page.goto(f"{base}/tall/")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    check("the dashboard")

    page.get_by_role("link", name="Mail to a group").first.click()
    check("the empty group mail form")
    page.get_by_label("News (only to those who want news)").check()
    page.get_by_role("group", name="Role").get_by_label("Leader").check()
    page.get_by_label("Subject").fill("Neste år: {arrangement}")
    page.get_by_label("Text").fill("Hei {navn}, vi ses neste år!")
    page.get_by_role("button", name="Count and preview").click()
    expect(page.locator("#reach")).to_contain_text("The mail reaches 1 person.")
    expect(page.locator("#reach")).to_contain_text("2 in the group")
    expect(page.get_by_test_id("preview")).to_contain_text("Hei Siri Student, vi ses neste år!")
    check("the count and the preview")
    assert not OutboxMail.objects.filter(template="group_mail").exists()

    page.get_by_role("button", name="Send to 1 person").click()
    expect(page.get_by_role("heading", name="Sent group mails")).to_be_visible()
    check("the sent group mails")
    mail = GroupMail.objects.get()
    assert mail.recipient_count == 1
    row = OutboxMail.objects.get(template="group_mail")
    assert row.to == "siri@example.no"

    page.goto(row.headers["List-Unsubscribe"].strip("<>").replace("http://127.0.0.1:8000", live_server.url))
    check("the unsubscribe page")
    page.locator("main form button[type=submit]").click()  # the page is in the person's language (nb)
    expect(page.get_by_role("status")).to_be_visible()
    check("news stopped")
    assert not errors, errors  # no CSP violation (the charts draw with classes, not inline style)
