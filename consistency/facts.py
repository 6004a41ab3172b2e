"""The Fact model: one checkable statement found in one document, with its evidence.

Every extractor's mention becomes a :class:`Fact`; the aligner, the comparator and the report writers only
ever see facts, so this module is the contract between the stages of the pipeline.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True, slots=True)
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
    #: For counts and dates: the place the same clause sets the fact in ("in Heraklion"), as written; its
    #: GeoNames id and rank ("city", "country", ...) are ``where_id`` and ``where_rank``.
    where: str = ""
    where_id: int | None = None
    where_rank: str = ""
    #: The frame: what the value measures ("deaths", "price", "age", "date:release"), of whom or what
    #: ("Pro plan", a person's name), the predicate class of its clause ("kill", "release"), and the scope
    #: markers that make two facts of one measure different facts.
    measure: str = ""
    holder: str = ""
    event: str = ""
    #: "15 of them", "including three children": a part of a whole stated elsewhere.
    part_of: bool = False
    #: "another 20,000", "two other victims": added to a total, never the total.
    increment: bool = False
    #: A rate's per-unit ("per minute" gives "minute"); rates with different denominators never compare.
    denominator: str = ""
    #: The named rule that set ``measure`` (shown by ``consistency explain``).
    frame_rule: str = ""
    #: A stated weekday that contradicts the date it is written with ("Friday, March 3, 2022": it was a Thursday).
    weekday_mismatch: bool = False
    #: For a date whose year is not known: (month, day) as far as stated, day 0 when not stated.
    month_day: tuple[int, int] | None = None
    #: For a bare weekday that could not be dated ("on Thursday" with no publication date): Monday = 0.
    weekday: int | None = None
    #: When the document was published (day ordinals; an interval when inferred): the time a fact with no
    #: date of its own in its clause is told at.
    published_low: float | None = None
    published_high: float | None = None
    #: Where the fact's text is in the original file (or in a CSV/JSONL row's ``text`` field): character
    #: offsets into the decoded text, unlike ``start``/``end``, which index the cleaned text. None when the
    #: cleaner made the text (a glued word it split, say) and no slice of the file says the same words.
    source_start: int | None = None
    source_end: int | None = None
    #: The story (group of documents reporting the same events) its document belongs to; see ``stories.py``.
    story: str = ""
    #: The fact sits in page furniture (a photo caption, a gallery, a copyright line, related links).
    furniture: bool = False
    #: What identifies the event its sentence tells, as (measure, value) of the sentence's other facts: a
    #: quake's magnitude, a person's age (see :data:`MARKS`). Two sentences with different marks tell of two
    #: quakes, or two people.
    marks: tuple[tuple[str, float], ...] = ()

    @property
    def evidence(self) -> str:
        """Where to read the fact, as ``doc:line``."""
        return f"{self.doc_id}:{self.line}"


#: The measures that identify an event a sentence tells, with how far apart two reports of one may be: a
#: quake's magnitude (outlets differ by a tenth or two) and a person's age (a birthday in between).
MARKS: dict[str, float] = {"magnitude": 0.25, "age": 1.0}


#: Column order of :func:`facts_frame`, the start of ``facts.csv`` (which adds ``alignable`` and the datetime
#: views of the ordinals, see ``pipeline.FACTS_CSV_COLUMNS``); public, extend only at the end.
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
    "measure",
    "holder",
    "event",
    "part_of",
    "increment",
    "denominator",
    "frame_rule",
    "weekday_mismatch",
    "story",
    "source_start",
    "source_end",
]


def make_fact_id(doc_id: str, start: int) -> str:
    """A fact's id (``Fact.fact_id``): its document and where it starts in the document's text.

    >>> make_fact_id("seeds/001", 412)
    'seeds/001@412'
    """
    return f"{doc_id}@{start}"


def fact_place(fact_id: str) -> tuple[str, int]:
    """The document and the start a fact's id names (:func:`make_fact_id`); ("", -1) for any other text.

    >>> fact_place("a@b@12"), fact_place("no start")
    (('a@b', 12), ('', -1))
    """
    doc, _, start = fact_id.rpartition("@")
    return (doc, int(start)) if doc and start.isdecimal() else ("", -1)


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
    """The facts as a DataFrame with :data:`FACT_COLUMNS`, sorted by document and position.

    Missing is missing, in memory as in ``facts.csv``: a text field a fact does not have (no attribution, no
    measure) is NA, never ``""``, so ``isna()`` finds the same cells before and after ``pd.read_csv``. An
    unbounded side of an interval is ``-inf``/``inf`` (and open), so "more than 2,500" is ``(2500, inf)``;
    ``low``/``high`` are NaN only for a fact with no interval at all (a place, a date whose year is unknown).

    >>> fact = Fact("d@0", "d", "count", "count", "troops", "", "more than 100,000 troops", "(100000, inf)",
    ...             100000.0, None, True, False, "", "", True, "", 1, 0, 24, "", "", "")
    >>> row = facts_frame([fact]).iloc[0]
    >>> float(row["low"]), float(row["high"]), bool(row["high_open"]), bool(pd.isna(row["attribution"]))
    (100000.0, inf, True, True)
    """
    row = operator.attrgetter(*FACT_COLUMNS)  # not asdict(): no deep copy of a flat record
    frame = pd.DataFrame([row(f) for f in facts], columns=FACT_COLUMNS)
    for column in ("source_start", "source_end"):  # offsets may be missing: integers with NA, not floats
        frame[column] = frame[column].astype("Int64")
    for column in ("low", "high", "when_low", "when_high"):
        frame[column] = frame[column].astype(float)
    # One side bounded and the other not: the other is infinite, not unknown.
    low_only = frame["low"].notna() & frame["high"].isna()
    high_only = frame["high"].notna() & frame["low"].isna()
    frame.loc[low_only, "high"] = math.inf
    frame.loc[high_only, "low"] = -math.inf
    frame["high_open"] = frame["high_open"].astype(bool) | low_only
    frame["low_open"] = frame["low_open"].astype(bool) | high_only
    frame = blanks_to_na(frame)
    if not frame.empty:
        frame = frame.sort_values(["doc_id", "start", "kind"], kind="stable").reset_index(drop=True)
    return frame


def blanks_to_na(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every empty string of its text columns made NA (in place; returned for chaining), the way
    ``pd.read_csv`` reads an empty cell.

    >>> blanks_to_na(pd.DataFrame({"holder": ["Pro plan", ""], "line": [1, 2]})).isna().to_dict("list")
    {'holder': [False, True], 'line': [False, False]}
    """
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_object_dtype(series) or (
            pd.api.types.is_string_dtype(series) and not isinstance(series.dtype, pd.CategoricalDtype)
        ):
            frame[column] = series.mask(series == "")
    return frame


#: ``dt.date(1970, 1, 1).toordinal()``: day ordinals minus this are days since the Unix epoch.
_EPOCH = 719163
#: ``dt.date.max.toordinal()``: larger "ordinals" name no day.
_LAST_DAY = 3652059


def ordinal_dates(ordinals: pd.Series) -> pd.Series:
    """Day ordinals (``dt.date.toordinal``) as datetimes (``datetime64[s]``, which reaches year 1 and 9999,
    unlike nanoseconds); NaT where an ordinal is missing, infinite or no day at all.

    >>> import datetime as dt
    >>> ordinal_dates(pd.Series([dt.date(2022, 1, 12).toordinal(), None, float("inf"), 1.0])).tolist()
    [Timestamp('2022-01-12 00:00:00'), NaT, NaT, Timestamp('0001-01-01 00:00:00')]
    """
    values = ordinals.to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(values) & (values >= 1) & (values <= _LAST_DAY)
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[s]")
    out[ok] = (values[ok].astype(np.int64) - _EPOCH).astype("datetime64[D]")
    return pd.Series(out, index=ordinals.index, name=ordinals.name)
