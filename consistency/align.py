"""Line up the facts that state the same thing in different documents.

Two facts can only be the same claim when they are of the same kind and unit (and, for counts, count the same
thing: "troops" never aligns with "lives"). Within that, what decides is a fuzzy match (rapidfuzz) of what the
fact is about: the counted subject and the words of the event around it.

It scales by blocking, never by comparing every fact with every other: facts are grouped by kind, unit and
counted noun, and within a group only facts that share at least two context words (ignoring words so common in
the group that they say nothing) are scored. Pairs are then merged best-first into claims that hold at most
one fact per document.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from consistency.extract.places import contains
from consistency.extract.sentences import stem
from consistency.facts import Fact

#: A context word carried by more facts than this within one block is too common to block on.
MAX_POSTINGS = 400
#: How many context or subject words two facts must share before they are scored.
MIN_SHARED_WORDS = 2
_WORD = re.compile(r"[a-z0-9]+")
#: Partial dates whose year is unknown can still be compared on month and day ("March 3").
_PARTIAL_DATE = re.compile(r"^XXXX-\d{2}(?:-\d{2})?$")


@dataclass(frozen=True)
class Claim:
    """Facts from different documents that state the same thing, with the score of each scored pair."""

    kind: str
    subject: str
    facts: tuple[Fact, ...]
    #: fact_id -> the index of its group of identical facts, and the scores between those groups.
    signatures: Mapping[str, int]
    scores: Mapping[tuple[int, int], float]

    def score(self, a: Fact, b: Fact) -> float:
        """The alignment score of two facts of this claim: 100 for identical copies."""
        x, y = sorted((self.signatures[a.fact_id], self.signatures[b.fact_id]))
        return 100.0 if x == y else self.scores.get((x, y), pair_score(a, b))


def alignable(f: Fact) -> bool:
    """Can this fact be compared with another at all?

    Counts need the thing they count; dates need a value (a resolved interval, or a month and day whose year
    is unknown): "next month" in an article without a publication date can be compared with nothing.
    """
    if f.kind == "quantity":
        return bool(f.subject.strip()) and (f.low is not None or f.high is not None)
    if f.kind == "date":
        return f.resolved or bool(_PARTIAL_DATE.match(f.value))
    return bool(f.key)


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """Lowercased, plural-folded words; cached because every fact's context is read once per candidate pair."""
    return tuple(stem(w) for w in _WORD.findall(text.lower()))


#: Counted nouns that outlets use for one another: "3,000 troops" and "3,000 soldiers" count the same people.
_SAME_HEAD = {
    "soldier": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "person": "people",
    "individual": "people",
}
#: Words that make a count an increment on another ("two other victims", "20 more people"), never the total.
_INCREMENT_WORDS = frozenset({"other", "more", "additional", "further", "extra", "another", "new"})


def _block_key(f: Fact) -> tuple[str, str, str]:
    """Facts can only be one claim within a block: same kind, unit and counted noun, totals apart from
    increments ("three victims" and "two other victims" count different things)."""
    if f.kind != "quantity" or not f.subject.strip():
        return (f.kind, f.unit, "")
    words = _words(f.subject)
    increment = "+" if f.qualifier == "another" or _INCREMENT_WORDS.intersection(f.subject.lower().split()) else ""
    return (f.kind, f.unit, _SAME_HEAD.get(words[-1], words[-1]) + increment)


def _subject_text(f: Fact) -> str:
    return " ".join(_SAME_HEAD.get(w, w) for w in _words(f.subject))


#: How many of the nearest context words (alternating left and right) make the "near" context.
NEAR_WORDS = 4
#: Two counts further apart than this factor are different facts, not conflicting reports of one.
MAX_RATIO = 3.0
#: Two dates further apart than this are different events, not conflicting reports of one.
MAX_DATE_GAP_DAYS = 45.0
#: Extra score a pair needs on top of ``min_score``, by kind. Sentences name places in passing ("felt in Oman and
#: Dubai"), so a place is only contradicted by another when the contexts are much alike; counts of people,
#: men or victims in one story are many, and on ECB+ the pairs scoring under 50 were mostly different counts.
KIND_MARGIN = {"quantity": 10.0, "place": 25.0}
#: Weight of the counted subject in a quantity's score; the rest is the context's.
SUBJECT_WEIGHT = 0.35


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    """Word-level overlap 0-100 of two word sets (rapidfuzz's Indel similarity of the sorted sets is Dice's)."""
    return 100.0 * float(Indel.normalized_similarity(sorted(set(a)), sorted(set(b))))


