"""Loading and cleaning documents: the seeds, the ECB+ news corpus and the fixtures in tests/cases/corpus/."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import html
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from consistency._clean import TRANSLATION, clean_line, parse_dateline, split_lines
from consistency.corpus import (
    Corpus,
    CorpusError,
    Document,
    load_corpus,
    load_text,
    parse_published_option,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases" / "corpus"
ECBPLUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "text"


# --------------------------------------------------------------------------------------------------------
# Data-driven tables
# --------------------------------------------------------------------------------------------------------
class Row(NamedTuple):
    cells: tuple[str, ...]
    line: int


def _table(name: str) -> Iterator[Row]:
    """Rows of a tab-separated case file; '#' lines are comments."""
    for number, line in enumerate((CASES / name).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield Row(tuple(line.split("\t")), number)


def _params(name: str, width: int) -> list[object]:
    params: list[object] = []
    for row in _table(name):
        cells = row.cells + ("",) * (width - len(row.cells))
        why = cells[width - 1]
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why.startswith("xfail") else []
        params.append(pytest.param(*cells[: width - 1], id=f"{name}:{row.line}", marks=marks))
    return params


@pytest.mark.parametrize(("line", "expected"), _params("datelines.tsv", 3))
def test_dateline(line: str, expected: str) -> None:
    want = dt.date.fromisoformat(expected) if expected else None
    assert parse_dateline(line.translate(TRANSLATION)) == want


@pytest.mark.parametrize(("raw", "expected"), _params("clean_lines.tsv", 3))
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == ("" if expected == "(empty)" else expected)


_STORY = "\n".join(
    [
        "NATO invites Russia to negotiations over Ukraine",
        "Russia is considering a proposal from the alliance to start talks on January 12.",
        "Moscow denies any bellicose intent.",
        "The proposals appear in two documents.",
        "The Kremlin mainly demands that the alliance does not deploy any troops.",
        "Priorities for the Kremlin are clear.",
    ]
)


@pytest.mark.parametrize(("where", "line", "dropped"), _params("furniture.tsv", 4))
def test_furniture(where: str, line: str, dropped: str) -> None:
    """A furniture line vanishes from the text; a story line stays, whatever it starts with."""
    text = f"{line}\n{_STORY}" if where == "header" else f"{_STORY}\n{line}\nThe story goes on after it."
    doc = load_text(text)
    kept = clean_line(line) in doc.text.split("\n")
    assert kept == (dropped == "no")
    assert "The story goes on" in doc.text or where == "header"


# --------------------------------------------------------------------------------------------------------
# The seeds
# --------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    corpus = load_corpus([SEEDS])
    assert corpus.warnings == ()
    return {doc.doc_id[:3]: doc for doc in corpus.documents}


def test_seed_ids_and_paths(seeds: dict[str, Document]) -> None:
    assert [d.doc_id for d in seeds.values()] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert seeds["000"].path == str(SEEDS / "000_b3be5b1ba27ca5a8.txt")


def test_seed_publication_dates(seeds: dict[str, Document]) -> None:
    assert (seeds["001"].published, seeds["001"].published_from) == (dt.date(2021, 12, 17), "dateline")
    # seeds/004 opens with "Tuesday, January 31": the site's date header, with no year.
    assert (seeds["004"].published, seeds["004"].published_from) == (None, "")
    assert "January 31" not in seeds["004"].text
    assert all(seeds[k].published is None for k in ("000", "002", "003"))


def test_seed_000_furniture(seeds: dict[str, Document]) -> None:
    text = seeds["000"].text
    assert "Leave a Reply" not in text
    assert "Your email address" not in text
    assert "Video duration" not in text
    assert text.endswith("Latvia, Estonia and Lithuania.")


def test_seed_001_hard_wrapped_sentence_is_whole(seeds: dict[str, Document]) -> None:
    doc = seeds["001"]
    sentence = (
        "Putin who says Western powers are to blame for tensions arising from recent buildup of between "
        "75,000-100,000 Russian troops along the Ukraine border is pushing Western leaders to end NATO's "
        "eastward expansion."
    )
    assert sentence in doc.text
    assert doc.line_of(doc.text.index("75,000")) == 11
    assert doc.line_of(doc.text.index("pushing Western leaders")) == 12
    assert "Written by" not in doc.text
    assert "Article Categories" not in doc.text
    assert doc.text.startswith("Ukraine's Red Lines: Putin Reiterates Call For 'Immediate' NATO Talks")
    assert doc.line_of(0) == 1


def test_seed_002_fixes(seeds: dict[str, Document]) -> None:
    doc = seeds["002"]
    assert "Home LATEST NEWS" not in doc.text
    assert "of North Atlantic" in doc.text and "ofNorth" not in doc.text
    assert "the North Atlantic Treaty Organization does not deploy" in doc.text
    fragment = "We received this offer from North Atlantic Treaty Organization and we examine it"
    line = next(s for s in doc.text.split("\n") if fragment in s)
    assert line.startswith(fragment)  # the JSON garbage before it is gone
    assert doc.line_of(doc.text.index(fragment)) == 12
    assert "}}" not in doc.text and 'text ":"' not in doc.text
    assert "Previous article" not in doc.text and "Next article" not in doc.text


def test_seed_003_lines_stay_lines(seeds: dict[str, Document]) -> None:
    """seeds/003 has one paragraph per line, each ending a sentence: not hard-wrapped."""
    doc = seeds["003"]
    assert doc.text.count("\n") == 11
    assert "Comments are closed" not in doc.text


def test_seed_004_also_read(seeds: dict[str, Document]) -> None:
    assert "Also Read" not in seeds["004"].text
    assert "Black man grabbing tea" not in seeds["004"].text


def _words_found_on_their_lines(doc: Document, original: str) -> None:
    """Every word of the cleaned text is on the original line that line_of names."""
    lines = [line.translate(TRANSLATION) for line in split_lines(original)]
    for m in re.finditer(r"[A-Za-z]{4,}|\d[\d,]*\d", doc.text):
        line = lines[doc.line_of(m.start()) - 1]
        assert m.group() in line, (doc.path, m.group(), doc.line_of(m.start()))


def test_line_of_maps_every_word_of_the_seeds(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        _words_found_on_their_lines(doc, Path(doc.path).read_text(encoding="utf-8"))


def test_line_of_range() -> None:
    doc = load_text("One line.\nTwo lines.")
    assert (doc.line_of(0), doc.line_of(len(doc.text)), doc.line_of(doc.text.index("Two"))) == (1, 2, 2)
    with pytest.raises(ValueError, match="outside the text"):
        doc.line_of(len(doc.text) + 1)


# --------------------------------------------------------------------------------------------------------
# ECB+ (real news pages: source URL, title, dateline, sentences)
# --------------------------------------------------------------------------------------------------------
def test_ecbplus_loads_cleanly() -> None:
    corpus = load_corpus([ECBPLUS])
    assert len(corpus.documents) == 210 and corpus.warnings == ()
    by_id = {d.doc_id: d for d in corpus.documents}
    # Ids are paths below the folder given (text/<topic>/<file>), so two topics' files can never collide.
    assert by_id["8/8_1ecbplus"].published == dt.date(2010, 5, 5)
    assert by_id["8/8_1ecbplus"].text.startswith("Three killed as rioters bomb Greek bank\n")  # URL dropped
    assert by_id["8/8_1ecb"].published is None
    for doc in corpus.documents:
        _words_found_on_their_lines(doc, Path(doc.path).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------------------
# CSV, JSONL, front matter
# --------------------------------------------------------------------------------------------------------
def test_csv_corpus() -> None:
    corpus = load_corpus([CASES / "table.csv"])
    path = str(CASES / "table.csv")
    a1, a2 = corpus.documents
    assert (a1.doc_id, a1.path, a1.source) == ("a1", f"{path}#a1", "Reuters")
    assert (a1.published, a1.published_from) == (dt.date(2021, 12, 17), "column")
    # The line numbers are those of the CSV file.
    assert a1.line_of(0) == 2 and a1.line_of(a1.text.index("Moscow denies")) == 3
    assert (a2.published, a2.published_from, a2.source) == (dt.date(2021, 12, 17), "dateline", "")
    assert a2.text == "Putin said talks would start on January 12."
    assert a2.line_of(0) == 6
    assert corpus.warnings == (
        f"{path}#bad_date: published is not a YYYY-MM-DD date: '17/12/2021'; skipped",
        f"{path}#empty: empty document; skipped",
        f"{path}#a1: duplicate id 'a1' (also {path}#a1); skipped",
    )


def test_jsonl_corpus() -> None:
    corpus = load_corpus([CASES / "rows.jsonl"])
    path = str(CASES / "rows.jsonl")
    docs = {d.doc_id: d for d in corpus.documents}
    assert sorted(docs) == ["7", "j1", "j4"]
    j1 = docs["j1"]
    assert (j1.source, j1.published, j1.published_from) == ("AFP", dt.date(2021, 12, 19), "column")
    assert j1.text == "Moscow denies any bellicose intent.\nIt says the troop movements are purely defensive in nature."
    assert j1.line_of(j1.text.index("It says")) == 1  # a JSONL row is one line of the file
    assert docs["7"].line_of(0) == 2
    assert (docs["j4"].published, docs["j4"].published_from) == (None, "")
    assert len(corpus.warnings) == 4
    assert corpus.warnings[0].startswith(f"{path}:3: bad JSON")
    assert corpus.warnings[1:] == (
        f"{path}:4: row is not a JSON object; skipped",
        f"{path}#no_text: row without text; skipped",
        f"{path}#j3: published is not a YYYY-MM-DD date: 'yesterday'; skipped",
    )


def test_front_matter() -> None:
    (doc,) = load_corpus([CASES / "front_matter.md"]).documents
    assert (doc.doc_id, doc.published, doc.published_from) == (
        "front_matter",
        dt.date(2021, 12, 19),
        "front matter",
    )
    assert doc.source == "Example Wire"
    # Markdown is parsed as Markdown: the heading is a unit of its own, ended as a sentence.
    assert doc.text == (
        "NATO invites Russia to negotiations over Ukraine.\n\n"
        "Russia is considering a proposal from NATO calling on it to start talks on January 12."
    )
    assert doc.line_of(doc.text.index("Russia is")) == 9


def test_published_option_wins() -> None:
    corpus = load_corpus([CASES / "table.csv", SEEDS], published={"a1": dt.date(2021, 12, 20)})
    a1 = next(d for d in corpus.documents if d.doc_id == "a1")
    assert (a1.published, a1.published_from) == (dt.date(2021, 12, 20), "option")
    assert [d.doc_id for d in corpus.documents] == sorted(d.doc_id for d in corpus.documents)
    with pytest.raises(CorpusError, match="no document with id 'nope'"):
        load_corpus([SEEDS], published={"nope": dt.date(2021, 12, 20)})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("001_7833a452b3925789=2021-12-17", ("001_7833a452b3925789", dt.date(2021, 12, 17))),
        ("a=b=2021-01-02", ("a=b", dt.date(2021, 1, 2))),
    ],
)
def test_parse_published_option(value: str, expected: tuple[str, dt.date]) -> None:
    assert parse_published_option(value) == expected


@pytest.mark.parametrize("value", ["2021-12-17", "=2021-12-17", "doc=", "doc=2021-13-01", "doc=Dec 17"])
def test_parse_published_option_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="expected DOC=YYYY-MM-DD"):
        parse_published_option(value)


def test_load_text() -> None:
    doc = load_text("Putin spoke.", doc_id="x", published=dt.date(2021, 12, 17))
    assert (doc.doc_id, doc.path, doc.published, doc.published_from) == (
        "x",
        "<text>",
        dt.date(2021, 12, 17),
        "option",
    )
    with pytest.raises(CorpusError, match=r"^<text>: empty document$"):
        load_text("Leave a Reply\n\nYour email address will not be published.")


# --------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------
def _one_line_error(paths: list[str | Path]) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(paths)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_path(tmp_path: Path) -> None:
    assert _one_line_error([tmp_path / "nope"]) == f"{tmp_path / 'nope'}: no such file or directory"


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert _one_line_error([tmp_path]) == f"{tmp_path}: no *.txt, *.md or *.markdown files in directory"


def test_glob_matching_nothing(tmp_path: Path) -> None:
    assert _one_line_error([f"{tmp_path}/*.txt"]) == f"{tmp_path}/*.txt: no files match"


def test_glob(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"The story of {name[0]} is short.", encoding="utf-8")
    corpus = load_corpus([f"{tmp_path}/*.txt"])
    assert [d.doc_id for d in corpus.documents] == ["a", "b"]


def test_csv_without_id_column() -> None:
    assert _one_line_error([CASES / "no_id.csv"]) == f"{CASES / 'no_id.csv'}: CSV without 'id' column"


def test_bad_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Moscow denies any bellicose intent.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffThe Kremlin’s demands.".encode())
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "latin1.txt").write_bytes("Moscou a d\u00e9menti.".encode("latin-1"))
    (tmp_path / "empty.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "furniture.md").write_text("Leave a Reply\nYour email address will not be published.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text("Another story entirely.", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [d.doc_id for d in corpus.documents] == ["bom", "good", "sub/good"]  # sub/good.txt: its own id
    assert corpus.documents[0].text == "The Kremlin's demands."
    assert corpus.warnings == (
        f"{tmp_path / 'binary.txt'}: binary file; skipped",
        f"{tmp_path / 'empty.txt'}: empty document; skipped",
        f"{tmp_path / 'furniture.md'}: empty document; skipped",
        f"{tmp_path / 'latin1.txt'}: not UTF-8 (byte 10); skipped",
    )


def test_nothing_left_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    assert _one_line_error([tmp_path]) == f"{tmp_path}: no documents left to read"


def test_same_file_twice_is_read_once() -> None:
    corpus = load_corpus([SEEDS, SEEDS / "000_b3be5b1ba27ca5a8.txt"])
    assert len(corpus.documents) == 5 and corpus.warnings == ()


def _digest(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(CASES, tmp_path / "cases")
    before = _digest(tmp_path)
    corpus: Corpus = load_corpus([tmp_path / "seeds", tmp_path / "cases" / "table.csv", tmp_path / "cases" / "*.jsonl"])
    assert corpus.documents
    assert _digest(tmp_path) == before


# --------------------------------------------------------------------------------------------------------
# Evidence: cleaned spans back to the original text
# --------------------------------------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n?|\n")


def _normal_words(text: str) -> str:
    """What a reader compares: the cleaner's character substitutions and entities undone, whitespace aside."""
    return "".join(html.unescape(text).translate(TRANSLATION).split())


