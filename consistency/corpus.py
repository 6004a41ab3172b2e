"""Load the documents of a run and clean their text (the first step: load -> extract -> align -> compare).

Inputs are directories (searched recursively for ``*.txt``, ``*.md`` and ``*.markdown``), files and globs. A
``.txt`` or Markdown file is one document; a ``.csv`` or ``.jsonl`` file is a corpus of documents with the columns
``id`` and ``text`` and, optionally, ``source`` and ``published`` (an ISO date). Inputs are only ever read.

A document's id is its path relative to the folder given (or to the folder part of a glob), without the
extension and with ``/`` between folders: ``docs/`` holding ``a/README.md`` and ``b/README.md`` gives
``a/README`` and ``b/README``; a file given by name is its stem. Two files of one folder that differ only by
extension keep it (``notes.md``, ``notes.txt``); files of different inputs that would share an id are named
from the folder their inputs have in common. A row of a CSV or JSONL corpus is its ``id`` column.

Markdown (``.md``, ``.markdown``) is parsed as Markdown (:mod:`consistency._markdown`): prose, headings, list
items and table rows are read; code blocks, HTML blocks and front matter are not (the front matter's date
still dates the document). Line numbers are always those of the file.

A folder is searched as git would list it: files and folders its ``.gitignore`` files ignore (a nested one
for its own subtree, from the top of the git work tree down) are never read, nor hidden ones (``.git``), nor
those matching ``exclude_globs`` (gitignore-style patterns relative to ``globs_root``, e.g. ``drafts/**``).
The same holds for the files a glob matches; a file named on its own is always read.

Problems that make the run meaningless (a missing path, a directory without documents, a CSV without an
``id`` or ``text`` column, nothing left to read) raise :class:`CorpusError`. Problems with one document
skip that document with a one-line warning ``'<path>[:<line>]: <problem>; skipped'`` and the run goes on:
not a regular file (a FIFO, a device: never opened), unreadable, binary, not UTF-8, larger than
:data:`MAX_DOCUMENT_BYTES` (a file) or :data:`MAX_DOCUMENT_CHARS` (a row's text), empty once cleaned, a
malformed row (an unbalanced quote, a wrong field count, JSON nested deeper than :data:`MAX_JSON_DEPTH`, a bad
``published`` date), a duplicate id, or any error while cleaning it.

Folders passed as ``exclude`` and folders holding a file named :data:`REPORT_MARKER` (the report writer puts
one in every report folder) are never read, so a report written inside the corpus never becomes input.

``Document.text`` is the cleaned text and fact offsets point into it; :meth:`Document.source_span` maps a span
back to the original text (the decoded file, or the ``text`` field of a row).

>>> doc = load_text("Written by | Friday, December 17th, 2021\\n\\nPutin spoke \\u2013 again.", doc_id="a")
>>> doc.text, doc.published, doc.published_from
('Putin spoke - again.', datetime.date(2021, 12, 17), 'dateline')
>>> doc.line_of(doc.text.index("again"))
3
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from consistency._clean import (
    Cleaned,
    SourceMap,
    clean_document,
    clean_line,
    parse_date,
    parse_dateline,
    same_words,
    source_map,
)
from consistency._inputs import (
    REPORT_MARKER,
    TABLE_SUFFIXES,
    CorpusError,
    Found,
    Ignore,
    Inputs,
    file_ids,
    glob_problem,
    one_line,
)
from consistency._markdown import MarkdownProse, markdown_prose

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCUMENT_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_TABLE_BYTES",
    "REPORT_MARKER",
    "STORY_SOURCES",
    "TABLE_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "glob_problem",
    "load_corpus",
    "load_text",
    "parse_published_option",
]

#: Documents parsed as Markdown.
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Front-matter keys that give the publication date, and the outlet.
#: Where stories come from: found from shared names ("auto"), or one per folder ("folder").
STORY_SOURCES = ("auto", "folder")
_DATE_KEYS = ("date", "published", "pubdate", "publish_date", "published_at", "date_published")
_SOURCE_KEYS = ("source", "outlet", "publisher", "site")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?\s*$")
#: The largest document file read (bytes); a larger one is skipped with a warning. Ten times the longest
#: news article or manual page we know of, and small enough that cleaning it stays in memory and seconds.
MAX_DOCUMENT_BYTES = 10_000_000
#: The longest ``text`` of one CSV or JSONL row (characters); a longer row is skipped with a warning.
MAX_DOCUMENT_CHARS = 10_000_000
#: The largest CSV or JSONL file read (bytes): a corpus of many documents, read whole.
MAX_TABLE_BYTES = 1_000_000_000
#: How deep a JSONL row may nest (a row is a flat object: two levels are enough; the rest is an attack).
MAX_JSON_DEPTH = 100
# JSON strings (skipped: brackets inside them do not nest) and brackets, for the depth check.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
# What an id looks like (no spaces): how a row swallowed by an unbalanced quote is recognised.
_ID_LIKE = re.compile(r"[\w.:#@+/-]{1,200}")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Document:
    """One cleaned document and how to find its lines in the original file."""

    doc_id: str
    path: str
    text: str
    published: dt.date | None = None
    published_from: str = ""  # 'dateline', 'front matter', 'column', 'option', or '' when unknown
    source: str = ""
    #: The story the corpus says the document belongs to (a ``story`` column, or its folder with
    #: ``stories="folder"``); "" lets :mod:`consistency.stories` find it from the names it shares.
    story: str = ""
    #: Where each piece of ``text`` starts, and the 1-based original line it comes from (bisected by line_of).
    line_starts: tuple[int, ...] = field(default=(0,), repr=False, compare=False)
    line_numbers: tuple[int, ...] = field(default=(1,), repr=False, compare=False)
    #: The text before cleaning (the decoded file, or a row's ``text`` field) and, per piece of ``text``, the
    #: 0-based line of it the piece comes from: what :meth:`source_span` maps into.
    original: str = field(default="", repr=False, compare=False)
    line_indexes: tuple[int, ...] = field(default=(0,), repr=False, compare=False)

    @cached_property
    def _source_map(self) -> SourceMap:
        # Built on first use: loading stays as fast as before for runs that never ask.
        return source_map(self.original, self.text, self.line_starts, self.line_indexes)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        r"""Where ``text[start:end]`` is in :attr:`original`: ``(s, e)`` such that ``original[s:e]`` says the
        same words (equal after the cleaner's character substitutions -- curly quotes, dashes, odd spaces --
        and entities, whitespace aside), or None when the span cannot be mapped (text made by the cleaner).

        >>> raw = "Title\r\n\r\nThe city\u2019s \u201cmore than 4,000\u201d workers \u2013 at the plant."
        >>> doc = load_text(raw)
        >>> start = doc.text.index("more"); end = doc.text.index(" at")
        >>> doc.text[start:end]
        'more than 4,000" workers -'
        >>> s, e = doc.source_span(start, end); raw[s:e]
        'more than 4,000\u201d workers \u2013'
        >>> load_text("Tom &amp; Jerry met at the house.").source_span(0, 11)
        (0, 15)
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"{self.path}: span {start}-{end} is outside the text (0-{len(self.text)})")
        if start == end or not self.original:
            return None
        mapping = self._source_map
        first, last = mapping.origin(start), mapping.origin(end - 1)
        if first is None or last is None or last < first:
            return None
        last += 1
        return (first, last) if same_words(self.text[start:end], self.original[first:last]) else None

    def line_of(self, offset: int) -> int:
        """The 1-based line of the original file that holds character ``offset`` of ``text``.

        >>> doc = load_text("Title\\n\\nA wrapped line that goes on and on and on and on until\\n"
        ...                 "it ends here, as hard-wrapped paragraphs do in the copy of many\\n"
        ...                 "news sites that print at ninety columns or so and no wider than\\n"
        ...                 "that, which is all.")
        >>> doc.text.count("\\n"), doc.line_of(doc.text.index("it ends")), doc.line_of(0)
        (2, 4, 1)
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"{self.path}: offset {offset} is outside the text (0-{len(self.text)})")
        return self.line_numbers[max(bisect.bisect_right(self.line_starts, offset) - 1, 0)]


@dataclass(frozen=True)
class Corpus:
    """The documents of a run, sorted by id, and the inputs skipped on the way."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...] = ()


