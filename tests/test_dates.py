"""The date extractor against a corpus of real sentences (tests/cases/dates.json).

Each case cites the seed article or corpus file it was taken from, the publication date it is read
against (``anchor``, or ``null``) and every mention expected, in order; ``[]`` means nothing may be
found. Known gaps carry ``"xfail": reason`` and are expected to fail until fixed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.dates import DateMention, find_dates
from tests.conftest import case_params

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text("utf-8"))


def _view(m: DateMention, keys: list[str]) -> dict[str, Any]:
    """The fields a case names, written as in the JSON (dates as ISO strings)."""
    out: dict[str, Any] = {}
    for key in keys:
        value = getattr(m, key)
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


@pytest.mark.parametrize("case", case_params(CASES))
def test_corpus(case: dict[str, Any]) -> None:
    anchor = dt.date.fromisoformat(case["anchor"]) if case["anchor"] else None
    found = find_dates(case["text"], anchor=anchor)
    expected = case["expected"]
    got = [_view(m, list(e)) for m, e in zip(found, expected, strict=False)]
    assert (len(found), got) == (len(expected), expected), [(m.text, m.timex) for m in found]


def test_spans_are_exact_sorted_and_disjoint() -> None:
    for case in CASES:
        found = find_dates(case["text"], anchor=dt.date(2021, 12, 17))
        for m in found:
            assert case["text"][m.start : m.end] == m.text
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_weekday_mismatch() -> None:
    # seeds/001 states "Friday, December 17th, 2021" (right); the same words on the 18th are wrong.
    right, wrong = find_dates("Friday, December 17th, 2021. Friday, December 18th, 2021")
    assert (right.stated_weekday, right.weekday_mismatch) == (4, False)
    assert (wrong.stated_weekday, wrong.weekday_mismatch) == (4, True)


def test_relative_dates_stay_unresolved_without_anchor() -> None:
    # seeds/000: with no publication date, "January 12" has no year and "last week" no week.
    text = "Russia had received a proposal from NATO to start talks on January 12. And last week, Russia"
    january, last_week = find_dates(text)
    assert (january.timex, january.resolved, january.low, january.precision) == (
        "XXXX-01-12",
        False,
        None,
        "partial",
    )
    assert "no publication date" in january.note
    assert (last_week.timex, last_week.resolved) == (None, False)
    assert "last week" in last_week.note


def test_anchor_resolves_the_same_text() -> None:
    text = "Russia had received a proposal from NATO to start talks on January 12."
    (m,) = find_dates(text, anchor=dt.date(2021, 12, 19))
    assert (m.timex, m.low, m.high, m.precision, m.resolved) == (
        "2022-01-12", dt.date(2022, 1, 12), dt.date(2022, 1, 12), "day", True)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("tomorrow", dt.date(9999, 12, 31)),
        ("next week", dt.date(9999, 12, 31)),
        ("last month", dt.date(1, 1, 1)),
        ("yesterday", dt.date(1, 1, 1)),
        ("in August", dt.date(9999, 12, 31)),
        ("on Christmas Day", dt.date(9999, 12, 31)),
        ("at Easter", dt.date(1, 1, 1)),
        ("next year", dt.date(9999, 6, 1)),
        ("a year ago", dt.date(1, 6, 1)),
        ("the 21st century", dt.date(9999, 12, 31)),
        ("in the year 9999", dt.date(9999, 12, 31)),
        ("10000 years ago", dt.date(9999, 12, 31)),
        ("999 years ago", dt.date(5, 1, 1)),
        ("next Thursday, March 3", dt.date(9999, 12, 31)),
        ("the following quarter", dt.date(9999, 12, 31)),
        ("last quarter", dt.date(1, 1, 1)),
        ("next decade", dt.date(9995, 1, 1)),
    ],
)
def test_calendar_ends_never_raise(text: str, anchor: dt.date) -> None:
    # Dates past either end of the calendar are dropped (or left unresolved), never an exception.
    for m in find_dates(text, anchor=anchor):
        assert m.low is None or dt.date.min <= m.low <= m.high <= dt.date.max  # type: ignore[operator]
        assert m.timex is None or not m.timex[:1].isdigit() or m.low is not None


def test_tomorrow_at_the_end_of_the_calendar_is_dropped() -> None:
    assert [m.text for m in find_dates("tomorrow", anchor=dt.date(9999, 12, 31))] == []
    assert [m.timex for m in find_dates("in August", anchor=dt.date(9999, 12, 31))] == ["9999-08"]


@pytest.mark.parametrize("text", ["May " * 20000, "1999 " * 20000, "in May " * 5000, "1957-58 " * 10000])
def test_pathological_input_gives_valid_spans(text: str) -> None:
    # Speed on such input is measured by benchmarks/fuzz.py, never timed in tests.
    found = find_dates(text, anchor=dt.date(2020, 1, 1))
    assert all(text[m.start : m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
