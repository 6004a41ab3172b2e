"""Find the ages of people in news text: "John Smith, 61,", "a 31-year-old man", "aged 45", "in his sixties".

An age is only an age when it belongs to a person: "a 61-year-old man" is, "the 50-year-old alliance"
(AQUAINT APW19990312.0251) and "a 100-year-old bridge" are not. The holder is the person as written: a name
("Eric Allen Kirkpatrick"), a person noun from a small lexicon ("man", "suspect", "labourers"), or a pronoun.
The span (``start``/``end``/``text``) covers the age expression only, so the number is not read again as a count.

>>> [(a.text, a.low, a.high, a.holder) for a in find_ages("Police allege Eric Allen Kirkpatrick, 61, opened fire.")]
[('61', 61.0, 61.0, 'Eric Allen Kirkpatrick')]
>>> [(a.text, a.holder) for a in find_ages("A 61-year-old Vancouver man was charged with first-degree murder.")]
[('61-year-old', 'man')]
>>> [(a.text, a.low, a.high, a.holder) for a in find_ages("The man aged in his early 30s fell about 600m.")]
[('in his early 30s', 30.0, 33.0, 'man')]
>>> [(a.text, a.low) for a in find_ages("a sixty-one-year-old woman and a 6-month-old baby")]
[('sixty-one-year-old', 61.0), ('6-month-old', 0.5)]
>>> find_ages("entry into the 50-year-old alliance; a 30-year-old law; Boeing 737, 61, May 5, 2010")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract._anchored import finditer_anchored
from consistency.extract._datewords import DECADE_WORDS, MONTHS, WEEKDAYS, alternation
from consistency.extract._numwords import ONES, TEENS, TENS

__all__ = ["AgeMention", "find_ages"]


@dataclass(frozen=True)
class AgeMention:
    """One person's age: the age expression, the inclusive interval in years, and whose age it is."""

    start: int
    end: int
    text: str
    low: float
    high: float
    holder: str
    holder_start: int
    holder_end: int


# --------------------------------------------------------------------------- word classes
def _words(text: str) -> frozenset[str]:
    """A word table written as a block of text (one idea per block, easy to extend)."""
    return frozenset(text.split())


