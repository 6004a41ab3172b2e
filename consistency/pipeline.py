"""The whole job as one call: load -> extract -> align -> compare, as pandas tables.

>>> result = check(["seeds/"])
>>> conflict = result.comparisons.query("verdict == 'conflict'").iloc[0]
>>> conflict.text_a, conflict.text_b
('between 75,000-100,000 Russian troops', 'more than 100,000 troops')
>>> conflict.reason
'disjoint: [75000, 100000] vs (100000, inf)'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from consistency._budget import MIN_BUDGET_SECONDS, OverBudget, time_limit
from consistency.align import Claim, align
from consistency.align.blocking import alignable
from consistency.anchors import infer, url_date
from consistency.compare import compare, worst
from consistency.config import Settings
from consistency.corpus import Corpus, CorpusError, Document, load_corpus
from consistency.extract import extract_facts
from consistency.extract.dates import find_dates
from consistency.extract.kinds import Anchor
from consistency.facts import Fact, facts_frame
from consistency.stories import names, stories

#: Public column order of ``comparisons.csv``: extend only at the end, never rename.
COMPARISON_COLUMNS = [
    "claim_id",
    "kind",
    "subject",
    "doc_a",
    "line_a",
    "text_a",
    "value_a",
    "doc_b",
    "line_b",
    "text_b",
    "value_b",
    "verdict",
    "score",
    "reason",
    "claim_verdict",
    "unit",
    "attribution_a",
    "attribution_b",
    "fact_a",
    "fact_b",
    "measure",
    "holder",
    "rule",
    "claim_rule",
]
DOCUMENT_COLUMNS = ["doc_id", "path", "published", "published_from", "source", "facts"]
FINDING_COLUMNS = ["doc_id", "line", "kind", "text", "value", "problem", "sentence", "fact_id"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Result:
    """Everything a run found, as DataFrames with fixed column orders and sorted rows."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    comparisons: pd.DataFrame
    single_source: pd.DataFrame
    findings: pd.DataFrame
    warnings: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """Headline figures: documents, facts, claims per verdict, single-source facts, findings."""
        claims = self.comparisons.drop_duplicates("claim_id")
        by_verdict = claims["claim_verdict"].value_counts()
        return {
            "documents": len(self.documents),
            "skipped": len(self.warnings),
            "facts": len(self.facts),
            "claims": len(claims),
            "agree": int(by_verdict.get("agree", 0)),
            "compatible": int(by_verdict.get("compatible", 0)),
            "conflict": int(by_verdict.get("conflict", 0)),
            "single_source": len(self.single_source),
            "findings": len(self.findings),
        }


