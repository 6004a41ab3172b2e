"""Sentence splitting, attribution and event phrases, on the real sentences of tests/cases/sentences.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.sentences import attribution, event_phrase, split_sentences
from tests.conftest import case_params

CASES: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "cases" / "sentences.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", case_params(CASES["split"]))
def test_split_sentences(case: dict[str, Any]) -> None:
    sentences = split_sentences(case["text"])
    assert [s.text for s in sentences] == case["sentences"]
    assert all(case["text"][s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize("case", case_params(CASES["attribution"]))
def test_attribution(case: dict[str, Any]) -> None:
    assert attribution(case["text"]) == case["source_name"]


@pytest.mark.parametrize("case", case_params(CASES["event_phrase"]))
def test_event_phrase(case: dict[str, Any]) -> None:
    start = case["text"].index(case["fact"])
    phrase = event_phrase(case["text"], start, start + len(case["fact"]))
    for part in case["contains"]:
        assert part in phrase


def test_event_phrase_stops_at_semicolon() -> None:
    text = "Troops gathered at the border; 5,000 tanks arrived"
    start = text.index("5,000")
    assert event_phrase(text, start, start + 5) == "tank arriv"


def test_spans_cover_a_real_seed() -> None:
    seed = next((Path(__file__).parent.parent / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    sentences = split_sentences(seed)
    assert len(sentences) > 20
    assert all(seed[s.start : s.end] == s.text for s in sentences)
