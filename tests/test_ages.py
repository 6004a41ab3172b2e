"""The age extractor against a table of real sentences (tests/cases/ages.json)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.ages import find_ages
from tests.conftest import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "ages.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", case_params(CASES))
def test_sentence(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_ages(text)
    expected = case["expect"]
    assert [a.text for a in found] == [w["text"] for w in expected]
    for a, want in zip(found, expected, strict=True):
        assert (a.low, a.high, a.holder) == (want["low"], want["high"], want["holder"])
        assert a.text == text[a.start : a.end]
        if a.holder:
            assert a.holder == text[a.holder_start : a.holder_end]
        else:
            assert (a.holder_start, a.holder_end) == (-1, -1)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_are_sorted_and_disjoint(case: dict[str, Any]) -> None:
    for a, b in itertools.pairwise(find_ages(case["text"])):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a man in his sixties", 60, 69),
        ("a woman in her early 30s", 30, 33),
        ("a man in his mid-40s", 44, 46),
        ("a man in his late fifties", 57, 59),
        ("the driver, aged 18 to 25,", 18, 25),
        ("the girl, aged 12, was", 12, 12),
        ("a 6-month-old baby", 0.5, 0.5),
        ("a twenty-two-year-old student", 22, 22),
        ("he was 45 years old", 45, 45),
        ("died at the age of 87", 87, 87),
    ],
)
def test_forms(text: str, low: float, high: float) -> None:
    (a,) = find_ages(text)
    assert (a.low, a.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    [
        "a 30-year-old law",
        "a 100-year-old bridge",
        "the bridge is 100 years old",
        "Boeing 737, 61, and the Airbus",
        "on May 5, 2010, at noon",
        "the No. 10 bus",
        "Article 5, 6, 7",
        "Sunday, 16, September",
        "a whisky aged 12 years",
        "NATO, 70, is",
        "John Smith, 130, was",
    ],
)
def test_not_ages(text: str) -> None:
    assert find_ages(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 4000 + "people",
        ", 61," * 3000,
        "John Smith, 61, " * 2000,
        "a 6-year-old " * 3000,
        "1" * 400,
        "in his " * 3000,
    ],
)
def test_pathological_input_gives_valid_spans(text: str) -> None:
    # Speed on such input is measured by benchmarks/fuzz.py, never timed in tests.
    assert all(0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text for m in find_ages(text))
