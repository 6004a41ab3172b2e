"""The matches of a costly pattern, tried only near cheap anchors: the same matches as ``finditer``, faster.

A pattern with many branches, each behind a lookbehind, costs the regular-expression engine a full attempt at
every character of the text (``ages.py``'s pattern took eight times as long as one plain ``re`` pass over news
text). Each of its matches holds a short literal ("old", "age"), which the engine finds with a fast search. Given such
anchors, and how far before its anchor a match can start, the pattern is tried only in those stretches, with
``match`` at each position: a position outside them cannot start a match, so the matches are exactly those of
``pattern.finditer(text)`` (``match`` still sees the text before the position, for lookbehinds).

>>> import re
>>> pattern = re.compile(r"(?<!\\w)(?:\\d+|[a-z]+)\\s+years?\\s+old", re.IGNORECASE)
>>> text = "He was 61 years  old; his son, thirty   years old, and a 2 year-old."
>>> anchors = ((re.compile("old", re.IGNORECASE), 20),)
>>> [m.group() for m in finditer_anchored(pattern, text, anchors)] == [m.group() for m in pattern.finditer(text)]
True
>>> [m.group() for m in finditer_anchored(pattern, text, anchors)]
['61 years  old', 'thirty   years old']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["finditer_anchored", "reach_back"]

_NOT_BLANK = re.compile(r"\S")
_BLANKS = re.compile(r"\s{2,}")


def reach_back(text: str, at: int, reach: int) -> int:
    """The first position from which ``text[position:at]`` is at most ``reach`` characters long once each run
    of blanks counts as one character: where a match whose anchor starts at ``at`` can start at the earliest
    (a ``\\s+`` in a pattern takes a run of any length). A run the reach ends in counts whole.

    >>> reach_back("xab    cd", 7, 3), reach_back("abcdef", 5, 2), reach_back("  x", 2, 0)
    (1, 3, 0)
    """
    lo = at - reach
    if lo >= 2 and _BLANKS.search(text, lo - 2, at) is None:
        # No run of blanks there: each character counts one, and a lone blank right before ``lo`` joins it.
        return lo - 1 if text[lo - 1].isspace() else lo
    i, budget = at, reach
    while i > 0 and budget > 0:
        i = _blank_start(text, i) if text[i - 1].isspace() else i - 1
        budget -= 1
    return _blank_start(text, i)


def _blank_start(text: str, i: int) -> int:
    """Where the run of blanks that ends at ``i`` starts (``i`` when none does), a bounded slice at a time: the
    cost is the run's length, never the text's.

    >>> _blank_start("ab   c", 5), _blank_start("ab   c", 2), _blank_start("   ", 3)
    (2, 2, 0)
    """
    while i > 0:
        chunk = text[max(0, i - 256) : i]
        kept = len(chunk.rstrip())
        if kept:
            return i - len(chunk) + kept
        i -= len(chunk)
    return 0


def finditer_anchored(
    pattern: re.Pattern[str], text: str, anchors: Sequence[tuple[re.Pattern[str], int]], *, blank_start: bool = True
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, provided every match of ``pattern`` holds a match of one of
    the ``anchors`` (anchor pattern, reach) starting at most ``reach`` characters after the match starts (runs
    of blanks counted as one), and ``pattern`` never matches the empty string. The anchor occurrences are those
    ``anchor.finditer(text)`` reports: one it skips, as it overlaps the one before ("noonoon"), must be one
    that cannot start or hold a match (there, inside a word: the patterns' lookbehinds refuse it). With
    ``blank_start=False`` (no match of ``pattern`` starts with a blank) a run of blanks is stepped over at once:
    a reach counts a run as one character, so a stretch may hold a whole run."""
    spans = sorted((reach_back(text, a.start(), reach), a.start()) for rx, reach in anchors for a in rx.finditer(text))
    pos = 0
    i = 0
    while i < len(spans):
        lo, hi = spans[i]
        i += 1
        while i < len(spans) and spans[i][0] <= hi + 1:
            hi = max(hi, spans[i][1])
            i += 1
        p = max(lo, pos)
        while p <= hi:
            if not blank_start and text[p].isspace():
                past = _NOT_BLANK.search(text, p, hi + 1)
                if past is None:
                    break
                p = past.start()
            m = pattern.match(text, p)
            if m is None:
                p += 1
                continue
            yield m
            pos = p = max(m.end(), p + 1)
