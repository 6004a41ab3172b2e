"""``report.md``: claim-first, so the first screen on GitHub shows the disputes with their sentences.

Order: one summary sentence; the disputed claims, most-stated first, each a headline (what, whose, the values
and how many documents say each) and its evidence (each value with links to the lines and the sentence with the
value in bold); problems within one document; agreements, one line each; single-source facts, collapsed in
``<details>``; the documents; skipped files. Every list is capped, so a huge corpus gives a bounded page; the CSV
files hold everything.

Every value that came from a document or a file name goes through :mod:`consistency._escape` (and
:func:`inline`, which also escapes emphasis and brackets), so a document cannot add a column, a link, an image,
HTML or bold text; the only links are the ones written here, to the documents' lines.

Links are relative to the folder the report is in: pass ``base``, either the prefix from that folder to the
folder the documents' ``path`` is relative to (``"../"`` for ``reports/report.md`` and paths like
``seeds/a.txt``), or a mapping ``doc_id -> path from the report folder`` (what
:func:`consistency.output.write_report` passes, see :func:`document_links`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO, overload
from urllib.parse import quote

import numpy as np
import pandas as pd
from tabulate import tabulate

from consistency._escape import markdown_cell, markdown_code, markdown_text
from consistency.facts import fact_place
from consistency.output.claims import claim_label, text, value_label
from consistency.pipeline import Result

__all__ = ["MAX_TABLE_ROWS", "document_links", "inline", "markdown_report", "write_markdown"]

#: Longest list or table the Markdown shows; the CSV files always hold every row. A review page on GitHub with a
#: million rows helps nobody (and GitHub stops rendering it).
MAX_TABLE_ROWS = 1000
#: Disputed claims shown with their evidence; the others get a one-line headline, up to MAX_TABLE_ROWS.
MAX_DISPUTES = 50
#: Values shown per claim, and document links per value.
MAX_VALUES = 6
MAX_LINKS = 5
#: Characters of a sentence shown on each side of the value.
SENTENCE_WINDOW = 160

#: Markup characters :func:`markdown_cell` leaves alone: emphasis, strikethrough, link brackets. They are
#: swapped for private-use placeholders before escaping and come back backslash-escaped, so an escape is never
#: doubled by the backslash rule.
_MARKUP = "*_~[]"
_PLACEHOLDERS = "".join(chr(0xE000 + n) for n in range(len(_MARKUP)))
_HIDE = str.maketrans({**dict(zip(_MARKUP, _PLACEHOLDERS, strict=True)), **dict.fromkeys(_PLACEHOLDERS, "")})
_INTRAWORD = re.compile("(?<=[A-Za-z0-9])" + _PLACEHOLDERS[_MARKUP.index("_")] + "(?=[A-Za-z0-9])")
_SHOW = str.maketrans({p: "\\" + m for m, p in zip(_MARKUP, _PLACEHOLDERS, strict=True)})


def inline(value: object) -> str:
    """Document text inside a line of Markdown: :func:`~consistency._escape.markdown_cell`, and emphasis
    (``*``, ``_``, ``~``) and brackets escaped too, so it can sit between ``**`` or inside a link's text.

    >>> inline("**bold** [x](javascript:alert(1)) a|b <script>")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\[x\\\\](javascript:alert(1)) a\\\\|b &lt;script&gt;'
    >>> inline("18_10ecb _em_ a_")
    '18_10ecb \\\\_em\\\\_ a\\\\_'
    """
    hidden = markdown_cell(str(value).translate(_HIDE))
    # An underscore between two letters or digits opens and closes nothing (CommonMark's flanking rules), so
    # ids like ``18_10ecb`` stay readable in the Markdown source.
    return _INTRAWORD.sub("_", hidden).translate(_SHOW)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def markdown_report(result: Result, base: str | Mapping[str, str] = "") -> str:
    """The whole report as Markdown that reads well on GitHub (see the module docstring for ``base``)."""
    links = _Links(result, base)
    claims = result.claims
    disputed, agreed = _Claims(claims, True), _Claims(claims, False)
    shown_disputed, shown_agreed = disputed[:MAX_DISPUTES], agreed[:MAX_TABLE_ROWS]
    where = _Lines(result.facts)
    counts = result.counts()
    parts = ["# Consistency report", "", _summary_sentence(counts), ""]

    parts += [f"## Disputed claims ({len(disputed):,})", ""]
    if not disputed:
        parts += ["_No two documents contradict each other on an aligned fact._", ""]
    for group in shown_disputed:
        parts += [_headline(group), "", *_evidence(group, where, links), ""]
    if len(disputed) > MAX_DISPUTES:
        rest = disputed[MAX_DISPUTES : MAX_DISPUTES + MAX_TABLE_ROWS]
        parts += ["More disputed claims:", ""]
        parts += [f"- {_headline(g)}" for g in rest]
        parts += [_more(len(disputed) - MAX_DISPUTES - len(rest), "disputed claims", "claims.csv"), ""]

    if not result.findings.empty:
        shown = result.findings.head(MAX_TABLE_ROWS)
        parts += ["## Within one document", ""]
        parts += [
            f"- {links.line(r.doc_id, r.line)}: {_quote(r.sentence, r.text)} — {inline(r.problem)}"
            for r in shown.itertuples()
        ]
        parts += [_more(len(result.findings) - len(shown), "problems", "facts.csv"), ""]

    parts += [f"## Agreements ({len(agreed):,})", ""]
    parts += [
        "Claims several documents state without contradiction (values that differ overlap, or one lies "
        "within the other: _compatible_).",
        "",
    ]
    if not agreed:
        parts += ["_No fact is stated by two documents in agreement._", ""]
    parts += [f"- {_headline(g)} — {_doc_links(g, where, links)}" for g in shown_agreed]
    parts += [_more(len(agreed) - len(shown_agreed), "agreements", "claims.csv"), ""]

    single = result.single_rows()  # the rows shown are read, not a copy of every single-source fact
    parts += [f"## Single-source facts ({len(single):,})", ""]
    if not len(single):
        parts += ["_None._", ""]
    else:
        shown_single = result.facts.iloc[single[:MAX_TABLE_ROWS]]
        parts += [
            "<details>",
            f"<summary>{_plural(len(single), 'fact')} only one document states (or that could not be compared "
            "with any other)</summary>",
            "",
            *[
                f"- {links.line(r.doc_id, r.line)} {inline(r.kind)}: **{inline(_single_value(r))}** — "
                f"{_quote(r.sentence, r.text)}"
                for r in shown_single.itertuples()
            ],
            _more(len(single) - len(shown_single), "facts", "facts.csv"),
            "",
            "</details>",
            "",
        ]

    parts += ["## Documents", "", _documents(result, links), ""]
    if result.warnings:
        parts += ["## Skipped", "", *[f"- {markdown_text(w)}" for w in result.warnings], ""]
    return "\n".join(line for n, line in enumerate(parts) if line or (n and parts[n - 1]))


#: One row of the claims table as a dict (column -> cell); a claim is the list of its rows.
Row = dict[str, Any]


class _Claims(Sequence[list[Row]]):
    """The disputed (or the other) claims of a claims table, each a list of its rows, made only when read: a
    report shows a bounded number of them, and a huge corpus must not make a row object per claim."""

    def __init__(self, table: pd.DataFrame, disputed: bool) -> None:
        self.table = table
        ids = [text(x) for x in table["claim_id"].tolist()]
        verdicts = [text(x) for x in table["claim_verdict"].tolist()]
        starts = [n for n in range(len(ids)) if n == 0 or ids[n] != ids[n - 1]]
        bounds = zip(starts, [*starts[1:], len(ids)][: len(starts)], strict=True)
        self.spans = [(a, b) for a, b in bounds if (verdicts[a] == "conflict") == disputed]

    def __len__(self) -> int:
        return len(self.spans)

    def _claims(self, spans: Sequence[tuple[int, int]]) -> list[list[Row]]:
        """The rows of these claims: the table's rows from the first to the last read at once (the claims of a
        kind are together in the table), not every cell of the table."""
        if not spans:
            return []
        first, last = spans[0][0], spans[-1][1]
        rows = [{str(k): v for k, v in row.items()} for row in self.table.iloc[first:last].to_dict("records")]
        return [rows[a - first : b - first] for a, b in spans]

    @overload
    def __getitem__(self, index: int) -> list[Row]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[Row]]: ...
    def __getitem__(self, index: int | slice) -> list[Row] | list[list[Row]]:
        if isinstance(index, slice):
            return self._claims(self.spans[index])
        return self._claims([self.spans[index]])[0]


class _Lines:
    """The line of a fact, from its id (:func:`~consistency.facts.fact_place`: its document and start): the
    report links a few documents of each value, so it looks up those few facts, not a table of every fact the
    claims it shows name (a value thousands of outlets state names thousands)."""

    def __init__(self, facts: pd.DataFrame) -> None:
        codes, names = pd.factorize(facts["doc_id"])
        starts = facts["start"].to_numpy(dtype=np.int64)
        order = np.lexsort((starts, codes))  # by document, then start
        self._starts = starts[order]
        self._lines = facts["line"].to_numpy(dtype=np.float64, na_value=np.nan)[order]
        ranks, numbers = codes[order], np.arange(len(names))
        firsts, ends = np.searchsorted(ranks, numbers, side="left"), np.searchsorted(ranks, numbers, side="right")
        self._rows = {text(name): (int(a), int(b)) for name, a, b in zip(names, firsts, ends, strict=True)}

    def line(self, doc: str, start: int) -> int | None:
        """The line of the fact of document ``doc`` that starts at ``start``, if the facts hold it."""
        first, end = self._rows.get(doc, (0, 0))
        at = first + int(np.searchsorted(self._starts[first:end], start))
        if at < end and self._starts[at] == start and not math.isnan(self._lines[at]):
            return int(self._lines[at])
        return None

    def places(self, places: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
        """``places`` (a document and where its first fact starts) as a document and the fact's line; those whose
        fact the facts do not hold are left out."""
        found = [(doc, self.line(doc, start)) for doc, start in places]
        return [(doc, line) for doc, line in found if line is not None]


def _summary_sentence(counts: dict[str, int]) -> str:
    return (
        f"{_plural(counts['documents'], 'document')}, {_plural(counts['facts'], 'fact')}. "
        f"{_plural(counts['claims'], 'claim')} stated by more than one document: "
        f"**{counts['conflict']:,} in conflict**, {counts['compatible']:,} compatible, "
        f"{counts['agree']:,} in agreement; {_plural(counts['single_source'], 'single-source fact')}"
        + (f"; {_plural(counts['findings'], 'problem')} within one document" if counts["findings"] else "")
        + (f"; {counts['skipped']:,} skipped" if counts["skipped"] else "")
        + "."
    )


# --- claims --------------------------------------------------------------------------------------------------


def _headline(group: list[Row]) -> str:
    """``**deaths** (flood): 26,000–31,000 (2 documents) vs more than 40,000 (1 document)``."""
    first = group[0]
    label, qualifier = claim_label(first)
    head = f"**{inline(label)}**" + (f" ({inline(qualifier)})" if qualifier else "")
    shown = group[:MAX_VALUES]
    values = [f"{inline(value_label(r))} ({_plural(int(r['documents']), 'document')})" for r in shown]
    joiner = " vs " if text(first["claim_verdict"]) == "conflict" else ", "
    tail = f" and {_plural(len(group) - len(shown), 'other value')}" if len(group) > len(shown) else ""
    verdict = "" if text(first["claim_verdict"]) != "compatible" else " _(compatible)_"
    return f"{head}: {joiner.join(values)}{tail}{verdict}"


def _evidence(group: list[Row], where: _Lines, links: _Links) -> list[str]:
    """One list item per value: the value, its documents as links, the first sentence stating it."""
    lines = []
    shown = group[:MAX_VALUES]
    for r in shown:
        mark = "" if text(r["verdict"]) in ("agree", "") else f" _({inline(r['verdict'])})_"
        places = _places(r)
        anchors = ", ".join(links.line(doc, line) for doc, line in where.places(places[:MAX_LINKS]))
        if len(places) > MAX_LINKS:
            anchors += f" and {len(places) - MAX_LINKS:,} more"
        sentence = _quote(r["example_sentence"], r["example_text"])
        lines.append(f"- **{inline(value_label(r))}**{mark} — {anchors}: {sentence}")
    if len(group) > len(shown):
        lines.append(f"- _… and {_plural(len(group) - len(shown), 'more value')} in `claims.csv`._")
    return lines


def _places(row: Row) -> list[tuple[str, int]]:
    """Each document of a value group once, with where its first fact starts (that fact is on its first line),
    the example's document first, then by document id."""
    firsts: dict[str, int] = {}
    for fact_id in text(row["fact_ids"]).split(";"):
        doc, start = fact_place(fact_id)
        if doc:
            firsts[doc] = min(start, firsts.get(doc, start))
    example = text(row["example_doc"])
    order = sorted(firsts, key=lambda d: (d != example, d))
    return [(doc, firsts[doc]) for doc in order]


