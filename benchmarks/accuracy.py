"""Accuracy of each extractor on the real peer data in ../shared/corpora/, beside the peers, in one table.

Dates: TimeBank + AQUAINT TIMEX3 ``DATE`` (span found = any character overlap; value right once resolved
against the file's DCT), with dateparser's ``search_dates`` run on the same text. Numbers: quantulum3's
``quantities.json`` and Recognizers-Text's ``NumberModel.json`` / ``NumberRangeModel.json``, with quantulum3 run on
the same cases. Frames: how often ``measure`` and ``holder`` come out right through the real pipeline on the case
tables of real sentences (``tests/cases/``), and P/R/F1 of our money, percent, age and time-of-day facts beside
quantulum3 on peer gold (see ``eval_frames.py``). Peers need the bench extras: ``pip install -e '.[bench]'``.

    python benchmarks/accuracy.py [--no-peers]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_dates
import eval_frames
import eval_numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peers", action="store_true", help="score only our extractors")
    args = parser.parse_args()
    peer = not args.no_peers
    print("## Dates: TimeBank + AQUAINT, TIMEX3 DATE\n")
    print(_table(eval_dates.evaluate(peer=peer)))
    print("\n## Numbers: peer suites\n")
    print(_table(eval_numbers.evaluate(peer=peer)))
    print("\n## Frames: measure and holder on the case tables (tests/cases/), through extract_facts\n")
    print(_table(eval_frames.frame_rows()))
    print(
        "\nA case whose fact is not found counts as wrong; ages/times/versions state no measure, so theirs is the"
        " one their kind implies (age, time of day, version)."
    )
    print("\n## New kinds: money, percent, age, time of day (span overlap + same value)\n")
    print(_table(eval_frames.kind_rows(peer=peer)))
    print("\nquantulum3 reads money and percentages only: it has no ages and no times of day (-).")


def _table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "_no rows_"
    headers = list(dict.fromkeys(k for row in rows for k in row))
    body = [[_fmt(row.get(h, "")) for h in headers] for row in rows]
    return str(tabulate(body, headers=headers, tablefmt="github", disable_numparse=True))


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:,.1f}"
    return str(value)


if __name__ == "__main__":
    main()
