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
#: Once over budget, the alarm fires again this often until the block is left.
REFIRE_SECONDS = 0.05


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

    An alarm swallowed on its way (raised inside a garbage-collector callback, which Python prints and drops)
    still ends the block: the alarm repeats until the block is left, and a block that got past a dropped alarm
    raises on leaving.

    >>> import time
    >>> try:
    ...     with time_limit(0.05):
    ...         end = time.monotonic() + 0.3
    ...         while time.monotonic() < end:
    ...             try:
    ...                 time.sleep(0.01)
    ...             except OverBudget:
    ...                 pass  # swallowed, as a finaliser would
    ... except OverBudget:
    ...     print("stopped")
    stopped
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    fired = False
    active = True

    def expire(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        if not active:  # an alarm that outlived its block disarms itself
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        fired = True
        raise OverBudget(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    # The alarm repeats every REFIRE_SECONDS until the block is left: an exception raised while Python runs a
    # finaliser or a garbage-collector callback (dask's, for one) is printed and dropped, never reaching us.
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:
        raise OverBudget(f"over {seconds:g} s")  # the block finished, but only because an alarm was dropped
