"""Speed and memory of the whole pipeline (load, extract, align, compare, write the report).

Runs on every text of ../shared/corpora/ (ECB+ news, TimeBank and AQUAINT), then on that corpus replicated to
2,500, 5,000 and 10,000 documents, each run in a fresh process on one core so peak memory is the process's own.
Beside each figure it prints the floor: one plain ``re`` pass (months, weekdays, digits, number words) over the
same text. Medians of several runs.

    python benchmarks/speed.py [--runs 3] [--sizes 2500,5000,10000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

FLOOR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|hundred|thousand|million|billion)\b|\d+(?:[.,]\d+)*"
)
_TAG = re.compile(r"<[^>]+>")


def corpus_texts() -> list[tuple[str, str]]:
    """(id, text) of every news text in the shared corpora, sorted by id."""
    texts = []
    for path in sorted((CORPORA / "ecbplus" / "text").rglob("*.txt")):
        texts.append((f"ecb-{path.stem}", path.read_text(encoding="utf-8")))
    for path in sorted((CORPORA / "timeml-tbaq").rglob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if m:
            texts.append((f"tbaq-{path.stem}", _TAG.sub("", m.group(1))))
    return texts


def write_corpus(texts: list[tuple[str, str]], size: int | None, directory: Path) -> Path:
    """A JSONL corpus of ``size`` documents (the texts repeated with fresh ids), or of the texts as they are."""
    out = directory / f"corpus-{size or 'all'}.jsonl"
    n = size or len(texts)
    with out.open("w", encoding="utf-8") as handle:
        for i in range(n):
            doc_id, text = texts[i % len(texts)]
            handle.write(json.dumps({"id": f"{i:05d}-{doc_id}", "text": text}) + "\n")
    return out


_CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
import consistency
from consistency.output import write_report
result = consistency.check([sys.argv[1]])
write_report(result, sys.argv[2])
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "peak": peak, "facts": len(result.facts), "pairs": len(result.comparisons)}))
"""


def run_pipeline(corpus: Path, out: Path) -> dict[str, float]:
    """One run of the whole pipeline in a fresh process pinned to one core."""
    cmd = [sys.executable, "-c", _CHILD, str(corpus), str(out)]
    if hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", "0", *cmd] if _has_taskset() else cmd
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


def floor_seconds(texts: list[str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        for _ in FLOOR.finditer(text):
            pass
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="2500,5000,10000")
    args = parser.parse_args()
    texts = corpus_texts()
    sizes: list[int | None] = [None, *(int(s) for s in args.sizes.split(",") if s)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for size in sizes:
            corpus = write_corpus(texts, size, base)
            n = size or len(texts)
            all_text = [texts[i % len(texts)][1] for i in range(n)]
            mb = sum(len(t.encode("utf-8")) for t in all_text) / 1e6
            runs = [run_pipeline(corpus, base / f"out-{n}") for _ in range(args.runs)]
            floors = [floor_seconds(all_text) for _ in range(args.runs)]
            secs = statistics.median(r["seconds"] for r in runs)
            floor = statistics.median(floors)
            rows.append(
                [
                    f"{n:,}" + ("" if size else " (corpora as they are)"),
                    f"{mb:.1f}",
                    f"{secs:.1f}",
                    f"{n / secs:,.0f}",
                    f"{mb / secs:.2f}",
                    f"{max(r['peak'] for r in runs) / 2**20:,.0f}",
                    f"{floor:.2f}",
                    f"{secs / floor:,.0f}x",
                    f"{int(runs[0]['facts']):,}",
                    f"{int(runs[0]['pairs']):,}",
                ]
            )
            print(f"done {n} documents: {secs:.1f} s", file=sys.stderr)
    print(f"median of {args.runs} runs, one core, whole pipeline incl. writing the report")
    print(
        tabulate(
            rows,
            headers=[
                "documents",
                "MB",
                "seconds",
                "docs/s",
                "MB/s",
                "peak MiB",
                "re floor s",
                "vs floor",
                "facts",
                "pairs",
            ],
            tablefmt="github",
            disable_numparse=True,
        )
    )


if __name__ == "__main__":
    main()
