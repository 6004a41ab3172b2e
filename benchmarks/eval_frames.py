"""Score the frame (``measure``, ``holder``) and the new kinds (money, percent, age, time) through the real pipeline.

Two tables, both computed with ``extract_facts(load_text(sentence))``, the path a user's text takes:

* :func:`frame_rows` - for the case tables of real sentences in ``tests/cases/`` (``frames.json``: ``target``,
  ``occurrence``, ``kind``, ``expect``; ``ages.json``: ``holder``; ``versions.json``: ``product`` = holder;
  ``times.json`` states neither), how often the fact whose span holds the case's target has the expected
  ``measure`` and ``holder``. A case whose fact is not found counts as wrong. ``ages``, ``times`` and
  ``versions`` state no measure: their measure is the one their kind implies ("age", "time of day",
  "version"), marked ``(implied)``. Holders compare without case and a leading article ("the quake" = "quake").
* :func:`kind_rows` - precision, recall and F1 of our money, percent, age and time facts beside quantulum3's
  currency and percentage quantities, on peer gold: quantulum3's ``quantities.json`` (currency and percentage
  units; every sentence counts for precision) and Recognizers-Text ``CurrencyModel.json``,
  ``PercentModel.json``, ``AgeModel.json``, ``TimeParser.json`` and the ``DateTimeModel.json`` cases that hold
  a ``datetimeV2.time``. A found mention is right when its span overlaps a gold mention's and its value
  matches (money: amount in the main unit, so "197 pence" is 1.97; percent: the number; age: years, so
  "ten months old" is 0.833; time: minutes after midnight, either reading of an unmarked "at 7").
  Gold mentions with no value (Recognizers' "rmb", "percent") and time ranges are left out: a mention on
  them is neither right nor wrong. quantulum3 reads no ages and no times of day: its cells are "-".

Run: ``python benchmarks/eval_frames.py [--no-peers]`` (or through ``benchmarks/accuracy.py``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from consistency.corpus import CorpusError, load_text
from consistency.extract import extract_facts
from consistency.facts import Fact

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CORPORA = ROOT.parent / "shared" / "corpora"
RT = CORPORA / "recognizers-text"

#: What a table's kind implies when the table states no measure.
IMPLIED_MEASURE = {"age": "age", "time": "time of day", "version": "version"}
#: Sub-units, as a fraction of their main unit, so "197 pence" and "£1.97" are one amount.
SUBUNITS = {"cent": 0.01, "penny": 0.01, "pence": 0.01, "dime": 0.1, "nickel": 0.05, "sen": 0.01, "satoshi": 1e-8}
#: quantulum3's currency unit names in its own test file (no unit database needed to read the gold).
QUANTULUM_CURRENCIES = frozenset({"dollar", "euro", "pound sterling", "penny", "cent", "dime"})
AGE_UNITS = {"year": 1.0, "age": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}


def facts_of(text: str, cache: dict[str, tuple[str, list[Fact]]]) -> tuple[str, list[Fact]]:
    """The cleaned text and the facts of one sentence, through the real pipeline (once per sentence).

    A sentence that cleaning empties (a bare "$20" is dropped as page furniture) has no facts.
    """
    if text not in cache:
        try:
            doc = load_text(text)
        except CorpusError:
            cache[text] = (text, [])
        else:
            cache[text] = (doc.text, extract_facts(doc))
    return cache[text]


# --- Part 1: the frame on the case tables ----------------------------------------------------------------------
@dataclass(frozen=True)
class FrameCase:
    table: str
    kind: str
    text: str
    target: str
    occurrence: int
    measure: str | None  # None: the table states none
    holder: str | None
    implied: bool = False
    xfail: bool = False  # the table marks the case a known gap


def _load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))["cases"]
    return cases


def frame_cases() -> list[FrameCase]:
    out = []
    for c in _load_cases("frames.json"):
        e = c["expect"]
        out.append(
            FrameCase(
                "frames.json",
                c["kind"],
                c["text"],
                c["target"],
                c.get("occurrence", 0),
                e.get("measure"),
                e.get("holder"),
                xfail="xfail" in c,
            )
        )
    for name, kind, holder_key in (
        ("ages.json", "age", "holder"),
        ("times.json", "time", None),
        ("versions.json", "version", "product"),
    ):
        for c in _load_cases(name):
            seen: dict[str, int] = {}
            for item in c["expect"]:
                target = item["text"]
                occ = seen.get(target, 0)
                seen[target] = occ + 1
                holder = item.get(holder_key) if holder_key else None
                measure = IMPLIED_MEASURE[kind]
                out.append(
                    FrameCase(name, kind, c["text"], target, occ, measure, holder, implied=True, xfail="xfail" in c)
                )
    return out


def _span(text: str, target: str, occurrence: int) -> tuple[int, int] | None:
    i = -1
    for _ in range(occurrence + 1):
        i = text.find(target, i + 1)
        if i < 0:
            return None
    return i, i + len(target)


def _find_fact(facts: list[Fact], span: tuple[int, int], kind: str) -> Fact | None:
    """The fact whose span holds the target (same kind first), else one that overlaps it."""
    start, end = span
    holding = [f for f in facts if f.start <= start and end <= f.end]
    overlapping = [f for f in facts if f.start < end and start < f.end]
    for pool in (holding, overlapping):
        same = [f for f in pool if f.kind == kind]
        for group in (same, pool):
            if group:
                return min(group, key=lambda f: f.end - f.start)
    return None


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _norm_holder(s: str) -> str:
    return _ARTICLE.sub("", " ".join(s.split())).casefold()


@dataclass
class _Tally:
    cases: int = 0
    found: int = 0
    measure_cases: int = 0
    measure_ok: int = 0
    holder_cases: int = 0
    holder_ok: int = 0
    xfail: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        self.cases += other.cases
        self.found += other.found
        self.measure_cases += other.measure_cases
        self.measure_ok += other.measure_ok
        self.holder_cases += other.holder_cases
        self.holder_ok += other.holder_ok
        self.xfail += other.xfail


def _rate(ok: int, n: int) -> str:
    return f"{ok}/{n} ({ok / n:.3f})" if n else "-"


def score_frames(cases: Iterable[FrameCase]) -> dict[tuple[str, str], _Tally]:
    tallies: dict[tuple[str, str], _Tally] = {}
    cache: dict[str, tuple[str, list[Fact]]] = {}
    for case in cases:
        clean, facts = facts_of(case.text, cache)
        # Cleaning rarely changes a sentence; when it does, look the target up in the cleaned text.
        span = _span(clean, case.target, case.occurrence)
        fact = _find_fact(facts, span, case.kind) if span else None
        t = tallies.setdefault((case.table, case.kind), _Tally())
        t.cases += 1
        t.found += fact is not None
        t.xfail += case.xfail
        got_m = fact.measure if fact else None
        got_h = fact.holder if fact else None
        if case.measure is not None:
            t.measure_cases += 1
            ok = got_m == case.measure
            t.measure_ok += ok
            if not ok:
                t.misses.append(f"measure {got_m!r} != {case.measure!r}: [{case.target}] {case.text}")
        if case.holder is not None:
            t.holder_cases += 1
            ok = got_h is not None and _norm_holder(got_h) == _norm_holder(case.holder)
            t.holder_ok += ok
            if not ok:
                t.misses.append(f"holder {got_h!r} != {case.holder!r}: [{case.target}] {case.text}")
    return tallies


def frame_rows(verbose: bool = False) -> list[dict[str, object]]:
    """One row per (table, kind) and an overall row: cases, facts found, measure right, holder right."""
    cases = frame_cases()
    implied = {c.table for c in cases if c.implied}
    tallies = score_frames(cases)
    rows: list[dict[str, object]] = []
    total = _Tally()
    for (table, kind), t in sorted(tallies.items(), key=lambda kv: (kv[0][0] != "frames.json", kv[0])):
        total.add(t)
        rows.append(
            {
                "table": table,
                "kind": kind,
                "cases": t.cases,
                "xfail": t.xfail,
                "fact found": _rate(t.found, t.cases),
                "measure right": _rate(t.measure_ok, t.measure_cases) + (" (implied)" if table in implied else ""),
                "holder right": _rate(t.holder_ok, t.holder_cases),
            }
        )
        if verbose:
            for m in t.misses:
                print(f"  {table}/{kind}: {m}")
    rows.append(
        {
            "table": "all",
            "kind": "all",
            "cases": total.cases,
            "xfail": total.xfail,
            "fact found": _rate(total.found, total.cases),
            "measure right": _rate(total.measure_ok, total.measure_cases),
            "holder right": _rate(total.holder_ok, total.holder_cases),
        }
    )
    return rows


# --- Part 2: P/R/F1 of money, percent, age, time beside quantulum3 ----------------------------------------------
@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    values: tuple[float, ...]  # any of these is right
    text: str


@dataclass(frozen=True)
class KindCase:
    text: str
    gold: tuple[Gold, ...]
    ignore: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    low: float
    high: float
    text: str


def _json(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8-sig"))
    return data


def _rt_span(r: dict[str, Any]) -> tuple[int, int]:
    """Recognizers' spans: ``End`` is inclusive; the parser specs give ``Length`` instead."""
    start = int(r["Start"])
    return (start, start + int(r["Length"])) if "Length" in r else (start, int(r["End"]) + 1)


