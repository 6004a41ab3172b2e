"""The CI gate on real text: findings, fingerprints, primary locations, the baseline and inline directives.

Corpora are copies of seed articles in a temporary directory with one figure edited, the way a pull request
would edit them: seeds/001 says "between 75,000-100,000 Russian troops" (line 11) and seeds/002 says
"more than 100,000 troops" (line 14), a conflict.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from consistency.corpus import Corpus, load_corpus
from consistency.extract import extract_facts
from consistency.extract.quantities import find_quantities
from consistency.findings import Finding, Location, Suppression
from consistency.gate import (
    Baseline,
    BaselineEntry,
    BaselineError,
    apply_baseline,
    apply_directives,
    build_findings,
    parse_directives,
)
from consistency.pipeline import check_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = ROOT / "tests" / "cases" / "gate"
A, B, C = "001_7833a452b3925789", "002_4f8a57ab780d97d1", "000_b3be5b1ba27ca5a8"
TROOPS_A = "between 75,000-100,000 Russian troops"
TROOPS_B = "more than 100,000 troops"


# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------
def copy_seeds(tmp_path: Path, *names: str, suffix: str = ".txt") -> dict[str, Path]:
    """Copy seed articles into ``tmp_path``, optionally as another kind of file (``.md``)."""
    out = {}
    for name in names:
        target = tmp_path / f"{name}{suffix}"
        shutil.copyfile(SEEDS / f"{name}.txt", target)
        out[name] = target
    return out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def insert_lines(path: Path, before: int, *lines: str) -> None:
    """Insert ``lines`` so the first of them becomes line ``before``."""
    text = path.read_text(encoding="utf-8").split("\n")
    text[before - 1 : before - 1] = list(lines)
    path.write_text("\n".join(text), encoding="utf-8")


def gate(paths: list[Path], changed: Mapping[str, frozenset[int] | None] | None = None) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(paths)
    return corpus, build_findings(check_corpus(corpus), corpus, changed)


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [(f.code, f.message) for f in findings]
    return matching[0]


@pytest.fixture
def pair(tmp_path: Path) -> dict[str, Path]:
    return copy_seeds(tmp_path, A, B)


# ---------------------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------------------
def test_conflict_between_seed_articles(pair: dict[str, Path]) -> None:
    _, findings = gate(list(pair.values()))
    f = only(findings, "CST001")
    assert f.claim == "count:troops"
    assert f.primary == Location(str(pair[A]), 11, 19, A, TROOPS_A, "[75000, 100000]")
    assert f.related == (Location(str(pair[B]), 14, 44, B, TROOPS_B, "(100000, inf)"),)
    assert f.message == (f"troops: {A} says {TROOPS_A} [75000, 100000] but {B}:14 says {TROOPS_B} (100000, inf)")
    assert len(f.fingerprint) == 16 and int(f.fingerprint, 16) >= 0
    assert f.suppressed is Suppression.NONE and f.rule.name == "value-conflict"


def test_fingerprint_survives_moved_lines(pair: dict[str, Path]) -> None:
    _, before = gate(list(pair.values()))
    insert_lines(pair[B], 3, "", "", "")
    insert_lines(pair[A], 2, "")
    _, after = gate(list(pair.values()))
    old, new = only(before, "CST001"), only(after, "CST001")
    assert (new.primary.line, new.related[0].line) == (12, 17)
    assert new.fingerprint == old.fingerprint


def test_fingerprint_changes_with_a_value(pair: dict[str, Path]) -> None:
    _, before = gate(list(pair.values()))
    edit(pair[B], TROOPS_B, "more than 150,000 troops")
    _, after = gate(list(pair.values()))
    new = only(after, "CST001")
    assert new.related[0].value == "(150000, inf)"
    assert new.fingerprint != only(before, "CST001").fingerprint


def test_overlapping_values_are_cst002(pair: dict[str, Path]) -> None:
    edit(pair[B], TROOPS_B, "more than 90,000 troops")
    _, findings = gate(list(pair.values()))
    f = only(findings, "CST002")
    assert f.rule.level == "compatible"
    assert f.message.startswith(f"troops: {A} says {TROOPS_A} [75000, 100000] while {B}:14 says more than 90,000")
    assert not [x for x in findings if x.code == "CST001"]


def test_weekday_mismatch_is_cst003(tmp_path: Path) -> None:
    # seeds/000 says "start talks on January 12"; stating a weekday that 2022-01-12 is not is a finding.
    path = copy_seeds(tmp_path, C, suffix=".md")[C]
    edit(path, "talks on January 12", "talks on Thursday, January 12")
    path.write_text("---\ndate: 2021-12-19\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, findings = gate([path])
    f = only(findings, "CST003")
    assert f.related == ()
    assert (f.primary.path, f.primary.line, f.primary.value) == (str(path), 18, "2022-01-12")
    assert f.primary.column == path.read_text(encoding="utf-8").split("\n")[17].index("Thursday, January 12") + 1
    assert f.claim == "weekday:Thursday"
    assert f.message == f"{C} says Thursday, January 12 (2022-01-12): stated Thursday but 2022-01-12 is a Wednesday"


def test_curly_dash_in_the_original_line_keeps_the_column(pair: dict[str, Path]) -> None:
    # The cleaner turns an en dash into "-"; the column is still counted in the original line.
    edit(pair[A], "75,000-100,000", "75,000\u2013100,000")
    _, findings = gate(list(pair.values()))
    assert only(findings, "CST001").primary.column == 19


# ---------------------------------------------------------------------------------------------------------
# Primary location: the edited side
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changed", "primary"),
    [
        pytest.param({}, A, id="nothing-changed-first-by-doc"),
        pytest.param({B: frozenset({14})}, B, id="edited-line"),
        pytest.param({B: None}, B, id="new-file"),
        pytest.param({B: frozenset({3})}, B, id="only-one-side-in-a-changed-file"),
        pytest.param({A: frozenset({2}), B: frozenset({14})}, B, id="both-files-one-edited-line"),
        pytest.param({A: frozenset({11}), B: frozenset({14})}, A, id="both-edited-first-by-doc"),
        pytest.param({A: frozenset({2}), B: frozenset({3})}, A, id="both-files-no-edited-line"),
    ],
)
def test_primary_follows_changed(
    pair: dict[str, Path], changed: dict[str, frozenset[int] | None], primary: str
) -> None:
    _, findings = gate(list(pair.values()), {str(pair[name]): lines for name, lines in changed.items()})
    f = only(findings, "CST001")
    assert f.primary.doc_id == primary
    assert {f.primary.doc_id, f.related[0].doc_id} == {A, B}
    assert primary in f.message.split(" says ")[0]


def test_changed_paths_are_compared_resolved(pair: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pair[A].parent)
    _, findings = gate([Path(f"{A}.txt"), Path(f"{B}.txt")], {str(pair[B].resolve()): frozenset({14})})
    assert only(findings, "CST001").primary == Location(f"{B}.txt", 14, 44, B, TROOPS_B, "(100000, inf)")


def test_fingerprint_does_not_depend_on_the_primary(pair: dict[str, Path]) -> None:
    _, first = gate(list(pair.values()))
    _, edited = gate(list(pair.values()), {str(pair[B]): None})
    assert only(first, "CST001").fingerprint == only(edited, "CST001").fingerprint


# ---------------------------------------------------------------------------------------------------------
# Baseline
# ---------------------------------------------------------------------------------------------------------
def test_baseline_accepts_and_round_trips(pair: dict[str, Path], tmp_path: Path) -> None:
    _, findings = gate(list(pair.values()))
    baseline = Baseline().updated(findings)
    f = only(findings, "CST001")
    assert baseline.entries == {
        f.fingerprint: BaselineEntry(
            f.fingerprint, "CST001", "count:troops", (f"{A}=[75000, 100000]", f"{B}=(100000, inf)"), 1
        )
    }
    path = tmp_path / ".consistency-baseline.json"
    path.write_text(baseline.dumps(), encoding="utf-8")
    assert Baseline.load(path) == baseline
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert path.read_text(encoding="utf-8").endswith("}\n")
    marked, stale = apply_baseline(findings, Baseline.load(path))
    assert [m.suppressed for m in marked] == [Suppression.BASELINE] and stale == []


def test_baseline_survives_moved_lines_but_not_a_changed_value(pair: dict[str, Path]) -> None:
    _, findings = gate(list(pair.values()))
    baseline = Baseline().updated(findings)
    insert_lines(pair[B], 1, "", "")
    _, moved = gate(list(pair.values()))
    assert apply_baseline(moved, baseline)[0][0].suppressed is Suppression.BASELINE
    edit(pair[B], TROOPS_B, "more than 150,000 troops")
    _, changed = gate(list(pair.values()))
    marked, stale = apply_baseline(changed, baseline)
    assert marked[0].suppressed is Suppression.NONE
    assert stale == list(baseline.entries.values())
    # --prune-baseline drops the stale entry and does not accept the new finding.
    assert baseline.pruned(changed).entries == {}


def test_update_keeps_notes_and_drops_what_no_longer_occurs(pair: dict[str, Path]) -> None:
    _, findings = gate(list(pair.values()))
    f = only(findings, "CST001")
    gone = BaselineEntry("ffffffffffffffff", "CST001", "quantity:tanks", ("x=1", "y=2"), 1, "old")
    noted = Baseline({f.fingerprint: replace(Baseline().updated(findings).entries[f.fingerprint], note="US estimate")})
    updated = Baseline({**noted.entries, gone.fingerprint: gone}).updated(findings)
    assert list(updated.entries) == [f.fingerprint]
    assert updated.entries[f.fingerprint].note == "US estimate"
    marked, _ = apply_baseline(findings, updated)
    assert marked[0].note == "US estimate"


def _finding(fp: str, line: int, suppressed: Suppression = Suppression.NONE) -> Finding:
    loc = Location("a.txt", line, 1, "a", "more than 100,000 troops", "(100000, inf)")
    return Finding("CST001", "m", loc, (), "quantity:troops", fp, suppressed)


def test_counts_accept_only_as_many_as_recorded() -> None:
    findings = [_finding("aaaa", 1), _finding("aaaa", 5), _finding("bbbb", 9)]
    baseline = Baseline().updated(findings)
    assert {fp: e.count for fp, e in baseline.entries.items()} == {"aaaa": 2, "bbbb": 1}
    one = Baseline({"aaaa": replace(baseline.entries["aaaa"], count=1)})
    marked, stale = apply_baseline(findings, one)
    assert [m.suppressed for m in marked] == [Suppression.BASELINE, Suppression.NONE, Suppression.NONE]
    assert stale == []
    three = Baseline({"aaaa": replace(baseline.entries["aaaa"], count=3)})
    _, stale = apply_baseline(findings, three)
    assert [(e.fingerprint, e.count) for e in stale] == [("aaaa", 1)]  # the unused part of the count


def test_pruned_never_adds_and_lowers_counts() -> None:
    entry = BaselineEntry("aaaa", "CST001", "quantity:troops", ("a=(100000, inf)",), 3, "kept")
    pruned = Baseline({"aaaa": entry}).pruned([_finding("aaaa", 1), _finding("bbbb", 2)])
    assert pruned.entries == {"aaaa": replace(entry, count=1)}
    assert Baseline().pruned([_finding("aaaa", 1)]).entries == {}


def test_inline_suppressed_findings_are_not_baselined() -> None:
    findings = [_finding("aaaa", 1, Suppression.INLINE), _finding("bbbb", 2)]
    assert list(Baseline().updated(findings).entries) == ["bbbb"]
    marked, stale = apply_baseline(findings, Baseline().updated([_finding("aaaa", 1)]))
    assert marked[0].suppressed is Suppression.INLINE and [e.fingerprint for e in stale] == ["aaaa"]


def test_missing_or_empty_baseline_is_empty(tmp_path: Path) -> None:
    assert Baseline.load(tmp_path / "none.json").entries == {}
    (tmp_path / "empty.json").write_text("\n", encoding="utf-8")
    assert Baseline.load(tmp_path / "empty.json").entries == {}
    assert Baseline().dumps() == '{\n  "findings": {},\n  "version": 1\n}\n'


GOOD_ENTRY = {"code": "CST001", "claim": "quantity:troops", "values": ["a=1"], "count": 1, "note": ""}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param("{", "not valid JSON", id="bad-json"),
        pytest.param("[]", 'expected a JSON object with "version" and "findings"', id="not-an-object"),
        pytest.param('{"version": 2, "findings": {}}', "unsupported version 2", id="version"),
        pytest.param('{"version": 1, "findings": []}', '"findings" must be an object', id="findings-list"),
        pytest.param(
            json.dumps({"version": 1, "findings": {"ab": "x"}}), "findings.ab: expected an object", id="entry"
        ),
        pytest.param(
            json.dumps({"version": 1, "findings": {"ab": {**GOOD_ENTRY, "code": "E501"}}}),
            "findings.ab.code: unknown code 'E501'",
            id="code",
        ),
        pytest.param(
            json.dumps({"version": 1, "findings": {"ab": {**GOOD_ENTRY, "count": 0}}}),
            "findings.ab.count: expected a positive integer, got 0",
            id="count",
        ),
        pytest.param(
            json.dumps({"version": 1, "findings": {"ab": {**GOOD_ENTRY, "values": "a=1"}}}),
            "findings.ab.values: expected a list of strings",
            id="values",
        ),
    ],
)
def test_bad_baseline_is_one_line_naming_the_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as err:
        Baseline.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


HOSTILE_BASELINES = [
    pytest.param(
        '{"version": 1, "findings": {"ab": {"code": "CST001", "count": ' + "9" * 5000 + "}}}",
        "a number has too many digits",
        id="count-5000-digits",
    ),
    pytest.param("[" * 100_000 + "]" * 100_000, "nested too deep", id="nested-100000"),
    pytest.param(
        '{"version": 1, "findings": {"ab": {"code": "CST001", "values": ' + "[" * 100_000 + "]" * 100_000 + "}}}",
        "nested too deep",
        id="values-nested-100000",
    ),
    pytest.param(
        '{"version": 1, "findings": {"ab": {"code": "CST001", "count": 1e400}}}',
        "findings.ab.count: expected a positive integer, got inf",
        id="count-overflows-to-inf",
    ),
    pytest.param(
        '{"version": 1, "findings": {"ab": {"code": "CST001", "count": ' + "9" * 4000 + "}}}",
        "",
        id="count-4000-digits-is-accepted",
    ),
    pytest.param(
        json.dumps({"version": 1, "findings": {"x\n::error title=PWNED::y": {"code": "E1"}}}),
        "findings.x\\n::error title=PWNED::y.code: unknown code 'E1'",
        id="key-with-a-line-break",
    ),
    pytest.param(
        json.dumps({"version": [[1] * 1000], "findings": {}}), "unsupported version a JSON array", id="long-version"
    ),
]


@pytest.mark.parametrize(("content", "problem"), HOSTILE_BASELINES)
def test_hostile_baseline_is_one_line_naming_the_file(tmp_path: Path, content: str, problem: str) -> None:
    """A baseline is reviewed in a pull request like code, but one that cannot be read must still be one line."""
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    if not problem:  # big but readable: accepted, and written back as it was read
        assert Baseline.load(path).entries["ab"].count == int("9" * 4000)
        return
    with pytest.raises(BaselineError) as err:
        Baseline.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and problem in message, message
    assert "\n" not in message and len(message) < 300


# ---------------------------------------------------------------------------------------------------------
# Directives: how each form is read (a table, like the extractors' corpora)
# ---------------------------------------------------------------------------------------------------------
SENTENCE = "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine."
DIRECTIVE_CASES = [
    # (id, markdown, text, [(line, codes, first, last)])
    ("md-own-line", True, f"<!-- consistency: ignore[CST001] -->\n{SENTENCE}", [(1, ("CST001",), 2, 2)]),
    ("md-trailing", True, f"{SENTENCE} <!-- consistency: ignore[CST001] -->", [(1, ("CST001",), 1, 1)]),
    (
        "md-stacked",
        True,
        f"<!-- consistency: ignore[CST001] -->\n<!-- consistency: ignore[CST002] -->\n{SENTENCE}",
        [(1, ("CST001",), 3, 3), (2, ("CST002",), 3, 3)],
    ),
    (
        "md-several-codes",
        True,
        f"<!--consistency:ignore[CST001, cst002]-->\n{SENTENCE}",
        [(1, ("CST001", "CST002"), 2, 2)],
    ),
    (
        "md-range",
        True,
        f"<!-- consistency: disable[CST001] -->\n{SENTENCE}\n\n<!-- consistency: enable[CST001] -->\nAfter.",
        [(1, ("CST001",), 1, 4)],
    ),
    ("md-range-to-end", True, f"<!-- consistency: disable[CST003] -->\n{SENTENCE}\n", [(1, ("CST003",), 1, 3)]),
    (
        "md-range-codes-end-apart",
        True,
        "<!-- consistency: disable[CST001,CST002] -->\na\n<!-- consistency: enable[CST002] -->\nb\n"
        "<!-- consistency: enable[CST001] -->",
        [(1, ("CST002",), 1, 3), (1, ("CST001",), 1, 5)],
    ),
    ("md-file", True, f"{SENTENCE}\n\n<!-- consistency: disable-file[CST002] -->", [(3, ("CST002",), 1, 3)]),
    ("md-fenced-example", True, "```\n<!-- consistency: ignore[CST001] -->\n```\n" + SENTENCE, []),
    ("md-code-span-example", True, "Write `<!-- consistency: ignore[CST001] -->` above a line.", []),
    ("md-plain-form-is-prose", True, f"consistency: ignore[CST001]\n{SENTENCE}", []),
    ("md-other-comment", True, f"<!-- a reviewer's note -->\n{SENTENCE}", []),
    ("txt-own-line", False, f"consistency: ignore[CST001]\n{SENTENCE}", [(1, ("CST001",), 2, 2)]),
    (
        "txt-range",
        False,
        f"  consistency: disable[CST001]\n{SENTENCE}\nconsistency: enable[CST001]\nAfter.",
        [(1, ("CST001",), 1, 3)],
    ),
    ("txt-file", False, f"{SENTENCE}\nconsistency: disable-file[CST001,CST003]", [(2, ("CST001", "CST003"), 1, 2)]),
    ("txt-comment-form-is-not-read", False, f"{SENTENCE} <!-- consistency: ignore[CST001] -->", []),
    ("txt-prose-capitalised", False, "Consistency: the key to the talks, officials said.", []),
    ("txt-prose-mid-line", False, f"{SENTENCE} consistency: ignore[CST001]", []),
]


@pytest.mark.parametrize(
    ("markdown", "text", "expected"), [c[1:] for c in DIRECTIVE_CASES], ids=[c[0] for c in DIRECTIVE_CASES]
)
def test_directive_forms(markdown: bool, text: str, expected: list[tuple[int, tuple[str, ...], int, int]]) -> None:
    directives, malformed = parse_directives("doc.md" if markdown else "doc.txt", text, markdown)
    assert [(d.line, d.codes, d.first, d.last) for d in directives] == expected
    assert malformed == []


MALFORMED_CASES = [
    # (id, markdown, line, problem)
    ("no-brackets", True, "<!-- consistency: ignore -->", "missing [CODE] after ignore"),
    ("no-code", True, "<!-- consistency: ignore[] -->", "a code is required"),
    ("unknown-code", True, "<!-- consistency: ignore[CST999] -->", "unknown code 'CST999'"),
    ("unknown-verb", True, "<!-- consistency: skip[CST001] -->", "unknown verb 'skip'"),
    ("unclosed", True, "<!-- consistency: ignore[CST001]", "comment not closed on its line"),
    ("txt-no-brackets", False, "consistency: ignore CST001", "missing [CODE] after ignore"),
    ("txt-trailing-words", False, "consistency: ignore[CST001] please", "cannot read"),
    ("txt-enable-alone", False, "consistency: enable[CST001]", "enable[CST001] without disable[CST001] before it"),
    ("txt-directive-code", False, "consistency: ignore[CST102]", "CST102 is about directives"),
]


@pytest.mark.parametrize(
    ("markdown", "line", "problem"), [c[1:] for c in MALFORMED_CASES], ids=[c[0] for c in MALFORMED_CASES]
)
def test_malformed_directives(markdown: bool, line: str, problem: str) -> None:
    directives, malformed = parse_directives("doc", f"{SENTENCE}\n{line}\n{SENTENCE}", markdown)
    assert directives == []
    assert [(f.code, f.primary.line) for f in malformed] == [("CST101", 2)]
    assert problem in malformed[0].message and malformed[0].rule.name == "malformed-directive"


# ---------------------------------------------------------------------------------------------------------
# Directives applied to real documents
# ---------------------------------------------------------------------------------------------------------
def _directive_run(paths: list[Path]) -> list[Finding]:
    corpus, findings = gate(paths)
    return apply_directives(findings, corpus)


@pytest.mark.parametrize(
    ("name", "line", "insert"),
    [
        pytest.param(B, 14, "<!-- consistency: ignore[CST001] -->", id="md-own-line-on-the-related-side"),
        pytest.param(A, 11, "<!-- consistency: ignore[CST001] -->", id="md-own-line-on-the-primary"),
        pytest.param(A, 1, "<!-- consistency: disable-file[CST001] -->", id="md-file"),
    ],
)
def test_markdown_directive_suppresses(tmp_path: Path, name: str, line: int, insert: str) -> None:
    docs = copy_seeds(tmp_path, A, B, suffix=".md")
    insert_lines(docs[name], line, insert)
    findings = _directive_run(list(docs.values()))
    assert [(f.code, f.suppressed) for f in findings] == [("CST001", Suppression.INLINE)]


def test_markdown_trailing_and_range(tmp_path: Path) -> None:
    docs = copy_seeds(tmp_path, A, B, suffix=".md")
    edit(docs[B], TROOPS_B + " on the border", TROOPS_B + " on the border <!-- consistency: ignore[CST001] -->")
    assert [f.suppressed for f in _directive_run(list(docs.values()))] == [Suppression.INLINE]
    edit(docs[B], " <!-- consistency: ignore[CST001] -->", "")
    insert_lines(docs[A], 13, "<!-- consistency: enable[CST001] -->")
    insert_lines(docs[A], 10, "<!-- consistency: disable[CST001] -->")
    assert [f.suppressed for f in _directive_run(list(docs.values()))] == [Suppression.INLINE]


def test_plain_text_directives(pair: dict[str, Path]) -> None:
    insert_lines(pair[B], 14, "consistency: ignore[CST001]")
    assert [(f.code, f.suppressed) for f in _directive_run(list(pair.values()))] == [("CST001", Suppression.INLINE)]


def test_wrong_code_does_not_suppress_and_is_unused(pair: dict[str, Path]) -> None:
    insert_lines(pair[B], 14, "consistency: ignore[CST002]")
    findings = _directive_run(list(pair.values()))
    assert [(f.code, f.suppressed) for f in findings] == [("CST001", Suppression.NONE), ("CST102", Suppression.NONE)]
    unused = findings[1]
    assert (unused.primary.path, unused.primary.line, unused.primary.column) == (str(pair[B]), 14, 1)
    assert unused.message == "unused directive ignore[CST002]: no CST002 finding on line 15"
    assert unused.rule.name == "unused-directive" and unused.fingerprint


def test_unused_codes_are_named_and_malformed_ones_located(tmp_path: Path) -> None:
    docs = copy_seeds(tmp_path, A, B, suffix=".md")
    insert_lines(docs[B], 14, "<!-- consistency: ignore[CST001,CST003] -->")
    insert_lines(docs[A], 3, "Some text. <!-- consistency: ignored[CST001] -->")
    findings = _directive_run(list(docs.values()))
    codes = [(f.code, f.primary.doc_id, f.primary.line, f.suppressed) for f in findings]
    assert codes == [
        ("CST101", A, 3, Suppression.NONE),
        ("CST001", A, 12, Suppression.INLINE),
        ("CST102", B, 14, Suppression.NONE),
    ]
    assert findings[0].primary.column == len("Some text. ") + 1
    assert "unknown verb 'ignored'" in findings[0].message
    assert findings[2].message.startswith("unused directive ignore[CST003]")


def test_directives_in_csv_and_jsonl_rows_cover_their_row_only() -> None:
    # rows.csv / rows.jsonl: s001 and s002 carry the seed sentences; s002 ignores CST001 on its sentence,
    # s003's disable-file covers s003 alone, so it is unused.
    for name, lines in (("rows.csv", (3, 6, 7)), ("rows.jsonl", (1, 2, 3))):
        findings = _directive_run([CASES / name])
        got = [(f.code, f.primary.doc_id, f.primary.line, f.suppressed) for f in findings]
        assert got == [
            ("CST001", "s001", lines[0], Suppression.INLINE),
            ("CST102", "s003", lines[2], Suppression.NONE),
        ], name
        assert findings[0].related[0].line == lines[1]
        assert findings[0].primary.path == str(CASES / name)
        original = (CASES / name).read_text(encoding="utf-8").split("\n")
        for f in findings:
            loc = f.primary
            assert original[loc.line - 1][loc.column - 1 :].startswith(loc.text.split()[0]), name


def test_directive_lines_are_not_facts(pair: dict[str, Path]) -> None:
    for line in ("consistency: ignore[CST001]", "consistency: disable[CST001, CST002]", "consistency: enable[CST003]"):
        assert find_quantities(line) == []
    before = [(f.kind, f.text, f.value) for f in extract_facts(load_corpus([pair[B]]).documents[0])]
    insert_lines(pair[B], 14, "consistency: disable-file[CST001, CST102]")
    insert_lines(pair[B], 3, "consistency: ignore[CST003]")
    after = [(f.kind, f.text, f.value) for f in extract_facts(load_corpus([pair[B]]).documents[0])]
    assert after == before
