"""A cheap lookahead that a costly pattern's matches must pass: the first characters they can start with.

A pattern of many alternatives (``dates.py``) makes the regular-expression engine try each of them at every
word start, although the word in front of it ("police", "said") can start none. :func:`first_chars` reads the
pattern's parse tree and writes a lookahead of the first ``k`` characters its matches can start with, as a tree
grouped by first character; put before the pattern, it refuses most positions at once. It is computed from the
pattern itself, so it allows every start the pattern can take (a superset: lookarounds are passed over), and the
matches are the same with it as without. A construct it does not read (a back-reference, inline flags) gives no
lookahead at all.

>>> import re
>>> pattern = r"(?:[Ll]ast|[Nn]ext)\\s+week|[Ll]ater|\\d{4}"
>>> print(first_chars(pattern))
(?=[Ll][a]|[Nn][e]|[\\d][\\d])
>>> ahead = first_chars(pattern, 3)
>>> print(ahead)
(?=[Ll][a][st]|[Nn][e][x]|[\\d][\\d][\\d])
>>> [bool(re.match(ahead, w)) for w in ("last", "Next", "2021", "police", "la", "lamp")]
[True, True, True, False, False, False]
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["first_chars"]

#: A character class that takes any character.
_ANY = r"[\s\S]"
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_Prefixes = set[tuple[str, ...]]


class _Unsupported(Exception):
    """A construct the reader does not know: then no lookahead is written."""


def first_chars(pattern: str, k: int = 2) -> str:
    """A lookahead that every match of ``pattern`` (compiled without flags) passes at its start: the first ``k``
    characters it can start with, as a tree of alternatives; "" when the pattern can match the empty string or
    holds a construct not read here (then nothing can be refused)."""
    try:
        starts = _seq(parser.parse(pattern).data, k)
    except _Unsupported:
        return ""
    if () in starts:
        return ""
    return "(?=" + _tree(starts) + ")"


def _tree(prefixes: _Prefixes) -> str:
    """A pattern that matches the start of anything that starts with one of ``prefixes`` (a shorter prefix
    takes any continuation): the prefixes grouped by their first class, and first classes with the same
    continuations merged into one ("[Ll]" then "a" or "e", "[Nn]" then "a" or "e": "[LlNn][ae]")."""
    if () in prefixes:
        return ""
    rests: dict[str, set[tuple[str, ...]]] = {}
    for prefix in prefixes:
        rests.setdefault(prefix[0], set()).add(prefix[1:])
    firsts: dict[frozenset[tuple[str, ...]], set[str]] = {}
    for first, rest in rests.items():
        firsts.setdefault(frozenset(rest), set()).add(first)
    branches = []
    for following, heads in firsts.items():
        tail = _tree(set(following))
        branches.append(_merge(heads) + (f"(?:{tail})" if "|" in tail else tail))
    return "|".join(sorted(branches))


def _merge(classes: set[str]) -> str:
    """One class for several one-character classes: "[Ll]" and "a" give "[Lla]"."""
    inner = []
    for c in sorted(classes):
        if c.startswith("[^") or c in (r"\D", r"\S", r"\W"):
            return "(?:" + "|".join(sorted(classes)) + ")"
        inner.append(c[1:-1] if c.startswith("[") else c)
    return "[" + "".join(inner) + "]"


def _concat(a: _Prefixes, b: _Prefixes, k: int) -> _Prefixes:
    out = {x for x in a if len(x) >= k}
    for x in a:
        if len(x) < k:
            out.update((x + y)[:k] for y in b)
    return out


def _seq(items: Any, k: int) -> _Prefixes:
    """The prefixes (at most ``k`` one-character classes) of what the parsed items match; a shorter one means
    the match can end there."""
    out: _Prefixes = {()}
    for op, av in items:
        out = _concat(out, _item(op, av, k), k)
        if all(len(x) >= k for x in out):
            break
    return out


def _item(op: Any, av: Any, k: int) -> _Prefixes:
    if op is sre.LITERAL:
        return {(re.escape(chr(av)),)}
    if op is sre.NOT_LITERAL:
        return {(f"[^{re.escape(chr(av))}]",)}
    if op is sre.ANY:
        return {(_ANY,)}
    if op is sre.IN:
        return {(_charset(av),)}
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unsupported("inline flags")
        return _seq(sub.data, k)
    if op is sre.ATOMIC_GROUP:
        return _seq(av.data, k)
    if op is sre.BRANCH:
        return set().union(*(_seq(alt.data, k) for alt in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        once = _seq(sub.data, k)
        out: _Prefixes = set()
        current: _Prefixes = {()}
        for n in range(min(hi, lo + k) + 1):
            if n >= lo:
                out |= current
            current = _concat(current, once, k)
        return out
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {()}  # zero width: the next character is the next item's (ignoring the assertion: a superset)
    if op is sre.GROUPREF_EXISTS:
        _group, yes, no = av
        return _seq(yes.data, k) | (_seq(no.data, k) if no else {()})
    raise _Unsupported(str(op))


def _charset(items: Any) -> str:
    parts = []
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unsupported(str(op))
    return "[" + ("^" if negate else "") + "".join(parts) + "]"