class _Skip(Exception):
    """One document (or row) cannot be used; its message becomes a warning."""


def parse_published_option(value: str) -> tuple[str, dt.date]:
    """Read ``--published DOC=DATE``.

    >>> parse_published_option("001_7833a452b3925789=2021-12-17")
    ('001_7833a452b3925789', datetime.date(2021, 12, 17))
    >>> parse_published_option("doc=17/12/2021")
    Traceback (most recent call last):
    ValueError: expected DOC=YYYY-MM-DD, got 'doc=17/12/2021'
    """
    doc_id, _, date_text = value.rpartition("=")
    published = _iso_date(date_text)
    if not doc_id.strip() or published is None:
        raise ValueError(f"expected DOC=YYYY-MM-DD, got {value!r}")
    return doc_id.strip(), published


def _iso_date(text: str) -> dt.date | None:
    m = _ISO_DATE.match(text)
    if m is None:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def load_text(text: str, doc_id: str = "doc", path: str = "<text>", published: dt.date | None = None) -> Document:
    """Clean ``text`` into a :class:`Document`, as if it had been read from ``path``.

    >>> load_text("Home LATEST NEWS Title\\n\\nThe countries ofNorth Atlantic Treaty Organization met.").text
    'The countries of North Atlantic Treaty Organization met.'
    """
    try:
        doc = _document(text, doc_id, path, line_base=1, line_step=1)
    except _Skip as err:
        raise CorpusError(str(err)) from None
    return _with_published(doc, published, "option") if published is not None else doc


