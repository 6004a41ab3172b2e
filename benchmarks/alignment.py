"""Yardstick for the aligner: ECB+ cross-document coreference as gold, plus a metamorphic check on real articles.

Uses only the public API (``consistency.check`` and its ``facts`` / ``comparisons`` tables); run on demand, never in
the test suite.

Gold (see ``benchmarks/ecb_gold.py``): from ``ecbplus/xml/<topic>/*.xml``, date mentions are the ``TIME_DATE``
markables and number mentions are the other non-time, non-location markables whose tokens hold a number (digits or
a number word read by ``read_numbers``; with the default ``--premodifier`` a number right before a participant's
head noun counts too, because ECB+ often anchors "at least three <people>" on the noun). A mention's chain is its
``CROSS_DOC_COREF`` instance id. Each topic folder ``ecbplus/text/<topic>/`` (one line per sentence) is ONE run of
``consistency.check([folder])`` with no publication dates given. A fact maps to a gold mention of its kind class
(``date``; ``place`` is not scored; every other kind is a ``number``) when both sit on the same line and their word
spans (normalised words, spacing-proof) overlap. Scores per topic, kind and pooled:

- gold / extracted: gold mentions, and the share that some fact maps to;
- coref pairs / recall: pairs of extracted mentions of one chain in different documents, and the share whose facts
  end in one claim (facts sharing a ``claim_id``); ``recall same``: the same on the pairs that state the same number
  (or the same date words), since ECB+ chains are entities and put "two women" in the chain of "three workers";
- judgeable / precision: pairs of facts of one claim (different documents) that both map to gold mentions in a
  cross-document chain (ECB+ leaves mentions outside the seminal event unlinked: they judge nothing), and the share
  that are coreferent (share a chain);
- precision typed: the same on the judgeable pairs whose two mentions are of one ECB+ class (both events, or
  both participants/times): ECB+ never links an event mention ("6.1-magnitude quake") with a participant ("Magnitude
  6.1"), so a pair across the classes says nothing about the numbers;
- conflicts: comparison rows with verdict ``conflict`` whose facts map to different chains (``confl diff``, false
  alarms) or to one chain (``confl same``, real disagreements or extraction errors);
- ecb x ecbplus: the two subtopics of a topic are different events; claim pairs across them are always wrong.

Metamorphic check on every article of ``ecbplus/text/`` and ``timeml-tbaq/AQUAINT-text/``, each in a temp dir:
(1) the article and an identical copy: share of the article's alignable facts (every kind but places) paired with
their twin with verdict agree, and conflicts found (should be none); (2) the article and a copy with ONE count
changed (digits + plural noun, n -> 3n+7) or ONE day changed ("Month D" -> D+-3): share of planted changes found
as a conflict between exactly those two facts, and the number of other conflicts. ``--count-change x1.5`` plants
n -> n + max(1, n//2) instead, a change small enough to be read as two reports of one figure. ``twinned`` = the
changed fact was paired with its twin (agree) in the identical-copy run; ``extracted`` = both changed facts were
extracted.

    python benchmarks/alignment.py [--topics 8,18] [--no-premodifier]
    python benchmarks/alignment.py --show misses|wrong [--kind date|number] [--topics 20]
    python benchmarks/alignment.py --metamorphic [--seed 0] [--limit N] [--workers 2] [--count-change x1.5]
"""

from __future__ import annotations

import argparse
import calendar
import math
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from multiprocessing import Pool
from pathlib import Path

import pandas as pd
from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecb_gold
from ecb_gold import Mention, norm_words

import consistency
from consistency.extract._numwords import read_numbers

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ECB = CORPORA / "ecbplus"
AQUAINT = CORPORA / "timeml-tbaq" / "AQUAINT-text"
KINDS = ("date", "number")
COUNTERS = (
    "gold",
    "extracted",
    "coref_pairs",
    "recalled",
    "same_pairs",
    "same_recalled",
    "judgeable",
    "coreferent",
    "typed_judgeable",
    "typed_coreferent",
    "conflicts",
    "confl_diff",
    "confl_same",
    "cross_sub",
)


