"""The pipeline as one call: which pairs get a row, and that rows grow with the documents, not their square."""

from __future__ import annotations

import pytest

from consistency.corpus import Corpus, load_text
from consistency.extract import extract_facts
from consistency.pipeline import check_corpus, reported_pairs

# ecbplus/text/37/37_12ecbplus.txt:11 and 37_1ecb.txt:11: the 2004 tsunami's toll as two outlets put it.
ABOUT = "The 2004 tsunami that killed about 230,000 people across Asia was triggered by a massive quake off Aceh."
MORE = "The 2004 tsunami that killed more than 220,000 people across Asia was triggered by a massive quake off Aceh."


def corpus(*texts: str) -> Corpus:
    return Corpus(tuple(load_text(t, doc_id=f"d{n}", path=f"d{n}.txt") for n, t in enumerate(texts)))


def test_a_claim_of_two_documents_has_its_one_pair() -> None:
    result = check_corpus(corpus(ABOUT, MORE))
    people = result.comparisons[result.comparisons["subject"] == "deaths"]
    assert list(zip(people["doc_a"], people["doc_b"], people["verdict"], strict=True)) == [("d0", "d1", "compatible")]


def test_widely_repeated_claims_get_linear_rows() -> None:
    result = check_corpus(corpus(ABOUT, ABOUT, ABOUT, MORE, MORE, ABOUT))
    people = result.comparisons[result.comparisons["subject"] == "deaths"]
    # Six facts, two values: each fact is paired with the first fact of each value (d0 and d3): the five pairs
    # with d0 and the four other pairs with d3, 9 rows instead of the 15 of every pair.
    assert len(people) == 9
    assert set(people["doc_a"]) | set(people["doc_b"]) == {f"d{n}" for n in range(6)}
    assert set(people["claim_id"]) == {people["claim_id"].iloc[0]}


def test_reported_pairs_are_every_pair_for_distinct_values() -> None:
    facts = [f for doc in corpus(ABOUT, MORE).documents for f in extract_facts(doc)]
    counts = [f for f in facts if f.subject == "people"]
    assert reported_pairs(counts) == [(counts[0], counts[1])]


def test_one_document_that_fails_is_skipped_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import consistency.pipeline as pipeline

    real = pipeline.extract_facts

    def broken(doc, anchor=None, story=""):  # type: ignore[no-untyped-def]
        if doc.doc_id == "d1":
            raise ValueError("a bug in an extractor")
        return real(doc, anchor, story)

    monkeypatch.setattr(pipeline, "extract_facts", broken)
    result = check_corpus(corpus(ABOUT, MORE, ABOUT))
    assert list(result.documents["doc_id"]) == ["d0", "d2"]
    assert result.warnings == ("d1.txt: cannot read its facts (ValueError: a bug in an extractor); skipped",)
    assert result.counts()["skipped"] == 1
    assert not result.comparisons.empty


def test_a_document_over_its_time_budget_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import consistency.pipeline as pipeline

    real = pipeline.extract_facts

    def slow(doc, anchor=None, story=""):  # type: ignore[no-untyped-def]
        if doc.doc_id == "d0":
            while True:
                time.sleep(0.01)
        return real(doc, anchor, story)

    monkeypatch.setattr(pipeline, "extract_facts", slow)
    monkeypatch.setattr(pipeline, "MIN_BUDGET_SECONDS", 0.2)
    result = check_corpus(corpus(ABOUT, MORE))
    assert list(result.documents["doc_id"]) == ["d1"]
    assert result.warnings[0].startswith("d0.txt: took more than 0 s to read")


def test_nothing_left_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import consistency.pipeline as pipeline
    from consistency.corpus import CorpusError

    def broken(doc, anchor=None, story=""):  # type: ignore[no-untyped-def]
        raise ValueError("broken")

    monkeypatch.setattr(pipeline, "extract_facts", broken)
    with pytest.raises(CorpusError, match="no document could be read"):
        check_corpus(corpus(ABOUT))
