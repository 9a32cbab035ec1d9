"""Rate limits against scripted floods: registrations, contributions, comments, offers to help, the
contact relay, sharing, nominations and login-code requests.

Each purpose has rules like "10/h/ip,3/h/email" (settings.RATE_LIMITS, from `RATE_LIMIT_<PURPOSE>`):
at most 10 attempts an hour from one client address and 3 an hour for one e-mail address. A view calls
`allows()` once the form is valid, before anything is written; a refused attempt is answered (with the
view decorated `@limited`) with the form as typed, the reason in its error summary, and status 429.

Counting is a sliding window per rule and subject (estimated from two clock-aligned buckets), kept in
the cache named by settings.RATE_LIMIT_CACHE. An attempt takes the first free numbered slot of the
current bucket with `cache.add` on a key never used before, which is atomic on every backend (local
memory, database, Redis, memcached): concurrent attempts never take the same slot, so a burst gets
exactly `count` attempts through, as long as every process uses the same cache. With the per-process local-memory cache a limit holds per worker only:
production must share the cache (CACHE_BACKEND=database).

Neither the address nor the e-mail is stored: keys carry a keyed hash (HMAC with SECRET_KEY).
"""

import ipaddress
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from .network import client_address

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
SCOPES = ("ip", "email")
RULE = re.compile(r"^(\d+)/(\d*)([smhd])/(ip|email)$")


@dataclass(frozen=True)
class Rule:
    count: int
    seconds: int
    scope: str  # "ip" or "email"


def parse(value: str) -> tuple[Rule, ...]:
    """The rules of one setting value, e.g. "10/h/ip,3/15m/email"; "" or "off" is no limit.
    Raises ValueError for anything else."""
    value = value.strip()
    if value in {"", "off"}:
        return ()
    rules = []
    for part in value.split(","):
        match = RULE.match(part.strip())
        if match is None:
            raise ValueError(f"{part.strip()!r} is not a rate limit like 10/h/ip or 3/15m/email")
        count, multiple, unit, scope = match.groups()
        seconds = int(multiple or 1) * UNITS[unit]
        if int(count) < 1 or seconds < 1:
            raise ValueError(f"{part.strip()!r}: the count and the period must be at least 1")
        rules.append(Rule(count=int(count), seconds=seconds, scope=scope))
    return tuple(rules)


def rules_for(purpose: str) -> tuple[Rule, ...]:
    limits = getattr(settings, "RATE_LIMITS", {})
    if purpose not in limits:
        raise ImproperlyConfigured(f"RATE_LIMITS has no entry for {purpose!r}")
    try:
        return parse(limits[purpose])
    except ValueError as error:
        raise ImproperlyConfigured(f"RATE_LIMITS[{purpose!r}]: {error}") from None


# --- Who is asking ---------------------------------------------------------------------------------


def client_key(request: HttpRequest) -> str:
    """What a client is counted by: its address (`core.network.client_address`, which knows about
    trusted proxies), an IPv6 address as its /64, which one client usually holds whole."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def hashed_client_address(request: HttpRequest, salt: str) -> str:
    """A keyed hash of `client_key()`, for counting without storing the address."""
    return salted_hmac(salt, client_key(request), algorithm="sha256").hexdigest()


def normalised_email(email: str) -> str:
    """The address as one mailbox: lower case, without a "+tag", so tags do not buy new attempts."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if local else domain


# --- Counting --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """An attempt over a limit; `retry_after` is the number of seconds until the window ends."""

    retry_after: int

    @property
    def message(self) -> str:
        if self.retry_after > 90 * 60:
            hours = math.ceil(self.retry_after / 3600)
            return ngettext(
                "There have been many submissions from this connection or e-mail address in a short time. "
                "Please wait %(hours)s hour and send again: what you typed is kept.",
                "There have been many submissions from this connection or e-mail address in a short time. "
                "Please wait %(hours)s hours and send again: what you typed is kept.",
                hours,
            ) % {"hours": hours}
        minutes = max(math.ceil(self.retry_after / 60), 1)
        return ngettext(
            "There have been many submissions from this connection or e-mail address in a short time. "
            "Please wait %(minutes)s minute and send again: what you typed is kept.",
            "There have been many submissions from this connection or e-mail address in a short time. "
            "Please wait %(minutes)s minutes and send again: what you typed is kept.",
            minutes,
        ) % {"minutes": minutes}


