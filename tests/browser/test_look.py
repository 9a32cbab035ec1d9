"""The site's own look (issue 19): the green theme in light and dark mode, the header at 1280 px and
its menu button on phones, and the programme's timetable grid on wide screens, in print and at 320 px.
axe (WCAG 2.1 A/AA) runs on the demo's key pages in both colour schemes."""

import datetime
import zoneinfo

import pytest
from playwright.sync_api import Page, expect

from tests.browser.public_pages import first_link, seed_demo
from tests.browser.test_accessibility import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRAMME = "/gp27/program/"
ZONE = zoneinfo.ZoneInfo("Europe/Oslo")
ACCENT = (
    "getComputedStyle(document.documentElement).getPropertyValue('--ds-color-accent-base-default').trim()"
)


def key_pages(page: Page, base: str) -> list[str]:
    return [
        "/",
        PROGRAMME,
        first_link(page, base, PROGRAMME, r"^/gp27/program/\d+/$"),
        "/eksempler/",
        first_link(page, base, "/eksempler/", r"^/eksempler/\d+-[\w-]+/$"),
        "/ideer/",
        "/gp27/pamelding/",
        "/gp27/bidrag/",
        "/kommuner/",
        "/arkiv/",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_pages_are_accessible_in_both_colour_schemes(
    page: Page, live_server, reference_data, axe, scheme
):
    seed_demo()
    page.emulate_media(color_scheme=scheme)
    failures = []
    for path in key_pages(page, live_server.url):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            # The theme follows the visitor's setting: the design system's green, light or dark.
            assert page.evaluate(ACCENT) == {"light": "#0d7a5f", "dark": "#38927b"}[scheme]
            violations = axe()
            if violations:
                failures.append(f"{path} at {width} px:\n{describe(violations)}")
    assert not failures, f"axe found violations in {scheme} mode:\n" + "\n".join(failures)


def test_header_is_one_row_at_1280_and_a_menu_button_on_phones(page: Page, live_server, reference_data):
    seed_demo()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    expect(page.locator(".gp-menu__button")).to_be_hidden()
    tops = page.eval_on_selector_all(
        ".gp-brand, .gp-nav a, .gp-language a",
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))",
    )
    assert max(tops) - min(tops) <= 8, f"the header wraps at 1280 px: {tops}"
    expect(page.get_by_role("link", name="English")).to_be_visible()
    expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).to_have_count(1)

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    menu = page.locator(".gp-menu__button")
    expect(menu).to_be_visible()
    expect(page.locator("nav.gp-nav")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")  # a <details> disclosure: no JavaScript, keyboard included
    expect(page.locator("nav.gp-nav")).to_be_visible()
    expect(page.get_by_role("link", name="Nynorsk")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_programme_grid_on_wide_screens_and_the_list_at_320(page: Page, live_server, reference_data, axe):
    seed_demo()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + PROGRAMME)
    grid = page.locator(".gp-tt").first
    expect(grid).to_be_visible()
    expect(page.locator(".gp-program--has-grid").first).to_be_hidden()
    # Parallel items sit side by side: two items in different columns overlap in time on screen.
    boxes = page.evaluate(
        """() => [...document.querySelector('.gp-tt').querySelectorAll('.gp-tt__item')]
             .map(e => e.getBoundingClientRect()).map(r => [r.left, r.top, r.bottom])"""
    )
    assert len({left for left, _top, _bottom in boxes}) >= 2, "the grid has only one column of items"
    # Keyboard: the items are links, reached with Tab.
    first_item = page.locator(".gp-tt__item a").first
    first_item.focus()
    expect(first_item).to_be_focused()
    page.keyboard.press("Tab")  # each item's star button follows its link
    expect(page.locator(".gp-tt__item").first.locator(".gp-tt__star-button")).to_be_focused()
    assert not axe(), "axe found violations in the grid"

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1047, "height": 740})  # A4 landscape less 10 mm margins
    expect(grid).to_be_visible()
    expect(page.locator(".gp-header")).to_be_hidden()
    expect(page.locator(".gp-tt__star-button").first).to_be_hidden()
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + PROGRAMME)
    expect(page.locator(".gp-tt").first).to_be_hidden()
    expect(page.locator(".gp-program").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_now_and_next_on_phones_during_the_event_days(
    page: Page, live_server, reference_data, axe, monkeypatch
):
    """With the clock on the programme's first day, just after its first item started: "Now and next" on
    phones (accessible in both colour schemes, no sideways scrolling at 320 px), not on wide screens."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    from gronnpraksis.program.models import ProgramVersion

    seed_demo()
    version = ProgramVersion.objects.filter(edition__slug="gp27").order_by("-number").first()
    assert version is not None
    starts = [parse_datetime(item["starts_at"]) for item in version.items]
    assert None not in starts
    first = min(start for start in starts if start is not None)
    monkeypatch.setattr(timezone, "now", lambda: first + datetime.timedelta(minutes=5))

    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(live_server.url + PROGRAMME)
            section = page.locator(".gp-now-next")
            expect(section).to_be_visible()
            expect(section.locator(".gp-now-next__room").first).to_contain_text(
                f"{first.astimezone(ZONE):%H:%M}"
            )
            assert not axe(), f"axe found violations in 'now and next' ({scheme}, {width} px)"
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + PROGRAMME)
    expect(page.locator(".gp-now-next")).to_be_hidden()  # the grid shows the day