def _check_word_spans(doc: Document) -> tuple[int, int]:
    """Every word of ``doc.text`` that maps back slices the same words out of the original, on the line that
    ``line_of`` names; returns (words, words mapped)."""
    breaks = [0, *(m.end() for m in _LINE_BREAK.finditer(doc.original))]
    words = mapped = 0
    for m in re.finditer(r"\S+", doc.text):
        words += 1
        span = doc.source_span(m.start(), m.end())
        if span is None:
            continue
        mapped += 1
        s, e = span
        assert _normal_words(doc.original[s:e]) == _normal_words(m.group()), (doc.path, m.group(), span)
        assert bisect.bisect_right(breaks, s) == doc.line_of(m.start()), (doc.path, m.group())
    return words, mapped


def test_source_span_on_the_seeds(seeds: dict[str, Document]) -> None:
    """Web copy with curly quotes, glued words and JSON fragments (seeds/002): every word maps back."""
    for doc in seeds.values():
        assert doc.original == Path(doc.path).read_text(encoding="utf-8")
        words, mapped = _check_word_spans(doc)
        assert mapped == words, doc.path


def test_source_span_on_ecbplus() -> None:
    words = mapped = 0
    for doc in load_corpus([ECBPLUS]).documents:
        counts = _check_word_spans(doc)
        words, mapped = words + counts[0], mapped + counts[1]
    assert words > 60_000 and mapped == words


