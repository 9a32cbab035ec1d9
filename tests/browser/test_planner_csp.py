"""The back-office planner runs under the content security policy without a violation: no inline
style or script, also after htmx has opened and saved an item, and in debug mode, where django-htmx
adds its own script (issue 18, item 16)."""

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.accounts.models import User
from tests.browser.public_pages import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation, inline styles and scripts included, is reported to the page as an event.
LISTEN = """document.addEventListener('securitypolicyviolation', (event) => console.error(
  'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || '')))"""


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_the_planner_breaks_no_content_security_policy(
    page: Page, live_server, reference_data, log_in, settings, debug
):
    settings.DEBUG = debug
    seed_demo()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)
    log_in(page, User.objects.get(email="arrangor@example.no"))
    planner = f"{live_server.url}/arrangor/gp27/program/"

    page.goto(planner)
    expect(page.locator("table.gp-grid-table")).to_be_visible()
    page.locator(
        "table.gp-grid-table .gp-slot > a:first-child"
    ).first.click()  # htmx opens the item's form beside the grid
    page.locator("#editor form button[type=submit]").click()  # and saves it
    expect(page.locator("#editor .ds-alert")).to_be_visible()
    page.locator("table.gp-grid-table .gp-slot > a:first-child").nth(1).click()
    page.locator("#editor form input[name=ends]").fill("00:01")  # an invalid end: the form again
    page.locator("#editor form button[type=submit]").click()
    expect(page.locator("#editor [aria-invalid=true]").first).to_be_visible()
    page.goto(planner)
    page.locator(".ds-alert[data-color=warning] a").first.click()  # a warning's item, as its own page
    page.wait_for_load_state("load")

    violations = [error for error in errors if "Content Security Policy" in error or "CSP" in error]
    assert not violations, "\n".join(violations)
