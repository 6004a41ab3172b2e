"""Vetoes: what keeps two facts of one measure apart because they are about two different events.

A reported conflict between two different events is the worst mistake the tool can make: a reader checks it,
finds that the 9.1 belongs to the 2004 quake, and stops trusting the report. Each veto is named, stops one
kind of mistake, and leaves its reason, which ``consistency explain`` prints and the README tabulates.

>>> from consistency.facts import Fact
>>> def count(value, **kw):
...     base = dict(fact_id="x", doc_id="a", kind="count", unit="count", subject="people", context="", text="",
...                 value=str(value), low=value, high=value, low_open=False, high_open=False, qualifier="",
...                 precision="", resolved=True, key="", line=1, start=0, end=1, sentence="", attribution="",
...                 note="", measure="deaths")
...     return Fact(**{**base, **kw})
>>> veto(count(3), count(4, doc_id="b"))
>>> veto(count(3, part_of=True), count(40, doc_id="b"))
('part-of-whole', 'one is a part of a whole ("15 of them"), the other a total')
>>> veto(count(10), count(26000, doc_id="b", sentence="More than 26,000 people died."))[0]
'far-apart'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from consistency.align.blocking import words
from consistency.align.scoring import same_statement
from consistency.compare import overlaps
from consistency.extract.kinds import kind_of
from consistency.extract.places import contains
from consistency.facts import MARKS, Fact
from consistency.lexicon.measures import EVENT_PHASES

__all__ = ["MAX_DATE_GAP_DAYS", "MAX_RATIO", "VETOES", "Veto", "veto"]

#: Two numbers further apart than this factor are different facts, not conflicting reports of one.
MAX_RATIO = 3.0
#: Magnitudes are logarithmic: a ratio says nothing. Two quakes a week apart at one place were 4.4 and 4.6
#: (ECB+ topic 38); outlets reporting one quake differ by a tenth or two.
MAX_MAGNITUDE_GAP = 0.25
#: Two dates (or two facts tied to dates) further apart than this are different events.
MAX_DATE_GAP_DAYS = 45.0
#: A fact its clause dates ("In February, a gunman killed five people") against one its clause does not date,
#: which is about the time its document was written: further apart than this, the dated one recalls another
#: event (ecbplus 18_1ecbplus.txt:25, written in April).
MAX_RECALL_GAP_DAYS = 30.0


@dataclass(frozen=True)
class Veto:
    """One reason two facts are never one claim: its name, what it stops, a real example, and the check."""

    name: str
    stops: str
    example: str
    check: Callable[[Fact, Fact], str | None]


def _bounds(f: Fact) -> tuple[float, float]:
    return (-math.inf if f.low is None else f.low), (math.inf if f.high is None else f.high)


def _furniture(a: Fact, b: Fact) -> str | None:
    return "a fact sits in page furniture (caption, gallery, copyright, links)" if a.furniture or b.furniture else None


def _story(a: Fact, b: Fact) -> str | None:
    if a.story and b.story and a.story != b.story:
        return f"documents of different stories ({a.story}, {b.story}): they name different people and places"
    return None


def _one_document(a: Fact, b: Fact) -> str | None:
    """A document may state one fact twice, even at two precisions ("next month", "on March 3"); two
    values of one document that exclude each other are two facts."""
    if a.doc_id != b.doc_id or a.value == b.value:
        return None
    # "Three dead" in a headline and "at least three people" in the story: one fact at two precisions. An
    # unresolved date ("Monday" with no anchor) or a place (no interval) overlaps nothing we can tell.
    if a.low is not None and b.low is not None and a.resolved and b.resolved and overlaps(a, b):
        return None
    return "one document gives both values: two facts, not two reports of one"


def _part_of_whole(a: Fact, b: Fact) -> str | None:
    if a.part_of != b.part_of:
        return 'one is a part of a whole ("15 of them"), the other a total'
    return None


def _increment(a: Fact, b: Fact) -> str | None:
    if a.increment != b.increment:
        return 'one is an increment ("another 20,000"), the other a total'
    return None


def _rate(a: Fact, b: Fact) -> str | None:
    if a.denominator != b.denominator:
        return f"different rates: per {a.denominator or 'nothing'} vs per {b.denominator or 'nothing'}"
    return None


#: Role nouns that name one participant of an event: a gunman's age and a suspect's age are one person's,
#: a gunman's and a victim's are not.
_ROLES = {
    **dict.fromkeys(("gunman", "shooter", "suspect", "attacker", "assailant", "killer", "bomber", "perpetrator"),
                    "perpetrator"),
    **dict.fromkeys(("victim", "deceased", "dead"), "victim"),
}  # fmt: skip


def _head(holder: str) -> tuple[str, bool]:
    """The holder's head word (a name's surname, a firm's name before "Co." or "Inc.", a noun phrase's noun) and
    whether it is a name."""
    tokens = holder.split()
    while len(tokens) > 1 and tokens[-1].rstrip(".,").lower() in _COMPANY_SUFFIXES:
        tokens.pop()
    last = tokens[-1].rstrip("'’s") if tokens else ""
    return words(last)[0] if words(last) else "", last[:1].isupper()


def _holder(a: Fact, b: Fact) -> str | None:
    """Two named people, or two different roles: "Vladimir Putin" and "Dmitry Peskov", "gunman" and "victim".
    A name against a role ("Kenneth Kwan" against "the gunman") or two descriptions ("quake", "earthquake")
    cannot be told apart: no veto."""
    if not (a.holder and b.holder):
        return None
    (ha, name_a), (hb, name_b) = _head(a.holder), _head(b.holder)
    if not ha or not hb or ha == hb or name_a != name_b:
        return None
    if not name_a and not (ha in _ROLES and hb in _ROLES and _ROLES[ha] != _ROLES[hb]):
        return None  # "quake" and "earthquake" describe one thing; only two roles are two people
    if _abbreviates(a.holder, b.holder) or _abbreviates(b.holder, a.holder):
        return None
    return f"different holders: {a.holder!r} vs {b.holder!r}"


def _abbreviates(short: str, full: str) -> bool:
    """Is ``short`` the initials of the capitalised words of ``full``? "AMD" and "Advanced Micro Devices",
    "HP" (or "H-P") and "services company Hewlett-Packard" or "Hewlett-Packard Co." (ecbplus 43_5ecbplus.txt:4,
    44_15ecbplus.txt:4, 44_3ecbplus.txt:4)."""
    letters = "".join(c for c in short.split()[-1] if c.isalpha()) if short.split() else ""
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    words = [w for w in re.split(r"[\s\-]+", full) if w[:1].isupper()]
    while words and words[-1].rstrip(".,").lower() in _COMPANY_SUFFIXES:
        words.pop()  # "Hewlett-Packard Co." is HP
    initials = "".join(w[0] for w in words)
    return len(initials) >= 2 and letters in (initials, initials[-len(letters) :])


#: Words after a firm's name that are no part of its initials.
_COMPANY_SUFFIXES = frozenset({"co", "inc", "corp", "corporation", "ltd", "llc", "plc", "ag", "sa", "nv", "gmbh"})


def _event(a: Fact, b: Fact) -> str | None:
    """Dates of events of different phases of a story (the attack and the arrest, the quake and the talks)."""
    if kind_of(a.kind).comparison != "calendar" or not (a.event and b.event) or a.event == b.event:
        return None
    phase_a, phase_b = EVENT_PHASES.get(a.event, ""), EVENT_PHASES.get(b.event, "")
    if phase_a and phase_b and (phase_a != phase_b or phase_a == "business"):
        return f"dates of different events: {a.event} vs {b.event}"
    return None


def _told_at(f: Fact) -> tuple[float, float, str] | None:
    """The time a fact is about: the date its clause ties it to, else (for a fact that is not itself a
    resolved date) the time its document was written (the label is made only when a veto fires)."""
    if f.when_low is not None and f.when_high is not None:
        return f.when_low, f.when_high, f.when
    if kind_of(f.kind).comparison == "calendar" and f.resolved:
        return None  # a date is its own time: "far-apart" compares the values
    if f.published_low is not None and f.published_high is not None:
        return f.published_low, f.published_high, ""
    return None


def _time_label(told: tuple[float, float, str]) -> str:
    return told[2] or "published " + _day(told[0])


def _day(ordinal: float) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()


def _time(a: Fact, b: Fact) -> str | None:
    ta, tb = _told_at(a), _told_at(b)
    if ta is None or tb is None:
        return None
    one_dated = bool(ta[2]) != bool(tb[2])  # one clause names its time, the other's is its document's
    if max(ta[0] - tb[1], tb[0] - ta[1]) > (MAX_RECALL_GAP_DAYS if one_dated else MAX_DATE_GAP_DAYS):
        return f"about different times: {_time_label(ta)} vs {_time_label(tb)}"
    return None


def _place(a: Fact, b: Fact) -> str | None:
    if a.where_id is None or b.where_id is None or a.where_id == b.where_id or a.where_rank != b.where_rank:
        return None
    if contains(a.where_id, b.where_id) or contains(b.where_id, a.where_id):
        return None
    return f"set in different places: {a.where} vs {b.where}"


def _listed(a: Fact, b: Fact) -> str | None:
    if kind_of(a.kind).comparison == "place" and a.key != b.key and (a.text in b.sentence or b.text in a.sentence):
        return f"named together in one sentence: {a.text} and {b.text} are a list"
    return None


def _marks_differ(a: Fact, b: Fact) -> str | None:
    """Sentences that state different magnitudes (or ages) tell of two quakes (or two people): "A 5.6 magnitude
    earthquake hit an island off Iran's southern coast on Sunday" and "An earthquake measuring at least
    magnitude-5.9 shook ... southern Iran on Sunday" (ecbplus 20_1ecb.txt:2, 20_3ecbplus.txt:5) are two Sundays
    years apart (ECB+ keeps them as two events). A fact's own magnitude or age is compared by the other vetoes."""
    if not (a.marks and b.marks) or same_statement(a, b):
        return None
    for measure, gap in MARKS.items():
        if measure in (a.measure, b.measure):
            continue
        xs = [v for m, v in a.marks if m == measure]
        ys = [v for m, v in b.marks if m == measure]
        if xs and ys and all(abs(x - y) > gap + 1e-9 for x in xs for y in ys):
            return f"their sentences tell of different {measure}s: {_listing(xs)} vs {_listing(ys)}"
    return None


