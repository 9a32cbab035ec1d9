"""'Foreslå program' in real Chromium: the organiser asks for a proposal, follows it while the worker plans,
reviews the diff, accepts some of it, publishes, and the public "Nytt i programmet" lists the changes.
axe (WCAG 2.1 A/AA) checks the proposal pages at 1280 and 320 px."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import PlanProposal, ProgramItem, ProgramVersion, ProposalStatus
from gronnpraksis.program.services import publish_program
from gronnpraksis.program.tests.proposal_helpers import accepted, small_edition
from gronnpraksis.program.tests.test_proposals import run_worker
from tests.browser.test_accessibility import describe
from tests.factories import OrganiserFactory
from tests.factories import local_time as at
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_load_state("load")
            violations = axe()
            assert not violations, (
                f"axe: {len(violations)} violation(s) on {what} at {width} px:\n" + describe(violations)
            )
        page.set_viewport_size({"width": 1280, "height": 900})

    return check


def test_propose_review_accept_some_publish(
    page: Page, live_server: object, live_edition: Edition, log_in: Callable, check: Callable[[str], None]
) -> None:
    edition = live_edition
    world = small_edition(edition)
    ProgramItem.objects.create(
        edition=edition,
        title=world.talks[0].title,
        contribution=world.talks[0],
        room=world.hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 9, 45),
    )
    publish_program(edition=edition, user=None, notify=False)
    accepted(edition, "Sent innlegg om sykkelveier", email="sykkel@example.no", wished_length=20)
    base = f"{live_server.url}/arrangor/{edition.slug}"  # type: ignore[attr-defined]
    log_in(page, OrganiserFactory())

    # From the planner to the proposal form.
    page.goto(f"{base}/program/")
    page.locator("main a[href$='/program/forslag/']").click()
    page.wait_for_load_state("load")
    check("the proposals page")
    page.locator("input[name=seed]").fill("4")
    page.locator("input[name=seconds]").fill("1")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    proposal = PlanProposal.objects.get()
    expect(page.locator("progress")).to_be_visible()
    check("a proposal being planned")

    # The worker plans it; the page polls (htmx) and shows the diff without a reload.
    run_worker()
    expect(page.locator("input[name=change]").first).to_be_visible(timeout=10_000)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DONE
    check("a proposal's diff")

    # Accept only the late talk.
    chosen = next(c for c in proposal.assignment if c["title"] == "Sent innlegg om sykkelveier")
    page.locator(f"input[name=change][value='{chosen['key']}']").check()
    page.locator("button[name=action][value=some]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/program/")
    assert ProgramItem.objects.filter(title="Sent innlegg om sykkelveier").exists()
    assert not ProgramItem.objects.filter(title="Innlegg 1").exists()
    assert ProgramVersion.objects.count() == 1  # accepting publishes nothing

    # Publish; the public "Nytt i programmet" lists the new item.
    page.locator("main form[action$='/program/publiser/'] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert ProgramVersion.objects.count() == 2
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/{edition.slug}/program/nytt/")  # type: ignore[attr-defined]
    expect(page.locator("main")).to_contain_text("Sent innlegg om sykkelveier")
    expect(page.locator("main")).not_to_contain_text("Innlegg 1")
