"""The output formats of ``consistency check``: one function per format, all pure and deterministic.

Every formatter takes the sorted :class:`~consistency.findings.Finding` records (accepted ones included,
marked by ``finding.suppressed``) and returns the whole payload as one string ending in a newline, byte-identical
for the same input: no timestamps, no absolute paths of ours, JSON with a fixed key order.

>>> from consistency.findings import Finding, Location
>>> conflict = Finding(
...     "CST001",
...     "people: b says 10 people (10) but a:3 says five people (5)",
...     Location("docs/b.txt", 7, 12, "b", "10 people", "10"),
...     (Location("docs/a.txt", 3, 40, "a", "five people", "5"),),
... )
>>> print(format_findings([conflict], Format.CONCISE), end="")
docs/b.txt:7:12: CST001 people: b says 10 people (10) but a:3 says five people (5)
>>> print(format_findings([], Format.TEXT), end="")
No findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from consistency._escape import log_line, markdown_cell, markdown_code, workflow_data, workflow_property
from consistency.findings import LEVELS, RULES, Finding, Location, Suppression

__all__ = [
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "Format",
    "finding_record",
    "format_concise",
    "format_findings",
    "format_github",
    "format_job_summary",
    "format_json",
    "format_sarif",
    "format_statistics",
    "format_text",
    "github_escape_data",
    "github_escape_property",
    "sarif_log",
]

#: Where the SARIF log says its schema lives (the URI GitHub code scanning and SARIF viewers expect).
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: The key of our fingerprint in SARIF ``partialFingerprints``; bump the version if the hash ever changes.
FINGERPRINT_KEY = "consistency/v1"

#: Rule level (``Rule.level``, compared with ``--fail-on``) -> SARIF result level and GitHub command.
_SARIF_LEVELS = {"conflict": "error", "compatible": "warning"}
_GITHUB_COMMANDS = {"conflict": "error", "compatible": "warning"}
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:/")


class Format(str, Enum):
    """An output format of ``consistency check --format``."""

    TEXT = "text"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


#: Where a location's sentence comes from, for ``--show-source``: None when it is not known.
Sentences = Callable[[Location], str | None]


def format_findings(
    findings: Sequence[Finding],
    fmt: Format,
    *,
    stale: Sequence[str] = (),
    version: str = "0.1.0",
    totals: bool = True,
    sentences: Sentences | None = None,
) -> str:
    """The payload of ``consistency check --format FMT``: the findings in that format, ending in a newline.

    ``stale`` lines describe baseline entries that no longer occur (only ``text`` shows them; the other
    formats are for machines, and the CLI reports stale entries on stderr). ``version`` is the tool version
    written into SARIF. ``concise`` and ``github`` return an empty string when nothing is unaccepted.
    ``totals`` and ``sentences`` only change ``text``: see :func:`format_text`.
    """
    ordered = sorted(findings, key=lambda f: f.sort_key)
    writers: dict[Format, Callable[[Sequence[Finding]], str]] = {
        Format.TEXT: lambda fs: format_text(fs, stale=stale, totals=totals, sentences=sentences),
        Format.CONCISE: format_concise,
        Format.JSON: format_json,
        Format.GITHUB: format_github,
        Format.SARIF: lambda fs: format_sarif(fs, version=version),
    }
    return writers[Format(fmt)](ordered)


# --- shared pieces -------------------------------------------------------------------------------------------


def _open(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that are neither accepted in the baseline nor suppressed inline."""
    return [f for f in findings if f.suppressed is Suppression.NONE]


def _one_line(text: str) -> str:
    """``text`` as one safe log line: line breaks inside a message become spaces (a fact may wrap), and what
    is left goes through :func:`~consistency._escape.log_line` (no control characters, no leading ``::``).

    >>> _one_line("troops:\\r\\n100%,\\nmore"), _one_line("::add-mask::x")
    ('troops: 100%, more', '\\\\::add-mask::x')
    """
    return log_line(" ".join(text.splitlines()))


