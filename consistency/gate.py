"""The CI gate: findings with stable fingerprints, inline directives, and the baseline of accepted findings.

A ``check`` run builds findings from a :class:`~consistency.pipeline.Result`, lets inline directives
suppress some, then lets the baseline accept known ones; whatever is left at or above ``--fail-on`` fails::

    findings = build_findings(result, corpus, changed)
    findings = apply_directives(findings, corpus)
    findings, stale = apply_baseline(findings, Baseline.load(".consistency-baseline.json"))

A fingerprint hashes the rule, the claim and the sorted (document, value) pairs, never a line number, so
moving text keeps it and changing a value changes it:

>>> a = fingerprint("CST001", "quantity:troops", [("002", "(100000, inf)"), ("001", "[75000, 100000]")])
>>> a == fingerprint("CST001", "quantity:troops", [("001", "[75000, 100000]"), ("002", "(100000, inf)")])
True
>>> a == fingerprint("CST001", "quantity:troops", [("001", "[75000, 100000]"), ("002", "(150000, inf)")])
False
>>> len(a)
16
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from consistency._clean import TRANSLATION, split_lines
from consistency._directives import DIRECTIVE_CODES, MALFORMED, UNUSED, Directive, Malformed, read_directives
from consistency._escape import log_line
from consistency.corpus import TABLE_SUFFIXES, Corpus, Document
from consistency.extract import WEEKDAY_MISMATCH
from consistency.extract.sentences import stem
from consistency.findings import RULES, Finding, Location, Suppression
from consistency.pipeline import Result

__all__ = [
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "Directive",
    "apply_baseline",
    "apply_directives",
    "build_findings",
    "finding_values",
    "fingerprint",
    "parse_directives",
    "source_path",
]

#: Comparison verdicts that become findings, and their rule.
VERDICT_CODES = {"conflict": "CST001", "compatible": "CST002"}
WEEKDAY_CODE = "CST003"
BASELINE_VERSION = 1
MARKDOWN_SUFFIXES = (".md", ".markdown")
_STATED = re.compile(r"\bstated (\w+)")
#: Every directive names it; a file without it has none.
_KEYWORD = "consistency"


# ---------------------------------------------------------------------------------------------------------
# Fingerprints and locations
# ---------------------------------------------------------------------------------------------------------
def fingerprint(code: str, claim: str, pairs: Iterable[tuple[str, str]]) -> str:
    """The first 16 hex digits of SHA-256 over the canonical JSON of ``[code, claim, sorted pairs]``."""
    payload = json.dumps([code, claim, sorted([doc, value] for doc, value in pairs)], separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def finding_values(finding: Finding) -> tuple[str, ...]:
    """The finding's (document, value) pairs as sorted ``doc_id=value`` strings, as a baseline shows them."""
    return tuple(sorted(f"{loc.doc_id}={loc.value}" for loc in (finding.primary, *finding.related)))


def source_path(doc: Document) -> str:
    """The file a document was read from: a CSV or JSONL row's path is ``file.csv#id``.

    >>> source_path(Document("r1", "data/rows.csv#r1", "text")), source_path(Document("a", "a.txt", "text"))
    ('data/rows.csv', 'a.txt')
    """
    suffix = f"#{doc.doc_id}"
    if doc.path.endswith(suffix) and doc.path[: -len(suffix)].lower().endswith(TABLE_SUFFIXES):
        return doc.path[: -len(suffix)]
    return doc.path


def _is_table_row(doc: Document) -> bool:
    return source_path(doc) != doc.path


def _read_text(path: str) -> str | None:
    """A file's text (bad bytes replaced: the corpus already skipped files that are not UTF-8), or None."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig", errors="replace")
    except OSError:
        return None


class _Resolver:
    """Absolute paths, resolved once each (within one call: the working directory may change between calls)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if path not in self._seen:
            self._seen[path] = str(Path(path).resolve())
        return self._seen[path]


def _normalized(line: str) -> tuple[str, list[int]]:
    """``line`` with the cleaner's character substitutions, and the original index of each character."""
    if line.isascii() and "\t" not in line:
        return line, list(range(len(line)))
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(line):
        for out in char.translate(TRANSLATION):
            chars.append(out)
            index.append(i)
    return "".join(chars), index