def _doc_links(group: list[Row], where: _Lines, links: _Links) -> str:
    places: dict[str, int] = {}
    for r in group:
        for doc, start in _places(r):
            places.setdefault(doc, start)
    shown = list(places.items())[:MAX_LINKS]
    out = ", ".join(links.line(doc, line) for doc, line in where.places(shown))
    return out + (f" and {len(places) - len(shown):,} more" if len(places) > len(shown) else "")


def _single_value(row: Any) -> str:
    return value_label({"kind": row.kind, "value": row.value, "unit": row.unit, "example_text": row.text})


def _quote(sentence: object, matched: object) -> str:
    """The sentence around the matched words, shortened to a window around them, the words in bold.

    Each part is escaped on its own (:func:`inline`), so nothing in the sentence can end the bold or start markup.

    >>> _quote("Officials said more than 2,500 people were evacuated.", "more than 2,500 people")
    '“Officials said **more than 2,500 people** were evacuated.”'
    >>> _quote("a ** b", "**")
    '“a **\\\\*\\\\*** b”'
    """
    whole, words = " ".join(text(sentence).split()), " ".join(text(matched).split())
    at = whole.find(words) if words else -1
    if at < 0:
        return f"“{inline(_clip(whole, 2 * SENTENCE_WINDOW))}”" if whole else f"“{inline(words)}”"
    before, after = whole[:at], whole[at + len(words) :]
    if len(before) > SENTENCE_WINDOW:
        before = "…" + before[len(before) - SENTENCE_WINDOW :].split(" ", 1)[-1]
    if len(after) > SENTENCE_WINDOW:
        after = after[:SENTENCE_WINDOW].rsplit(" ", 1)[0] + "…"
    # inline() trims; the spaces around the value are kept, or "massed **more**" would read "massed**more**".
    left = inline(before) + (" " if before.endswith(" ") else "")
    right = (" " if after.startswith(" ") else "") + inline(after)
    return f"“{left}**{inline(words)}**{right}”"


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[:width].rsplit(" ", 1)[0] + "…"