def _quantulum_gold(kind: str) -> list[KindCase]:
    cases = []
    for c in _json(CORPORA / "quantulum3" / "quantities.json"):
        text, gold = c["req"], []
        for r in c["res"]:
            unit = str(r["unit"])
            base = unit.split(" per ")[0]
            if kind == "money" and base in QUANTULUM_CURRENCIES:
                v = float(r["value"]) * SUBUNITS.get(base, 1.0)
            elif kind == "percent" and unit == "percentage":
                v = float(r["value"])
            else:
                continue
            u = float(r.get("uncertainty") or 0) * SUBUNITS.get(base, 1.0)
            i = text.find(r["surface"])
            gold.append(Gold(i, i + len(r["surface"]), (v, v - u, v + u) if u else (v,), r["surface"]))
        cases.append(KindCase(text, tuple(gold)))
    return cases


def _rt_cases(path: Path, value: Callable[[dict[str, Any]], tuple[float, ...] | None]) -> list[KindCase]:
    cases = []
    for c in _json(path):
        gold, ignore = [], []
        for r in c["Results"]:
            span = _rt_span(r)
            values = value(r)
            if values:
                gold.append(Gold(span[0], span[1], values, r["Text"]))
            else:
                ignore.append(span)
        cases.append(KindCase(c["Input"], tuple(gold), tuple(ignore)))
    return cases


