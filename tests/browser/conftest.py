"""Fixtures for the real-browser tests (Playwright + Debian Chromium against pytest-django's live server).

Every browser test is transactional (the live server runs in another thread and must see committed
data), and pytest-django ends each transactional test with a flush of every table. That also deletes
the rows the data migrations loaded (municipalities, themes, goals), so:

- `reference_data` re-creates them before each test here, and
- `_restore_reference_data_after_module` re-creates them after the last test of each module has been
  flushed, so tests that run later in the same session (other transactional tests, burst tests) still
  find them.
"""

import re
from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page
from pluggy import Result

from gronnpraksis.accounts.models import User
from tests.factories import EditionFactory, ensure_reference_data


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data_after_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_reference_data()
    yield
    # Runs after the flush that ended this module's last test.
    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def reference_data(transactional_db):
    ensure_reference_data()


@pytest.fixture
def live_edition(reference_data):
    """An edition open for registration and contributions (two days, one free ticket)."""
    return EditionFactory()


@pytest.fixture
def log_in(live_server):
    """Log a user in to a Playwright page by copying a Django session cookie into its context."""

    def log_in(page: Page, user: User) -> None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    return log_in


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Result[pytest.TestReport]]:
    """Save a screenshot of every open page when a browser test fails (also without --screenshot)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or not isinstance(item, pytest.Function):
        return
    browser = cast("Browser | None", item.funcargs.get("browser"))
    page = cast("Page | None", item.funcargs.get("page"))
    if browser is None and page is not None:
        browser = page.context.browser
    if browser is None:
        return
    output = Path(item.config.getoption("--output", default="test-results") or "test-results")
    folder = output / "failure-screenshots"
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", item.nodeid).strip("-")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pages = [p for context in browser.contexts for p in context.pages]
        for number, open_page in enumerate(pages):
            path = folder / f"{slug}-{number}.png"
            open_page.screenshot(path=str(path), full_page=True)
            report.sections.append(("browser", f"screenshot of {open_page.url}: {path}"))
    except Exception as error:  # a failed screenshot must not hide the real failure
        report.sections.append(("browser", f"no screenshot: {error}"))
