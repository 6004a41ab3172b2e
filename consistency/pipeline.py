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
from itertools import combinations

import pandas as pd

from consistency.align import Claim, align
from consistency.compare import compare, worst
from consistency.config import Settings
from consistency.corpus import Corpus, Document, load_corpus
from consistency.extract import WEEKDAY_MISMATCH, extract_facts
from consistency.facts import Fact, facts_frame

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
    facts: list[Fact] = []
    per_doc: dict[str, int] = {}
    total = len(corpus.documents)
    for n, doc in enumerate(corpus.documents, 1):
        found = extract_facts(doc)
        per_doc[doc.doc_id] = len(found)
        facts.extend(found)
        if progress is not None:
            progress(n, total)
    claims = align(facts, settings.min_score)
    comparisons = _comparisons(claims, settings)
    in_claims = {f.fact_id for c in claims for f in c.facts}
    facts_df = facts_frame(facts)
    return Result(
        documents=_documents(corpus.documents, per_doc),
        facts=facts_df,
        comparisons=comparisons,
        single_source=facts_df[~facts_df["fact_id"].isin(in_claims)].reset_index(drop=True),
        findings=_findings(facts_df),
        warnings=corpus.warnings,
    )


def reported_pairs(facts: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """The pairs of a claim that get a row: every pair when few documents state it, linear growth when many do.

    Facts are grouped by value; the first fact of each group (in document order) represents it. Each fact is
    paired with the representative of every group, its own included, and representatives with each other.
    With two or three documents that is every pair; with fifty outlets repeating one figure it is 49 rows,
    not 1,225, and every fact still appears with its evidence.
    """
    reps: dict[str, Fact] = {}
    for f in facts:
        reps.setdefault(f.value, f)
    rep_ids = {f.fact_id for f in reps.values()}
    return [(a, b) for a, b in combinations(facts, 2) if a.fact_id in rep_ids or b.fact_id in rep_ids]


def _comparisons(claims: list[Claim], settings: Settings) -> pd.DataFrame:
    columns: dict[str, list[object]] = {name: [] for name in COMPARISON_COLUMNS}
    for number, claim in enumerate(claims, 1):
        claim_id = f"C{number:04d}"
        pairs = [(a, b, compare(a, b, settings)) for a, b in reported_pairs(claim.facts)]
        claim_verdict = worst([v.verdict for _, _, v in pairs])
        for a, b, v in pairs:
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
                "score": claim.score(a, b),
                "reason": v.reason,
                "claim_verdict": claim_verdict,
                "unit": a.unit,
                "attribution_a": a.attribution,
                "attribution_b": b.attribution,
                "fact_a": a.fact_id,
                "fact_b": b.fact_id,
            }
            for name, value in row.items():
                columns[name].append(value)
    return pd.DataFrame(columns, columns=COMPARISON_COLUMNS)


def _documents(documents: Sequence[Document], per_doc: Mapping[str, int]) -> pd.DataFrame:
    rows = [
        {
            "doc_id": d.doc_id,
            "path": d.path,
            "published": d.published.isoformat() if d.published else "",
            "published_from": d.published_from,
            "source": d.source,
            "facts": per_doc.get(d.doc_id, 0),
        }
        for d in documents
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _findings(facts: pd.DataFrame) -> pd.DataFrame:
    """Problems inside one document: a stated weekday that contradicts its date."""
    hits = facts[facts["note"].str.startswith(WEEKDAY_MISMATCH)]
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
