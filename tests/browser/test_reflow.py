"""No public page scrolls sideways at 320 CSS px (WCAG 2.1 SC 1.4.10 Reflow), and no page breaks the
content security policy, on the demo's pages (issue 18, item 5)."""

import pytest
from playwright.sync_api import Browser

from tests.browser.public_pages import public_pages, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# The innermost elements that reach past the viewport or whose content is wider than their box.
WIDEST_ELEMENTS = """(limit) => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = (el) => el.getBoundingClientRect().right > limit + 0.5 || el.scrollWidth > el.clientWidth + 1
    && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0;
  return [...document.querySelectorAll('body *')]
    .filter((el) => wide(el) && ![...el.children].some(wide))
    .slice(0, 5)
    .map((el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().right) + 'px: '
      + (el.textContent || '').trim().slice(0, 40));
}"""


def test_no_public_page_scrolls_sideways_at_320_px(browser: Browser, live_server, reference_data):
    seed_demo()
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    too_wide = []
    try:
        for path in public_pages(page, live_server.url):
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                culprits = page.evaluate(WIDEST_ELEMENTS, WIDTH)
                too_wide.append(f"{path}: {width} px ({'; '.join(culprits)})")
    finally:
        context.close()
    assert not too_wide, "pages wider than 320 px:\n" + "\n".join(too_wide)
    assert not csp_errors, "content security policy violations:\n" + "\n".join(csp_errors)
