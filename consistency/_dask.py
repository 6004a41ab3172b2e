"""The same pipeline on a Dask cluster (``--scheduler ADDRESS``, or ``local`` for a LocalCluster on this machine).

Imported only when a run names a scheduler: Dask is an optional extra (``pip install 'consistency[dask]'``).
The client cuts the work as the local pool does (:mod:`consistency._units`): units of whole stories are read,
aligned and compared on the workers, which send back tables; a story too big for one task is read in chunks of
documents on several workers and its facts then aligned on one. The client puts every result back in order
and writes the report; so the output is byte-identical to a run in one process.

A Dask worker runs tasks in threads, where the signal-based time limit of :mod:`consistency._budget` cannot
fire: a document's budget is kept there by :func:`thread_time_limit` instead.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from consistency._budget import REFIRE_SECONDS, OverBudget, time_limit
from consistency._files import FORK_SAFE_THREAD
from consistency._parallel import _IN_FLIGHT, Backend, Call, Queue, SchedulerError, Then, available_cores

__all__ = ["MISSING", "DaskBackend", "dask_backend", "require_dask", "thread_time_limit"]

#: What a user without Dask is told.
MISSING = "--scheduler needs Dask, which is not installed: pip install 'consistency[dask]'"
#: How long the client waits for a scheduler to answer each step of connecting (seconds); three steps in all.
CONNECT_TIMEOUT = 10.0


def require_dask() -> Any:
    """The ``distributed`` module (untyped: used through ``Any``); :class:`~consistency._parallel.SchedulerError`
    when it cannot be imported: :data:`MISSING` when Dask is not installed, else what stopped the import (a
    dependency missing, or a file beside the user's script named like a module Dask imports, ``timeit.py``)."""
    try:
        import distributed
    except ImportError as err:
        if isinstance(err, ModuleNotFoundError) and (err.name or "").partition(".")[0] in ("dask", "distributed"):
            raise SchedulerError(MISSING) from None
        raise SchedulerError(
            f"--scheduler needs Dask, which is installed but cannot be imported: {' '.join(str(err).split())}"
        ) from None
    return distributed


@contextmanager
def local_cluster() -> Iterator[Any]:
    """A LocalCluster for one run: a worker process per core, one thread each, no dashboard, quiet logs."""
    with require_dask().LocalCluster(
        n_workers=available_cores(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,  # no dashboard; its web server on any free port, not 8787 a second run holds
        scheduler_kwargs={"dashboard_address": ":0"},
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


@contextmanager
def dask_backend(scheduler: str) -> Iterator[DaskBackend]:
    """A client of the scheduler at ``scheduler`` (``"local"``: of a LocalCluster started for the run)."""
    distributed = require_dask()
    if scheduler == "local":
        with local_cluster() as cluster, distributed.Client(cluster) as client:
            yield DaskBackend(client)
        return
    with _client(distributed, scheduler) as client:
        yield DaskBackend(client)


def _client(distributed: Any, scheduler: str) -> Any:
    """A client of the scheduler at ``scheduler``, or a one-line :class:`SchedulerError` within three times
    :data:`CONNECT_TIMEOUT`. Dask's own timeout bounds reaching the address, but a server there that is no
    scheduler (a web server; the cluster's dashboard, on 8787 beside the scheduler's 8786) can keep its greeting
    waiting for good, or announce a message of exabytes (a MemoryError): so the client is made in a thread of
    its own, which the run stops waiting for."""
    made: list[Any] = []
    failed: list[Exception] = []

    def connect() -> None:
        try:
            made.append(distributed.Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s"))
        except Exception as err:  # raised again, in one line, by the thread that waits
            failed.append(err)

    thread = threading.Thread(target=connect, name="consistency-connect", daemon=True)
    thread.start()
    thread.join(3 * CONNECT_TIMEOUT)
    where = f"cannot reach the Dask scheduler at {scheduler}"
    if thread.is_alive():
        raise SchedulerError(
            f"{where}: nothing there answered as a Dask scheduler within {3 * CONNECT_TIMEOUT:g} s"
            " (a scheduler listens on port 8786 unless told otherwise; 8787 is its dashboard)"
        )
    if failed:
        err = failed[0]
        if isinstance(err, MemoryError):
            said = "what answered there does not speak Dask's protocol (is it the scheduler's address?)"
        elif isinstance(err, (OSError, TimeoutError, ValueError)):
            said = str(err)
        else:
            said = f"{type(err).__name__}: {err}"
        raise SchedulerError(f"{where}: {' '.join(said.split())}")
    return made[0]


class DaskBackend(Backend):
    """Extraction and alignment as tasks on a Dask cluster (see :class:`consistency._parallel.Backend`)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        # Tasks to keep running at once: one per worker thread (a LocalCluster here has one thread per worker
        # process; threads of one worker share its interpreter, so a process per core serves best).
        self.jobs = max(1, sum(int(n) for n in client.nthreads().values()))
        self.limit = thread_time_limit

    def share(self, value: Any) -> Any:
        """``value`` sent to every worker once (the stories' publication days), not with every task."""
        [data] = self.client.scatter([value], broadcast=True)
        return data

    def run(self, calls: Sequence[Call], then: Then | None = None) -> list[Any]:
        """Each call's result, in the order of ``calls``, with at most :data:`_IN_FLIGHT` tasks per worker
        submitted at once (the rest of the corpus waits on the client, not in the scheduler's memory). A list of
        ``calls`` is the run's: each call's arguments are let go once sent."""
        calls = calls if isinstance(calls, list) else list(calls)
        results: list[Any] = [None] * len(calls)
        index: dict[Any, int] = {}
        waiting = Queue(len(calls))
        pending = require_dask().as_completed()

        def submit() -> None:
            while waiting and len(index) < self.jobs * _IN_FLIGHT:
                n = waiting.next()
                fn, args = calls[n]
                # The work (the first argument: documents, or a story's facts) goes to the cluster as data, not
                # inside the task graph (which Dask warns is slow for megabytes), and without hashing it for a key.
                [data] = self.client.scatter([args[0]], hash=False)
                future = self.client.submit(fn, data, *args[1:], pure=False)
                index[future.key] = n
                pending.add(future)
                calls[n] = (fn, ())  # sent: the client need not hold its arguments (a story's facts)

        submit()
        for future in pending:
            n = index.pop(future.key)
            results[n] = future.result()  # a worker's unexpected error is raised here, as in one process
            future.release()
            more = then(n, results[n]) if then is not None else []
            waiting.added(len(calls), len(more))
            calls.extend(more)
            results.extend([None] * len(more))
            submit()
        return results


@contextmanager
def thread_time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`~consistency._budget.OverBudget` inside the block once ``seconds`` have passed, in any
    thread: the process's one watching thread (:class:`_Watchdog`) asks the interpreter to raise it in the thread
    that runs the block (between bytecodes, as the signal of :func:`consistency._budget.time_limit` does, which
    is used in the main thread).

    >>> import time
    >>> try:
    ...     with thread_time_limit(0.05):
    ...         while True:
    ...             time.sleep(0.001)
    ... except OverBudget:
    ...     print("stopped")
    stopped
    """
    if threading.current_thread() is threading.main_thread():
        with time_limit(seconds):
            yield
        return
    block = _Block(threading.get_ident(), time.monotonic() + seconds)
    _WATCHDOG.watch(block)
    try:
        yield
    finally:
        while True:  # the alarm may land in forget() itself, before it took the block off the watch
            try:
                _WATCHDOG.forget(block)
                break
            except OverBudget:
                continue
    if block.fired:
        raise OverBudget(f"over {seconds:g} s")  # the block finished, but only because an alarm was dropped


@dataclass
class _Block:
    """A block under :func:`thread_time_limit`: the thread running it, when its time is up (then the next time
    to raise again), and whether it was raised."""

    thread: int
    deadline: float
    fired: bool = False


class _Watchdog:
    """One thread per process that raises :class:`~consistency._budget.OverBudget` in each thread whose block is
    past its deadline, and again every :data:`~consistency._budget.REFIRE_SECONDS` until the block is left (an
    exception raised inside a garbage-collector callback, as distributed's GCDiagnosis runs, is printed and
    dropped). A thread of its own per block cost a worker 7% of its time: one start per document."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """No block, no thread yet (and a lock no other thread holds): as the watchdog starts, and in a process
        forked from one whose watchdog ran (the copy has neither its thread nor its blocks)."""
        self._changed = threading.Condition()
        self._blocks: dict[int, _Block] = {}  # by id()
        self._thread: threading.Thread | None = None

    def watch(self, block: _Block) -> None:
        with self._changed:
            self._blocks[id(block)] = block
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=FORK_SAFE_THREAD, daemon=True)
                self._thread.start()
            self._changed.notify()

    def forget(self, block: _Block) -> None:
        with self._changed:
            self._blocks.pop(id(block), None)
            if block.fired:  # not raised yet (the block ended first): withdraw it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(block.thread), None)

    def _run(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for block in self._blocks.values():
                    if block.deadline <= now:
                        block.fired = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(block.thread), ctypes.py_object(OverBudget)
                        )
                        block.deadline = now + REFIRE_SECONDS
                wake = min((block.deadline for block in self._blocks.values()), default=None)
                self._changed.wait(None if wake is None else max(0.0, wake - now))


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_WATCHDOG.reset)
