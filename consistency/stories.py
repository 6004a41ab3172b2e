"""Stories: which documents report the same events, so that facts are only ever aligned within one story.

A folder of news often holds more than one story: two bank bombings two years apart, two earthquakes in one
country. Both tell of deaths and injuries, and a death toll of one set against the other's is the worst false
conflict there is. Documents of one story name the same rare things (the town, the bank, the victims), so a
story is a group of documents linked by the rare names they share, weighted by how rare each name is in
English (``wordfreq``: the same weight whatever else is in the corpus), and never joined across documents
written weeks apart. Average link costs the square of a story's documents; a big story is gathered in one pass
first (see :func:`stories`).

>>> docs = {"a": "A bomb exploded at a bank in Woodburn, Oregon, killing Officer Tuning.",
...         "b": "The Woodburn bank bomb killed Tuning and a technician, police in Oregon said.",
...         "c": "A firebomb attack on the Marfin bank in Athens killed three people, Greek police told Reuters.",
...         "d": "Three people were killed."}
>>> stories({k: names(v) for k, v in docs.items()}, {})
{'a': 'S1', 'b': 'S1', 'c': 'S2', 'd': ''}
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from consistency.extract._datewords import MONTHS, WEEKDAYS

__all__ = ["GATHER_DOCS", "MIN_SHARE", "RARE_ZIPF", "names", "stories"]

#: A name is rare enough to identify a story below this Zipf frequency (about once per 30,000 English words:
#: "Woodburn" 2.4, "Athens" 3.9 and "Indonesia" 4.3 are; "Police" 5.3 and "President" 5.5 are not).
RARE_ZIPF = 4.5
#: Two documents are one story when the rare names they share weigh this share of the smaller one's names.
MIN_SHARE = 0.2
#: A document with fewer rare names than this says too little to be told apart: it may join any story.
MIN_NAMES = 3
#: Two documents are linked only when they share at least this many rare names ...
MIN_SHARED_NAMES = 2
#: ... or one name this rare (Zipf 2.5 or less: "Woodburn", "Qeshm", not "Vancouver" or "Mount").
ONE_NAME_WEIGHT = RARE_ZIPF + 1.0 - 2.5
#: A name in more documents than this is left out of the pairing (it costs the square of its documents).
MAX_POSTINGS = 2000
#: A tangle of this many documents keeps what the first pass and the average link over its groups found; a
#: smaller one is linked again document by document (which costs the square of its documents).
GATHER_DOCS = 200
#: Groups of the first pass that share this much are one tangle: what the average link over documents would
#: have to weigh together.
TANGLE_SHARE = 0.05
#: The first pass puts a document in a group when they share this much (above MIN_SHARE: the average link over
#: the groups still joins what the pass kept apart; 0.3 measured better on ECB+ than 0.2, and as good as 0.4 at
#: half the time).
GATHER_SHARE = 0.3
#: Documents written further apart than this are different stories.
MAX_STORY_GAP_DAYS = 45

# A capitalised word after a lowercase word (or a comma after one): not a sentence's first word, not a
# word of a Title Case headline. A possessive is the name itself ("Aceh's").
_CAPITALISED = re.compile(r"(?<= )[A-Z][a-z]+(?:-[A-Za-z]+)?")
# An acronym ("EDS", "AMD", "USGS") names a firm or a body wherever it stands; the rare ones identify a story,
# at half a written name's weight: one acronym stands for several bodies, and wires and agencies ("AFP", "GMT")
# put theirs in every story. Never read in a text with no lowercase word (a shouted headline).
_ACRONYM = re.compile(r"(?<![\w.-])[A-Z]{3,5}(?![\w.-])")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_LOWER_OR_DIGIT = _LOWER | frozenset("0123456789")
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


@lru_cache(maxsize=1 << 16)
def _weight(word: str) -> float:
    """How much a shared name says: rarer names more (0 for common words)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    return 0.0 if zipf >= RARE_ZIPF else RARE_ZIPF + 1.0 - zipf


def names(text: str) -> dict[str, float]:
    """The rare names a text uses (capitalised inside a sentence, not at its start, and acronyms of three to five
    capitals), with their weights."""
    out: dict[str, float] = {}
    for m in _CAPITALISED.finditer(text):
        s = m.start()  # text[s - 1] is the space; what stands before it says whether a sentence starts here
        before = text[s - 2] if s >= 2 else ""
        inside = before in _LOWER or (s >= 3 and text[s - 3] in _LOWER_OR_DIGIT and (before in ",;:" or before == " "))
        if not inside:
            continue
        word = m.group().lower()
        if word not in out and word not in _NOT_NAMES:
            w = _weight(word)
            if w > 0:
                out[word] = w
    if _LOWER_WORD.search(text):
        for m in _ACRONYM.finditer(text):
            word = m.group().lower()
            if word not in out:
                w = _weight(word)
                if w > 0:
                    out[word] = w / 2
    return out