def find_column(line: str, text: str, occurrence: int = 0) -> int:
    """The 1-based column where ``text`` (as the cleaner left it) starts in the original ``line``, or 1.

    Curly quotes and dashes, glued words, markup between words and a hard wrap after the first words
    are all tolerated; ``occurrence`` picks among repeats (0 = the first).

    >>> find_column("A buildup of between 75,000\u2013100,000 troops", "between 75,000-100,000 troops")
    14
    >>> find_column("the countries ofNorth Atlantic", "of North Atlantic")
    15
    >>> find_column("has massed **more than** 100,000", "more than 100,000 troops")
    14
    >>> find_column("10 troops, then 10 troops", "10 troops", occurrence=1), find_column("nothing", "else")
    (17, 1)
    """
    words = text.split()
    if not words or not line:
        return 1
    norm, index = _normalized(line)
    # Whole text first, then fewer words: a fact wrapped onto the next line starts with its first words.
    for n in range(len(words), 0, -1):
        pattern = re.compile(r"[\W_]*".join(re.escape(w) for w in words[:n]), re.IGNORECASE)
        starts = [m.start() for m in pattern.finditer(norm)]
        if starts:
            return index[starts[min(occurrence, len(starts) - 1)]] + 1
    return 1


class _Sources:
    """The corpus documents by id, and their original files' lines, each read once."""

    def __init__(self, corpus: Corpus) -> None:
        self.docs = {d.doc_id: d for d in corpus.documents}
        self._texts: dict[str, str | None] = {}
        self._lines: dict[str, list[str] | None] = {}

    def text(self, path: str) -> str | None:
        if path not in self._texts:
            self._texts[path] = _read_text(path)
        return self._texts[path]

    def lines(self, path: str) -> list[str] | None:
        """The file's lines as an editor numbers them."""
        if path not in self._lines:
            text = self.text(path)
            self._lines[path] = None if text is None else split_lines(text)
        return self._lines[path]

    def column(self, path: str, line: int, text: str, occurrence: int = 0) -> int:
        """Where ``text`` starts on ``line`` of the file at ``path`` (1 when it cannot be found)."""
        lines = self.lines(path)
        if lines is None or not 1 <= line <= len(lines):
            return 1
        return find_column(lines[line - 1], text, occurrence)

    def location(self, doc_id: str, line: int, text: str, value: str, start: int | None) -> Location:
        doc = self.docs.get(doc_id)
        if doc is None:
            return Location(doc_id, line, 1, doc_id, text, value)
        path = source_path(doc)
        return Location(path, line, self.column(path, line, text, _occurrence(doc, text, start)), doc_id, text, value)


def _occurrence(doc: Document, text: str, start: int | None) -> int:
    """How many times ``text`` appears on its cleaned line before ``start``: which repeat the fact is."""
    if start is None or not text or not 0 <= start <= len(doc.text):
        return 0
    piece = max(bisect.bisect_right(doc.line_starts, start) - 1, 0)
    return doc.text.count(text, doc.line_starts[piece], start)


class _Changed:
    """Which locations were edited: ``changed`` maps files to changed lines (None: the whole file)."""

    def __init__(self, changed: Mapping[str, frozenset[int] | None] | None) -> None:
        self.resolve = _Resolver()
        self.files = {self.resolve(p): lines for p, lines in (changed or {}).items()}

    def rank(self, loc: Location) -> int:
        """2 on a changed line, 1 elsewhere in a changed file, 0 in an unchanged file."""
        if not self.files:
            return 0
        key = self.resolve(loc.path)
        if key not in self.files:
            return 0
        lines = self.files[key]
        return 2 if lines is None or loc.line in lines else 1

    def primary_first(self, a: Location, b: Location) -> tuple[Location, Location]:
        """(primary, related): the edited side, else the first by (document, line)."""
        ranked = sorted((a, b), key=lambda loc: (-self.rank(loc), loc.doc_id, loc.line, loc.column))
        return ranked[0], ranked[1]


