"""Turn a document into facts: run each extractor, then attach the evidence every fact carries.

The extractors (``dates``, ``quantities``, ``places``) are pure functions of text that return mentions with
character spans; this module is the one place where a mention becomes a :class:`~consistency.facts.Fact`
with its document, original line, sentence, attribution and the context the aligner matches on.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import replace

from consistency.corpus import Document
from consistency.extract.dates import DateMention, find_dates
from consistency.extract.places import PlaceMention, find_places
from consistency.extract.quantities import QuantityMention, find_quantities
from consistency.extract.sentences import Sentence, attribution, context_words, event_phrase, split_sentences
from consistency.facts import Fact, format_interval

__all__ = ["WEEKDAY_MISMATCH", "extract_facts"]

#: How a fact's note begins (it always comes first) when its stated weekday contradicts its date: a finding
#: within one document.
WEEKDAY_MISMATCH = "weekday mismatch"

#: Quantity dimensions that say nothing checkable about a story: "Video duration 02 minutes 11 seconds" is
#: page furniture, "the third" is a rank.
_NOT_STORY_FACTS = frozenset({"duration", "ordinal"})
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Sentences:
    """Find the sentence around a character offset by bisection."""

    def __init__(self, text: str) -> None:
        self.sentences = split_sentences(text) or [Sentence(0, len(text), text)]
        self.starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence:
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.sentences[i]


def extract_facts(doc: Document) -> list[Fact]:
    """All facts of one document, in text order.

    Quantities that overlap a date ("3" in "March 3", "2004" in "December 2004") are part of the date, not counts.
    """
    text = doc.text
    sentences = _Sentences(text)
    dates = [d for d in find_dates(text, anchor=doc.published) if d.precision != "ref"]
    date_spans = [(d.start, d.end) for d in dates]
    quantities = [
        q
        for q in find_quantities(text)
        if q.dimension not in _NOT_STORY_FACTS and not _overlaps(q.start, q.end, date_spans)
    ]
    places = [p for p in find_places(text) if p.locative]

    facts: list[Fact] = []
    for d in dates:
        facts.append(_date_fact(doc, sentences.at(d.start), d))
    for n, q in enumerate(quantities):
        sentence = sentences.at(q.start)
        # "Ten people were killed and at least 50 injured" (ecbplus 20_11ecbplus): the words past the next
        # count in the sentence are that count's, not this one's.
        lo = max([sentence.start, *(p.end for p in quantities[:n] if p.end > sentence.start)])
        hi = min([sentence.end, *(p.start for p in quantities[n + 1 :] if p.start < sentence.end)])
        facts.append(_quantity_fact(doc, sentence, q, (lo, hi)))
    for p in places:
        facts.append(_place_fact(doc, sentences.at(p.start), p))
    facts.sort(key=lambda f: (f.start, f.kind))
    return [_anchored(f, sentences, dates, places) for f in facts]


def _anchored(fact: Fact, sentences: _Sentences, dates: list[DateMention], places: list[PlaceMention]) -> Fact:
    """Tie a fact to the resolved date and the place nearest to it in its sentence, if there are any.

    "a 9.1-magnitude quake off Aceh in 2004" and "the 6.1-magnitude quake on Tuesday" name different events,
    and so do "20,000 people marched in Thessaloniki" and "10,000 people are marching in Heraklion"
    (ecbplus 8_3ecbplus, 8_6ecbplus): the aligner keeps such facts from being read as one claim.
    """
    sentence = sentences.at(fact.start)
    changes: dict[str, object] = {}
    if fact.kind != "date":
        near_dates = [d for d in dates if d.resolved and d.low is not None and sentence.start <= d.start < sentence.end]
        if near_dates:
            d = min(near_dates, key=lambda d: (abs(d.start - fact.start), d.start))
            changes.update(when=d.timex or d.text, when_low=_ordinal(d.low), when_high=_ordinal(d.high))
    if fact.kind != "place":
        near_places = [p for p in places if sentence.start <= p.start < sentence.end]
        if near_places:
            p = min(near_places, key=lambda p: (abs(p.start - fact.start), p.start))
            changes["where"] = f"{p.feature}:{p.geonameid}"
    return replace(fact, **changes) if changes else fact  # type: ignore[arg-type]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _base(
    doc: Document, sentence: Sentence, kind: str, start: int, end: int, within: tuple[int, int] | None = None
) -> dict[str, object]:
    """The evidence every fact carries, whatever its kind; ``within`` bounds the context (document offsets)."""
    rel_start, rel_end = start - sentence.start, end - sentence.start
    rel_within = None if within is None else (within[0] - sentence.start, within[1] - sentence.start)
    return {
        "fact_id": f"{doc.doc_id}@{start}",
        "doc_id": doc.doc_id,
        "kind": kind,
        "text": doc.text[start:end],
        "line": doc.line_of(start),
        "start": start,
        "end": end,
        "sentence": " ".join(sentence.text.split()),
        "attribution": attribution(sentence.text),
        "context": _nearest_first(sentence.text, rel_start, rel_end, rel_within),
    }


def _nearest_first(sentence: str, start: int, end: int, within: tuple[int, int] | None) -> str:
    """Context words alternating left and right, nearest first, so the aligner can weigh near words more."""
    left, right = context_words(sentence, start, end, within=within)
    out = []
    for i in range(max(len(left), len(right))):
        out += [side[i] for side in (left, right) if i < len(side)]
    return " ".join(out)


def _date_fact(doc: Document, sentence: Sentence, d: DateMention) -> Fact:
    notes = []
    if d.weekday_mismatch and d.stated_weekday is not None and d.low is not None:
        stated, actual = _WEEKDAYS[d.stated_weekday], _WEEKDAYS[d.low.weekday()]
        notes.append(f"{WEEKDAY_MISMATCH}: stated {stated} but {d.low.isoformat()} is a {actual}")
    if d.note:
        notes.append(d.note)
    base = _base(doc, sentence, "date", d.start, d.end)
    return Fact(
        **base,  # type: ignore[arg-type]
        unit="date",
        subject=event_phrase(sentence.text, d.start - sentence.start, d.end - sentence.start, stemmed=False),
        value=d.timex or d.text,
        low=_ordinal(d.low),
        high=_ordinal(d.high),
        low_open=False,
        high_open=False,
        qualifier="",
        precision=d.precision,
        resolved=d.resolved,
        key=d.timex or "",
        note="; ".join(notes),
    )


def _quantity_fact(doc: Document, sentence: Sentence, q: QuantityMention, within: tuple[int, int]) -> Fact:
    base = _base(doc, sentence, "quantity", q.start, max(q.end, q.subject_end), within)
    return Fact(
        **base,  # type: ignore[arg-type]
        unit=q.unit or q.dimension,
        subject=q.subject,
        value=format_interval(q.low, q.high, q.low_open, q.high_open),
        low=q.low,
        high=q.high,
        low_open=q.low_open,
        high_open=q.high_open,
        qualifier=q.qualifier,
        precision="",
        resolved=True,
        key="",
        note="",
    )


def _place_fact(doc: Document, sentence: Sentence, p: PlaceMention) -> Fact:
    base = _base(doc, sentence, "place", p.start, p.end)
    value = f"{p.name} ({p.country})" if p.country and p.feature != "country" else p.name
    return Fact(
        **base,  # type: ignore[arg-type]
        unit="place",
        subject=event_phrase(sentence.text, p.start - sentence.start, p.end - sentence.start, stemmed=False),
        value=value,
        low=None,
        high=None,
        low_open=False,
        high_open=False,
        qualifier="",
        precision=p.feature,
        resolved=True,
        key=str(p.geonameid),
        note="",
    )


def _ordinal(day: dt.date | None) -> float | None:
    return None if day is None else float(day.toordinal())
