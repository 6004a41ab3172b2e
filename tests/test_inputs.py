"""Bad inputs, one row each: every one gives a one-line warning naming it, and the other documents still load.

The table is the reading half of issue 9 (hardening): FIFOs and devices, unreadable, binary, non-UTF-8 and
empty files, documents over the size limit, JSON nested 100,000 deep, stray and unterminated CSV quotes,
wrong field counts, bad ``published`` dates, duplicate ids, a document whose cleaning fails, file names that
would break a log line, and report folders that must never be read back as input.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import consistency.corpus as corpus_module
from consistency import _clean
from consistency._clean import Cleaned
from consistency.corpus import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS, REPORT_MARKER, CorpusError, load_corpus

#: A real sentence every case's good document holds (ECB+ 8_1ecbplus), so we can see it survived.
GOOD = "Three people were killed on Wednesday when rioters bombed a bank in central Athens."
#: A real sentence from another outlet (ECB+ 8_3ecbplus), for the rows around a broken one.
OTHER = "More than 500 troops were sent to the capital after the riots."


@dataclass(frozen=True)
class Case:
    """One bad input: ``build`` writes it under the folder it gets and returns the extra paths to load."""

    id: str
    build: Callable[[Path], list[Path]]
    warning: str  # a fragment of the one warning this input gives ('{dir}' is the corpus folder)
    loaded: tuple[str, ...] = ("good",)  # the ids that must load
    warnings: int = 1  # how many warnings in all


def _write(path: Path, text: str | bytes) -> list[Path]:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return []


def _duplicate(root: Path) -> list[Path]:
    # Files never clash now that ids are paths below the corpus root (sub/good.txt is "sub/good"); a CSV row
    # whose id is another document's still does.
    _write(root / "rows.csv", 'id,text\ngood,"' + OTHER + '"\n')
    return [root / "rows.csv"]  # a folder's walk reads documents, not tables: the table is named


def _fifo(root: Path) -> list[Path]:
    os.mkfifo(root / "x.txt")  # opening it for reading would block forever
    return []


def _fifo_named(root: Path) -> list[Path]:
    os.mkfifo(root.parent / "pipe.txt")
    return [root.parent / "pipe.txt"]


def _unreadable(root: Path) -> list[Path]:
    (root / "secret.txt").write_text(OTHER, encoding="utf-8")
    (root / "secret.txt").chmod(0)
    return []


def _dangling(root: Path) -> list[Path]:
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    return []


def _huge(root: Path) -> list[Path]:
    with (root / "huge.txt").open("w", encoding="utf-8") as handle:
        handle.write((OTHER + "\n") * (MAX_DOCUMENT_BYTES // len(OTHER) + 1))
    return []


def _huge_row(root: Path) -> list[Path]:
    rows = [{"id": "big", "text": "x " * (MAX_DOCUMENT_CHARS // 2 + 1)}, {"id": "r2", "text": OTHER}]
    return _jsonl(root, *(json.dumps(r) for r in rows))


def _jsonl(root: Path, *lines: str) -> list[Path]:
    path = root.parent / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def _csv(root: Path, text: str) -> list[Path]:
    path = root.parent / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return [path]


def _boom(root: Path) -> list[Path]:
    (root / "boom.txt").write_text("The cleaner fails on this one: BOOM.", encoding="utf-8")
    return []


def _report_folder(root: Path) -> list[Path]:
    (root / "reports").mkdir()
    (root / "reports" / REPORT_MARKER).write_text("", encoding="utf-8")
    (root / "reports" / "report.md").write_text(OTHER, encoding="utf-8")
    return []


_ROW = '{"id": "r2", "text": "' + OTHER + '"}'
_HEADER = "id,source,published,text\n"

CASES = [
    Case("fifo in a folder", _fifo, "{dir}/x.txt: not a regular file; skipped"),
    Case("fifo named", _fifo_named, "pipe.txt: not a regular file; skipped"),
    Case("device named", lambda root: [Path(os.devnull)], f"{os.devnull}: not a regular file; skipped"),
    Case("dangling link", _dangling, "{dir}/gone.txt: cannot read (No such file or directory); skipped"),
    Case("binary", lambda root: _write(root / "b.txt", b"PK\x03\x04\x00\x00"), "b.txt: binary file"),
    Case(
        "not UTF-8",
        lambda root: _write(root / "l.txt", "Moscou a d\u00e9menti.".encode("latin-1")),
        "{dir}/l.txt: not UTF-8 (byte 10); skipped",
    ),
    Case("empty", lambda root: _write(root / "e.txt", ""), "{dir}/e.txt: empty document; skipped"),
    Case(
        "huge file",
        _huge,
        f"{{dir}}/huge.txt: {(MAX_DOCUMENT_BYTES // len(OTHER) + 1) * (len(OTHER) + 1):,} bytes, over the limit of "
        f"{MAX_DOCUMENT_BYTES:,} bytes per file; skipped",
    ),
    Case("huge row", _huge_row, "rows.jsonl#big: text of 10,000,002 characters, over the limit", ("good", "r2")),
    Case(
        "JSON nested 100,000 deep",
        lambda root: _jsonl(root, "[" * 100_000 + "]" * 100_000, _ROW),
        "rows.jsonl:1: JSON nested deeper than 100 levels; skipped",
        ("good", "r2"),
    ),
    Case(
        "JSON nested inside a row",
        lambda root: _jsonl(root, '{"id": "deep", "text": "x", "meta": ' + "{" * 5000 + "}" * 5000 + "}", _ROW),
        "rows.jsonl:1: JSON nested deeper",
        ("good", "r2"),
    ),
    Case(
        "unclosed JSON nesting",
        lambda root: _jsonl(root, '{"a": ' * 50_000, _ROW),
        "rows.jsonl:1: JSON nested deeper",
        ("good", "r2"),
    ),
    Case(
        "5,000-digit id",
        lambda root: _jsonl(root, '{"id": ' + "9" * 5000 + ', "text": "x"}', _ROW),
        "rows.jsonl:1: bad JSON (ValueError",
        ("good", "r2"),
    ),
    Case(
        "unterminated CSV quote",
        lambda root: _csv(root, _HEADER + f'b1,AFP,,"{OTHER}\nb2,Reuters,,{GOOD}\n'),
        "rows.csv:2: unbalanced quote in this row; skipped",
        ("b2", "good"),
    ),
    Case(
        "CSV quote closed by the next row",
        lambda root: _csv(root, _HEADER + f'b1,AFP,,"{OTHER}\nb2,Reuters,,"{GOOD}"\nb3,AP,,"{OTHER}"\n'),
        "rows.csv:2: unbalanced quote in this row; skipped",
        ("b2", "b3", "good"),
    ),
    Case(
        "stray quote inside a quoted CSV field",
        lambda root: _csv(root, _HEADER + f'b1,AFP,,"He said "no" to it"\nb2,Reuters,,"{GOOD}"\n'),
        "rows.csv:2: unbalanced quote in this row; skipped",
        ("b2", "good"),
    ),
    Case(
        "stray quote in a paragraph of a two-column CSV",
        lambda root: _csv(root, f'id,text\nb1,"{OTHER}\nHowever, the talks went on.\nand ended" here\nb2,{GOOD}\n'),
        "rows.csv:2: unbalanced quote in this row; skipped",
        ("b2", "good"),
    ),
    Case(
        "wrong CSV field count",
        lambda root: _csv(root, _HEADER + f"b1,AFP,{OTHER}\nb2,Reuters,,{GOOD}\n"),
        "rows.csv:2: row has 3 fields, header has 4; skipped",
        ("b2", "good"),
    ),
    Case(
        "bad published date",
        lambda root: _csv(root, _HEADER + f"b1,AFP,17/12/2021,{OTHER}\nb2,Reuters,,{GOOD}\n"),
        "rows.csv#b1: published is not a YYYY-MM-DD date: '17/12/2021'; skipped",
        ("b2", "good"),
    ),
    Case(
        "duplicate id",
        _duplicate,
        "{dir}/rows.csv#good: duplicate id 'good' (also {dir}/good.txt); skipped",
    ),
    Case("cleaning fails", _boom, "{dir}/boom.txt: cannot clean (RecursionError: boom); skipped"),
    Case(
        "file name that writes a workflow command",
        lambda root: _write(root / "a\n::error title=PWNED::x.txt", ""),
        "{dir}/a\\n::error title=PWNED::x.txt: empty document; skipped",
    ),
    Case("report folder in the corpus", _report_folder, "", warnings=0),
]


@pytest.fixture
def failing_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cleaner raises on one document, as a bug would: that document only is skipped."""
    clean = _clean.clean_document

    def flaky(raw: str) -> Cleaned:
        if "BOOM" in raw:
            raise RecursionError("boom")
        return clean(raw)

    monkeypatch.setattr(corpus_module, "clean_document", flaky)  # the name corpus.py calls


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
@pytest.mark.usefixtures("failing_cleaner")
def test_bad_input_is_one_warning(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    extra = case.build(root)
    started = time.perf_counter()
    corpus = load_corpus([root, *extra])
    assert time.perf_counter() - started < 10  # never a hang (a FIFO opened for reading blocks forever)
    assert sorted(d.doc_id for d in corpus.documents) == sorted(case.loaded)
    assert len(corpus.warnings) == case.warnings, corpus.warnings
    for warning in corpus.warnings:
        assert "\n" not in warning and warning.endswith("; skipped")
    if case.warning:
        assert case.warning.format(dir=root) in corpus.warnings[0]
    # No document carries text of a row it does not own (a merged row would).
    texts = [d.text for d in corpus.documents]
    assert all(t.count(GOOD) + t.count(OTHER) == 1 for t in texts), texts


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    _unreadable(tmp_path)
    corpus = load_corpus([tmp_path])
    assert corpus.warnings == (f"{tmp_path / 'secret.txt'}: cannot read (Permission denied); skipped",)


def test_nothing_left_is_one_error(tmp_path: Path) -> None:
    _fifo(tmp_path)
    with pytest.raises(CorpusError, match=r": no documents left to read$"):
        load_corpus([tmp_path])


# --------------------------------------------------------------------------------------------------------
# The report folder is never read as input
# --------------------------------------------------------------------------------------------------------
def test_excluded_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.md").write_text(OTHER, encoding="utf-8")
    assert [d.doc_id for d in load_corpus([tmp_path]).documents] == ["good", "out/report"]  # without it: read
    corpus = load_corpus([tmp_path], exclude=[tmp_path / "out"])
    assert [d.doc_id for d in corpus.documents] == ["good"] and corpus.warnings == ()
    # A glob over everything still leaves it out; naming one of its files says why it is skipped.
    assert [d.doc_id for d in load_corpus([f"{tmp_path}/**/*.md", tmp_path], exclude=[tmp_path / "out"]).documents] == [
        "good"
    ]
    named = load_corpus([tmp_path / "good.txt", tmp_path / "out" / "report.md"], exclude=[str(tmp_path / "out")])
    assert named.warnings == (f"{tmp_path / 'out' / 'report.md'}: in a report folder; skipped",)


def test_marked_report_folder_given_as_input(tmp_path: Path) -> None:
    _report_folder(tmp_path)
    with pytest.raises(CorpusError, match=r"reports: a report folder, never read as input$"):
        load_corpus([tmp_path / "reports"])


def test_well_formed_multiline_csv_gives_no_warning(tmp_path: Path) -> None:
    """Quoted paragraphs, doubled quotes, commas and lines that start like a row are all fine when quoted."""
    text = f'{OTHER}\n\nHowever, "the talks" went on.\nb9,AP,,{GOOD}'
    quoted = '"' + text.replace('"', '""') + '"'
    path = tmp_path / "rows.csv"
    path.write_text(_HEADER + f"b1,AFP,2021-12-17,{quoted}\r\nb2,Reuters,,{quoted}\r\n", encoding="utf-8")
    corpus = load_corpus([path])
    assert corpus.warnings == ()
    assert [d.text for d in corpus.documents] == [text, text]
    assert corpus.documents[1].line_of(0) == 6  # the second row's text starts on line 6 of the file