def _pair_message(code: str, subject: str, primary: Location, other: Location, reason: str) -> str:
    link = "but" if code == "CST001" else "while"
    said = f"{primary.doc_id} says {primary.says} {link} {other.doc_id}:{other.line} says {other.says}"
    message = f"{subject}: {said}"
    return f"{message} ({reason})" if code != "CST001" and reason else message


def build_findings(
    result: Result, corpus: Corpus, changed: Mapping[str, frozenset[int] | None] | None = None
) -> list[Finding]:
    """One finding per conflicting (CST001) or merely compatible (CST002) pair and per weekday mismatch (CST003).

    ``changed`` maps file paths to the line numbers edited in their current version (None: the whole file
    is new); the side of a pair in an edited file, preferably on an edited line, becomes the primary
    location, else the first by (document, line). Sorted by :attr:`Finding.sort_key`.
    """
    sources = _Sources(corpus)
    edited = _Changed(changed)
    comparisons = result.comparisons[result.comparisons["verdict"].isin(list(VERDICT_CODES))]
    weekdays = result.findings
    wanted = set(comparisons["fact_a"]) | set(comparisons["fact_b"]) | set(weekdays["fact_id"])
    facts = result.facts[result.facts["fact_id"].isin(wanted)]
    starts: dict[str, int] = dict(zip(facts["fact_id"], facts["start"].astype(int), strict=True))

    findings: list[Finding] = []
    for row in _records(comparisons):
        code = VERDICT_CODES[str(row["verdict"])]
        a = sources.location(
            str(row["doc_a"]), int(row["line_a"]), str(row["text_a"]), str(row["value_a"]), starts.get(row["fact_a"])
        )
        b = sources.location(
            str(row["doc_b"]), int(row["line_b"]), str(row["text_b"]), str(row["value_b"]), starts.get(row["fact_b"])
        )
        primary, other = edited.primary_first(a, b)
        claim = f"{row['kind']}:{row['subject']}"
        subject = _text(row["subject"]) or str(row["kind"])
        findings.append(
            Finding(
                code=code,
                message=_pair_message(code, subject, primary, other, _text(row["reason"])),
                primary=primary,
                related=(other,),
                claim=claim,
                fingerprint=fingerprint(code, _claim_key(row), [(a.doc_id, a.value), (b.doc_id, b.value)]),
            )
        )
    for row in _records(weekdays):
        loc = sources.location(
            str(row["doc_id"]), int(row["line"]), str(row["text"]), str(row["value"]), starts.get(row["fact_id"])
        )
        problem = str(row["problem"])
        stated = _STATED.search(problem)
        claim = f"weekday:{stated.group(1) if stated else problem}"
        detail = _weekday_detail(problem)
        findings.append(
            Finding(
                code=WEEKDAY_CODE,
                message=f"{loc.doc_id} says {loc.says}: {detail}",
                primary=loc,
                claim=claim,
                fingerprint=fingerprint(WEEKDAY_CODE, claim, [(loc.doc_id, loc.value)]),
            )
        )
    return sorted(findings, key=lambda f: f.sort_key)


def _text(value: object) -> str:
    """A table cell as text: a missing value (NA, NaN, None) is "" (the tables hold NA, not "", since issue 10).

    >>> _text(float("nan")), _text(None), _text("troops")
    ('', '', 'troops')
    """
    return value if isinstance(value, str) else ""


def _claim_key(row: Mapping[str, Any]) -> str:
    """What a pair's fingerprint says the claim is: the kind, unit and measure (or counted noun), never the
    wording around it.

    A claim's readable subject may change when a third outlet joins it or a sentence is reworded; the
    fingerprint must not, or an accepted finding would come back for an edit that changed no value.

    >>> _claim_key({"kind": "count", "unit": "count", "subject": "Russian troops", "measure": ""})
    'count:count:troop'
    >>> _claim_key({"kind": "count", "unit": "count", "subject": "deaths", "measure": "deaths"})
    'count:count:deaths'
    >>> _claim_key({"kind": "date", "unit": "date", "subject": "start talks", "measure": "date:meet"})
    'date:date'
    """
    words = _text(row["subject"]).split()
    measure = _text(row.get("measure"))
    what = ""
    if row["kind"] not in ("date", "place"):
        what = measure or (stem(words[-1]) if words else "")
    return ":".join(part for part in (str(row["kind"]), str(row["unit"]), what) if part)