def _document(
    raw: str,
    doc_id: str,
    path: str,
    *,
    line_base: int,
    line_step: int,
    source: str = "",
    published: dt.date | None = None,
    published_from: str = "",
    markdown: bool = False,
    story: str = "",
) -> Document:
    """Clean ``raw``; original line = ``line_base + line_step * index`` (JSONL rows are one line: step 0).

    ``markdown``: read ``raw`` as Markdown first (its prose, line for line; front matter read by the parser).
    """
    try:
        if markdown:
            prose = markdown_prose(raw)
            cleaned: Cleaned = _markdown_paragraphs(clean_document(prose.text), prose)
            front_matter = prose.front_matter
        else:
            cleaned = clean_document(raw)
            front_matter = cleaned.front_matter
    except Exception as err:  # one document's bug must not stop the run: it is named instead
        raise _Skip(f"{path}: cannot clean ({type(err).__name__}: {err})") from None
    if not cleaned.text:
        raise _Skip(f"{path}: empty document")
    if published is None:
        front = _front_date(front_matter)
        if front is not None:
            published, published_from = front, "front matter"
        elif cleaned.dateline is not None:
            published, published_from = cleaned.dateline, "dateline"
    if not source:
        source = next((front_matter[k] for k in _SOURCE_KEYS if front_matter.get(k)), "")
    return Document(
        doc_id=doc_id,
        path=path,
        text=cleaned.text,
        published=published,
        published_from=published_from if published is not None else "",
        source=source,
        story=story,
        line_starts=cleaned.line_starts,
        line_numbers=tuple(line_base + line_step * i for i in cleaned.line_indexes),
        original=raw,
        line_indexes=cleaned.line_indexes,
    )


def _markdown_paragraphs(cleaned: Cleaned, prose: MarkdownProse) -> Cleaned:
    r"""``cleaned`` with its lines joined as the Markdown parse says, not as the cleaner guesses for web copy:
    the lines of one paragraph with a space ("Version 2.0 ships on" + "March 14, 2024." is one sentence
    however short the lines), lines of different blocks (list items, table rows) never.

    The cleaner drops whole lines of web copy (a dateline, "See also ...", "Read more ..."); a line inside a
    paragraph of several lines is none of these, and is put back (and is no dateline).

    >>> prose = markdown_prose("Version 2.0 ships on\nMarch 14, 2024, for\nsee also the notes.\n- A list item\n\nNext")
    >>> _markdown_paragraphs(clean_document(prose.text), prose).text
    'Version 2.0 ships on March 14, 2024, for see also the notes.\nA list item.\n\nNext'
    """
    lines = prose.text.split("\n")
    continued = prose.continued
    pieces = dict(zip(cleaned.line_indexes, _pieces(cleaned), strict=True))
    dateline = cleaned.dateline
    if pieces:
        # After the last line kept the cleaner may have cut a comment section ("Leave a Reply"): a line there
        # comes back only when its paragraph is kept in part.
        last = max(pieces)
        in_paragraphs = continued | {i - 1 for i in continued}
        for i in sorted(in_paragraphs):
            if i in pieces or not lines[i].strip() or (i > last and not _paragraph_kept(i, continued, pieces)):
                continue
            piece = clean_line(lines[i])
            if piece:
                pieces[i] = piece
                if dateline is not None and parse_dateline(piece) == dateline:
                    dateline = None  # the date was a paragraph's words, not a dateline
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    previous = -2
    for index in sorted(pieces):
        if starts:
            sep = (" " if index in continued else "\n") if index == previous + 1 else "\n\n"
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(pieces[index])
        pos += len(pieces[index])
        previous = index
    indexes = tuple(sorted(pieces))
    return replace(cleaned, text="".join(parts), line_starts=tuple(starts), line_indexes=indexes, dateline=dateline)


