"""What the report on seeds/ must show (issue 3), checked against the library's DataFrames.

Each expectation was read off the articles by hand: 001 line 11 "between 75,000-100,000 Russian troops",
002 line 14 "more than 100,000 troops", 000 line 15 and 002 line 6 "start talks on January 12",
004 lines 13 and 25 "in Geneva", 002 line 18 "the Alliance in May 1997".
"""

from __future__ import annotations

import pandas as pd

D000, D001, D002, D004 = (
    "000_b3be5b1ba27ca5a8",
    "001_7833a452b3925789",
    "002_4f8a57ab780d97d1",
    "004_e558128c81437959",
)


def pairs(result, verdict: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    c = result.comparisons
    return c[c["verdict"] == verdict]


def test_troop_counts_conflict(seeds_result) -> None:  # type: ignore[no-untyped-def]
    conflicts = pairs(seeds_result, "conflict")
    troops = conflicts[
        (conflicts["doc_a"] == D001)
        & (conflicts["doc_b"] == D002)
        & conflicts["text_a"].str.contains("75,000-100,000")
        & conflicts["text_b"].str.contains("more than 100,000")
    ]
    assert len(troops) == 1
    row = troops.iloc[0]
    assert (row.line_a, row.line_b) == (11, 14)
    assert row.value_a == "[75000, 100000]" and row.value_b == "(100000, inf)"


def test_no_false_conflicts(seeds_result) -> None:  # type: ignore[no-untyped-def]
    """The troop count is the only contradiction between the seed articles."""
    conflicts = pairs(seeds_result, "conflict")
    assert conflicts["subject"].str.contains("troop").all(), conflicts[["text_a", "text_b"]]


def test_talks_on_january_12_agree(seeds_result) -> None:  # type: ignore[no-untyped-def]
    agree = pairs(seeds_result, "agree")
    talks = agree[
        (agree["kind"] == "date")
        & (agree["doc_a"] == D000)
        & (agree["doc_b"] == D002)
        & agree["text_a"].str.contains("January 12")
        & agree["text_b"].str.contains("January 12")
    ]
    assert len(talks) == 1
    assert (talks.iloc[0].line_a, talks.iloc[0].line_b) == (15, 6)


def test_geneva_and_may_1997_are_single_source(seeds_result) -> None:  # type: ignore[no-untyped-def]
    single = seeds_result.single_source
    geneva = single[(single["doc_id"] == D004) & (single["text"] == "Geneva")]
    may = single[(single["doc_id"] == D002) & single["text"].str.contains("May 1997")]
    assert list(geneva["line"]) == [13, 25] and set(geneva["kind"]) == {"place"}
    assert len(may) == 1 and may.iloc[0].value == "1997-05"


def test_different_subjects_never_pair(seeds_result) -> None:  # type: ignore[no-untyped-def]
    """Troops never align with lives, nor the 1997 NATO baseline with the 1987 treaty."""
    c = seeds_result.comparisons
    texts = c["text_a"] + " || " + c["text_b"]
    assert not texts.str.contains("lives").any()
    assert not (texts.str.contains("1997") & texts.str.contains("1987")).any()


def test_boilerplate_is_not_a_fact(seeds_result) -> None:  # type: ignore[no-untyped-def]
    facts = seeds_result.facts
    assert not facts["sentence"].str.contains("Video duration").any()
    assert not facts["sentence"].str.contains("cruise ships").any()  # a "Next article" link, not the story


def test_every_fact_has_evidence(seeds_result) -> None:  # type: ignore[no-untyped-def]
    facts = seeds_result.facts
    assert (facts["line"] >= 1).all()
    assert (facts["text"].str.len() > 0).all()
    assert (facts["sentence"].str.len() > 0).all()


def test_vaguer_talk_dates_join_the_january_12_claim(seeds_result) -> None:  # type: ignore[no-untyped-def]
    """Issue 8: 000's talks "next month" (lines 1 and 5) and 004's "start this discussion from the beginning of
    the [next] year" (line 13) hold January 12 (000:15, 002:6): one claim, compatible, not a conflict."""
    claim_of: dict[tuple[str, int, str], set[str]] = {}
    c = seeds_result.comparisons
    for side in ("a", "b"):
        for row in c.itertuples():
            key = (getattr(row, f"doc_{side}"), int(getattr(row, f"line_{side}")), str(getattr(row, f"text_{side}")))
            claim_of.setdefault(key, set()).add(str(row.claim_id))
    january = claim_of[(D000, 15, "January 12")] & claim_of[(D002, 6, "January 12")]
    assert len(january) == 1
    for vague in [(D000, 1, "next month"), (D000, 5, "next month"), (D004, 13, "the beginning of the [next] year")]:
        assert claim_of.get(vague, set()) == january, vague
    (claim,) = january
    assert set(c[c["claim_id"] == claim]["verdict"]) <= {"agree", "compatible"}
