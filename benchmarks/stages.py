"""Where a run's time and memory go, stage by stage, in one process (issue 11). On demand only: never run by the
tests.

    python benchmarks/stages.py --docs 16000            # the corpus benchmarks/scale.py generates and caches
    python benchmarks/stages.py --docs 64000 --jobs 2
    python benchmarks/stages.py path/to/corpus

Prints, as each stage ends, the seconds since the start, the process's resident memory (RSS) and its peak so far
(VmHWM, Linux): imports, loading the corpus, the stories step alone (names of every document and
``stories()``: timed apart, before the run, which finds them again), each unit of the run (the progress
callback), putting the tables together, and each report file written. With ``--jobs 2`` the figures are the
client's (the process that gathers the tables and writes the report); the workers' are ``scale.py``'s.

The report files are written with the library's ``write_report``; to see each file end, this script wraps the
writers that ``consistency.output`` hands to ``write_atomically`` (a benchmark's hook, not an API).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

STARTED = time.perf_counter()


def memory() -> tuple[int, int]:
    """(RSS, peak RSS) of this process in MiB, from /proc (0, 0 where there is none)."""
    try:
        fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    except OSError:
        return 0, 0
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def mark(what: str) -> None:
    rss, peak = memory()
    print(f"{time.perf_counter() - STARTED:8.1f} s  {what:34s} RSS {rss:6,} MiB  peak {peak:6,} MiB", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="a corpus folder or file (default: --docs generated)")
    parser.add_argument("--docs", type=int, default=2000, help="generated documents when no corpus is given [2000]")
    parser.add_argument("--jobs", type=int, default=1, help="processes of the run [1]")
    parser.add_argument("--units", action="store_true", help="a line per unit of whole stories, not only the last")
    args = parser.parse_args(argv)

    import consistency.output as output
    from consistency.corpus import load_corpus
    from consistency.pipeline import _known_dates, check_corpus, story_map

    mark("imports")
    if args.corpus is None:
        from scale import WORKDIR, generate

        args.corpus = generate(WORKDIR, args.docs, 0, "files", 10_000).path
    corpus = load_corpus([args.corpus])
    mark(f"loaded {len(corpus.documents):,} documents")
    started = time.perf_counter()
    found = story_map(corpus.documents, _known_dates(corpus.documents))
    took = time.perf_counter() - started
    mark(f"stories ({len(set(found.values())):,}) in {took:.1f} s")
    del found

    last: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "align" and done and (args.units or done == total):
            mark(f"units aligned {done:,}/{total:,}")
        if stage == "compare" and "compare" not in last:
            mark("facts and comparisons gathered")
        last[stage] = done

    hand_over = [corpus].pop  # as the CLI does: the run alone holds the documents, and lets each go once read
    del corpus
    result = check_corpus(hand_over, progress=progress, jobs=args.jobs)
    mark("result")

    hook = "write_atomically"  # what consistency.output writes the files with
    writers_of = getattr(output, hook)

    def each_file(out: Any, writers: dict[str, Callable[[TextIO], object]], **options: Any) -> Any:
        def timed(name: str, writer: Callable[[TextIO], object]) -> Callable[[TextIO], None]:
            def write(handle: TextIO) -> None:
                writer(handle)
                mark(f"wrote {name}")

            return write

        return writers_of(out, {name: timed(name, w) for name, w in writers.items()}, **options)

    setattr(output, hook, each_file)
    with tempfile.TemporaryDirectory() as folder:
        output.write_report(result, Path(folder) / "report", jobs=args.jobs)
    mark("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