def _more(hidden: int, what: str, where: str) -> str:
    return f"_… and {hidden:,} more {what} in `{where}`._" if hidden > 0 else ""


# --- links to the documents ----------------------------------------------------------------------------------


def line_anchor(path: str, line: int) -> str:
    """What follows a document's link to point at ``line``: ``#L14``, or ``?plain=1#L14`` for a Markdown
    file, which GitHub otherwise renders, and a rendered page has no line anchors.

    >>> line_anchor("../seeds/002.txt", 14), line_anchor("docs/guide.md", 3)
    ('#L14', '?plain=1#L3')
    """
    markdown = path.lower().endswith((".md", ".markdown"))
    return f"{'?plain=1' if markdown else ''}#L{line}"


class _Links:
    """Where each document's links go: its file's relative path, percent-encoded."""

    def __init__(self, result: Result, base: str | Mapping[str, str]) -> None:
        paths = base if isinstance(base, Mapping) else document_links(result, None, base)
        self.targets = {doc_id: _url(path) for doc_id, path in paths.items() if path}

    def line(self, doc: object, line: object) -> str:
        """``[doc:line](path#Lline)``: a link to the line on GitHub and in a local viewer; plain text when the
        document's file is unknown. The text is escaped (:func:`inline`), the target percent-encoded."""
        doc_id, number = text(doc), int(line)  # type: ignore[call-overload]
        target = self.targets.get(doc_id)
        if target is None:
            return markdown_code(f"{doc_id}:{number}")
        return f"[{inline(f'{doc_id}:{number}')}]({target}{line_anchor(target, number)})"

    def document(self, doc: object) -> str:
        doc_id = text(doc)
        target = self.targets.get(doc_id)
        return markdown_code(doc_id) if target is None else f"[{inline(doc_id)}]({target})"


