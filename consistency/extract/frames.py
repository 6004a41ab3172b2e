"""The frame of a fact: what a number or date measures, of whom, and the markers that keep two facts apart.

A fact is a span of a sentence ("at least 40", "$1.2bn", "March 3"); its frame is read from a bounded
window of words on each side, inside the clause that holds it (:func:`clause_span`). Every rule that sets
``measure`` names itself in ``rule`` so that a user can see why two facts were (not) compared.

This module holds the public API (:class:`Frame`, :func:`read_frame`, :func:`clause_span`), the event rules
and the rules of coordination, parts and increments. It builds on two private layers: ``_frame_words`` (word
forms, tokens, clause breaks, the window around a fact, the readers of a count's predicate) and
``_frame_money`` (money, percentages, magnitudes, physical quantities, limits, denominators).

Object of a verb before the count, subject of a predicate after it:

>>> def frame(s, target, **kw):
...     i = s.index(target)
...     return read_frame(s, i, i + len(target), **kw)
>>> s = "At least 43 people were killed and 55 wounded in the school."
>>> frame(s, "At least 43").measure, frame(s, "55").measure, frame(s, "55").rule
('deaths', 'injuries', 'passive-after:wound')
>>> f = frame("A powerful quake struck, killing at least seven people and injuring 40, 15 of them on Qeshm.", "15")
>>> f.measure, f.part_of, f.rule
('injuries', True, 'part-of:injure')
>>> frame("Shooting at Accounting Firm Leaves Woman Dead and 2 Hurt", "2").measure
'injuries'
>>> frame("the death toll rose to 24", "24").rule
'noun:toll'

Past one apposition; coordinated counts are parts of their total; "to death" and "the death of" are deaths:

>>> frame("Three people, one of them a pregnant woman, were killed.", "Three").measure
'deaths'
>>> f = frame("Police said two women and one man died at a branch of the bank.", "two")
>>> f.measure, f.part_of
('deaths', True)
>>> f = frame("The attacks killed 247 people in Kenya and 10 in Tanzania.", "10")
>>> f.measure, f.part_of
('deaths', False)
>>> frame("Three people have suffocated to death in the bank.", "Three").measure
'deaths'
>>> frame("the tragic death of the three workers", "three").rule
'noun-of:death'

A count with no predicate of its own measures nothing; "more than" is a qualifier, "another" an increment:

>>> frame("Russia has massed more than 100,000 troops on the border.", "more than 100,000")
Frame(measure='', event='', holder='', part_of=False, increment=False, denominator='', rule='')
>>> f = frame("The boy's mother and 10 other people died when their boat sank.", "10")
>>> f.measure, f.increment
('deaths', True)

Money, percentages, magnitudes and limits, with their holder and per-unit:

>>> f = frame("The Pro plan costs $49 per month.", "$49", kind="money")
>>> f.measure, f.holder, f.denominator
('price', 'Pro plan', 'month')
>>> frame("The FBI offered a $35,000 reward for information.", "$35,000", kind="money").measure
'reward'
>>> f = frame("A strong 6.1-magnitude earthquake struck Aceh.", "6.1")
>>> f.measure, f.holder
('magnitude', 'earthquake')
>>> f = frame("The free tier allows up to 100 requests per minute.", "up to 100")
>>> f.measure, f.holder, f.denominator
('rate limit', 'free tier', 'minute')

The price past an apposition, and the haul of a theft however it is told:

>>> frame("AMD agreed to acquire SeaMicro, a maker of servers, for $334 million.", "$334 million", kind="money").measure
'price'
>>> frame("Robbers stole diamonds valued at 85 million euros ($108 million).", "$108 million", kind="money").rule
'converted:value-of-stolen'

A date measures the event it dates: the main verb of its clause, not a trailing ", police said":

>>> frame("Police said Wednesday that the suspect surrendered.", "Wednesday", kind="date").measure
'date:announce'
>>> frame("He fell about 2,000 feet while climbing on Saturday, police said.", "Saturday", kind="date").measure
'date:fall'
>>> frame("On Saturday, Robert Buckley, originally from Essex, fell 600m.", "Saturday", kind="date").rule
'date-fronted'
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency.extract._frame_money import (
    _TIME_UNITS,
    _denominator,
    _limit,
    _magnitude,
    _money,
    _near_quake,
    _percent,
    _physical,
)
from consistency.extract._frame_words import (
    _APPOSITION_WORDS,
    _CHARS,
    _COMMA_BREAKS,
    _FUNCTION,
    _QUALIFIER_WORDS,
    _SENTENCING,
    _SENTENCING_FORMS,
    _SKIP,
    _TOKEN,
    _WIDE,
    _WINDOW,
    _after,
    _clause,
    _count_measure,
    _cross_left,
    _event,
    _first_left,
    _is_number,
    _lemma,
    _noun_before,
    _noun_of,
    _verb_before,
    _Window,
    _words,
)
from consistency.lexicon import measures as lex

__all__ = ["Frame", "clause_span", "read_frame"]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a fact measures and of whom; see the module docstring for examples."""

    measure: str = ""
    event: str = ""
    holder: str = ""
    part_of: bool = False
    increment: bool = False
    denominator: str = ""
    rule: str = ""