def kind_class(kind: str) -> str:
    """The gold class of a fact kind: dates and places by name, every other kind (count, money, ...) a number."""
    return kind if kind in ("date", "place") else "number"


# ---------------------------------------------------------------------------------------------------------------
# Part 1: ECB+ gold
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n


def _subtopic(doc_id: str) -> str:
    return "ecbplus" if doc_id.endswith("ecbplus") else "ecb"


def _fact_spans(facts: pd.DataFrame, lines: dict[str, list[str]]) -> dict[str, tuple[int, int] | None]:
    """Word span of each fact in the normalised words of its line; the k-th equal text on a line takes the k-th hit."""
    spans: dict[str, tuple[int, int] | None] = {}
    seen: Counter[tuple[str, int, tuple[str, ...]]] = Counter()
    for row in facts.sort_values(["doc_id", "line", "start"]).itertuples():
        doc, line = str(row.doc_id), int(row.line)
        words = norm_words(str(row.text))
        text = lines.get(doc, [])
        line_words = norm_words(text[line - 1]) if 0 < line <= len(text) else ()
        hits = [i for i in range(len(line_words) - len(words) + 1) if words and line_words[i : i + len(words)] == words]
        k = seen[(doc, line, words)]
        seen[(doc, line, words)] += 1
        spans[str(row.fact_id)] = (hits[k], hits[k] + len(words)) if k < len(hits) else None
    return spans


def _maps(fact: pd.Series, span: tuple[int, int] | None, mention: Mention, line_words: tuple[str, ...]) -> bool:
    """The fact's word span overlaps the mention's; plain word overlap when the line's tokens could not be matched."""
    if span is not None and line_words[mention.first : mention.last] == mention.words:
        return span[0] < mention.last and mention.first < span[1]
    return bool(set(norm_words(str(fact["text"]))) & set(mention.words))


def _same_statement(a: Mention, b: Mention) -> bool:
    """Both mentions state the same thing: the same first number, or for dates the same words.

    ECB+ chains are entities, so "two women" sits in the chain of "three bank workers" (8_4ecbplus); the pairs
    that state the same value are the ones any aligner must join.
    """
    if a.kind == "date":
        return a.words == b.words
    va = [x.value for x in read_numbers(a.text) if x.kind != "ord"]
    vb = [x.value for x in read_numbers(b.text) if x.kind != "ord"]
    return bool(va and vb and va[0] == vb[0])


@dataclass
class Mapped:
    """One topic's run and its gold, mapped onto each other (see the module docstring)."""

    gold: list[Mention]
    result: consistency.Result
    fact_mentions: dict[str, list[Mention]]
    mention_facts: dict[tuple[str, str], set[str]]
    fact_doc: dict[str, str]
    fact_kind: dict[str, str]
    claim_of: dict[str, set[str]]
    members: dict[str, set[str]]


def map_topic(topic: str, premodifier: bool) -> Mapped:
    """Run one ECB+ topic folder and map its facts onto the gold mentions and its claims onto its facts."""
    gold = ecb_gold.read_topic(ECB / "xml" / topic, premodifier=premodifier)
    folder = ECB / "text" / topic
    result = consistency.check([folder])
    facts = result.facts
    comps = result.comparisons
    lines = {p.stem: p.read_text(encoding="utf-8").split("\n") for p in folder.glob("*.txt")}
    spans = _fact_spans(facts, lines)
    by_line: dict[tuple[str, int, str], list[Mention]] = defaultdict(list)
    for m in gold:
        by_line[(m.doc_id, m.line, m.kind)].append(m)
    fact_mentions: dict[str, list[Mention]] = {}
    mention_facts: dict[tuple[str, str], set[str]] = defaultdict(set)
    fact_doc: dict[str, str] = {}
    fact_kind: dict[str, str] = {}
    for _, row in facts.iterrows():
        fid, doc, line = str(row["fact_id"]), str(row["doc_id"]), int(row["line"])
        fact_doc[fid], fact_kind[fid] = doc, kind_class(str(row["kind"]))
        text = lines.get(doc, [])
        line_words = norm_words(text[line - 1]) if 0 < line <= len(text) else ()
        hit = [m for m in by_line.get((doc, line, fact_kind[fid]), []) if _maps(row, spans[fid], m, line_words)]
        if hit:
            fact_mentions[fid] = hit
            for m in hit:
                mention_facts[(m.doc_id, m.m_id)].add(fid)
    claim_of: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for row in comps[["claim_id", "fact_a", "fact_b"]].itertuples(index=False):
        for fid in (str(row.fact_a), str(row.fact_b)):
            claim_of[fid].add(str(row.claim_id))
            members[str(row.claim_id)].add(fid)
    return Mapped(gold, result, fact_mentions, mention_facts, fact_doc, fact_kind, claim_of, members)