def _weekday_detail(problem: str) -> str:
    """The weekday part of a fact's note (which may carry other notes).

    >>> _weekday_detail("weekday mismatch: stated Thursday but 2022-01-12 is a Wednesday")
    'stated Thursday but 2022-01-12 is a Wednesday'
    """
    for part in problem.split("; "):
        if part.startswith(WEEKDAY_MISMATCH):
            return part[len(WEEKDAY_MISMATCH) :].lstrip(": ")
    return problem


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(zip(frame.columns, values, strict=True)) for values in frame.itertuples(index=False, name=None)]


# ---------------------------------------------------------------------------------------------------------
# Inline directives
# ---------------------------------------------------------------------------------------------------------
def parse_directives(path: str, text: str, markdown: bool) -> tuple[list[Directive], list[Finding]]:
    """The directives in the text of one file, and a CST101 finding for each malformed one.

    >>> text = "consistency: disable[CST001]\\nA\\nconsistency: ignore[CST01]\\n"
    >>> directives, bad = parse_directives("a.txt", text, markdown=False)
    >>> [(d.codes, d.first, d.last) for d in directives], [(f.code, f.primary.line, f.message) for f in bad]
    ([(('CST001',), 1, 4)], [('CST101', 3, "malformed directive consistency: ignore[CST01]: unknown code 'CST01'")])
    """
    lines = split_lines(text)
    directives, malformed = read_directives(path, list(enumerate(lines, 1)), markdown, (1, len(lines)))
    return directives, [_malformed_finding(m) for m in malformed]


def _malformed_finding(m: Malformed) -> Finding:
    claim = f"directive:{m.text}"
    return Finding(
        code=MALFORMED,
        message=f"malformed directive {m.text}: {m.problem}",
        primary=Location(m.path, m.line, m.column, m.doc_id, m.text, m.text),
        claim=claim,
        fingerprint=fingerprint(MALFORMED, claim, [(m.doc_id, m.text)]),
    )


def _unused_finding(d: Directive, codes: tuple[str, ...]) -> Finding:
    spelled = f"{d.verb}[{','.join(codes)}]"
    claim = f"directive:{spelled}"
    what = "on line" if d.first == d.last else "on lines"
    where = f"{what} {d.first}" if d.first == d.last else f"{what} {d.first}-{d.last}"
    return Finding(
        code=UNUSED,
        message=f"unused directive {spelled}: no {'/'.join(codes)} finding {where}",
        primary=Location(d.path, d.line, d.column, d.doc_id, d.text, spelled),
        claim=claim,
        fingerprint=fingerprint(UNUSED, claim, [(d.doc_id, spelled)]),
    )


def _document_directives(doc: Document, sources: _Sources) -> tuple[list[Directive], list[Malformed]]:
    """The directives of one document: from its file, or from its kept lines for a CSV/JSONL row."""
    path = source_path(doc)
    if _is_table_row(doc):
        if _KEYWORD not in doc.text:
            return [], []
        ends = (*doc.line_starts[1:], len(doc.text))
        pieces = [(n, doc.text[s:e].strip()) for n, s, e in zip(doc.line_numbers, doc.line_starts, ends, strict=True)]
        scope = (min(doc.line_numbers), max(doc.line_numbers))
        directives, malformed = read_directives(path, pieces, False, scope, doc.doc_id)
        # Columns count from the start of the row's text; the file's line may start with other fields.
        return [replace(d, column=sources.column(path, d.line, d.text)) for d in directives], [
            replace(m, column=sources.column(path, m.line, m.text)) for m in malformed
        ]
    text = sources.text(path)
    if text is None or _KEYWORD not in text:  # most documents: no need to look at their lines
        return [], []
    lines = sources.lines(path) or []
    markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    return read_directives(path, list(enumerate(lines, 1)), markdown, (1, len(lines)), doc.doc_id)