def _listing(values: list[float]) -> str:
    return ", ".join(f"{v:g}" for v in values)


def _far_apart(a: Fact, b: Fact) -> str | None:
    """Reports of one figure disagree by a margin ("more than 26,000" against "more than 31,000" killed), not
    by orders of magnitude; two accounts of one date are days or weeks apart, not years. Unless the words
    around the two values are the same: then it is one statement with a changed figure."""
    how = kind_of(a.kind).comparison
    if how == "place" or same_statement(a, b):
        return None  # the same words around two values: one statement, told with two figures
    if how == "calendar" and not (a.resolved and b.resolved):
        if a.month_day and b.month_day:
            gap = abs(a.month_day[0] - b.month_day[0])
            if min(gap, 12 - gap) > 1:
                return f"months apart: {a.value} vs {b.value}"
        return None
    if (a.low is None and a.high is None) or (b.low is None and b.high is None):
        return None
    if overlaps(a, b):
        return None
    (lo_a, hi_a), (lo_b, hi_b) = _bounds(a), _bounds(b)
    if how == "calendar":
        if max(lo_a - hi_b, lo_b - hi_a) > MAX_DATE_GAP_DAYS:
            return f"more than {MAX_DATE_GAP_DAYS:.0f} days apart: {a.value} vs {b.value}"
        return None
    near_a, near_b = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    if a.measure == "magnitude" and near_b - near_a > MAX_MAGNITUDE_GAP:
        return f"magnitudes more than {MAX_MAGNITUDE_GAP:g} apart: {a.value} vs {b.value}"
    if near_a > 0 and near_b > 0 and near_b / near_a > MAX_RATIO:
        return f"more than {MAX_RATIO:g}x apart: {a.value} vs {b.value}"
    return None