def pair_score(a: Fact, b: Fact) -> float:
    """How sure we are (0-100) that two facts are about the same thing.

    The context score is the mean of the word overlap of the nearest words (the predicate a date or count
    hangs on: "start talks on ...") and of the whole context window; counts add how alike their subjects are
    ("Russian troops" and "troops" alike, "US troops" and "Russian troops" less so).
    """
    wa, wb = _words(a.context), _words(b.context)
    context = (_dice(wa[:NEAR_WORDS], wb[:NEAR_WORDS]) + _dice(wa, wb)) / 2
    if a.kind != "quantity":
        return round(context, 1)
    subject = float(fuzz.token_set_ratio(_subject_text(a), _subject_text(b)))
    return round(SUBJECT_WEIGHT * subject + (1 - SUBJECT_WEIGHT) * context, 1)


def _share_near_word(a: Fact, b: Fact) -> bool:
    """Facts about the same event share at least one of their nearest words (the verb or noun they hang on)."""
    return bool(set(_words(a.context)[:NEAR_WORDS]) & set(_words(b.context)[:NEAR_WORDS]))


def _could_be_one_fact(a: Fact, b: Fact) -> bool:
    """Are the two values close enough to be two reports of one fact?

    Reports of one figure disagree by a margin ("more than 26,000" against "more than 31,000" killed), not by
    orders of magnitude: "10 people" and "26,000 people" in one story are two facts. Dates likewise: two
    accounts of one event are days or weeks apart, not years.
    """
    if _dated_apart(a, b) or _placed_apart(a, b):
        return False
    if a.kind == "date" and not (a.resolved and b.resolved):
        months = [_partial_month(f) for f in (a, b)]
        if None in months:
            return True
        first, second = months
        assert first is not None and second is not None
        gap = abs(first - second)
        return min(gap, 12 - gap) <= 1
    if (a.low is None and a.high is None) or (b.low is None and b.high is None):
        return True
    if _overlap(a, b):
        return True
    (lo_a, hi_a), (lo_b, hi_b) = _bounds(a), _bounds(b)
    if a.kind == "date":
        return max(lo_a - hi_b, lo_b - hi_a) <= MAX_DATE_GAP_DAYS
    near_a, near_b = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    if near_a <= 0 or near_b <= 0:
        return True
    return near_b / near_a <= MAX_RATIO


def _dated_apart(a: Fact, b: Fact) -> bool:
    """Are the two facts tied, by the dates of their sentences, to times too far apart to be one event?"""
    if a.when_low is None or b.when_low is None or a.when_high is None or b.when_high is None:
        return False
    return max(a.when_low - b.when_high, b.when_low - a.when_high) > MAX_DATE_GAP_DAYS


def _placed_apart(a: Fact, b: Fact) -> bool:
    """Are the two facts set, by their sentences, in two different places of the same rank (two cities, two
    countries)? A city and its country, or places of different ranks, are not told apart."""
    if not a.where or not b.where or a.where == b.where:
        return False
    (rank_a, id_a), (rank_b, id_b) = a.where.split(":"), b.where.split(":")
    return rank_a == rank_b and not contains(int(id_a), int(id_b)) and not contains(int(id_b), int(id_a))


def _partial_month(f: Fact) -> int | None:
    """The month of a date, stated with or without its year ("XXXX-09", "2021-12-14")."""
    m = re.match(r"^(?:\d{4}|XXXX)-(\d{2})(?:-|$)", f.value)
    return int(m.group(1)) if m else None


def _bounds(f: Fact) -> tuple[float, float]:
    lo = f.low if f.low is not None else -math.inf
    hi = f.high if f.high is not None else math.inf
    return lo, hi


