"""Check 6 (load) of `make prod-check`: a benchmark through nginx, and the programme page against nginx
serving a static file of the same size in the same run (target: at least half that rate)."""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor

from tests.burst import harness

from .stack import HOST, Outcome, Stack, programme_path

CLIENTS = 32
# The programme page through nginx's page cache, as a share of nginx's rate for a static file as large.
TARGET_RATIO = 0.5


def measure(stack: Stack, path: str, requests: int, clients: int = CLIENTS) -> tuple[float, float, int]:
    """(requests a second, p95 in ms, failed requests) for `requests` GETs of `path` from `clients`
    clients with kept-alive connections, asking for gzip as browsers do."""

    def client(share: int) -> list[tuple[int, float]]:
        connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
        answers = []
        for _ in range(share):
            started = time.monotonic()
            try:
                connection.request("GET", path, headers={"Accept-Language": "nb", "Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                answers.append((response.status, time.monotonic() - started))
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
                answers.append((0, time.monotonic() - started))
        connection.close()
        return answers

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as executor:
        answers = [a for part in executor.map(client, [requests // clients] * clients) for a in part]
    seconds = time.monotonic() - started
    failed = sum(1 for status, _ in answers if status != 200)
    p95 = harness.percentile([t for _, t in answers], 0.95) * 1000
    return len(answers) / seconds, p95, failed


def check_load(stack: Stack) -> Outcome:
    """A benchmark: the programme and the example bank through nginx from 32 clients (2,000 people opening
    the programme in the morning is some 30 requests a second; this sends as fast as the stack answers),
    then the programme against the same bytes as a static file. Fails on errors and below the target."""
    programme = programme_path(stack)
    figures = []
    errors = 0
    for name, path in {"programme": programme, "bank": "/eksempler/"}.items():
        rate, p95, failed = measure(stack, path, 1000)
        errors += failed
        figures.append(f"{name} {rate:.0f}/s p95 {p95:.0f} ms {failed} errors")

    # The same page as a file nginx serves from /static/ (same size, same type, same gzip on the fly).
    status, _headers, body = stack.get(programme, {"Accept-Encoding": "identity"})
    static_root = stack.env["STATIC_ROOT"]
    with open(f"{static_root}/prodcheck-programme.html", "wb") as copy:
        copy.write(body)
    static = "/static/prodcheck-programme.html"
    if stack.get(static)[0] != 200 or status != 200:
        return Outcome(False, "the programme or its static copy does not answer 200")
    rates: dict[str, list[float]] = {"static": [], "page": []}
    for _round in range(2):  # alternated, so a busy moment of the machine hits both alike
        for name, path in (("static", static), ("page", programme)):
            rate, _p95, failed = measure(stack, path, 2000)
            errors += failed
            rates[name].append(rate)
    page, file = max(rates["page"]), max(rates["static"])
    ratio = page / file
    figures.append(
        f"programme page {page:.0f}/s vs static file of the same {len(body) // 1024} KB {file:.0f}/s: "
        f"{ratio:.0%} (target {TARGET_RATIO:.0%})"
    )
    return Outcome(errors == 0 and ratio >= TARGET_RATIO, f"{CLIENTS} clients: " + "; ".join(figures))
