"""The Fact model: one checkable statement found in one document, with its evidence.

Every extractor's mention becomes a :class:`Fact`; the aligner, the comparator and the report writers only
ever see facts, so this module is the contract between the stages of the pipeline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: The kinds of fact we extract. Facts are only ever compared within one kind and one unit.
KINDS = ("quantity", "date", "place")


@dataclass(frozen=True)
class Fact:
    """A fact stated in one document.

    The value is an interval ``low``..``high`` (``None`` for an unbounded side) whose bounds may be open, so
    "more than 40" is ``(40, inf)`` and "20,000-30,000" is ``[20000, 30000]``. Dates use proleptic
    Gregorian day ordinals; places use ``key`` (a GeoNames id) instead of an interval.
    """

    fact_id: str
    doc_id: str
    kind: str
    unit: str
    subject: str
    context: str
    text: str
    value: str
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    qualifier: str
    precision: str
    resolved: bool
    key: str
    line: int
    start: int
    end: int
    sentence: str
    attribution: str
    note: str
    #: For counts and places: the resolved date the same sentence ties the fact to ("in 2004", "on Tuesday"),
    #: as a timex and a day-ordinal interval; empty when the sentence states none.
    when: str = ""
    when_low: float | None = None
    when_high: float | None = None
    #: For counts and dates: the place the same sentence sets the fact in ("in Heraklion"), as
    #: ``feature:geonameid``; empty when the sentence names none.
    where: str = ""

    @property
    def evidence(self) -> str:
        """Where to read the fact, as ``doc:line``."""
        return f"{self.doc_id}:{self.line}"


#: Column order of ``facts.csv`` and of :func:`facts_frame`; public, extend only at the end.
FACT_COLUMNS = [
    "fact_id",
    "doc_id",
    "line",
    "start",
    "end",
    "kind",
    "unit",
    "subject",
    "text",
    "value",
    "low",
    "high",
    "low_open",
    "high_open",
    "qualifier",
    "precision",
    "resolved",
    "attribution",
    "note",
    "sentence",
    "context",
    "key",
    "when",
    "when_low",
    "when_high",
    "where",
]


def format_number(x: float) -> str:
    """Print a number the way an article would, without a spurious ``.0``.

    >>> format_number(100000.0), format_number(1.5), format_number(-3.0)
    ('100000', '1.5', '-3')
    """
    if math.isfinite(x) and x == int(x):
        return str(int(x))
    return f"{x:.6g}"


def format_interval(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    """Write an interval in the usual notation, or just the number for a single value.

    >>> format_interval(75000, 100000, False, False)
    '[75000, 100000]'
    >>> format_interval(100000, None, True, True)
    '(100000, inf)'
    >>> format_interval(60, 60, False, False)
    '60'
    """
    if low is not None and high is not None and low == high and not (low_open or high_open):
        return format_number(low)
    left = "(" if low_open or low is None else "["
    right = ")" if high_open or high is None else "]"
    lo = "-inf" if low is None else format_number(low)
    hi = "inf" if high is None else format_number(high)
    return f"{left}{lo}, {hi}{right}"


def facts_frame(facts: Iterable[Fact]) -> pd.DataFrame:
    """The facts as a DataFrame with :data:`FACT_COLUMNS`, sorted by document and position."""
    rows = [vars(f) for f in facts]  # vars(), not asdict(): no deep copy of a flat record
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["doc_id", "start", "kind"], kind="stable").reset_index(drop=True)
    return frame