# Nouns that name a person (singular and plural).  An age needs one of these, a name, or a pronoun.
_PERSON_NOUNS = _words(
    """
    man men woman women boy boys girl girls child children kid kids baby babies toddler toddlers infant infants
    teen teens teenager teenagers youth youths adult adults person persons people male males female females
    son sons daughter daughters father fathers mother mothers brother brothers sister sisters husband husbands
    wife wives grandmother grandmothers grandfather grandfathers grandson granddaughter uncle aunt nephew niece
    cousin cousins mom dad boyfriend girlfriend fiance fiancee widow widower twin twins sibling siblings
    suspect suspects gunman gunmen shooter shooters attacker attackers assailant assailants bomber bombers
    killer robber robbers thief burglar hijacker kidnapper kidnappers fugitive militant militants rebel fighter
    victim victims survivor survivors hostage hostages inmate inmates prisoner prisoners detainee detainees
    driver drivers passenger passengers pilot pilots motorist motorists cyclist pedestrian rider
    officer officers policeman policemen policewoman constable trooper deputy soldier soldiers marine sailor
    guard firefighter firefighters paramedic medic nurse nurses doctor doctors physician surgeon patient patients
    resident residents student students pupil pupils schoolboy schoolgirl graduate worker workers employee
    employees labourer labourers laborer laborers farmer farmers fisherman fishermen teacher teachers
    climber climbers hiker hikers mountaineer mountaineers tourist tourists swimmer surfer skier
    protester protesters demonstrator demonstrators activist activists journalist journalists reporter
    photographer actor actress singer musician player players athlete athletes boxer footballer
    lawyer attorney businessman businesswoman executive owner manager engineer accountant mechanic
    priest pastor monk nun volunteer homemaker housewife retiree pensioner veteran neighbour neighbor
    friend friends citizen citizens national nationals local locals immigrant migrant migrants refugee
    refugees individual mother-of-two father-of-two mother-of-three father-of-three
    """
)
# Agent-noun endings that name a person when a name stands before ("Slepian, a 52-year-old obstetrician",
# AQUAINT NYT19990505.0443); alone they are too loose ("a 100-year-old artist" is fine, "tourist" too).
_PERSON_SUFFIX_RE = re.compile(r"(?:ician|ist|ologist)s?$")
_PRONOUNS = frozenset({"he", "she", "him", "her", "they"})
# Titles dropped from the front of a name so "Mr. LaCalamita" and "LaCalamita" align.
_TITLES = _words(
    """
    mr mrs ms miss dr prof sir dame lord lady rev father sister police chief lt lieut sgt sergeant const constable
    officer det detective capt captain col colonel gen general maj major cpl pte pvt president prime minister
    sen senator rep gov governor judge justice mayor king queen prince princess sheikh snr comr
    """
)
# Capitalised words that open a sentence or a clause and are not names ("Like Smith, 40", "When Kopp, 44,").
_NOT_NAMES = (
    _words(
        """
    a an the and but or nor so yet for of in on at to by from with as like when while if after before since
    said says told according police officials authorities his her their its our my your this that these those
    no article section chapter page vol volume part rule clause item figure table step grade level category
    phase stage room flight route highway interstate
    yesterday today tomorrow tonight earlier later meanwhile however also instead then now still here there
    last next local state federal
    """
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
_GENERATIONAL = frozenset({"Jr", "Sr", "II", "III", "IV"})
_PARTICLES = frozenset({"de", "da", "del", "der", "di", "du", "van", "von", "bin", "ibn", "al", "la", "le", "el"})

_SPELLED = (
    rf"(?:(?:{alternation(TENS)})(?:[- ](?:{alternation(k for k in ONES if ONES[k] > 0)}))?"
    rf"|{alternation(TEENS)}|{alternation(k for k in ONES if ONES[k] > 0)})"
)
_NUM = rf"(?:\d{{1,3}}|{_SPELLED})"
_DECADES = {**{w: 10 * v for w, v in DECADE_WORDS.items()}, "teens": 13}
_DECADE = rf"(?:{alternation(_DECADES)}|'?[1-9]0s|teens)"

# One pass over the text finds every candidate; the branches are tried at each position in this order.
_AGE_RE = re.compile(
    rf"""
    (?:
        (?<![\w.,-])(?P<yo>(?P<yo_n>{_NUM})(?:-(?P<yo_u>year|yr|month)s?-|\s(?P<yo_s>year|yr|month)\s)olds?)(?![\w-])
      | (?<![\w.,-])(?P<yrs>(?:(?P<yrs_btw>between)\s+)?(?P<yrs_a>{_NUM})
            (?:\s+(?:and|to|-|–)\s+(?P<yrs_b>{_NUM}))?\s+(?P<yrs_u>years?|months?)\s+old)(?![\w-])
      | (?<![\w.,-])(?P<aged_kw>aged|ages?|at\s+the\s+age\s+of|at\s+age)\s+
            (?P<aged>(?:(?P<aged_btw>between)\s+)?(?P<aged_a>\d{{1,3}})(?!\d)
            (?:\s*(?P<aged_op>and|to|-|–)\s*(?P<aged_b>\d{{1,3}})(?!\d))?)
            (?!\s*(?:years?|months?|weeks?|days?|%|percent|per\s*cent)\b)(?![\w.,]\d)
      | (?<![\w.,-])(?:aged\s+)?
            (?P<in>in\s+(?:his|her|their)\s+(?:(?P<in_q>early|mid|late)[- ]?\s*)?(?P<in_d>{_DECADE}))(?![\w-])
      | (?P<cm>,[ ](?P<cm_n>\d{{1,3}})(?=[,;)]|\.(?:\s|$)))
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every match of _AGE_RE holds one of these, at most so many characters after its start (runs of blanks count
# once): "old" ends "a sixty-one-year-old", 21 characters on, and "between seventy-three and seventy-seven years
# old", 47 on; "age" opens "aged 45" or comes 7 on in "at the age of"; a decade ends "aged in their early
# seventies" (26 on to "ties"); a comma opens ", 61,". The engine finds these literals fast, and _AGE_RE is
# tried only near them (see ``_anchored.py``): the same matches as one pass over the whole text.
_AGE_ANCHORS = (
    (re.compile("old", re.IGNORECASE), 48),
    (re.compile("age", re.IGNORECASE), 8),
    (re.compile("t(?:ies|eens)", re.IGNORECASE), 32),
    (re.compile("[1-9]0s", re.IGNORECASE), 32),
    (re.compile(r",[ ]\d"), 0),
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’\-]*\.?")
_AFTER_WORD_RE = re.compile(r"\s+([A-Za-z][\w'’\-]*)")
# Words after a bare "6-year-old" that show it is used as a noun ("Like any other 6-year-old in the care of",
# AQUAINT NYT20000424.0319): then the age stands for a child, with no holder written.
_NOMINAL_NEXT = _words("in who was is and or had has from of at on with whose whom were are will would said says to")
_ARTICLE_BEFORE_RE = re.compile(r",\s+(?:a|an|the)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)  # "Kopp, a 44-year-old"
# "she was only five years old", "I'm just 29 years old": a copula, perhaps a hedge, then the age.
_COPULA_BEFORE_RE = re.compile(
    r"(?:,\s*)?(?:\s*(?:\b(?:who|is|was|are|were|being|be|aged|only|just|nearly|almost|about|barely|now)\b|['’]s|['’]m))*"
    r"\s*(?:,\s*)?$",
    re.I,
)


def _spelled_value(words: str) -> float | None:
    total = 0.0
    for w in re.split(r"[- ]", words.lower()):
        if w in TENS:
            total += TENS[w]
        elif w in TEENS:
            total += TEENS[w]
        elif w in ONES:
            total += ONES[w]
        else:
            return None
    return total


def _number(s: str) -> float | None:
    return float(s) if s.isdigit() else _spelled_value(s)


def _is_person_word(word: str) -> bool:
    return word.lower() in _PERSON_NOUNS


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The capitalised name that ends at ``end`` (spaces allowed before it), titles dropped; None if none."""
    lo = max(0, end - 80)
    toks = [(w.start(), w.end()) for w in _WORD_RE.finditer(text, lo, end)]
    if not toks or text[toks[-1][1] : end].strip():
        return None
    # Walk back over capitalised tokens (and name particles) separated by single spaces.
    i = len(toks) - 1
    first = i
    while i >= 0:
        s, e = toks[i]
        word = text[s:e]
        bare = word.rstrip(".").lower()
        is_cap = word[0].isupper()
        if not (is_cap or (bare in _PARTICLES and i < first)):
            break
        if i < len(toks) - 1 and text[e : toks[i + 1][0]] not in (" ", ""):
            break
        first = i
        i -= 1
    # Drop leading non-names and titles ("Police allege Eric", "Mr. LaCalamita", "Dr Mark Vinar").
    while first < len(toks) and text[toks[first][0] : toks[first][1]].rstrip(".").lower() in (_NOT_NAMES | _TITLES):
        first += 1
    while first < len(toks) and text[toks[first][0] : toks[first][1]].rstrip(".").lower() in _PARTICLES:
        first += 1
    if first >= len(toks):
        return None
    # "Anthony LaCalamita III, 38," (ECB+ 18_6ecbplus): a generational suffix closes the name.
    k = len(toks) - 1
    if k > first and text[toks[k][0] : toks[k][1]].rstrip(".") in _GENERATIONAL:
        k -= 1
    last = text[toks[k][0] : toks[k][1]]
    bare_last = last.rstrip(".")
    # The name's last word is a word with lower-case letters ("Kopp", "LaCalamita"), not "NATO" or "A.".
    if len(bare_last) < 2 or not any(c.islower() for c in bare_last) or bare_last.lower() in _NOT_NAMES:
        return None
    if not last[0].isupper() or (last.endswith(".") and k == len(toks) - 1):
        return None
    tail = text[toks[-1][0] : toks[-1][1]]
    return toks[first][0], toks[-1][1] - (1 if tail.endswith(".") else 0)


def _holder_before(text: str, pos: int) -> tuple[int, int] | None:
    """The person right before ``pos``: a name, a person noun or a pronoun, perhaps across a comma and a copula
    ("one man, between 30 and 40 years old"; "Kopp was in his 30s"; "labourers aged 22")."""
    lo = max(0, pos - 40)
    m = _COPULA_BEFORE_RE.search(text, lo, pos)
    end = m.start() if m else pos
    words = list(_WORD_RE.finditer(text, max(0, end - 30), end))
    if not words or text[words[-1].end() : end].strip():
        return None
    w = words[-1]
    bare = w.group().rstrip(".").lower()
    if bare in _PERSON_NOUNS or bare in _PRONOUNS:
        return w.start(), w.start() + len(w.group().rstrip("."))
    return _name_before(text, end)


def _holder_after(text: str, pos: int, loose: bool) -> tuple[int, int] | None:
    """A person noun among the next three words ("61-year-old Vancouver man", "61-year-old former employee")."""
    at = pos
    for _ in range(3):
        m = _AFTER_WORD_RE.match(text, at)
        if not m:
            return None
        word = re.sub(r"['’]s$", "", m.group(1))  # "the 6-year-old boy's swift reunion"
        if _is_person_word(word) or (loose and _PERSON_SUFFIX_RE.search(word.lower())):
            return m.start(1), m.start(1) + len(word)
        at = m.end()
    return None


def _mention(text: str, s: int, e: int, low: float, high: float, holder: tuple[int, int] | None) -> AgeMention:
    hs, he = holder if holder else (-1, -1)
    return AgeMention(s, e, text[s:e], low, high, text[hs:he] if holder else "", hs, he)


#: Capitalised words right after "N-year-old": the person's name ("Englishman Robert Buckley").
_NAME_AFTER_RE = re.compile(r"[ \t]+((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ \t]+){0,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: Capitalised words that start no name after an age ("36-year-old Monday", "a 5-year-old The").
_NOT_A_NAME = frozenset(
    {
        "The",
        "A",
        "An",
        "And",
        "But",
        "Or",
        "In",
        "On",
        "At",
        "Of",
        *(w.capitalize() for w in WEEKDAYS),
        *(w.capitalize() for w in MONTHS),
    }
)


def _year_old(text: str, m: re.Match[str]) -> AgeMention | None:
    value = _number(m.group("yo_n"))
    if value is None or value > 120:
        return None
    if (m.group("yo_u") or m.group("yo_s")).lower() == "month":
        value = value / 12
    s, e = m.span("yo")
    # "James C. Kopp, a 44-year-old anti-abortion protester" (AQUAINT NYT19990419.0515): the name is the holder,
    # provided a person noun (or an agent noun) follows.
    art = _ARTICLE_BEFORE_RE.search(text, max(0, s - 40), s)
    after_loose = _holder_after(text, e, loose=True)
    if art and after_loose:
        name = _name_before(text, art.start())
        if name:
            return _mention(text, s, e, value, value, name)
    after = _holder_after(text, e, loose=False)
    if after:
        return _mention(text, s, e, value, value, after)
    named = _NAME_AFTER_RE.match(text, e)
    if named and named.group(1).split()[0] not in _NOT_A_NAME:
        # "36-year-old Duncan Rait died", "31-year-old Robert Buckley of the U. K." (ecbplus 23_3ecbplus.txt:7,
        # 23_9ecbplus.txt:11): the person named right after
        return _mention(text, s, e, value, value, named.span(1))
    nxt = _AFTER_WORD_RE.match(text, e)
    if text[e:].startswith(("'s", "’s")) or text[e : e + 1] in ("", ",", ".", ";", ")", "!", "?", ":"):
        return _mention(text, s, e, value, value, None)
    if m.group("yo").lower().endswith("olds") or (nxt and nxt.group(1).lower() in _NOMINAL_NEXT):
        return _mention(text, s, e, value, value, None)
    return None


def _comma_age(text: str, m: re.Match[str]) -> AgeMention | None:
    value = float(m.group("cm_n"))
    if not 1 <= value <= 120:
        return None
    s, e = m.span("cm_n")
    # Not a list of numbers ("Article 5, 6, 7"): nothing numeric right after the closing comma.
    rest = text[e + 1 : e + 4].lstrip()
    if rest[:1].isdigit():
        return None
    before = m.start("cm")
    words = list(_WORD_RE.finditer(text, max(0, before - 30), before))
    if not words or words[-1].end() != before:
        return None  # "Boeing 737, 61," or "May 5, 2010": a number, not a word, before the comma
    prev = words[-1]
    word = prev.group()
    if _is_person_word(word) and word[0].islower():  # "a woman, 63, and ..."
        return _mention(text, s, e, value, value, (prev.start(), prev.end()))
    name = _name_before(text, before)
    if name is None:
        return None
    return _mention(text, s, e, value, value, name)


def _range(m: re.Match[str], a: str, b: str, between: str, op: str | None) -> list[tuple[float, float]]:
    low = _number(m.group(a)) or 0.0
    if m.group(b) is None:
        return [(low, low)]
    high = _number(m.group(b)) or 0.0
    if op is not None and op.lower() == "and" and not m.group(between):
        return [(low, low), (high, high)]  # "two men, ages 47 and 48" (ECB+ 18_9ecbplus): two people
    return [(min(low, high), max(low, high))]


def find_ages(text: str) -> list[AgeMention]:
    """Every age of a person in ``text``, in order.

    >>> [(a.text, a.low, a.high, a.holder) for a in find_ages("two women and one man, between 30 and 40 years old")]
    [('between 30 and 40 years old', 30.0, 40.0, 'man')]
    >>> [(a.text, a.holder) for a in find_ages("A 63-year-old woman and two men, ages 47 and 48, were shot")]
    [('63-year-old', 'woman'), ('47', 'men'), ('48', 'men')]
    """
    out: list[AgeMention] = []
    for m in finditer_anchored(_AGE_RE, text, _AGE_ANCHORS, blank_start=False):
        found: list[AgeMention | None] = []
        if m.group("yo") is not None:
            found.append(_year_old(text, m))
        elif m.group("yrs") is not None:
            holder = _holder_before(text, m.start("yrs"))
            if holder:
                spans = _range(m, "yrs_a", "yrs_b", "yrs_btw", "to")
                lo, hi = spans[0][0], spans[-1][1]
                if (m.group("yrs_u") or "").lower().startswith("month"):  # "the baby was only ten months old"
                    lo, hi = round(lo / 12, 2), round(hi / 12, 2)
                if hi <= 120:
                    found.append(_mention(text, m.start("yrs"), m.end("yrs"), lo, hi, holder))
        elif m.group("aged") is not None:
            holder = _holder_before(text, m.start())
            op = m.group("aged_op")
            pairs = _range(m, "aged_a", "aged_b", "aged_btw", op)
            if all(hi <= 120 for _, hi in pairs):
                if len(pairs) == 2:
                    found.append(_mention(text, m.start("aged_a"), m.end("aged_a"), *pairs[0], holder))
                    found.append(_mention(text, m.start("aged_b"), m.end("aged_b"), *pairs[1], holder))
                else:
                    found.append(_mention(text, m.start("aged"), m.end("aged"), *pairs[0], holder))
        elif m.group("in") is not None:
            dec = m.group("in_d").lower().lstrip("'")
            base = float(_DECADES[dec]) if dec in _DECADES else float(dec[:-1])
            top = 19.0 if base == 13 else base + 9
            q = (m.group("in_q") or "").lower()
            if q == "early":
                top = base + 3
            elif q == "mid":
                base, top = base + 4, base + 6
            elif q == "late":
                base = top - 2
            if base == 13 and q == "early":
                top = 15.0
            found.append(_mention(text, m.start("in"), m.end("in"), base, top, _holder_before(text, m.start())))
        elif m.group("cm") is not None:
            found.append(_comma_age(text, m))
        out.extend(a for a in found if a is not None)
    return out
