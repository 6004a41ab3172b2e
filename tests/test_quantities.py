"""The quantity extractor against a table of real sentences (tests/cases/quantities.json)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.quantities import QuantityMention, find_quantities
from tests.conftest import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "quantities.json").read_text(encoding="utf-8"))["cases"]


def _view(q: QuantityMention, fields: list[str]) -> dict[str, Any]:
    return {f: getattr(q, f) for f in fields}


@pytest.mark.parametrize("case", case_params(CASES))
def test_sentence(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_quantities(text)
    expected = case["expect"]
    assert len(found) == len(expected), [q.text for q in found]
    for q, want in zip(found, expected, strict=True):
        got = _view(q, list(want))
        for key, value in want.items():
            if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
                assert got[key] == pytest.approx(value), (key, got)
            else:
                assert got[key] == value, (key, got)
        assert q.text == text[q.start : q.end]
        assert (
            (q.subject_start, q.subject_end) == (q.end, q.end)
            if not q.subject
            else q.subject == text[q.subject_start : q.subject_end]
        )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_are_sorted_and_disjoint(case: dict[str, Any]) -> None:
    found = find_quantities(case["text"])
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "low", "high", "low_open", "high_open"),
    [
        ("more than 100,000", 100000, None, True, False),
        ("over 100,000", 100000, None, True, False),
        ("at least 100,000", 100000, None, False, False),
        ("up to 100,000", None, 100000, False, False),
        ("at most 100,000", None, 100000, False, False),
        ("less than 100,000", None, 100000, False, True),
        ("about 100,000", 90000, 110000, False, False),
        ("almost 100,000", 90000, 100000, False, True),
        ("75,000 to 100,000", 75000, 100000, False, False),
        ("between 75,000 and 100,000", 75000, 100000, False, False),
        ("100,000 or more", 100000, None, False, False),
    ],
)
def test_qualifier_intervals(text: str, low: float | None, high: float | None, low_open: bool, high_open: bool) -> None:
    (q,) = find_quantities(text + " troops")
    assert (q.low, q.high, q.low_open, q.high_open) == (low, high, low_open, high_open)
    assert q.subject == "troops"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100,000", 100000),
        ("100K", 100000),
        ("one hundred thousand", 100000),
        ("0.1 million", 100000),
        ("a hundred thousand", 100000),
        ("twenty-five", 25),
        ("1.5 million", 1.5e6),
        ("$2 billion", 2e9),
        ("€10m", 1e7),
        ("two and a half", 2.5),
        ("a dozen", 12),
        ("-4.5", -4.5),
        ("minus five", -5),
    ],
)
def test_surface_forms(text: str, value: float) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