def stories(
    named: Mapping[str, Mapping[str, float]],
    times: Mapping[str, dt.date],
    given: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Group documents into stories: ``named`` gives each document's rare names, ``times`` the day each
    document was written where it is known. Returns document id -> story id ("S1", "S2", ... in order of
    their first document); a document with too few names to place joins the story it shares them with, or none
    ("": it aligns only with other such documents). ``given`` names the story of documents whose corpus says it
    (a ``story`` column, a folder per story): they keep it, and only the others are grouped.

    Average link over documents costs the square of the documents that share names. So a first pass gathers
    them (:func:`_gathered`) and the average link runs over its groups. Where the groups that share something
    (a tangle, :func:`_tangles`) hold :data:`GATHER_DOCS` documents or more, that result stands; in a smaller
    tangle the documents are linked again one by one.

    >>> stories({"a": {}, "b": {}, "c": {}}, {}, given={"a": "quake-2004", "b": "quake-2004"})
    {'a': 'quake-2004', 'b': 'quake-2004', 'c': ''}
    """
    given = {doc: story for doc, story in (given or {}).items() if story and doc in named}
    if given:
        rest = stories({doc: found for doc, found in named.items() if doc not in given}, times)
        return {doc: given.get(doc) or rest[doc] for doc in sorted(named)}
    ids = sorted(named)
    # Documents naming exactly the same rare names on the same day (wire copies) are one node from the start.
    node_of: dict[tuple[tuple[str, ...], dt.date | None], int] = {}
    nodes: list[list[int]] = []
    for i, doc in enumerate(ids):
        names_of = tuple(sorted(named[doc]))
        key = (names_of, times.get(doc))
        if len(names_of) < MIN_NAMES:
            nodes.append([i])  # thin documents are never lumped together: they share nothing
            continue
        if key not in node_of:
            node_of[key] = len(nodes)
            nodes.append([])
        nodes[node_of[key]].append(i)

    def node_groups(which: list[int]) -> list[_Group]:
        return [
            _Group.of(named[ids[nodes[n][0]]], len(nodes[n]), [times[ids[i]] for i in nodes[n] if ids[i] in times], n)
            for n in which
        ]

    # The groups of a first pass, and the average link over them, settle the documents of a big tangle (groups
    # that share something, GATHER_DOCS documents or more); in a smaller one, the documents are linked again
    # one by one.
    settled: list[_Group] = []
    for tangle in _tangles(_average_link(_gathered(node_groups(list(range(len(nodes))))))):
        if sum(group.docs for group in tangle) >= GATHER_DOCS:
            settled.extend(tangle)
        else:
            settled.extend(_average_link(node_groups(sorted(n for group in tangle for n in group.nodes))))
    found = sorted((sorted(i for n in group.nodes for i in nodes[n]) for group in settled), key=min)
    # A thin document that joined no story could belong to any: it gets no story (and no veto).
    labels: dict[str, str] = {}
    count = 0
    for docs in found:
        if len(docs) == 1 and len(named[ids[docs[0]]]) < MIN_NAMES:
            labels[ids[docs[0]]] = ""
            continue
        count += 1
        for i in docs:
            labels[ids[i]] = f"S{count}"
    return labels


def _tangles(groups: list[_Group]) -> list[list[_Group]]:
    """The groups, in sets linked by pairs that share at least :data:`TANGLE_SHARE` (see :func:`stories`)."""
    parent = list(range(len(groups)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), total in sorted(_linked_pairs(groups).items()):
        if groups[x].mean(groups[y], total) >= TANGLE_SHARE:
            parent[root(x)] = root(y)
    found: dict[int, list[_Group]] = {}
    for g, group in enumerate(groups):
        found.setdefault(root(g), []).append(group)
    return list(found.values())


def _average_link(groups: list[_Group]) -> list[_Group]:
    """The groups merged by average link, down to those that share too little to merge further."""
    # Average link: two groups merge when their documents, on average over every pair, share enough. One
    # article that names both of two events (a quake report recalling an earlier quake) cannot bridge them.
    # The sums between groups are kept up to date on each merge; a heap gives the best pair (stale entries are
    # skipped), so the cost grows with the pairs of groups that share a name.
    between: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), total in _linked_pairs(groups).items():
        between[x][y] = between[y][x] = total
    alive = set(range(len(groups)))

    def mean(x: int, y: int) -> float:
        return groups[x].mean(groups[y], between[x][y])

    # Only pairs that could merge go on the heap: a pair's mean changes only when one side merges, and then it
    # is pushed again if it still could.
    heap = [(-m, x, y) for x in between for y in between[x] if x < y and (m := mean(x, y)) >= MIN_SHARE]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in alive or y not in alive or y not in between[x] or -neg != mean(x, y):
            continue
        if -neg < MIN_SHARE:
            break
        joined = _join(groups[x].span, groups[y].span)
        if joined is not None and (joined[1] - joined[0]).days > MAX_STORY_GAP_DAYS:
            continue  # documents written weeks apart: never one story
        # Merge y into x.
        alive.discard(y)
        groups[x] = groups[x].merged(groups[y])
        for z, total in between.pop(y).items():
            del between[z][y]
            if z == x:
                continue
            between[x][z] = between[z][x] = between[x].get(z, 0.0) + total
        for z in between[x]:
            a, b = min(x, z), max(x, z)
            m = mean(a, b)
            if m >= MIN_SHARE:
                heapq.heappush(heap, (-m, a, b))

    return [groups[g] for g in sorted(alive)]


class _Group:
    """Documents on their way to a story: which nodes, how many documents name each rare name, and when they
    were written. Two groups' share is the average, over their pairs of documents, of the names they share."""

    __slots__ = ("counts", "docs", "nodes", "solid", "span", "total")

    def __init__(
        self,
        nodes: list[int],
        counts: dict[str, int],
        docs: int,
        solid: int,
        total: float,
        span: tuple[dt.date, dt.date] | None,
    ) -> None:
        self.nodes = nodes
        self.counts = counts  # name -> documents of the group that name it
        self.docs = docs
        self.solid = solid  # documents with enough names to be told apart
        self.total = total  # the weight of every document's names, added up
        self.span = span

    @classmethod
    def of(cls, found: Mapping[str, float], docs: int, days: list[dt.date], node: int) -> _Group:
        """One node: ``docs`` documents naming exactly ``found``."""
        return cls(
            [node],
            dict.fromkeys(found, docs),
            docs,
            docs if len(found) >= MIN_NAMES else 0,
            sum(found.values()) * docs,
            (min(days), max(days)) if days else None,
        )

    def core(self) -> list[str]:
        """The names at least half the group's documents name: what a document of it names, typically."""
        return [w for w, n in self.counts.items() if 2 * n >= self.docs]

    @property
    def mass(self) -> float:
        """The weight of one document's names, on average."""
        return self.total / self.docs

    def share(self, other: _Group, weight: float) -> float:
        """The shares of all pairs of documents of two groups, added up, when the names they share weigh
        ``weight`` over all those pairs: for two documents, the weight they share over the smaller one's."""
        return weight / max(min(self.mass, other.mass), 1e-9)

    def mean(self, other: _Group, share: float) -> float:
        """The average share of a pair of documents of two groups, given all the pairs' shares added up."""
        return share / max(self.solid * other.solid, 1)

    def shared(self, other: _Group) -> tuple[float, int, float]:
        """(the pairs' shares added up, names shared, those names' weight)."""
        small, large = (self, other) if len(self.counts) <= len(other.counts) else (other, self)
        both = sorted(small.counts.keys() & large.counts.keys())  # sorted: a float sum's last bit must not vary
        weights = list(map(_weight, both))
        weight = sum(weights)
        if len(small.nodes) == 1 and len(large.nodes) == 1:  # two nodes: each pair of documents shares the same
            return self.share(other, weight) * small.docs * large.docs, len(both), weight
        mine, theirs = small.counts, large.counts
        pairs = sum(x * mine[w] * theirs[w] for x, w in zip(weights, both, strict=True))
        return self.share(other, pairs), len(both), weight

    def merged(self, other: _Group) -> _Group:
        """This group with ``other``'s documents added (in place)."""
        self.nodes.extend(other.nodes)
        for w, n in other.counts.items():
            self.counts[w] = self.counts.get(w, 0) + n
        self.docs += other.docs
        self.solid += other.solid
        self.total += other.total
        self.span = _join(self.span, other.span)
        return self


def _linked(names: int, weight: float) -> bool:
    """One shared name is a coincidence two stories can have ("Mount" Pleasant in Vancouver and "Mount" Cook,
    "Vancouver" itself); documents of one story share several, or one very rare."""
    return names >= MIN_SHARED_NAMES or weight >= ONE_NAME_WEIGHT


def _gathered(nodes: list[_Group]) -> list[_Group]:
    """A first pass that keeps a big story from costing the square of its documents: each node with enough
    names, in order, joins the group it shares most with when that share (against all the group's documents on
    average) is past :data:`GATHER_SHARE`, or starts a group; thin nodes stay on their own. A node is compared
    only with the groups that name one of its names (one named by more than :data:`MAX_POSTINGS` groups, a
    country in a year of news, finds none), so unrelated documents never change what a story's do."""
    groups: list[_Group] = []
    postings = _Postings(len(nodes))
    for node in nodes:
        if not node.solid:
            continue
        best = _best(node, groups, postings)
        if best < 0:
            best = len(groups)
            groups.append(_Group([], {}, 0, 0, 0.0, None))
        groups[best].merged(node)
        postings.joined(best, groups[best], node)
    return groups + [node for node in nodes if not node.solid]


class _Postings:
    """The first pass's index (:func:`_gathered`): for each name, the groups that name it and how many of their
    documents do, in growing arrays (every node reads those of all its names; a group's row is where it was
    added); and each group's documents with enough names, mass and days."""

    def __init__(self, most: int) -> None:
        self._groups: dict[str, np.ndarray[Any, np.dtype[np.int64]]] = {}
        self._counts: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {}
        self._size: dict[str, int] = {}
        self._row: dict[tuple[str, int], int] = {}
        # Each group's documents with enough names (``solid``) and mass: at most one group per node.
        self.solid = np.zeros(most, dtype=np.float64)
        self.mass = np.ones(most, dtype=np.float64)
        self.first = np.full(most, math.inf)
        self.last = np.full(most, -math.inf)

    def size(self, name: str) -> int:
        """How many groups name ``name``."""
        return self._size.get(name, 0)

    def of(self, name: str) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.float64]]]:
        """The groups that name ``name``, and how many of their documents do."""
        n = self._size[name]
        return self._groups[name][:n], self._counts[name][:n]

    def joined(self, g: int, group: _Group, node: _Group) -> None:
        """``node`` was merged into ``groups[g]`` (now ``group``)."""
        for name, docs in node.counts.items():
            row = self._row.get((name, g))
            if row is not None:
                self._counts[name][row] += docs
                continue
            n = self._size.get(name, 0)
            if n == 0:
                self._groups[name] = np.empty(4, dtype=np.int64)
                self._counts[name] = np.empty(4, dtype=np.float64)
            elif n == len(self._groups[name]):
                self._groups[name] = np.resize(self._groups[name], 2 * n)
                self._counts[name] = np.resize(self._counts[name], 2 * n)
            self._groups[name][n] = g
            self._counts[name][n] = docs
            self._size[name] = n + 1
            self._row[(name, g)] = n
        self.solid[g] = group.solid
        self.mass[g] = group.mass
        self.first[g], self.last[g] = _days(group.span)


