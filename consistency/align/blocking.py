"""Which facts can be compared at all, and which are worth scoring: blocks and candidate pairs.

Facts are candidates when they share a measure (and unit family), not a counted noun: "40 Palestinians",
"42 people" and "30 dead" are one population when the measure is deaths. A count with no measure falls back on
its counted noun ("3,000 troops" and "2,500 soldiers"); a fact with neither stays single-source. Within a
block only facts that share enough words or frame tokens are scored: never every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from consistency._memory import sentence_cache
from consistency.extract.kinds import kind_of
from consistency.extract.sentences import stem
from consistency.facts import Fact

__all__ = ["MAX_POSTINGS", "alignable", "block_key", "candidate_pairs", "statement", "words"]

#: A token carried by more facts than this within one block gives only the pairs that can matter, not all: past
#: it, the pairs of a token grow with its facts, not their square. (ECB+ blocks stay under it: its gold figures
#: are the same at 400; one story of 4,000 variants aligns in 7.9 s instead of 15.8 s, with 0.2% fewer facts in
#: claims.)
MAX_POSTINGS = 50
#: How many context words or frame tokens two facts must share before they are scored.
MIN_SHARED = 2
#: The token of a fact's sentence with its figures blanked (see :func:`tokens`).
STATEMENT = "@statement:"
_WORD = re.compile(r"[a-z0-9]+")

#: Counted nouns outlets use for one another: "3,000 troops" and "3,000 soldiers" count the same people.
SAME_HEAD = {
    "soldier": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "person": "people",
    "individual": "people",
}


@sentence_cache(1 << 16)
def words(text: str) -> tuple[str, ...]:
    """Lowercased, plural-folded words; cached because a fact's context is read once per candidate pair."""
    return tuple(stem(w) for w in _WORD.findall(text.lower()))


_FIGURES = re.compile(r"\d[\d,.]*")


@sentence_cache(1 << 16)
def _skeleton(sentence: str) -> str:
    """A sentence with its figures blanked; cached: a sentence meets many others in a block."""
    return _FIGURES.sub("#", sentence)


def statement(f: Fact) -> tuple[str, str, str]:
    """The statement a fact is: its counted noun, its words and its sentence, figures blanked. Two facts with one
    statement are the same sentence told with, at most, other figures (a copy-edited article)."""
    return f.subject, _skeleton(f.text), _skeleton(f.sentence)


def head(f: Fact) -> str:
    """The counted noun's head, folded to the word outlets share ("soldiers" -> "troop")."""
    ws = words(f.subject)
    return SAME_HEAD.get(ws[-1], ws[-1]) if ws else ""


def alignable(f: Fact) -> bool:
    """Can this fact be compared with another at all?

    Numbers need a bound and either a measure or a counted noun (a bare "$5" or "40%" says nothing a reader
    could match); dates need a value (a resolved interval, a
    month and day, or a weekday); places need a GeoNames id. Facts in page furniture (captions, galleries,
    copyright lines) never are: their numbers are not the story's.
    """
    if f.furniture:
        return False
    kind = kind_of(f.kind)
    if kind.comparison == "place":
        return bool(f.key)
    if kind.comparison == "calendar":
        return f.resolved or f.month_day is not None or f.weekday is not None
    if f.low is None and f.high is None:
        return False
    return bool(f.measure) or bool(head(f))


def block_key(f: Fact) -> tuple[str, ...]:
    """Facts can only be one claim within a block: same kind and unit family, same rate denominator, and the
    same measure (or, for a count without one, the same counted noun), within one story. Dates and places of
    one story share one block: the event and the context tell them apart. (Documents too thin to place in a
    story, story "", are compared among themselves.)"""
    kind = kind_of(f.kind)
    if not kind.numeric:
        return (f.kind, f.unit, f.story)
    return (f.kind, f.unit, f.denominator, f.measure or head(f), f.story)


def tokens(f: Fact) -> set[str]:
    """What a fact offers to blocking: its context and subject words, its frame, and its value."""
    out = set(words(f.context)) | set(words(f.subject)) | {"@value:" + f.value}
    # One sentence with, at most, other figures (a copy-edited article): one statement, enough on its own, even
    # where the clause around the figure has no word of its own ("The island, which has about 200,000
    # residents, is ...", a dateline "Sunday, November 27-2005 at 16:12").
    out.add(STATEMENT + "|".join(statement(f)))
    if f.event:
        out.add("@event:" + f.event)
    if f.holder:
        out |= {"@holder:" + w for w in words(f.holder)}
    if f.measure:
        out.add("@measure:" + f.measure)
    return out


def candidate_pairs(block: Sequence[Fact]) -> list[tuple[int, int]]:
    """Pairs of facts of one block sharing at least :data:`MIN_SHARED` tokens (word, frame or value).

    A token carried by more than :data:`MAX_POSTINGS` facts (one story told by thousands of outlets) would cost
    the square of its facts; it gives only the pairs that can matter (:func:`_hot_pairs`), so a story told
    4,000 times still has its facts met, not dropped.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(block):
        for token in tokens(f):
            postings[token].append(i)
    n = len(block)
    codes: list[np.ndarray] = []
    for token, ids in postings.items():
        if len(ids) < 2:
            continue
        arr = np.asarray(ids, dtype=np.int64)
        if len(ids) <= MAX_POSTINGS:
            upper, lower = _pairs_of(len(arr))
            # A statement token counts as MIN_SHARED tokens (it is enough on its own).
            codes.extend([arr[upper] * n + arr[lower]] * (MIN_SHARED if token.startswith(STATEMENT) else 1))
        else:
            first, second = _hot_pairs(arr, block)
            codes.append(first * n + second)
    if not codes:
        return []
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    pairs = pairs[counts >= MIN_SHARED]
    return [(int(c // n), int(c % n)) for c in pairs]


@lru_cache(maxsize=MAX_POSTINGS + 1)
def _pairs_of(n: int) -> tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, np.dtype[np.intp]]]:
    """Every pair (i < j) of ``n`` items, as two arrays (read-only: shared): the same few sizes recur for every
    token of a block."""
    upper, lower = np.triu_indices(n, k=1)
    upper.flags.writeable = lower.flags.writeable = False
    return upper, lower


def _hot_pairs(ids: np.ndarray, block: Sequence[Fact]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs a very common token gives, linear in its facts: the facts of each value in a chain (so copies
    of one figure meet), and the first fact of each value with the first of the next value up and of the
    value most facts give (so each figure meets its neighbours and the main one). Both ends sorted (i < j).
    """
    by_value: dict[str, list[int]] = defaultdict(list)
    for i in ids.tolist():
        by_value[block[i].value].append(i)
    first: list[int] = []
    second: list[int] = []
    for members in by_value.values():
        first += members[:-1]
        second += members[1:]
    heads = sorted(by_value.values(), key=lambda m: _value_order(block[m[0]]))
    main = max(by_value.values(), key=lambda m: (len(m), -m[0]))[0]
    for k, members in enumerate(heads):
        if k + 1 < len(heads):
            first.append(members[0])
            second.append(heads[k + 1][0])
        if members[0] != main:
            first.append(members[0])
            second.append(main)
    a, b = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    return np.minimum(a, b), np.maximum(a, b)


def _value_order(f: Fact) -> tuple[float, float, str]:
    low = -np.inf if f.low is None else f.low
    high = np.inf if f.high is None else f.high
    return (float(low), float(high), f.value)