def _url(path: str) -> str:
    """A relative path as a link target: every character but letters, digits, ``/`` and ``-._~``
    percent-encoded, so a file name with spaces, parentheses, ``<``, ``|`` or a line break still makes one link
    and never markup, and ``javascript:x`` is the relative file ``javascript%3Ax``, not a script.

    >>> _url("../corpus dir/a (1)|b.txt"), _url("javascript:alert(1)")
    ('../corpus%20dir/a%20%281%29%7Cb.txt', 'javascript%3Aalert%281%29')
    """
    return quote(path, safe="/")


def document_links(result: Result, directory: str | os.PathLike[str] | None = None, base: str = "") -> dict[str, str]:
    """Each document's file as a relative POSIX path from ``directory``, the report folder.

    With ``directory`` None, the paths are ``base`` joined to each document's file as given (relative to the
    working directory; an absolute path stays absolute). A row of a CSV or JSONL corpus (``path`` is
    ``rows.csv#id``) links to its file, whose lines its line numbers count. A document whose file is not there
    (an in-memory corpus, a file since deleted, another drive) gets no entry and is shown without a link.

    >>> import consistency
    >>> document_links(consistency.check(["seeds/"]), "reports")["001_7833a452b3925789"]
    '../seeds/001_7833a452b3925789.txt'
    """
    frame = result.documents
    start = os.path.abspath(directory) if directory is not None else ""
    out: dict[str, str] = {}
    for doc_id, raw in zip(frame["doc_id"], frame["path"], strict=True):
        path = _file_of(text(raw))
        if path is None:
            continue
        if directory is None:
            relative = path if os.path.isabs(path) or not base else os.path.join(base, path)
        else:
            try:
                relative = os.path.relpath(os.path.abspath(path), start)
            except ValueError:  # Windows: another drive
                continue
        out[text(doc_id)] = Path(relative).as_posix()
    return out