def _best(node: _Group, groups: list[_Group], postings: _Postings) -> int:
    """The group ``node`` joins in :func:`_gathered` (-1: none): of the groups that name one of its names whose
    postings hold at most :data:`MAX_POSTINGS` groups, linked to it (:func:`_linked`), written within
    :data:`MAX_STORY_GAP_DAYS` of it and sharing at least :data:`GATHER_SHARE` with it, the one it shares most
    with (the first, on a tie), by ``shared``.

    Every group found through the postings is scored at once, in arrays (a node of a big story shares names with
    hundreds of groups). Only those whose score comes near the best (within a margin far wider than the rounding
    of a sum in another order) are scored again by ``shared``, so the choice is made on the same floats to the
    last bit."""
    finding = [w for w in node.counts if 0 < postings.size(w) <= MAX_POSTINGS]
    if not finding:
        return -1
    hot = [w for w in node.counts if postings.size(w) > MAX_POSTINGS]  # shared where found otherwise
    shared = finding + hot
    parts = [postings.of(w) for w in shared]
    sizes = [len(found) for found, _ in parts]
    found, where = np.unique(np.concatenate([found for found, _ in parts]), return_inverse=True)
    weights = np.repeat([_weight(w) for w in shared], sizes)
    pairs = np.concatenate([counts for _, counts in parts]) * np.repeat([node.counts[w] for w in shared], sizes)
    names = np.bincount(where, minlength=len(found))
    weight = np.bincount(where, weights=weights, minlength=len(found))
    total = np.bincount(where, weights=weights * pairs, minlength=len(found))
    mean = total / np.maximum(np.minimum(postings.mass[found], node.mass), 1e-9)
    mean /= np.maximum(postings.solid[found] * node.solid, 1)
    first, last = _days(node.span)
    apart = np.maximum(postings.last[found], last) - np.minimum(postings.first[found], first)
    near = 1.0 - 1e-6
    reached = np.zeros(len(found), dtype=bool)
    reached[where[: sum(sizes[: len(finding)])]] = True
    # One shared name whose weight is too near its bar to tell from the arrays: scored exactly whatever its
    # share, and never the best share the others are held to (it may not be linked).
    unsure = (names < MIN_SHARED_NAMES) & (np.abs(weight - ONE_NAME_WEIGHT) <= ONE_NAME_WEIGHT * (1.0 - near))
    can = reached & (apart <= MAX_STORY_GAP_DAYS) & (mean >= GATHER_SHARE * near)
    can &= (names >= MIN_SHARED_NAMES) | (weight >= ONE_NAME_WEIGHT * near)
    if not can.any():
        return -1
    sure = can & ~unsure
    top = mean[sure].max() * near if sure.any() else GATHER_SHARE
    best, best_mean = -1, GATHER_SHARE
    for g in found[can & ((mean >= top) | unsure)].tolist():
        share, count, shared_weight = groups[g].shared(node)
        m = groups[g].mean(node, share)
        if _linked(count, shared_weight) and (m > best_mean or (m == best_mean and best < 0)):
            best, best_mean = g, m
    return best


