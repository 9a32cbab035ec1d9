"""Many threads at once against the database, each with its own connection (the burst tests)."""

import threading
from collections.abc import Callable, Iterable

from django.db import connections


def run_together[Item](
    work: Callable[[Item], None], items: Iterable[Item], *, threads: int, timeout: float, what: str
) -> list[str]:
    """Run `work` for every item from `threads` threads started together, each taking the next item;
    returns the errors raised. Fails when the threads have not finished after `timeout` seconds."""
    queue = iter(items)
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    errors: list[str] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                try:
                    work(item)
                except Exception as error:  # collected and asserted on by the caller
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    started = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in started), f"the {what} did not finish in {timeout:.0f} s"
    return errors