def _paragraph_kept(line: int, continued: frozenset[int], kept: Mapping[int, str]) -> bool:
    """Whether a line of the paragraph holding ``line`` is in ``kept``."""
    first = line
    while first in continued:
        first -= 1
    last = line
    while last + 1 in continued:
        last += 1
    return any(k in kept for k in range(first, last + 1))


def _pieces(cleaned: Cleaned) -> list[str]:
    """The text of each line of ``cleaned``, without the separator after it."""
    text, starts = cleaned.text, cleaned.line_starts
    bounds = [*starts[1:], len(text)] if starts else []
    return [text[start:end].rstrip(" \n") for start, end in zip(starts, bounds, strict=True)]


def _front_date(front_matter: Mapping[str, str]) -> dt.date | None:
    for key in _DATE_KEYS:
        value = front_matter.get(key)
        if value:
            return _iso_date(value) or parse_date(value)
    return None


def _with_published(doc: Document, published: dt.date, how: str) -> Document:
    return replace(doc, published=published, published_from=how)


def load_corpus(
    paths: Sequence[str | os.PathLike[str]],
    published: Mapping[str, dt.date] | None = None,
    *,
    exclude: Sequence[str | os.PathLike[str]] = (),
    exclude_globs: Sequence[str] = (),
    globs_root: str | os.PathLike[str] | None = None,
    gitignore: bool = True,
    stories: str = "auto",
) -> Corpus:
    """Load every document under ``paths``; ``published`` (doc_id -> date) overrides publication dates.

    ``stories="folder"`` says each folder below a given one holds one story (``quakes/2004/...`` and
    ``quakes/2013/...`` are two); a CSV/JSONL ``story`` column always does. With the default ``"auto"`` the
    stories are found from the names the documents share (:mod:`consistency.stories`).

    Documents come back sorted by id; an id in ``published`` that names no document is an error. Files under
    a folder in ``exclude`` (the report folder) or under a folder holding :data:`REPORT_MARKER` are never read.
    Folders searched and globs leave out what ``.gitignore`` files ignore (unless ``gitignore`` is False) and
    what ``exclude_globs`` match: gitignore-style patterns (``drafts/**``, ``*.draft.md``, ``_build/``) whose
    paths are relative to ``globs_root`` (the configuration file's folder; the working folder when None).
    """
    if not paths:
        raise CorpusError("<input>: no paths given")
    if stories not in STORY_SOURCES:
        raise CorpusError(f"<input>: stories must be one of {', '.join(STORY_SOURCES)}, not {stories!r}")
    ignore = Ignore(gitignore, exclude_globs, os.path.abspath(os.fspath(globs_root or os.curdir)))
    inputs = Inputs({os.path.realpath(os.fspath(p)) for p in exclude}, ignore)
    found: list[Found] = []
    seen_files: set[str] = set()
    for given in paths:
        for item in inputs.expand(os.fspath(given)):
            key = os.path.realpath(item.path)
            if key in seen_files:
                continue  # the same file named twice (a directory and a glob): read once
            seen_files.add(key)
            found.append(item)
    read: list[Document] = []
    warnings = [one_line(w) for w in inputs.take_warnings()]
    for item, doc_id in zip(found, file_ids(found), strict=True):
        for loaded in _read_file(item.path, item.shown, doc_id):
            if isinstance(loaded, str):
                warnings.append(one_line(f"{loaded}; skipped"))
            else:
                if stories == "folder" and not loaded.story and "/" in loaded.doc_id:
                    loaded = replace(loaded, story=loaded.doc_id.rsplit("/", 1)[0])
                read.append(loaded)
    # Of documents sharing an id the one whose path sorts first is kept, whatever order the inputs came in.
    documents: dict[str, Document] = {}
    for doc in sorted(read, key=lambda d: (d.doc_id, d.path)):
        if doc.doc_id in documents:
            other = documents[doc.doc_id].path
            warnings.append(one_line(f"{doc.path}: duplicate id {doc.doc_id!r} (also {other}); skipped"))
        else:
            documents[doc.doc_id] = doc
    if not documents:
        raise CorpusError(f"{', '.join(os.fspath(p) for p in paths)}: no documents left to read")
    for doc_id, date in (published or {}).items():
        if doc_id not in documents:
            raise CorpusError(f"--published {doc_id}={date.isoformat()}: no document with id {doc_id!r}")
        documents[doc_id] = _with_published(documents[doc_id], date, "option")
    return Corpus(tuple(documents[k] for k in sorted(documents)), tuple(warnings))