def test_source_span_of_a_sentence_in_a_hard_wrapped_paragraph(seeds: dict[str, Document]) -> None:
    doc = seeds["001"]
    start = doc.text.index("Putin who says")
    end = doc.text.index("eastward expansion.") + len("eastward expansion.")
    span = doc.source_span(start, end)
    assert span is not None
    original = doc.original[span[0] : span[1]]
    assert original.startswith("Putin who says") and original.endswith("eastward expansion.")
    assert original.count("\n") == 2  # three lines of the file: the paragraph was hard-wrapped


def test_source_span_of_a_csv_row() -> None:
    """Row offsets are into the row's ``text`` field."""
    a1 = load_corpus([CASES / "table.csv"]).documents[0]
    start = a1.text.index("Moscow")
    span = a1.source_span(start, len(a1.text))
    assert span is not None and a1.original[span[0] : span[1]] == "Moscow denies any bellicose intent."


def test_source_span_through_markup_and_entities() -> None:
    raw = "<p>Tom &amp; Jerry&#8217;s <b>house</b> burned down in 2021.</p>\n"
    doc = load_text(raw)
    assert doc.text == "Tom & Jerry's house burned down in 2021."
    house = doc.text.index("house")
    assert doc.source_span(house, house + 5) == (raw.index("house"), raw.index("house") + 5)
    # "Tom & Jerry" slices "Tom &amp; Jerry"; the apostrophe made from "&#8217;" has no source of its own.
    assert doc.source_span(0, 11) == (3, 18)
    assert doc.source_span(doc.text.index("'"), doc.text.index("'") + 1) is None
    # A span across a cut tag is not the same words: no evidence rather than wrong evidence.
    assert doc.source_span(house - 4, house + 5) is None
    with pytest.raises(ValueError, match="outside the text"):
        doc.source_span(0, len(doc.text) + 1)
    assert Document("d", "d.txt", "text").source_span(0, 4) is None  # made by hand: no original


