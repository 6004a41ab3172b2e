"""Turn a document into facts: run each registered kind, read each mention's frame, attach its evidence.

The kinds (``kinds.py``) find mentions with character spans; this module is the one place where a mention
becomes a :class:`~consistency.facts.Fact` with its document, original line, sentence, attribution, frame
(what it measures, of whom, in which clause) and the context the aligner matches on.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from consistency.corpus import Document
from consistency.extract.frames import Frame, clause_span, read_frame
from consistency.extract.kinds import KINDS, Anchor, Found, Kind, Reading
from consistency.extract.sentences import (
    Sentence,
    attribution,
    context_words,
    is_furniture,
    split_sentences,
    stem,
)
from consistency.facts import MARKS, Fact, format_number, make_fact_id

__all__ = ["LIMIT_MEASURES", "WEEKDAY_MISMATCH", "extract_facts"]

#: How a fact's note begins (it always comes first) when its stated weekday contradicts its date: a finding
#: within one document.
WEEKDAY_MISMATCH = "weekday mismatch"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Measures whose "up to N" states the limit itself (N), not an unknown amount below N: "up to 100 requests per
#: minute" and "the limit is 60" contradict each other.
LIMIT_MEASURES = frozenset({"rate limit", "limit"})
_AT_MOST = frozenset({"up to", "at most"})
#: A sentence with more facts than this is a table or a list, not a statement: its facts are dropped.
MAX_FACTS_PER_SENTENCE = 60
#: A sentence longer than this is evidence only around each fact (a run-on table or list has no full stop).
MAX_SENTENCE_CHARS = 1000
#: "from" (and "from the") right before a place: where something comes from.
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?\Z", re.IGNORECASE)
#: Predicate classes of statements: the date of a statement belongs to whoever made it.
SPEECH_EVENTS = frozenset({"announce", "say"})


class _Sentences:
    """The sentences of a text, found by bisection, with each one's attribution read once."""

    def __init__(self, text: str) -> None:
        self.sentences = split_sentences(text) or [Sentence(0, len(text), text)]
        self.starts = [s.start for s in self.sentences]
        self._credits: dict[int, str] = {}
        self._furniture: dict[int, bool] = {}
        self._shown: dict[int, str] = {}

    def at(self, offset: int) -> Sentence:
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.sentences[i]

    def credit(self, sentence: Sentence) -> str:
        if sentence.start not in self._credits:
            self._credits[sentence.start] = attribution(sentence.text[:MAX_SENTENCE_CHARS])
        return self._credits[sentence.start]

    def shown(self, sentence: Sentence, start: int, end: int) -> str:
        """The sentence as a fact's evidence, one line; a run-on "sentence" (a table, a list with no full
        stop) is cut to a window around the fact, so evidence stays readable and memory stays bounded."""
        if sentence.end - sentence.start <= MAX_SENTENCE_CHARS:
            if sentence.start not in self._shown:
                self._shown[sentence.start] = " ".join(sentence.text.split())
            return self._shown[sentence.start]
        half = MAX_SENTENCE_CHARS // 2
        lo, hi = max(sentence.start, start - half), min(sentence.end, end + half)
        text = sentence.text[lo - sentence.start : hi - sentence.start]
        return ("… " if lo > sentence.start else "") + " ".join(text.split()) + (" …" if hi < sentence.end else "")

    def furniture(self, sentence: Sentence) -> bool:
        if sentence.start not in self._furniture:
            self._furniture[sentence.start] = is_furniture(sentence.text[:MAX_SENTENCE_CHARS])
        return self._furniture[sentence.start]


def _claim(found: list[Found], taken: list[tuple[int, int]]) -> list[Found]:
    """The mentions that overlap no span an earlier kind took (``taken`` is sorted and disjoint)."""
    starts = [s for s, _ in taken]
    out = []
    for m in found:
        i = bisect.bisect_left(starts, m.end)  # spans starting before our end
        if i and taken[i - 1][1] > m.start:
            continue
        out.append(m)
    return out


