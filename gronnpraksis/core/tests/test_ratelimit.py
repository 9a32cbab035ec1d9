"""The rate-limit counter: rules, who is counted, windows, and a concurrent burst."""

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from gronnpraksis.core import ratelimit
from gronnpraksis.core.ratelimit import Rule
from gronnpraksis.ideas.views import reporter_key
from tests.burst.threads import gather_together


def request(address: str = "192.0.2.1", forwarded: str = "") -> HttpRequest:
    extra: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/", REMOTE_ADDR=address, **extra)


# --- Rules ------------------------------------------------------------------------------------------


def test_rules_are_read_strictly():
    assert ratelimit.parse("10/h/ip, 3/15m/email") == (Rule(10, 3600, "ip"), Rule(3, 900, "email"))
    assert ratelimit.parse("2/d/ip") == (Rule(2, 86400, "ip"),)
    assert ratelimit.parse("off") == ratelimit.parse("") == ()


@pytest.mark.parametrize(
    "value", ["10/h", "10/hour/ip", "ten/h/ip", "0/h/ip", "5/0m/ip", "5/h/user", "5/h/ip;"]
)
def test_a_malformed_rule_is_an_error(value):
    with pytest.raises(ValueError):
        ratelimit.parse(value)


def test_a_purpose_without_a_setting_is_a_configuration_error(settings):
    settings.RATE_LIMITS_ENABLED = True
    with pytest.raises(ImproperlyConfigured):
        ratelimit.check(request(), "nothing-like-this")


def test_every_default_limit_is_valid(settings):
    for purpose in settings.RATE_LIMIT_DEFAULTS:
        assert ratelimit.rules_for(purpose)


# --- Who is counted ------------------------------------------------------------------------------------


