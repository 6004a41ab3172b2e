"""Group linked facts into claims: link on strong evidence, never across a veto.

Within a block, each candidate pair that no veto keeps apart and whose score clears the bar is a link. Links
are merged best first; two groups merge only when no veto stands between any fact of one and any fact of the
other. So a fact that is the same as one member of a claim joins it even when it shares few words with the
others (what complete-link clustering lost), yet a claim never spans two places, two times, two holders or a
part and its whole (what single-link chaining would allow), and two values that exclude each other share a
claim only when two facts giving them were linked directly (a conflict is never inferred through a third
fact that agrees with both). A document that states both values of a measure tells two facts, so its fact
with the one value is never linked to another document's fact with the other (:func:`stated_by_both`). A
vague date, or a group of them ("next month"; "fired last week" in three outlets), then joins the one claim
whose precise dates it holds. Identical facts (wire copies) are scored once.
A claim may hold two facts of one document when they give the same value (a headline and its story).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consistency.align.blocking import candidate_pairs, words
from consistency.align.scoring import GENERIC_EVENTS, SAME_STATEMENT, Score, same_statement, score, share_near_word
from consistency.align.vetoes import veto
from consistency.compare import overlaps
from consistency.extract.kinds import kind_of
from consistency.facts import Fact

__all__ = ["Claim", "Link", "cluster", "linked"]


@dataclass(frozen=True)
class Link:
    """Why two facts are one claim: their score and the rule that joined them."""

    score: float
    rule: str


#: The rule of two facts that are the same words with the same value in different documents.
IDENTICAL = Link(100.0, "identical: the same sentence and value")


@dataclass(frozen=True)
class Claim:
    """Facts from two or more documents that state the same thing, and the links that joined them."""

    kind: str
    subject: str
    facts: tuple[Fact, ...]
    #: The links scored between the first facts of groups of identical copies ...
    links: Mapping[tuple[str, str], Link]
    #: ... and the group of copies each fact belongs to (identical wording and value: linked at 100).
    copies: Mapping[str, int]

    @property
    def rule(self) -> str:
        """How the claim was formed: the rule of its strongest link."""
        best = max(self.links.values(), key=lambda link: link.score, default=IDENTICAL)
        return best.rule

    def link(self, a: Fact, b: Fact) -> Link:
        """The link of two of its facts: their own, or the group's when they met through other facts."""
        if self.copies[a.fact_id] == self.copies[b.fact_id]:
            return IDENTICAL
        key = (a.fact_id, b.fact_id) if a.fact_id < b.fact_id else (b.fact_id, a.fact_id)
        if key in self.links:
            return self.links[key]
        return Link(score(a, b).total, "grouped: each is linked to the claim's other facts")


#: Score parts that say two facts share a frame (not only words).
_FRAME_PARTS = ("measure ", "same day", "event ", "holder ", "same sentence")


def linked(a: Fact, b: Fact, threshold: float) -> tuple[Score | None, str]:
    """Score a candidate pair: (score, '') when it clears the bar, else (score or None, why not)."""
    stopped = veto(a, b)
    if stopped:
        return None, f"veto {stopped[0]}: {stopped[1]}"
    s = score(a, b)
    frame_shared = any(p.startswith(_FRAME_PARTS) for p in s.parts)
    if not frame_shared and not share_near_word(a.context, b.context):
        return s, "no frame and no near word in common"
    if s.total < threshold:
        return s, f"score {s.total:g} below {threshold:g}"
    return s, ""


def _signature(f: Fact) -> tuple[str, ...]:
    """Facts with the same signature state the same thing in the same words (wire copies, syndication)."""
    return (f.subject, f.context, f.value, f.key, f.text, f.sentence, f.measure, f.holder, f.where, f.when)


