"""Types for test helpers and the fixtures they take."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse
    from playwright.sync_api import Page

    from gronnpraksis.accounts.models import User

    TestResponse = _MonkeyPatchedWSGIResponse
    """What Django's test client answers: a response with `content`, `json()`, `templates`, …"""

    LogIn = Callable[[Page, User], None]
    """The `log_in` fixture of the browser tests: log a user in to a page."""
else:
    TestResponse = LogIn = object

Axe = Callable[..., list[dict[str, Any]]]
"""The `axe` fixture: run axe on the current page (optionally on a part of it); the violations."""