def _money_value(r: dict[str, Any]) -> tuple[float, ...] | None:
    res = r["Resolution"]
    if res.get("value") in (None, "null"):
        return None
    return (float(res["value"]) * SUBUNITS.get(str(res.get("unit", "")).casefold(), 1.0),)


def _percent_value(r: dict[str, Any]) -> tuple[float, ...] | None:
    v = r["Resolution"].get("value")
    return None if v in (None, "null") else (float(str(v).rstrip("%")),)


def _age_value(r: dict[str, Any]) -> tuple[float, ...] | None:
    res = r["Resolution"]
    scale = AGE_UNITS.get(str(res.get("unit", "")).casefold())
    return None if res.get("value") in (None, "null") or scale is None else (float(res["value"]) * scale,)


_CLOCK = re.compile(r"(\d\d):(\d\d)(?::(\d\d))?")
_MARKED = re.compile(r"[ap]\s*\.?\s*m\b|morning|afternoon|evening|night|noon|midnight|tonight", re.IGNORECASE)


def _minutes(clock: str) -> float | None:
    """'19:56:30' -> 1196.5 minutes after midnight."""
    m = _CLOCK.search(clock)
    return int(m.group(1)) * 60 + int(m.group(2)) + int(m.group(3) or 0) / 60 if m else None


def _time_parser_value(r: dict[str, Any]) -> tuple[float, ...] | None:
    """TimeParser gives one timex ("T07"); an hour with no am/pm marker in the text may be read either way."""
    timex = str(r["Value"]["Timex"])
    m = re.fullmatch(r"T(\d\d)(?::(\d\d))?(?::(\d\d))?", timex)
    if not m:
        return None
    minutes = int(m.group(1)) * 60 + int(m.group(2) or 0) + int(m.group(3) or 0) / 60
    if minutes < 13 * 60 and not _MARKED.search(r["Text"]):
        return float(minutes), float((minutes + 720) % 1440)
    return (float(minutes),)


