"""How sure we are (0-100) that two facts of one block state the same thing.

The score adds what identifies an event: the words around the fact (rapidfuzz's Indel over sorted word sets,
which is Dice over words: the mean of the overlap of the nearest words and of the whole window), the counted
subject for a count without a measure, and the frame: a shared measure, a shared predicate class, a shared
holder, and the same value. Each part is reported, so ``consistency explain`` can say why two facts joined.

>>> from consistency.facts import Fact
>>> def fact(context, **kw):
...     base = dict(fact_id="x", doc_id="a", kind="count", unit="count", subject="people", context=context,
...                 text="", value="3", low=3.0, high=3.0, low_open=False, high_open=False, qualifier="",
...                 precision="", resolved=True, key="", line=1, start=0, end=1, sentence="", attribution="",
...                 note="")
...     return Fact(**{**base, **kw})
>>> score(fact("kill firebomb attack bank"), fact("die bank branch fire", sentence="Three died in the fire."))
Score(total=61.2, parts=('same value +10', 'subject 100', 'context 51'))
>>> deaths = dict(measure="deaths", event="kill")
>>> s = score(fact("kill attack", **deaths), fact("die bank", sentence="Three died at the bank.", **deaths))
>>> s.total, s.parts
(55.0, ('measure deaths +30', 'event kill +15', 'same value +10', 'context 0'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from consistency._memory import sentence_cache
from consistency.align.blocking import SAME_HEAD, statement, words
from consistency.extract.kinds import kind_of
from consistency.facts import Fact
from consistency.lexicon.measures import EVENT_PHASES
from consistency.stories import names


@sentence_cache(1 << 14)
def sentence_names(sentence: str) -> dict[str, float]:
    """The rare names of a sentence with their weights (see ``stories.py``), read once per sentence."""
    return names(sentence)


__all__ = ["NEAR_WORDS", "Score", "score"]

#: How many of the nearest context words (alternating left and right) make the "near" context.
NEAR_WORDS = 4
#: Weight of the counted subject in the score of a count that has no measure; the rest is the context's.
SUBJECT_WEIGHT = 0.35
#: What each part of the frame adds when two facts share it. A shared measure ("deaths") is strong evidence
#: in one story, a shared predicate class ("kill") less so, an equal value least: it may be a coincidence.
MEASURE_POINTS, EVENT_POINTS, HOLDER_POINTS, VALUE_POINTS = 30.0, 15.0, 20.0, 10.0
#: At most this much for the rare names (people, places, firms) both sentences use, weighted by rarity.
NAME_POINTS = 15.0
#: The context score two dates need before their shared predicate class counts.
MIN_DATE_CONTEXT = 25.0
#: Predicate classes too common to say anything about the event: most sentences report a statement.
GENERIC_EVENTS = frozenset({"announce", "say"})


@dataclass(frozen=True)
class Score:
    """A pair's score and the parts it is made of, readable ("measure deaths +30", "context 42")."""

    total: float
    parts: tuple[str, ...]


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    """Word-level overlap 0-100 of two word sets (rapidfuzz's Indel similarity of the sorted sets is Dice's)."""
    return 100.0 * float(Indel.normalized_similarity(sorted(set(a)), sorted(set(b))))


def _subject_text(subject: str) -> str:
    return " ".join(SAME_HEAD.get(w, w) for w in words(subject))


#: The score parts of two facts that are one statement (:func:`same_statement`).
SAME_STATEMENT = ("same sentence",)


def same_statement(a: Fact, b: Fact) -> bool:
    """Are the two facts the same words of the same sentence with, at most, different figures ("about 200,000
    residents" and "about 600,000 residents" in copies of one article)? Then they are one statement, whatever the
    words around them. ("today" and "Thursday, March 14" of one sentence are two.)"""
    return a.subject == b.subject and statement(a) == statement(b)


def share_near_word(a_context: str, b_context: str) -> bool:
    """Facts about the same event usually share one of their nearest words (the verb or noun they hang on)."""
    return bool(set(words(a_context)[:NEAR_WORDS]) & set(words(b_context)[:NEAR_WORDS]))