def clause_span(sentence: str, start: int, end: int, *, reach: int = 2 * _CHARS) -> tuple[int, int]:
    """Bounds (within ``sentence``) of the clause that holds ``sentence[start:end]``.

    It stops at ";", at ", which"/", who"/", but"/"while", at a participle clause after a comma, and at a
    new count that follows a predicate; it looks at most ``reach`` characters each side.

    >>> s = "Ten people were killed and at least 50 injured when an earthquake razed villages"
    >>> i = s.index("50"); lo, hi = clause_span(s, i, i + 2); s[lo:hi]
    'at least 50 injured when an earthquake razed villages'
    >>> s = "The 2004 tsunami that killed 230,000 people was triggered by a 9.1-magnitude quake, which hit Aceh"
    >>> i = s.index("9.1"); lo, hi = clause_span(s, i, i + 3); s[lo:hi]
    'The 2004 tsunami that killed 230,000 people was triggered by a 9.1-magnitude quake'
    """
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    lo, hi = max(0, start - reach), min(len(sentence), end + reach)
    left = list(_TOKEN.finditer(sentence, lo, start))
    fact = list(_TOKEN.finditer(sentence, start, end))
    right = list(_TOKEN.finditer(sentence, end, hi))
    tokens = (*left, *fact, *right)
    # Tokens never hold a blank, so one lower() over the joined tokens lowers each of them (as in _Window).
    low = " ".join([m.group() for m in tokens]).lower().split(" ") if tokens else []
    a, b = _clause(low, len(left), len(left) + len(fact), len(low))
    clause_start = lo if a == 0 else tokens[a].start() if a < len(tokens) else start
    clause_end = tokens[b].start() if b < len(tokens) else hi
    return clause_start, clause_end


#: Events that only say a phase of another event ("start talks", "end the strike"): the other one is the event.
_ASPECTUAL = frozenset({"begin", "end"})


def _nearest_event(w: _Window) -> str:
    """The event class nearest to the fact, preferring a real event to a phase of one ("to start this
    discussion from the beginning of the year" dates the discussion, seeds/004:13) and to a trailing report
    ("fell about 2,000 feet ... on Saturday, police said" dates the fall, 23_10ecbplus)."""
    return _scan_events(w)[0]


def _scan_events(w: _Window) -> tuple[str, str]:
    """(event, fallback): the nearest content event and, when there is none, the best of the rest (a phase,
    or a statement after a comma on the right: the reporting frame, not the event)."""
    phase = ""
    left, right = w.left, w.right
    comma = False
    for i in range(_WINDOW):
        if i < len(left):
            tok = left[i]
            event = (
                _event_in(left[i + 2 : i + 3], left[i + 1 : i + 2], tok, left[i - 1 : i] if i else w.fact[:1])
                if tok in _CONTEXT_WORDS
                else _event(tok)
            )
            if event and event not in _ASPECTUAL:
                return event, ""
            phase = phase or event
        if i < len(right):
            tok = right[i]
            comma = comma or tok == ","
            event = (
                _event_in(right[max(0, i - 2) : i - 1], right[max(0, i - 1) : i], tok, right[i + 1 : i + 2])
                if tok in _CONTEXT_WORDS
                else _event(tok)
            )
            if event and event not in _ASPECTUAL and not (comma and event in _REPORTING):
                return event, ""
            phase = phase or event
    return "", phase


