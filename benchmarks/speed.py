"""Speed, memory and output growth of the whole pipeline on DISTINCT real-text documents.

Two families of corpora, written as .txt files into a temporary folder (see ``_corpus_gen.py``):

* ``mixed``: N documents spread over every ECB+ topic and AQUAINT story, each one a variant of its topic
  (sentences sampled within the topic, every number redrawn) -- many stories side by side;
* ``story``: N variants of ONE topic -- the many-documents-one-story case, where alignment is hardest.

Each size runs ``--runs`` times, each run in a fresh process (so ``ru_maxrss`` is that run's own peak) through the
public API: ``consistency.corpus.load_corpus`` (load), ``consistency.pipeline.check_corpus`` (extract, then align +
compare; extraction ends at the progress callback's last document) and ``consistency.output.write_report``
(write). The same process then times one plain ``re`` pass over the same texts (``re.findall(r"\\d+|[A-Z][a-z]+")``),
the floor any extractor must pay. Medians over the runs; peak memory is the largest run's; "total" runs from
loading to the written report, without the import (shown apart). Then the growth exponent log(v2/v1)/log(n2/n1)
between consecutive sizes and overall, for the times and for every output's row count and size (1.0 is linear).

    python benchmarks/speed.py [--runs 3] [--sizes 1000,4000,16000] [--with-64k] [--story-sizes 500,1000,2000,4000]

Timings are wall clock: on a shared machine they are noisy, compare runs made side by side.
``--rev REV`` runs the package as committed at REV (``git archive``, no worktree, git state untouched): HEAD
while the working tree is mid-edit, or an older revision to compare against.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: The floor: one plain regular-expression pass that touches every number and capitalised word.
FLOOR = re.compile(r"\d+|[A-Z][a-z]+")
STAGES = ("load", "extract", "align+compare", "write")


# --------------------------------------------------------------------------------------------- child process
def _claim_rows(result: Any) -> int | None:
    """Rows of the claims table, where this version of the pipeline has one (issue 10), else None."""
    import pandas as pd

    table = getattr(result, "claims", None)
    if isinstance(table, pd.DataFrame):
        return len(table)
    try:
        from consistency.output.claims import claims_table  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return len(claims_table(result))
    except (TypeError, ValueError, AttributeError):
        return None


def _claims(result: Any) -> int | None:
    """Distinct claims (``Result.counts()``), where the pipeline still counts them so."""
    try:
        return int(result.counts()["claims"])
    except (AttributeError, KeyError, TypeError):
        return None


def _csv_rows(path: Path) -> int:
    """Data rows of a CSV file (cells may hold line breaks, so lines are not rows; a cell may be long)."""
    csv.field_size_limit(2**31 - 1)
    with path.open(newline="", encoding="utf-8") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


def child(corpus_dir: str, out_dir: str) -> dict[str, Any]:
    """One run of the pipeline on ``corpus_dir``, report into ``out_dir``: stage times, peak memory, outputs."""
    import resource

    t0 = time.perf_counter()
    import consistency
    from consistency.corpus import load_corpus
    from consistency.output import write_report
    from consistency.pipeline import check_corpus, extract_corpus

    t_import = time.perf_counter()
    corpus = load_corpus([corpus_dir])
    t_load = time.perf_counter()
    n_docs = len(corpus.documents)
    paths = [d.path for d in corpus.documents]
    # The floor, measured now so that no text need be kept once the run lets the documents go.
    t_f = time.perf_counter()
    tokens = sum(len(FLOOR.findall(d.text)) for d in corpus.documents)
    floor = time.perf_counter() - t_f
    text_bytes = sum(len(d.text.encode("utf-8")) for d in corpus.documents)
    ends: list[tuple[str, float]] = []  # (stage, when it reported its last item)
    firsts: dict[str, float] = {}  # stage -> when it first reported

    def progress(*args: Any) -> None:
        # Called as (done, total) or, where the pipeline names its stages, as (stage, done, total).
        stage = str(args[0]) if len(args) >= 3 else ""
        done, total = args[-2], args[-1]
        firsts.setdefault(stage, time.perf_counter())
        if done == total and not any(s == stage for s, _ in ends):
            ends.append((stage, time.perf_counter()))

    def extraction_end() -> float | None:
        """When extraction reported its last document: the stage named so, else the first stage over every
        document (extraction is the first stage of ``check_corpus``)."""
        named = [t for s, t in ends if "extract" in s.lower()]
        return named[0] if named else next((t for s, t in ends if not s), None)

    # One core: the figures are per core (a revision that has no ``jobs`` runs on one anyway).
    parameters = inspect.signature(check_corpus).parameters
    one_core = {"jobs": 1} if "jobs" in parameters else {}
    # As `consistency report` does: the corpus handed over, where the run takes a function that gives it (the
    # run then lets the documents go as it reads them); else let go before the report is written.
    given: Any = [corpus].pop if "Callable" in str(parameters["corpus"].annotation) else corpus
    del corpus
    result = check_corpus(given, progress=progress, **one_core)
    t_check = time.perf_counter()
    del given
    # Written by this process alone (a revision that can write with two processes is told one).
    one_writer = one_core if "jobs" in inspect.signature(write_report).parameters else {}
    written = write_report(result, out_dir, **one_writer)
    t_write = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    extracted_at = extraction_end()
    if extracted_at is not None:
        extract = extracted_at - t_load
        separate = False
    else:  # a pipeline whose progress does not mark the end of extraction: time it on its own
        t_x = time.perf_counter()
        extract_corpus(load_corpus(paths).documents)
        extract = time.perf_counter() - t_x
        separate = True
    files = {
        p.name: {"bytes": p.stat().st_size, "rows": _csv_rows(p) if p.suffix == ".csv" else None}
        for p in sorted(Path(x) for x in written)
        if p.is_file()
    }
    return {
        "package": str(Path(consistency.__file__ or "?").parent),
        "documents": n_docs,
        "text_bytes": text_bytes,
        "import": t_import - t0,
        "load": t_load - t_import,
        "extract": extract,
        "align+compare": (t_check - t_load) - extract,
        "write": t_write - t_check,
        "total": t_write - t_import,
        "extract_separate": separate,
        # Stories read and aligned a unit at a time (consistency/_units.py): alignment ran inside "extract".
        "fused": "align" in firsts and extracted_at is not None and firsts["align"] < extracted_at,
        "peak": peak,
        "floor": floor,
        "floor_tokens": tokens,
        "rows": {
            "facts": len(result.facts),
            "comparisons": len(result.comparisons),
            "claims": _claims(result),
            "claims table": _claim_rows(result),
            "single-source": len(result.single_source),
        },
        "files": files,
    }


# -------------------------------------------------------------------------------------------- parent process
def run_once(corpus: Path, out: Path, cpu: str | None, code: Path | None) -> dict[str, Any]:
    """One fresh process running :func:`child` (on the package exported to ``code``, if given); its JSON answer."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(out)]
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", cpu, *cmd]
    env = dict(os.environ)
    if code is not None:  # ahead of the editable install, whose finder comes after the path entries
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(code), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"run on {corpus} failed (exit {done.returncode})")
    shutil.rmtree(out, ignore_errors=True)
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def export_revision(rev: str, directory: Path) -> Path:
    """The ``consistency`` package as committed at ``rev``, extracted into ``directory`` (git state untouched)."""
    directory.mkdir(parents=True)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"package: consistency/ as committed at {rev} ({commit}), exported with git archive")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "consistency"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive.stdout, check=True)
    return directory