def coref_pairs(mapped: Mapped) -> Iterator[tuple[Mention, Mention, bool]]:
    """Each pair of extracted mentions of one cross-document chain in different documents, and whether their
    facts end in one claim."""
    chains: dict[str, list[Mention]] = defaultdict(list)
    for m in mapped.gold:
        if m.cross_doc and mapped.mention_facts.get((m.doc_id, m.m_id)):
            chains[m.chain].append(m)
    for ms in chains.values():
        for a, b in combinations(ms, 2):
            if a.doc_id == b.doc_id:
                continue
            fa, fb = mapped.mention_facts[(a.doc_id, a.m_id)], mapped.mention_facts[(b.doc_id, b.m_id)]
            yield a, b, any(mapped.claim_of[x] & mapped.claim_of[y] for x in fa for y in fb)


def judged_chains(mapped: Mapped) -> dict[str, set[str]]:
    """The cross-document chains of each fact that maps to a mention in one. Only mentions in a CROSS_DOC_COREF
    chain can judge a pair: ECB+ leaves mentions outside the seminal event unlinked ("350 employees" in
    44_1ecbplus), which says nothing about their coreference."""
    judged = {fid: {m.chain for m in ms if m.cross_doc} for fid, ms in mapped.fact_mentions.items()}
    return {fid: chains for fid, chains in judged.items() if chains}


def score_topic(topic: str, premodifier: bool) -> tuple[dict[tuple[str, str], Tally], int, int]:
    """Counters per (subtopic or "cross", kind class) for one topic; and documents with a publication date / all."""
    mapped = map_topic(topic, premodifier)
    gold, result = mapped.gold, mapped.result
    comps = result.comparisons
    fact_mentions, mention_facts = mapped.fact_mentions, mapped.mention_facts
    fact_doc, fact_kind, members = mapped.fact_doc, mapped.fact_kind, mapped.members

    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for m in gold:
        t = tallies[(m.subtopic, m.kind)]
        t.add("gold")
        t.add("extracted", int(bool(mention_facts.get((m.doc_id, m.m_id)))))
    for a, b, together in coref_pairs(mapped):
        sub = a.subtopic if a.subtopic == b.subtopic else "cross"
        t = tallies[(sub, a.kind)]
        t.add("coref_pairs")
        t.add("recalled", int(together))
        if _same_statement(a, b):
            t.add("same_pairs")
            t.add("same_recalled", int(together))

    judged = judged_chains(mapped)

    def chains_of(fid: str) -> set[str]:
        return judged.get(fid, set())

    # ECB+ never puts an event mention ("6.1-magnitude quake", ACTION_*) and a participant ("Magnitude 6.1",
    # NON_HUMAN_PART) in one chain, whatever number both hold: such a pair says nothing about whether the two
    # numbers are one fact. The typed precision judges only pairs whose mentions share a class.
    classes = {
        fid: {"event" if m.tag.startswith(("ACTION", "NEG_ACTION")) else "entity" for m in ms if m.cross_doc}
        for fid, ms in fact_mentions.items()
    }

    for fids in members.values():
        for x, y in combinations(sorted(fids), 2):
            dx, dy = fact_doc[x], fact_doc[y]
            if dx == dy:
                continue
            sub = _subtopic(dx) if _subtopic(dx) == _subtopic(dy) else "cross"
            t = tallies[(sub, fact_kind[x])]
            if sub == "cross":
                t.add("cross_sub")
            if x in judged and y in judged:
                t.add("judgeable")
                t.add("coreferent", int(bool(chains_of(x) & chains_of(y))))
                if classes[x] & classes[y]:
                    t.add("typed_judgeable")
                    t.add("typed_coreferent", int(bool(chains_of(x) & chains_of(y))))
    for row in comps[comps["verdict"] == "conflict"].itertuples(index=False):
        x, y = str(row.fact_a), str(row.fact_b)
        sub = _subtopic(fact_doc[x]) if _subtopic(fact_doc[x]) == _subtopic(fact_doc[y]) else "cross"
        t = tallies[(sub, fact_kind[x])]
        t.add("conflicts")
        if x in judged and y in judged:
            t.add("confl_same" if chains_of(x) & chains_of(y) else "confl_diff")
    dated = int(result.documents["published"].notna().sum())
    return dict(tallies), dated, len(result.documents)