def cluster(block: Sequence[Fact], threshold: float) -> list[Claim]:
    """The claims of one block (facts already sorted by document and position)."""
    by_signature: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in block:
        by_signature[_signature(f)].append(f)
    copies = list(by_signature.values())
    reps = [group[0] for group in copies]

    stating = documents_stating(block)

    def told_apart(x: int, y: int) -> bool:
        return stated_by_both(reps[x], reps[y], stating) is not None

    edges: dict[tuple[int, int], Link] = {}
    statements: set[tuple[int, int]] = set()
    for i, j in candidate_pairs(reps):
        if told_apart(i, j):
            continue
        s, why_not = linked(reps[i], reps[j], threshold)
        if s is not None and not why_not:
            edges[(i, j)] = Link(s.total, f"score {s.total:g}: " + ", ".join(s.parts))
            if s.parts == SAME_STATEMENT:
                statements.add((i, j))
    # Strongest first; among equals, one statement in two documents' words (a copy-edited sentence) before
    # facts that only agree: its two facts are one claim even where one of them also agrees with a third.
    order = sorted(edges, key=lambda ij: (-edges[ij].score, ij not in statements, ij))

    group_of = list(range(len(reps)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(reps))}
    vetoed: dict[tuple[int, int], bool] = {}  # a pair is checked once, however often its groups meet
    # Per group: one fact for each value it holds, and the pairs of values its own links join directly.
    values: dict[int, dict[str, int]] = {i: {reps[i].value: i} for i in range(len(reps))}
    said: dict[int, set[frozenset[str]]] = {i: set() for i in range(len(reps))}

    def apart(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in vetoed:
            vetoed[key] = told_apart(x, y) or veto(reps[x], reps[y]) is not None
        return vetoed[key]

    def merge(i: int, j: int) -> bool:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or any(apart(x, y) for x in members[gi] for y in members[gj]):
            return False
        across = {
            frozenset((reps[x].value, reps[y].value))
            for x in members[gi]
            for y in members[gj]
            if (min(x, y), max(x, y)) in edges
        }
        # Two values that exclude each other are a conflict only when two facts giving them were linked
        # directly: "the release next month" agrees with "March 3" and with "March 10", which says nothing about
        # whether those two are one release.
        known = said[gi] | said[gj] | across
        for va, x in values[gi].items():
            for vb, y in values[gj].items():
                if va != vb and not overlaps(reps[x], reps[y]) and frozenset((va, vb)) not in known:
                    return False
        for y in members[gj]:
            group_of[y] = gi
        members[gi].extend(members.pop(gj))
        for v, y in values.pop(gj).items():
            values[gi].setdefault(v, y)
        said[gi] = known | said.pop(gj)
        return True

    for i, j in order:
        merge(i, j)
    # A vaguer date ("ships early next year"), or a group of them ("fired last week" in three outlets), joins
    # the claim of a precise date it holds ("ships on March 3", "fired on Thursday"), when both date one kind
    # of event: the nearest such claim first. It joins one claim and never links two, so it cannot chain two
    # events' dates into a conflict.
    for coarse, fine, link in _vaguer_dates(reps, group_of, members):
        if coarse in members and group_of[coarse] == coarse and merge(fine, coarse):
            edges[(min(coarse, fine), max(coarse, fine))] = link

    # Each group's own links, in the order they were found: one pass over the links, not one per claim.
    links_of: dict[int, list[tuple[tuple[int, int], Link]]] = defaultdict(list)
    for (i, j), link in edges.items():
        if group_of[i] == group_of[j]:
            links_of[group_of[i]].append(((i, j), link))
    claims = []
    for root, idx in members.items():
        facts = sorted((f for x in idx for f in copies[x]), key=lambda f: (f.doc_id, f.start))
        if len({f.doc_id for f in facts}) < 2:
            continue
        links = {_key(reps[i], reps[j]): link for (i, j), link in links_of[root]}
        if len(idx) == 1:  # copies only: their one link is their identity
            links = {_key(copies[idx[0]][0], copies[idx[0]][1]): IDENTICAL}
        group_of_fact = {f.fact_id: x for x in idx for f in copies[x]}
        claims.append(Claim(facts[0].kind, claim_subject(facts), tuple(facts), links, group_of_fact))
    return claims


def documents_stating(facts: Sequence[Fact]) -> dict[tuple[str, str], set[str]]:
    """The documents that state each (measure, value) among ``facts`` (one block)."""
    stating: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        stating[(f.measure, f.value)].add(f.doc_id)
    return stating


def stated_by_both(a: Fact, b: Fact, stating: Mapping[tuple[str, str], set[str]]) -> str | None:
    """Why ``a`` and ``b`` are two facts because one of their documents states both values, or None.

    A document that gives both values of a measure tells two facts, so its fact with the one value is never
    the other document's fact with the other: "In early March, a gunman shot ... near Los Angeles" in an
    article that also dates its Detroit shooting Monday (ecbplus 18_1ecbplus.txt:23 and :20) is no report of
    another outlet's "shot three people ... on Monday" (18_9ecbplus.txt:4).
    """
    if a.value == b.value or overlaps(a, b) or same_statement(a, b):
        return None  # the same words around two values: one statement told with two figures
    for one, other in ((a, b), (b, a)):
        if one.doc_id in stating.get((other.measure, other.value), ()):
            return f"{one.doc_id} also gives {other.value}: two facts, not two reports of one"
    return None


#: Precisions of a date known only to an interval: stated as vague ("next month", "early next year"), or a
#: weekday or relative day read against a publication date that is itself only known to an interval ("range").
VAGUE_PRECISIONS = frozenset({"week", "month", "quarter", "half", "season", "year", "range"})


def _vaguer_dates(
    reps: Sequence[Fact], group_of: list[int], members: Mapping[int, list[int]]
) -> list[tuple[int, int, Link]]:
    """Pairs (group of vague dates, fact of a claim of precise dates) of one event's dates where every vague
    interval holds every precise date of the claim, best first: the narrowest vague interval, then the fewest
    days between their starts. A group is named by its first fact (the key of ``members``)."""
    vague, precise = [], []
    for g, idx in members.items():
        if all(_datable(reps[i]) and reps[i].precision in VAGUE_PRECISIONS for i in idx):
            vague.append(g)
        elif len(idx) > 1 and any(_datable(reps[i]) and reps[i].precision not in VAGUE_PRECISIONS for i in idx):
            precise.append(g)
    found: list[tuple[float, float, int, int, Link]] = []
    for g in vague:
        lows = [reps[i].low for i in members[g]]
        highs = [reps[i].high for i in members[g]]
        inner = (max(x for x in lows if x is not None), min(x for x in highs if x is not None))
        width = max(h - lo for lo, h in zip(lows, highs, strict=True) if lo is not None and h is not None)
        measures = {reps[i].measure for i in members[g]}
        for h in precise:
            fine = [reps[j] for j in members[h] if _datable(reps[j]) and reps[j].precision not in VAGUE_PRECISIONS]
            lo = min(f.low for f in fine if f.low is not None)
            hi = max(f.high for f in fine if f.high is not None)
            if not (inner[0] <= lo and hi <= inner[1]) or not measures <= {reps[j].measure for j in members[h]}:
                continue
            if width <= max(f.high - f.low for f in fine if f.low is not None and f.high is not None):
                continue
            a, b = reps[g], fine[0]
            link = Link(0.0, f"vaguer date: {a.value} holds {b.value}, both {a.measure}")
            found.append((width, lo - inner[0], g, members[h][0], link))
    found.sort(key=lambda t: (t[0], t[1], t[2], t[3]))
    return [(g, j, link) for _, _, g, j, link in found]


def _datable(f: Fact) -> bool:
    """A resolved date of an event other than a statement ("Putin said Tuesday" dates nothing said)."""
    return (
        kind_of(f.kind).comparison == "calendar"
        and f.resolved
        and f.low is not None
        and f.high is not None
        and f.measure.startswith("date:")
        and f.measure[5:] not in GENERIC_EVENTS
    )


def _key(a: Fact, b: Fact) -> tuple[str, str]:
    return (a.fact_id, b.fact_id) if a.fact_id < b.fact_id else (b.fact_id, a.fact_id)


def claim_subject(group: Sequence[Fact]) -> str:
    """A short name for the claim: its measure and holder, the counted subject, or the words its facts share."""
    first = group[0]
    if first.measure and not first.measure.startswith("date:"):
        holder = next((f.holder for f in group if f.holder), "")
        return f"{first.measure} of {holder}" if holder else first.measure
    if first.subject and first.kind not in ("date", "place"):
        return min((f.subject for f in group), key=lambda s: (len(s), s))
    shared = set.intersection(*(set(words(f.context)) for f in group))
    readable = [w for w in dict.fromkeys(first.subject.split()) if words(w) and words(w)[0] in shared]
    return " ".join(readable[:6]) or first.subject
