"""The frame reader against a table of real sentences (tests/cases/frames.json), plus its bounds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.frames import Frame, clause_span, read_frame
from consistency.lexicon.measures import MEASURES
from tests.conftest import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "frames.json").read_text(encoding="utf-8"))["cases"]


def _span(text: str, target: str, occurrence: int = 0, after: int = 0) -> tuple[int, int]:
    i = after - 1
    for _ in range(occurrence + 1):
        i = text.index(target, i + 1)
    return i, i + len(target)


def _frame(case: dict[str, Any]) -> Frame:
    text = case["text"]
    start, end = _span(text, case["target"], case.get("occurrence", 0))
    subject = _span(text, case["subject"], 0, end) if case.get("subject") else None
    return read_frame(text, start, end, subject=subject, kind=case.get("kind", "count"))


@pytest.mark.parametrize("case", case_params(CASES))
def test_case(case: dict[str, Any]) -> None:
    frame = _frame(case)
    got = {key: getattr(frame, key) for key in case["expect"]}
    assert got == case["expect"], frame


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_measure_is_in_the_vocabulary_and_names_its_rule(case: dict[str, Any]) -> None:
    frame = _frame(case)
    assert frame.measure == "" or frame.measure in MEASURES or frame.measure.startswith("date:")
    assert bool(frame.rule) == bool(frame.measure)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_clause_span_holds_the_fact(case: dict[str, Any]) -> None:
    text = case["text"]
    start, end = _span(text, case["target"], case.get("occurrence", 0))
    lo, hi = clause_span(text, start, end)
    assert 0 <= lo <= start <= end <= hi <= len(text)


def test_clause_span_stops_at_which_and_semicolon() -> None:
    s = "The 2004 tsunami was triggered by a 9.1-magnitude quake, which hit Aceh; a 6.1 quake struck on Tuesday"
    i = s.index("9.1")
    lo, hi = clause_span(s, i, i + 3)
    assert s[lo:hi].endswith("quake") and "Tuesday" not in s[lo:hi]
    i = s.index("6.1")
    lo, hi = clause_span(s, i, i + 3)
    assert s[lo:hi].strip() == "a 6.1 quake struck on Tuesday"


def test_more_than_is_not_an_increment() -> None:
    s = "More than 20 people were killed in the blast."
    assert read_frame(s, 0, len("More than 20")).increment is False
    s = "Another 20 people were killed in the blast."
    assert read_frame(s, 0, len("Another 20")).increment is True


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 4000 + "people were killed",
        "between 1 and " * 2000,
        "killed " * 5000 + "1e309 people",
        "x" * 100000,
        "",
        "On 1, " * 3000 + "a deal to acquire it, a maker, for $1 " * 2000,
        ("fell while climbing " * 2000) + "on Saturday, police said" + ", and" * 3000,
    ],
)
def test_absurd_input_gives_a_frame(text: str) -> None:
    # The cost per call is bounded by fixed windows; it is measured by benchmarks/fuzz.py, never timed in tests.
    for start in (0, len(text) // 2, max(len(text) - 5, 0)):
        for kind in ("count", "money", "date"):
            measure = read_frame(text, start, min(start + 3, len(text)), kind=kind).measure
            assert measure in MEASURES | {""} or measure.startswith("date:")
        lo, hi = clause_span(text, start, min(start + 3, len(text)))
        assert 0 <= lo <= start and min(start + 3, len(text)) <= hi <= len(text)
    assert read_frame(text, -5, 10**9, subject=(10**9, 10**9 + 5), kind="money") == Frame()  # a span outside the text
