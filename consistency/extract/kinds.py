"""The registry of fact kinds: each kind is one object that says how to find it, how it is compared and
whether a fact of it can be aligned at all. Adding a kind touches its own module (the rules and their case
table) and this registry, nothing else.

The kinds run in the order of :data:`KINDS`; a span claimed by an earlier kind is never read again by a later
one, so "61" in "John Smith, 61," is an age and not a count, and "3.10" in "Python 3.10" a version and not a
decimal. Kinds built on the number reader (money, percentages, quantities with units, durations, counts) share
one reading of the document.

>>> [k.name for k in KINDS]
['date', 'time', 'version', 'age', 'money', 'percent', 'duration', 'quantity', 'count', 'place']
>>> from consistency.corpus import load_text
>>> from consistency.extract import extract_facts
>>> text = "Python 3.10 shipped at 4.15pm; John Smith, 61, paid $1.2bn for 40% of it."
>>> [(f.kind, f.value, f.unit) for f in extract_facts(load_text(text))]  # doctest: +NORMALIZE_WHITESPACE
[('version', '3.10', 'version'), ('time', '16:15', 'time'), ('age', '61', 'year'),
 ('money', '1200000000', 'USD'), ('percent', '40', '%')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from consistency.extract._datewords import WEEKDAYS
from consistency.extract.ages import find_ages
from consistency.extract.dates import DateMention, find_dates
from consistency.extract.places import PlaceMention, find_places
from consistency.extract.quantities import QuantityMention, find_quantities
from consistency.extract.times import find_times
from consistency.extract.versions import find_versions
from consistency.facts import format_interval
from consistency.lexicon.units import normalize

__all__ = ["KINDS", "Found", "Kind", "Reading", "kind_of"]


@dataclass(frozen=True)
class Found:
    """A mention one kind found, before it becomes a :class:`~consistency.facts.Fact`: its span, its typed
    value, and what the extractor itself saw of its frame (an age's holder, a rate's denominator)."""

    start: int
    end: int
    value: str
    low: float | None
    high: float | None
    unit: str
    low_open: bool = False
    high_open: bool = False
    qualifier: str = ""
    precision: str = ""
    resolved: bool = True
    key: str = ""
    subject: str = ""
    subject_span: tuple[int, int] | None = None
    holder: str = ""
    measure: str = ""
    denominator: str = ""
    note: str = ""
    weekday_mismatch: bool = False
    stated_weekday: int | None = None
    month_day: tuple[int, int] | None = None
    weekday: int | None = None
    #: A year that names another thing ("the 2004 tsunami", "the tsunami of 2004"): it dates that thing, and
    #: dates the facts of its clause only when nothing else there does.
    attached: bool = False
    #: A place's GeoNames rank, to tie other facts to it.
    rank: str = ""

    @property
    def evidence_end(self) -> int:
        """Where the fact's evidence text ends: after its counted subject, if any ("40 people")."""
        return max(self.end, self.subject_span[1]) if self.subject_span else self.end


#: A publication date, or the interval it is known to lie in (inferred: see ``consistency/anchors.py``).
Anchor = dt.date | tuple[dt.date, dt.date] | None


class Reading:
    """One document's text read once by each shared reader (numbers, dates, places), on demand."""

    def __init__(self, text: str, anchor: Anchor) -> None:
        self.text = text
        self.anchor = anchor

    @cached_property
    def quantities(self) -> list[QuantityMention]:
        return find_quantities(self.text)

    @cached_property
    def dates(self) -> list[DateMention]:
        if not isinstance(self.anchor, tuple):
            return [d for d in find_dates(self.text, anchor=self.anchor) if d.precision != "ref"]
        early, late = (find_dates(self.text, anchor=a) for a in self.anchor)
        return [_hull(d, e) for d, e in _paired(early, late) if d.precision != "ref"]

    @cached_property
    def places(self) -> list[PlaceMention]:
        return find_places(self.text)


@dataclass(frozen=True)
class Kind:
    """One kind of fact.

    ``find`` reads its mentions from a document; ``comparison`` names how two of its values are compared
    (``interval``: numeric intervals in one unit; ``calendar``: dates, which may lack a year; ``place``:
    GeoNames containment); ``numeric`` kinds are numbers with a unit; ``margin`` is the extra alignment score
    two facts of this kind need on top of ``--min-score`` (places are named in passing far more often than
    they are the point of a sentence).
    """

    name: str
    find: Callable[[Reading], Iterable[Found]]
    comparison: str = "interval"
    numeric: bool = True
    margin: float = 0.0


def _paired(early: list[DateMention], late: list[DateMention]) -> list[tuple[DateMention, DateMention]]:
    """The mentions of two readings of one text, matched by span (a span only one reading found is dropped)."""
    by_span = {(m.start, m.end): m for m in late}
    return [(m, by_span[(m.start, m.end)]) for m in early if (m.start, m.end) in by_span]