def show_pairs(topics: list[str], premodifier: bool, which: str, kind: str) -> None:
    """Print, for reading: the coreferent pairs of ``kind`` whose facts are in no one claim (``misses``), or the
    pairs of facts of one claim whose mentions are in different chains (``wrong``), each fact with its value, its
    claims and its sentence."""
    for topic in topics:
        mapped = map_topic(topic, premodifier)

        def line(fid: str, mapped: Mapped = mapped) -> str:
            f = mapped.result.facts.set_index("fact_id").loc[fid]
            claims = ",".join(sorted(mapped.claim_of.get(fid, set()))) or "-"
            return f"  {f['doc_id']}:{f['line']} {f['text']!r} = {f['value']} [{claims}] | {str(f['sentence'])[:160]}"

        if which == "misses":
            for a, b, together in coref_pairs(mapped):
                if together or a.kind != kind:
                    continue
                fa = sorted(mapped.mention_facts[(a.doc_id, a.m_id)])[0]
                fb = sorted(mapped.mention_facts[(b.doc_id, b.m_id)])[0]
                print(f"topic {topic}, chain {a.chain}: not in one claim\n{line(fa)}\n{line(fb)}")
            continue
        judged = judged_chains(mapped)
        for claim, fids in sorted(mapped.members.items()):
            for x, y in combinations(sorted(fids), 2):
                if mapped.fact_kind[x] != kind or mapped.fact_doc[x] == mapped.fact_doc[y]:
                    continue
                if x in judged and y in judged and not judged[x] & judged[y]:
                    print(f"topic {topic}, {claim}: different chains in one claim\n{line(x)}\n{line(y)}")


def _row(label: dict[str, str], counts: Counter[str]) -> dict[str, object]:
    def share(a: str, b: str) -> str:
        return f"{counts[a] / counts[b]:.3f}" if counts[b] else "-"

    return {
        **label,
        "gold": counts["gold"],
        "extracted": share("extracted", "gold"),
        "coref pairs": counts["coref_pairs"],
        "recall": share("recalled", "coref_pairs"),
        "same-value pairs": counts["same_pairs"],
        "recall same": share("same_recalled", "same_pairs"),
        "judgeable": counts["judgeable"],
        "precision": share("coreferent", "judgeable"),
        "precision typed": share("typed_coreferent", "typed_judgeable"),
        "conflicts": counts["conflicts"],
        "confl diff": counts["confl_diff"],
        "confl same": counts["confl_same"],
        "ecb x ecbplus": counts["cross_sub"],
    }


def _sum(tallies: Iterable[Tally]) -> Counter[str]:
    total: Counter[str] = Counter()
    for t in tallies:
        total.update(t.counts)
    return total


