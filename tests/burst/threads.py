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


def gather_together[Item, Result](
    work: Callable[[Item], Result], items: Iterable[Item], *, timeout: float = 60.0, what: str = "burst"
) -> list[Result]:
    """Run `work` once per item, each in its own thread, all released together; returns what the calls
    returned (in the order they finished). An exception in a thread fails the caller's test with it."""
    chosen = list(items)
    barrier = threading.Barrier(len(chosen))
    lock = threading.Lock()
    results: list[Result] = []
    errors: list[BaseException] = []

    def worker(item: Item) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(item)
            with lock:
                results.append(result)
        except BaseException as error:  # re-raised in the caller's thread below
            errors.append(error)
        finally:
            connections.close_all()

    started = [threading.Thread(target=worker, args=(item,), daemon=True) for item in chosen]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in started), f"the {what} did not finish in {timeout:.0f} s"
    if errors:
        raise errors[0]
    return results
