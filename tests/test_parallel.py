"""Every core and a Dask cluster: the same report, byte for byte, whatever runs it (issue 11).

The corpora here are small, below the size where a pool pays (``consistency._parallel.MIN_POOL_BYTES``): the
environment variable ``CONSISTENCY_POOL_MIN_BYTES=0`` makes ``--jobs 2`` use a pool of two processes anyway.
One LocalCluster serves the whole module (starting one costs seconds); the runs give it its address, as
``--scheduler tcp://...`` would an existing cluster.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import consistency._dask
import consistency._parallel
from consistency._dask import MISSING, thread_time_limit
from consistency._parallel import POOL_ENV, SchedulerError
from consistency.cli import EXIT_ERROR, EXIT_SUCCESS, cli
from consistency.corpus import Corpus, Document, load_corpus, load_text
from consistency.pipeline import check_corpus, execution
from tests.conftest import SEEDS, SHARED

ECB_41 = SHARED / "corpora" / "ecbplus" / "text" / "41"
ECB = SHARED / "corpora" / "ecbplus" / "text"
#: Tests that read ECB+ need the shared corpora beside the clone (CI links them; a bare clone has none).
needs_ecb = pytest.mark.skipif(not ECB.is_dir(), reason="needs ../shared/corpora/ecbplus/text beside the clone")

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """One LocalCluster of two worker processes for the module (as ``--scheduler local`` starts, but shared)."""
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(autouse=True)
def _pool_on_small_corpora(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POOL_ENV, "0")
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)


def report(corpus: Path, out: Path, *flags: str) -> Path:
    """``consistency report CORPUS --out OUT FLAGS``, which must succeed; returns OUT."""
    result = CliRunner().invoke(cli, ["report", str(corpus), "--out", str(out), "-q", *flags])
    assert result.exit_code == EXIT_SUCCESS, (result.output, result.stderr, result.exception)
    return out


def assert_same_files(first: Path, second: Path) -> None:
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert "comparisons.csv" in names and "report.html" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize("corpus", [SEEDS, pytest.param(ECB_41, marks=needs_ecb)], ids=["seeds", "ecbplus-41"])
def test_jobs_and_a_cluster_write_the_same_report(corpus: Path, tmp_path: Path, cluster: Any) -> None:
    one = report(corpus, tmp_path / "one", "--jobs", "1")
    two = report(corpus, tmp_path / "two", "--jobs", "2")
    dask = report(corpus, tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    assert_same_files(one, two)
    assert_same_files(one, dask)
    comparisons = (one / "comparisons.csv").read_text(encoding="utf-8")
    assert comparisons.count("\n") > 2, "a corpus with claims, or the test proves little"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ``jobs`` of every local pool started while the test runs."""
    jobs_started: list[int] = []

    class Recorded(consistency._parallel.LocalPool):
        def __init__(self, jobs: int) -> None:
            jobs_started.append(jobs)
            super().__init__(jobs)

    monkeypatch.setattr(consistency._parallel, "LocalPool", Recorded)
    return jobs_started


