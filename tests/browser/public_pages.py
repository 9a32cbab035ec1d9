"""The public pages of the demo (`manage.py seed_demo`), for the browser tests that visit every page:
the reflow test at 320 px and the language walk. Pages that need an id (an item, a speaker, an
example, an idea, a place) are found by following the first matching link on their list page."""

import io
import re
from urllib.parse import urlsplit

from django.core.management import call_command
from playwright.sync_api import Page

# gp27 is the demo's open edition, gp22 the archived one.
FIXED_PAGES = [
    "/",
    "/gp27/",
    "/gp22/",
    "/gp27/program/",
    "/gp22/program/",
    "/gp27/program/talere/",
    "/gp27/program/nytt/",
    "/gp27/prisen/",
    "/gp27/prisen/nominer/",
    "/gp22/prisen/",
    "/gp27/pamelding/",
    "/gp27/bidrag/",
    "/eksempler/",
    "/eksempler/?q=sykkel",
    "/eksempler/del/",
    "/kommuner/",
    "/ideer/",
    "/min-side/",
    "/accounts/login/",
    "/accounts/login/code/",
    "/personvern/",
    "/tilgjengelighet/",
    "/arkiv/",
    "/nettverk/klima-nordmore/",  # the demo's regional network (demo/data/networks.toml) and its half-day
    "/nordmore27/",
    "/finnes-ikke/",
]

# (list page, pattern of the first link to follow from it)
FOUND_PAGES = [
    ("/gp27/program/", r"^/gp27/program/\d+/$"),
    ("/gp22/program/", r"^/gp22/program/\d+/$"),
    ("/gp27/program/talere/", r"^/gp27/program/talere/[\w-]+/$"),
    ("/eksempler/", r"^/eksempler/\d+-[\w-]+/$"),
    ("/ideer/", r"^/ideer/\d+-[\w-]+/$"),
    ("/kommuner/", r"^/kommuner/\d{4}/$"),
    ("/kommuner/", r"^/fylker/\d{2}/$"),
]


def seed_demo() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def first_link(page: Page, base: str, path: str, pattern: str) -> str:
    page.goto(base + path)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        local = urlsplit(href).path if href.startswith("http") else href
        if re.match(pattern, local):
            return local
    raise AssertionError(f"no link matching {pattern} on {path}")


def private_link_pages() -> list[str]:
    """Pages reached by a participant's secret link: the registration's page and "Mitt program"."""
    from gronnpraksis.registrations.models import Registration

    registration = Registration.objects.filter(edition__slug="gp27").order_by("pk").first()
    assert registration is not None, "the demo has registrations for gp27"
    return [registration.get_absolute_url(), f"/gp27/program/agenda/{registration.manage_token}/"]


def public_pages(page: Page, base: str) -> list[str]:
    """Every kind of public page once (bokmål addresses)."""
    found = [first_link(page, base, path, pattern) for path, pattern in FOUND_PAGES]
    return FIXED_PAGES + found + private_link_pages()