def test_the_client_address_is_remote_addr_unless_a_proxy_is_trusted(settings):
    assert ratelimit.client_key(request("192.0.2.1", forwarded="203.0.113.5")) == "192.0.2.1"

    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; anything to its left is whatever the client sent.
    assert ratelimit.client_key(request("10.0.0.2", forwarded="1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert ratelimit.client_key(request("10.0.0.2")) == "10.0.0.2"


def test_an_ipv6_client_is_counted_by_its_64_network():
    one = ratelimit.client_key(request("2001:db8:1:2::1"))
    other = ratelimit.client_key(request("2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"
    assert ratelimit.client_key(request("::ffff:192.0.2.7")) == "192.0.2.7"


def test_e_mail_addresses_are_counted_as_one_mailbox():
    assert ratelimit.normalised_email(" Kari+Spam@Example.NO ") == "kari@example.no"


def test_reporting_a_comment_keeps_the_key_it_had():
    """The report key now takes the address from the shared helper; reports stored before must match."""
    anonymous = request("198.51.100.4")
    anonymous.user = AnonymousUser()

    expected = "ip:" + salted_hmac("ideas.report", "198.51.100.4", algorithm="sha256").hexdigest()[:40]
    assert reporter_key(anonymous) == expected


# --- Counting --------------------------------------------------------------------------------------------


def test_limits_per_client_and_per_e_mail_are_independent(settings, rate_limits):
    rate_limits(comment="2/h/ip,1/h/email")

    assert ratelimit.check(request("192.0.2.1"), "comment", email="a@example.no") is None
    refused = ratelimit.check(request("192.0.2.2"), "comment", email="A@example.no")
    assert refused is not None and 0 < refused.retry_after <= 2 * 3600
    assert ratelimit.check(request("192.0.2.2"), "comment", email="b@example.no") is None
    assert ratelimit.check(request("192.0.2.1"), "comment", email="c@example.no") is None
    assert ratelimit.check(request("192.0.2.1"), "comment", email="d@example.no") is not None


def test_a_window_ends_and_the_client_may_try_again(rate_limits, monkeypatch):
    rate_limits(comment="1/m/ip")
    now = [60.0 * 16_667]  # the start of a minute
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert ratelimit.check(request(), "comment") is None
    now[0] += 30
    # The estimate counts the previous minute's attempt in full at the start of the next one.
    assert ratelimit.check(request(), "comment").retry_after == 90  # type: ignore[union-attr]
    now[0] += 89
    assert ratelimit.check(request(), "comment") is not None

    now[0] += 2

    assert ratelimit.check(request(), "comment") is None


def test_a_burst_across_a_window_boundary_gets_no_more_through(rate_limits, monkeypatch):
    """A window aligned to the clock would let 5 through just before the minute and 5 just after."""
    rate_limits(comment="5/m/ip")
    now = [60.0 * 16_667 - 0.5]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    before = [ratelimit.check(request(), "comment") for _ in range(3)]
    now[0] += 1
    after = [ratelimit.check(request(), "comment") for _ in range(10)]

    assert sum(r is None for r in before + after) == 5
    now[0] += 30  # half the previous minute's attempts no longer count
    assert sum(ratelimit.check(request(), "comment") is None for _ in range(5)) == 1


def test_nothing_is_counted_when_the_limits_are_off(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "1/h/ip"}
    settings.RATE_LIMITS_ENABLED = False

    assert [ratelimit.check(request(), "comment") for _ in range(5)] == [None] * 5


def test_a_concurrent_burst_gets_exactly_the_limit_through(rate_limits):
    rate_limits(registration="5/h/ip")
    allowed = [
        ok
        for ok in gather_together(lambda _: ratelimit.check(request(), "registration") is None, range(30))
        if ok
    ]

    assert len(allowed) == 5


def test_the_refusal_says_how_long_to_wait():
    with translation.override("en"):
        assert "wait 1 minute " in ratelimit.Refusal(retry_after=20).message
        assert "wait 15 minutes " in ratelimit.Refusal(retry_after=14 * 60 + 1).message
        assert "wait 90 minutes " in ratelimit.Refusal(retry_after=90 * 60).message
        assert "wait 2 hours " in ratelimit.Refusal(retry_after=90 * 60 + 1).message
        assert "wait 24 hours " in ratelimit.Refusal(retry_after=86400).message


@pytest.fixture
def database_cache(settings):
    """The rate limits in the database cache, which every process shares (CACHE_BACKEND=database)."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_ratelimit_cache",
        },
    }
    settings.RATE_LIMIT_CACHE = "shared"
    call_command("createcachetable", "test_ratelimit_cache")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE test_ratelimit_cache")


@pytest.mark.django_db(transaction=True)
def test_on_the_database_cache_a_burst_after_a_window_ended_gets_exactly_the_limit(
    database_cache, rate_limits, monkeypatch
):
    """The database cache's `add` over an expired row is a SELECT, then an UPDATE: concurrent attempts
    would all "add" it. Slots are never reused, so the rows an earlier window left do not matter.

    PostgreSQL only: SQLite serialises the whole add (BEGIN IMMEDIATE), and its in-memory test database
    refuses a concurrent reader at once ("database table is locked"), which measures the test setup.
    tests/burst/test_rate_limit_burst.py covers SQLite through a database file and real processes."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent threads on the in-memory SQLite test database")
    rate_limits(registration="5/m/ip")
    ticks = itertools.count()
    now = [time.time() // 60 * 60 + 60]  # the start of the next minute
    # Each call a little later, as concurrent requests see the clock.
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0] + next(ticks) / 10_000)
    assert sum(ratelimit.check(request(), "registration") is None for _ in range(8)) == 5
    # Ten minutes on: the entries have expired (the cache expires by the real clock), the rows stay.
    now[0] += 10 * 60
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE test_ratelimit_cache SET expires = %s", [timezone.now() - timedelta(minutes=5)]
        )

    allowed = _burst(20, lambda: ratelimit.check(request(), "registration") is None)

    assert sum(allowed) == 5


def _burst(count: int, attempt: Callable[[], bool]) -> list[bool]:
    return gather_together(lambda _: attempt(), range(count), what="rate-limit burst")


def _settings_in_a_new_process(**env: str) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.RATE_LIMITS['comment'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "TESTING": "true", "DJANGO_SETTINGS_MODULE": "gronnpraksis.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_limit_is_set_from_the_environment_and_a_malformed_one_stops_the_start():
    assert _settings_in_a_new_process(RATE_LIMIT_COMMENT="2/h/ip").stdout.strip() == "2/h/ip"
    assert _settings_in_a_new_process(RATE_LIMIT_COMMENT="off").stdout.strip() == "off"

    result = _settings_in_a_new_process(RATE_LIMIT_COMMENT="2 per hour")

    assert result.returncode != 0
    assert "RATE_LIMIT_COMMENT must be rules like 10/h/ip,3/15m/email or off" in result.stderr