def run_gold(topics: list[str], premodifier: bool) -> None:
    per_topic: dict[str, dict[tuple[str, str], Tally]] = {}
    dated_rows = []
    for topic in topics:
        tallies, dated, docs = score_topic(topic, premodifier)
        per_topic[topic] = tallies
        dated_rows.append({"topic": topic, "documents": docs, "with publication date": dated})
    kinds = (*KINDS, "all")

    def pick(tallies: dict[tuple[str, str], Tally], kind: str, sub: str | None = None) -> Counter[str]:
        return _sum(t for (s, k), t in tallies.items() if (kind == "all" or k == kind) and (sub is None or s == sub))

    rows = []
    for topic, tallies in per_topic.items():
        for kind in kinds:
            rows.append(_row({"topic": topic, "kind": kind}, pick(tallies, kind)))
    merged: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for tallies in per_topic.values():
        for key, t in tallies.items():
            merged[key].counts.update(t.counts)
    for kind in kinds:
        rows.append(_row({"topic": "pooled", "kind": kind}, pick(merged, kind)))
    print(f"## ECB+ alignment against gold coreference (premodifier={premodifier})\n")
    print(_table(rows))
    print("\n## Pooled by subtopic (ecb and ecbplus are different events; 'cross' = pairs across them)\n")
    sub_rows = [
        _row({"subtopic": sub, "kind": kind}, pick(merged, kind, sub))
        for sub in ("ecb", "ecbplus", "cross")
        for kind in kinds
    ]
    print(_table(sub_rows))
    print("\n## Publication dates found by the library\n")
    total = {
        "topic": "all",
        "documents": sum(int(str(r["documents"])) for r in dated_rows),
        "with publication date": sum(int(str(r["with publication date"])) for r in dated_rows),
    }
    print(_table([*dated_rows, total]))


# ---------------------------------------------------------------------------------------------------------------
# Part 2: metamorphic check
# ---------------------------------------------------------------------------------------------------------------
# A count as news prints it: digits then a plural noun ("12 people", "1,500 troops"); not money or a year.
_COUNT = re.compile(r"(?<![\w$£€.,])(\d{1,3}(?:,\d{3})+|\d{1,4})(?![\w.,]\d)(\s+)([a-z]{3,}s)\b")
# Month names from the stdlib (C locale), not the library's tables: this yardstick must not move with the internals.
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name and name.lower() != "may"}
MONTHS["sept"] = 9
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = re.compile(rf"\b((?i:{_MONTH_NAMES}))(\.?\s+)(\d{{1,2}})(?![\d,]\d|\d|:)\b")
_NOT_PLURAL = ("ss", "us", "is", "ys")


@dataclass(frozen=True)
class Plant:
    """One planted change: which line, the old and the new text of the fact's changed part."""

    kind: str  # "count" or "day"
    fact_id: str  # the fact of the original article that holds the change
    line: int
    old: str
    new: str


def _articles() -> list[Path]:
    return sorted(ECB.glob("text/*/*.txt")) + sorted(AQUAINT.glob("*.txt"))