def _where(loc: Location) -> str:
    """``path:line:col``; a path's own line breaks are shown as escapes, since they are part of its name."""
    return f"{log_line(loc.path)}:{loc.line}:{loc.column}"


def _source(loc: Location) -> str:
    """A related source in one line: where it is and what it says."""
    return f"{_where(loc)}: {_one_line(loc.says)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# --- text and concise ----------------------------------------------------------------------------------------


def format_text(
    findings: Sequence[Finding],
    *,
    stale: Sequence[str] = (),
    totals: bool = True,
    sentences: Sentences | None = None,
) -> str:
    """For people: each open finding with its other sources, the stale baseline entries, then a summary.

    ``totals=False`` (``check --quiet``) leaves out the closing count line, and ``No findings.`` when there are
    none: the output is then empty when nothing fails, like ``ruff --quiet``. With ``sentences``
    (``--show-source``) each location is followed by its sentence with the stated value underlined.

    >>> print(format_text([], stale=["4f1c9e0a2b7d5e63 CST001 quantity:troops"]), end="")
    Stale baseline entries (no longer found; prune them with --prune-baseline):
      4f1c9e0a2b7d5e63 CST001 quantity:troops
    <BLANKLINE>
    No findings.
    >>> format_text([], totals=False)
    ''
    >>> weekday = Finding("CST003", "a says Thursday, Jan 12: it is a Wednesday",
    ...                   Location("a.txt", 2, 5, "a", "Thursday, Jan 12", "2022-01-12"))
    >>> print(format_text([weekday], totals=False, sentences=lambda loc: "Talks open Thursday, Jan 12."), end="")
    a.txt:2:5: CST003 [weekday-mismatch] a says Thursday, Jan 12: it is a Wednesday
        | Talks open Thursday, Jan 12.
        |            ^^^^^^^^^^^^^^^^
    """
    lines: list[str] = []
    shown = _open(findings)
    for f in shown:
        lines.append(f"{_where(f.primary)}: {f.code} [{f.rule.name}] {_one_line(f.message)}")
        if sentences is not None:
            lines.extend(_source_lines(f.primary, sentences(f.primary)))
        for loc in f.related:
            lines.append(f"  also: {_source(loc)}")
            if sentences is not None:
                lines.extend(_source_lines(loc, sentences(loc)))
    if stale:
        if lines:
            lines.append("")
        lines.append("Stale baseline entries (no longer found; prune them with --prune-baseline):")
        lines.extend(f"  {_one_line(entry)}" for entry in stale)
    if not totals:
        return "".join(f"{line}\n" for line in lines)
    if lines:
        lines.append("")
    baseline = sum(f.suppressed is Suppression.BASELINE for f in findings)
    inline = sum(f.suppressed is Suppression.INLINE for f in findings)
    if not findings:
        lines.append("No findings.")
    else:
        lines.append(
            f"{_plural(len(shown), 'finding')}, {baseline} accepted by the baseline, {inline} suppressed inline"
        )
    return "\n".join(lines) + "\n"


def _source_lines(loc: Location, sentence: str | None) -> list[str]:
    """The sentence a location's value was read from, with the value underlined (``^``) when it is found.

    >>> _source_lines(Location("a", 1, 1, "a", "10 people"), "Police said\\n10 people died.")
    ['    | Police said 10 people died.', '    |             ^^^^^^^^^']
    >>> _source_lines(Location("a", 1, 1, "a", "ten"), "Nothing like it."), _source_lines(Location("a", 1, 1), "")
    (['    | Nothing like it.'], [])
    """
    if not sentence:
        return []
    said = _one_line(" ".join(sentence.split()))
    out = [f"    | {said}"]
    text = _one_line(" ".join(loc.text.split()))
    at = said.find(text) if text else -1
    if at >= 0:
        out.append(f"    | {' ' * at}{'^' * len(text)}")
    return out


