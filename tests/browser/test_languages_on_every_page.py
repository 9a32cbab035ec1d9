"""Every page in bokmål, nynorsk and English shows no text from another language's catalogue and
writes dates the language's own way (issue 18, item 11): the admin said "Show counts", "Run",
"Etter edition"; English pages said "15. May 2027"; bokmål pages said "tir 1. Jun"."""

import pytest
from playwright.sync_api import Page

from gronnpraksis.accounts.models import User
from gronnpraksis.registrations.models import Registration
from tests.browser.catalogue_leaks import wrong_language
from tests.browser.public_pages import public_pages, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PREFIX = {"nb": "", "nn": "/nn", "en": "/en"}
# The visible text, and the words a screen reader or a placeholder gives; text marked as written in
# another language (content in bokmål on an English page, `lang="nb"`) is left out.
VISIBLE_TEXT = """() => {
  const language = document.documentElement.lang;
  let text = document.body.innerText;
  for (const part of document.querySelectorAll('body [lang]')) {
    if (part.lang !== language && part.innerText) text = text.split(part.innerText).join(' ');
  }
  const spoken = [...document.querySelectorAll('[placeholder], [aria-label], [title], input[type=submit][value]')]
    .filter((el) => !el.closest('[lang]:not(html)') || el.closest('[lang]:not(html)').lang === language)
    .map((el) => [el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title'),
                  el.matches('input[type=submit]') ? el.value : ''].filter(Boolean).join(' '));
  return [text, ...spoken].join('\\n');
}"""


def check_pages(page: Page, base: str, paths: list[str]) -> list[str]:
    """Each page in each language; at 320 px, so longer words in one language (nynorsk
    "Tilgjengelegheitserklæring") cannot make a page scroll sideways either (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 800})
    problems = []
    for language, prefix in PREFIX.items():
        for path in paths:
            page.goto(base + prefix + path)
            page.wait_for_load_state("load")
            found = wrong_language(page.evaluate(VISIBLE_TEXT), language)
            problems += [f"{prefix + path} ({language}): {problem}" for problem in found]
            text = page.evaluate("document.body.innerText")
            problems += [
                f"{prefix + path}: template syntax shown" for mark in ("{#", "{%", "{{") if mark in text
            ]
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                problems.append(f"{prefix + path} ({language}): {width} px wide at 320 px")
    return problems


def test_public_pages_speak_one_language(page: Page, live_server, reference_data):
    seed_demo()
    problems = check_pages(page, live_server.url, public_pages(page, live_server.url))
    assert not problems, "text from another language:\n" + "\n".join(problems)


def test_back_office_and_admin_speak_one_language(page: Page, live_server, reference_data, log_in):
    seed_demo()
    log_in(page, User.objects.get(email="arrangor@example.no"))
    registration = Registration.objects.filter(edition__slug="gp27").first()
    assert registration is not None
    paths = [
        "/arrangor/gp27/",
        "/arrangor/gp27/program/",
        "/arrangor/gp27/bidrag/",
        "/admin/",
        "/admin/registrations/registration/?_facets=1",
        f"/admin/registrations/registration/{registration.pk}/change/",
        "/admin/contributions/contribution/",
        "/admin/program/programitem/",
        "/admin/places/municipality/",
    ]
    problems = check_pages(page, live_server.url, paths)
    assert not problems, "text from another language:\n" + "\n".join(problems)
