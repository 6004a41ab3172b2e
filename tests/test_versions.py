"""The version extractor against a table of sentences (tests/cases/versions.json)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from consistency.extract.versions import find_versions
from tests.conftest import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "versions.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", case_params(CASES))
def test_sentence(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_versions(text)
    expected = case["expect"]
    assert [v.text for v in found] == [w["text"] for w in expected]
    for v, want in zip(found, expected, strict=True):
        assert (v.product, v.parts, v.label) == (want["product"], tuple(want["parts"]), want["label"])
        assert v.text == text[v.start : v.end]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_are_sorted_and_disjoint(case: dict[str, Any]) -> None:
    for a, b in itertools.pairwise(find_versions(case["text"])):
        assert a.end <= b.start


def test_parts_compare_as_versions_not_floats() -> None:
    (old,) = find_versions("Python 3.9")
    (new,) = find_versions("Python 3.10")
    assert new.parts > old.parts


@pytest.mark.parametrize(
    ("text", "parts", "label"),
    [
        ("version 2.0", (2, 0), ""),
        ("v2", (2,), ""),
        ("1.2.3", (1, 2, 3), ""),
        ("2.0.1-rc1", (2, 0, 1), "rc1"),
        ("1.4.2+build.7", (1, 4, 2), "build.7"),
        ("release 1.5", (1, 5), ""),
        ("version 10.0.0.1", (10, 0, 0, 1), ""),  # looks like an address, but "version" says otherwise
        ("version 2021.12.17", (2021, 12, 17), ""),  # calendar versioning, said explicitly
    ],
)
def test_surface_forms(text: str, parts: tuple[int, ...], label: str) -> None:
    (v,) = find_versions(text)
    assert (v.parts, v.label) == (parts, label)


@pytest.mark.parametrize(
    "text",
    [
        "3.5 percent",
        "a 6.1-magnitude quake",
        "$1.2 billion",
        "1.5 million",
        "192.168.0.1",
        "2021.12.17",
        "17.12.2021",
        "Section 3.2",
        "Section 3.2.1",
        "Article 5.1.2",
        "at 4.15pm",
        "the V8 engine",
        "to release 5 hostages",
        "to release 1.5 tonnes",
        "magnitude 6.1",
        "1.1.1.1.1.1.1.1",
    ],
)
def test_not_versions(text: str) -> None:
    assert find_versions(text) == []


@pytest.mark.parametrize(
    "text", ["1 " * 4000, "1.1." * 5000, "v" * 5000, "Python 3.1 " * 2000, "9" * 400 + ".1", "1." * 3000]
)
def test_pathological_input_gives_valid_spans(text: str) -> None:
    # Speed on such input is measured by benchmarks/fuzz.py, never timed in tests.
    assert all(0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text for m in find_versions(text))
