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
#: A name in more documents than this is left out of the pairing (it costs the square of its documents).
MAX_POSTINGS = 2000
#: Documents written further apart than this are different stories.
MAX_STORY_GAP_DAYS = 45

# A capitalised word after a lowercase word (or a comma after one): not a sentence's first word, not a
# word of a Title Case headline. A possessive is the name itself ("Aceh's").
_NAME = re.compile(r"(?<=[a-z0-9][,;:] |[a-z0-9]  )[A-Z][a-z]+(?:-[A-Za-z]+)?|(?<=[a-z] )[A-Z][a-z]+(?:-[A-Za-z]+)?")
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


@lru_cache(maxsize=1 << 16)
def _weight(word: str) -> float:
    """How much a shared name says: rarer names more (0 for common words)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    return 0.0 if zipf >= RARE_ZIPF else RARE_ZIPF + 1.0 - zipf


def names(text: str) -> dict[str, float]:
    """The rare names a text uses (capitalised inside a sentence, not at its start), with their weights."""
    out: dict[str, float] = {}
    for m in _NAME.finditer(text):
        word = m.group().lower()
        if word not in out and word not in _NOT_NAMES:
            w = _weight(word)
            if w > 0:
                out[word] = w
    return out


def stories(named: Mapping[str, Mapping[str, float]], times: Mapping[str, dt.date]) -> dict[str, str]:
    """Group documents into stories: ``named`` gives each document's rare names, ``times`` the day each
    document was written where it is known. Returns document id -> story id ("S1", "S2", ... in order of
    their first document); a document with too few names to place joins the story it shares them with, or none
    ("": it may align with any).
    """
    ids = sorted(named)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(ids):
        for word in named[doc]:
            postings[word].append(i)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for word, docs in postings.items():
        if len(docs) > MAX_POSTINGS:
            continue
        w = _weight(word)
        for n, i in enumerate(docs):
            for j in docs[n + 1 :]:
                shared[(i, j)] += w
    mass = [sum(named[d].values()) for d in ids]
    share: dict[tuple[int, int], float] = {
        ij: weight / max(min(mass[ij[0]], mass[ij[1]]), 1e-9) for ij, weight in shared.items()
    }
    # Average link: two groups merge when their documents, on average over every pair, share enough. One
    # article that names both of two events (a quake report recalling an earlier quake) cannot bridge them.
    group = list(range(len(ids)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ids))}
    thin = {i for i, d in enumerate(ids) if len(named[d]) < MIN_NAMES}
    while True:
        between: dict[tuple[int, int], float] = defaultdict(float)
        for (i, j), value in share.items():
            gi, gj = group[i], group[j]
            if gi != gj:
                between[(min(gi, gj), max(gi, gj))] += value
        best: tuple[float, int, int] | None = None
        for (gi, gj), total in between.items():
            pairs = sum(1 for x in members[gi] for y in members[gj] if x not in thin and y not in thin) or 1
            mean = total / pairs
            better = mean >= MIN_SHARE and (best is None or (-mean, gi, gj) < best)
            if better and not _apart(members[gi], members[gj], ids, times):
                best = (-mean, gi, gj)
        if best is None:
            break
        _, gi, gj = best
        for x in members[gj]:
            group[x] = gi
        members[gi].extend(members.pop(gj))
    # A thin document that joined no story could belong to any: it gets no story (and no veto).
    order = sorted(
        (g for g in members if len(members[g]) > 1 or members[g][0] not in thin), key=lambda g: min(members[g])
    )
    label = {g: f"S{n}" for n, g in enumerate(order, 1)}
    return {doc: label.get(group[i], "") for i, doc in enumerate(ids)}


def _apart(left: list[int], right: list[int], ids: list[str], times: Mapping[str, dt.date]) -> bool:
    days = [times[ids[i]] for i in left if ids[i] in times]
    other = [times[ids[i]] for i in right if ids[i] in times]
    if not days or not other:
        return False
    return max(abs((x - y).days) for x in days for y in other) > MAX_STORY_GAP_DAYS