def check(
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: Mapping[str, dt.date] | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Result:
    """Read the documents at ``paths`` and report where they agree and where they contradict each other.

    Raises :class:`consistency.corpus.CorpusError` when the corpus cannot be read at all; documents that
    cannot be read are skipped and named in ``Result.warnings``.
    """
    corpus = load_corpus(paths, published=published)
    return check_corpus(corpus, settings=settings, progress=progress)


def check_corpus(corpus: Corpus, *, settings: Settings | None = None, progress: Progress | None = None) -> Result:
    """Like :func:`check`, on a corpus already loaded."""
    settings = settings or Settings()
    extracted = extract_corpus(corpus.documents, progress, settings.time_budget)
    if not extracted.facts:
        raise CorpusError("no document could be read: " + "; ".join(extracted.skipped[:3]))
    # Sorted, like every table: the same documents give the same report in whatever order they come.
    documents = sorted((d for d in corpus.documents if d.doc_id in extracted.facts), key=lambda d: d.doc_id)
    facts = [f for found in extracted.facts.values() for f in found]
    per_doc = {doc_id: len(found) for doc_id, found in extracted.facts.items()}
    anchors = extracted.anchors
    claims = align(facts, settings.min_score)
    comparisons = _comparisons(claims, settings)
    in_claims = {f.fact_id for c in claims for f in c.facts}
    facts_df = facts_table(facts)
    return Result(
        documents=_documents(documents, per_doc, anchors),
        facts=facts_df,
        comparisons=comparisons,
        single_source=facts_df[~facts_df["fact_id"].isin(in_claims)].reset_index(drop=True),
        findings=_findings(facts_df),
        warnings=tuple(sorted(corpus.warnings + extracted.skipped)),
    )


def facts_table(facts: Sequence[Fact]) -> pd.DataFrame:
    """The facts as ``facts.csv`` has them: :func:`~consistency.facts.facts_frame` and whether each fact can be
    aligned at all (a count with neither a measure nor a counted noun cannot; see ``align/blocking.py``)."""
    frame = facts_frame(facts)
    can = {f.fact_id: alignable(f) for f in facts}
    frame["alignable"] = frame["fact_id"].map(can).astype(bool)
    return frame


def reported_pairs(facts: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """The pairs of a claim that get a row: every pair when few documents state it, linear growth when many do.

    Facts are grouped by value; the first fact of each group (in document order) represents it. Each fact is
    paired with the representative of every group, its own included, and representatives with each other;
    two facts of one document (a headline and its story giving one figure) are never a row.
    With two or three documents that is every pair; with fifty outlets repeating one figure it is 49 rows,
    not 1,225, and every fact still appears with its evidence.
    """
    reps: dict[str, Fact] = {}
    for f in facts:
        reps.setdefault(f.value, f)
    order = {f.fact_id: n for n, f in enumerate(facts)}
    chosen: set[tuple[int, int]] = set()
    for r in reps.values():
        for f in facts:
            if f.doc_id != r.doc_id:
                chosen.add((min(order[r.fact_id], order[f.fact_id]), max(order[r.fact_id], order[f.fact_id])))
    # A fact of the same document as its value's first fact, in a claim of one value, would get no row: it is
    # paired with the first fact of its value (else any fact) from another document.
    paired = {n for pair in chosen for n in pair}
    firsts: dict[str, list[int]] = {}  # per value, the first fact of each of its first two documents
    for n, f in enumerate(facts):
        seen = firsts.setdefault(f.value, [])
        if len(seen) < 2 and all(facts[m].doc_id != f.doc_id for m in seen):
            seen.append(n)
    other_doc = next((n for n, f in enumerate(facts) if f.doc_id != facts[0].doc_id), None) if facts else None
    for n, f in enumerate(facts):
        if n in paired:
            continue
        same_value = [m for m in firsts[f.value] if facts[m].doc_id != f.doc_id]
        other = same_value[0] if same_value else (other_doc if f.doc_id == facts[0].doc_id else 0)
        if other is not None:
            chosen.add((min(n, other), max(n, other)))
    return [(facts[i], facts[j]) for i, j in sorted(chosen)]


def _comparisons(claims: list[Claim], settings: Settings) -> pd.DataFrame:
    columns: dict[str, list[object]] = {name: [] for name in COMPARISON_COLUMNS}
    for number, claim in enumerate(claims, 1):
        claim_id = f"C{number:04d}"
        pairs = [(a, b, compare(a, b, settings)) for a, b in reported_pairs(claim.facts)]
        if not pairs:
            continue
        claim_verdict = worst([v.verdict for _, _, v in pairs])
        for a, b, v in pairs:
            link = claim.link(a, b)
            row: dict[str, object] = {
                "claim_id": claim_id,
                "kind": claim.kind,
                "subject": claim.subject,
                "doc_a": a.doc_id,
                "line_a": a.line,
                "text_a": a.text,
                "value_a": a.value,
                "doc_b": b.doc_id,
                "line_b": b.line,
                "text_b": b.text,
                "value_b": b.value,
                "verdict": v.verdict,
                "score": link.score,
                "reason": v.reason,
                "claim_verdict": claim_verdict,
                "unit": a.unit,
                "attribution_a": a.attribution,
                "attribution_b": b.attribution,
                "fact_a": a.fact_id,
                "fact_b": b.fact_id,
                "measure": a.measure or b.measure,
                "holder": a.holder or b.holder,
                "rule": link.rule,
                "claim_rule": claim.rule,
            }
            for name, value in row.items():
                columns[name].append(value)
    return pd.DataFrame(columns, columns=COMPARISON_COLUMNS)


@dataclass(frozen=True)
class Extracted:
    """The facts of each document, and what extraction needed to know of the corpus: each document's story
    and the publication date (or interval) inferred for the undated ones."""

    facts: dict[str, list[Fact]]
    stories: dict[str, str]
    anchors: dict[str, tuple[Anchor, str]]
    #: One warning per document that was skipped.
    skipped: tuple[str, ...] = ()


def extract_corpus(
    documents: Sequence[Document], progress: Progress | None = None, budget: float = Settings().time_budget
) -> Extracted:
    """Extract every document's facts, each in its story and against its (possibly inferred) date.

    One document that fails, or takes longer than ``budget`` seconds per MB (at least 2 s), is skipped with a
    warning naming it; the others go on.
    """
    story_of = story_map(documents)
    dating = _Dating(documents, story_of)
    anchors: dict[str, tuple[Anchor, str]] = {}
    out: dict[str, list[Fact]] = {}
    skipped: list[str] = []
    for n, doc in enumerate(documents, 1):
        seconds = max(MIN_BUDGET_SECONDS, budget * len(doc.text) / 1e6)
        try:
            with time_limit(seconds):
                # Dated right before it is read: its date candidates are found once for both (dates.py keeps
                # the last texts' candidates).
                found = dating.anchor(doc)
                if found is not None:
                    anchors[doc.doc_id] = found
                out[doc.doc_id] = extract_facts(doc, found[0] if found else None, story_of.get(doc.doc_id, ""))
        except OverBudget:
            size = len(doc.text) / 1e6
            skipped.append(f"{doc.path}: took more than {seconds:.0f} s to read ({size:.1f} MB); skipped")
        except (RecursionError, MemoryError, ValueError, ArithmeticError, LookupError, TypeError) as err:
            skipped.append(f"{doc.path}: cannot read its facts ({type(err).__name__}: {err}); skipped")
        if progress is not None:
            progress(n, len(documents))
    return Extracted(out, story_of, anchors, tuple(skipped))


def _known_dates(documents: Sequence[Document]) -> dict[str, tuple[dt.date, str]]:
    """Publication dates the documents state, or their URLs give."""
    known: dict[str, tuple[dt.date, str]] = {}
    for d in documents:
        if d.published is not None:
            known[d.doc_id] = (d.published, d.published_from)
        else:
            day = url_date(d.text[:2000] + " " + d.source)
            if day is not None:
                known[d.doc_id] = (day, "url")
    return known


def story_map(documents: Sequence[Document]) -> dict[str, str]:
    """Each document's story (see :mod:`consistency.stories`)."""
    times = {doc_id: day for doc_id, (day, _) in _known_dates(documents).items()}
    return stories({d.doc_id: names(d.text) for d in documents}, times)


class _Dating:
    """When each document without a publication date was written: the day its URL gives, or the interval its
    story's other dates bound (see :mod:`consistency.anchors`), with how it was found ('url' or 'inferred')."""

    def __init__(self, documents: Sequence[Document], story_of: Mapping[str, str]) -> None:
        self.known = _known_dates(documents)
        self.story_of = story_of
        self.by_story: dict[str, list[dt.date]] = {}
        for doc_id, (day, _) in self.known.items():
            self.by_story.setdefault(story_of.get(doc_id, ""), []).append(day)

    def anchor(self, d: Document) -> tuple[Anchor, str] | None:
        if d.doc_id in self.known:
            day, how = self.known[d.doc_id]
            return (day, how) if how == "url" else None
        own = [m.low for m in find_dates(d.text) if m.resolved and m.low is not None and m.low == m.high]
        interval = infer(own, self.by_story.get(self.story_of.get(d.doc_id, ""), []))
        return (interval, "inferred") if interval is not None else None


def publication_anchors(
    documents: Sequence[Document], story_of: Mapping[str, str] | None = None
) -> dict[str, tuple[Anchor, str]]:
    """For each document without a publication date, the one its URL gives or the interval its story's other
    dates bound, with how it was found ('url' or 'inferred'); see :mod:`consistency.anchors`."""
    dating = _Dating(documents, story_of if story_of is not None else story_map(documents))
    found = {d.doc_id: dating.anchor(d) for d in documents}
    return {doc_id: a for doc_id, a in found.items() if a is not None}


def _documents(
    documents: Sequence[Document], per_doc: Mapping[str, int], anchors: Mapping[str, tuple[Anchor, str]]
) -> pd.DataFrame:
    def published(d: Document) -> tuple[str, str]:
        if d.published is not None:
            return d.published.isoformat(), d.published_from
        anchor, how = anchors.get(d.doc_id, (None, ""))
        if isinstance(anchor, tuple):
            return f"{anchor[0].isoformat()}/{anchor[1].isoformat()}", how
        return (anchor.isoformat() if anchor else ""), how

    rows = [
        {
            "doc_id": d.doc_id,
            "path": d.path,
            "published": published(d)[0],
            "published_from": published(d)[1],
            "source": d.source,
            "facts": per_doc.get(d.doc_id, 0),
        }
        for d in documents
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _findings(facts: pd.DataFrame) -> pd.DataFrame:
    """Problems inside one document: a stated weekday that contradicts its date."""
    hits = facts[facts["weekday_mismatch"].astype(bool)]
    frame = pd.DataFrame(
        {
            "doc_id": hits["doc_id"],
            "line": hits["line"],
            "kind": "weekday mismatch",
            "text": hits["text"],
            "value": hits["value"],
            "problem": hits["note"],
            "sentence": hits["sentence"],
            "fact_id": hits["fact_id"],
        },
        columns=FINDING_COLUMNS,
    )
    return frame.reset_index(drop=True)
