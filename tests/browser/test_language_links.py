"""The language links in the header: every change of language lands on the same page in the chosen
language, with and without JavaScript, and a later unprefixed address is bokmål again (no cookie or
session keeps a visitor in nynorsk or English)."""

import pytest
from playwright.sync_api import Browser, Page, expect

from gronnpraksis.editions.models import Edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PREFIX = {"nb": "", "nn": "/nn", "en": "/en"}
NAME = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
# All six transitions, each starting where the previous one ended.
WALK = [("nb", "nn"), ("nn", "en"), ("en", "nb"), ("nb", "en"), ("en", "nn"), ("nn", "nb")]


def walk_languages(page: Page, base: str, path: str) -> None:
    page.goto(base + path)
    for source, target in WALK:
        expect(page.locator("html")).to_have_attribute("lang", source)
        current = page.locator(".gp-language a[aria-current]")
        expect(current).to_have_text(NAME[source])
        link = page.locator(f'.gp-language a[hreflang="{target}"]')
        expect(link).to_have_attribute("lang", target)
        link.click()
        page.wait_for_load_state("load")
        assert page.url == base + PREFIX[target] + path, f"{source} → {target} on {path}"
        expect(page.locator("html")).to_have_attribute("lang", target)


@pytest.fixture
def pages(live_edition: Edition) -> list[str]:
    return [
        "/eksempler/?q=sykkel&sortering=nyeste",  # the query string is kept
        live_edition.get_absolute_url(),
        f"/{live_edition.slug}/pamelding/",
        "/finnes-ikke/",  # a 404 page switches too
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_transition_lands_on_the_same_page(browser: Browser, live_server, pages, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        for path in pages:
            walk_languages(page, live_server.url, path)
    finally:
        context.close()


def test_an_address_without_prefix_is_bokmal_after_visiting_english(page: Page, live_server, live_edition):
    page.goto(live_server.url + "/en/eksempler/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(live_server.url + "/eksempler/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.locator(".gp-language a[aria-current]")).to_have_text("Bokmål")


def test_the_old_language_form_is_gone(page: Page, live_server, live_edition):
    page.goto(live_server.url + "/nn/eksempler/")
    expect(page.locator("form[action*='setlang']")).to_have_count(0)