def extract_facts(doc: Document, anchor: Anchor = None, story: str = "") -> list[Fact]:
    """All facts of one document, in text order; relative dates resolve against ``anchor`` (a day, or the
    interval an undated document was published in), by default the document's own publication date.
    ``story`` names the group of documents it belongs to (facts only align within one).

    Each kind runs in registry order and keeps only the mentions that no earlier kind claimed: "3" in
    "March 3" is part of a date, "61" in "Smith, 61," an age, never a count.
    """
    text = doc.text
    sentences = _Sentences(text)
    anchor = anchor if anchor is not None else doc.published
    reading = Reading(text, anchor)
    told = _told(anchor)
    taken: list[tuple[int, int]] = []
    mentions: list[tuple[Kind, Found]] = []
    for kind in KINDS:
        kept = _claim(list(kind.find(reading)), taken)
        mentions.extend((kind, m) for m in kept)
        taken = sorted(taken + [(m.start, m.end) for m in kept])
    mentions.sort(key=lambda km: (km[1].start, km[0].name))
    mentions = _statements_only(mentions, sentences)

    numbers = [m for k, m in mentions if k.numeric]
    number_starts = [m.start for m in numbers]
    dates = _Anchors([m for k, m in mentions if k.name == "date" and m.resolved and m.low is not None])
    # A place an actor comes from is not where the clause is set: "aircraft from Sudan crossed the border with
    # South Sudan and dropped bombs Thursday" (ecbplus 41_10ecbplus.txt:3) bombed South Sudan.
    places = _Anchors(
        [m for k, m in mentions if k.name == "place" and not _ORIGIN.search(text, max(0, m.start - 12), m.start)]
    )
    facts = []
    for kind, m in mentions:
        sentence = sentences.at(m.start)
        within = _between_numbers(m, sentence, numbers, number_starts) if kind.numeric else None
        facts.append(_fact(doc, sentences, sentence, kind, m, within, dates, places, told, story))
    return _with_marks(facts)


def _with_marks(facts: list[Fact]) -> list[Fact]:
    """Each fact with the marks of its sentence (:data:`consistency.facts.MARKS`): the magnitudes and ages the
    sentence's facts state, its own included."""
    marks: dict[tuple[int, str], list[tuple[str, float]]] = {}
    for f in facts:
        if f.measure in MARKS and f.low is not None and f.high in (f.low, None):  # "at least magnitude-5.9" too
            marks.setdefault((f.line, f.sentence), []).append((f.measure, f.low))
    if not marks:
        return facts
    return [
        dataclasses.replace(f, marks=tuple(sorted(set(found)))) if (found := marks.get((f.line, f.sentence))) else f
        for f in facts
    ]


def _statements_only(mentions: list[tuple[Kind, Found]], sentences: _Sentences) -> list[tuple[Kind, Found]]:
    """Drop the facts of a "sentence" that holds more than :data:`MAX_FACTS_PER_SENTENCE`: a run of numbers
    with no full stop (a table, a list, a data dump) states no claim a reader would compare, and reading each
    of its numbers' frames would cost more than the rest of the document."""
    per_sentence: dict[int, int] = {}
    for _, m in mentions:
        key = sentences.at(m.start).start
        per_sentence[key] = per_sentence.get(key, 0) + 1
    crowded = {k for k, n in per_sentence.items() if n > MAX_FACTS_PER_SENTENCE}
    return [km for km in mentions if sentences.at(km[1].start).start not in crowded] if crowded else mentions


def _told(anchor: Anchor) -> tuple[float | None, float | None]:
    """The day (or interval) a document was written, as ordinals."""
    if anchor is None:
        return None, None
    low, high = anchor if isinstance(anchor, tuple) else (anchor, anchor)
    return float(low.toordinal()), float(high.toordinal())


def _between_numbers(m: Found, sentence: Sentence, numbers: Sequence[Found], starts: Sequence[int]) -> tuple[int, int]:
    """The stretch of the sentence that belongs to this number: up to the numbers before and after it.

    "Ten people were killed and at least 50 injured" (ecbplus 20_11ecbplus): the words past the next count
    are that count's, not this one's.
    """
    i = bisect.bisect_left(starts, m.start)
    lo = numbers[i - 1].evidence_end if i > 0 and numbers[i - 1].evidence_end > sentence.start else sentence.start
    j = i + 1
    hi = numbers[j].start if j < len(numbers) and numbers[j].start < sentence.end else sentence.end
    return max(lo, sentence.start), max(min(hi, sentence.end), m.evidence_end)


