"""Every core: the pipeline's tasks in a pool of processes.

The pool gets the same work the serial run does, cut into tasks: units of whole stories read, aligned and
compared together, and the documents of a story too big for one task in chunks (:func:`chunks`, a few hundred
kB of text each); see :mod:`consistency._units`. Each task's result comes back with its number and is put in
order before anything else sees it, so the output is byte-identical to a run in one process, whichever worker
finished first.

A corpus smaller than :data:`MIN_POOL_BYTES` runs in this process: starting the workers (each imports the
package and builds the gazetteer, about 1.5 s of one core here) costs more than they save. The environment
variable ``CONSISTENCY_POOL_MIN_BYTES`` overrides the size (``0`` always uses a pool: the tests run small
corpora through it that way).

>>> chunks([10, 10, 10, 10, 10], jobs=2, target=20)
[range(0, 2), range(2, 4), range(4, 5)]
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from consistency._budget import time_limit

if TYPE_CHECKING:  # the pipeline imports this module; the workers import the pipeline
    import datetime as dt

    from consistency.corpus import Document
    from consistency.pipeline import DocumentOutcome, DocumentTask

__all__ = [
    "MIN_POOL_BYTES",
    "POOL_BROKEN",
    "POOL_ENV",
    "Backend",
    "Call",
    "LocalPool",
    "PoolError",
    "SchedulerError",
    "Then",
    "available_cores",
    "backend_for",
    "chunk_size",
    "chunks",
    "extract_chunk",
    "start_early",
]

#: Below this much text a run stays in one process. Measured on a 2-core machine (distinct ECB+/AQUAINT documents
#: of benchmarks/_corpus_gen.py; CPU seconds of this process plus half its two workers', as the machine was shared):
#: 0.86 MB 2.75 s in one process vs 2.94 s with two; 1.7 MB 5.05 vs 4.64; 4.4 MB 13.9 vs 10.3. Each worker
#: spends about 1.8 s starting (imports and the gazetteer), so a pool pays from about 1 MB.
MIN_POOL_BYTES = 1_000_000
#: Overrides :data:`MIN_POOL_BYTES` (a number of bytes; 0 forces a pool).
POOL_ENV = "CONSISTENCY_POOL_MIN_BYTES"
#: Aim for this many tasks per worker, so a slow chunk at the end does not leave the other workers idle ...
_TASKS_PER_WORKER = 8
#: ... with chunks of at least / at most this much text (bytes of a document's text, counted as characters).
_MIN_CHUNK = 64_000
_MAX_CHUNK = 2_000_000
#: Tasks in flight per worker: enough to keep them busy, few enough to bound what waits pickled in the queue.
_IN_FLIGHT = 4


class PoolError(RuntimeError):
    """The local pool lost a worker process: one line, for the user."""


#: What :class:`PoolError` says.
POOL_BROKEN = (
    "a worker process stopped before its work was done (out of memory? a script that runs consistency.report() "
    "needs `if __name__ == '__main__':`); run with --jobs 1 (jobs=1) to read in one process"
)


class SchedulerError(Exception):
    """The Dask scheduler cannot be used (Dask is not installed, or no scheduler answers at the address): the
    message is one line, for the user."""


#: Called with how many tasks' worth of items are done so far.
Done = Callable[[int], None]
#: A task: a function any worker can import, and its arguments.
Call = tuple[Callable[..., Any], tuple[Any, ...]]
#: Called with a finished call's number and result, in this process; returns the calls that result makes
#: possible (numbered after the others, sent before those still waiting: see :class:`Queue`).
Then = Callable[[int, Any], Sequence[Call]]


class Queue:
    """The numbers of a run's calls not yet sent, in the order they go: the calls given, in order, except that
    the calls a result makes possible (:data:`Then`) go before those still waiting. Aligning a split story is its
    longest task, and waits for the story's chunks: sent last, it would run at the end of the run on one worker
    while the others idle, and its tables, the largest, would come back when the client holds all the others.

    >>> q = Queue(3)
    >>> q.next(), q.added(3, 2), q.next(), q.next(), q.next(), q.next(), bool(q)
    (0, None, 3, 4, 1, 2, False)
    """

    def __init__(self, count: int) -> None:
        self._waiting = deque(range(count))

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def next(self) -> int:
        """The number of the call to send next (while there is one)."""
        return self._waiting.popleft()

    def added(self, first: int, count: int) -> None:
        """Calls ``first`` .. ``first + count - 1`` were added: they go next, in order."""
        self._waiting.extendleft(reversed(range(first, first + count)))


def available_cores() -> int:
    """The cores this process may run on: its CPU affinity (where the platform tells it), and no more than the
    CPU quota of its container (:func:`cpu_quota`). A container limited to 2 CPUs on a 64-core machine sees 64
    in its affinity: a worker each would hold 64 units in memory and share two cores.

    >>> available_cores() >= 1
    True
    """
    try:
        cores = len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    quota = cpu_quota()
    return min(cores, quota) if quota else cores


#: Where Linux shows the process's control groups.
CGROUP_ROOT = "/sys/fs/cgroup"


def cpu_quota(root: str = CGROUP_ROOT, own: str = "/proc/self/cgroup") -> int | None:
    """The CPUs the process's control groups let it use, rounded up (a quota of 1.5 CPUs is 2), or None when
    none has a quota or Linux does not say: the smallest of cgroup v2's ``cpu.max`` ("QUOTA PERIOD"; "max" for
    none) in the process's own group and each group above it up to ``root`` (a container's), and cgroup v1's
    ``cpu.cfs_quota_us`` over ``cpu.cfs_period_us`` (-1 for none)."""
    group = ""
    try:
        with open(own, encoding="utf-8") as handle:
            group = next((line.strip()[4:] for line in handle if line.startswith("0::/")), "")
    except OSError:
        pass
    files: list[tuple[str, ...]] = []
    while True:
        files.append((os.path.join(root, group, "cpu.max"),))
        if not group:
            break
        group = os.path.dirname(group)
    for folder in ("cpu", "cpu,cpuacct"):
        files.append((os.path.join(root, folder, "cpu.cfs_quota_us"), os.path.join(root, folder, "cpu.cfs_period_us")))
    quotas = [quota for paths in files if (quota := _quota(paths)) is not None]
    return min(quotas) if quotas else None


def _quota(paths: tuple[str, ...]) -> int | None:
    """The CPUs one group's files allow (``paths``: cgroup v2's ``cpu.max``, or v1's quota and period files)."""
    fields: list[str] = []
    try:
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                fields += handle.read().split()
    except OSError:
        return None
    if len(fields) != 2 or not fields[0].isdigit() or not fields[1].isdigit() or int(fields[1]) == 0:
        return None  # "max", -1, or a file that says no quota we can read
    return max(1, -(-int(fields[0]) // int(fields[1])))


def min_pool_bytes() -> int:
    """:data:`MIN_POOL_BYTES`, or the number in ``CONSISTENCY_POOL_MIN_BYTES``."""
    value = os.environ.get(POOL_ENV, "").strip()
    return int(value) if value.isdigit() else MIN_POOL_BYTES


@contextmanager
def backend_for(documents: Sequence[Document], jobs: int | None, scheduler: str | None) -> Iterator[Backend | None]:
    """The backend a run uses: the Dask cluster at ``scheduler`` when one is named; else a pool of ``jobs``
    processes (None: every core available) when there is more than one and the corpus is large enough for it
    to pay (:func:`min_pool_bytes`); else None, this process."""
    if scheduler:
        from consistency._dask import dask_backend

        with dask_backend(scheduler) as remote:
            yield remote
        return
    workers = available_cores() if jobs is None else jobs
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    size, count = sum(len(d.text) for d in documents), len(documents)
    del documents  # held through the run otherwise: a caller may let them go as they are read
    if workers <= 1 or count < 2 or size < min_pool_bytes() or not _can_spawn():
        yield None
        return
    with LocalPool(min(workers, count)) as pool:
        yield pool


def start_early(paths: Sequence[str | os.PathLike[str]], jobs: int | None) -> None:
    """Start the pool's fork server loading (the package and the place tables, :mod:`consistency._preload`)
    before the corpus at ``paths`` is read, when the run will likely use a pool: more than one worker, and
    files there holding :func:`min_pool_bytes` or more. It then loads on another core while this process reads
    the documents and finds the stories, instead of after (about a second of a short run's wall time). A
    guess from the files' sizes, stopped as soon as it is reached; a server the run does not use after all
    idles until this process exits."""
    workers = available_cores() if jobs is None else jobs
    if workers <= 1 or "forkserver" not in multiprocessing.get_all_start_methods() or not _can_spawn():
        return
    if _bytes_at_least(paths, min_pool_bytes()):
        from multiprocessing import forkserver

        _context()  # names what the server preloads
        forkserver.ensure_running()


def _bytes_at_least(paths: Sequence[str | os.PathLike[str]], limit: int) -> bool:
    """Whether the files at ``paths`` (files, or folders walked) hold at least ``limit`` bytes.

    >>> _bytes_at_least(["seeds"], 1), _bytes_at_least(["seeds"], 10**9), _bytes_at_least(["no/such"], 1)
    (True, False, False)
    """
    total = 0
    for path in paths:
        if os.path.isfile(path):
            total += os.path.getsize(path)
        for folder, _, files in os.walk(path):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    continue
                if total >= limit:
                    return True
    return total >= limit


def _can_spawn() -> bool:
    """Whether worker processes can start here: a new process imports the main script again, which it cannot
    when the script was piped in (``python - < script.py``: its file is "<stdin>")."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(main, "__spec__", None) is not None or path is None or os.path.exists(path)


def chunk_size(total: int, jobs: int) -> int:
    """How much text a task of a run over ``total`` characters on ``jobs`` workers takes: enough for
    :data:`_TASKS_PER_WORKER` tasks per worker, within :data:`_MIN_CHUNK` .. :data:`_MAX_CHUNK`.

    >>> chunk_size(10_000_000, 2)
    625001
    """
    return min(_MAX_CHUNK, max(_MIN_CHUNK, total // (jobs * _TASKS_PER_WORKER) + 1))


def chunks(sizes: Sequence[int], jobs: int, target: int | None = None) -> list[range]:
    """Contiguous runs of items (documents of these ``sizes``) of about ``target`` size each (default: enough
    for :data:`_TASKS_PER_WORKER` tasks per worker, within :data:`_MIN_CHUNK` .. :data:`_MAX_CHUNK`)."""
    if target is None:
        target = chunk_size(sum(sizes), jobs)
    out: list[range] = []
    start, size = 0, 0
    for n, s in enumerate(sizes):
        size += s
        if size >= target:
            out.append(range(start, n + 1))
            start, size = n + 1, 0
    if start < len(sizes):
        out.append(range(start, len(sizes)))
    return out


def warm() -> None:
    """Build the tables extraction needs once per worker (the gazetteer and word tables load on first use), so
    that no document's time budget pays for them."""
    from consistency.extract.places import find_places

    find_places("Paris")


def _context() -> multiprocessing.context.BaseContext:
    """How the pool starts its workers: forked from a server that imported the package and built the tables
    once (``forkserver``, :mod:`consistency._preload`), where the platform has it; else ``spawn``. Neither forks
    this process, so both are safe whatever threads it runs, and the workers are the same either way."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["consistency._preload"])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows has only spawn


def _start_worker() -> None:
    """A pool worker's start: the run's garbage-collection pace and memory pool
    (:func:`consistency._memory.use_heap`), then :func:`warm`."""
    import gc

    from consistency._memory import GC_THRESHOLDS, use_heap

    gc.set_threshold(*GC_THRESHOLDS)
    use_heap()
    warm()


def extract_chunk(
    tasks: Sequence[DocumentTask],
    story_days: Mapping[str, Sequence[dt.date]],
    budget: float,
    limit: Callable[[float], AbstractContextManager[None]] | None = None,
    read: Callable[[int], None] | None = None,
) -> list[DocumentOutcome]:
    """Read a chunk of documents, each as the serial run does (:func:`consistency.pipeline.extract_document`);
    ``read(n)`` is called as the ``n``-th is read.

    ``limit`` is the time limit around one document (default :func:`consistency._budget.time_limit`, which
    a pool's worker runs in its main thread)."""
    from consistency.pipeline import extract_document

    warm()  # a no-op once the process has the tables; a Dask worker gets no initializer
    outcomes: list[DocumentOutcome] = []
    for n, task in enumerate(tasks, 1):
        outcomes.append(extract_document(task, story_days, budget, limit or time_limit))
        if read is not None:
            read(n)
    return outcomes


class Backend:
    """Where the pipeline's tasks run when not in this process: a local pool, or a Dask cluster. Both run calls
    through :meth:`run`; extraction alone (``consistency facts``) is chunks of documents."""

    #: How many tasks run at once.
    jobs: int
    #: The time limit around one document on a worker (None: :func:`consistency._budget.time_limit`).
    limit: Callable[[float], AbstractContextManager[None]] | None = None

    def share(self, value: Any) -> Any:
        """``value`` as an argument of many tasks: itself, or data sent to every worker once."""
        return value

    def run(self, calls: Sequence[Call], then: Then | None = None) -> list[Any]:
        """Each call's result (and those of the calls ``then`` adds), in the order of the calls."""
        raise NotImplementedError

    def extract(
        self,
        tasks: Sequence[DocumentTask],
        story_days: Mapping[str, Sequence[dt.date]],
        budget: float,
        done: Done | None,
    ) -> list[DocumentOutcome]:
        """Every document's outcome, in the order of ``tasks``; ``done(n)`` as the documents come back."""
        runs = chunks([len(t.document.text) for t in tasks], self.jobs)
        days = self.share(dict(story_days))
        calls: list[Call] = [(extract_chunk, ([tasks[i] for i in run], days, budget, self.limit)) for run in runs]
        finished = 0

        def count(n: int, found: list[DocumentOutcome]) -> list[Call]:
            nonlocal finished
            finished += len(found)
            if done is not None:
                done(finished)
            return []

        results = self.run(calls, count)
        return [outcome for chunk in results for outcome in chunk]


class LocalPool(Backend):
    """A pool of ``jobs`` worker processes (see :func:`_context`), each with the gazetteer built before its first
    task."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker)
        # Start every worker now (the pool starts them on demand): they load while this process finds the
        # stories, instead of after. From a thread: starting the first one waits for the fork server to load.
        self._starting = threading.Thread(target=self._start, daemon=True)
        self._starting.start()

    def _start(self) -> None:
        for _ in range(self.jobs):
            self._executor.submit(int)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, failed: type[BaseException] | None, *exc: object) -> None:
        self._starting.join()
        # After a run, the workers have nothing left to do and exit at once (15 ms at 2,000 documents); waiting
        # for them leaves this process without other threads, so the report can be written by two processes
        # (consistency._files.can_fork). After an error, they are not waited for.
        self._executor.shutdown(wait=failed is None, cancel_futures=True)

    def run(self, calls: Sequence[Call], then: Then | None = None) -> list[Any]:
        """Each call's result, in the order of ``calls``; at most :data:`_IN_FLIGHT` per worker submitted at
        once. A list of ``calls`` is the run's: each call's arguments are let go once sent."""
        self._starting.join()
        calls = calls if isinstance(calls, list) else list(calls)
        results: list[Any] = [None] * len(calls)
        pending: dict[Future[Any], int] = {}
        waiting = Queue(len(calls))

        def submit() -> None:
            while waiting and len(pending) < self.jobs * _IN_FLIGHT:
                n = waiting.next()
                fn, args = calls[n]
                pending[self._executor.submit(fn, *args)] = n
                calls[n] = (fn, ())  # sent: this process need not hold its arguments (a story's facts)

        submit()
        while pending:
            ready, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(ready, key=pending.__getitem__):
                n = pending.pop(future)
                try:
                    results[n] = future.result()  # a worker's unexpected error is raised here, as in one process
                except BrokenProcessPool:
                    raise PoolError(POOL_BROKEN) from None
                more = then(n, results[n]) if then is not None else []
                waiting.added(len(calls), len(more))
                calls.extend(more)
                results.extend([None] * len(more))
            submit()
        return results
