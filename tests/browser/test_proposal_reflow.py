"""A finished 'Foreslå program' proposal reflows at 320 CSS px (WCAG 2.1 SC 1.4.10): its diff table scrolls
inside its own box instead of widening the page. The visually hidden item titles in its "Pin" buttons are
absolutely positioned, so the scrolling wrapper must be their containing block or they push the page wide."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import PlanProposal, ProgramItem, ProposalStatus
from gronnpraksis.program.proposals import request_proposal
from gronnpraksis.program.tests.proposal_helpers import accepted, small_edition
from gronnpraksis.program.tests.test_proposals import run_worker
from tests.factories import OrganiserFactory
from tests.factories import local_time as at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proposals_diff_does_not_widen_the_page_at_320_px(
    page: Page, live_server: object, live_edition: Edition, log_in: Callable
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
    accepted(edition, "Et innlegg med en lang tittel om sykkelveier og klimatilpasning", wished_length=20)
    organiser = OrganiserFactory()
    request_proposal(edition=edition, user=organiser, seed=1, seconds=1)
    run_worker()
    proposal = PlanProposal.objects.get()
    assert proposal.status == ProposalStatus.DONE
    log_in(page, organiser)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/arrangor/{edition.slug}/program/forslag/{proposal.pk}/")  # type: ignore[attr-defined]
    expect(page.locator("input[name=change]").first).to_be_visible()

    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px content in {widths[1]} px"