def _fact(
    doc: Document,
    sentences: _Sentences,
    sentence: Sentence,
    kind: Kind,
    m: Found,
    within: tuple[int, int] | None,
    dates: _Anchors,
    places: _Anchors,
    told: tuple[float | None, float | None],
    story: str,
) -> Fact:
    s0 = sentence.start
    end = m.evidence_end
    subject_span = (m.subject_span[0] - s0, m.subject_span[1] - s0) if m.subject_span else None
    frame: Frame = read_frame(sentence.text, m.start - s0, m.end - s0, subject=subject_span, kind=kind.name)

    measure = m.measure or frame.measure
    holder = m.holder or frame.holder
    if not holder and kind.name == "date" and frame.event in SPEECH_EVENTS:
        holder = sentences.credit(sentence)  # "Putin said Tuesday": the date of what Putin said
    low, high, low_open, high_open, value = m.low, m.high, m.low_open, m.high_open, m.value
    if measure in LIMIT_MEASURES and m.qualifier in _AT_MOST and high is not None:
        low, low_open, value = high, False, format_number(high)  # "up to 100 requests": the limit is 100

    rel_within = None if within is None else (within[0] - s0, within[1] - s0)
    # A number's subject is what it counts; a date's or a place's is the event around it ("start talks").
    left, right = context_words(sentence.text, m.start - s0, end - s0, stemmed=False, within=rel_within)
    subject = m.subject if kind.numeric else " ".join([*reversed(left), *right])
    # The clause ties the fact to a date or a place of its own; most sentences name neither, and then it is
    # not worth reading.
    need_when = kind.name != "date" and dates.any_between(sentence.start, sentence.end)
    need_where = kind.name != "place" and places.any_between(sentence.start, sentence.end)
    when = where = None
    if need_when or need_where:
        clause = clause_span(sentence.text, m.start - s0, m.end - s0)
        lo, hi = clause[0] + s0, clause[1] + s0
        when = dates.nearest(m, lo, hi) if need_when else None
        # A place past another date of the clause sets that date's event: "Monday's shooting follows two last
        # week in public places in Atlanta" (ecbplus 18_1ecbplus.txt:20) did not happen in Atlanta.
        where = places.nearest(m, lo, hi, fence=dates if kind.name == "date" else None) if need_where else None
    source = doc.source_span(m.start, end)
    notes = []
    if m.weekday_mismatch and m.low is not None and m.stated_weekday is not None:
        day, stated = dt.date.fromordinal(int(m.low)), _WEEKDAYS[m.stated_weekday]
        notes.append(f"{WEEKDAY_MISMATCH}: stated {stated} but {day.isoformat()} is a {_WEEKDAYS[day.weekday()]}")
    if m.note:
        notes.append(m.note)
    return Fact(
        fact_id=make_fact_id(doc.doc_id, m.start),
        doc_id=doc.doc_id,
        kind=kind.name,
        unit=m.unit,
        subject=subject,
        context=_nearest_first(left, right),
        text=doc.text[m.start : end],
        value=value,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        qualifier=m.qualifier,
        precision=m.precision,
        resolved=m.resolved,
        key=m.key,
        line=doc.line_of(m.start),
        start=m.start,
        end=end,
        sentence=sentences.shown(sentence, m.start, end),
        attribution=sentences.credit(sentence),
        note="; ".join(notes),
        when=(when.key or when.value) if when else "",
        when_low=when.low if when else None,
        when_high=when.high if when else None,
        where=where.value if where else "",
        where_id=int(where.key) if where else None,
        where_rank=where.rank if where else "",
        measure=measure,
        holder=holder,
        event=frame.event,
        part_of=frame.part_of,
        increment=frame.increment or m.qualifier == "another",
        denominator=m.denominator or frame.denominator,
        frame_rule="extractor" if m.measure else frame.rule,
        weekday_mismatch=m.weekday_mismatch,
        month_day=m.month_day,
        weekday=m.weekday,
        furniture=sentences.furniture(sentence),
        published_low=told[0],
        published_high=told[1],
        source_start=source[0] if source else None,
        source_end=source[1] if source else None,
        story=story,
    )


class _Anchors:
    """Dates or places that tie the other facts of their clause to a time or a place."""

    def __init__(self, found: list[Found]) -> None:
        self.found = found
        self.starts = [f.start for f in found]

    def any_between(self, lo: int, hi: int) -> bool:
        return bisect.bisect_left(self.starts, lo) < bisect.bisect_left(self.starts, hi)

    def nearest(self, m: Found, lo: int, hi: int, fence: _Anchors | None = None) -> Found | None:
        """The one nearest to ``m`` within ``[lo, hi)`` (its clause), if any; with ``fence``, not past one of
        the fence's mentions (other than ``m``) between ``m`` and it."""
        if fence is not None:
            for f in fence.found[bisect.bisect_left(fence.starts, lo) : bisect.bisect_left(fence.starts, hi)]:
                if f.start >= m.end:
                    hi = min(hi, f.start)
                elif f.end <= m.start:
                    lo = max(lo, f.end)
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        if i == j:
            return None
        inside = self.found[i:j]
        # "killing five ... in a region devastated by the tsunami of 2004" on Tuesday: the year dates the tsunami.
        # A year that names a thing dates the fact only when that thing comes first, as what the clause is about
        # ("The 2004 tsunami killed 170,000 people"); after the fact it dates something the sentence recalls
        # ("6.1-magnitude quake strikes Aceh in region hit by 2004 tsunami", ecbplus 37_10ecbplus.txt:2).
        own = [c for c in inside if not c.attached] or [c for c in inside if c.start < m.start]
        if not own:
            return None
        return min(own, key=lambda c: (abs(c.start - m.start), c.start))


def _nearest_first(left: list[str], right: list[str]) -> str:
    """Context words alternating left and right, nearest first and stemmed, so the aligner can weigh near words
    more and meet "talks" with "talk"."""
    out = []
    for i in range(max(len(left), len(right))):
        if i < len(left):
            out.append(stem(left[i]))
        if i < len(right):
            out.append(stem(right[i]))
    return " ".join(out)