def test_source_span_memory_is_runs_not_characters() -> None:
    doc = load_text(("Russia has massed more than 100,000 troops on the border.\n" * 5000).replace("100", "1\u202f00"))
    assert doc.source_span(len(doc.text) - 8, len(doc.text)) is not None
    assert len(doc._source_map) <= 3 * 5000 + 1  # a few runs per line, not one entry per character


@pytest.mark.parametrize(
    "raw",
    [
        "First line of the story.\r\u200b\nSecond line.\nThe third line names 500 troops.",
        "First line of the story.\r\ufeff\nSecond line.\nThe third line names 500 troops.",
        "First line of the story.\r\u00ad\r\nSecond line.\rThe third line names 500 troops.",
    ],
)
def test_zero_width_after_a_lone_cr_keeps_lines(raw: str) -> None:
    """A lone CR ends a line; a zero-width character after it must not merge it with the next break."""
    doc = load_text(raw)
    assert doc.line_of(doc.text.index("500")) == 4
    assert doc.line_of(doc.text.index("Second")) == 3
    start = doc.text.index("500 troops")
    span = doc.source_span(start, start + 10)
    assert span is not None and raw[span[0] : span[1]] == "500 troops"


# --------------------------------------------------------------------------------------------------------
# A first line that is a sentence about a date is text, not a dateline
# --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Version 2.0 ships on Monday, March 14, 2024.",  # constructed: a release note's first line
        "The 3.12 release ships March 14, 2024.",  # constructed: a release note's first line
        "Support for the old API ends on Friday, June 28, 2024.",  # constructed: a deprecation notice
        # Real sentences from AQUAINT (APW19991024.0075, APW20000401.0150) and ECB+ 38_11ecbplus:
        "Slepian was killed on Oct. 23, 1999 by a sniper hiding in his backyard.",
        "Granma landed on Dec. 2, 1956, with 82 armed men led by Fidel Castro.",
        "The strong and shallow quake began in the predawn morning hours today Thursday, March 14, 2013.",
    ],
)
def test_first_line_sentence_with_a_date_is_kept(line: str) -> None:
    doc = load_text(f"{line}\nThe rest of the text follows here.")
    assert doc.text.startswith(line) and doc.published is None
    assert parse_dateline(line) is None


