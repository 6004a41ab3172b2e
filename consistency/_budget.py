"""A time limit around one document's work, so that no input can hang a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["MIN_BUDGET_SECONDS", "OverBudget", "time_limit"]

#: Even the smallest document gets this long.
MIN_BUDGET_SECONDS = 2.0


class OverBudget(Exception):
    """The work took longer than its budget."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` inside the block once ``seconds`` have passed.

    It uses the interval timer of the main thread (SIGALRM); elsewhere (another thread, or a platform without
    it) the block runs without a limit. Python code is interrupted between bytecodes: the budget bounds our
    loops, not one call into C.

    >>> with time_limit(1):
    ...     sum(range(10))
    45
    >>> try:
    ...     with time_limit(0.05):
    ...         while True:
    ...             pass
    ... except OverBudget:
    ...     print("stopped")
    stopped
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
