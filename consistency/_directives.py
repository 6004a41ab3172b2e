"""Read inline ``consistency:`` directives from the lines of one document (used by ``gate.py``).

Markdown carries them in HTML comments, which render as nothing; plain text (``.txt`` files and the texts
of CSV/JSONL rows) as whole lines starting with ``consistency:``:

* ``ignore[CODE]`` on its own line covers the next line (further directive lines are skipped, so they
  stack); trailing a Markdown line, it covers that line;
* ``disable[CODE]`` covers from its line until ``enable[CODE]`` (or the end of the document);
* ``disable-file[CODE]`` covers the whole document, wherever it stands.

Several codes are comma-separated: ``ignore[CST001, CST002]``. A code is required, as in ruff's ``noqa``
and ESLint's ``eslint-disable``, so that a directive never hides more than its author meant.

>>> directives, malformed = read_directives(
...     "a.md", [(1, "<!-- consistency: ignore[CST001] -->"), (2, "Some 40 people died."),
...              (3, "Talks in May. <!-- consistency: ignore[CST003,CST002] -->")], markdown=True, scope=(1, 3))
>>> [(d.line, d.codes, d.first, d.last) for d in directives]
[(1, ('CST001',), 2, 2), (3, ('CST003', 'CST002'), 3, 3)]
>>> _, malformed = read_directives("a.txt", [(4, "consistency: ignore CST001")], markdown=False, scope=(1, 9))
>>> malformed[0].problem
'missing [CODE] after ignore: write ignore[CODE]'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from consistency.findings import RULES

__all__ = ["DIRECTIVE_CODES", "MALFORMED", "UNUSED", "VERBS", "Directive", "Malformed", "read_directives"]

#: The rules about directives themselves: they are reported, never suppressed.
MALFORMED, UNUSED = "CST101", "CST102"
DIRECTIVE_CODES = frozenset({MALFORMED, UNUSED})
VERBS = ("ignore", "disable", "enable", "disable-file")

# A directive comment; a comment left open on its line is malformed rather than silently ignored.
_MD_DIRECTIVE = re.compile(r"<!--\s*consistency\s*:(?P<body>.*?)(?P<close>-->|$)")
_MD_ANY_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
# Plain text: only a line that starts with the lowercase word, so prose ("Consistency: the key ...") is prose.
_TXT_DIRECTIVE = re.compile(r"^(?P<indent>\s*)consistency\s*:(?P<body>.*)$")
_BODY = re.compile(r"^\s*(?P<verb>[A-Za-z][\w-]*)\s*(?:\[(?P<codes>[^\]\[]*)\]\s*)?$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True)
class Directive:
    """One directive: the ``codes`` it suppresses on lines ``first``..``last`` (inclusive) of ``path``.

    ``last`` is the last line of the document for ranges left open and for ``disable-file``.
    """

    path: str
    line: int
    codes: tuple[str, ...]
    first: int
    last: int
    verb: str = ""
    column: int = 1
    #: The directive as written, e.g. ``<!-- consistency: ignore[CST001] -->``.
    text: str = ""
    doc_id: str = ""

    def covers(self, code: str, line: int) -> bool:
        """Does this directive suppress ``code`` on ``line``?

        >>> Directive("a.md", 1, ("CST001",), 2, 2).covers("CST001", 2)
        True
        >>> Directive("a.md", 1, ("CST001",), 2, 2).covers("CST002", 2)
        False
        """
        return code in self.codes and self.first <= line <= self.last

    @property
    def spelled(self) -> str:
        """The directive in its canonical form, e.g. ``ignore[CST001,CST002]``."""
        return f"{self.verb}[{','.join(self.codes)}]"


@dataclass(frozen=True)
class Malformed:
    """A directive that cannot be read, and why."""

    path: str
    line: int
    column: int
    text: str
    problem: str
    doc_id: str = ""


@dataclass(frozen=True)
class _Parsed:
    line: int
    column: int
    text: str
    verb: str
    codes: tuple[str, ...]
    own_line: bool


def _parse_body(body: str) -> tuple[str, tuple[str, ...]] | str:
    """(verb, codes) of a directive body such as ``ignore[CST001, CST002]``, or the problem with it.

    >>> _parse_body(" disable[cst001 , CST002] ")
    ('disable', ('CST001', 'CST002'))
    >>> _parse_body("ignores[CST001]")
    "unknown verb 'ignores' (expected ignore, disable, enable or disable-file)"
    >>> _parse_body("ignore[]"), _parse_body("ignore[CST999]")
    ('a code is required: ignore[CODE]', "unknown code 'CST999'")
    """
    m = _BODY.match(body)
    if m is None:
        first = body.split("[")[0].split()[:1]
        if first and first[0] in VERBS and "[" not in body:
            return f"missing [CODE] after {first[0]}: write {first[0]}[CODE]"
        return f"cannot read {body.strip()!r}: expected ignore[CODE], disable[CODE], enable[CODE] or disable-file[CODE]"
    verb: str = m.group("verb")
    listed: str | None = m.group("codes")
    if verb not in VERBS:
        return f"unknown verb {verb!r} (expected {', '.join(VERBS[:-1])} or {VERBS[-1]})"
    if listed is None:
        return f"missing [CODE] after {verb}: write {verb}[CODE]"
    codes = tuple(dict.fromkeys(c.strip().upper() for c in listed.split(",") if c.strip()))
    if not codes:
        return f"a code is required: {verb}[CODE]"
    for code in codes:
        if code in DIRECTIVE_CODES:
            return f"{code} is about directives and cannot be suppressed"
        if code not in RULES:
            return f"unknown code {code!r}"
    return verb, codes


def _in_code_span(line: str, start: int) -> bool:
    """Is ``start`` inside a Markdown inline code span (an odd number of backticks before it)?"""
    return line.count("`", 0, start) % 2 == 1


def _scan(
    path: str, lines: Sequence[tuple[int, str]], markdown: bool, doc_id: str
) -> tuple[list[_Parsed], list[Malformed], set[int]]:
    """Every directive found, the malformed ones, and the indexes of lines that hold only directives."""
    found: list[_Parsed] = []
    malformed: list[Malformed] = []
    directive_only: set[int] = set()
    fenced = False
    for index, (number, line) in enumerate(lines):
        if markdown:
            if _FENCE.match(line):
                fenced = not fenced
                continue
            if fenced or "<!--" not in line:
                continue
            hits = [m for m in _MD_DIRECTIVE.finditer(line) if not _in_code_span(line, m.start())]
            own_line = bool(hits) and not _MD_ANY_COMMENT.sub("", line).strip()
            for m in hits:
                where = (number, m.start() + 1, m.group(0).strip())
                if not m.group("close"):
                    malformed.append(Malformed(path, *where, "comment not closed on its line: end it with -->", doc_id))
                    continue
                parsed = _parse_body(m.group("body"))
                if isinstance(parsed, str):
                    malformed.append(Malformed(path, *where, parsed, doc_id))
                else:
                    found.append(_Parsed(*where, *parsed, own_line))
        else:
            txt = _TXT_DIRECTIVE.match(line)
            if txt is None:
                continue
            own_line = True
            where = (number, len(txt.group("indent")) + 1, line.strip())
            parsed = _parse_body(txt.group("body"))
            if isinstance(parsed, str):
                malformed.append(Malformed(path, *where, parsed, doc_id))
            else:
                found.append(_Parsed(*where, *parsed, own_line))
        if own_line:
            directive_only.add(index)
    return found, malformed, directive_only


def _ordered(p: _Parsed, codes: list[str]) -> tuple[str, ...]:
    """``codes`` in the order the directive lists them."""
    return tuple(c for c in p.codes if c in codes)


def read_directives(
    path: str, lines: Sequence[tuple[int, str]], markdown: bool, scope: tuple[int, int], doc_id: str = ""
) -> tuple[list[Directive], list[Malformed]]:
    """The directives of one document given as (original line number, line text) pairs in order.

    ``scope`` is the document's first and last line: what ``disable-file`` and an open ``disable`` cover.
    (A CSV or JSONL row is one document inside a larger file, so its scope is its own lines.)
    """
    found, malformed, directive_only = _scan(path, lines, markdown, doc_id)
    index_of = {number: i for i, (number, _) in reversed(list(enumerate(lines)))}
    directives: list[Directive] = []
    # code -> the disables still open for it: (directive, codes of that directive not yet closed)
    open_ranges: dict[str, list[_Parsed]] = {}

    def make(p: _Parsed, codes: tuple[str, ...], first: int, last: int) -> Directive:
        return Directive(path, p.line, codes, first, last, p.verb, p.column, p.text, doc_id)

    for p in found:
        if p.verb == "ignore":
            target = p.line
            if p.own_line:
                i = index_of.get(p.line, len(lines)) + 1
                while i < len(lines) and i in directive_only:
                    i += 1
                # Nothing follows: an empty range past the end, reported as unused.
                target = lines[i][0] if i < len(lines) else scope[1] + 1
            directives.append(make(p, p.codes, target, target))
        elif p.verb == "disable-file":
            directives.append(make(p, p.codes, scope[0], scope[1]))
        elif p.verb == "disable":
            for code in p.codes:
                open_ranges.setdefault(code, []).append(p)
        else:  # enable
            closed: dict[tuple[int, int], tuple[_Parsed, list[str]]] = {}
            for code in p.codes:
                opened = open_ranges.pop(code, [])
                if not opened:
                    problem = f"enable[{code}] without disable[{code}] before it"
                    malformed.append(Malformed(path, p.line, p.column, p.text, problem, doc_id))
                for start in opened:
                    closed.setdefault((start.line, start.column), (start, []))[1].append(code)
            for start, codes in closed.values():
                directives.append(make(start, _ordered(start, codes), start.line, p.line))
    left_open: dict[tuple[int, int], tuple[_Parsed, list[str]]] = {}
    for code, opened in open_ranges.items():
        for start in opened:
            left_open.setdefault((start.line, start.column), (start, []))[1].append(code)
    for start, codes in left_open.values():
        directives.append(make(start, _ordered(start, codes), start.line, scope[1]))
    directives.sort(key=lambda d: (d.line, d.column, d.first, d.last))
    malformed.sort(key=lambda m: (m.line, m.column))
    return directives, malformed