#: Words that may lead a date at the head of a sentence: "On Saturday,", "Early on Monday,", "In February,".
_DATE_LEAD = _words("on in early late last this by at since during from until of the")
#: A participle adjunct shares the main clause's subject and time: "died while climbing ... on Saturday".
_ADJUNCTS = _words("while whilst")
_OTHER_CLAUSES = _COMMA_BREAKS - _ADJUNCTS


def _date_event(w: _Window) -> tuple[str, str]:
    """(event, rule) of a date: the main verb of its own clause.

    A date that leads its sentence ("On Saturday, 32-year-old Englishman Robert Buckley, originally from Essex,
    but living in Christchurch, fell", 23_3ecbplus) dates the first event of the main clause, past the
    appositions of its subject. A date inside a participle adjunct ("died while climbing to a hut ... on
    Saturday", 23_5ecbplus) dates the main clause's event. Otherwise the nearest event; a statement after a
    comma (", police said") only when no other event is near.
    """
    if w.right[:1] == [","] and all(t in _DATE_LEAD for t in w.wide_left) and len(w.wide_left) < _WINDOW:
        event = _first_event_after(w)
        if event:
            return event, "date-fronted"
    event, fallback = _scan_events(w)
    if event:
        return event, "date-event"
    event = _event_before_adjunct(w)
    if event:
        return event, "date-adjunct"
    if fallback:
        return fallback, "date-event"
    event = _sentence_event(w)
    return (event, "date-sentence") if event else ("", "")


def _sentence_event(w: _Window) -> str:
    """The nearest event of the date's sentence past its clause, when the clause names none: "The government
    of Sudan bombed the ... refugee camp in Yida, South Sudan, on Thursday" (ecbplus 41_9ecbplus.txt:4), "shot by
    a gunman who marched into a company Christmas party Friday night" (18_14ecb.txt:1). Read over a bounded
    stretch, longer on the left, where the main verb usually is, than on the right, where a noun a clause or two
    later is another matter; never past a full stop, colon or semicolon; statements only when nothing else is
    there."""
    left = [t.lower() for t in _TOKEN.findall(w.sentence, max(0, w.start - 3 * _CHARS), w.start)][::-1]
    right = [t.lower() for t in _TOKEN.findall(w.sentence, w.end, min(len(w.sentence), w.end + 3 * _CHARS))]
    sides = []
    for words, reach in ((left, _WIDE), (right, _WINDOW)):
        cut = next((k for k, t in enumerate(words) if t in (";", ":", ".")), len(words))
        sides.append(words[: min(cut, reach)])
    statement = ""
    for k in range(_WIDE):
        for side, words in enumerate(sides):
            if k >= len(words):
                continue
            before, after = (
                (words[k + 1 : k + 2], words[k - 1 : k]) if side == 0 else (words[k - 1 : k], words[k + 1 : k + 2])
            )
            event = _event_in(
                words[k + 2 : k + 3] if side == 0 else words[max(0, k - 2) : max(0, k - 1)], before, words[k], after
            )
            if event in _REPORTING:
                statement = statement or event
            elif event and event not in _ASPECTUAL:
                return event
    return statement


def _first_event_after(w: _Window) -> str:
    """The first event of the clause after a fronted date, read over a bounded stretch past its commas."""
    words = [t.lower() for t in _TOKEN.findall(w.sentence, w.end, min(len(w.sentence), w.end + 3 * _CHARS))]
    for k, tok in enumerate(words[: 2 * _WIDE]):
        if tok in (";", ":", "."):
            return ""
        event = _event_in(words[max(0, k - 2) : max(0, k - 1)], words[max(0, k - 1) : k], tok, words[k + 1 : k + 2])
        if event and event not in _ASPECTUAL:
            return event
    return ""