def _plants(facts: pd.DataFrame, doc: str, lines: list[str], change: str) -> dict[str, list[Plant]]:
    """Every count and day change that can be planted unambiguously (the old text occurs once on its line), in a
    fact the library can align at all (``alignable``): a changed dateline or caption is rightly no conflict."""
    found: dict[str, list[Plant]] = {"count": [], "day": []}
    for _, row in facts[facts["doc_id"] == doc].iterrows():
        if "alignable" in row.index and not bool(row["alignable"]):
            continue
        line, text, cls = int(row["line"]), str(row["text"]), kind_class(str(row["kind"]))
        if not 0 < line <= len(lines):
            continue
        if cls == "number":
            # A count of things: the library says so (kind "count", or unit "count" today) and the plural noun
            # after the digits is what it counts (in the subject), so "20 miles" and "12 times" are not planted.
            if str(row["kind"]) != "count" and str(row.get("unit", "")) != "count":
                continue
            # Only a bounded value: "more than 660 lives" and "more than 990 lives" do not contradict each other.
            low, high = pd.to_numeric(row.get("low"), errors="coerce"), pd.to_numeric(row.get("high"), errors="coerce")
            if not (math.isfinite(low) and math.isfinite(high)):
                continue
            m = _COUNT.search(text)
            if m is None or m.group(3).endswith(_NOT_PLURAL):
                continue
            if "subject" in row.index and m.group(3).lower() not in str(row["subject"]).lower().split():
                continue
            n = int(m.group(1).replace(",", ""))
            if 1900 <= n <= 2100 and "," not in m.group(1):
                continue
            new_n = n * 3 + 7 if change == "x3+7" else n + max(1, n // 2)
            new_num = f"{new_n:,}" if "," in m.group(1) else str(new_n)
            plant = Plant("count", str(row["fact_id"]), line, m.group(0), new_num + m.group(2) + m.group(3))
        elif cls == "date":
            m = _DAY.search(text)
            if m is None:
                continue
            month = MONTHS[m.group(1).lower()]
            day = int(m.group(3))
            last = calendar.monthrange(2001, month)[1] if month != 2 else 28
            if not 1 <= day <= last:
                continue
            new_day = day + 3 if day + 3 <= last else day - 3
            plant = Plant("day", str(row["fact_id"]), line, m.group(0), m.group(1) + m.group(2) + str(new_day))
        else:
            continue
        if lines[line - 1].count(plant.old) == 1:
            found[plant.kind].append(plant)
    return found


def _twins(facts: pd.DataFrame, a: str, b: str) -> dict[str, str]:
    """Fact id in ``a`` -> the fact at the same place in ``b`` (same line, offsets, text and kind)."""
    key = ["line", "start", "end", "text", "kind"]
    fa = facts[facts["doc_id"] == a]
    fb = facts[facts["doc_id"] == b]
    merged = fa.merge(fb, on=key, suffixes=("_a", "_b"))
    return dict(zip(merged["fact_id_a"].astype(str), merged["fact_id_b"].astype(str), strict=True))


def _pairs(comps: pd.DataFrame, verdict: str | None = None) -> set[frozenset[str]]:
    rows = comps if verdict is None else comps[comps["verdict"] == verdict]
    return {frozenset((str(x), str(y))) for x, y in zip(rows["fact_a"], rows["fact_b"], strict=True)}


def _claims(comps: pd.DataFrame) -> dict[str, set[str]]:
    claim_of: dict[str, set[str]] = defaultdict(set)
    for row in comps[["claim_id", "fact_a", "fact_b"]].itertuples(index=False):
        claim_of[str(row.fact_a)].add(str(row.claim_id))
        claim_of[str(row.fact_b)].add(str(row.claim_id))
    return claim_of


def metamorphic_one(job: tuple[str, int, str]) -> dict[str, object]:
    """Run the identical-copy and the planted-change checks on one article."""
    path_s, seed, change = job
    path = Path(path_s)
    rng = random.Random(f"{seed}:{path.parent.name}/{path.name}")
    raw = path.read_text(encoding="utf-8", errors="replace")
    lines = raw.split("\n")
    out: dict[str, object] = {"article": path.name, "corpus": "aquaint" if path.parent == AQUAINT else "ecbplus"}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "article.txt").write_text(raw, encoding="utf-8")
        (d / "article-copy.txt").write_text(raw, encoding="utf-8")
        result = consistency.check([d])
        facts, comps = result.facts, result.comparisons
        ids = dict(
            zip(result.documents["path"].map(lambda x: Path(str(x)).name), result.documents["doc_id"], strict=True)
        )
        a, b = str(ids["article.txt"]), str(ids["article-copy.txt"])
        # The facts the library says can be aligned at all (facts.csv's `alignable`); a number with neither a
        # measure nor a counted noun stays single-source by design. The share of every non-place fact is also kept.
        mine = facts[(facts["doc_id"] == a) & (facts["kind"] != "place")]
        alignable = mine[mine["alignable"]] if "alignable" in mine.columns else mine
        twins = _twins(facts, a, b)
        agree = _pairs(comps, "agree")
        claim_of = _claims(comps)
        paired: set[str] = set()
        for fid in alignable["fact_id"].astype(str):
            twin = twins.get(fid)
            if twin is None:
                continue
            pair = frozenset((fid, twin))
            direct = _pairs(comps[(comps["fact_a"].isin(pair)) & (comps["fact_b"].isin(pair))])
            if claim_of[fid] & claim_of[twin] and (pair in agree or not direct):
                paired.add(fid)
        out["alignable"] = len(alignable)
        out["paired"] = len(paired)
        out["all_facts"] = len(mine)
        out["identical_conflicts"] = int((comps["verdict"] == "conflict").sum())
        plants = _plants(facts, a, lines, change)
        for kind in ("count", "day"):
            if not plants[kind]:
                continue
            plant = rng.choice(plants[kind])
            changed = list(lines)
            changed[plant.line - 1] = changed[plant.line - 1].replace(plant.old, plant.new, 1)
            (d / "article-copy.txt").write_text("\n".join(changed), encoding="utf-8")
            result = consistency.check([d])
            facts2, comps2 = result.facts, result.comparisons
            on_line = facts2[(facts2["line"] == plant.line)]
            olds = on_line[(on_line["doc_id"] == a) & on_line["text"].astype(str).str.contains(plant.old, regex=False)]
            news = on_line[(on_line["doc_id"] == b) & on_line["text"].astype(str).str.contains(plant.new, regex=False)]
            planted = {frozenset((str(x), str(y))) for x in olds["fact_id"] for y in news["fact_id"]}
            conflicts = _pairs(comps2, "conflict")
            involved = set(olds["fact_id"].astype(str)) | set(news["fact_id"].astype(str))
            out[f"{kind}_planted"] = 1
            out[f"{kind}_twinned"] = int(plant.fact_id in paired)
            out[f"{kind}_extracted"] = int(bool(planted))
            out[f"{kind}_found"] = int(bool(planted & conflicts))
            others = sorted(sorted(p) for p in conflicts if not p & involved)
            out[f"{kind}_other"] = len(others)
            if others:
                text = dict(zip(facts2["fact_id"].astype(str), facts2["text"].astype(str), strict=True))
                out[f"{kind}_other_example"] = "; ".join(" vs ".join(repr(text[f]) for f in p) for p in others[:3])
            out[f"{kind}_example"] = f"{plant.old!r} -> {plant.new!r}"
    return out


