"""Extraction speed on one core, per stage, with the hot spots: where a per-core speed-up has to come from.

Documents are DISTINCT real text: ``--corpus generated`` (the default) takes ``--docs`` variants of the ECB+ and
AQUAINT articles from ``_corpus_gen.py`` (sentences sampled within a topic, every number redrawn);
``--corpus real`` takes the ECB+ and AQUAINT files themselves as they are (about 1.3 MB). Each document is cleaned
with ``consistency.corpus.load_text`` (the "load" stage, timed apart), then ``consistency.pipeline.extract_corpus``
extracts them all, as the pipeline does (stories, publication anchors, then every document's facts).

Times are CPU seconds of this process (``time.process_time``): speed per core, which other processes on a busy
machine barely disturb (wall clock is shown beside). Printed: MB/s of extraction (median of ``--runs``),
documents per second, the same for loading, and the ratio to one plain ``re`` pass over the same text measured
in the same process (the floor any extractor must pay); then one run under ``cProfile`` split into stages (the
cumulative time of each stage's entry points; "other" is the rest of extraction) and the top ``--top``
functions by their own time.

    python benchmarks/profile.py [--corpus generated|real] [--docs 2000] [--runs 5] [--top 25] [--code DIR]

``--code DIR`` runs the ``consistency`` package found in DIR (e.g. a ``git archive`` of an older revision)
instead of the installed one, so two versions can be measured alternately with the same script. Compare
medians of runs made side by side.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# This script is called profile.py: its folder, first on the path, would shadow the standard ``profile``
# module that ``cProfile`` imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
import cProfile  # noqa: E402
import pstats  # noqa: E402

CORPORA = HERE.parent.parent / "shared" / "corpora"
#: The floor: one plain regular-expression pass that touches every number and capitalised word (as speed.py).
FLOOR = re.compile(r"\d+|[A-Z][a-z]+")
#: Stages of extraction, each the cumulative time of its entry points (``file:function`` suffixes in cProfile's
#: keys). They are disjoint in the code as it stands; a stage that calls another's entry point would count twice.
STAGES: dict[str, tuple[str, ...]] = {
    "stories + anchors": ("pipeline.py:story_map", "pipeline.py:anchor"),
    "dates": ("kinds.py:dates",),
    "quantities": ("kinds.py:quantities",),
    "places": ("kinds.py:places",),
    "ages": ("ages.py:find_ages",),
    "times": ("times.py:find_times",),
    "versions": ("versions.py:find_versions",),
    "sentences": ("sentences.py:split_sentences",),
    "frames": ("frames.py:read_frame", "frames.py:clause_span"),
    "context words": ("sentences.py:context_words",),
    "attribution + furniture": ("sentences.py:attribution", "sentences.py:is_furniture"),
}


def generated(n: int, seed: int) -> list[tuple[str, str]]:
    """(name, text) of ``n`` distinct generated documents (see ``_corpus_gen.py``)."""
    sys.path.append(str(HERE))  # last: never ahead of the standard library
    import _corpus_gen

    return [(name, text) for _, name, text in _corpus_gen.documents(_corpus_gen.load_topics(CORPORA), n, seed)]


def real() -> list[tuple[str, str]]:
    """(name, text) of every ECB+ and AQUAINT text file, as it is."""
    paths = sorted((CORPORA / "ecbplus" / "text").glob("*/*.txt"))
    paths += sorted((CORPORA / "timeml-tbaq" / "AQUAINT-text").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of this process spent in ``fn()`` (other processes on a busy machine do not count), and
    what it returned."""
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each stage's entry points in one profiled run."""
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    out = dict.fromkeys(STAGES, 0.0)
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in raw.items():
        key = f"{Path(file).name}:{func}"
        for stage, entries in STAGES.items():
            if key in entries:
                out[stage] += ct
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("generated", "real"), default="generated")
    parser.add_argument("--docs", type=int, default=2000, help="generated documents (default 2000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is shown (default 5)")
    parser.add_argument("--top", type=int, default=25, help="hot spots shown, by own time (default 25)")
    parser.add_argument("--no-profile", action="store_true", help="only the timed runs")
    parser.add_argument("--save", type=Path, help="also write the profile there (for pstats or snakeviz)")
    parser.add_argument("--code", type=Path, help="a folder holding the consistency package to run instead")
    args = parser.parse_args(argv)
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))

    import consistency
    from consistency.corpus import load_text
    from consistency.pipeline import extract_corpus

    raw = generated(args.docs, args.seed) if args.corpus == "generated" else real()
    load_s, documents = timed(lambda: [load_text(text, doc_id=name, path=name) for name, text in raw])
    texts = [d.text for d in documents]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extract_corpus(documents[:20])  # the gazetteer and lazy tables load outside the clock
    runs, walls, floors, facts = [], [], [], 0
    for _ in range(args.runs):
        wall = time.perf_counter()
        seconds, out = timed(lambda: extract_corpus(documents))
        walls.append(time.perf_counter() - wall)
        runs.append(seconds)
        facts = sum(len(f) for f in out.facts.values())
        floors.append(timed(lambda: sum(len(FLOOR.findall(t)) for t in texts))[0])
    extract_s, floor_s = statistics.median(runs), statistics.median(floors)
    # The story clustering runs inside extract_corpus (before any document is read): timed alone as well.
    import consistency.pipeline as pipeline

    story_map = getattr(pipeline, "story_map", None)
    stories_s = (
        statistics.median(timed(lambda: story_map(documents))[0] for _ in range(args.runs)) if story_map else 0.0
    )
    print(f"package    {Path(consistency.__file__ or '?').parent}")
    print(f"corpus     {args.corpus}: {len(documents)} documents, {mb:.2f} MB cleaned text, {facts} facts")
    print(f"load       {load_s:6.2f} s  {mb / load_s:5.2f} MB/s  (cleaning, one run)")
    print(
        f"extract    {extract_s:6.2f} s  {mb / extract_s:5.2f} MB/s  {len(documents) / extract_s:6.0f} docs/s"
        f"  (CPU, median of {args.runs}: {', '.join(f'{r:.2f}' for r in runs)}; wall {statistics.median(walls):.2f} s)"
    )
    if story_map:
        rest = extract_s - stories_s
        print(f"  stories  {stories_s:6.2f} s  (story_map alone); the documents' extraction without it:")
        print(f"  per doc  {rest:6.2f} s  {mb / rest:5.2f} MB/s  {len(documents) / rest:6.0f} docs/s")
    print(f"floor      {floor_s:6.3f} s  one re pass; extraction = {extract_s / floor_s:.0f} x the floor")
    if args.no_profile:
        return
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    extract_corpus(documents)
    profiler.disable()
    stats = pstats.Stats(profiler)
    if args.save is not None:
        stats.dump_stats(args.save)
    total = stats.total_tt  # type: ignore[attr-defined]
    stages = stage_times(stats)
    print(f"\nstages under cProfile (one run, {total:.2f} s; cProfile slows pure-Python code more than regexes)")
    for stage, seconds in [*stages.items(), ("other", total - sum(stages.values()))]:
        print(f"  {stage:<24} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(args.top)
    lines = buffer.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    print(f"\ntop {args.top} by own time")
    print("\n".join(line.replace(str(HERE.parent) + "/", "") for line in lines[start:] if line.strip()))


if __name__ == "__main__":
    main()
