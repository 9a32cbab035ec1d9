"""Check 6 (load) of `make prod-check`: a benchmark through nginx."""

from __future__ import annotations

import http.client
import time

from tests.burst import harness

from .stack import HOST, Outcome, Stack


def check_load(stack: Stack) -> Outcome:
    """A benchmark: the programme and the example bank through nginx from 32 clients with kept-alive
    connections (2,000 people opening the programme in the morning is some 30 requests a second; this
    sends as fast as the stack answers). Fails only on errors."""
    from concurrent.futures import ThreadPoolExecutor

    from gronnpraksis.editions.models import Edition

    # The newest edition whose programme is published.
    slug = next(
        (
            s
            for s in Edition.objects.order_by("-starts_on").values_list("slug", flat=True)
            if stack.get(f"/{s}/program/")[0] == 200
        ),
        None,
    )
    paths = {"programme": f"/{slug}/program/", "bank": "/eksempler/"}
    requests, clients = 1000, 32
    figures = []
    errors = 0
    for name, path in paths.items():

        def client(share: int, path: str = path) -> list[tuple[int, float]]:
            connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
            answers = []
            for _ in range(share):
                started = time.monotonic()
                try:
                    connection.request(
                        "GET", path, headers={"Accept-Language": "nb", "Accept-Encoding": "gzip"}
                    )
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
        errors += failed
        p95 = harness.percentile([t for _, t in answers], 0.95) * 1000
        figures.append(f"{name} {len(answers) / seconds:.0f}/s p95 {p95:.0f} ms {failed} errors")
    return Outcome(errors == 0, f"{requests} requests each from {clients} clients: " + "; ".join(figures))
