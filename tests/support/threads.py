"""Running test code in many threads at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_in_threads(
    target: Callable[[int], object], count: int, *, timeout: float | None = None
) -> list[threading.Thread]:
    """Start ``count`` threads running ``target(index)``, then join each (``timeout``: at
    most that long each); return the threads, so a caller can check none is still alive."""
    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return threads


def run_together(count: int, work: Callable[[], Any]) -> list[Any]:
    """Run ``work()`` in ``count`` threads released at the same moment; return the results."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except BaseException as exc:  # surfaced below, in the test's thread
            errors.append(exc)

    run_in_threads(worker, count)
    assert not errors, errors
    return results
