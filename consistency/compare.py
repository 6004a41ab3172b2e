"""Decide whether two aligned facts agree, are compatible, or conflict: interval logic, one place.

* ``agree``: the same value (within the configured tolerance), or the very same interval;
* ``compatible``: the intervals overlap or one lies inside the other ("March 3" inside "early March");
* ``conflict``: the intervals are disjoint ("20-30 dead" against "more than 40 dead").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consistency._memory import sentence_cache
from consistency.config import Settings
from consistency.extract.kinds import ROUNDING, kind_of
from consistency.extract.places import PlaceMention, contains, find_places
from consistency.facts import Fact

AGREE, COMPATIBLE, CONFLICT = "agree", "compatible", "conflict"
#: Verdicts from best to worst; a claim takes the worst verdict among its pairs.
VERDICTS = (AGREE, COMPATIBLE, CONFLICT)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str


def compare(a: Fact, b: Fact, settings: Settings) -> Verdict:
    """Compare two facts of the same kind and unit, the way their kind says (see ``extract/kinds.py``)."""
    how = kind_of(a.kind).comparison
    if how == "place":
        return _compare_places(a, b)
    if how == "calendar" and not (a.resolved and b.resolved):
        return _compare_partial_dates(a, b)
    return _compare_intervals(a, b, settings)


def _compare_intervals(a: Fact, b: Fact, settings: Settings) -> Verdict:
    if _is_point(a) and _is_point(b):
        assert a.low is not None and b.low is not None
        gap = abs(a.low - b.low)
        if kind_of(a.kind).comparison == "calendar":
            if gap <= settings.date_tolerance_days:
                return Verdict(AGREE, "same day" if gap == 0 else f"{gap:.0f} day(s) apart, within tolerance")
            return Verdict(CONFLICT, f"different days: {a.value} vs {b.value}")
        scale = max(abs(a.low), abs(b.low))
        if gap <= settings.quantity_tolerance * scale:
            return Verdict(AGREE, "same value" if gap == 0 else "within tolerance")
        if within_rounding(a, b):
            return Verdict(COMPATIBLE, f"{a.text} and {b.text} round one value in two units")
        return Verdict(CONFLICT, f"different values: {a.value} vs {b.value}")
    if not _same_weekday(a, b):
        return Verdict(CONFLICT, f"different weekdays: {a.value} vs {b.value}")
    if _same_interval(a, b):
        return Verdict(AGREE, "same range")
    if _inside(a, b) or _inside(b, a):
        inner, outer = (a, b) if _inside(a, b) else (b, a)
        return Verdict(COMPATIBLE, f"{inner.value} lies within {outer.value}")
    if overlaps(a, b):
        return Verdict(COMPATIBLE, f"ranges overlap: {a.value} and {b.value}")
    return Verdict(CONFLICT, f"disjoint: {a.value} vs {b.value}")


def _is_point(f: Fact) -> bool:
    return f.low is not None and f.low == f.high and not (f.low_open or f.high_open)


def _same_interval(a: Fact, b: Fact) -> bool:
    return (a.low, a.high, a.low_open, a.high_open) == (b.low, b.high, b.low_open, b.high_open)


def _below(x: float | None, x_open: bool, y: float | None, y_open: bool) -> bool:
    """Is the lower bound ``x`` at or above lower bound ``y`` (``x`` starts inside ``y``)?"""
    if y is None:
        return True
    if x is None:
        return False
    return x > y or (x == y and (x_open or not y_open))


def _inside(a: Fact, b: Fact) -> bool:
    """Does interval ``a`` lie within interval ``b``?"""
    starts_inside = _below(a.low, a.low_open, b.low, b.low_open)
    ends_inside = _below(_neg(a.high), a.high_open, _neg(b.high), b.high_open)
    return starts_inside and ends_inside


def _neg(x: float | None) -> float | None:
    return None if x is None else -x


def overlaps(a: Fact, b: Fact) -> bool:
    """Do the two facts' intervals share a point? A missing bound is open-ended ("at least 3" reaches to inf).
    Places have no interval: they share a point when one lies within the other (Lyon and France), never two
    places side by side (Oman and Dubai).

    The one interval test of the project: verdicts and the aligner's vetoes both ask it.
    """
    if kind_of(a.kind).comparison == "place":
        return _compare_places(a, b).verdict != CONFLICT
    return (
        _before(a.low, a.low_open, b.high, b.high_open)
        and _before(b.low, b.low_open, a.high, a.high_open)
        and _same_weekday(a, b)
    ) or within_rounding(a, b)


def within_rounding(a: Fact, b: Fact) -> bool:
    """Are two quantities stated in different units ("10 kilometres", "six miles") one value, each rounded to
    its last stated digit (see ``extract/kinds.py``: ``Fact.precision`` "±804.672 in mile")? Two figures in one
    unit are compared as stated: 10 km against 11 km is a conflict."""
    ra, rb = ROUNDING.fullmatch(a.precision), ROUNDING.fullmatch(b.precision)
    if ra is None or rb is None or ra.group(2) == rb.group(2) or a.low is None or b.low is None:
        return False
    return abs(a.low - b.low) <= float(ra.group(1)) + float(rb.group(1))


def _same_weekday(a: Fact, b: Fact) -> bool:
    """A weekday read against an interval ("Monday", some Monday of a fortnight) holds only days that are that
    weekday: not the Sunday inside its interval (ecbplus 20_2ecbplus.txt:4, an aftershock on the Monday after a
    Sunday quake)."""
    if a.weekday is None and b.weekday is None:
        return True
    days = [f.weekday if f.weekday is not None else _one_day_weekday(f) for f in (a, b)]
    return None in days or days[0] == days[1]


def _one_day_weekday(f: Fact) -> int | None:
    if f.resolved and f.low is not None and f.low == f.high and kind_of(f.kind).comparison == "calendar":
        return dt.date.fromordinal(int(f.low)).weekday()
    return None


def _before(low: float | None, low_open: bool, high: float | None, high_open: bool) -> bool:
    """Does an interval starting at ``low`` reach below another ending at ``high``?"""
    if low is None or high is None:
        return True
    return low < high or (low == high and not low_open and not high_open)


# --- dates whose year is unknown ("March 3" in an article without a publication date) -----------------

_Fields = tuple[int | None, int | None, int | None, int | None]


def _fields(f: Fact) -> _Fields | None:
    """(year, month, day, weekday) of a date fact as far as it is stated, or None when it cannot be compared."""
    if f.resolved and f.low is not None and f.high is not None:
        low, high = dt.date.fromordinal(int(f.low)), dt.date.fromordinal(int(f.high))
        if low == high:
            return (low.year, low.month, low.day, low.weekday())
        if (low.year, low.month) == (high.year, high.month) and low.day == 1:
            return (low.year, low.month, None, None)
        return None
    if f.month_day is not None:
        month, day = f.month_day
        return (None, month, day or None, None)
    if f.weekday is not None:
        return (None, None, None, f.weekday)
    return None


def _compare_partial_dates(a: Fact, b: Fact) -> Verdict:
    fa, fb = _fields(a), _fields(b)
    if fa is None or fb is None:
        return Verdict(COMPATIBLE, "cannot be checked: a date is not resolved")
    shared = [(x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None]
    if not shared:
        return Verdict(COMPATIBLE, f"nothing both state: {a.value} and {b.value}")
    if any(x != y for x, y in shared):
        return Verdict(CONFLICT, f"different dates: {a.value} vs {b.value}")
    if fa == fb:
        if fa[0] is None and fa[1] is None:
            return Verdict(AGREE, "same weekday; no date stated")
        return Verdict(AGREE, "same month and day; year not stated" if fa[0] is None else "same date")
    return Verdict(COMPATIBLE, f"consistent as far as both are stated: {a.value} and {b.value}")


# --- places ------------------------------------------------------------------------------------------


def _compare_places(a: Fact, b: Fact) -> Verdict:
    if a.key == b.key:
        return Verdict(AGREE, "same place")
    ka, kb = int(a.key), int(b.key)
    if contains(ka, kb) or contains(kb, ka):
        return Verdict(COMPATIBLE, f"{a.value} and {b.value}: one lies within the other")
    for one, other, key in ((a, b, kb), (b, a, ka)):
        beside = next(
            (p for p in _named_with(one.sentence) if p.geonameid != int(one.key) and contains(p.geonameid, key)), None
        )
        if beside is not None:
            # "felt ... in Oman and the United Arab Emirates" against "in Dubai, United Arab Emirates" (ecbplus
            # 20_11ecbplus.txt:9, 20_8ecbplus.txt:18): a place of a list, the other within another of the list
            return Verdict(COMPATIBLE, f"{one.value} is named with {beside.name}, which holds {other.value}")
    return Verdict(CONFLICT, f"different places: {a.value} vs {b.value}")


@sentence_cache(1 << 12)
def _named_with(sentence: str) -> tuple[PlaceMention, ...]:
    """The places a sentence names (read once per sentence: a claim compares each fact with several)."""
    return tuple(find_places(sentence))


def worst(verdicts: list[str]) -> str:
    """The claim-level verdict: the worst of its pairs.

    >>> worst(["agree", "conflict", "compatible"])
    'conflict'
    """
    return max(verdicts, key=VERDICTS.index)