def measure(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the times, the largest peak, the outputs of the first run (they are deterministic)."""
    first = runs[0]
    keys = ("import", "load", "extract", "align+compare", "write", "total", "floor")
    out: dict[str, Any] = {k: statistics.median(float(r[k]) for r in runs) for k in keys}
    out.update(
        documents=first["documents"],
        text_bytes=first["text_bytes"],
        peak=max(int(r["peak"]) for r in runs),
        rows=first["rows"],
        files=first["files"],
        extract_separate=first["extract_separate"],
        fused=first.get("fused", False),
        package=first["package"],
        stable=all(r["rows"] == first["rows"] for r in runs),
        variants=[r["rows"] for r in runs if r["rows"] != first["rows"]],
    )
    return out


def exponent(n1: float, v1: float | None, n2: float, v2: float | None) -> str:
    """log(v2/v1)/log(n2/n1), or '-' where a value is missing or zero."""
    if not v1 or not v2 or n1 == n2:
        return "-"
    return f"{math.log(v2 / v1) / math.log(n2 / n1):.2f}"


def _mb(n: float) -> float:
    return n / 1e6


def speed_table(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        mb = _mb(r["text_bytes"])
        total = r["total"]
        rows.append(
            [
                f"{r['documents']:,}",
                f"{mb:.1f}",
                f"{r['import']:.2f}",
                *(f"{r[s]:.2f}" for s in STAGES),
                f"{total:.1f}",
                f"{r['documents'] / total:,.0f}",
                f"{mb / total:.2f}",
                f"{mb / r['extract']:.2f}" + ("*" if r["extract_separate"] else ""),
                f"{r['peak'] / 2**20:,.0f}",
                f"{r['floor']:.3f}",
                f"{total / r['floor']:,.0f}x",
                f"{r['extract'] / r['floor']:,.0f}x",
            ]
        )
    headers = [
        "docs",
        "MB",
        "import s",
        *(f"{s} s" for s in STAGES),
        "total s",
        "docs/s",
        "MB/s",
        "extract MB/s",
        "peak MiB",
        "re pass s",
        "total/re",
        "extract/re",
    ]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def _outputs(r: dict[str, Any]) -> dict[str, tuple[int | None, int | None]]:
    """output name -> (rows, bytes): the result's tables in memory and every file written."""
    out: dict[str, tuple[int | None, int | None]] = {}
    for name, rows in r["rows"].items():
        out[name] = (rows, None)
    for name, info in r["files"].items():
        out[name] = (info["rows"], info["bytes"])
    return out


def output_table(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        for name, (n_rows, n_bytes) in _outputs(r).items():
            rows.append(
                [
                    f"{r['documents']:,}",
                    name,
                    "-" if n_rows is None else f"{n_rows:,}",
                    "-" if n_rows is None else f"{n_rows / r['documents']:.1f}",
                    "-" if n_bytes is None else f"{n_bytes:,}",
                    "-" if n_bytes is None else f"{n_bytes / r['text_bytes']:.2f}",
                ]
            )
    headers = ["docs", "output", "rows", "rows/doc", "bytes", "bytes/input byte"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def growth_table(results: list[dict[str, Any]]) -> str:
    """Growth exponents of every time and output between consecutive sizes and from the first to the last."""
    if len(results) < 2:
        return "(one size: no growth exponent)"
    spans = [(results[i], results[i + 1]) for i in range(len(results) - 1)]
    if len(results) > 2:
        spans.append((results[0], results[-1]))
    names = [f"{a['documents']:,} -> {b['documents']:,}" for a, b in spans]
    series: list[tuple[str, Any]] = [(f"time {s}", lambda r, s=s: r[s]) for s in (*STAGES, "total")]
    series.append(("peak memory", lambda r: r["peak"]))
    for name, (n_rows, n_bytes) in _outputs(results[-1]).items():
        if n_rows is not None:
            series.append((f"{name} rows", lambda r, name=name: _outputs(r).get(name, (None, None))[0]))
        if n_bytes is not None:
            series.append((f"{name} bytes", lambda r, name=name: _outputs(r).get(name, (None, None))[1]))
    rows = []
    for label, get in series:
        rows.append([label, *(exponent(a["documents"], get(a), b["documents"], get(b)) for a, b in spans)])
    return tabulate(rows, headers=["exponent (1.00 = linear)", *names], tablefmt="github", disable_numparse=True)


def bench(
    title: str,
    sizes: Sequence[int],
    write: Any,
    runs: int,
    cpu: str | None,
    code: Path | None,
    base: Path,
    keep: bool,
) -> list[dict[str, Any]]:
    """Generate, run and print one family of corpora."""
    results = []
    for n in sizes:
        slug = re.sub(r"\W+", "-", title).strip("-")
        corpus = base / f"{slug}-{n}"
        t0 = time.perf_counter()
        written = write(n, corpus)
        print(
            f"[{title}] {n:,} documents, {written / 1e6:.1f} MB generated in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        answers = []
        for i in range(runs):
            answers.append(run_once(corpus, base / f"out-{slug}-{n}", cpu, code))
            print(f"[{title}] {n:,} run {i + 1}/{runs}: {answers[-1]['total']:.1f} s", file=sys.stderr, flush=True)
        results.append(measure(answers))
        if not keep:
            shutil.rmtree(corpus, ignore_errors=True)
    print(f"\n### {title}  (package: {results[0]['package']})\n")
    print(speed_table(results))
    print()
    print(output_table(results))
    print()
    print(growth_table(results))
    for r in results:
        if not r["stable"]:  # the pipeline promises the same output for the same input
            print(f"\nWARNING: output row counts differed between runs at {r['documents']:,} documents:")
            for rows in [r["rows"], *r["variants"]]:
                print(f"  {rows}")
    if any(r["extract_separate"] for r in results):
        print("\n* extraction timed in a separate call (progress did not mark its end); align+compare = rest")
    if any(r.get("fused") for r in results):
        print(
            "\nThis revision reads, aligns and compares a few whole stories at a time: 'extract' runs until the last"
            "\ndocument is read and holds nearly all alignment; 'align+compare' is only putting the tables together."
            "\nExtraction alone: benchmarks/profile.py."
        )
    sys.stdout.flush()
    return results


def _sizes(text: str) -> list[int]:
    return [int(s.replace("_", "")) for s in text.split(",") if s.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size; medians are printed (default 3)")
    parser.add_argument("--sizes", default="1000,4000,16000", help="mixed-family sizes (default 1000,4000,16000)")
    parser.add_argument("--with-64k", action="store_true", help="add 64,000 documents to --sizes")
    parser.add_argument("--story-sizes", default="500,1000,2000,4000", help="one-story sizes ('' to skip)")
    parser.add_argument("--story-topic", default=None, help="topic of the story family (default: the largest)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--redraw", type=float, default=1.0, help="share of numbers redrawn (default 1.0: all)")
    parser.add_argument("--cpu", default=None, help="pin each run to these CPUs with taskset (e.g. 0)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write the corpora (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora (with --workdir)")
    parser.add_argument("--json", type=Path, default=None, help="also write every measurement to this JSON file")
    parser.add_argument(
        "--rev",
        default=None,
        help="benchmark the package as committed at this git revision (exported with git archive; e.g. HEAD, "
        "or an older one to compare) instead of the working tree",
    )
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return

    from _corpus_gen import load_topics, write_corpus

    topics = load_topics()
    sizes = _sizes(args.sizes) + ([64_000] if args.with_64k else [])
    story_sizes = _sizes(args.story_sizes)
    by_name = {t.name: t for t in topics}
    story = by_name[args.story_topic] if args.story_topic else max(topics, key=lambda t: len(t.sentences))

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"# benchmarks/speed.py: distinct documents (seed {args.seed}, {args.redraw:.0%} of numbers redrawn)")
    print(
        f"{cores} cores visible, runs pinned to CPUs {args.cpu or '(not pinned)'}; median of {args.runs} runs; "
        f"wall clock, machine shared with other work, so timings are noisy"
    )
    print(
        f"mixed: {len(topics)} topics ({', '.join(t.name for t in topics)}); "
        f"story: {story.name} ({story.articles} articles, {len(story.sentences)} sentences)"
    )
    everything: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        base = Path(tmp)
        code = export_revision(args.rev, base / "code") if args.rev else None
        if args.keep and args.workdir:
            base = args.workdir
        if sizes:
            everything["mixed"] = bench(
                "mixed",
                sizes,
                lambda n, d: write_corpus(topics, n, d, args.seed, args.redraw),
                args.runs,
                args.cpu,
                code,
                base,
                args.keep,
            )
        if story_sizes:
            everything["story"] = bench(
                f"story ({story.name})",
                story_sizes,
                lambda n, d: write_corpus([story], n, d, args.seed, args.redraw),
                args.runs,
                args.cpu,
                code,
                base,
                args.keep,
            )
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
