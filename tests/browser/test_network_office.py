"""The back office's network pages in Chromium, as a network organiser: axe (WCAG 2.1 A and AA) on the
settings page (also with errors), the team page and the edition's page with the network's logo in the
header, at 1280 and 320 px; none of them scrolls sideways at 320 px."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import NetworkMember, NetworkRole
from gronnpraksis.examples.tests.helpers import image_bytes
from tests.backoffice_matrix import network_organisers
from tests.browser.test_reflow import WIDEST_ELEMENTS
from tests.factories import EditionFactory, UserFactory
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_network_pages_are_accessible_at_every_width(
    page: Page,
    live_server: object,
    reference_data: None,
    log_in: Callable[[Page, User], None],
    axe: Axe,
    width: int,
    tmp_path: object,
    settings: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    edition = EditionFactory(slug="nordmore90", name="Klimahalvdag Nordmøre")
    nora, _other = network_organisers(edition)
    moderator = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    NetworkMember.objects.create(network=edition.network, user=moderator, role=NetworkRole.MODERATOR)
    base = f"{live_server.url}/arrangor/{edition.slug}"  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, nora)
    problems: list[str] = []

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        problems.extend(f"{what}: {v['id']} {v['help']}" for v in axe())
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            culprits = page.evaluate(WIDEST_ELEMENTS, width)
            problems.append(f"{what}: {scroll_width} px wide at {width} px ({'; '.join(culprits)})")

    page.goto(f"{base}/")
    page.locator(f"main a[href='/arrangor/{edition.slug}/nettverk/']").first.click()
    check("the network settings")
    page.locator("input[name=name]").fill("")
    page.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": b"not an image"}
    )
    page.locator("main form.gp-form button[type=submit]").click()
    check("the network settings with errors")
    page.locator("input[name=name]").fill("Klimanettverk Nordmøre")
    page.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (300, 100))}
    )
    page.locator("main form.gp-form button[type=submit]").click()
    check("the network settings with a logo")
    page.goto(f"{base}/nettverk/team/")
    check("the network's team")
    page.goto(f"{live_server.url}/{edition.slug}/")  # type: ignore[attr-defined]
    check("the edition's page with the network's logo in the header")
    logo = page.locator("header img.gp-header__network-logo")
    assert logo.get_attribute("alt") == "Klimanettverk Nordmøre"
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")

    assert not problems, "\n".join(problems)