def run_metamorphic(seed: int, limit: int | None, workers: int, change: str) -> None:
    articles = _articles()
    if limit is not None and limit < len(articles):
        articles = sorted(random.Random(seed).sample(articles, limit))
    jobs = [(str(p), seed, change) for p in articles]
    if workers > 1:
        with Pool(workers) as pool:
            results = list(pool.imap(metamorphic_one, jobs, chunksize=4))
    else:
        results = [metamorphic_one(j) for j in jobs]
    frame = pd.DataFrame(results)
    numeric = [c for c in frame.columns if c.endswith(("_planted", "_twinned", "_extracted", "_found", "_other"))]
    frame[numeric] = frame[numeric].fillna(0)
    rows = []
    for corpus, part in [*frame.groupby("corpus"), ("all", frame)]:
        row: dict[str, object] = {"corpus": corpus, "articles": len(part)}
        alignable, paired = int(part["alignable"].sum()), int(part["paired"].sum())
        row["alignable facts"] = alignable
        row["twin agree"] = f"{paired / alignable:.3f}" if alignable else "-"
        every = int(part["all_facts"].sum())
        row["twin agree of all facts"] = f"{paired / every:.3f}" if every else "-"
        row["copy conflicts"] = int(part["identical_conflicts"].sum())
        for kind in ("count", "day"):
            planted = int(part.get(f"{kind}_planted", pd.Series(dtype=int)).sum())
            found = int(part.get(f"{kind}_found", pd.Series(dtype=int)).sum())
            row[f"{kind} planted"] = planted
            row[f"{kind} extracted"] = int(part.get(f"{kind}_extracted", pd.Series(dtype=int)).sum())
            row[f"{kind} twinned"] = int(part.get(f"{kind}_twinned", pd.Series(dtype=int)).sum())
            row[f"{kind} found"] = f"{found / planted:.3f}" if planted else "-"
            row[f"{kind} other confl"] = int(part.get(f"{kind}_other", pd.Series(dtype=int)).sum())
        rows.append(row)
    print(f"## Metamorphic check (seed={seed}, articles={len(articles)}, count change {change})\n")
    print(_table(rows))
    missed = [r for r in results if r.get("count_planted") and not r.get("count_found")]
    missed += [r for r in results if r.get("day_planted") and not r.get("day_found")]
    if missed:
        print("\n## Planted changes not found (first 15)\n")
        body = []
        for r in missed[:15]:
            kind = "count" if r.get("count_planted") and not r.get("count_found") else "day"
            twinned = "yes" if r.get(f"{kind}_twinned") else "no"
            body.append(
                {"article": r["article"], "kind": kind, "change": r.get(f"{kind}_example", ""), "twin agreed": twinned}
            )
        print(_table(body))
    others = [(r, kind) for kind in ("count", "day") for r in results if r.get(f"{kind}_other")]
    if others:
        print("\n## Other conflicts after a planted change (first 15)\n")
        print(
            _table(
                [
                    {
                        "article": r["article"],
                        "kind": kind,
                        "change": r.get(f"{kind}_example", ""),
                        "other conflicts": r.get(f"{kind}_other_example", ""),
                    }
                    for r, kind in others[:15]
                ]
            )
        )


