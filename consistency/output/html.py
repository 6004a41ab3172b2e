"""``report.html``: one self-contained page for people who would rather look than read.

The claims are cards (disputed first, most-stated first, the order of
:func:`~consistency.output.claims.claims_table`); each card puts the sentences of its values side by side with
the value marked, and links every document to its file. A bar on top filters the cards by verdict and kind and
by words typed in a search box; the filter state lives in the URL fragment (``#verdict=conflict&kind=count&q=troops``)
so a filtered view can be bookmarked or sent. A timeline places each story's dated facts on one axis.

The page needs no network: CSS and JavaScript are inline, no font, image or library is fetched, and a
Content-Security-Policy (``default-src 'none'``) makes the browser refuse any request a future edit might add.
The script is allowed by its hash, so inline event handlers (``onerror=...``) never run even if one got in.

Everything that came from a document or a file name is escaped with :func:`consistency._escape.html` (which
escapes quotes too, so it is safe in attribute values); document links are percent-encoded relative paths, so
a file named ``javascript:alert(1)`` is a relative link, never a script. No document text is ever put inside
the ``<script>`` element. Same input, same bytes: no timestamps, every list sorted.

>>> import consistency
>>> page = html_report(consistency.check(["seeds/"]), base="../")
>>> page.startswith("<!DOCTYPE html>"), page.count('<article class="card'), 'href="../seeds/' in page
(True, 2, True)
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import quote

import numpy as np
import pandas as pd

from consistency._escape import html as esc
from consistency._memory import give_back
from consistency.output._html_assets import CSP, CSS, JS
from consistency.output._html_facts import FactIndex
from consistency.output.claims import integer, missing, text
from consistency.output.markdown import document_links, line_anchor
from consistency.pipeline import Result

__all__ = ["MAX_CARDS", "MAX_LINKS", "MAX_ROWS", "html_report", "write_html"]

#: Most claim cards the page shows; ``claims.csv`` always holds every claim. A browser tab with a hundred
#: thousand cards is no review (and takes minutes to open).
MAX_CARDS = 2000
#: Most rows of the single-source table and of the timeline.
MAX_ROWS = 2000
#: Value groups shown side by side in one card, and further sentences listed per value group.
_MAX_GROUPS = 12
_MAX_SENTENCES = 20
#: Document links listed per value group (a value thousands of outlets state would list them all).
MAX_LINKS = 50

#: Verdicts in the order a reviewer cares about; "single" is a fact only one document states.
_VERDICTS = ("conflict", "compatible", "agree", "single")
_VERDICT_LABELS = {
    "conflict": "conflict",
    "compatible": "compatible",
    "agree": "agree",
    "single": "single source",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def html_report(result: Result, *, base: str | Mapping[str, str] = "") -> str:
    """The whole report as one HTML page (a ``str``), built from :func:`claims_table`.

    ``base`` says where the documents are, seen from the folder the page is written to: a relative prefix put
    before each document's ``path`` (``"../"`` for a report folder beside the working directory), or a mapping
    from ``doc_id`` to the document's path relative to that folder (what ``write_report`` passes, from
    :func:`~consistency.output.markdown.document_links`). A document without a path (not in the mapping, or
    its file not found) is named without a link, as in ``report.md``.
    """
    return "\n".join(_page(result, base))


def _page(result: Result, base: str | Mapping[str, str]) -> Iterator[str]:
    """The pieces of :func:`html_report`, each a line or a card, to be joined by newlines: made one at a time, so
    a writer holds one card, not the page."""
    links = _Links(result, base)
    table = result.claims
    counts = _claim_counts(table)
    singles = result.single_rows()  # the rows shown are read, not a copy of every single-source fact
    kinds = sorted({text(k) for k in [*table["kind"].unique(), *result.facts["kind"].iloc[singles].unique()]} - {""})
    give_back()
    yield from [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>Consistency report</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="top">',
        "<h1>Consistency report</h1>",
        f'<p class="summary">{_summary(result, counts)}</p>',
        "</header>",
        _filters(counts, len(singles), kinds),
        "<main>",
        '<section id="claims" aria-label="Claims">',
        "<h2>Claims</h2>",
        '<p class="explain">Each card is one fact several documents state. Side by side: each value, how many '
        "documents state it, and the sentence of the first one, the value marked. The first value (blue) is the "
        "one the others are compared with; "
        "<b>conflict</b>: the values cannot both be true; <b>compatible</b>: they overlap or one is inside the "
        "other; <b>agree</b>: the same value.</p>",
    ]
    shown = 0
    for card in _cards(table, result.facts, links):
        shown += 1
        yield card
    if not shown:
        yield '<p class="empty">No fact is stated by more than one document.</p>'
    # Each section made after the one before is written and its memory given back: else what one freed stays
    # in the process beside what the next allocates (the page of 64,000 documents held 370 MiB more at its end).
    sections: list[Callable[[], str]] = [
        lambda: _more(counts["claims"] - shown, "claims", "claims.csv"),
        lambda: '<p class="empty" id="nothing" hidden>No claim matches the filters.</p>',
        lambda: "</section>",
        lambda: _timeline(result.facts, table, singles, links),
        lambda: _single(result.facts, singles, links),
        lambda: _findings(result.findings, links),
        lambda: _documents(result.documents, links),
        lambda: _warnings(result.warnings),
    ]
    for section in sections:
        made = section()
        give_back()
        if made:
            yield made
    yield from [
        "</main>",
        "<footer>Written by <code>consistency</code>. Every claim is in <code>claims.csv</code>, every pair "
        "in <code>comparisons.csv</code>, every fact in <code>facts.csv</code>.</footer>",
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]


def write_html(result: Result, handle: TextIO, *, base: str | Mapping[str, str] = "") -> None:
    """Write :func:`html_report` to an open file."""
    for n, piece in enumerate(_page(result, base)):  # piece by piece: not the page again, joined and encoded
        handle.write(f"\n{piece}" if n else piece)


# --- links and lookups ---------------------------------------------------------------------------------------


class _Links:
    """The ``href`` of each document's file, seen from the report's folder (the paths of
    :func:`~consistency.output.markdown.document_links`, as ``report.md`` links them)."""

    def __init__(self, result: Result, base: str | Mapping[str, str]) -> None:
        paths = base if isinstance(base, Mapping) else document_links(result, None, base)
        self.hrefs = {text(doc_id): _href(path) for doc_id, path in paths.items() if path}

    def anchor(self, doc_id: object, line: object = None) -> str:
        """``<a>`` to the document (at ``line`` when known), labelled ``doc:line``; plain text without a file."""
        doc = text(doc_id)
        number = integer(line)
        label = esc(f"{doc}:{number}" if number is not None else doc)
        href = self.hrefs.get(doc)
        if href is None:
            return f'<span class="doc">{label}</span>'
        fragment = line_anchor(href, number) if number is not None else ""
        return f'<a class="doc" href="{esc(href + fragment)}">{label}</a>'


def _href(path: str) -> str:
    """A path as a URL path: ``/`` separators, every other special character percent-encoded (so ``:`` too:
    ``javascript:x`` becomes the relative ``javascript%3Ax``).

    >>> _href("../corpus dir/a#1.txt"), _href("javascript:alert(1)")
    ('../corpus%20dir/a%231.txt', 'javascript%3Aalert%281%29')
    """
    return quote(path.replace(os.sep, "/"), safe="/")


def _columns(frame: pd.DataFrame, *names: str) -> list[list[Any]]:
    """These columns of ``frame`` as lists of Python values (see :func:`_cells`)."""
    return [frame[name].tolist() for name in names]


def _cells(frame: pd.DataFrame, *names: str) -> Iterator[tuple[Any, ...]]:
    """The cells of these columns of ``frame``, row by row, as Python values (each column converted at once:
    stepping through a column of Arrow text one cell at a time costs several times more)."""
    return zip(*_columns(frame, *names), strict=True)


def _float(value: object) -> float | None:
    """A finite float, or None for a missing, unbounded or unreadable value."""
    if missing(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


# --- the page ------------------------------------------------------------------------------------------------


def _claim_counts(table: pd.DataFrame) -> dict[str, int]:
    verdicts = table.loc[~table["claim_id"].duplicated(), "claim_verdict"]  # one column, not a copy of the table
    counts = {v: int((verdicts == v).sum()) for v in _VERDICTS[:3]}
    counts["claims"] = len(verdicts)
    return counts


def _summary(result: Result, counts: Mapping[str, int]) -> str:
    def n(number: int, word: str) -> str:
        return f"<b>{number:,}</b> {word}{'' if number == 1 else 's'}"

    return (
        f"{n(len(result.documents), 'document')}, {n(len(result.facts), 'fact')}. "
        f"{n(counts['claims'], 'claim')} stated by more than one document: "
        f'<span class="v-conflict">{counts["conflict"]:,} in conflict</span>, '
        f'<span class="v-compatible">{counts["compatible"]:,} compatible</span>, '
        f'<span class="v-agree">{counts["agree"]:,} in agreement</span>.'
    )


def _filters(counts: Mapping[str, int], singles: int, kinds: Sequence[str]) -> str:
    totals = {**counts, "single": singles}
    boxes = "".join(
        f'<label class="chip v-{v}"><input type="checkbox" name="verdict" value="{v}" checked> '
        f'{_VERDICT_LABELS[v]} <span class="count" data-count="{v}">{totals[v]:,}</span></label>'
        for v in _VERDICTS
    )
    options = "".join(f'<option value="{esc(k)}">{esc(k)}</option>' for k in kinds)
    return (
        '<form id="filters" class="filters" role="search">'
        f"<fieldset><legend>Verdict</legend>{boxes}</fieldset>"
        '<label class="field">Kind <select name="kind"><option value="">all kinds</option>'
        f"{options}</select></label>"
        '<label class="field grow">Search <input type="search" name="q" placeholder="words in a claim: troops, '
        'Reuters, 2021…" autocomplete="off"></label>'
        '<output id="status" class="status"></output>'
        "</form>"
    )


def _cards(table: pd.DataFrame, facts: pd.DataFrame, links: _Links) -> Iterator[str]:
    """The first :data:`MAX_CARDS` claims of ``table`` as cards, one at a time."""
    first = table[pd.factorize(table["claim_id"])[0] < MAX_CARDS].reset_index(drop=True)
    shown = first.groupby("claim_id", sort=False).cumcount() < _MAX_GROUPS  # the values a card shows
    index = FactIndex(facts, first["fact_ids"].where(shown))
    stating = _stating(first)
    # Each row with its number (its facts are the index's): not the long lists of its facts and documents.
    first = first.drop(columns=["fact_ids", "doc_ids"]).assign(row=np.arange(len(first)))
    for claim_id, rows in _by_claim(first):
        yield _card(claim_id, rows, stating.get(claim_id, 0), index, links)


def _stating(table: pd.DataFrame) -> dict[str, int]:
    """How many documents state each claim of ``table`` (any of its values: ``doc_ids`` of its rows), a claim at a
    time: the 2,000 largest claims of a big corpus name a million documents over their rows."""
    rows: dict[str, list[int]] = {}
    for n, claim in enumerate(table["claim_id"].tolist()):
        rows.setdefault(text(claim), []).append(n)
    lists = table["doc_ids"].tolist()
    return {claim: len({d for n in ns for d in text(lists[n]).split(";") if d}) for claim, ns in rows.items()}


def _by_claim(table: pd.DataFrame, columns: Sequence[str] | None = None) -> list[tuple[str, list[dict[str, object]]]]:
    """The rows of each claim (with only ``columns`` and ``claim_id``, if given), claims in the table's order
    (first appearance)."""
    if columns is not None:
        table = table[["claim_id", *columns]]
    groups: dict[str, list[dict[str, object]]] = {}
    for row in table.to_dict("records"):
        groups.setdefault(text(row["claim_id"]), []).append({str(k): v for k, v in row.items()})
    return list(groups.items())


def _card(claim_id: str, rows: list[dict[str, object]], stating: int, facts: FactIndex, links: _Links) -> str:
    first = rows[0]
    verdict = _verdict(first["claim_verdict"])
    kind = text(first["kind"])
    about = [
        f'<span class="badge v-{verdict}">{esc(_VERDICT_LABELS[verdict])}</span>',
        f'<span class="tag">{esc(kind)}</span>',
    ]
    if text(first["measure"]):
        about.append(f'<span class="tag">{esc(first["measure"])}</span>')
    if text(first["holder"]):
        about.append(f'<span class="tag holder">{esc(first["holder"])}</span>')
    about.append(f'<span class="cid">{esc(claim_id)}</span>')
    headline = ' <span class="vs">vs</span> '.join(
        f'<span class="val v-{_shade(n, r)}">{esc(_shown_value(r))}</span> '
        f'<span class="n">({_documents_word(integer(r["documents"]) or 0)})</span>'
        for n, r in enumerate(rows[:_MAX_GROUPS])
    )
    most = len(rows) > 1 and (integer(rows[0]["documents"]) or 0) > (integer(rows[1]["documents"]) or 0)
    groups = [_group(n, r, most, facts, links) for n, r in enumerate(rows[:_MAX_GROUPS])]
    more = len(rows) - _MAX_GROUPS
    return "\n".join(
        [
            f'<article class="card v-{verdict}" id="claim-{esc(claim_id)}" data-claim="{esc(claim_id)}" '
            f'data-verdict="{verdict}" data-kind="{esc(kind)}">',
            f'<header><p class="about">{"".join(about)}</p>',
            f"<h3>{esc(_title(first))}</h3>",
            f'<p class="headline">{headline} <span class="n">· stated by {_documents_word(stating)}</span></p>',
            "</header>",
            f'<div class="groups">{"".join(groups)}</div>',
            f'<p class="more">… and {more} more values in <code>claims.csv</code>.</p>' if more > 0 else "",
            "</article>",
        ]
    )


def _group(place: int, row: Mapping[str, object], most: bool, facts: FactIndex, links: _Links) -> str:
    """One value of a claim: the value, its sentence with the value marked, where it is stated. The first value
    is the one the others are compared with (``most``: it is stated by more documents than any other)."""
    verdict = _shade(place, row)
    said = facts.get(integer(row["row"]) or 0)
    docs = sorted({(f.doc_id, f.line or 0) for f in said}) or [(text(row["example_doc"]), 0)]
    anchors = ", ".join(links.anchor(d, line or None) for d, line in docs[:MAX_LINKS])
    if len(docs) > MAX_LINKS:
        anchors += f" and {len(docs) - MAX_LINKS:,} more"
    stated = f'<p class="docs">{anchors}</p>' if len(docs) > 1 else ""
    notes = {"ref": "most stated" if most else "", "conflict": "conflicts with it", "compatible": "compatible with it"}
    note = notes.get(verdict, "agrees with it")
    example = (text(row["example_doc"]), integer(row["example_line"]), text(row["example_sentence"]))
    others = [f for f in said if (f.doc_id, f.line) != example[:2] or facts.sentence(f.sentence) != example[2]]
    seen: set[tuple[str, int]] = set()
    extra: list[str] = []
    for f in others:
        if (f.doc_id, f.sentence) in seen:
            continue
        seen.add((f.doc_id, f.sentence))
        if len(extra) < _MAX_SENTENCES:
            extra.append(
                f"<li><blockquote>{_marked(facts.sentence(f.sentence), f.text, verdict)}</blockquote>"
                f"<cite>{links.anchor(f.doc_id, f.line)}</cite></li>"
            )
    details = (
        f"<details><summary>{len(seen)} more sentence{'' if len(seen) == 1 else 's'}</summary>"
        f'<ul class="sentences">{"".join(extra)}</ul></details>'
        if extra
        else ""
    )
    return (
        f'<section class="group v-{verdict}" data-value="{esc(text(row["value"]))}">'
        f'<h4><span class="val v-{verdict}">{esc(_shown_value(row))}</span> '
        f'<span class="n">{_documents_word(integer(row["documents"]) or 0)}</span> '
        f'<span class="note">{note}</span></h4>'
        f'<blockquote class="sentence">{_marked(example[2], text(row["example_text"]), verdict)}</blockquote>'
        f"<cite>{links.anchor(example[0], example[1])}</cite>"
        f"{stated}"
        f"{details}"
        "</section>"
    )


def _marked(sentence: str, said: str, verdict: str) -> str:
    """The sentence, escaped, with the words that state the value in ``<mark>``.

    >>> _marked('He said <b>40</b> died.', '40', 'conflict')
    'He said &lt;b&gt;<mark class="v-conflict">40</mark>&lt;/b&gt; died.'
    >>> _marked('No such words.', '12 people', 'agree')
    'No such words. <mark class="v-agree">12 people</mark>'
    """
    mark = f'<mark class="v-{verdict}">'
    if not said:
        return esc(sentence)
    at = sentence.find(said)
    if at < 0 and len(sentence.lower()) == len(sentence):  # lower() keeps offsets for nearly every script
        at = sentence.lower().find(said.lower())
    if at < 0:  # not in the sentence as written (the cleaner rewrote it): shown after the sentence
        return f"{esc(sentence)} {mark}{esc(said)}</mark>".lstrip()
    end = at + len(said)
    return f"{esc(sentence[:at])}{mark}{esc(sentence[at:end])}</mark>{esc(sentence[end:])}"


def _shade(place: int, row: Mapping[str, object]) -> str:
    """The colour of a value group: "ref" for the claim's first value (the one the others are compared with:
    neither right nor wrong, so not green), else its verdict against it."""
    return "ref" if place == 0 else _verdict(row["verdict"])


def _verdict(value: object) -> str:
    """A verdict this page knows (it picks the CSS class and the filter); one it does not know shows as
    compatible, neither an agreement nor a conflict."""
    word = text(value)
    return word if word in _VERDICTS else "compatible"


def _title(row: Mapping[str, object]) -> str:
    """What the claim is about, in words: the subject the aligner chose, else the measure."""
    return text(row["subject"]) or text(row["measure"]).replace(":", " ") or text(row["kind"])


def _shown_value(row: Mapping[str, object]) -> str:
    """The normalized value, with its unit when the unit says more than the kind."""
    value, unit = text(row["value"]), text(row["unit"])
    return f"{value} {unit}" if unit and unit not in (text(row["kind"]), "count", "date") else value


def _documents_word(number: int) -> str:
    return f"{number:,} document{'' if number == 1 else 's'}"


def _more(hidden: int, what: str, where: str) -> str:
    return f'<p class="more">… and {hidden:,} more {what} in <code>{where}</code>.</p>' if hidden > 0 else ""


# --- timeline ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    low: int  # day ordinals, both included
    high: int
    value: str
    verdict: str


@dataclass(frozen=True)
class _Entry:
    """One row of the timeline: a dated claim (its value groups as spans) or one single-source date."""

    key: tuple[int, int, str]
    spans: tuple[_Span, ...]
    label: str
    what: str
    story: str = ""


def _day(value: object) -> int | None:
    number = _float(value)
    if number is None or not 1 <= number <= dt.date.max.toordinal():
        return None
    return int(number)


def _timeline(
    facts: pd.DataFrame, table: pd.DataFrame, single: np.ndarray[Any, np.dtype[np.intp]], links: _Links
) -> str:
    """The dated facts, one axis per story (a corpus of several stories gets several, each on its own days):
    the claims of ``table`` and the single-source facts (``single``, rows of ``facts``)."""
    entries, every = _timeline_entries(facts, table, single, links)
    if not entries:
        return ""
    by_story: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_story.setdefault(entry.story, []).append(entry)
    stories = sorted(by_story.items(), key=lambda item: (-len(item[1]), item[0]))
    documents = _story_documents(facts)
    blocks = []
    for place, (story, rows) in enumerate(stories):
        if len(stories) == 1:
            blocks.append(_axis(rows, story))
            continue
        # Several stories: each is a fold, the one with most dates open.
        docs = documents.get(story, [])
        named = ", ".join(esc(d) for d in docs[:3]) + (", …" if len(docs) > 3 else "")
        blocks.append(
            f'<details class="tl-story"{" open" * (place == 0)}><summary>Story {esc(story or "?")} '
            f'<span class="n">{len(rows):,} date{"" if len(rows) == 1 else "s"} · '
            f"{_documents_word(len(docs))}: {named}</span></summary>{_axis(rows, story)}</details>"
        )
    return "\n".join(
        [
            '<section id="timeline" aria-label="Timeline">',
            "<h2>Timeline</h2>",
            '<p class="explain">Every date the documents state, on one axis per story: a claim several documents '
            "state is one row (one bar per value), a date only one document states is a row of its own. A bar is "
            "as wide as the date is vague (a day, a week, a month); dates far outside the story sit at the edges.</p>",
            *blocks,
            _more(every - len(entries), "dates", "facts.csv"),
            "</section>",
        ]
    )


def _axis(entries: Sequence[_Entry], story: str) -> str:
    start, end = _window(entries)
    width = end - start + 1

    def pct(day: int) -> float:
        return round(100 * (min(max(day, start), end + 1) - start) / width, 2)

    rows = []
    for entry in entries:
        bars = []
        for s in entry.spans:
            if s.high < start or s.low > end:
                side = "before" if s.high < start else "after"
                bars.append(f'<span class="tl-out {side} v-{s.verdict}" title="{esc(s.value)}">{esc(s.value)}</span>')
                continue
            left, right = pct(s.low), pct(s.high + 1)
            clipped = " clip-l" * (s.low < start) + " clip-r" * (s.high > end)
            bars.append(
                f'<span class="tl-bar v-{s.verdict}{clipped}" style="left:{left}%;width:{max(right - left, 0.8)}%" '
                f'title="{esc(s.value)}"></span>'
            )
        rows.append(
            f'<li{entry.label}><span class="tl-when">{" · ".join(esc(s.value) for s in entry.spans)}</span>'
            f'<span class="tl-track">{"".join(bars)}</span><span class="tl-what">{entry.what}</span></li>'
        )
    ticks = "".join(
        f'<span class="tl-tick" style="left:{pct(day)}%">{esc(label)}</span>' for day, label in _ticks(start, end)
    )
    return "\n".join(
        [
            f'<ol class="tl" data-story="{esc(story)}">',
            f'<li class="tl-axis"><span class="tl-when"></span><span class="tl-track">{ticks}</span>'
            '<span class="tl-what"></span></li>',
            *rows,
            "</ol>",
        ]
    )


def _story_documents(facts: pd.DataFrame) -> dict[str, list[str]]:
    """The documents of each story (sorted), as far as their facts say."""
    if "story" not in facts.columns:
        return {}
    # Only the rows where the story or the document differs from the row before: the first of each pair's rows
    # is one, and they are far fewer than the facts (which come sorted by document).
    stories, documents = facts["story"], facts["doc_id"]
    changes = stories.ne(stories.shift()) | documents.ne(documents.shift())
    out: dict[str, set[str]] = {}
    for story, doc in _cells(facts.loc[changes, ["story", "doc_id"]].drop_duplicates(), "story", "doc_id"):
        out.setdefault(text(story), set()).add(text(doc))
    return {story: sorted(docs) for story, docs in out.items()}


def _timeline_entries(
    facts: pd.DataFrame, table: pd.DataFrame, single: np.ndarray[Any, np.dtype[np.intp]], links: _Links
) -> tuple[list[_Entry], int]:
    """The first :data:`MAX_ROWS` rows of the timeline in order (each row's earliest span, then its id), and how
    many rows it has: a row per dated claim of ``table``, and per date among the ``single`` rows of ``facts``.
    Rows are ordered by their keys first, read from a few columns, and made only for those shown: a corpus of
    thousands of stories has hundreds of thousands of dated facts."""
    is_dated = table["kind"] == "date"
    # A dated claim is a row when one of its values is a span of days; its key is its earliest span.
    earliest: dict[str, tuple[int, int]] = {}
    for claim_id, low_v, high_v in _cells(table.loc[is_dated, ["claim_id", "low", "high"]], "claim_id", "low", "high"):
        low, high = _day(low_v), _day(high_v)
        if low is not None and high is not None and low <= high:
            claim = text(claim_id)
            earliest[claim] = min(earliest.get(claim, (low, high)), (low, high))
    # Keys: (first day, last day, id, 0 for a claim / 1 for a single date: claims first among equals).
    keys = [(low, high, claim, 0) for claim, (low, high) in earliest.items()]
    is_date = facts["kind"] == "date"
    dates = facts[["fact_id", "low", "high"]].iloc[single[is_date.to_numpy()[single]]]  # the dates in no claim
    for fact_id, low_v, high_v in _cells(dates, "fact_id", "low", "high"):
        low, high = _day(low_v), _day(high_v)
        if low is not None and high is not None and low <= high:
            keys.append((low, high, text(fact_id), 1))
    del dates, earliest
    shown = heapq.nsmallest(MAX_ROWS, keys)
    claims = {key[2] for key in shown if key[3] == 0}
    singles = {key[2] for key in shown if key[3] == 1}
    entries: list[tuple[tuple[int, int, str, int], _Entry]] = []
    # What a timeline row reads of a claim (not the long lists of its documents, nor its example sentences).
    read = ["fact_ids", "low", "high", "value", "verdict", "subject", "measure", "kind"]
    rows_of = _by_claim(table[is_dated & table["claim_id"].isin(claims)], columns=read)
    firsts = {text(rows[0]["fact_ids"]).split(";")[0] for _, rows in rows_of}
    columns = ("fact_id", "doc_id", "line", "value", "low", "high", "text", "measure", "sentence")
    stated = is_date & facts["fact_id"].isin(firsts | singles)
    wanted = facts.loc[stated, [*columns, *(["story"] if "story" in facts.columns else [])]]
    stories = wanted["story"] if "story" in wanted.columns else pd.Series([""] * len(wanted), index=wanted.index)
    story_of = {text(f): text(s) for f, s in zip(wanted["fact_id"].tolist(), stories.tolist(), strict=True)}
    for claim_id, rows in rows_of:
        spans = []
        for n, r in enumerate(rows):
            low, high = _day(r["low"]), _day(r["high"])
            if low is not None and high is not None and low <= high:
                spans.append(_Span(low, high, text(r["value"]), _shade(n, r)))
        first = rows[0]
        what = (
            f'<a class="claim" href="#claim-{esc(claim_id)}">{esc(_title(first))}</a> '
            f'<span class="n">{esc(claim_id)} · {esc(text(first["measure"]))}</span>'
        )
        label = f' class="tl-row" data-claim="{esc(claim_id)}"'
        spans.sort(key=lambda s: (s.low, s.high, s.value))
        story = story_of.get(text(first["fact_ids"]).split(";")[0], "")
        key = (spans[0].low, spans[0].high, claim_id)
        entries.append(((*key, 0), _Entry(key, tuple(spans), label, what, story)))
    alone = wanted[wanted["fact_id"].isin(singles)]
    for fact_id, doc, line, value, low_v, high_v, said, measure, sentence in _cells(alone, *columns):
        low, high = _day(low_v), _day(high_v)
        if low is None or high is None or low > high:
            continue
        what = f'“{esc(text(said))}” <span class="n">{esc(text(measure))}</span> {links.anchor(doc, line)}'
        label = f' class="tl-row single" data-fact="{esc(text(fact_id))}" title="{esc(text(sentence))}"'
        span = _Span(low, high, text(value), "single")
        key = (low, high, text(fact_id))
        entries.append(((*key, 1), _Entry(key, (span,), label, what, story_of.get(text(fact_id), ""))))
    return [entry for _, entry in sorted(entries, key=lambda e: e[0])], len(keys)


def _window(entries: Sequence[_Entry]) -> tuple[int, int]:
    """The days the axis shows: the shortest stretch holding the middles of three quarters of the dates, widened
    to hold those dates whole (a date much vaguer than that stretch, "next year" in a story of weeks, only by its
    middle) and padded, so one mention of a treaty signed decades ago does not squeeze a story of a few weeks
    into a pixel.

    >>> e = lambda low, high: _Entry((low, high, ""), (_Span(low, high, "", "single"),), "", "")
    >>> _window([e(730000, 730000), e(738000, 738010), e(738005, 738005), e(738020, 738030), e(738012, 738012)])
    (737998, 738032)
    """
    spans = sorted((((s.low + s.high) // 2, s) for e in entries for s in e.spans), key=lambda m: m[0])
    keep = max(1, math.ceil(len(spans) * 3 / 4))
    best = min(range(len(spans) - keep + 1), key=lambda i: (spans[i + keep - 1][0] - spans[i][0], i))
    kept = spans[best : best + keep]
    longest = max(30, 4 * (kept[-1][0] - kept[0][0]))
    low = min(s.low if s.high - s.low <= longest else middle for middle, s in kept)
    high = max(s.high if s.high - s.low <= longest else middle for middle, s in kept)
    pad = max(2, (high - low) // 20)
    return max(1, low - pad), min(dt.date.max.toordinal(), high + pad)


def _ticks(start: int, end: int) -> list[tuple[int, str]]:
    """Axis labels: weeks for a story of a few weeks, months for a few years, else years; at most about eight.

    >>> _ticks(dt.date(2021, 12, 1).toordinal(), dt.date(2021, 12, 20).toordinal())[:2]
    [(738125, 'Dec 1'), (738132, 'Dec 8')]
    >>> [label for _, label in _ticks(dt.date(2021, 11, 10).toordinal(), dt.date(2022, 2, 1).toordinal())]
    ['Dec 2021', 'Jan 2022', 'Feb 2022']
    """
    span = end - start
    out: list[tuple[int, str]] = []
    if span <= 70:
        step = 7 * max(1, math.ceil(span / 7 / 8))
        for day in range(start, end + 1, step):
            d = dt.date.fromordinal(day)
            out.append((day, f"{_MONTHS[d.month - 1]} {d.day}"))
        return out
    first, last = dt.date.fromordinal(start), dt.date.fromordinal(end)
    if span <= 3 * 366:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, math.ceil(months / 8))
        index = first.year * 12 + first.month  # the first whole month after start
        while index <= last.year * 12 + last.month - 1:
            year, month = divmod(index, 12)
            day = dt.date(year, month + 1, 1).toordinal()
            if start <= day <= end:
                out.append((day, f"{_MONTHS[month]} {year}"))
            index += step
        return out
    step = max(1, math.ceil((last.year - first.year) / 8))
    for year in range(first.year + 1, last.year + 1, step):
        out.append((dt.date(year, 1, 1).toordinal(), str(year)))
    return out


# --- the other sections --------------------------------------------------------------------------------------


def _single(facts: pd.DataFrame, single: np.ndarray[Any, np.dtype[np.intp]], links: _Links) -> str:
    """The single-source facts (``single``: their rows of ``facts``), the first :data:`MAX_ROWS` in a table."""
    if not len(single):
        return ""
    shown = facts.iloc[single[:MAX_ROWS]]
    rows = [
        f'<tr data-verdict="single" data-kind="{esc(text(kind))}"><td>{links.anchor(doc, line)}</td>'
        f"<td>{esc(text(kind))}</td><td><b>{esc(text(value))}</b></td>"
        f"<td>{_marked(text(sentence), text(said), 'single')}</td></tr>"
        for doc, line, kind, value, said, sentence in _cells(
            shown, "doc_id", "line", "kind", "value", "text", "sentence"
        )
    ]
    return "\n".join(
        [
            '<section id="single" aria-label="Single-source facts">',
            f'<details><summary><h2>Single-source facts <span class="n">({len(single):,})</span></h2></summary>',
            '<p class="explain">Facts only one document states, or that could not be compared with any other.</p>',
            "<table><thead><tr><th>where</th><th>kind</th><th>value</th><th>sentence</th></tr></thead><tbody>",
            *rows,
            "</tbody></table>",
            _more(len(single) - len(shown), "facts", "facts.csv"),
            "</details>",
            "</section>",
        ]
    )


def _findings(frame: pd.DataFrame, links: _Links) -> str:
    if frame.empty:
        return ""
    rows = [
        f"<tr><td>{links.anchor(doc, line)}</td><td>{esc(text(said))}</td><td>{esc(text(problem))}</td></tr>"
        for doc, line, said, problem in _cells(frame, "doc_id", "line", "text", "problem")
    ][:MAX_ROWS]
    return "\n".join(
        [
            '<section id="findings" aria-label="Within one document">',
            "<h2>Within one document</h2>",
            "<table><thead><tr><th>where</th><th>text</th><th>problem</th></tr></thead><tbody>",
            *rows,
            "</tbody></table>",
            "</section>",
        ]
    )


def _documents(frame: pd.DataFrame, links: _Links) -> str:
    rows = [
        f"<tr><td>{links.anchor(doc)}</td><td>{esc(text(published) or 'unknown')}</td>"
        f"<td>{esc(text(how) or '-')}</td><td>{esc(text(source) or '-')}</td><td>{integer(facts) or 0:,}</td></tr>"
        for doc, published, how, source, facts in _cells(
            frame, "doc_id", "published", "published_from", "source", "facts"
        )
    ]
    return "\n".join(
        [
            '<section id="documents" aria-label="Documents">',
            f'<details><summary><h2>Documents <span class="n">({len(frame):,})</span></h2></summary>',
            "<table><thead><tr><th>document</th><th>published</th><th>date from</th><th>source</th>"
            "<th>facts</th></tr></thead><tbody>",
            *rows,
            "</tbody></table>",
            "</details>",
            "</section>",
        ]
    )


def _warnings(warnings: Iterable[str]) -> str:
    items = [f"<li>{esc(w)}</li>" for w in sorted(warnings)]
    if not items:
        return ""
    return f'<section id="skipped" aria-label="Skipped"><h2>Skipped</h2><ul>{"".join(items)}</ul></section>'