def _days(span: tuple[dt.date, dt.date] | None) -> tuple[float, float]:
    """The first and last day of a span as numbers (none: a span every other contains)."""
    return (math.inf, -math.inf) if span is None else (float(span[0].toordinal()), float(span[1].toordinal()))


def _linked_pairs(groups: list[_Group]) -> dict[tuple[int, int], float]:
    """The pairs of groups that share enough rare names, with the weight they share over all their pairs of
    documents.

    Pairs come from the names' postings; a name in more than :data:`MAX_POSTINGS` groups (a country in a year
    of news) would cost the square of its postings, so pairs whose shared names are all that common come from
    MinHash LSH instead (``datasketch``): whether two groups are candidates depends on their own names only,
    never on what else is in the corpus, and their shared weight is then counted exactly.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        for word in group.counts:
            postings[word].append(n)
    pairs: set[tuple[int, int]] = set()
    hot: set[int] = set()
    for at in postings.values():
        if len(at) > MAX_POSTINGS:
            hot.update(at)
            continue
        pairs.update(combinations(at, 2))  # at rises: each pair (x, y) with x < y
    if hot:
        pairs |= _lsh_pairs({n: groups[n].core() for n in sorted(hot)})
    shared: dict[tuple[int, int], float] = {}
    for x, y in sorted(pairs):
        joined = _join(groups[x].span, groups[y].span)
        if joined is not None and (joined[1] - joined[0]).days > MAX_STORY_GAP_DAYS:
            continue  # never one story, nor any two groups holding them: their share never counts
        between, count, weight = groups[x].shared(groups[y])
        if _linked(count, weight):
            shared[(x, y)] = between
    return shared


#: MinHash LSH settings: 128 permutations in 64 bands of 2 rows find pairs whose names overlap by Jaccard
#: about 0.125 or more (articles of one story share few of their names: on ECB+, LSH alone finds 89% of the
#: pairs the exact postings put in one story); the seed fixes the hashes, so runs are byte-identical.
_LSH_PERMUTATIONS, _LSH_BANDS, _LSH_SEED = 128, 64, 1


def _lsh_pairs(named: Mapping[int, Iterable[str]]) -> set[tuple[int, int]]:
    """Candidate pairs among ``named`` nodes by MinHash LSH on their name sets (see :func:`_linked_pairs`)."""
    from datasketch import MinHash, MinHashLSH

    rows = _LSH_PERMUTATIONS // _LSH_BANDS
    lsh = MinHashLSH(num_perm=_LSH_PERMUTATIONS, params=(_LSH_BANDS, rows))
    hashes = MinHash.bulk(
        [sorted(w.encode("utf-8") for w in found) for found in named.values()],
        num_perm=_LSH_PERMUTATIONS,
        seed=_LSH_SEED,
    )
    for n, h in zip(named, hashes, strict=True):
        lsh.insert(n, h)
    out: set[tuple[int, int]] = set()
    for n, h in zip(named, hashes, strict=True):
        for m in lsh.query(h):
            if m != n:
                out.add((min(n, m), max(n, m)))
    return out


def _join(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The days two groups were written over, together."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])