def apply_directives(findings: Sequence[Finding], corpus: Corpus) -> list[Finding]:
    """Mark findings that an inline directive covers as suppressed, and add CST101/CST102 findings.

    A finding is covered when its primary or any related location is on a line a directive covers for its
    code. Pass every finding (before filtering by level or by changed files), or directives that only
    cover the filtered-out ones are reported unused.
    """
    sources = _Sources(corpus)
    resolve = _Resolver()
    by_file: dict[str, list[tuple[int, Directive]]] = {}
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    for doc in corpus.documents:
        found, bad = _document_directives(doc, sources)
        for d in found:
            by_file.setdefault(resolve(d.path), []).append((len(directives), d))
            directives.append(d)
        malformed.extend(bad)

    used: set[tuple[int, str]] = set()
    out: list[Finding] = []
    for f in findings:
        covered = False
        if by_file and f.code not in DIRECTIVE_CODES:
            for loc in (f.primary, *f.related):
                for i, d in by_file.get(resolve(loc.path), ()):
                    if d.covers(f.code, loc.line):
                        used.add((i, f.code))
                        covered = True
        out.append(replace(f, suppressed=Suppression.INLINE, note="") if covered else f)
    for i, d in enumerate(directives):
        unused = tuple(c for c in d.codes if (i, c) not in used)
        if unused:
            out.append(_unused_finding(d, unused))
    out.extend(_malformed_finding(m) for m in malformed)
    return sorted(out, key=lambda f: f.sort_key)


# ---------------------------------------------------------------------------------------------------------
# Baseline
# ---------------------------------------------------------------------------------------------------------
class BaselineError(Exception):
    """The baseline file cannot be used; ``str(err)`` is one line: ``'<path>: <problem>'``."""


@dataclass(frozen=True)
class BaselineEntry:
    """Accepted findings with one fingerprint: ``count`` of them, and the reviewer's ``note``."""

    fingerprint: str
    code: str
    claim: str
    values: tuple[str, ...]
    count: int
    note: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "claim": self.claim,
            "values": list(self.values),
            "count": self.count,
            "note": self.note,
        }


def _entry(fp: str, finding: Finding, count: int, note: str) -> BaselineEntry:
    return BaselineEntry(fp, finding.code, finding.claim, finding_values(finding), count, note)


def _occurring(findings: Sequence[Finding]) -> tuple[Counter[str], dict[str, Finding]]:
    """How many findings (not suppressed inline) carry each fingerprint, and the first of each."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.suppressed is Suppression.INLINE or not f.fingerprint:
            continue
        counts[f.fingerprint] += 1
        first.setdefault(f.fingerprint, f)
    return counts, first


@dataclass(frozen=True)
class Baseline:
    """The committed file of accepted findings, keyed by fingerprint.

    >>> entry = BaselineEntry("0123456789abcdef", "CST001", "quantity:troops", ("a=1", "b=2"), 1, "reviewed")
    >>> print(Baseline({entry.fingerprint: entry}).dumps(), end="")
    {
      "findings": {
        "0123456789abcdef": {
          "claim": "quantity:troops",
          "code": "CST001",
          "count": 1,
          "note": "reviewed",
          "values": [
            "a=1",
            "b=2"
          ]
        }
      },
      "version": 1
    }
    """

    entries: Mapping[str, BaselineEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline file; a missing (or empty) file is an empty baseline.

        Any problem is a :class:`BaselineError` of one line naming the file, never another exception: a count
        of 5,000 digits (past Python's limit for ``int(str)``) or arrays nested a hundred thousand deep included.
        """
        shown = log_line(os.fspath(path))
        try:
            with open(path, encoding="utf-8-sig") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return cls({})
        except UnicodeDecodeError as err:
            raise BaselineError(f"{shown}: not UTF-8 (byte {err.start})") from None
        except OSError as err:
            raise BaselineError(f"{shown}: cannot read ({err.strerror or err})") from None
        if not raw.strip():
            return cls({})
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            raise BaselineError(f"{shown}: not valid JSON: {err.msg} at line {err.lineno}") from None
        except ValueError as err:  # an integer with more digits than int() converts (4,300 by default)
            problem = "a number has too many digits" if "digits" in str(err) else _brief(str(err), 100)
            raise BaselineError(f"{shown}: not a usable baseline: {problem}") from None
        except RecursionError:
            raise BaselineError(f"{shown}: not a usable baseline: nested too deep") from None
        return cls(_parse_baseline(data, shown))

    def dumps(self) -> str:
        """The file's text: sorted keys, two-space indent, a trailing newline, for reviewable diffs."""
        data = {
            "version": BASELINE_VERSION,
            "findings": {fp: self.entries[fp].as_json() for fp in sorted(self.entries)},
        }
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"

    def updated(self, findings: Sequence[Finding]) -> Baseline:
        """Exactly the given findings (except those suppressed inline), keeping the notes of known entries.

        Pass the findings to accept; the CLI's ``--update-baseline`` passes every finding not suppressed inline.
        """
        counts, first = _occurring(findings)
        entries = {
            fp: _entry(fp, first[fp], n, self.entries[fp].note if fp in self.entries else "")
            for fp, n in counts.items()
        }
        return Baseline(dict(sorted(entries.items())))

    def pruned(self, findings: Sequence[Finding]) -> Baseline:
        """Only the entries that still occur, each count lowered to how many occur; never adds an entry."""
        counts, _ = _occurring(findings)
        entries = {fp: replace(e, count=min(e.count, counts[fp])) for fp, e in self.entries.items() if counts[fp]}
        return Baseline(dict(sorted(entries.items())))