def _hull(early: DateMention, late: DateMention) -> DateMention:
    """One mention read against both ends of an inferred publication interval: the days either reading allows.

    "next month" read on December 10 and on December 24 is January both times; "Thursday" is December 9 or 23,
    so the interval of those two weeks, with lower precision.
    """
    if early.low is None or late.low is None or early.high is None or late.high is None:
        return early
    low, high = min(early.low, late.low), max(early.high, late.high)
    if (low, high) == (early.low, early.high):
        return early
    return replace(early, timex=f"{low.isoformat()}/{high.isoformat()}", low=low, high=high, precision="range",
                   note="resolved against an inferred publication interval")  # fmt: skip


# --- readers of each kind ---------------------------------------------------------------------------------


def _dates(r: Reading) -> Iterable[Found]:
    for d in r.dates:
        # The extractor writes what it could not date as a TIMEX3 with X's: "XXXX-01-12", "XXXX-WXX-4".
        month_day, weekday = None, None
        if not d.resolved and d.timex and d.timex.startswith("XXXX-") and d.timex[5:7].isdigit():
            month_day = (int(d.timex[5:7]), int(d.timex[8:10]) if d.timex[8:10].isdigit() else 0)
        elif not d.resolved and d.timex and d.timex.startswith("XXXX-WXX-") and d.timex[-1].isdigit():
            weekday = int(d.timex[-1]) - 1
        elif d.precision == "range" and d.low is not None and d.high is not None:
            weekday = _range_weekday(d.text, d.low, d.high)
        yield Found(
            d.start,
            d.end,
            d.timex or d.text,
            _ordinal(d.low),
            _ordinal(d.high),
            "date",
            precision=d.precision,
            resolved=d.resolved,
            key=d.timex or "",
            note=d.note,
            weekday_mismatch=d.weekday_mismatch,
            stated_weekday=d.stated_weekday,
            month_day=month_day,
            weekday=weekday,
            attached=d.precision in ("year", "decade") and _names_a_thing(r.text, d.start, d.end),
        )


def _range_weekday(text: str, low: dt.date, high: dt.date) -> int | None:
    """The weekday a weekday mention read against an inferred publication interval still states: "Monday" is
    one of the Mondays from ``low`` to ``high``, never the Sunday between them."""
    found = {WEEKDAYS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in WEEKDAYS}
    if len(found) == 1:
        (weekday,) = found
        if low.weekday() == weekday == high.weekday():
            return weekday
    return None


#: Words after a year that do not make it a modifier of a noun ("in 2004 a quake", "2004, when", "2004 and").
_NOT_A_NOUN = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "of",
        "for",
        "when",
        "as",
        "after",
        "before",
        "since",
        "but",
        "while",
        "that",
        "which",
    ]
)
_NOUN_AFTER = re.compile(r"[ \t]+(?:-?[a-z]+-)?([a-z]+)\b")
_NOUN_OF_BEFORE = re.compile(r"\b[a-z]{3,}\s+of\s+(?:the\s+year\s+)?$")


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """Is the year at ``text[start:end]`` part of a noun's name ("the 2004 tsunami", "the quake of 2004")?

    >>> _names_a_thing("struck by the 2004 tsunami", 14, 18), _names_a_thing("the tsunami of 2004 killed", 15, 19)
    (True, True)
    >>> _names_a_thing("In 2004 a quake struck", 3, 7), _names_a_thing("died in 2004, aged 80", 8, 12)
    (False, False)
    """
    after = _NOUN_AFTER.match(text, end, end + 30)
    if after and after.group(1) not in _NOT_A_NOUN and not after.group(1).endswith("ed"):
        return True
    return _NOUN_OF_BEFORE.search(text, max(0, start - 40), start) is not None


def _times(r: Reading) -> Iterable[Found]:
    for t in find_times(r.text):
        low, high, unit = t.low, t.high, "time"
        if t.utc_offset is not None:  # "02:00 UTC" and "9 p.m. EST" compare on one clock
            low, high, unit = (low - t.utc_offset) % 1440, (high - t.utc_offset) % 1440, "time UTC"
        value = _clock(low) if low == high else f"[{_clock(low)}, {_clock(high)}]"
        yield Found(t.start, t.end, value, low, high, unit, measure="time of day")


def _clock(minutes: float) -> str:
    m = int(minutes) % 1440
    return f"{m // 60:02d}:{m % 60:02d}"


#: A version's parts as one sortable number: five parts of up to 999 each fit a float exactly.
_VERSION_PARTS, _VERSION_BASE = 5, 1000.0


