"""A bulk decision in the back office with nothing chosen says so where the organiser is looking."""

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.reviews.models import DecisionRecord
from tests.factories import OrganiserFactory, submit_contribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("choose_decision", [False, True])
@pytest.mark.parametrize("page_path", ["bidrag/", "rangering/"])
def test_a_bulk_decision_with_nothing_chosen_shows_an_error(
    page: Page, live_server, live_edition, log_in, page_path, choose_decision
):
    for number in range(12):
        submit_contribution(live_edition, title=f"Bidrag nummer {number}")
    log_in(page, OrganiserFactory())
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/arrangor/{live_edition.slug}/{page_path}")

    if choose_decision:
        page.locator("fieldset.gp-decision input[type=radio]").first.check()
    page.locator("fieldset.gp-decision button[type=submit]").click()
    page.wait_for_load_state("load")

    error = page.get_by_text("Velg minst ett bidrag.")
    expect(error).to_be_visible()
    expect(error).to_be_in_viewport()
    assert not DecisionRecord.objects.exists()