def _brief(text: str, limit: int = 60) -> str:
    """One short log-safe line: a hostile baseline's values are shown, but never a page of them.

    >>> _brief("abc"), _brief("x" * 100, 10), _brief("a\\nb")
    ('abc', 'xxxxxxxxx…', 'a\\\\nb')
    """
    text = log_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: object) -> str:
    """``repr(value)`` for an error message, cut short (repr of a 5,000-digit int would itself raise)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 200:
        return "an integer of more than 60 digits"
    if isinstance(value, (list, dict)):
        return f"a JSON {'array' if isinstance(value, list) else 'object'}"
    return _brief(repr(value))


def _parse_baseline(data: object, shown: str) -> dict[str, BaselineEntry]:
    if not isinstance(data, dict):
        raise BaselineError(f'{shown}: expected a JSON object with "version" and "findings"')
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{shown}: unsupported version {_shown(data.get('version'))} (expected {BASELINE_VERSION})")
    found = data.get("findings")
    if not isinstance(found, dict):
        raise BaselineError(f'{shown}: "findings" must be an object of fingerprint -> entry')
    entries: dict[str, BaselineEntry] = {}
    for fp, item in sorted(found.items()):
        where = f"{shown}: findings.{_brief(fp)}"
        if not isinstance(item, dict):
            raise BaselineError(f"{where}: expected an object")
        code, claim, values = item.get("code"), item.get("claim", ""), item.get("values", [])
        count, note = item.get("count", 1), item.get("note", "")
        if not isinstance(code, str) or code not in RULES:
            raise BaselineError(f"{where}.code: unknown code {_shown(code)}")
        if not isinstance(claim, str):
            raise BaselineError(f"{where}.claim: expected a string")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise BaselineError(f"{where}.values: expected a list of strings")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"{where}.count: expected a positive integer, got {_shown(count)}")
        if not isinstance(note, str):
            raise BaselineError(f"{where}.note: expected a string")
        entries[fp] = BaselineEntry(fp, code, claim, tuple(values), count, note)
    return entries


def apply_baseline(findings: Sequence[Finding], baseline: Baseline) -> tuple[list[Finding], list[BaselineEntry]]:
    """Accept up to ``count`` unsuppressed findings per baselined fingerprint (``Suppression.BASELINE``, note copied).

    Returns the findings, sorted, and the stale entries: those, or the part of their count, that matched nothing.
    """
    remaining = {fp: e.count for fp, e in baseline.entries.items()}
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.suppressed is Suppression.NONE and remaining.get(f.fingerprint, 0) > 0:
            remaining[f.fingerprint] -= 1
            f = replace(f, suppressed=Suppression.BASELINE, note=baseline.entries[f.fingerprint].note)
        out.append(f)
    stale = [replace(e, count=remaining[fp]) for fp, e in sorted(baseline.entries.items()) if remaining[fp] > 0]
    return out, stale