def _overlap(a: Fact, b: Fact) -> bool:
    (lo_a, hi_a), (lo_b, hi_b) = _bounds(a), _bounds(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _lists_each_other(a: Fact, b: Fact) -> bool:
    """Two different places named together in either sentence ("in Eastern Europe and Ukraine") are a list,
    not two accounts of one place."""
    return a.kind == "place" and a.key != b.key and (a.text in b.sentence or b.text in a.sentence)


def _candidate_pairs(block: Sequence[Fact]) -> list[tuple[int, int]]:
    """Pairs of facts of one block sharing enough uncommon context words."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(block):
        for word in set(_words(f.context)) | set(_words(f.subject)):
            postings[word].append(i)
    n = len(block)
    codes: list[np.ndarray] = []
    for ids in postings.values():
        if 2 <= len(ids) <= MAX_POSTINGS:
            arr = np.asarray(ids, dtype=np.int64)
            upper, lower = np.triu_indices(len(arr), k=1)
            codes.append(arr[upper] * n + arr[lower])
    if not codes:
        return []
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    pairs = pairs[counts >= MIN_SHARED_WORDS]
    return [(int(c // n), int(c % n)) for c in pairs]


def align(facts: Sequence[Fact], min_score: float) -> list[Claim]:
    """Group facts into claims stated by two or more documents, best-scoring pairs first.

    A claim never holds two facts of one document, and pairs below ``min_score`` never join.
    Claims come back in a stable order: by kind, then by their first fact's document and position.
    """
    blocks: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: (f.doc_id, f.start, f.kind)):
        if alignable(f):
            blocks[_block_key(f)].append(f)

    claims: list[Claim] = []
    for key in sorted(blocks):
        claims.extend(_cluster(blocks[key], min_score))
    claims.sort(key=lambda c: (c.kind, c.facts[0].doc_id, c.facts[0].start))
    return claims


def _signature(f: Fact) -> tuple[str, ...]:
    """Facts with the same signature state the same thing in the same words (wire copies, syndication)."""
    return (f.subject, f.context, f.value, f.key, f.text, f.sentence)


def _cluster(block: list[Fact], min_score: float) -> list[Claim]:
    """Complete-link clustering over the scored pairs, best pairs first.

    Two groups merge only when every fact of one was scored above the bar against every fact of the other:
    single-link chaining would let "Ten people (killed)" reach "five people (injured)" through a third count.
    Identical facts (same words, same value) are scored once, so a story syndicated to fifty outlets costs
    what one copy costs.
    """
    by_signature: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in block:
        by_signature[_signature(f)].append(f)
    copies = list(by_signature.values())
    reps = [group[0] for group in copies]

    good: dict[tuple[int, int], float] = {}
    for i, j in _candidate_pairs(reps):
        a, b = reps[i], reps[j]
        if not _share_near_word(a, b) or _lists_each_other(a, b) or not _could_be_one_fact(a, b):
            continue
        s = pair_score(a, b)
        if s >= min_score + KIND_MARGIN.get(a.kind, 0.0):
            good[(i, j)] = s
    order = sorted(good, key=lambda ij: (-good[ij], ij))

    group_of = list(range(len(reps)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(reps))}
    docs: dict[int, set[str]] = {i: {f.doc_id for f in copies[i]} for i in range(len(reps))}
    for i, j in order:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or docs[gi] & docs[gj]:
            continue
        left, right = members[gi], members[gj]
        if not all((min(x, y), max(x, y)) in good for x in left for y in right):
            continue
        for y in right:
            group_of[y] = gi
        left.extend(members.pop(gj))
        docs[gi] |= docs.pop(gj)

    claims = []
    for idx in members.values():
        first_per_doc: dict[str, Fact] = {}
        signature_of: dict[str, int] = {}
        for x in idx:
            for f in copies[x]:
                if f.doc_id not in first_per_doc or f.start < first_per_doc[f.doc_id].start:
                    first_per_doc[f.doc_id] = f
                signature_of[f.fact_id] = x
        if len(first_per_doc) < 2:
            continue
        group = tuple(sorted(first_per_doc.values(), key=lambda f: (f.doc_id, f.start)))
        scores = {(x, y): good[(x, y)] for n, x in enumerate(sorted(idx)) for y in sorted(idx)[n + 1 :]}
        sigs = {f.fact_id: signature_of[f.fact_id] for f in group}
        claims.append(Claim(group[0].kind, _claim_subject(group), group, sigs, scores))
    return claims


def _claim_subject(group: Sequence[Fact]) -> str:
    """A short name for the claim: the counted subject, or the context words all its facts share."""
    if group[0].kind == "quantity":
        return min((f.subject for f in group), key=lambda s: (len(s), s))
    shared = set.intersection(*(set(_words(f.context)) for f in group))
    readable = [w for w in dict.fromkeys(group[0].subject.split()) if _words(w) and _words(w)[0] in shared]
    return " ".join(readable[:6]) or group[0].subject
