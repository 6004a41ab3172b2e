"""Speed-ups of ``--jobs 2`` and a Dask ``LocalCluster`` over ``--jobs 1`` on one corpus, whose reports must be
byte-identical (issue 11). On demand only: never run by the tests.

    python benchmarks/scale.py [--docs 2000] [--runs 3] [--modes jobs1,jobs2,local] [--facts-format csv]
    python benchmarks/scale.py --docs 8000 --modes jobs1,jobs2
    python benchmarks/scale.py --parquet-rows 1000000       # memory of writing facts.parquet, then exit

The corpus is ``--docs`` DISTINCT documents from ``_corpus_gen.py`` (variants of the ECB+ and AQUAINT articles:
sentences mixed within a topic, every number redrawn; document i depends only on the seed, so a corpus of 8,000
holds the one of 2,000), cached under ``--workdir`` and reused by later runs. The default workdir,
``$TMPDIR/consistency-scale/``, is outside the repository: the loader honours ``.gitignore``, which ignores
``benchmarks/.cache/``.

Each mode is one command, run ``--runs`` times as a fresh process, the modes taking turns (jobs1, jobs2, local,
jobs1, ...) so that a shared machine's changing load hits them alike: ``python -m consistency report CORPUS -q
--out WORKDIR/out/<mode> <flags>``, where ``jobsN`` adds ``--jobs N``, ``local`` adds ``--scheduler local``, an
address (``tcp://host:8786``) adds ``--scheduler ADDRESS`` and ``default`` adds nothing. A mode whose flag
``consistency report --help`` does not list is printed as "not available". Printed: the machine's cores, the
corpus, the load average, per mode the median wall time (and the spread), MB/s, documents/s, the speed-up over
``jobs1`` (the median over the rounds of jobs1's time over the mode's time in the same round), the CPU seconds
of the command and its workers (user + system, from ``getrusage(RUSAGE_CHILDREN)``: on a busy machine the wall
time hides what two workers would gain on two idle cores, the CPU time does not; but a pool's workers forked
from a fork server are that server's children, never waited for by the command, so their CPU time is missing
there), the peak
resident memory of the whole process tree (the command and every worker it starts, summed, sampled every 50 ms
with psutil; RSS counts pages a forked worker shares with its parent once per process, so the sum is an upper
bound; without psutil: the largest single process, from ``getrusage(RUSAGE_CHILDREN)``), the peak of the command
alone (the client: it gathers the tables and writes the report) and of its largest worker process, whether the report
folders are byte-identical (across the runs of a mode and across modes; the script exits 1 when they are not),
and the report's files and sizes.

A simulated archive (documented, not run here):

    python benchmarks/scale.py --docs 1000000 --scheduler local --runs 1 --facts-format parquet

On this 2-core, 24 GiB machine it would not finish. ``--jobs 2`` reads about 200 documents a second at 64,000
documents (283 to 327 s), so the units alone would take some 80 minutes, and the corpus 2.2 GB of disk; but the
client holds the report's tables whole (about 20 KB a document: 1.3 GB at 64,000, so some 20 GB at a million, plus
the peak of putting them in order); and four in five generated documents carry no publication date, so the 14
topics' biggest stories grow with the corpus (four of 4,600 documents at 64,000, each aligned on one worker at 1.7
GiB; some 70,000 at a million). A million needs the report written from the units' tables as they come (an external
merge by document and by claim) and a corpus whose stories stay the size of real ones (dated documents: a story
spans at most ``MAX_STORY_GAP_DAYS``).

``--scheduler ADDRESS|local`` alone runs just that mode (a million documents on one core would take hours). From
``--jsonl-above`` documents (100,000) the corpus is written as JSONL files of ``--chunk`` documents
(``part-00000.jsonl``: ``id``, ``text``) rather than one ``.txt`` file per document; either way it is generated
as a stream, one chunk in memory at a time, and each chunk file appears whole (written aside, then renamed), so
the generator's memory does not grow with the total (measured: 173 MB peak RSS at 20,000 documents and 177 MB at
200,000, with chunks of 10,000; about 2.2 KB and 0.5 ms a document, so a million is some 2.2 GB and 8 minutes).
What the run itself holds is the pipeline's affair: the peak memory column shows it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

MIB = 2**20
#: Seconds between two samples of the process tree's memory.
SAMPLE_SECONDS = 0.05
#: Outside the repository: the loader skips what .gitignore ignores (benchmarks/.cache/ is).
WORKDIR = Path(tempfile.gettempdir()) / "consistency-scale"
#: What a mode needs ``consistency report --help`` to list.
FLAGS = ("--jobs", "--scheduler", "--facts-format")


# ------------------------------------------------------------------------------------------------ the corpus
@dataclass(frozen=True)
class Corpus:
    path: Path
    documents: int
    bytes: int
    layout: str


def _stream(docs: int, seed: int) -> Iterator[tuple[str, str]]:
    """(document id, text) of the first ``docs`` generated documents, one at a time."""
    import _corpus_gen

    topics = _corpus_gen.load_topics()
    for topic, file_name, text in _corpus_gen.documents(topics, docs, seed):
        yield f"{topic}/{Path(file_name).stem}", text


def _chunks(items: Iterator[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    while chunk := list(islice(items, size)):
        yield chunk


def generate(workdir: Path, docs: int, seed: int, layout: str, chunk: int) -> Corpus:
    """The corpus of ``docs`` documents under ``workdir``, generated unless a complete one is there already."""
    path = workdir / f"corpus-{layout}-{docs}-seed{seed}"
    marker = path / ".complete.json"  # hidden: the loader never reads it
    if marker.exists():
        info = json.loads(marker.read_text())
        return Corpus(path, info["documents"], info["bytes"], layout)
    if path.exists():
        shutil.rmtree(path)  # a generation cut short: start again
    path.mkdir(parents=True)
    total = 0
    started = time.perf_counter()
    for number, part in enumerate(_chunks(_stream(docs, seed), chunk)):
        if layout == "jsonl":
            data = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in part).encode()
            tmp = path / f".part-{number:05d}.jsonl.tmp"
            tmp.write_bytes(data)
            tmp.rename(path / f"part-{number:05d}.jsonl")
            total += sum(len(t.encode()) for _, t in part)
        else:
            for doc_id, text in part:
                target = path / f"{doc_id}.txt"
                target.parent.mkdir(exist_ok=True)
                data = text.encode()
                target.write_bytes(data)
                total += len(data)
        done = number * chunk + len(part)
        if docs > chunk:
            print(f"  generated {done:,}/{docs:,} documents ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    marker.write_text(json.dumps({"documents": docs, "bytes": total, "seed": seed}))
    return Corpus(path, docs, total, layout)


# ------------------------------------------------------------------------------------------------- the modes
@dataclass(frozen=True)
class Mode:
    name: str
    args: tuple[str, ...]
    #: The flag ``consistency report`` must know for this mode.
    needs: str


def parse_mode(name: str) -> Mode:
    """``jobsN`` -> ``--jobs N``; ``local`` -> ``--scheduler local``; an address -> ``--scheduler ADDRESS``;
    ``default`` -> no flag (what a plain ``consistency report`` does).

    >>> parse_mode("jobs2").args, parse_mode("local").args, parse_mode("tcp://10.0.0.5:8786").needs
    (('--jobs', '2'), ('--scheduler', 'local'), '--scheduler')
    """
    if name == "default":
        return Mode(name, (), "")
    if m := re.fullmatch(r"jobs(\d+)", name):
        return Mode(name, ("--jobs", m.group(1)), "--jobs")
    if name == "local" or "://" in name:
        return Mode(name, ("--scheduler", name), "--scheduler")
    raise SystemExit(f"unknown mode {name!r}: use jobsN, local or a scheduler address such as tcp://host:8786")


def known_flags() -> set[str]:
    """The flags of :data:`FLAGS` that ``consistency report --help`` lists."""
    cmd = [sys.executable, "-m", "consistency", "report", "--help"]
    shown = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False).stdout
    return {flag for flag in FLAGS if re.search(rf"(?<![\w-]){re.escape(flag)}\b", shown)}


# --------------------------------------------------------------------------------------------------- one run
@dataclass(frozen=True)
class Run:
    seconds: float
    #: Peak RSS of the process tree (psutil) or of the largest child so far (getrusage); None if unknown.
    peak_bytes: int | None
    #: Peak RSS of the command itself (the client, which gathers and writes the report), and of the largest of
    #: the processes it started (a pool's or a cluster's worker); None without psutil.
    client_bytes: int | None
    worker_bytes: int | None
    #: User + system CPU seconds of the command and the processes it waited for; None if unknown.
    cpu_seconds: float | None
    returncode: int
    stderr: str


def _tree_rss(process: Any) -> tuple[int, int, int]:
    """RSS of the process tree, of its root, and of its largest descendant."""
    import psutil  # type: ignore[import-untyped,unused-ignore]

    total, root, largest = 0, 0, 0
    for n, p in enumerate([process, *process.children(recursive=True)]):
        try:
            rss = p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += rss
        if n == 0:
            root = rss
        else:
            largest = max(largest, rss)
    return total, root, largest


def _children_usage() -> tuple[float, int] | None:
    """(CPU seconds, largest peak RSS in bytes) of every child process waited for so far; None off Unix."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def run_once(cmd: Sequence[str], env: dict[str, str]) -> Run:
    """Run ``cmd``; wall time, CPU time and the peak memory of its process tree.

    CPU time tells what wall time cannot on a busy machine: two workers that spend the CPU seconds of one
    would take half its wall time on two idle cores."""
    try:
        import psutil
    except ImportError:
        psutil = None
    before = _children_usage()
    started = time.perf_counter()
    peak = [0, 0, 0]  # tree, root, largest descendant
    if psutil is None:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        returncode, stderr = done.returncode, done.stderr
    else:
        process = psutil.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    peak[:] = [max(a, b) for a, b in zip(peak, _tree_rss(process), strict=True)]
                except psutil.NoSuchProcess:
                    return
                stop.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, stderr = process.communicate()
        returncode = process.returncode
        stop.set()
        sampler.join()
    seconds = time.perf_counter() - started
    after = _children_usage()
    cpu = after[0] - before[0] if before and after else None
    if psutil is None and after:
        peak[0] = after[1]  # the largest single process so far, not the tree
    return Run(seconds, peak[0] or None, peak[1] or None, peak[2] or None, cpu, returncode, stderr)


