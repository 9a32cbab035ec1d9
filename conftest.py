"""Shared test fixtures: named people and an open edition, plus real Chromium for browser tests."""

import os
import shutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from pytest_django import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from gronnpraksis.accounts.models import User
    from gronnpraksis.editions.models import Edition
    from gronnpraksis.program.models import ProgramItem
    from gronnpraksis.registrations.models import Registration
    from tests.typing import Axe as AxeFixture

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

WCAG21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            # A closed network: nothing but the local test server resolves.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture
def axe(page: "Page") -> "AxeFixture":
    """Run axe with the WCAG 2.1 A/AA rules on the current page; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    def run(context: str | list[str] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return Axe().run(page, context=context, options=WCAG21_AA).response["violations"]

    return run


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache (exports are cached per published version)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Every test starts in the default language: a request to an /en/ or /nn/ page activates that
    language in the thread and leaves it active, which would change the URLs and texts of later tests."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Settings) -> None:
    """A fast hasher: the organiser fixture's password costs 0.45 s with the real one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Settings) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def edition(db: None) -> "Edition":
    from tests.factories import EditionFactory

    return EditionFactory()


@pytest.fixture
def participant(edition: "Edition") -> "Registration":
    """A confirmed registration made through the service, as a person would."""
    from tests.factories import register_person

    return register_person(edition, email="kari.nordmann@example.no", name="Kari Nordmann")


@pytest.fixture
def outsider(edition: "Edition") -> "Registration":
    """Another person whose data could leak to the participant."""
    from tests.factories import register_person

    return register_person(edition, email="ola.hansen@example.no", name="Ola Hansen")


@pytest.fixture
def organiser(db: None) -> "User":
    from tests.factories import OrganiserFactory

    return OrganiserFactory()


@pytest.fixture
def published(edition: "Edition") -> "ProgramItem":
    """A published programme for `edition` (shared by the programme, feed, structured-data and sitemap
    tests): a talk from a contribution with a co-contributor on day 2, an opening plenary on day 1.
    Returns the talk."""
    from gronnpraksis.program.models import ProgramItem, Room, Track
    from gronnpraksis.program.services import publish_program
    from tests.factories import local_time as at
    from tests.factories import submit_contribution

    hall = Room.objects.create(edition=edition, name="Store sal")
    track = Track.objects.create(edition=edition, name="Fordypning: mat", slug="mat")
    contribution = submit_contribution(
        edition, title="Matsvinn til matglede", co_contributors=[("Per", "per@example.no")]
    )
    talk = ProgramItem.objects.create(
        edition=edition,
        title=contribution.title,
        contribution=contribution,
        room=hall,
        track=track,
        starts_at=at(edition, 1, 10),
        ends_at=at(edition, 1, 11),
    )
    ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        kind="plenary",
        room=hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )
    publish_program(edition=edition, user=None)
    return talk


@pytest.fixture
def rate_limits(settings: Settings) -> Callable[..., None]:
    """Turn the rate limits on (they are off in tests, which submit the same forms many times from
    127.0.0.1) with the rules given per purpose: `rate_limits(registration="2/h/ip")`."""

    from django.core.cache import caches

    caches[settings.RATE_LIMIT_CACHE].clear()

    def turn_on(**rules: str) -> None:
        settings.RATE_LIMITS_ENABLED = True
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **rules}

    return turn_on
