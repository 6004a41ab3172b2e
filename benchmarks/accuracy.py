"""Accuracy of each extractor on the real peer data in ../shared/corpora/, beside the peers, in one table.

Dates: TimeBank + AQUAINT TIMEX3 ``DATE`` (span found = any character overlap; value right once resolved
against the file's DCT), with dateparser's ``search_dates`` run on the same text. Numbers: quantulum3's
``quantities.json`` and Recognizers-Text's ``NumberModel.json`` / ``NumberRangeModel.json``, with quantulum3 run on
the same cases. Peers need the bench extras: ``pip install -e '.[bench]'``.

    python benchmarks/accuracy.py [--no-peers]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_dates
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