def format_concise(findings: Sequence[Finding]) -> str:
    """Exactly one ``path:line:col: CODE message`` line per open finding, nothing else."""
    return "".join(f"{_where(f.primary)}: {f.code} {_one_line(f.message)}\n" for f in _open(findings))


# --- json ----------------------------------------------------------------------------------------------------


def _location_record(loc: Location) -> dict[str, Any]:
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "doc_id": loc.doc_id,
        "text": loc.text,
        "value": loc.value,
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as a plain JSON object (the ``json`` format's list items)."""
    return {
        "code": finding.code,
        "rule": finding.rule.name,
        "level": finding.rule.level,
        "message": finding.message,
        **_location_record(finding.primary),
        "related": [_location_record(loc) for loc in finding.related],
        "claim": finding.claim,
        "fingerprint": finding.fingerprint,
        "suppressed": finding.suppressed.value,
        "note": finding.note,
    }


def format_json(findings: Sequence[Finding]) -> str:
    """Every finding, accepted ones included (``"suppressed": "baseline"`` or ``"inline"``), as a sorted list."""
    return json.dumps([finding_record(f) for f in findings], indent=2, sort_keys=True) + "\n"


# --- github --------------------------------------------------------------------------------------------------
# The escaping is @actions/core's (consistency._escape.workflow_data / workflow_property); the old names stay.

github_escape_data = workflow_data
github_escape_property = workflow_property


def format_github(findings: Sequence[Finding]) -> str:
    """One ``::error`` (``::warning`` for rules at the 'compatible' level) annotation per open finding.

    The annotation goes on the primary location; the other sources follow the message on lines of their own.
    """
    lines = []
    for f in _open(findings):
        properties = [("file", f.primary.path)]
        if f.primary.line >= 1:
            properties.append(("line", str(f.primary.line)))
            if f.primary.column >= 1:
                properties.append(("col", str(f.primary.column)))
        properties.append(("title", f"{f.code} {f.rule.name}"))
        message = "\n".join([f.message, *(f"also: {_source(loc)}" for loc in f.related)])
        props = ",".join(f"{key}={workflow_property(value)}" for key, value in properties)
        lines.append(f"::{_GITHUB_COMMANDS[f.rule.level]} {props}::{workflow_data(message)}\n")
    return "".join(lines)


# --- sarif ---------------------------------------------------------------------------------------------------


def _uri(path: str) -> str:
    """A file path as a SARIF ``artifactLocation.uri``: relative paths stay relative, with ``/`` separators.

    >>> _uri("seeds/002_4f8a57ab780d97d1.txt"), _uri("news\\\\a b#1.txt")
    ('seeds/002_4f8a57ab780d97d1.txt', 'news/a%20b%231.txt')
    >>> _uri("/srv/news/a.txt"), _uri("C:\\\\news\\\\a.txt")
    ('file:///srv/news/a.txt', 'file:///C:/news/a.txt')
    """
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(posix):
        return PureWindowsPath(path).as_uri()
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")


def _physical(loc: Location) -> dict[str, Any]:
    region: dict[str, int] = {}
    if loc.line >= 1:
        region["startLine"] = loc.line
        if loc.column >= 1:
            region["startColumn"] = loc.column
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.path)}}
    if region:
        physical["region"] = region
    return physical


def _suppressions(finding: Finding) -> list[dict[str, str]]:
    if finding.suppressed is Suppression.BASELINE:
        return [{"kind": "external", "justification": finding.note or "accepted in the baseline"}]
    if finding.suppressed is Suppression.INLINE:
        return [{"kind": "inSource"}]
    return []


