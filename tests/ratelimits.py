"""Checks shared by the rate-limit tests of every form."""

import html

from django.utils import translation

from gronnpraksis.core.ratelimit import Refusal
from tests.typing import TestResponse


def refusal_message(response: TestResponse) -> str:
    """The message a refused request shows, in bokmål, for the wait the response announces."""
    with translation.override("nb"):
        return Refusal(retry_after=int(response["Retry-After"])).message


def assert_refused(response: TestResponse, *kept: str) -> None:
    """A refused attempt: status 429, the reason in the page, and every value typed still in the form."""
    assert response.status_code == 429, response.status_code
    body = html.unescape(response.content.decode())
    assert refusal_message(response) in body
    for value in kept:
        assert value in body, value