def _versions(r: Reading) -> Iterable[Found]:
    """A version names every release it covers: "3.10" is [3.10, 3.10.999...], so "3.10.2" lies inside it and
    "3.9" is disjoint."""
    for v in find_versions(r.text):
        parts = [min(p, int(_VERSION_BASE) - 1) for p in v.parts[:_VERSION_PARTS]]
        low = sum(p * _VERSION_BASE ** (_VERSION_PARTS - 1 - i) for i, p in enumerate(parts))
        high = low + _VERSION_BASE ** (_VERSION_PARTS - len(parts)) - 1
        value = ".".join(str(p) for p in v.parts) + (f"-{v.label}" if v.label else "")
        yield Found(v.start, v.end, value, low, high, "version", holder=v.product, measure="version", key=value)


def _ages(r: Reading) -> Iterable[Found]:
    for a in find_ages(r.text):
        value = format_interval(a.low, a.high, False, False)
        yield Found(a.start, a.end, value, a.low, a.high, "year", holder=a.holder, measure="age")


def _numbers(dimensions: frozenset[str]) -> Callable[[Reading], Iterable[Found]]:
    """A reader of the number mentions of some dimensions, in the family's base unit."""

    def read(r: Reading) -> Iterable[Found]:
        for q in r.quantities:
            if q.dimension in dimensions:
                yield _number(q)

    return read


def _number(q: QuantityMention) -> Found:
    low, high, unit = q.low, q.high, q.unit or q.dimension
    precision = ""
    if q.dimension in ("length", "mass", "duration", "other"):
        low, high, unit = normalize(q.low, q.high, unit)
        precision = _rounding(q, low)
    value = format_interval(low, high, q.low_open, q.high_open)
    subject = (q.subject_start, q.subject_end) if q.subject else None
    return Found(
        q.start,
        q.end,
        value,
        low,
        high,
        unit,
        low_open=q.low_open,
        high_open=q.high_open,
        qualifier=q.qualifier,
        subject=q.subject,
        subject_span=subject,
        denominator=q.denominator,
        precision=precision,
    )


#: How ``Fact.precision`` says a converted quantity was rounded: "±804.672 in mi" (half its last stated digit,
#: in the base unit, and the unit it was stated in). ``compare.py`` reads it back.
ROUNDING = re.compile(r"±([0-9.e+-]+) in (.+)")


def _rounding(q: QuantityMention, base_low: float | None) -> str:
    """How far a quantity stated in a unit other than its family's base may be from its value through the
    rounding of its last stated digit, in the base unit: "six miles" is 5.5 to 6.5 miles, "2,000 feet" 1,500 to
    2,500 feet, "2.7 miles" 2.65 to 2.75. Two reports of one quantity in two units ("10 kilometres", "six
    miles") each round their own figure. "" for the base unit itself, a range or an open bound."""
    unit = q.unit or q.dimension
    if base_low is None or q.low is None or q.low != q.high or q.low_open or q.high_open or q.low == 0:
        return ""
    factor = base_low / q.low
    if factor == 1.0 or factor <= 0:
        return ""
    digits = f"{abs(q.low):.6f}".rstrip("0").rstrip(".")
    whole, _, decimals = digits.partition(".")
    if decimals:
        step = 10.0 ** -len(decimals)
    else:
        step = 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 1.0
    return f"±{step / 2 * factor:.6g} in {unit}"


def _places(r: Reading) -> Iterable[Found]:
    for p in r.places:
        if p.locative:
            value = f"{p.name} ({p.country})" if p.country and p.feature != "country" else p.name
            yield Found(p.start, p.end, value, None, None, "place", precision=p.feature, key=str(p.geonameid),
                        rank=p.feature)  # fmt: skip


def _ordinal(day: dt.date | None) -> float | None:
    return None if day is None else float(day.toordinal())


#: Every kind, in the order they claim text. Times, versions and ages come before the number reader's kinds so
#: that their digits are not read again as counts; counts come last among numbers: what no other kind took.
KINDS: tuple[Kind, ...] = (
    Kind("date", _dates, comparison="calendar", numeric=False),
    Kind("time", _times),
    Kind("version", _versions),
    Kind("age", _ages),
    Kind("money", _numbers(frozenset({"currency"}))),
    Kind("percent", _numbers(frozenset({"percent"}))),
    Kind("duration", _numbers(frozenset({"duration"}))),
    Kind("quantity", _numbers(frozenset({"length", "mass", "other"}))),
    Kind("count", _numbers(frozenset({"count"})), margin=10.0),
    Kind("place", _places, comparison="place", numeric=False, margin=25.0),
)
_BY_NAME = {k.name: k for k in KINDS}


def kind_of(name: str) -> Kind:
    """The registered kind called ``name``.

    >>> kind_of("money").comparison, kind_of("place").numeric
    ('interval', False)
    """
    return _BY_NAME[name]