def digest(folder: Path) -> dict[str, tuple[int, str]]:
    """Each file of ``folder`` (recursively; its path below it) -> (size, sha256)."""
    out: dict[str, tuple[int, str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out[path.relative_to(folder).as_posix()] = (len(data), hashlib.sha256(data).hexdigest())
    return out


# ------------------------------------------------------------------------------------ Parquet writer's memory
def parquet_memory(rows: int) -> None:
    """Peak memory of writing a ``rows``-row facts table as Parquet with
    :func:`consistency.output.parquet.write_frame_parquet`, against pandas' ``to_parquet`` of the whole table,
    each in a fresh process, with the text as pandas 3 holds it (``str``, in Arrow) and as pandas 2 does
    (``object``). The table is the facts of ECB+ topic 41 repeated, with distinct ids and text."""
    topic = str(ROOT.parent / "shared/corpora/ecbplus/text/41")
    for strings in ("str", "object"):
        for how in ("row groups", "whole table"):
            code = _PARQUET_CHILD.format(rows=rows, how=how, topic=topic, strings=strings)
            cmd = [sys.executable, "-c", code]
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
            print(done.stdout.strip() or done.stderr.strip())


_PARQUET_CHILD = """
import gc, os, tempfile, threading, time
import numpy as np, pandas as pd, psutil, pyarrow as pa
import consistency
from consistency.output.parquet import write_frame_parquet
base = consistency.report({topic!r}).facts
frame = base.iloc[np.resize(np.arange(len(base)), {rows})].reset_index(drop=True)
# Distinct ids and text in every row, as in a real corpus (repeated text would compress to nothing).
frame["fact_id"] = pd.Series([f"d{{i // 30:07d}}@{{i}}" for i in range({rows})], dtype=base["fact_id"].dtype)
for column in ("doc_id", "text", "sentence", "context"):
    frame[column] = (frame[column].astype(object) + [f" {{i}}" for i in range({rows})]).astype(base[column].dtype)
if {strings!r} == "object":  # text as Python objects, as pandas 2 holds it
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) and not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
gc.collect()
me = psutil.Process()
before = me.memory_info().rss
pool = pa.default_memory_pool()
arrow_before = pool.bytes_allocated()
peak, arrow_peak, stop = [before], [arrow_before], threading.Event()
def sample():
    while not stop.is_set():
        peak[0] = max(peak[0], me.memory_info().rss)
        arrow_peak[0] = max(arrow_peak[0], pool.bytes_allocated())
        stop.wait(0.005)
sampler = threading.Thread(target=sample)
sampler.start()
path = os.path.join(tempfile.mkdtemp(), "facts.parquet")
t0 = time.perf_counter()
if {how!r} == "row groups":
    with open(path, "wb") as handle:
        write_frame_parquet(frame, handle)
else:
    frame.to_parquet(path, index=False, compression="zstd")
seconds = time.perf_counter() - t0
stop.set(); sampler.join()
size = os.path.getsize(path)
os.remove(path)
table = frame.memory_usage(deep=True).sum() / 2**20
print(f"{how}, text as {strings}: {{len(frame):,}} facts, table {{table:,.0f}} MiB in pandas, "
      f"process {{before / 2**20:,.0f}} MiB before writing, peak +{{(peak[0] - before) / 2**20:,.0f}} MiB while "
      f"writing (Arrow's pool +{{(arrow_peak[0] - arrow_before) / 2**20:,.0f}} MiB), "
      f"{{seconds:.1f}} s, file {{size / 2**20:,.0f}} MiB")
"""


# ------------------------------------------------------------------------------------------------------ main
def _cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{os.cpu_count()} cores ({usable} usable by this process)"


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus [2000]")
    parser.add_argument("--runs", type=int, default=3, help="runs per mode; the median is shown [3]")
    parser.add_argument("--modes", help="comma-separated: jobsN, local, or a scheduler address [jobs1,jobs2,local]")
    parser.add_argument("--scheduler", help="run only this mode: --scheduler local or ADDRESS (the million run)")
    parser.add_argument("--facts-format", choices=("csv", "parquet"), help="passed on to consistency report")
    parser.add_argument("--seed", type=int, default=0, help="generator seed [0]")
    parser.add_argument("--workdir", type=Path, default=WORKDIR, help=f"corpus cache and reports [{WORKDIR}]")
    parser.add_argument("--chunk", type=int, default=10_000, help="documents generated per chunk [10000]")
    parser.add_argument("--jsonl-above", type=int, default=100_000, help="JSONL chunks above this many docs")
    parser.add_argument("--generate-only", action="store_true", help="write the corpus, print where, and exit")
    parser.add_argument("--parquet-rows", type=int, help="only measure writing this many facts as Parquet")
    args = parser.parse_args(argv)

    if args.parquet_rows:
        parquet_memory(args.parquet_rows)
        return 0
    names = args.modes.split(",") if args.modes else [args.scheduler] if args.scheduler else ["jobs1", "jobs2", "local"]
    modes = [parse_mode(n.strip()) for n in names if n.strip()]
    layout = "jsonl" if args.docs > args.jsonl_above else "files"
    corpus = generate(args.workdir, args.docs, args.seed, layout, args.chunk)
    mb = corpus.bytes / 1e6
    print(f"machine: {_cores()}; Python {sys.version.split()[0]}")
    print(f"corpus: {corpus.documents:,} distinct documents, {mb:.1f} MB ({corpus.layout}) at {corpus.path}")
    if args.generate_only:
        return 0
    flags = known_flags()
    extra = ("--facts-format", args.facts_format) if args.facts_format else ()
    if extra and "--facts-format" not in flags:
        print("--facts-format: not available in this version of consistency report; writing CSV")
        extra = ()

    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}  # each mode says where it runs
    usable = [m for m in modes if not m.needs or m.needs in flags]
    runs: dict[str, list[Run]] = {m.name: [] for m in usable}
    seen: dict[str, list[dict[str, tuple[int, str]]]] = {m.name: [] for m in usable}
    load = _load()
    # Round-robin (jobs1, jobs2, local, jobs1, ...): a shared machine's load drifts, and drift should hit every
    # mode alike rather than all the runs of one.
    for _ in range(args.runs):
        for mode in usable:
            if runs[mode.name] and runs[mode.name][-1].returncode != 0:
                continue  # failed once: do not retry
            out = args.workdir / "out" / mode.name
            cmd = [sys.executable, "-m", "consistency", "report", str(corpus.path), "-q", "--out", str(out)]
            run = run_once([*cmd, *mode.args, *extra], env)
            runs[mode.name].append(run)
            if run.returncode == 0:
                seen[mode.name].append(digest(out))
                first = next(d[0] for d in seen.values() if d)
                if seen[mode.name][-1] != first:
                    # Keep the odd one out for a look (the next run of the mode replaces OUT/<mode>).
                    kept = out.with_name(f"{mode.name}-run{len(seen[mode.name])}-differs")
                    shutil.rmtree(kept, ignore_errors=True)
                    shutil.copytree(out, kept)
                    files = sorted(
                        n for n in {*first, *seen[mode.name][-1]} if first.get(n) != seen[mode.name][-1].get(n)
                    )
                    print(f"{mode.name} run {len(seen[mode.name])}: {', '.join(files)} differ; kept in {kept}")
    print(f"\nload average (1 min): {load} before, {_load()} after (on {os.cpu_count()} cores)")

    rows: list[list[Any]] = []
    reference = next((seen[m.name][0] for m in usable if seen[m.name]), None)
    failed = False
    for mode in modes:
        if mode.name not in runs:
            rows.append([mode.name, "not available", "", "", "", "", "", "", ""])
            continue
        done = runs[mode.name]
        if done[-1].returncode != 0:
            failed = True
            last = done[-1].stderr.strip().splitlines()[-1:] or ["?"]
            rows.append([mode.name, f"failed (exit {done[-1].returncode}): {last[0][:80]}", "", "", "", "", "", "", ""])
            continue
        stable = all(d == seen[mode.name][0] for d in seen[mode.name])
        same = stable and seen[mode.name][0] == reference
        failed |= not same
        times = [r.seconds for r in done]
        median = statistics.median(times)
        # The speed-up is the median of the ratios within each round, each against that round's jobs1 run.
        base = [r.seconds for r in runs.get("jobs1", []) if r.returncode == 0]
        ratios = [b / t for b, t in zip(base, times, strict=False)]
        peaks = [r.peak_bytes for r in done if r.peak_bytes is not None]
        clients = [r.client_bytes for r in done if r.client_bytes is not None]
        workers = [r.worker_bytes for r in done if r.worker_bytes is not None]
        cpus = [r.cpu_seconds for r in done if r.cpu_seconds is not None]
        rows.append(
            [
                mode.name,
                f"{median:.2f}",
                f"{min(times):.2f}-{max(times):.2f}",
                f"{mb / median:.3f}",
                f"{corpus.documents / median:.0f}",
                f"{statistics.median(ratios):.2f}x" if ratios else "",
                f"{statistics.median(cpus):.1f}" if cpus else "?",
                f"{max(peaks) / MIB:,.0f}" if peaks else "?",
                f"{max(clients) / MIB:,.0f}" if clients else "?",
                f"{max(workers) / MIB:,.0f}" if workers else "-",
                "yes" if same else ("NO: runs differ" if not stable else "NO"),
            ]
        )
    headers = [
        "mode",
        "wall s (median)",
        "range",
        "MB/s",
        "docs/s",
        "vs jobs1",
        "CPU s (median)",
        "peak RSS MiB",
        "client MiB",
        "largest worker MiB",
        "identical",
    ]
    print(f"\n{args.runs} run(s) per mode, each a fresh process, the modes taking turns:")
    print(tabulate(rows, headers=headers, disable_numparse=True))
    if reference is not None:
        first = reference
        sizes = [[name, f"{size:,}"] for name, (size, _) in first.items()]
        sizes.append(["(total)", f"{sum(size for size, _ in first.values()):,}"])
        print("\nreport files (bytes):")
        print(tabulate(sizes, headers=["file", "bytes"], disable_numparse=True))
    if sum(1 for name in seen if seen[name]) > 1:
        print("\nreport folders byte-identical across runs and modes:", "yes" if not failed else "NO")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
