"""Line up the facts that state the same thing in different documents (load -> extract -> ALIGN -> compare).

* ``blocking.py``: which facts can be compared at all (same kind, unit family, rate and measure) and which pairs
  are worth scoring;
* ``vetoes.py``: the named reasons two facts of one measure are two events, never one claim;
* ``scoring.py``: how sure we are that two facts state the same thing, part by part;
* ``claims.py``: links merged into claims, best first, never across a veto.

:func:`explain` tells, for any two facts, what the aligner decided and why.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from consistency.align.blocking import alignable, block_key, head
from consistency.align.claims import Claim, Link, cluster, documents_stating, linked, stated_by_both
from consistency.align.scoring import Score
from consistency.align.vetoes import VETOES, Veto
from consistency.extract.kinds import kind_of
from consistency.facts import Fact

__all__ = [
    "VETOES",
    "Claim",
    "Explanation",
    "Link",
    "Veto",
    "align",
    "align_part",
    "claim_order",
    "explain",
    "partition",
    "threshold",
]


def threshold(kind: str, min_score: float, measured: bool = False) -> float:
    """The score two facts of ``kind`` need to be linked: ``--min-score``, plus the kind's margin unless they
    share a measure (the margin is there for counts that only share a noun: one story counts many people)."""
    return min_score + (0.0 if measured else kind_of(kind).margin)


def align(facts: Sequence[Fact], min_score: float) -> list[Claim]:
    """Group facts into claims stated by two or more documents.

    The same as aligning each part of :func:`partition` on its own with :func:`align_part` (in any order, on
    any worker) and sorting the claims with :func:`claim_order`: stable, by kind, then by their first fact's
    document and position.
    """
    claims = [c for story, part in partition(facts) for c in align_part(story, part, min_score)]
    claims.sort(key=claim_order)
    return claims


def claim_order(claim: Claim) -> tuple[str, str, int]:
    """The order claims are reported in, whatever order their parts were aligned in."""
    return (claim.kind, claim.facts[0].doc_id, claim.facts[0].start)


def _fact_order(f: Fact) -> tuple[str, int, str]:
    return (f.doc_id, f.start, f.kind)


def partition(facts: Sequence[Fact]) -> list[tuple[str, list[Fact]]]:
    """The alignable facts split by story, each part independent of the others: facts only ever align within
    a story. Facts of documents no story took (story "": too few rare names to place) are a part of their own,
    compared among themselves: placing them by the size of other stories' blocks would make a story's claims
    depend on what else is in the corpus. Parts come sorted by story, their facts by document and position.
    """
    parts: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if alignable(f):
            parts[f.story].append(f)
    return [(story, sorted(parts[story], key=_fact_order)) for story in sorted(parts)]


def align_part(story: str, facts: Sequence[Fact], min_score: float) -> list[Claim]:
    """The claims of one part of :func:`partition` (the facts of ``story``), in block order."""
    blocks: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        blocks[(*block_key(f)[:-1], story)].append(f)
    _place_unmeasured(blocks)
    claims: list[Claim] = []
    for key in sorted(blocks):
        measured = len(key) > 4 and key[3] != "" and any(f.measure == key[3] for f in blocks[key])
        claims.extend(cluster(blocks[key], threshold(key[0], min_score, measured)))
    return claims


def _place_unmeasured(blocks: dict[tuple[str, ...], list[Fact]]) -> None:
    """A figure whose sentence names no measure ("three people" in a headline) moves to the measured block of
    its story whose facts count the same noun, preferring those with the same value ("a gunman shot three
    people": shootings, over "two people were injured"); a figure that counts no noun ("$334 million") moves
    to a measured block holding its value. Inside the block the score and the vetoes still decide: this only
    lets the pair be compared."""
    measured: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, facts in blocks.items():
        if len(key) > 4 and facts[0].measure:
            measured[key[:3] + key[4:]].append(key)
    if not measured:
        return
    seen: dict[tuple[str, ...], Counter[tuple[str, str]]] = {
        key: Counter((head(f), f.value) for f in blocks[key]) for keys in measured.values() for key in keys
    }
    grown: set[tuple[str, ...]] = set()
    for key in [k for k in blocks if len(k) > 4 and not blocks[k][0].measure]:
        targets = measured.get(key[:3] + key[4:])
        if not targets:
            continue
        stay = []
        for f in blocks[key]:
            noun = head(f)
            fits = {t: _fit(seen[t], noun, f.value, len(blocks[t])) for t in targets}
            best = max(targets, key=lambda t: (fits[t], t))
            if fits[best][:2] == (0, 0):
                stay.append(f)
                continue
            blocks[best].append(f)
            grown.add(best)
        if stay:
            blocks[key] = stay
        else:
            del blocks[key]
    for key in grown:
        blocks[key].sort(key=lambda f: (f.doc_id, f.start, f.kind))


def _fit(seen: Counter[tuple[str, str]], noun: str, value: str, size: int) -> tuple[int, int, int]:
    """How well a block holding ``seen`` (counted noun, value) pairs fits an unmeasured figure: facts with its
    noun and value, then with its noun, then the block's size; without a noun, facts with its value."""
    if not noun:
        return (sum(n for (_, v), n in seen.items() if v == value), 0, size)
    return (seen[(noun, value)], sum(n for (h, _), n in seen.items() if h == noun), size)


@dataclass(frozen=True)
class Explanation:
    """What the aligner decided for two facts, and why."""

    joined: bool
    decision: str
    score: Score | None
    threshold: float


def explain(a: Fact, b: Fact, min_score: float, others: Sequence[Fact] = ()) -> Explanation:
    """Why two facts are, or are not, linked as one claim (on their own; a claim may also join them through
    other facts, which the caller can see in the run's claims). ``others``, the run's facts, tell whether one
    of the two documents states both values (the stated-by-both rule of :func:`claims.cluster`).

    >>> from consistency.facts import Fact
    >>> base = dict(fact_id="x", doc_id="a", kind="count", unit="count", subject="people", context="kill bank",
    ...             text="3 people", value="3", low=3.0, high=3.0, low_open=False, high_open=False, qualifier="",
    ...             precision="", resolved=True, key="", line=1, start=0, end=1, sentence="", attribution="",
    ...             note="", measure="deaths", event="kill")
    >>> other = {**base, "doc_id": "b", "sentence": "3 people were killed at the bank.", "context": "kill attack"}
    >>> explain(Fact(**base), Fact(**other), 40).decision
    'joined: score 100: measure deaths +30, event kill +15, same value +10, context 50 (needs 40)'
    >>> explain(Fact(**base), Fact(**{**base, "doc_id": "b", "part_of": True}), 40).decision
    'kept apart: veto part-of-whole: one is a part of a whole ("15 of them"), the other a total'
    """
    bar = threshold(a.kind, min_score, bool(a.measure) and a.measure == b.measure)
    for f in (a, b):
        if not alignable(f):
            why = "page furniture" if f.furniture else "it has no measure, counted noun or comparable value"
            return Explanation(False, f"not compared: {f.doc_id}:{f.line} {f.text!r} is not alignable ({why})",
                               None, bar)  # fmt: skip
    if block_key(a)[:-1] != block_key(b)[:-1]:  # the story, the last part, is the different-story veto's
        return Explanation(
            False, f"not compared: different blocks {'/'.join(block_key(a))} vs {'/'.join(block_key(b))}", None, bar
        )
    block = [f for f in others if alignable(f) and block_key(f) == block_key(a)]
    both = stated_by_both(a, b, documents_stating(block)) if block else None
    if both:
        return Explanation(False, f"kept apart: stated-by-both: {both}", None, bar)
    s, why_not = linked(a, b, bar)
    if why_not:
        return Explanation(False, f"kept apart: {why_not}", s, bar)
    assert s is not None
    return Explanation(True, f"joined: score {s.total:g}: {', '.join(s.parts)} (needs {bar:g})", s, bar)
