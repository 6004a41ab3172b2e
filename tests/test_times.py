"""The clock-time extractor against a table of real sentences (tests/cases/times.json)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.times import ZONES, find_times
from tests.conftest import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "times.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", case_params(CASES))
def test_sentence(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_times(text)
    expected = case["expect"]
    assert [t.text for t in found] == [w["text"] for w in expected]
    for t, want in zip(found, expected, strict=True):
        got = (t.low, t.high, t.zone, t.utc_offset, t.weekday)
        assert got == (
            pytest.approx(want["low"]),
            pytest.approx(want["high"]),
            want["zone"],
            want["utc_offset"],
            want["weekday"],
        )
        assert t.text == text[t.start : t.end]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_are_sorted_and_disjoint(case: dict[str, Any]) -> None:
    for a, b in itertools.pairwise(find_times(case["text"])):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("4.15pm", 975),
        ("4:15 p.m.", 975),
        ("4 pm", 960),
        ("4PM", 960),
        ("3:05 a.m.", 185),
        ("12am", 0),
        ("12 p.m.", 720),
        ("12:30 a.m.", 30),
        ("noon", 720),
        ("12 noon", 720),
        ("midnight", 0),
        ("14:30", 870),
        ("1430 hrs", 870),
        ("1430 GMT", 870),
    ],
)
def test_surface_forms(text: str, minutes: float) -> None:
    (t,) = find_times(text)
    assert (t.low, t.high) == (minutes, minutes)
    assert t.text == text


@pytest.mark.parametrize(
    ("text", "zone", "offset"),
    [
        ("02:00 UTC", "UTC", 0),
        ("10:30 a.m. EDT", "EDT", -240),
        ("9 p.m. CET", "CET", 60),
        ("18:00 CEST", "CEST", 120),
        ("3pm JST", "JST", 540),
        ("3pm IST", "IST", None),  # India, Israel or Ireland: not guessed
        ("3pm ET", "ET", None),  # standard or daylight: not said
        ("02:00Z", "Z", 0),
        ("9 a.m. GMT-5", "GMT-5", -300),
    ],
)
def test_zones(text: str, zone: str, offset: int | None) -> None:
    (t,) = find_times(text)
    assert (t.zone, t.utc_offset, t.text) == (zone, offset, text)


def test_zone_table_offsets_are_whole_quarter_hours() -> None:
    assert all(v is None or v % 15 == 0 for v in ZONES.values())


@pytest.mark.parametrize(
    ("text", "weekday"),
    [("at 4.15pm on Tuesday", 1), ("Tuesday at 4.15pm", 1), ("on Friday, 11am", 4), ("at 4.15pm", None)],
)
def test_weekday(text: str, weekday: int | None) -> None:
    (t,) = find_times(text)
    assert t.weekday == weekday


@pytest.mark.parametrize(
    "text",
    [
        "a 3:2 vote",
        "United won 3-2",
        "a 1:1 ratio",
        "John 3:16",
        "open 24/7",
        "2:30 minutes",
        "$4.15",
        "rose 4.15 percent",
        "the 1430 people",
        "in 2014 GMT rules",
        "the Midnight Oil concert",
        "I am here",
        "10.30",
        "99:99",
        "25:00",
    ],
)
def test_not_times(text: str) -> None:
    assert find_times(text) == []


def test_midnight_deadline_is_a_time() -> None:
    (t,) = find_times("ahead of a midnight deadline")
    assert (t.text, t.low) == ("midnight", 0)


@pytest.mark.parametrize(
    "text",
    ["1 " * 4000, "1:1" * 4000, "12:00 " * 3000, "about " * 3000 + "9 p.m.", "1" * 400 + " pm", "1.1." * 5000],
)
def test_pathological_input_gives_valid_spans(text: str) -> None:
    # Speed on such input is measured by benchmarks/fuzz.py, never timed in tests.
    assert all(0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text for m in find_times(text))


@pytest.mark.parametrize(
    ("text", "texts", "lows"),
    [
        ("open 9am-5pm", ["9am", "5pm"], [540, 1020]),
        ("from 3:30-4:30 p.m.", ["3:30", "4:30 p.m."], [930, 990]),
        ("11:30 to 1:30 p.m.", ["11:30", "1:30 p.m."], [690, 810]),
        ("at 7:15-7:45 a. m. PT today", ["7:15", "7:45 a. m. PT"], [435, 465]),  # ECB+ 44_2ecbplus
        ("Just past 4 p.m. Friday", ["Just past 4 p.m."], [960]),  # ECB+ 18_8ecb
    ],
)
def test_ranges_and_qualifiers(text: str, texts: list[str], lows: list[float]) -> None:
    found = find_times(text)
    assert [t.text for t in found] == texts
    assert [t.low for t in found] == lows


def test_high_noon_is_an_idiom() -> None:
    # AQUAINT NYT19990312.0271: "For the people of Poland, high noon comes today."
    assert find_times("For the people of Poland, high noon comes today.") == []
