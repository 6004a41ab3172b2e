"""Place names, on the real sentences of tests/cases/places.json (positive and negative examples)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.places import contains, find_places

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "cases" / "places.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=c["xfail"])] if "xfail" in c else [])
        for c in CASES
    ],
)
def test_find_places(case: dict[str, Any]) -> None:
    found = find_places(case["text"])
    assert [[p.text, p.name, p.feature, p.country, p.locative] for p in found] == case["places"]
    assert all(case["text"][p.start : p.end] == p.text for p in found)


def test_seed_places() -> None:
    """seeds/004 names these places; the brief of this extractor lists them."""
    seed = next((Path(__file__).parent.parent / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    names = {p.name for p in find_places(seed)}
    assert {"Geneva", "Crimea", "Moscow", "Ukraine", "Washington", "New Jersey", "Russia"} <= names


def test_containment() -> None:
    europe, ukraine, crimea, kyiv = find_places("Europe, Ukraine, Crimea and Kyiv")
    assert contains(europe, ukraine) and contains(ukraine, crimea) and contains(ukraine, kyiv)
    assert contains(europe, kyiv) and not contains(kyiv, ukraine)
    assert contains(ukraine.geonameid, kyiv.geonameid)
    (new_jersey,) = find_places("in New Jersey")
    (newark,) = find_places("in Newark")
    assert contains(new_jersey, newark)


def test_multiword_names_are_greedy() -> None:
    names = [
        p.name
        for p in find_places("She moved from New York City to Rio de Janeiro and then to Bosnia and Herzegovina.")
    ]
    assert names == ["New York City", "Rio de Janeiro", "Bosnia and Herzegovina"]
