"""Markdown as Markdown: the prose of a ``.md`` file, line for line, for the cleaner (used by ``corpus.py``).

A documentation page is not web copy: its code blocks hold sample values that no document states
("timeout = 30"), its front matter holds metadata, its tables hold facts. :func:`markdown_prose` parses the
file with markdown-it-py (CommonMark with GitHub tables) and keeps what a reader reads as text:

* paragraphs, headings, list items and block quotes: their inline text (emphasis, links and inline code
  reduced to their words; images and inline HTML dropped);
* table rows: one line per row, each cell named by its column header (``Plan: Free; Requests per minute:
  100.``), so a value keeps its row's line and says what it is;
* fenced and indented code blocks, HTML blocks (comments, directives) and YAML (``---``) or TOML (``+++``)
  front matter: dropped. Front matter is returned as ``key -> value`` so its date still dates the document.

The text has exactly the lines of the file: line ``i`` of the text comes from line ``i`` of the file (a
dropped line is empty), so the cleaner's line numbers are the file's.

>>> prose = markdown_prose("---\\ndate: 2024-03-14\\n---\\n# Limits\\n\\n```\\nrate = 5\\n```\\n| Plan | Rate |\\n"
...                        "|---|---|\\n| Free | 100 requests per minute |\\n")
>>> prose.text.split("\\n")
['', '', '', 'Limits.', '', '', '', '', '', '', 'Plan: Free; Rate: 100 requests per minute.', '']
>>> prose.front_matter
{'date': '2024-03-14'}
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["MarkdownProse", "markdown_prose"]

# CommonMark (HTML blocks recognised, so they can be dropped) with GitHub's tables and strikethrough.
_PARSER = MarkdownIt("commonmark", {"maxNesting": 20}).enable(["table", "strikethrough"])
#: Front matter longer than this many lines is not front matter (an unclosed ``---`` at the top of a page).
_FRONT_MATTER_MAX_LINES = 200
_YAML_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
# A line that ends a sentence already; anything else gets a full stop at the end of its block.
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"']\s*$")
# What is left of block markup at the start of a raw line (quote marks, list bullets, heading marks), for
# the rare inline whose lines cannot be told apart from the parse (a code span broken over two lines).
_BLOCK_PREFIX = re.compile(r"^\s*(?:>\s?)*(?:[-*+]\s+|\d{1,9}[.)]\s+)?(?:#{1,6}\s+)?")


@dataclass(frozen=True)
class MarkdownProse:
    """The prose of a Markdown file with the file's lines, its front matter (``key -> value``), and the
    (0-based) lines that go on with the paragraph of the line before: a paragraph wrapped over lines is one
    paragraph, whatever its width, and every other line break ends a block."""

    text: str
    front_matter: dict[str, str] = field(default_factory=dict)
    continued: frozenset[int] = frozenset()


def _split_lines(raw: str) -> list[str]:
    # As an editor numbers lines (and as corpus.py and the cleaner do): CR LF, CR and LF all end one.
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw.split("\n")


def _front_matter(lines: Sequence[str]) -> tuple[dict[str, str], int]:
    """The ``key -> value`` pairs of a leading YAML (``---``) or TOML (``+++``) block, and its line count.

    >>> _front_matter(["+++", 'title = "Release"', "date = 2024-03-14", "+++", "Text"])
    ({'title': 'Release', 'date': '2024-03-14'}, 4)
    >>> _front_matter(["---", "Text without an end"])
    ({}, 0)
    """
    if not lines:
        return {}, 0
    fence = lines[0].rstrip()
    if fence not in ("---", "+++"):
        return {}, 0
    ends = ("---", "...") if fence == "---" else ("+++",)
    for end in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES)):
        if lines[end].rstrip() in ends:
            body = lines[1:end]
            return (_yaml_pairs(body) if fence == "---" else _toml_pairs(body)), end + 1
    return {}, 0


def _yaml_pairs(body: Sequence[str]) -> dict[str, str]:
    # Top-level "key: value" lines are all the corpus reads (a date, an outlet); no YAML library needed.
    pairs: dict[str, str] = {}
    for line in body:
        m = _YAML_KEY.match(line)
        if m:
            pairs[m.group(1).lower()] = m.group(2).strip("'\"")
    return pairs


def _toml_pairs(body: Sequence[str]) -> dict[str, str]:
    try:
        data = tomllib.loads("\n".join(body))
    except tomllib.TOMLDecodeError:
        return {}
    return {str(k).lower(): str(v) for k, v in data.items() if not isinstance(v, (dict, list))}


def _inline_pieces(inline: Token) -> list[str] | None:
    """The text of an inline token, one piece per source line; None when its line breaks cannot be counted
    (a code span or inline HTML broken over lines, whose newline the parser turned into a space)."""
    pieces: list[str] = [""]
    for child in inline.children or ():
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            pieces.append("")
        elif kind in ("text", "code_inline"):  # inline code is read as words: "set `max_retries` to 5"
            pieces[-1] += child.content
        elif kind == "html_inline":
            pieces.extend([""] * child.content.count("\n"))  # the tag is dropped, its lines kept
        elif kind == "image":
            # The alt text describes a picture; it is not a statement of the page. Keep its line breaks.
            breaks = sum(1 for c in child.children or () if c.type in ("softbreak", "hardbreak"))
            pieces.extend([""] * breaks)
    return pieces if len(pieces) == inline.content.count("\n") + 1 else None


def _fallback_pieces(lines: Sequence[str], start: int, end: int) -> list[str]:
    """The raw lines of a block without their block markup (the cleaner strips what inline markup is left)."""
    return [_BLOCK_PREFIX.sub("", lines[i], count=1) for i in range(start, end)]


def _set_block(out: list[str], lines: Sequence[str], inline: Token, heading: bool) -> int:
    """Write one inline's text into ``out`` at the lines it came from; returns its last line (-1: none)."""
    if inline.map is None:
        return -1
    start, end = inline.map
    pieces = _inline_pieces(inline)
    if pieces is None or len(pieces) > end - start:
        pieces = _fallback_pieces(lines, start, end)
    for offset, piece in enumerate(pieces):
        if start + offset < len(out):
            out[start + offset] = piece.strip()
    last = min(start + len(pieces), len(out)) - 1
    if heading and last >= 0:
        out[last] = _end_sentence(out[last])
    return last