def test_the_pool_is_used_and_reports_progress_as_chunks_come_back(
    monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    calls: list[tuple[str, int, int]] = []
    corpus = load_corpus([SEEDS])
    with execution(jobs=1):  # what the gate's runs use (consistency.ci calls check_corpus without jobs)
        serial = check_corpus(corpus)
    assert started == []
    with execution(jobs=2):
        result = check_corpus(corpus, progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert started == [2]
    assert result.comparisons.equals(serial.comparisons)
    # Units of stories are read and aligned as they go: the two bars move together; comparing comes last.
    stages = [c[0] for c in calls]
    assert stages.index("compare") > max(n for n, stage in enumerate(stages) if stage != "compare")
    extract = [c for c in calls if c[0] == "extract"]
    assert [c[1] for c in extract] == sorted(c[1] for c in extract)  # a running count of documents read
    assert extract[-1] == ("extract", 5, 5) and {c[2] for c in extract} == {5}
    align = [c for c in calls if c[0] == "align"]
    assert align[0][1] == 0 and align[-1][1] == align[-1][2] >= 1  # stories aligned, of all
    claims = result.counts()["claims"]
    assert [c for c in calls if c[0] == "compare"] == [("compare", n, claims) for n in range(1, claims + 1)]


def test_a_small_corpus_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POOL_ENV)

    def no_pool(jobs: int) -> None:
        raise AssertionError("a pool was started for five small documents")

    monkeypatch.setattr(consistency._parallel, "LocalPool", no_pool)
    assert check_corpus(load_corpus([SEEDS]), jobs=2).counts()["documents"] == 5


def test_the_gate_runs_on_the_jobs_it_is_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[int]
) -> None:
    monkeypatch.chdir(tmp_path)  # no configuration file of the repository
    runs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["check", str(SEEDS), "--format", "json", "-q", "--jobs", jobs])
        assert result.exit_code == 1, (result.output, result.stderr)  # the seeds' one conflict
        runs[jobs] = result.stdout
    assert started == [2]
    assert runs["1"] == runs["2"]


