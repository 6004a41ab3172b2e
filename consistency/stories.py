"""Stories: which documents report the same events, so that facts are only ever aligned within one story.

A folder of news often holds more than one story: two bank bombings two years apart, two earthquakes in one
country. Both tell of deaths and injuries, and a death toll of one set against the other's is the worst false
conflict there is. Documents of one story name the same rare things (the town, the bank, the victims), so a
story is a group of documents linked by the rare names they share, weighted by how rare each name is in
English (``wordfreq``: the same weight whatever else is in the corpus), and never joined across documents
written weeks apart.

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
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from consistency.extract._datewords import MONTHS, WEEKDAYS

__all__ = ["MIN_SHARE", "RARE_ZIPF", "names", "stories"]

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
#: Up to this many (pair, shared name) rows, shared names are counted in numpy (16 bytes a row, several times
#: over while sorting); past it, pair by pair, which is slower but holds only the pairs.
MAX_COUNTED_PAIRS = 20_000_000
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

    >>> stories({"a": {}, "b": {}, "c": {}}, {}, given={"a": "quake-2004", "b": "quake-2004"})
    {'a': 'quake-2004', 'b': 'quake-2004', 'c': ''}
    """
    given = {doc: story for doc, story in (given or {}).items() if story and doc in named}
    if given:
        rest = stories({doc: found for doc, found in named.items() if doc not in given}, times)
        return {doc: given.get(doc) or rest[doc] for doc in sorted(named)}
    ids = sorted(named)
    # Documents naming exactly the same rare names (wire copies) are one node from the start.
    node_of: dict[tuple[str, ...], int] = {}
    nodes: list[list[int]] = []
    for i, doc in enumerate(ids):
        key = tuple(sorted(named[doc]))
        if len(key) < MIN_NAMES:
            nodes.append([i])  # thin documents are never lumped together: they share nothing
            continue
        if key not in node_of:
            node_of[key] = len(nodes)
            nodes.append([])
        nodes[node_of[key]].append(i)
    names_of = [named[ids[docs[0]]] for docs in nodes]
    shared = _linked_pairs(names_of)
    mass = [sum(found.values()) for found in names_of]
    size = [len(docs) for docs in nodes]
    solid = [len(docs) if len(names_of[n]) >= MIN_NAMES else 0 for n, docs in enumerate(nodes)]
    span: list[tuple[dt.date, dt.date] | None] = []
    for docs in nodes:
        days = [times[ids[i]] for i in docs if ids[i] in times]
        span.append((min(days), max(days)) if days else None)

    # Average link: two groups merge when their documents, on average over every pair, share enough. One
    # article that names both of two events (a quake report recalling an earlier quake) cannot bridge them.
    # The sums between groups are kept up to date on each merge; a heap gives the best pair (stale entries are
    # skipped), so the cost grows with the pairs that share a name, not with the square of the documents.
    between: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), weight in shared.items():
        total = weight / max(min(mass[x], mass[y]), 1e-9) * size[x] * size[y]
        between[x][y] = between[y][x] = total
    alive = set(range(len(nodes)))
    members = {n: [n] for n in range(len(nodes))}

    def mean(x: int, y: int) -> float:
        return between[x][y] / max(solid[x] * solid[y], 1)

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
        joined = _join(span[x], span[y])
        if joined is not None and (joined[1] - joined[0]).days > MAX_STORY_GAP_DAYS:
            continue  # documents written weeks apart: never one story
        # Merge y into x.
        alive.discard(y)
        members[x].extend(members.pop(y))
        solid[x] += solid[y]
        span[x] = joined
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

    groups = sorted((sorted(i for n in members[g] for i in nodes[n]) for g in alive), key=min)
    # A thin document that joined no story could belong to any: it gets no story (and no veto).
    labels: dict[str, str] = {}
    count = 0
    for group in groups:
        if len(group) == 1 and len(named[ids[group[0]]]) < MIN_NAMES:
            labels[ids[group[0]]] = ""
            continue
        count += 1
        for i in group:
            labels[ids[i]] = f"S{count}"
    return labels


def _linked_pairs(names_of: list[Mapping[str, float]]) -> dict[tuple[int, int], float]:
    """The pairs of nodes that share enough rare names, with the weight they share.

    Pairs come from the names' postings; a name in more than :data:`MAX_POSTINGS` nodes (a country in a year
    of news) would cost the square of its postings, so pairs whose shared names are all that common come from
    MinHash LSH instead (``datasketch``): whether two nodes are candidates depends on their own names only,
    never on what else is in the corpus, and their shared weight is then counted exactly.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, found in enumerate(names_of):
        for word in found:
            postings[word].append(n)
    rows = sum(len(at) * (len(at) - 1) // 2 for at in postings.values())
    if rows <= MAX_COUNTED_PAIRS and all(len(at) <= MAX_POSTINGS for at in postings.values()):
        return _counted_pairs(postings, len(names_of))
    pairs: set[tuple[int, int]] = set()
    hot: set[int] = set()
    for at in postings.values():
        if len(at) > MAX_POSTINGS:
            hot.update(at)
            continue
        for k, x in enumerate(at):
            pairs.update((x, y) for y in at[k + 1 :])
    if hot:
        pairs |= _lsh_pairs({n: names_of[n] for n in sorted(hot)})
    shared: dict[tuple[int, int], float] = {}
    for x, y in sorted(pairs):
        both = sorted(names_of[x].keys() & names_of[y].keys())  # sorted: a float sum's last bit must not vary
        weight = sum(_weight(w) for w in both)
        # One shared name is a coincidence two stories can have ("Mount" Pleasant in Vancouver and "Mount"
        # Cook, "Vancouver" itself); documents of one story share several, or one very rare.
        if len(both) >= MIN_SHARED_NAMES or weight >= ONE_NAME_WEIGHT:
            shared[(x, y)] = weight
    return shared


def _counted_pairs(postings: Mapping[str, list[int]], nodes: int) -> dict[tuple[int, int], float]:
    """:func:`_linked_pairs` when every name's postings are short enough to pair exactly: the pairs of each
    name's postings, their shared names counted and weighed in numpy, name by name in sorted order (so each
    pair's weight is the same float sum, to the last bit, as adding its shared names' weights in that order)."""
    import numpy as np

    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for word in sorted(postings):
        at = postings[word]
        if len(at) < 2:
            continue
        ids = np.asarray(at, dtype=np.int64)  # increasing: nodes are numbered in the order they were read
        first, second = np.triu_indices(len(ids), k=1)
        codes.append(ids[first] * nodes + ids[second])
        weights.append(np.full(len(first), _weight(word)))
    if not codes:
        return {}
    pairs, where, count = np.unique(np.concatenate(codes), return_inverse=True, return_counts=True)
    total = np.bincount(where, weights=np.concatenate(weights))  # adds in input order: sorted names
    keep = (count >= MIN_SHARED_NAMES) | (total >= ONE_NAME_WEIGHT)
    return {
        (int(code // nodes), int(code % nodes)): float(weight)
        for code, weight in zip(pairs[keep].tolist(), total[keep].tolist(), strict=True)
    }


#: MinHash LSH settings: 128 permutations in 64 bands of 2 rows find pairs whose names overlap by Jaccard
#: about 0.125 or more (articles of one story share few of their names: on ECB+, LSH alone finds 89% of the
#: pairs the exact postings put in one story); the seed fixes the hashes, so runs are byte-identical.
_LSH_PERMUTATIONS, _LSH_BANDS, _LSH_SEED = 128, 64, 1


def _lsh_pairs(named: Mapping[int, Mapping[str, float]]) -> set[tuple[int, int]]:
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
