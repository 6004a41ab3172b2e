"""``report.md``: a summary, then discrepancies, agreements and single-source facts as GitHub pipe tables.

Every value that came from a document or a file name (ids, paths, sources, texts, values, subjects, warnings)
goes through :mod:`consistency._escape`, so a document cannot add a column, a link, an image or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

import pandas as pd
from tabulate import tabulate

from consistency._escape import markdown_cell, markdown_code, markdown_text
from consistency.pipeline import Result

#: Longest table the Markdown shows; the CSV files always hold every row. A review page on GitHub with a
#: million rows helps nobody (and GitHub stops rendering it).
MAX_TABLE_ROWS = 1000

_PAIR_HEADERS = [
    "claim",
    "kind",
    "subject",
    "source A",
    "A says",
    "value A",
    "source B",
    "B says",
    "value B",
    "why",
]


def markdown_report(result: Result) -> str:
    """The whole report as Markdown that reads well on GitHub."""
    counts = result.counts()
    comparisons = result.comparisons
    discrepancies = comparisons[comparisons["verdict"] == "conflict"]
    agreements = comparisons[comparisons["verdict"] != "conflict"]
    parts = [
        "# Consistency report",
        "",
        _summary_sentence(counts),
        "",
        _table(
            [[k.replace("_", " "), v] for k, v in counts.items()],
            ["", "count"],
        ),
        "",
        "## Documents",
        "",
        _table(
            [
                [
                    _cell(r.doc_id),
                    _cell(r.published or "unknown"),
                    _cell(r.published_from or "-"),
                    _cell(r.source or "-"),
                    r.facts,
                ]
                for r in result.documents.itertuples()
            ],
            ["document", "published", "date from", "source", "facts"],
        ),
        "",
        "## Discrepancies",
        "",
        _pairs(discrepancies, "No two documents contradict each other on an aligned fact."),
        "",
    ]
    if not result.findings.empty:
        parts += [
            "### Within one document",
            "",
            _table(
                [
                    [_code(f"{r.doc_id}:{r.line}"), _cell(r.text), _cell(r.problem)]
                    for r in result.findings.itertuples()
                ],
                ["where", "text", "problem"],
            ),
            "",
        ]
    parts += [
        "## Agreements",
        "",
        "`agree`: the same value; `compatible`: overlapping or one inside the other.",
        "",
        _pairs(agreements, "No fact is stated by two documents in agreement."),
        "",
        "## Single-source facts",
        "",
        "Facts only one document states (or that could not be compared with any other).",
        "",
        _single(result.single_source),
        "",
    ]
    if result.warnings:
        parts += ["## Skipped", "", *[f"- {markdown_text(w)}" for w in result.warnings], ""]
    return "\n".join(parts)


def _summary_sentence(counts: dict[str, int]) -> str:
    return (
        f"{counts['documents']} documents, {counts['facts']} facts. "
        f"{counts['claims']} claims are stated by more than one document: "
        f"{counts['conflict']} in conflict, {counts['compatible']} compatible, {counts['agree']} in agreement."
    )


def _pairs(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"_{empty}_"
    shown = frame.head(MAX_TABLE_ROWS)
    rows = [
        [
            _cell(r.claim_id),
            _cell(r.kind),
            _cell(r.subject),
            _code(f"{r.doc_a}:{r.line_a}"),
            _cell(r.text_a),
            _cell(r.value_a),
            _code(f"{r.doc_b}:{r.line_b}"),
            _cell(r.text_b),
            _cell(r.value_b),
            f"**{_cell(r.verdict)}**: {_cell(r.reason)}",
        ]
        for r in shown.itertuples()
    ]
    return _table(rows, _PAIR_HEADERS) + _more(len(frame) - len(shown), "comparisons.csv")


def _single(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "_None._"
    shown = frame.head(MAX_TABLE_ROWS)
    rows = [
        [_code(f"{r.doc_id}:{r.line}"), _cell(r.kind), _cell(r.text), _cell(r.value), _cell(r.subject), _cell(r.note)]
        for r in shown.itertuples()
    ]
    return _table(rows, ["where", "kind", "text", "value", "about", "note"]) + _more(
        len(frame) - len(shown), "facts.csv"
    )


def _more(hidden: int, where: str) -> str:
    return f"\n\n_… and {hidden:,} more rows in `{where}`._" if hidden > 0 else ""


def _table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> str:
    return str(tabulate(list(rows), headers=list(headers), tablefmt="github", disable_numparse=True))


def _cell(value: object) -> str:
    """A value from a document, safe inside a pipe table (see :func:`consistency._escape.markdown_cell`)."""
    return markdown_cell(value)


def _code(value: object) -> str:
    """A ``doc:line`` location: inline code when plain, else an escaped cell."""
    return markdown_code(value)


def write_markdown(result: Result, handle: TextIO) -> None:
    """Write :func:`markdown_report` to an open file."""
    handle.write(markdown_report(result))