def sarif_log(findings: Sequence[Finding], *, version: str = "0.1.0") -> dict[str, Any]:
    """The SARIF 2.1.0 log as a JSON-ready dict: one run, every rule, one result per finding."""
    codes = sorted(RULES)
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": _SARIF_LEVELS[RULES[code].level]},
        }
        for code in codes
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": codes.index(f.code),
            "level": _SARIF_LEVELS[f.rule.level],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": _physical(f.primary)}],
        }
        if f.related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": _physical(loc),
                    "message": {"text": f"{loc.doc_id or loc.path} says {loc.says}"},
                }
                for number, loc in enumerate(f.related, start=1)
            ]
        if f.fingerprint:
            result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        suppressions = _suppressions(f)
        if suppressions:
            result["suppressions"] = suppressions
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "consistency",
                        "version": version,
                        "rules": rules,
                    }
                },
                # Columns count Python characters (code points), not UTF-16 units, which is SARIF's default.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def format_sarif(findings: Sequence[Finding], *, version: str = "0.1.0") -> str:
    """The SARIF 2.1.0 log, accepted findings included with ``suppressions`` (GitHub shows them as dismissed)."""
    return json.dumps(sarif_log(findings, version=version), indent=2) + "\n"


# --- statistics (--statistics) -------------------------------------------------------------------------------


def _statistics(findings: Sequence[Finding]) -> list[tuple[int, str]]:
    """(count, code) of the open findings, the most frequent rule first."""
    counts: dict[str, int] = {}
    for f in _open(findings):
        counts[f.code] = counts.get(f.code, 0) + 1
    return sorted(((n, code) for code, n in counts.items()), key=lambda item: (-item[0], item[1]))


def format_statistics(findings: Sequence[Finding], fmt: Format = Format.TEXT) -> str:
    """``check --statistics``: how many open findings each rule has, the most frequent first (as ruff's).

    ``json`` gives a list of ``{"code", "name", "level", "count"}``; every other format a table of count, code
    and rule name, or ``No findings.``.

    >>> loc = Location("a.txt", 1, 1)
    >>> found = [Finding("CST001", "x", loc), Finding("CST003", "y", loc), Finding("CST001", "z", loc, claim="c")]
    >>> print(format_statistics(found), end="")
    2  CST001  value-conflict
    1  CST003  weekday-mismatch
    >>> print(format_statistics([]), end="")
    No findings.
    """
    rows = _statistics(findings)
    if Format(fmt) is Format.JSON:
        records = [{"code": code, "name": RULES[code].name, "level": RULES[code].level, "count": n} for n, code in rows]
        return json.dumps(records, indent=2) + "\n"
    if not rows:
        return "No findings.\n"
    width = len(str(rows[0][0]))
    return "".join(f"{n:>{width}}  {code}  {RULES[code].name}\n" for n, code in rows)


# --- GitHub job summary --------------------------------------------------------------------------------------

#: The most claims a job summary lists, and places it names for one value; the rest are counted.
SUMMARY_CLAIMS = 50
SUMMARY_PLACES = 10