def _table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "_no rows_"
    headers = list(dict.fromkeys(k for row in rows for k in row))
    body = [[str(row.get(h, "")) for h in headers] for row in rows]
    return str(tabulate(body, headers=headers, tablefmt="github", disable_numparse=True))


def _topics(spec: str | None) -> Iterator[str]:
    names = sorted((p.name for p in (ECB / "text").iterdir() if p.is_dir()), key=int)
    wanted = set(spec.split(",")) if spec else None
    return (t for t in names if wanted is None or t in wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metamorphic", action="store_true", help="run the metamorphic check instead of the gold")
    parser.add_argument("--seed", type=int, default=0, help="seed of the planted changes and of --limit's sample")
    parser.add_argument("--limit", type=int, default=None, help="metamorphic: this many articles (a seeded sample)")
    parser.add_argument("--workers", type=int, default=2, help="metamorphic: worker processes")
    parser.add_argument(
        "--count-change",
        choices=["x3+7", "x1.5"],
        default="x3+7",
        help="metamorphic: planted count n -> 3n+7, or n -> n + max(1, n//2) (within the aligner's value ratio)",
    )
    parser.add_argument("--topics", default=None, help="gold: comma-separated ECB+ topics (default: all)")
    parser.add_argument(
        "--no-premodifier",
        dest="premodifier",
        action="store_false",
        help="gold: only numbers inside a markable's own tokens, not a number right before its head noun",
    )
    parser.add_argument(
        "--show",
        choices=["misses", "wrong"],
        default=None,
        help="gold: instead of the tables, print the coreferent pairs left in no one claim, or the claim pairs "
        "of different chains, with their sentences",
    )
    parser.add_argument("--kind", choices=list(KINDS), default="date", help="--show: which kind class")
    args = parser.parse_args()
    if args.show:
        show_pairs(list(_topics(args.topics)), args.premodifier, args.show, args.kind)
    elif args.metamorphic:
        run_metamorphic(args.seed, args.limit, args.workers, args.count_change)
    else:
        run_gold(list(_topics(args.topics)), args.premodifier)


if __name__ == "__main__":
    main()