def _time_cases() -> list[KindCase]:
    cases = _rt_cases(RT / "DateTime" / "TimeParser.json", _time_parser_value)
    seen = {c.text for c in cases}
    for c in _json(RT / "DateTime" / "DateTimeModel.json"):
        if c["Input"] in seen or not any(r.get("TypeName") == "datetimeV2.time" for r in c["Results"]):
            continue  # a sentence both specs hold counts once
        seen.add(c["Input"])
        gold, ignore = [], []
        for r in c["Results"]:
            span = _rt_span(r)
            kind = str(r.get("TypeName", ""))
            values = [_minutes(str(v.get("value", ""))) for v in r["Resolution"]["values"]]
            clocks = tuple(float(v) for v in values if v is not None)
            if kind in ("datetimeV2.time", "datetimeV2.datetime") and clocks:
                gold.append(Gold(span[0], span[1], clocks, r["Text"]))
            elif "range" in kind:
                ignore.append(span)
        cases.append(KindCase(c["Input"], tuple(gold), tuple(ignore)))
    return cases


def gold_sets() -> dict[str, list[tuple[str, list[KindCase]]]]:
    """Per kind, the named gold sets."""
    return {
        "money": [
            ("quantulum3 quantities.json", _quantulum_gold("money")),
            ("Recognizers CurrencyModel", _rt_cases(RT / "NumberWithUnit" / "CurrencyModel.json", _money_value)),
        ],
        "percent": [
            ("quantulum3 quantities.json", _quantulum_gold("percent")),
            ("Recognizers PercentModel", _rt_cases(RT / "Number" / "PercentModel.json", _percent_value)),
        ],
        "age": [("Recognizers AgeModel", _rt_cases(RT / "NumberWithUnit" / "AgeModel.json", _age_value))],
        "time": [("Recognizers TimeParser + DateTimeModel time", _time_cases())],
    }


# --- The tools, reduced to mentions of one kind -----------------------------------------------------------------
Tool = Callable[[str, str], list[Mention]]


def _offsets(clean: str, raw: str) -> Callable[[int], int]:
    """Map an offset of the cleaned text back to the raw sentence (identity when cleaning changed nothing)."""
    if clean == raw:
        return lambda i: i
    import difflib

    blocks = difflib.SequenceMatcher(None, clean, raw, autojunk=False).get_matching_blocks()

    def back(i: int) -> int:
        for a, b, n in blocks:
            if a <= i <= a + n:
                return b + (i - a)
        return i

    return back


def _scale(kind: str, unit: str) -> float:
    if kind == "money":
        return SUBUNITS.get(unit.casefold(), 1.0)
    return 1.0


def ours(text: str, kind: str, cache: dict[str, tuple[str, list[Fact]]] | None = None) -> list[Mention]:
    clean, facts = facts_of(text, {} if cache is None else cache)
    back = _offsets(clean, text)
    out = []
    for f in facts:
        if f.kind != kind or f.low is None:
            continue
        s = _scale(kind, f.unit)
        high = f.high if f.high is not None else f.low
        out.append(Mention(back(f.start), back(f.end), f.low * s, high * s, f.text))
    return out


def quantulum_tool() -> Tool | None:
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore[import-untyped]
    except ImportError:
        return None

    def run(text: str, kind: str) -> list[Mention]:
        out = []
        for q in parser.parse(text):
            name = str(q.unit.name)
            base = name.split(" per ")[0]
            if kind == "money" and (q.unit.entity.name == "currency" or base in QUANTULUM_CURRENCIES):
                s = SUBUNITS.get(base, 1.0)
            elif kind == "percent" and name == "percentage":
                s = 1.0
            else:
                continue
            v, u = float(q.value), float(q.uncertainty or 0)
            out.append(Mention(q.span[0], q.span[1], (v - u) * s, (v + u) * s, str(q.surface)))
        return out

    return run


