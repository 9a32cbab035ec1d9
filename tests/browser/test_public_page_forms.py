"""A form on a shared public page gets its CSRF token when it is used (static/js/csrf-on-use.js), and
works without JavaScript through the confirmation page (core.views.csrf_failure)."""

import datetime
import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

STAR = re.compile("Legg til i mitt program.*Åpning")
UNSTAR = re.compile("Fjern fra mitt program.*Åpning")


@pytest.fixture
def programme(live_edition):
    from gronnpraksis.program.models import ProgramItem, Room
    from gronnpraksis.program.services import publish_program

    edition = live_edition
    hall = Room.objects.create(edition=edition, name="Store sal")
    start = datetime.datetime.combine(edition.starts_on, datetime.time(10), tzinfo=edition.tz)
    ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        room=hall,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    publish_program(edition=edition, user=None)
    return f"/{edition.slug}/program/"


def test_starring_with_javascript_fetches_the_token_when_the_form_is_used(page: Page, live_server, programme):
    # The star buttons are in the programme's list, which wide screens replace with the timetable grid.
    page.set_viewport_size({"width": 800, "height": 900})
    token_requests: list[str] = []
    page.on("request", lambda r: token_requests.append(r.url) if r.url.endswith("/csrf-token") else None)
    response = page.goto(live_server.url + programme)
    assert response is not None and response.headers["cache-control"].startswith("public")
    assert page.context.cookies() == []  # the shared page set nothing
    assert token_requests == []  # nothing is fetched before a form is used

    page.get_by_role("button", name=STAR).click()
    page.wait_for_url(re.compile(r"#item-\d+$"))

    expect(page.get_by_role("button", name=UNSTAR)).to_be_visible()
    assert len(token_requests) == 1
    assert {c["name"] for c in page.context.cookies()} >= {"csrftoken", "sessionid"}


def test_starring_without_javascript_goes_through_the_confirmation_page(
    browser: Browser, live_server, programme
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + programme)

    page.get_by_role("button", name=STAR).click()
    page.wait_for_load_state("load")
    assert "/stjerne/" in page.url  # the confirmation page, at the form's address
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"#item-\d+$"))

    expect(page.get_by_role("button", name=UNSTAR)).to_be_visible()
    context.close()
