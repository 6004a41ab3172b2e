"""The pipeline as one call: which pairs get a row, and that rows grow with the documents, not their square."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import consistency
from consistency.compare import compare, worst
from consistency.config import Settings
from consistency.corpus import Corpus, load_text
from consistency.extract import extract_facts
from consistency.facts import Fact
from consistency.pipeline import check_corpus, reported_pairs
from tests.conftest import SHARED

# ecbplus/text/37/37_12ecbplus.txt:11 and 37_1ecb.txt:11: the 2004 tsunami's toll as two outlets put it.
ABOUT = "The 2004 tsunami that killed about 230,000 people across Asia was triggered by a massive quake off Aceh."
MORE = "The 2004 tsunami that killed more than 220,000 people across Asia was triggered by a massive quake off Aceh."
# ecbplus/text/37/37_14ecbplus.txt: the toll as a point; and the same sentence with another figure (constructed:
# a third outlet's figure, inside "about 230,000" but not the same as 230,000).
EXACT = "In 2004, a huge earthquake off Aceh triggered a tsunami that killed 230,000 people across Asia."
OTHER = "In 2004, a huge earthquake off Aceh triggered a tsunami that killed 210,000 people across Asia."


def corpus(*texts: str) -> Corpus:
    return Corpus(tuple(load_text(t, doc_id=f"d{n}", path=f"d{n}.txt") for n, t in enumerate(texts)))


def test_a_claim_of_two_documents_has_its_one_pair() -> None:
    result = check_corpus(corpus(ABOUT, MORE))
    people = result.comparisons[result.comparisons["subject"] == "deaths"]
    assert list(zip(people["doc_a"], people["doc_b"], people["verdict"], strict=True)) == [("d0", "d1", "compatible")]


def test_widely_repeated_claims_get_linear_rows() -> None:
    result = check_corpus(corpus(ABOUT, ABOUT, ABOUT, MORE, MORE, ABOUT))
    people = result.comparisons[result.comparisons["subject"] == "deaths"]
    # Six facts, two values: "about 230,000" is stated by four documents (d0 d1 d2 d5), "more than 220,000" by
    # two (d3 d4); each fact is paired with the main value's first fact (d0; d0 itself with d1): 5 rows, not 15.
    assert len(people) == 5
    assert all("d0" in (a, b) for a, b in zip(people["doc_a"], people["doc_b"], strict=True))
    assert set(people["doc_a"]) | set(people["doc_b"]) == {f"d{n}" for n in range(6)}
    assert set(people["claim_id"]) == {people["claim_id"].iloc[0]}


def test_thirty_outlets_and_two_values_give_one_row_per_outlet() -> None:
    result = check_corpus(corpus(*[ABOUT] * 20, *[MORE] * 10))
    people = result.comparisons[result.comparisons["subject"] == "deaths"]
    assert set(people["claim_id"]) == {people["claim_id"].iloc[0]}
    assert len(people) == 29  # not the 435 pairs of 30 documents
    assert {*people["doc_a"], *people["doc_b"]} == {f"d{n}" for n in range(30)}
    # "about 230,000" (20 documents) is the main value: each "more than 220,000" is a row against it.
    more = people[people["value_b"] == "(220000, inf)"]
    assert len(more) == 10 and set(more["value_a"]) == {"[207000, 253000]"} and set(more["verdict"]) == {"compatible"}
    assert set(people["claim_verdict"]) == {"compatible"}


def deaths(texts_by_doc: list[list[str]]) -> list[Fact]:
    """The death tolls of documents d0, d1, ... each made of the given sentences, in document order."""
    docs = [
        load_text(" ".join(texts), doc_id=f"d{n:02d}", path=f"d{n:02d}.txt") for n, texts in enumerate(texts_by_doc)
    ]
    return [f for doc in docs for f in extract_facts(doc) if f.measure == "deaths"]


def every_pair_verdict(facts: list[Fact]) -> str:
    """The claim's verdict as every pair of facts from two documents gives it (what the rows must keep)."""
    settings = Settings()
    return worst(
        [compare(a, b, settings).verdict for i, a in enumerate(facts) for b in facts[i + 1 :] if a.doc_id != b.doc_id]
    )


def row_verdict(facts: list[Fact]) -> str:
    return worst([compare(a, b, Settings()).verdict for a, b in reported_pairs(facts)])


def test_three_values_keep_the_worst_verdict_with_linear_rows() -> None:
    # 15 outlets say "about 230,000" ([207000, 253000]), 8 say 230,000 and 7 say 210,000: each figure lies within
    # the main one, but 230,000 and 210,000 contradict each other, so the claim is a conflict.
    facts = deaths([[ABOUT]] * 15 + [[EXACT]] * 8 + [[OTHER]] * 7)
    assert [f.value for f in facts].count("230000") == 8 and len(facts) == 30
    pairs = reported_pairs(facts)
    assert every_pair_verdict(facts) == row_verdict(facts) == "conflict"
    assert len(pairs) <= 2 * len(facts)  # not 435
    # Every outlet that says 210,000 has a row that shows its contradiction.
    for f in facts:
        if f.value == "210000":
            assert any(f in pair and {p.value for p in pair} == {"210000", "230000"} for pair in pairs)


def test_reported_pairs_keep_the_verdict_of_every_pair() -> None:
    # Random claims of the four figures, some documents stating two of them (a headline and its story).
    rng = random.Random(10)
    for _ in range(60):
        docs = [rng.sample([ABOUT, MORE, EXACT, OTHER], rng.choice([1, 1, 1, 2])) for _ in range(rng.randint(2, 9))]
        facts = deaths(docs)
        pairs = reported_pairs(facts)
        if len({f.doc_id for f in facts}) < 2:
            continue
        assert row_verdict(facts) == every_pair_verdict(facts), docs
        assert all(a.doc_id != b.doc_id for a, b in pairs)  # never two facts of one document
        assert {f.fact_id for pair in pairs for f in pair} == {f.fact_id for f in facts}  # each fact has a row
        assert len(pairs) <= 2 * len(facts)
        assert len(set(pairs)) == len(pairs)


def test_reported_pairs_are_every_pair_for_distinct_values() -> None:
    facts = [f for doc in corpus(ABOUT, MORE).documents for f in extract_facts(doc)]
    counts = [f for f in facts if f.subject == "people"]
    assert reported_pairs(counts) == [(counts[0], counts[1])]


def test_one_document_that_fails_is_skipped_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import consistency.pipeline as pipeline

    real = extract_facts

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

    real = extract_facts

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


@pytest.mark.skipif(
    not (SHARED / "corpora/timeml-tbaq/AQUAINT-text").is_dir(), reason="needs ../shared/corpora (AQUAINT)"
)
def test_a_file_named_by_its_date_is_dated_by_it(tmp_path: Path) -> None:
    """News archives name a story by the day it was filed ("APW19980808.0022.txt"): with no date in the text or
    a URL, the file name dates it, and its "on Saturday" is 1998-08-08 (AQUAINT APW19980808.0022.txt)."""
    source = SHARED / "corpora/timeml-tbaq/AQUAINT-text/APW19980808.0022.txt"
    shutil.copy(source, tmp_path / source.name)
    result = consistency.report(tmp_path)
    documents = result.documents
    assert documents["published"].astype(str).tolist() == ["1998-08-08"]
    assert documents["published_from"].tolist() == ["file name"]
    saturday = result.facts[result.facts["text"] == "Saturday"]
    assert not saturday.empty and set(saturday["value"]) == {"1998-08-08"}
