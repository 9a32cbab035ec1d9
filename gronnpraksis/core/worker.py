"""All background work of the platform as one list of passes, run by `manage.py worker`.

A pass is a callable that does what is due now and yields lines for the log; the worker runs each
pass every `every` seconds. The apps register their passes from `AppConfig.ready()` (`register_pass`),
so this module imports no app. Every pass is safe with several workers at once: what it works on is
claimed first (a conditional UPDATE, see docs/architecture.md, "Background work"), or changing it twice
changes nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pass:
    name: str
    run: Callable[[], Iterable[str]]
    every: float  # seconds between the start of one run and the next


PASSES: list[Pass] = []  # filled by the apps from their AppConfig.ready(), in INSTALLED_APPS order


def register_pass(name: str, run: Callable[[], Iterable[str]], *, every: float) -> None:
    """Add background work to the worker. Apps call this from `AppConfig.ready()`, so the worker (and
    core) knows no app. Registering a name again replaces its pass (ready() may run twice in tests)."""
    job = Pass(name, run, every=every)
    for index, existing in enumerate(PASSES):
        if existing.name == name:
            PASSES[index] = job
            return
    PASSES.append(job)


def _check_connections() -> None:
    """Close database connections that are broken or past DB_CONN_MAX_AGE (the next query opens a fresh
    one), as Django does around each request; never one inside a transaction (a caller's, or a test's)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def run(
    passes: Sequence[Pass] = PASSES,
    *,
    once: bool = False,
    tick: float = 1.0,
    write: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Run the passes, each when it is due, until `stop` is set (or after one round with `once`).

    A pass that fails is logged and tried again at its next turn, so a database restart or a broken
    feed does not stop the other work; with `once` the error is raised. Database connections are
    checked between passes (a worker outlives PostgreSQL restarts).
    """
    stop = stop or threading.Event()
    next_run = {job.name: 0.0 for job in passes}
    while not stop.is_set():
        for job in passes:
            if stop.is_set() or time.monotonic() < next_run[job.name]:
                continue
            _check_connections()
            try:
                for line in job.run():
                    write(f"worker: {job.name}: {line}")
            except Exception:
                if once:
                    raise
                logger.exception("worker: pass %s failed; trying again at its next turn", job.name)
            finally:
                _check_connections()
            next_run[job.name] = time.monotonic() + job.every
        if once:
            return
        stop.wait(tick)
