"""Score ``find_quantities`` against the peer number suites, beside quantulum3 measured in the same run.

Sets (see ../shared/corpora/SOURCES.md):

* ``quantulum3`` - quantulum3's own ``quantities.json`` (101 cases);
* ``NumberModel`` - Recognizers-Text ``Number/NumberModel.json``, cases not NotSupported in python;
* ``NumberRange`` - Recognizers-Text ``Number/NumberRangeModel.json``, cases with a result (79);
* ``TBAQ speed`` - the AQUAINT news text of TempEval-3, for documents per second only.

Metrics, per case:

* ``all_found`` - every gold value is among the tool's numbers (relative tolerance 1e-6).  A tool's numbers
  are, per mention, its value and its finite interval ends and their midpoint (quantulum3 states a range
  "3 to 4 L" as its midpoint 3.5 with an uncertainty, so its numbers are value and value +- uncertainty).
  For ``NumberRange`` the gold values are the finite end points of the gold interval ("(100000,)" -> 100000).
* ``fp_per_case`` - mentions none of whose numbers is a gold value, averaged over cases.
* ``interval`` (ours, ``NumberRange`` only) - some mention has exactly the gold interval: the same finite
  ends, the same unbounded side and the same open/closed flags.  Recognizers writes an explicit range
  "between 20 and 30" as half-open ``[20,30)``; we read it closed, so those cases count as misses here.

Ordinal mentions ("the third") are left out of both metrics: the suites score cardinals.
Run: ``python benchmarks/eval_numbers.py``.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from tabulate import tabulate

from consistency.extract.quantities import QuantityMention, find_quantities

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
QUANTULUM_FILE = CORPORA / "quantulum3" / "quantities.json"
NUMBER_FILE = CORPORA / "recognizers-text" / "Number" / "NumberModel.json"
RANGE_FILE = CORPORA / "recognizers-text" / "Number" / "NumberRangeModel.json"
TBAQ_DIR = CORPORA / "timeml-tbaq" / "AQUAINT-text"

Interval = tuple[float | None, float | None, bool, bool]  # low, high, low_open, high_open


class Case:
    def __init__(self, text: str, values: list[float], intervals: list[Interval] | None = None) -> None:
        self.text, self.values, self.intervals = text, values, intervals or []


def _load(path: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8-sig"))
    return data


def quantulum_cases() -> list[Case]:
    return [
        Case(str(c["req"]), [float(r["value"]) for r in c["res"]])  # type: ignore[attr-defined]
        for c in _load(QUANTULUM_FILE)
    ]


def _supported(case: dict[str, object]) -> bool:
    flags = f"{case.get('NotSupported', '')} {case.get('NotSupportedByDesign', '')}"
    return "python" not in flags.lower()


def number_cases() -> list[Case]:
    return [
        Case(str(c["Input"]), [float(r["Resolution"]["value"]) for r in c["Results"]])  # type: ignore
        for c in _load(NUMBER_FILE)
        if _supported(c)
    ]


_GOLD_RANGE = re.compile(r"([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])")


def parse_range(value: str) -> Interval:
    """'(100000,)' -> (100000, None, True, False); '[20,30)' -> (20, 30, False, True)."""
    m = _GOLD_RANGE.fullmatch(value.strip())
    if not m:
        raise ValueError(value)
    low = float(m.group(2)) if m.group(2) else None
    high = float(m.group(3)) if m.group(3) else None
    return low, high, m.group(1) == "(" and low is not None, m.group(4) == ")" and high is not None


def range_cases() -> list[Case]:
    cases = []
    for c in _load(RANGE_FILE):
        results = c["Results"]
        if not results:
            continue
        intervals = [parse_range(str(r["Resolution"]["value"])) for r in results]  # type: ignore[index]
        values = [v for iv in intervals for v in iv[:2] if v is not None]
        cases.append(Case(str(c["Input"]), values, intervals))
    return cases


def tbaq_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(TBAQ_DIR.glob("*.txt"))]


# --- The tools, each reduced to "numbers per mention" ------------------------------------------------
Numbers = list[list[float]]


def _ours_numbers(mentions: Iterable[QuantityMention]) -> tuple[Numbers, list[Interval]]:
    numbers, intervals = [], []
    for q in mentions:
        if q.dimension == "ordinal":
            continue
        nums = [q.value] + [v for v in (q.low, q.high) if v is not None]
        if q.low is not None and q.high is not None:
            nums.append((q.low + q.high) / 2)
        numbers.append(nums)
        intervals.append((q.low, q.high, q.low_open, q.high_open))
    return numbers, intervals


def ours(text: str) -> tuple[Numbers, list[Interval]]:
    return _ours_numbers(find_quantities(text))


def quantulum_tool() -> Callable[[str], tuple[Numbers, list[Interval]]] | None:
    try:
        from quantulum3 import parser  # type: ignore[import-untyped]
    except ImportError:
        return None

    def run(text: str) -> tuple[Numbers, list[Interval]]:
        numbers = []
        for q in parser.parse(text):
            nums = [float(q.value)]
            if q.uncertainty:
                nums += [float(q.value) - float(q.uncertainty), float(q.value) + float(q.uncertainty)]
            numbers.append(nums)
        return numbers, []

    return run


# --- Scoring -------------------------------------------------------------------------------------------
def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _same_interval(a: Interval, b: Interval) -> bool:
    def same(x: float | None, y: float | None) -> bool:
        return (x is None and y is None) or (x is not None and y is not None and _same(x, y))

    return same(a[0], b[0]) and same(a[1], b[1]) and a[2] == b[2] and a[3] == b[3]


def score(cases: list[Case], tool: Callable[[str], tuple[Numbers, list[Interval]]]) -> dict[str, float]:
    found = fp = exact = 0
    t0 = time.perf_counter()
    outputs = [tool(c.text) for c in cases]
    elapsed = time.perf_counter() - t0
    for case, (numbers, intervals) in zip(cases, outputs, strict=True):
        ours_flat = [v for nums in numbers for v in nums]
        found += all(any(_same(g, v) for v in ours_flat) for g in case.values)
        fp += sum(not any(_same(g, v) for g in case.values for v in nums) for nums in numbers)
        exact += bool(case.intervals) and all(any(_same_interval(g, iv) for iv in intervals) for g in case.intervals)
    n = len(cases)
    return {
        "all_found": found / n,
        "fp_per_case": fp / n,
        "interval": exact / n,
        "docs_per_s": n / elapsed if elapsed else math.inf,
    }


def speed(texts: list[str], tool: Callable[[str], object]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        tool(t)
    return len(texts) / (time.perf_counter() - t0)


def evaluate(peer: bool = True) -> list[dict[str, object]]:
    """One row per (set, tool): all_found, fp_per_case, docs_per_s (and interval for ours on ranges)."""
    tools: list[tuple[str, Callable[[str], tuple[Numbers, list[Interval]]]]] = [("consistency", ours)]
    q = quantulum_tool() if peer else None
    if peer and q is None:
        print("quantulum3 is not importable: peer skipped")
    if q is not None:
        tools.append(("quantulum3", q))
    rows: list[dict[str, object]] = []
    sets = [
        ("quantulum3 quantities.json", quantulum_cases()),
        ("Recognizers NumberModel", number_cases()),
        ("Recognizers NumberRange", range_cases()),
    ]
    for set_name, cases in sets:
        for name, tool in tools:
            s = score(cases, tool)
            row: dict[str, object] = {
                "set": f"{set_name} ({len(cases)})",
                "tool": name,
                "all_found": round(s["all_found"], 3),
                "fp_per_case": round(s["fp_per_case"], 2),
                "docs_per_s": round(s["docs_per_s"]),
            }
            if set_name.endswith("NumberRange") and name == "consistency":
                row["interval"] = round(s["interval"], 3)
            rows.append(row)
    texts = tbaq_texts()
    kb = sum(len(t.encode()) for t in texts) / 1024
    for name, tool in tools:
        dps = speed(texts, tool)
        rows.append(
            {
                "set": f"TBAQ AQUAINT text ({len(texts)} docs, {kb:.0f} KB)",
                "tool": name,
                "docs_per_s": round(dps),
                "ms_per_kb": round(1000 * len(texts) / dps / kb, 3),
            }
        )
    return rows


def main() -> None:
    rows = evaluate()
    headers = ["set", "tool", "all_found", "fp_per_case", "interval", "docs_per_s", "ms_per_kb"]
    print(tabulate([[r.get(h, "") for h in headers] for r in rows], headers=headers))


if __name__ == "__main__":
    main()