def incident_day(a: Fact, b: Fact) -> bool:
    """Do two dates give the same day for one thing in a story? One resolved day (not a span of inferred dates),
    or one weekday in two undated documents of the story ("the Gaza school bombed by Israel on Tuesday", "a
    mortar strike that killed about 40 ... Tuesday", 41_3ecb.txt:1 and 41_7ecb.txt:1; "AMD announced ...
    Monday" in two undated reports of one deal), told around:

    * the story's incident, in whatever words each outlet hangs it on ("killed Wednesday", "the attack on
      Wednesday": ecbplus 8_2ecbplus.txt:4 and 8_9ecbplus.txt:9);
    * any predicate and a statement or a clause whose verb names no event ("left three bank workers dead ... on
      Wednesday", 8_3ecbplus.txt:4; "announced Wednesday it is buying SeaMicro" and "is acquiring SeaMicro
      today", 43_5ecbplus.txt:4 and 43_4ecbplus.txt:6);
    * one and the same predicate, a statement's included: two outlets' "HP today announced" of one day are one
      announcement (44_2ecbplus.txt:4, 44_8ecbplus.txt:4), though "said Tuesday" and "said Thursday" are not
      joined by their verb alone.

    Dates of two different predicates of their own outside the incident (an arrest and a charge, a release and a
    signing) on one day are left to the words around them."""
    if not (
        kind_of(a.kind).comparison == "calendar"
        and a.value == b.value
        and a.resolved
        and b.resolved
        and a.low is not None
        and a.low == a.high
    ) and not (a.weekday is not None and a.value == b.value and not a.resolved and not b.resolved):
        return False
    if a.event == b.event:
        return True
    # A statement or a clause with no event of its own dates whatever the story is about that day ("AMD
    # announced Wednesday it is buying SeaMicro", "AMD is acquiring SeaMicro today": 43_5ecbplus.txt:4,
    # 43_4ecbplus.txt:6); two predicates of their own join only as the incident.
    phases = {_phase(a.event), _phase(b.event)}
    return phases <= {"incident", ""} or "" in phases


def _phase(event: str) -> str:
    """The phase of an event class for :func:`incident_day`: "" for none or a statement."""
    if not event or event in GENERIC_EVENTS:
        return ""
    return EVENT_PHASES.get(event, "other")


def score(a: Fact, b: Fact) -> Score:
    """Score two facts (of one block, already cleared by the vetoes)."""
    if same_statement(a, b):
        return Score(100.0, SAME_STATEMENT)
    # The date of a statement says little: one source speaks on many days ("Putin said Tuesday", "Putin said
    # last Thursday"), so neither the shared measure nor the speaker counts, in the frame or in the words:
    # only what was said.
    statement = any(f.measure.startswith("date:") and f.measure[5:] in GENERIC_EVENTS for f in (a, b))
    wa, wb = words(a.context), words(b.context)
    if statement:
        speakers = set(words(a.holder)) | set(words(b.holder)) | set(sentence_names(a.sentence))
        wa, wb = tuple(w for w in wa if w not in speakers), tuple(w for w in wb if w not in speakers)
    context = (_dice(wa[:NEAR_WORDS], wb[:NEAR_WORDS]) + _dice(wa, wb)) / 2
    parts: list[str] = []
    bonus = 0.0
    # Nor does one predicate class alone make two dates one: "a statement released Tuesday" and "documents
    # released in mid-December" are two releases; the words around them must meet too.
    weak_date = a.measure.startswith("date:") and context < MIN_DATE_CONTEXT
    if a.measure and a.measure == b.measure and not statement and not weak_date:
        bonus += MEASURE_POINTS
        parts.append(f"measure {a.measure} +{MEASURE_POINTS:g}")
    elif incident_day(a, b):
        bonus += MEASURE_POINTS
        parts.append(f"same day +{MEASURE_POINTS:g}")
    if a.event and a.event == b.event and a.event not in GENERIC_EVENTS and not a.measure.startswith("date:"):
        bonus += EVENT_POINTS
        parts.append(f"event {a.event} +{EVENT_POINTS:g}")
    if a.holder and b.holder and not statement and set(words(a.holder)) & set(words(b.holder)):
        bonus += HOLDER_POINTS
        parts.append(f"holder {a.holder} +{HOLDER_POINTS:g}")
    shared_names = set(sentence_names(a.sentence)) & set(sentence_names(b.sentence))
    if shared_names and not statement:
        points = min(NAME_POINTS, sum(sentence_names(a.sentence)[n] for n in shared_names) * 2)
        bonus += points
        parts.append(f"names {' '.join(sorted(shared_names))} +{points:.0f}")
    if a.value == b.value:
        bonus += VALUE_POINTS
        parts.append(f"same value +{VALUE_POINTS:g}")
    if a.kind == "count" and not a.measure:
        subject = float(fuzz.token_set_ratio(_subject_text(a.subject), _subject_text(b.subject)))
        context = SUBJECT_WEIGHT * subject + (1 - SUBJECT_WEIGHT) * context
        parts.append(f"subject {subject:.0f}")
    parts.append(f"context {context:.0f}")
    return Score(round(min(100.0, context + bonus), 1), tuple(parts))
