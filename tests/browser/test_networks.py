"""The networks' pages in Chromium: axe (WCAG 2.1 A and AA) on the network page, the front page with the
calendar, a regional edition in its network's look, an example with its provenance and the bank with
the network filter, at 1280 and 320 px, and none of them scrolls sideways at 320 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import EditionFormat, NetworkColour
from gronnpraksis.examples.services import index_example
from tests.bank_data import publish
from tests.browser.test_reflow import WIDEST_ELEMENTS
from tests.factories import EditionFactory, NetworkFactory, submit_contribution
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 320]


@pytest.fixture
def networks(reference_data: None) -> list[str]:
    """Two networks with coming editions and examples; the paths of the pages to check."""
    network = NetworkFactory(
        slug="klima-nordmore",
        name="Klimanettverk Nordmøre (demo)",
        description="Kommunene på Nordmøre deler klimapraksis.",
        about="Halvdager og webinarer mellom de nasjonale arenaene.",
        colour=NetworkColour.PURPLE,
        contact_email="post@klima-nordmore.example.no",
    )
    EditionFactory(slug="gp90", name="Grønn Praksis 90")
    day = timezone.localdate() + datetime.timedelta(days=20)
    half_day = EditionFactory(
        slug="nordmore90",
        name="Klimahalvdag Nordmøre",
        network=network,
        format=EditionFormat.HALF_DAY,
        starts_on=day,
        ends_on=day,
    )
    example = publish("Varmepumpe på svømmehallen", network=network)
    contribution = submit_contribution(half_day, title="Varmepumpe på svømmehallen")
    Contribution.objects.filter(pk=contribution.pk).update(example=example, state=State.ACCEPTED)
    index_example(example)
    publish("Sykkelparkering ved skolen")
    return [
        "/",
        f"/nettverk/{network.slug}/",
        f"/{half_day.slug}/",
        example.get_absolute_url(),
        "/eksempler/?nettverk=klima-nordmore",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_network_pages_are_accessible_at_every_width(
    page: Page, live_server: object, networks: list[str], axe: Axe, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for path in networks:
        response = page.goto(f"{live_server.url}{path}")  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        problems += [f"{path}: {v['id']} {v['help']}" for v in axe()]
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            culprits = page.evaluate(WIDEST_ELEMENTS, width)
            problems.append(f"{path}: {scroll_width} px wide at {width} px ({'; '.join(culprits)})")
    assert not problems, "\n".join(problems)
