"""Load the documents of a run and clean their text (the first step: load -> extract -> align -> compare).

Inputs are directories (searched recursively for ``*.txt`` and ``*.md``), files and globs. A ``.txt`` or
``.md`` file is one document; a ``.csv`` or ``.jsonl`` file is a corpus of documents with the columns ``id``
and ``text`` and, optionally, ``source`` and ``published`` (an ISO date). Inputs are only ever read.

Problems that make the run meaningless (a missing path, a directory without documents, a CSV without an
``id`` or ``text`` column, nothing left to read) raise :class:`CorpusError`. Problems with one document
(not UTF-8, binary, empty once cleaned, a malformed row, a duplicate id) skip that document with a warning.

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
import glob
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from consistency._clean import Cleaned, clean_document, parse_date

__all__ = ["Corpus", "CorpusError", "Document", "load_corpus", "load_text", "parse_published_option"]

#: File kinds found when a directory is searched.
DOCUMENT_SUFFIXES = (".txt", ".md")
#: File kinds that hold many documents, one per row.
TABLE_SUFFIXES = (".csv", ".jsonl")
#: Front-matter keys that give the publication date, and the outlet.
_DATE_KEYS = ("date", "published", "pubdate", "publish_date", "published_at", "date_published")
_SOURCE_KEYS = ("source", "outlet", "publisher", "site")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?\s*$")
_GLOB_CHARS = re.compile(r"[*?\[]")
_MAX_FIELD_CHARS = 50_000_000


class CorpusError(Exception):
    """A problem that stops the run. ``str(err)`` is one line: ``'<path>: <problem>'``."""


@dataclass(frozen=True)
class Document:
    """One cleaned document and how to find its lines in the original file."""

    doc_id: str
    path: str
    text: str
    published: dt.date | None = None
    published_from: str = ""  # 'dateline', 'front matter', 'column', 'option', or '' when unknown
    source: str = ""
    #: Where each piece of ``text`` starts, and the 1-based original line it comes from (bisected by line_of).
    line_starts: tuple[int, ...] = field(default=(0,), repr=False, compare=False)
    line_numbers: tuple[int, ...] = field(default=(1,), repr=False, compare=False)

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
) -> Document:
    """Clean ``raw``; original line = ``line_base + line_step * index`` (JSONL rows are one line: step 0)."""
    cleaned: Cleaned = clean_document(raw)
    if not cleaned.text:
        raise _Skip(f"{path}: empty document")
    if published is None:
        front = _front_date(cleaned.front_matter)
        if front is not None:
            published, published_from = front, "front matter"
        elif cleaned.dateline is not None:
            published, published_from = cleaned.dateline, "dateline"
    if not source:
        source = next((cleaned.front_matter[k] for k in _SOURCE_KEYS if cleaned.front_matter.get(k)), "")
    return Document(
        doc_id=doc_id,
        path=path,
        text=cleaned.text,
        published=published,
        published_from=published_from if published is not None else "",
        source=source,
        line_starts=cleaned.line_starts,
        line_numbers=tuple(line_base + line_step * i for i in cleaned.line_indexes),
    )


def _front_date(front_matter: Mapping[str, str]) -> dt.date | None:
    for key in _DATE_KEYS:
        value = front_matter.get(key)
        if value:
            return _iso_date(value) or parse_date(value)
    return None


def _with_published(doc: Document, published: dt.date, how: str) -> Document:
    return replace(doc, published=published, published_from=how)


def load_corpus(paths: Sequence[str | os.PathLike[str]], published: Mapping[str, dt.date] | None = None) -> Corpus:
    """Load every document under ``paths``; ``published`` (doc_id -> date) overrides publication dates.

    Documents come back sorted by id; an id in ``published`` that names no document is an error.
    """
    if not paths:
        raise CorpusError("<input>: no paths given")
    documents: dict[str, Document] = {}
    warnings: list[str] = []
    seen_files: set[str] = set()
    for given in paths:
        for file_path, shown in _expand(os.fspath(given)):
            key = os.path.realpath(file_path)
            if key in seen_files:
                continue  # the same file named twice (a directory and a glob): read once
            seen_files.add(key)
            for item in _read_file(file_path, shown):
                if isinstance(item, str):
                    warnings.append(f"{item}; skipped")
                elif item.doc_id in documents:
                    other = documents[item.doc_id].path
                    warnings.append(f"{item.path}: duplicate id {item.doc_id!r} (also {other}); skipped")
                else:
                    documents[item.doc_id] = item
    if not documents:
        raise CorpusError(f"{', '.join(os.fspath(p) for p in paths)}: no documents left to read")
    for doc_id, date in (published or {}).items():
        if doc_id not in documents:
            raise CorpusError(f"--published {doc_id}={date.isoformat()}: no document with id {doc_id!r}")
        documents[doc_id] = _with_published(documents[doc_id], date, "option")
    return Corpus(tuple(documents[k] for k in sorted(documents)), tuple(warnings))


def _expand(given: str) -> Iterator[tuple[str, str]]:
    """(file to read, path to show) for one input: a file, a directory, or a glob."""
    if os.path.isdir(given):
        found = sorted(_walk(given))
        if not found:
            raise CorpusError(f"{given}: no {' or '.join('*' + s for s in DOCUMENT_SUFFIXES)} files in directory")
        for rel in found:
            path = os.path.join(given, rel)
            yield path, path
    elif os.path.exists(given):
        yield given, given
    elif _GLOB_CHARS.search(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise CorpusError(f"{given}: no files match")
        for match in matches:
            if os.path.isdir(match):
                yield from ((os.path.join(match, rel), os.path.join(match, rel)) for rel in sorted(_walk(match)))
            else:
                yield match, match
    else:
        raise CorpusError(f"{given}: no such file or directory")


def _walk(directory: str) -> Iterator[str]:
    """Document files under ``directory``, relative to it; hidden files and folders are skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(DOCUMENT_SUFFIXES) and not name.startswith("."):
                yield os.path.relpath(os.path.join(root, name), directory)