# --- Scoring ---------------------------------------------------------------------------------------------------
def _value_ok(kind: str, m: Mention, g: Gold) -> bool:
    for v in g.values:
        if kind == "time":
            if m.low - 0.5 <= v <= m.high + 0.5:
                return True
        elif kind == "age":
            if m.low - 1e-6 <= v <= m.high + 1e-6 or math.isclose(v, m.low, rel_tol=0.02):
                return True  # "ten months old" as 0.83 years: a two-percent tolerance for rounded units
        elif any(math.isclose(v, x, rel_tol=1e-6, abs_tol=1e-9) for x in (m.low, m.high, (m.low + m.high) / 2)):
            return True
    return False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    tp_found: int = 0  # found mentions that are right
    found: int = 0  # found mentions, less those on an ignored span
    gold_hit: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_found / self.found if self.found else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(kind: str, cases: list[KindCase], run: Callable[[str], list[Mention]]) -> Score:
    s = Score()
    for case in cases:
        found = run(case.text)
        hit = [False] * len(case.gold)
        for m in found:
            span = (m.start, m.end)
            right = [i for i, g in enumerate(case.gold) if _overlaps(span, (g.start, g.end)) and _value_ok(kind, m, g)]
            if right:
                s.found += 1
                s.tp_found += 1
                for i in right:
                    hit[i] = True
            elif not any(_overlaps(span, ig) for ig in case.ignore):
                s.found += 1
                s.false.append(f"{m.text!r} [{m.low:g}, {m.high:g}]: {case.text}")
        s.gold += len(case.gold)
        s.gold_hit += sum(hit)
        for g, h in zip(case.gold, hit, strict=True):
            if not h:
                s.misses.append(f"{g.text!r} {[round(v, 3) for v in g.values]}: {case.text}")
    return s


def _bind(tool: Tool, kind: str) -> Callable[[str], list[Mention]]:
    return lambda text: tool(text, kind)


def kind_rows(peer: bool = True, verbose: bool = False) -> list[dict[str, object]]:
    """One row per (kind, gold set, tool): sentences, gold mentions, found mentions, P, R, F1."""
    q = quantulum_tool() if peer else None
    if peer and q is None:
        print("quantulum3 is not importable: peer skipped")
    cache: dict[str, tuple[str, list[Fact]]] = {}
    rows: list[dict[str, object]] = []
    for kind, sets in gold_sets().items():
        for set_name, cases in sets:
            tools: list[tuple[str, Callable[[str], list[Mention]] | None]] = [
                ("consistency", partial(ours, kind=kind, cache=cache))
            ]
            if peer:
                reads = q is not None and kind in ("money", "percent")
                tools.append(("quantulum3", _bind(q, kind) if q is not None and reads else None))
            for tool_name, run in tools:
                row: dict[str, object] = {
                    "kind": kind,
                    "set": f"{set_name} ({len(cases)} sentences)",
                    "tool": tool_name,
                    "gold": sum(len(c.gold) for c in cases),
                }
                if run is None:
                    row.update({"found": "-", "P": "-", "R": "-", "F1": "-"})
                else:
                    s = score(kind, cases, run)
                    p, r, f1 = s.prf()
                    row.update({"found": s.found, "P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)})
                    if verbose:
                        for line in s.misses:
                            print(f"  MISS {kind}/{set_name}/{tool_name}: {line}")
                        for line in s.false:
                            print(f"  FALSE {kind}/{set_name}/{tool_name}: {line}")
                rows.append(row)
    return rows


def _table(rows: list[dict[str, object]]) -> Iterator[str]:
    from tabulate import tabulate

    headers = list(dict.fromkeys(k for row in rows for k in row))
    yield str(tabulate([[str(r.get(h, "")) for h in headers] for r in rows], headers=headers, tablefmt="github"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peers", action="store_true", help="score only our extractors")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss and false mention")
    args = parser.parse_args()
    t0 = time.perf_counter()
    print("\n".join(_table(frame_rows(verbose=args.verbose))))
    print()
    print("\n".join(_table(kind_rows(peer=not args.no_peers, verbose=args.verbose))))
    print(f"\n{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