# --- a skipped document --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_corpus() -> Corpus:
    """Two seeds and one document far over its time budget: every ECB+ article, eight times over (about 8 MB,
    four seconds or more at the 2 MB/s extraction aims for), against the 2 s minimum budget."""
    lines = [line for p in sorted(ECB.glob("*/*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    # Every copy's lines differ by a tag, so no per-sentence cache makes the copies cheap: the time it takes
    # grows with its size on any machine.
    copies: list[str] = []
    size, copy = 0, 0
    while size < 8_000_000:
        tag = "".join(chr(ord("a") + int(d)) for d in str(copy))
        copies.extend(f"{line} (desk {tag})" for line in lines)
        size += sum(len(line) + 8 for line in lines)
        copy += 1
    text = "\n".join(copies)
    seeds = load_corpus([SEEDS]).documents[:2]
    big = load_text(text, doc_id="zz_everything", path="zz_everything.txt")
    return Corpus((*seeds, big))


@needs_ecb
def test_a_document_over_budget_gets_the_same_warning_on_a_pool_and_a_cluster(
    slow_corpus: Corpus, cluster: Any
) -> None:
    from consistency.config import Settings

    settings = Settings(time_budget=0.1)  # 0.1 s per MB: the 2 s minimum applies
    serial = check_corpus(slow_corpus, jobs=1, settings=settings)
    (warning,) = serial.warnings
    assert warning.startswith("zz_everything.txt: took more than 2 s to read (") and warning.endswith(" MB); skipped")
    assert list(serial.documents["doc_id"]) == [d.doc_id for d in slow_corpus.documents[:2]]
    pooled = check_corpus(slow_corpus, jobs=2, settings=settings)
    remote = check_corpus(slow_corpus, scheduler=cluster.scheduler_address, settings=settings)
    for other in (pooled, remote):
        assert other.warnings == serial.warnings
        assert list(other.documents["doc_id"]) == list(serial.documents["doc_id"])
        assert other.comparisons.equals(serial.comparisons)


def test_a_time_limit_stops_a_loop_in_another_thread() -> None:
    # A Dask worker runs tasks in threads, where a signal cannot interrupt them.
    assert _stopped_in_a_thread()


def test_a_time_limit_that_does_not_expire_leaves_the_thread_alone() -> None:
    import threading
    import time

    outcome: list[str] = []

    def work() -> None:
        with thread_time_limit(1.0):
            total = sum(range(1000))
        time.sleep(1.5)  # past the limit: nothing may be raised here
        outcome.append(str(total))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert outcome == ["499500"]


def test_time_limits_in_several_threads_stop_only_the_late_ones() -> None:
    """A Dask worker with several threads: each block has its own deadline."""
    from consistency._budget import OverBudget

    outcome: dict[str, str] = {}

    def work(name: str, limit: float, steps: int | None) -> None:
        try:
            with thread_time_limit(limit):
                n = 0
                while steps is None or n < steps:
                    time.sleep(0.001)
                    n += 1
            outcome[name] = "done"
        except OverBudget:
            outcome[name] = "stopped"

    threads = [
        threading.Thread(target=work, args=("late 1", 0.1, None)),
        threading.Thread(target=work, args=("quick 1", 5.0, 20)),
        threading.Thread(target=work, args=("late 2", 0.3, None)),
        threading.Thread(target=work, args=("quick 2", 5.0, 50)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {"late 1": "stopped", "quick 1": "done", "late 2": "stopped", "quick 2": "done"}


def test_time_limits_share_one_watching_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker reads thousands of documents, each under a time limit: starting a thread for each cost 7% of
    its time. One thread watches them all."""
    done: list[int] = []
    thread = threading.Thread(target=lambda: [done.append(n) for n in range(300) if not _under_limit()])
    started: list[str] = []
    real_start = threading.Thread.start

    def start(self: threading.Thread) -> None:
        started.append(self.name)
        real_start(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    thread.start()
    thread.join(10)
    assert len(done) == 300
    assert len(started) <= 2  # the test's thread, and the watcher if this process had none yet


def _under_limit() -> bool:
    with thread_time_limit(5.0):
        return False


def _stopped_in_a_thread() -> bool:
    """Whether a loop under a 0.1 s time limit, in a thread of its own, is stopped."""
    from consistency._budget import OverBudget

    outcome: list[str] = []

    def work() -> None:
        try:
            with thread_time_limit(0.1):
                while True:
                    time.sleep(0.001)
        except OverBudget:
            outcome.append("stopped")

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(5)
    return outcome == ["stopped"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_time_limits_work_in_a_process_forked_from_one_that_used_them() -> None:
    """The copy has no watching thread (nor the blocks of the original's threads): it starts its own."""
    assert _stopped_in_a_thread()  # this process's watcher runs
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the copy
        os._exit(0 if _stopped_in_a_thread() else 1)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked process hung: its time limit never fired")


def _cgroups(tmp_path: Path, own: str, files: dict[str, str]) -> tuple[str, str]:
    """A fake /sys/fs/cgroup holding ``files`` (path -> content), and a /proc/self/cgroup naming ``own``."""
    root = tmp_path / "cgroup"
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    (tmp_path / "self-cgroup").write_text(f"0::{own}\n")
    return str(root), str(tmp_path / "self-cgroup")


@pytest.mark.parametrize(
    ("own", "files", "quota"),
    [
        ("/", {"cpu.max": "200000 100000\n"}, 2),  # a container limited to 2 CPUs (cgroup v2)
        ("/", {"cpu.max": "150000 100000\n"}, 2),  # 1.5 CPUs: rounded up
        ("/", {"cpu.max": "50000 100000\n"}, 1),
        ("/", {"cpu.max": "max 100000\n"}, None),  # no limit
        ("/", {}, None),  # no cgroup files (macOS, a host's root group)
        ("/", {"cpu.max": "garbage\n"}, None),
        ("/ci/job", {"ci/job/cpu.max": "max 100000\n", "ci/cpu.max": "300000 100000\n"}, 3),  # a group above
        ("/ci/job", {"ci/job/cpu.max": "100000 100000\n", "cpu.max": "400000 100000\n"}, 1),  # the smallest
        ("/", {"cpu/cpu.cfs_quota_us": "400000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 4),  # cgroup v1
        ("/", {"cpu,cpuacct/cpu.cfs_quota_us": "-1\n", "cpu,cpuacct/cpu.cfs_period_us": "100000\n"}, None),
    ],
    ids=["v2-2", "v2-1.5", "v2-half", "v2-max", "none", "garbage", "parent-group", "smallest", "v1-4", "v1-none"],
)
def test_the_cpu_quota_of_a_container_is_read(
    tmp_path: Path, own: str, files: dict[str, str], quota: int | None
) -> None:
    root, proc = _cgroups(tmp_path, own, files)
    assert consistency._parallel.cpu_quota(root, proc) == quota


def test_a_container_limited_to_one_cpu_reads_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs defaults to the cores available: in a container with a CPU quota of 1 on a bigger machine, that
    is one, and the run starts no pool."""
    monkeypatch.setattr(consistency._parallel, "cpu_quota", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    monkeypatch.setenv(POOL_ENV, "0")
    assert consistency._parallel.available_cores() == 1
    with consistency._parallel.backend_for(load_corpus([SEEDS]).documents, None, None) as backend:
        assert backend is None


# --- Dask: local, missing ------------------------------------------------------------------------------------


def test_scheduler_local_starts_a_cluster_for_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cluster: Any
) -> None:
    started: list[str] = []

    @contextmanager
    def shared_cluster() -> Iterator[Any]:  # the module's cluster stands in for a new one
        started.append("local")
        yield cluster

    monkeypatch.setattr(consistency._dask, "local_cluster", shared_cluster)
    local = report(SEEDS, tmp_path / "local", "--scheduler", "local")
    assert started == ["local"]
    assert_same_files(local, report(SEEDS, tmp_path / "one", "--jobs", "1"))


def test_the_scheduler_address_can_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cluster: Any
) -> None:
    seen: list[str] = []
    real = consistency._dask.dask_backend

    def recorded(scheduler: str) -> Any:
        seen.append(scheduler)
        return real(scheduler)

    monkeypatch.setattr(consistency._dask, "dask_backend", recorded)
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    report(SEEDS, tmp_path / "env")
    assert seen == [cluster.scheduler_address]


@pytest.fixture
def without_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if ``dask[distributed]`` were not installed."""
    real: Callable[..., Any] = builtins.__import__

    def guarded(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed":  # what consistency._dask imports; a running cluster's own imports go on
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", guarded)


@pytest.mark.parametrize(
    "error",
    [
        ImportError("cannot import name 'default_timer' from 'timeit' (/home/me/timeit.py)"),
        ModuleNotFoundError("No module named 'tornado'", name="tornado"),
    ],
    ids=["a-file-shadows-a-module", "a-dependency-missing"],
)
def test_a_dask_that_cannot_be_imported_is_not_called_missing(
    error: ImportError, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Dask installed, but its import fails (a ``timeit.py`` beside the user's script, a dependency gone): the
    one-line error says what failed, not that Dask is missing, which would send the user to reinstall it."""
    real: Callable[..., Any] = builtins.__import__

    def failing(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed":
            raise error
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)
    result = CliRunner().invoke(cli, ["report", str(SEEDS), "--scheduler", "local", "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"Error: --scheduler needs Dask, which is installed but cannot be imported: {error}\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("without_dask")
@pytest.mark.parametrize("command", ["report", "check"])
def test_without_dask_a_scheduler_is_a_one_line_error(command: str, tmp_path: Path) -> None:
    args = [command, str(SEEDS), "--scheduler", "local"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "out")] if command == "report" else args)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"Error: {MISSING}\n"
    assert "pip install 'consistency[dask]'" in MISSING
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("without_dask")
def test_without_dask_the_api_says_what_to_install() -> None:
    with pytest.raises(SchedulerError, match=r"pip install 'consistency\[dask\]'"):
        check_corpus(load_corpus([SEEDS]), scheduler="local")


def test_a_scheduler_nobody_answers_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(consistency._dask, "CONNECT_TIMEOUT", 1.0)
    result = CliRunner().invoke(
        cli, ["report", str(SEEDS), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def not_a_scheduler() -> Iterator[Callable[[bytes], str]]:
    """Start a TCP server that is no Dask scheduler: on each connection it sends the given bytes (nothing, as a
    web server waiting for a request; or a greeting in another protocol), then holds the connection open."""
    servers: list[socket.socket] = []
    held: list[socket.socket] = []
    threads: list[threading.Thread] = []
    stop = threading.Event()

    def start(greeting: bytes) -> str:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.1)
        servers.append(server)

        def serve() -> None:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                held.append(conn)
                with contextlib.suppress(OSError):
                    conn.sendall(greeting)

        threads.append(threading.Thread(target=serve, daemon=True))
        threads[-1].start()
        return f"tcp://127.0.0.1:{server.getsockname()[1]}"

    yield start
    stop.set()
    for thread in threads:
        thread.join(5)
    for conn in held:  # the client given up on sees the connection end, and its thread ends with it
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)
        conn.close()
    for server in servers:
        server.close()


@pytest.mark.parametrize(
    "greeting",
    [b"", b"SSH-2.0-OpenSSH_9.6\r\n", b"HTTP/1.1 400 Bad Request\r\n\r\n", b"\xff" * 64],
    ids=["silent", "ssh", "http", "huge-frame"],
)
def test_a_server_that_is_no_scheduler_is_a_one_line_error_not_a_hang(
    greeting: bytes, not_a_scheduler: Callable[[bytes], str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The dashboard's port (8787) given for the scheduler's: Dask's client waited there for good (or tried to
    allocate exabytes). The run ends within three connect timeouts, with one line and exit 2."""
    monkeypatch.setattr(consistency._dask, "CONNECT_TIMEOUT", 0.5)
    address = not_a_scheduler(greeting)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["report", str(SEEDS), "--out", str(tmp_path / "out"), "--scheduler", address])
    assert time.monotonic() - started < 10
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}: ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


# --- the Python API ------------------------------------------------------------------------------------------


def test_jobs_below_one_is_an_error() -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        check_corpus(load_corpus([SEEDS]), jobs=0)


def test_chunks_keep_every_document_once_and_in_order() -> None:
    from consistency._parallel import chunks

    sizes = [5, 300, 20, 20, 20, 1000, 1, 1, 1]
    runs = chunks(sizes, jobs=2, target=100)
    assert [i for run in runs for i in run] == list(range(len(sizes)))
    assert all(sum(sizes[i] for i in run[:-1]) < 100 for run in runs)  # a chunk closes once it reaches 100


def test_units_keep_each_story_whole_and_every_document_once() -> None:
    from consistency._units import plan
    from consistency.pipeline import _tasks

    tasks, _ = _tasks(load_corpus([SEEDS, *([ECB_41] if ECB.is_dir() else [])]).documents)
    story = {n: t.story for n, t in enumerate(tasks)}
    for target, split in [(1, False), (3_000, True), (10**9, False)]:
        units = plan(tasks, target, split)
        assert sorted(n for u in units for n in u.tasks) == list(range(len(tasks)))
        owner = {story[n]: u for u, unit in enumerate(units) for n in unit.tasks}
        assert all(owner[story[n]] == u for u, unit in enumerate(units) for n in unit.tasks)  # one unit per story
    assert len(plan(tasks, 10**9, split=False)) == 1
    assert any(u.split for u in plan(tasks, 3_000, split=True))  # the seeds' story has more than 6,000 characters


@pytest.mark.parametrize("corpus", [[SEEDS], pytest.param([SEEDS, ECB_41], marks=needs_ecb)], ids=["seeds", "ecb"])
def test_a_story_read_in_chunks_and_small_units_give_the_same_report(
    corpus: list[Path], tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whole stories are read a few at a time, and on a pool a story bigger than a task is read in chunks on both
    # workers and aligned on one: the tables put together again must be the report of one pass.
    import consistency._units
    from consistency.output.claims import claims_table

    whole = check_corpus(load_corpus(corpus), jobs=1)
    whole.to_csv(tmp_path / "whole")
    monkeypatch.setattr(consistency._units, "SERIAL_UNIT", 1)  # every story a unit of its own
    monkeypatch.setattr(consistency._parallel, "chunk_size", lambda total, jobs: 3_000)
    planned: list[list[bool]] = []
    real_plan = consistency._units.plan

    def recorded(*args: Any, **kwargs: Any) -> list[Any]:
        units = real_plan(*args, **kwargs)
        planned.append([u.split for u in units])
        return units

    monkeypatch.setattr(consistency._units, "plan", recorded)
    for name, where in [
        ("units", {"jobs": 1}),
        ("pool", {"jobs": 2}),
        ("cluster", {"scheduler": cluster.scheduler_address}),
    ]:
        result = check_corpus(load_corpus(corpus), **where)  # type: ignore[arg-type]
        result.to_csv(tmp_path / name)
        assert_same_files(tmp_path / "whole", tmp_path / name)
        # The claims table the units built as they went is the one the whole tables give, dtypes and all.
        assert result.built_claims is not None
        rebuilt = claims_table(result)
        assert result.claims.equals(rebuilt) and (result.claims.dtypes == rebuilt.dtypes).all()
    assert len(planned[0]) >= len(corpus)  # one run in several units
    assert any(planned[1]) and any(planned[2])  # a story split over the workers


def test_documents_can_be_one_or_none() -> None:
    # One document, or a corpus too small to split: no pool, same answer.
    doc: Document = load_corpus([SEEDS]).documents[0]
    assert check_corpus(Corpus((doc,)), jobs=2).counts()["documents"] == 1


def test_a_worker_that_dies_is_a_one_line_error() -> None:
    import os

    from consistency._parallel import POOL_BROKEN, LocalPool, PoolError

    with LocalPool(1) as pool, pytest.raises(PoolError) as caught:
        pool.run([(os._exit, (1,))])  # as a worker killed for memory would
    assert str(caught.value) == POOL_BROKEN and "\n" not in POOL_BROKEN


def test_a_piped_script_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # `python - < script.py`: a new process could not import the main script ("<stdin>") again.
    import types

    main = types.ModuleType("__main__")
    main.__file__ = "<stdin>"
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(consistency._parallel, "LocalPool", None)  # any pool would fail
    assert check_corpus(load_corpus([SEEDS]), jobs=2).counts()["documents"] == 5


def test_a_cluster_reports_progress_as_chunks_come_back(cluster: Any) -> None:
    calls: list[tuple[str, int, int]] = []
    check_corpus(
        load_corpus([SEEDS]),
        scheduler=cluster.scheduler_address,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    extract = [c for c in calls if c[0] == "extract"]
    assert extract[-1] == ("extract", 5, 5) and [c[1] for c in extract] == sorted(c[1] for c in extract)
    align = [c for c in calls if c[0] == "align"]
    assert align[0][1] == 0 and align[-1][1] == align[-1][2] >= 1
    assert calls[-1][0] == "compare"


@pytest.mark.skipif(
    "forkserver" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork server here"
)
def test_workers_start_loading_before_the_corpus_only_when_it_will_use_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's fork server starts loading as a run begins when the files are large enough for a pool and more
    than one process may run; a small corpus (the seeds) or ``--jobs 1`` starts no process it would not use."""
    from multiprocessing import forkserver

    started: list[bool] = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: started.append(True))
    monkeypatch.delenv(POOL_ENV, raising=False)
    consistency._parallel.start_early([str(SEEDS)], jobs=2)  # 19 kB, far under a pool's 1 MB
    assert started == []
    monkeypatch.setenv(POOL_ENV, "1000")
    consistency._parallel.start_early([str(SEEDS)], jobs=1)
    assert started == []
    consistency._parallel.start_early([str(SEEDS / "no-such-file.txt")], jobs=2)
    assert started == []
    consistency._parallel.start_early([str(SEEDS)], jobs=2)
    assert started == [True]


def test_report_starts_the_workers_from_its_command_line_before_the_library_loads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``consistency report`` starts the workers loading from the paths and ``--jobs`` of its command line, before
    it imports the library (0.6 s): the report folder is an option's value, not a path; a scheduler starts none."""
    import consistency.cli

    calls: list[tuple[list[str], int | None, bool]] = []

    def record(paths: list[str], jobs: int | None) -> None:
        calls.append((list(paths), jobs, "write_report" in vars(consistency.cli)))

    monkeypatch.setattr(consistency._parallel, "start_early", record)
    monkeypatch.delitem(vars(consistency.cli), "write_report", raising=False)  # loaded again by the command
    report(SEEDS, tmp_path / "out", "--jobs", "2")
    assert calls[0] == ([str(SEEDS)], 2, False), "from the command line, before the library was loaded"
    calls.clear()
    consistency.cli._start_workers_early(cli, ["report", str(SEEDS), "--scheduler", "local"])
    consistency.cli._start_workers_early(cli, ["facts", str(SEEDS)])
    assert calls == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_handed_over_is_let_go_as_it_is_read(jobs: int) -> None:
    """``check_corpus(load)`` (what the CLI and ``report()`` do): the run holds the documents alone, and none is
    left by the time every story is aligned, before the tables are put together; the result is the same."""
    import weakref

    kept = check_corpus(load_corpus([SEEDS]), jobs=jobs)
    corpus = load_corpus([SEEDS])
    alive = [weakref.ref(d) for d in corpus.documents]
    hand_over = [corpus].pop
    del corpus
    left: list[int] = []
    extract: list[tuple[int, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "extract":
            extract.append((done, total))
        if stage == "align" and done == total:
            left.append(sum(ref() is not None for ref in alive))

    result = check_corpus(hand_over, jobs=jobs, progress=progress)
    assert left[-1] == 0
    assert extract[-1] == (5, 5)
    for name in ("facts", "comparisons", "documents", "findings"):
        pd.testing.assert_frame_equal(getattr(result, name), getattr(kept, name))
    assert result.warnings == kept.warnings


def test_the_sentences_a_run_cached_are_let_go_once_its_documents_are_aligned() -> None:
    """Aligning reads each sentence many times, so its words and names are cached while the stories are aligned
    (tens of MiB on a big corpus); none is kept beside the tables after."""
    from consistency.align import blocking, scoring

    def held() -> int:
        caches: list[Any] = [blocking._skeleton, scoring.sentence_names]
        return sum(int(cache.cache_info().currsize) for cache in caches)

    during: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "align" and done == total:
            during.append(held())

    check_corpus(load_corpus([SEEDS]), jobs=1, progress=progress)
    assert during[-1] > 0
    assert held() == 0


def test_units_columns_are_joined_in_order_with_their_type_and_missing_cells() -> None:
    """The units' columns are put together one after the other, text in one piece (see ``_joined``), with
    their dtype, their name and their missing cells, also when a unit has no rows."""
    from consistency._units import _joined

    parts = [pd.Series(["a", None], dtype="str", name="x"), pd.Series([], dtype="str", name="x")]
    parts.append(pd.Series(["c"], dtype="str", name="x"))
    whole = _joined(parts)
    assert parts == []
    assert whole.dtype == pd.Series(["a"], dtype="str").dtype and whole.name == "x"
    assert whole.iloc[0] == "a" and pd.isna(whole.iloc[1]) and whole.iloc[2] == "c" and len(whole) == 3
    assert whole.take([2, 0]).tolist() == ["c", "a"]
    assert _joined([pd.Series([1, 2]), pd.Series([3])]).tolist() == [1, 2, 3]