def _read_text(path: str, shown: str, limit: int) -> str:
    """The file as text: a regular file (a FIFO or device is never opened), at most ``limit`` bytes, UTF-8
    (a BOM is allowed), no NUL bytes."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _Skip(f"{shown}: not a regular file")
        if info.st_size > limit:
            raise _Skip(f"{shown}: {info.st_size:,} bytes, over the limit of {limit:,} bytes per file")
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it still cannot hang.
        fd = os.open(path, _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _Skip(f"{shown}: not a regular file")
            chunks = [os.read(fd, min(info.st_size + 1, limit + 1))]
            size = len(chunks[0])
            while chunks[-1] and size <= limit:  # a short read, or a file that grew since the stat
                chunks.append(os.read(fd, limit + 1 - size))
                size += len(chunks[-1])
        finally:
            os.close(fd)
        data = chunks[0] if len(chunks) <= 2 and not chunks[-1] else b"".join(chunks)
    except OSError as err:
        raise _Skip(f"{shown}: cannot read ({err.strerror or err})") from None
    if len(data) > limit:
        raise _Skip(f"{shown}: over the limit of {limit:,} bytes per file")
    if b"\x00" in data:
        raise _Skip(f"{shown}: binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _Skip(f"{shown}: not UTF-8 (byte {err.start})") from None


def _read_file(path: str, shown: str, doc_id: str) -> Iterator[Document | str]:
    """The documents of one file (``doc_id``, unless it is a table of rows), and a message for each skipped."""
    suffix = os.path.splitext(path)[1].lower()
    table = suffix in TABLE_SUFFIXES
    try:
        raw = _read_text(path, shown, MAX_TABLE_BYTES if table else MAX_DOCUMENT_BYTES)
        if suffix == ".csv":
            yield from _read_csv(raw, shown)
        elif suffix == ".jsonl":
            yield from _read_jsonl(raw, shown)
        else:
            markdown = suffix in MARKDOWN_SUFFIXES
            yield _document(raw, doc_id, shown, line_base=1, line_step=1, markdown=markdown)
    except _Skip as err:
        yield str(err)
    except CorpusError:
        raise
    except Exception as err:  # a bug reading one file must not stop the run: it is named
        yield f"{shown}: cannot read ({type(err).__name__}: {err})"


def _row_document(shown: str, row: Mapping[str, object], line_base: int, line_step: int) -> Document:
    """One CSV/JSONL row as a document; raises _Skip with the reason (whatever goes wrong: one row's
    problem never costs the rows after it)."""
    try:
        return _read_row(shown, row, line_base, line_step)
    except _Skip:
        raise
    except Exception as err:
        raise _Skip(f"{shown}:{line_base}: cannot read row ({type(err).__name__}: {err})") from None


def _read_row(shown: str, row: Mapping[str, object], line_base: int, line_step: int) -> Document:
    doc_id = row.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _Skip(f"{shown}:{line_base}: row without an id")
    doc_id = doc_id.strip()
    where = f"{shown}#{doc_id}"
    text = row.get("text")
    if not isinstance(text, str):
        raise _Skip(f"{where}: row without text")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _Skip(f"{where}: text of {len(text):,} characters, over the limit of {MAX_DOCUMENT_CHARS:,}")
    source = row.get("source")
    story = row.get("story")
    published_text = row.get("published")
    published: dt.date | None = None
    if published_text not in (None, ""):
        published = _iso_date(published_text) if isinstance(published_text, str) else None
        if published is None:
            raise _Skip(f"{where}: published is not a YYYY-MM-DD date: {published_text!r}")
    return _document(
        text,
        doc_id,
        where,
        line_base=line_base,
        line_step=line_step,
        source=source.strip() if isinstance(source, str) else "",
        published=published,
        published_from="column",
        story=str(story).strip() if isinstance(story, (str, int)) and not isinstance(story, bool) else "",
    )


def _looks_like_row(line: str, width: int, id_column: int, published_column: int | None, own_id: str) -> bool:
    """Whether one physical line inside a broken row reads as a row of its own: an id-like cell, the right
    field count (or a text cell that goes on over the next lines), and a ``published`` cell that is empty
    or a date. A capitalised word is an id only when the broken row's own id is one too: otherwise it is a
    paragraph of the broken text that starts "However, ..." (prose, not a row).

    >>> _looks_like_row("b2,Reuters,,More than 500 troops.", 4, 0, 2, "b1")
    True
    >>> _looks_like_row("However, the talks went on.", 2, 0, None, "b1")
    False
    """
    if line.count(",") < min(width - 1, id_column + 1):
        return False
    try:
        fields = next(csv.reader([line]), [])
    except csv.Error:
        return False
    candidate = fields[id_column].strip() if id_column < len(fields) else ""
    if not min(width, id_column + 2) <= len(fields) <= width or not _ID_LIKE.fullmatch(candidate):
        return False
    if _PLAIN_WORD.fullmatch(candidate) and not _PLAIN_WORD.fullmatch(own_id):
        return False
    if published_column is None or published_column >= len(fields):
        return True
    return not fields[published_column].strip() or _iso_date(fields[published_column]) is not None


def _read_csv(raw: str, shown: str) -> Iterator[Document | str]:
    """The rows of a CSV corpus. Quoting is read strictly: a stray or unterminated quote would otherwise
    merge the next rows into one document's text without a word. Such a row is skipped with a warning and
    reading starts again at the first line inside it that reads as a row of its own."""
    lines = list(io.StringIO(raw, newline=""))  # physical lines as the csv module sees them
    limit = csv.field_size_limit(max(len(raw) + 1, 131072))  # long articles exceed the 128 KB default
    try:
        reader = csv.reader(iter(lines), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as err:
            raise CorpusError(f"{shown}: malformed CSV header ({err})") from None
        if header is None:
            raise CorpusError(f"{shown}: empty CSV file")
        columns = [name.strip().lower() for name in header]
        missing = [name for name in ("id", "text") if name not in columns]
        if missing:
            raise CorpusError(f"{shown}: CSV without {' and '.join(repr(m) for m in missing)} column")
        id_column, text_column = columns.index("id"), columns.index("text")
        published_column = columns.index("published") if "published" in columns else None
        at = reader.line_num  # 0-based index of the line the next row starts on
        while at < len(lines):
            reader = csv.reader(itertools.islice(lines, at, None), strict=True)
            base, restart = at, None
            try:
                for fields in reader:
                    first, at = at, base + reader.line_num
                    if not any(f.strip() for f in fields):
                        continue
                    if len(fields) != len(columns):
                        yield f"{shown}:{first + 1}: row has {len(fields)} fields, header has {len(columns)}"
                        continue
                    # The text field starts after the lines of the fields before it.
                    text_line = first + 1 + sum(f.count("\n") + f.count("\r") for f in fields[:text_column])
                    try:
                        yield _row_document(shown, dict(zip(columns, fields, strict=True)), text_line, 1)
                    except _Skip as err:
                        yield str(err)
            except csv.Error:
                first, failed = at, base + reader.line_num
                yield f"{shown}:{first + 1}: unbalanced quote in this row"
                own = next(csv.reader([lines[first]]), [])
                own_id = own[id_column].strip() if id_column < len(own) else ""
                inside = range(first + 1, min(failed, len(lines)))
                restart = next(
                    (k for k in inside if _looks_like_row(lines[k], len(columns), id_column, published_column, own_id)),
                    max(failed, first + 1),
                )
            if restart is None:
                break
            at = restart
    finally:
        csv.field_size_limit(limit)


def _json_too_deep(line: str) -> bool:
    """Whether a JSON line nests deeper than :data:`MAX_JSON_DEPTH` (a bounded scan, never recursion).

    >>> _json_too_deep('{"id": "a", "text": "[[[[["}'), _json_too_deep("[" * 200 + "]" * 200)
    (False, True)
    """
    if line.count("[") + line.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for m in _JSON_TOKEN.finditer(line):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif token in "]}":
            depth -= 1
    return False


def _read_jsonl(raw: str, shown: str) -> Iterator[Document | str]:
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        if _json_too_deep(line):
            yield f"{shown}:{number}: JSON nested deeper than {MAX_JSON_DEPTH} levels"
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield f"{shown}:{number}: bad JSON ({err.msg})"
            continue
        except (ValueError, RecursionError) as err:  # a 5,000-digit number; nesting the scan missed
            yield f"{shown}:{number}: bad JSON ({type(err).__name__}: {err})"
            continue
        if not isinstance(row, dict):
            yield f"{shown}:{number}: row is not a JSON object"
            continue
        try:
            yield _row_document(shown, row, number, 0)
        except _Skip as err:
            yield str(err)