def _file_of(path: str) -> str | None:
    """The file a document's ``path`` names: itself, or for a row ``rows.csv#id`` the file before the ``#``."""
    if not path:
        return None
    if os.path.isfile(path):
        return path
    head, sep, _ = path.rpartition("#")
    return head if sep and os.path.isfile(head) else None


# --- the documents table -------------------------------------------------------------------------------------


def _documents(result: Result, links: _Links) -> str:
    frame = result.documents
    if frame.empty:
        return "_None._"
    shown = frame.head(MAX_TABLE_ROWS)
    rows = [
        [
            links.document(r.doc_id),
            markdown_cell(text(r.published) or "unknown"),
            markdown_cell(text(r.published_from) or "-"),
            markdown_cell(text(r.source) or "-"),
            r.facts,
        ]
        for r in shown.itertuples()
    ]
    return _table(rows, ["document", "published", "date from", "source", "facts"]) + (
        "\n\n" + _more(len(frame) - len(shown), "documents", "facts.csv") if len(frame) > len(shown) else ""
    )


def _table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> str:
    return str(tabulate(list(rows), headers=list(headers), tablefmt="github", disable_numparse=True))


def write_markdown(result: Result, handle: TextIO, base: str | Mapping[str, str] = "") -> None:
    """Write :func:`markdown_report` to an open file."""
    handle.write(markdown_report(result, base))