def _event_before_adjunct(w: _Window) -> str:
    """The event of the main clause before a "while ...ing" adjunct that holds the date, or ""."""
    words = [t.lower() for t in _TOKEN.findall(w.sentence, max(0, w.start - 2 * _CHARS), w.start)][::-1]
    for k, tok in enumerate(words[: 2 * _WIDE]):
        if tok in (";", ":", ".") or tok in _OTHER_CLAUSES:
            return ""
        if tok in _ADJUNCTS and k > 0 and words[k - 1].endswith("ing"):
            for j in range(k + 1, min(len(words), k + 7)):
                event = _event_in(words[j + 2 : j + 3], words[j + 1 : j + 2], words[j], words[j - 1 : j])
                if event and event not in _ASPECTUAL:
                    return event
            return ""
    return ""


_REPORTING = frozenset({"announce"})
_OPEN_FORMS = _words("open opens opened opening")
_MAKE_FORMS = _words("make makes made making")
_POSSESSIVES = _words("his her their its")
_MOVEMENT_AFTER = _words("into onto to toward towards")
_MARCH_FORMS = _words("march marches marched marching")
_SHOT_AFTER = _words("at on into upon shots shot rounds bullets")
#: The words whose event class depends on their neighbours (see _event_in).
_CONTEXT_WORDS = frozenset({"fire", "off", "death", "fired", *_MARCH_FORMS})


def _event_in(before: list[str], prev: list[str], tok: str, nxt: list[str]) -> str:
    """The event class of ``tok`` read with its neighbours (in reading order; each a list of at most one word):
    "opened fire" is a shooting, "made off with" a theft, "fell to his death" and "burnt to death" a death
    (not "sentenced to death"); "marched into a school" is a movement, no protest.
    """
    if tok == "fire" and prev and prev[0] in _OPEN_FORMS:
        return "shoot"
    if tok == "off" and prev and prev[0] in _MAKE_FORMS:
        return "steal"
    if tok == "death" and prev:
        if prev[0] in _POSSESSIVES and before == ["to"]:
            return "kill"
        if prev[0] == "to" and before and _lemma(before[0]) not in _SENTENCING and before[0] not in _SENTENCING_FORMS:
            return "kill"
    if tok in _MARCH_FORMS and nxt and nxt[0] in _MOVEMENT_AFTER:
        return ""
    if tok == "fired":
        # "fired at the crowd", "fired shots" is a shooting; "he was fired last week" (18_1ecbplus) a dismissal
        return "shoot" if nxt and nxt[0] in _SHOT_AFTER else "dismiss"
    return _event(tok)


#: Measures of people, the only ones whose coordinated counts are parts of one total ("two women and one
#: man died" are three deaths; "2 million iPhones and 3 million iPads" are two totals).
_PEOPLE_MEASURES = frozenset(
    {"deaths", "injuries", "shot", "arrests", "missing", "evacuated", "displaced", "rescued", "hostages"}
)
_CONJUNCTIONS = frozenset({"and", "or"})


def _np_words(words: list[str], i: int, most: int = 3) -> int:
    """How many words of a bare noun phrase start at ``words[i]`` ("women", "Cuban exile leaders")."""
    k = i
    while (
        k < len(words)
        and k - i < most
        and words[k].isalpha()
        and words[k] not in _FUNCTION
        and words[k] not in lex.AUXILIARIES
        and not _count_measure(words[k])[0]
        and not _is_number(words[k])
    ):
        k += 1
    return k - i


def _numbered(words: list[str], k: int) -> bool:
    """Does a numbered or singular noun phrase start (reading leftwards) at ``words[k]``: "two", "a", "an"?"""
    while k < len(words) and words[k] in _QUALIFIER_WORDS:
        k += 1
    return k < len(words) and (_is_number(words[k]) or words[k] in ("a", "an"))