def _end_sentence(line: str) -> str:
    """A heading, table row or list item is a unit of its own: end it as a sentence, so the cleaner never
    joins it to the next line (a page's adjacent list items are not one hard-wrapped paragraph) and so a
    heading that states a fact ("Version 2.0 ships March 14, 2024") reads as a sentence, not a dateline."""
    if not line or _ENDS_SENTENCE.search(line):
        return line
    return line + "."


def _table_rows(tokens: Sequence[Token], start: int, out: list[str]) -> int:
    """Write the rows of the table opening at ``tokens[start]``; returns the index of its closing token."""
    header: list[str] = []
    rows: list[tuple[int, list[str], bool]] = []
    cells: list[str] = []
    row_line = -1
    in_head = False
    k = start
    while k < len(tokens):
        token = tokens[k]
        if token.type == "table_close":
            break
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            cells = []
            row_line = token.map[0] if token.map else -1
        elif token.type == "inline":
            cells.append(" ".join(p.strip() for p in (_inline_pieces(token) or [token.content])).strip())
        elif token.type == "tr_close":
            if in_head:
                header = cells
            rows.append((row_line, cells, in_head))
        k += 1
    has_body = any(not head for _, _, head in rows)
    for line, row, head in rows:
        if not 0 <= line < len(out):
            continue
        if head and has_body and any(header):
            continue  # each body row names its columns: the header row itself says nothing
        named = []
        for column, cell in enumerate(row):
            if not cell:
                continue
            name = header[column] if not head and column < len(header) else ""
            named.append(f"{name}: {cell}" if name and name != cell else cell)
        out[line] = _end_sentence("; ".join(named))
    return k


def markdown_prose(raw: str) -> MarkdownProse:
    """The prose of Markdown ``raw``, line for line (see the module docstring).

    >>> markdown_prose("Intro\\n\\n- The free plan allows 100 requests\\n- Pro allows 1,000\\n").text
    'Intro\\n\\nThe free plan allows 100 requests.\\nPro allows 1,000.\\n'
    >>> markdown_prose("<!-- consistency: ignore -->\\n    indented code\\n\\nText `max = 5` here.").text
    '\\n\\n\\nText max = 5 here.'
    """
    lines = _split_lines(raw)
    front, body_start = _front_matter(lines)
    # The front matter's lines are blanked, not cut: the parser must see the body at its own line numbers.
    source = "\n" * body_start + "\n".join(lines[body_start:])
    out = [""] * len(lines)
    tokens = _PARSER.parse(source)
    block_ends: list[int] = []
    continued: set[int] = set()
    headings = 0  # inside a heading (its inline ends a sentence)
    items = 0  # inside a list item
    k = 0
    while k < len(tokens):
        token = tokens[k]
        kind = token.type
        if kind == "table_open":
            k = _table_rows(tokens, k, out) + 1
            continue
        if kind == "heading_open":
            headings += 1
        elif kind == "heading_close":
            headings -= 1
        elif kind == "list_item_open":
            items += 1
        elif kind == "list_item_close":
            items -= 1
        elif kind == "inline":
            last = _set_block(out, lines, token, heading=headings > 0 or items > 0)
            if token.map is not None:
                continued.update(range(token.map[0] + 1, last + 1))
            block_ends.append(last)
        # fence, code_block, html_block, hr: nothing; their lines stay empty.
        k += 1
    for last in block_ends:
        # A paragraph a list interrupts ("The limits are\n- Free: 100") ends where the next block starts.
        if 0 <= last < len(out) - 1 and out[last + 1]:
            out[last] = _end_sentence(out[last])
    return MarkdownProse("\n".join(out), front, frozenset(continued))