def format_job_summary(
    findings: Sequence[Finding],
    failing: Sequence[Finding],
    *,
    fail_on: str = "conflict",
    failed: bool | None = None,
    stale: int = 0,
    link: Callable[[Location], str | None] | None = None,
    headlines: Mapping[str, str] | None = None,
) -> str:
    """The gate's result as Markdown for ``$GITHUB_STEP_SUMMARY``: passed or failed, the counts, and a table of
    the claims that failed, each value with where it is stated (``path:line``).

    ``findings`` are all the run's findings (accepted ones marked), ``failing`` those that fail the gate;
    ``failed`` is the gate's outcome when it differs from ``bool(failing)`` (``--strict-baseline`` with
    ``stale`` entries). ``link`` gives the URL of a location (the file on GitHub at that
    line) when there is one; ``headlines`` names claims (``finding.claim`` -> what ``report.md`` calls it),
    else a claim is shown by its subject. Every value from a document is escaped for a Markdown cell.

    >>> a = Location("docs/a.md", 3, 1, "a", "10 people", "10")
    >>> b = Location("docs/b.md", 7, 4, "b", "five people", "5")
    >>> print(format_job_summary([Finding("CST001", "people: ...", b, (a,), claim="count:people")],
    ...                          [Finding("CST001", "people: ...", b, (a,), claim="count:people")]), end="")
    ## consistency check: failed
    <BLANKLINE>
    1 finding at or above `conflict` fails the gate; 0 accepted by the baseline, 0 suppressed inline.
    <BLANKLINE>
    | Claim | Rule | Value | Stated in |
    | --- | --- | --- | --- |
    | people | CST001 value-conflict | five people (5) | `docs/b.md:7` |
    | | | 10 people (10) | `docs/a.md:3` |
    """
    failed = bool(failing) if failed is None else failed
    baseline = sum(f.suppressed is Suppression.BASELINE for f in findings)
    inline = sum(f.suppressed is Suppression.INLINE for f in findings)
    bar = LEVELS[LEVELS.index(fail_on) :] if fail_on in LEVELS else LEVELS
    lines = [f"## consistency check: {'failed' if failed else 'passed'}", ""]
    lead = (
        f"{_plural(len(failing), 'finding')} at or above `{fail_on}` {'fails' if len(failing) == 1 else 'fail'} "
        "the gate"
        if failing
        else f"No finding at or above `{fail_on}`"
    )
    lines.append(f"{lead}; {baseline} accepted by the baseline, {inline} suppressed inline.")
    if stale:
        lines.append("")
        entries = "stale baseline entry" if stale == 1 else "stale baseline entries"
        lines.append(f"{stale} {entries} (no longer found; prune them with `--prune-baseline`).")
    open_below = sum(f.suppressed is Suppression.NONE and f.rule.level not in bar for f in findings)
    if open_below:
        lines.append("")
        lines.append(f"{_plural(open_below, 'finding')} below `{fail_on}` (not failing).")
    if not failing:
        return "\n".join(lines) + "\n"
    lines += ["", "| Claim | Rule | Value | Stated in |", "| --- | --- | --- | --- |"]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in sorted(failing, key=lambda f: f.sort_key):
        groups.setdefault((f.code, f.claim or f.fingerprint or f.message), []).append(f)
    for (code, claim), members in list(groups.items())[:SUMMARY_CLAIMS]:
        rule = f"{code} {RULES[code].name}"
        named = (headlines or {}).get(claim) or claim.partition(":")[2] or claim
        name = markdown_cell(named) if claim else ""
        for n, (said, where) in enumerate(_values(code, members, link)):
            cells = (name, rule, said, where) if n == 0 else ("", "", said, where)
            lines.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    if len(groups) > SUMMARY_CLAIMS:
        lines += ["", f"... and {_plural(len(groups) - SUMMARY_CLAIMS, 'more claim')} (see the log)."]
    return "\n".join(lines) + "\n"


def _values(
    code: str, members: Sequence[Finding], link: Callable[[Location], str | None] | None = None
) -> list[tuple[str, str]]:
    """(what is said, where) rows of one failing claim: each value once, with every place that states it.

    A pair finding (CST001/CST002) lists its values; any other finding is its message at its location.

    >>> loc = Location("docs/a.md", 3, 1, "a", "10 people", "10")
    >>> _values("CST003", [Finding("CST003", "a says x", loc)], lambda loc: "https://example.com/a.md#L3")
    [('a says x', '[`docs/a.md:3`](https://example.com/a.md#L3)')]
    """

    def where(loc: Location) -> str:
        shown = markdown_code(f"{loc.path}:{loc.line}")
        url = link(loc) if link is not None else None
        return f"[{shown}]({url})" if url else shown

    if code not in ("CST001", "CST002"):
        return [(markdown_cell(f.message), where(f.primary)) for f in members]
    places: dict[str, dict[tuple[str, int], Location]] = {}
    for f in members:
        for loc in (f.primary, *f.related):
            places.setdefault(loc.says, {}).setdefault((loc.path, loc.line), loc)
    rows = []
    for said, at in places.items():
        named = [where(loc) for loc in list(at.values())[:SUMMARY_PLACES]]
        more = len(at) - len(named)
        rows.append((markdown_cell(said), ", ".join(named) + (f" and {more} more" if more else "")))
    return rows