def _read_text(path: str, shown: str) -> str:
    """The file as text: UTF-8 (a BOM is allowed), no NUL bytes."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise _Skip(f"{shown}: cannot read ({err.strerror or err})") from None
    if b"\x00" in data:
        raise _Skip(f"{shown}: binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _Skip(f"{shown}: not UTF-8 (byte {err.start})") from None


def _read_file(path: str, shown: str) -> Iterator[Document | str]:
    """The documents of one file, and a message for each one skipped."""
    suffix = os.path.splitext(path)[1].lower()
    try:
        raw = _read_text(path, shown)
        if suffix == ".csv":
            yield from _read_csv(raw, shown)
        elif suffix == ".jsonl":
            yield from _read_jsonl(raw, shown)
        else:
            yield _document(raw, Path(path).stem, shown, line_base=1, line_step=1)
    except _Skip as err:
        yield str(err)


def _row_document(shown: str, row: Mapping[str, object], line_base: int, line_step: int) -> Document:
    """One CSV/JSONL row as a document; raises _Skip with the reason."""
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
    source = row.get("source")
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
    )


def _read_csv(raw: str, shown: str) -> Iterator[Document | str]:
    reader = csv.reader(io.StringIO(raw, newline=""))
    limit = csv.field_size_limit(_MAX_FIELD_CHARS)  # long articles exceed the 128 KB default
    try:
        header = next(reader, None)
        if header is None:
            raise CorpusError(f"{shown}: empty CSV file")
        columns = [name.strip().lower() for name in header]
        missing = [name for name in ("id", "text") if name not in columns]
        if missing:
            raise CorpusError(f"{shown}: CSV without {' and '.join(repr(m) for m in missing)} column")
        text_column = columns.index("text")
        previous_end = reader.line_num
        for fields in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(columns):
                yield f"{shown}:{start}: row has {len(fields)} fields, header has {len(columns)}"
                continue
            # The text field starts after the lines of the fields before it.
            text_line = start + sum(f.count("\n") for f in fields[:text_column])
            try:
                yield _row_document(shown, dict(zip(columns, fields, strict=True)), text_line, 1)
            except _Skip as err:
                yield str(err)
    except csv.Error as err:
        yield f"{shown}:{reader.line_num}: malformed CSV ({err}), rest of file"
    finally:
        csv.field_size_limit(limit)


def _read_jsonl(raw: str, shown: str) -> Iterator[Document | str]:
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield f"{shown}:{number}: bad JSON ({err.msg})"
            continue
        if not isinstance(row, dict):
            yield f"{shown}:{number}: row is not a JSON object"
            continue
        try:
            yield _row_document(shown, row, number, 0)
        except _Skip as err:
            yield str(err)