def _coordinated(w: _Window) -> bool:
    """Is the count one conjunct of a coordinated noun phrase, a part of the whole they make together?

    "two women and one man died" (8_1ecbplus) - both counts; "The three bank workers a man and two women died"
    (8_3ecbplus); a count inside the apposition of a total: "at least three people, a man and two women, were
    killed" (8_4ecbplus). Not "killed 247 people in Kenya and 10 in Tanzania": a place sits between them.
    """
    left, right = w.left, w.right
    head = right[:5]
    if not (left[:1] in (["and"], ["or"]) or "and" in head or "or" in head or ("," in head and "," in left)):
        return False  # the common case, decided without reading the phrases
    # Leftwards: "<a|N> NOUN and <this>"
    if left[:1] and left[0] in _CONJUNCTIONS:
        k = _np_words(left, 1)
        if k and _numbered(left, 1 + k):
            return True
    # Rightwards: "<this> NOUN and <a|N>"
    k = _np_words(right, 0)
    if k and right[k : k + 1] and right[k] in _CONJUNCTIONS and _numbered(right, k + 1):
        return True
    # Inside an apposition of a numbered noun: "three people, a man and two women, were killed"
    j = 0
    while j < min(len(left), _APPOSITION_WORDS) and (left[j].isalpha() or _is_number(left[j])):
        j += 1
    k = _np_words(left, j + 1)
    if left[j : j + 1] == [","] and k and _numbered(left, j + 1 + k):
        return "," in right[:4]
    return False


_INCREMENT_STARTS = frozenset(p.split()[0] for p in lex.INCREMENT_BEFORE)


def _part_of(w: _Window, kind: str) -> bool:
    left, r = w.left, w.right
    i = 0
    while i < len(left) and left[i] in ("at", "least", "about", "some", "around", "nearly", "more", "than"):
        i += 1
    if i < len(left) and left[i] in ("including", "among", "includes", "include"):
        return True
    if i + 1 < len(left) and left[i] in ("them", "whom", "which", "those") and left[i + 1] in ("of", "among"):
        return True
    pair = " ".join(r[:2])
    # "80 percent of the haul", "a third of the power" are shares, whose whole is named right there.
    return pair in lex.PART_AFTER and (kind == "count" or pair != "of the")


def _increment(w: _Window, measure: str) -> bool:
    if w.fact and w.fact[0] in _INCREMENT_STARTS:
        fact = " ".join(w.fact)
        if any(fact.startswith(p + " ") or fact == p for p in lex.INCREMENT_BEFORE):
            return True
    pair = " ".join(reversed(w.left[:2]))
    if w.left[:1] in (["another"], ["further"]) or pair in lex.INCREMENT_BEFORE:
        return True
    r = w.right
    if not r or r[0] not in lex.INCREMENT_AFTER or r[1:2] == ["than"]:
        return False
    # "Twelve people were killed and 70 others were injured": "others" sets the injured apart from the
    # dead (a different measure), it does not add to an injury count stated elsewhere.
    return not any((m := _count_measure(t)[0]) and m != measure for t in w.wide_left)


# ---------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------
_FIXED_KINDS = {"age": "age", "version": "version", "duration": "duration", "time": "time of day"}


