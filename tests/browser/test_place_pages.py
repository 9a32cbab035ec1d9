"""The place pages in real Chromium: axe (WCAG 2.1 A and AA) on every page, the maps drawn and clickable,
and no request to another host."""

import pytest
from playwright.sync_api import Page, expect

from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.tests.helpers import examples as practice_examples
from gronnpraksis.examples.tests.helpers import map_title
from tests.factories import municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def example(title: str, *places: str, state: str = ModerationState.PUBLISHED) -> Example:
    created = Example.objects.create(title=title, summary=f"Om {title.lower()}.", state=state)
    created.municipalities.set([municipality(number) for number in places])
    return created


@pytest.fixture
def examples(reference_data):
    for number in range(14):
        example(f"Eksempel {number} fra Lillesand", "4215")
    example("Sykkelparkering ved rådhuset", "4204")
    example("Felles innkjøp av elbiler", "4204", "4223")
    example("Gratis buss til Fornebu", "3201")
    example("Matsvinn i kantina", "4601")
    example("Hemmelig utkast", "4204", state=ModerationState.DRAFT)


def violations_text(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']}: {v['help']} " + " | ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize(
    "path",
    [
        "/kommuner/",
        "/kommuner/4204/",
        "/kommuner/4204/?side=2",
        "/kommuner/0301/",
        "/kommuner/1856/",
        "/fylker/42/",
        "/fylker/03/",
        "/fylker/18/",
        "/en/kommuner/",
        "/nn/kommuner/4204/",
        "/en/fylker/46/",
    ],
)
def test_place_pages_are_accessible_and_stay_on_the_site(page: Page, live_server, examples, axe, path):
    hosts = []
    page.on("request", lambda request: hosts.append(request.url.split("/")[2]))
    response = page.goto(live_server.url + path)

    assert response is not None and response.status == 200
    expect(page.locator("main svg.gp-map__svg").first).to_be_visible()
    violations = axe()
    assert not violations, f"axe on {path}:\n{violations_text(violations)}"
    assert set(hosts) == {live_server.url.split("/")[2]}
    assert "Hemmelig" not in page.content()


def test_bad_number_gives_the_accessible_not_found_page(page: Page, live_server, reference_data, axe):
    response = page.goto(live_server.url + "/kommuner/../fylker/x/")
    assert response is not None and response.status == 404
    assert not axe()


def test_a_place_on_the_map_links_to_its_page(page: Page, live_server, examples):
    page.goto(live_server.url + "/kommuner/4204/")
    vennesla = page.locator('main svg a[href="/kommuner/4223/"]')
    expect(vennesla.locator("title")).to_have_text(map_title("Vennesla", 1))
    vennesla.click()
    expect(page).to_have_url(live_server.url + "/kommuner/4223/")
    expect(page.locator("h1")).to_have_text("Vennesla")


def test_the_maps_are_left_out_of_the_tab_order_and_the_table_is_not(page: Page, live_server, examples):
    page.goto(live_server.url + "/kommuner/")
    links_in_maps = page.locator("main svg a")
    expect(links_in_maps).to_have_count(357 + 15)
    assert page.locator('main svg a:not([tabindex="-1"])').count() == 0
    assert page.locator("main svg[aria-hidden=true]").count() == 2
    # The map's note leads to the table, whose links are reachable by keyboard.
    page.locator('main a[href="#numbers"]').first.click()
    expect(page.locator("#numbers")).to_be_in_viewport()
    row = page.locator("main table a", has_text="Kristiansand")
    row.focus()
    expect(row).to_be_focused()
    expect(page.locator("#county-42")).to_contain_text(f"Agder: {practice_examples(16)}")


def test_map_drawn_at_phone_width(page: Page, live_server, examples):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/kommuner/")
    box = page.locator("main svg.gp-map__svg").first.bounding_box()
    assert box is not None and 300 <= box["width"] <= 360 and box["height"] > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