# What web copy does to text, as seen in the seeds and ECB+: curly quotes and dashes, invisible characters,
# odd spaces, mixed line ends, inline tags, entities, words glued by a lost space.
_MUTATIONS: tuple[tuple[str, str], ...] = (
    ("'", "\u2019"),
    ('"', "\u201c"),
    (" - ", " \u2013 "),
    (" ", "\u00a0"),
    (" ", "  "),
    (" ", "\t"),
    ("e", "e\u200b"),
    ("o", "o\u00ad"),
    ("\n", "\r\n"),
    ("\n", "\r"),
    ("\n", "\r\u200b\n"),
    (" of ", " of"),
    (" and ", " &amp; "),
    (" the ", " <b>the</b> "),
    ("...", "\u2026"),
)


def _mutated(lines: list[str], rng: random.Random) -> str:
    text = "\n".join(lines)
    for _ in range(rng.randrange(1, 25)):
        old, new = rng.choice(_MUTATIONS)
        at = text.find(old, rng.randrange(len(text)))
        if at >= 0:
            text = text[:at] + new + text[at + len(old) :]
    return text


def test_source_span_on_mutated_real_text() -> None:
    """Real ECB+ sentences mutated the way web copy is: cleaning never raises, every word that maps slices
    the same words out of the original on the line ``line_of`` names, and nearly every word maps."""
    files = sorted(ECBPLUS.glob("*/*.txt"))
    rng = random.Random(9)
    words = mapped = 0
    for _ in range(300):
        lines = rng.choice(files).read_text(encoding="utf-8").splitlines()
        start = rng.randrange(len(lines))
        raw = _mutated(lines[start : start + rng.randrange(1, 12)], rng)
        try:
            doc = load_text(raw)
        except CorpusError:
            continue  # nothing but furniture left
        counts = _check_word_spans(doc)
        words, mapped = words + counts[0], mapped + counts[1]
    assert words > 20_000 and mapped >= 0.995 * words, (words, mapped)