def read_frame(
    sentence: str, start: int, end: int, *, subject: tuple[int, int] | None = None, kind: str = "count"
) -> Frame:
    """The frame of the fact ``sentence[start:end]`` of the given ``kind`` ("count", "money", "percent",
    "quantity", "duration", "date", "time", "age" or "version"); ``subject`` is the span of its counted noun
    when known. Never raises; looks at a bounded window whatever the sentence length."""
    n = len(sentence)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    w = _Window(sentence, start, end)
    if subject is not None and end <= subject[0] < subject[1] <= min(n, end + _CHARS):
        words = _TOKEN.findall(sentence, subject[0], subject[1])
        if words:
            w.head = words[-1].lower()

    if kind == "date":
        event, rule = _date_event(w)
        return Frame(measure=f"date:{event}" if event else "", event=event, rule=rule)
    if kind in _FIXED_KINDS:
        # "a 6-year-old boy" reaches us as a duration; it is an age.
        fixed = (
            "age"
            if kind == "duration" and w.fact[-1:] in (["year-old"], ["years-old"], ["old"])
            else _FIXED_KINDS[kind]
        )
        return Frame(measure=fixed, event=_nearest_event(w), rule=f"kind:{kind}")

    denominator = _denominator(w)
    measure = rule = holder = lemma = ""
    part_of = _part_of(w, kind)
    coordinated = kind == "count" and not part_of and _coordinated(w)
    if kind == "money":
        measure, rule, holder, part = _money(w)
        part_of = part_of or part
    elif kind == "percent":
        measure, rule, holder = _percent(w)
    else:
        if _magnitude(w):
            measure, rule, holder = "magnitude", "magnitude", _near_quake(w)
        elif kind == "quantity":
            measure, rule = _physical(w)
        if not measure:
            measure, rule, holder = _limit(w, denominator)
        if not measure and kind in ("count", "quantity"):
            measure, rule, holder, lemma = _count(w, part_of or coordinated)
            part_of = part_of or (coordinated and measure in _PEOPLE_MEASURES)
    # "$49 per month", "$24 to $26 per share" are prices; "$1 billion a year in remittances" is a flow.
    if not measure and denominator and kind == "money" and not (denominator in _TIME_UNITS and "a" in w.right[:3]):
        measure, rule = "price", "per-unit"
    event = lex.VERBS[lemma][1] if lemma in lex.VERBS else _nearest_event(w)
    return Frame(
        measure=measure,
        event=event,
        holder=holder,
        part_of=part_of,
        increment=_increment(w, measure),
        denominator=denominator,
        rule=rule,
    )


def _count(w: _Window, part_of: bool) -> tuple[str, str, str, str]:
    """(measure, rule, holder, lemma) of a count of people or things."""
    r = w.right
    head = r[0] if r else ""
    if head in ("other", "others", "more") and len(r) > 1 and r[1] in lex.COUNT_NOUNS:
        head = r[1]
    if w.head in lex.COUNT_NOUNS:
        head = w.head
    if head == "lives":
        i = _first_left(w)
        lemma = _lemma(w.left[i]) if i < len(w.left) else ""
        if lemma in lex.LIFE_VERBS:
            return ("rescued" if lemma == "save" else "deaths"), f"noun:lives:{lemma}", "", ""
    noun_measure = lex.COUNT_NOUNS.get(head, "")
    nxt = r[1] if len(r) > 1 else ""
    if noun_measure and head == r[0] and not head.endswith("s") and nxt.isalpha() and nxt not in _FUNCTION:
        noun_measure = ""  # "the first 32 death claims": a singular noun before another is its modifier
    if noun_measure:
        return noun_measure, f"subject-noun:{head}", "", ""
    verb_measure, verb_lemma = _verb_before(w)
    after_measure, after_lemma = _after(w, cross_number=part_of and w.right[:2] == ["of", "the"])
    # "left 24 dead": the state after the count says what it counts; otherwise the verb before wins
    # ("killing 10 people and injuring 80" reads "killing" for 10, never "injuring").
    if verb_measure and not (after_measure and _lemma(w.left[_first_left(w)]) in lex.LEAVE_VERBS):
        return verb_measure, f"verb-before:{verb_lemma}", "", verb_lemma
    if after_measure:
        return after_measure, f"passive-after:{after_lemma}", "", after_lemma
    i = _first_left(w)
    if i < len(w.left) and _lemma(w.left[i]) in lex.LEAVE_VERBS:
        return "", "", "", ""
    noun, which, holder = _noun_before(w)
    if noun:
        return noun, f"noun:{which}", holder, ""
    noun = _noun_of(w)
    if noun:
        return lex.NOUNS_OF[noun], f"noun-of:{noun}", "", ""
    if part_of:
        measure, lemma = _after(w, cross_comma=True)
        if measure:
            return measure, f"part-of:{lemma}", "", lemma
    # Look past the clause start: "30 dead and 55 wounded, 15 critically" starts a clause at "15".
    k = 0
    while k < len(w.wide_left) and w.wide_left[k] in _SKIP:
        k += 1
    l0 = w.wide_left[k] if k < len(w.wide_left) else ""
    if part_of or l0 in ("and", ",", "including", "or"):
        measure, lemma = _cross_left(w)
        if measure:
            return measure, f"{'part-of' if part_of else 'gapped'}:{lemma}", "", lemma
    return "", "", "", ""