#: Every veto, in the order they are tried; the first that fires is the reason given.
VETOES: tuple[Veto, ...] = (
    Veto("page-furniture", "numbers of captions, galleries, copyright lines and related links",
         '"Photo 3 of 12" beside the story\'s "3 dead"', _furniture),
    Veto("different-story", "facts of documents that report different events (see stories.py)",
         "a 2009 Sumatra quake's toll against a 2013 Aceh quake's", _story),
    Veto("one-document", "two values one document gives as different facts",
         '"3 were killed ... 40 were injured" read as one count', _one_document),
    Veto("part-of-whole", "a part against the total it belongs to",
         '"injuring 40, 15 of them in the city": 15 against 40', _part_of_whole),
    Veto("increment", "an increment against a total", '"another 20,000 people marched" against "10,000 marched"',
         _increment),
    Veto("different-rate", "rates over different units", '"100 requests per minute" against "100 per second"',
         _rate),
    Veto("different-holder", "values of different holders", "a gunman's age against a victim's age", _holder),
    Veto("different-event", "dates of different events", '"arrested on Friday" against "shot on Monday"', _event),
    Veto("different-time", "facts tied to dates weeks apart, or told in documents written weeks apart",
         '"a 9.1-magnitude quake in 2004" against "the 6.1 quake on Tuesday"', _time),
    Veto("different-place", "facts set in two places of one rank",
         '"20,000 marched in Thessaloniki" against "10,000 in Heraklion"', _place),
    Veto("listed-together", "two places named in one list", '"in Eastern Europe and Ukraine"', _listed),
    Veto("different-marks", "facts of sentences that state different magnitudes or ages (two quakes, two people)",
         '"a 5.6 magnitude earthquake ... on Sunday" against "at least magnitude-5.9 ... on Sunday"', _marks_differ),
    Veto("far-apart", "values orders of magnitude or weeks apart", '"10 people" against "26,000 people"',
         _far_apart),
)  # fmt: skip


def veto(a: Fact, b: Fact) -> tuple[str, str] | None:
    """The first veto that keeps ``a`` and ``b`` apart, as (name, reason), or None."""
    for v in VETOES:
        reason = v.check(a, b)
        if reason:
            return v.name, reason
    return None