def check(request: HttpRequest, purpose: str, *, email: str = "") -> Refusal | None:
    """Count one attempt at `purpose` from this client (and for `email`, if given); None when it is
    within every limit, else a Refusal. Side effect: takes one slot of each rule's window in the
    rate-limit cache (an attempt refused by one rule may still have taken a slot of another). When the
    cache fails, the attempt is let in and the failure logged as an error."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return None
    refusal = None
    for rule in rules_for(purpose):
        if rule.scope == "email":
            if not email:
                continue
            subject = salted_hmac(
                "gronnpraksis.ratelimit.email", normalised_email(email), algorithm="sha256"
            ).hexdigest()
        else:
            subject = hashed_client_address(request, "gronnpraksis.ratelimit.ip")
        try:
            wait = _take_slot(f"rl:{purpose}:{rule.scope}:{subject[:32]}", rule)
        except Exception:  # a broken cache must not take the forms down with it: let the attempt in
            logger.exception(
                "Rate limit %r not counted: the cache %r failed", purpose, settings.RATE_LIMIT_CACHE
            )
            continue
        if wait is not None:
            refusal = Refusal(retry_after=max(wait, refusal.retry_after if refusal else 0))
    return refusal


def _take_slot(key: str, rule: Rule) -> int | None:
    """Take a free slot of the rule's current window; None if one was free, else about how many
    seconds until one will be.

    A sliding window, estimated from two clock-aligned buckets: of the previous bucket's attempts,
    the share that still lies within `rule.seconds` of now (as if they were spread evenly, rounded
    up) counts against the current bucket's slots. A burst across a bucket boundary therefore gets no
    more through than one inside a bucket. Every slot key is new (it names its bucket), so `add`
    never meets an expired entry (the database cache's `add` over an expired row is not atomic)."""
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "ratelimits")]
    now = time.time()
    bucket, elapsed = divmod(now, rule.seconds)
    key = f"{key}:{rule.count}/{rule.seconds}"
    previous = [f"{key}:{int(bucket) - 1}:{slot}" for slot in range(rule.count)]
    current = [f"{key}:{int(bucket)}:{slot}" for slot in range(rule.count)]
    found = cache.get_many(previous + current)
    earlier = math.ceil(sum(k in found for k in previous) * (1 - elapsed / rule.seconds))
    timeout = math.ceil(2 * rule.seconds - elapsed) + 1  # the slot also counts in the next bucket
    for slot_key in current[: rule.count - earlier]:
        if slot_key not in found and cache.add(slot_key, 1, timeout=timeout):
            return None
    taken = sum(k in found for k in current)
    if taken < rule.count and earlier:  # wait until the previous bucket weighs one attempt less
        share = (rule.count - taken - 1) / sum(k in found for k in previous)
        return max(math.ceil((1 - share) * rule.seconds - elapsed), 1)
    return math.ceil(rule.seconds - elapsed + rule.seconds / rule.count)


def allows(request: HttpRequest, form: forms.Form, purpose: str, *, email: str = "") -> bool:
    """`check()` for a valid form: True when the attempt is within the limits. Otherwise the reason
    goes into the form's error summary (the form keeps what was typed) and the request is marked, so
    that a view decorated with `@limited` answers 429 with Retry-After."""
    refusal = check(request, purpose, email=email)
    if refusal is None:
        return True
    form.add_error(None, refusal.message)
    request.rate_limit_refusal = refusal  # type: ignore[attr-defined]
    return False


def limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views that call `allows()`: a re-rendered form refused by a limit answers 429."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        refusal: Refusal | None = getattr(request, "rate_limit_refusal", None)
        if refusal is not None and (response.status_code < 300 or response.status_code == 400):
            response.status_code = 429
            response["Retry-After"] = str(refusal.retry_after)
        return response

    return wrapper
