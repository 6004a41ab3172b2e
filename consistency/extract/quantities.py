"""Find counts, amounts and measures in news text, with their qualifier and the counted subject.

Every mention carries the interval it asserts, so that two reports can be compared by overlap:

>>> q = find_quantities("The worst hit villages sustained between 40 and 80 percent damage")[0]
>>> q.text, q.low, q.high, q.qualifier, q.unit
('between 40 and 80 percent', 40.0, 80.0, 'between', '%')
>>> q = find_quantities("the city of Bam was razed by a quake that left more than 31,000 people dead")[0]
>>> q.text, q.low, q.high, q.low_open, q.subject
('more than 31,000', 31000.0, None, True, 'people')
>>> [(q.text, q.value, q.subject) for q in find_quantities("It killed 612 people and injured more than 1,400.")]
[('612', 612.0, 'people'), ('more than 1,400', 1400.0, '')]
>>> [(q.value, q.subject) for q in find_quantities("Next article60 cruise ships in the sights of US health")]
[(60.0, 'cruise ships')]
>>> [(q.value, q.subject) for q in find_quantities("separatists, who seized two regions shortly after")]
[(2.0, 'regions')]

Approximate qualifiers widen the stated number by APPROX_TOLERANCE on both sides; "nearly" and
"almost" only below it:

>>> q = find_quantities("about 200 people")[0]
>>> q.low, q.high, q.qualifier
(180.0, 220.0, 'about')
>>> q = find_quantities("nearly 1,000 homes")[0]
>>> q.low, q.high, q.high_open
(900.0, 1000.0, True)
>>> q = find_quantities("up to 700 contract workers")[0]
>>> q.low, q.high, q.qualifier, q.subject
(None, 700.0, 'up to', 'contract workers')

Scales, currencies, percentages, words and vague amounts:

>>> [(q.text, q.value, q.unit, q.dimension) for q in find_quantities("a $2.5 billion deal, up 3.5%")]
[('$2.5 billion', 2500000000.0, 'USD', 'currency'), ('3.5%', 3.5, '%', 'percent')]
>>> money = find_quantities("US $5.4-billion, dlrs 50 million, 3 mln dlrs, 11m euros")
>>> [(q.text, q.value, q.unit) for q in money]  # doctest: +NORMALIZE_WHITESPACE
[('US $5.4-billion', 5400000000.0, 'USD'), ('dlrs 50 million', 50000000.0, 'USD'),
 ('3 mln dlrs', 3000000.0, 'USD'), ('11m euros', 11000000.0, 'EUR')]
>>> [(q.value, q.subject) for q in find_quantities("Twenty-six people died; one hundred thousand fled")]
[(26.0, 'people'), (100000.0, '')]
>>> q = find_quantities("tens of thousands of protesters")[0]
>>> q.low, q.high, q.subject
(20000.0, 99999.0, 'protesters')

Units keep their prefix (:mod:`consistency.lexicon.units` converts them); a rate names its per-unit:

>>> rates = find_quantities("20 GB per user for $49 a month; 100 requests per minute at 60 km an hour")
>>> [(q.text, q.unit, q.subject, q.denominator) for q in rates]  # doctest: +NORMALIZE_WHITESPACE
[('20 GB', 'GB', '', 'user'), ('$49', 'USD', '', 'month'), ('100', '', 'requests', 'minute'),
 ('60 km an hour', 'km/h', '', '')]

Numbers beyond :data:`~consistency.extract._numwords.MAX_MAGNITUDE` are not quantities:

>>> find_quantities("1e309 people, 10^400 dollars")
[]

Years, dates, times, identifiers and pronouns are not quantities; durations and ordinals are kept
with their own dimension so that callers can drop them:

>>> find_quantities("banned under a 1987 treaty in May 1997; talks on January 12 at 10:30 a.m.")
[]
>>> find_quantities("The EU and G7, COVID-19, F-16 jets, one of the talks, no one came")
[]
>>> [(q.value, q.dimension) for q in find_quantities("Video duration 02 minutes 11 seconds")]
[(2.0, 'duration'), (11.0, 'duration')]
>>> [(q.value, q.dimension, q.subject) for q in find_quantities("the third round of talks")]
[(3.0, 'ordinal', 'round')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract._datewords import MONTHS, WEEKDAYS
from consistency.extract._numwords import WORD_KIND, WORDS_PATTERN, Atom, bounded, read_numbers
from consistency.extract._quantity_tables import (
    _CURRENCY_LAST,
    _CURRENCY_RE,
    _NEGATIVE_RE,
    _QUAL_LAST_WORDS,
    _QUAL_MAX,
    _QUAL_PHRASES,
    _RANGE_GAP_RE,
    _SUFFIX_RE,
    _UNIT_INDEX,
    CHANGE_WORDS,
    CURRENCY_PREFIXES,
    IRREGULAR_PLURALS,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    PREFIX_QUALIFIERS,
    RATE_ARTICLE_WORDS,
    RATE_TIME_WORDS,
    SUBJECT_STOP,
    SUBJECT_TRIM,
    SUFFIX_QUALIFIERS,
    _unit_match,
)
from consistency.extract._quantity_tables import UNITS as UNITS  # re-exported: tests read the unit table here

__all__ = ["APPROX_TOLERANCE", "QuantityMention", "find_quantities"]

# "about 200" means [180, 220]; "nearly 1,000" means [900, 1000).  The one place this tolerance lives.
APPROX_TOLERANCE = 0.1


@dataclass(frozen=True)
class QuantityMention:
    """A number in text, with the interval it asserts.

    ``start``/``end`` cover the qualifier, currency sign, number(s), unit and suffix qualifier, not the
    subject.  ``low``/``high`` are None when unbounded; ``value`` is the stated number (the low end of a
    range).  ``denominator`` is the per-unit of a rate ("$49 per month" -> "month", "5 GB per user" ->
    "user"); it is not part of the span.
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    qualifier: str
    unit: str
    dimension: str
    subject: str
    subject_start: int
    subject_end: int
    denominator: str = ""


# ---------------------------------------------------------------------------------------------------
# From atoms to mentions: currency, qualifier, range, unit, subject, and what is not a quantity
# ---------------------------------------------------------------------------------------------------
# Capitalized or upper-case month names only: "may" and "march" are verbs.
_MONTH = (
    "(?:"
    + "|".join(sorted([m.capitalize() for m in MONTHS] + [m.upper() for m in MONTHS], key=len, reverse=True))
    + ")"
)
_DATE_BEFORE_RE = re.compile(
    r"(?<![\w])(?:" + _MONTH + r"\.?|(?i:" + "|".join(WEEKDAYS) + r"),?)\s+(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:and|to|-|–|through)\s*)?$"
)  # "April 24 and 25"
_DATE_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH + r"(?![a-z])")
_TIME_AFTER_RE = re.compile(
    r"\s*(?:[ap]\.\s?m\.|(?i:[ap]m)(?![\w])|o'clock|(?:GMT|UTC|CET|EST|EDT|PST|ET|BST)\b)|:\d\d|\.\d\d\s*[ap]\.?m"
)
_ID_BEFORE_RE = re.compile(r"(?:(?<![\w])(?i:no|nr|nrs)\.\s*|(?<![\w])(?i:version|v)\.?\s*|#\s*)$")
_WORD_RE = re.compile(r"[ \t]{1,3}\n?[ \t]*([A-Za-z](?:(?:\.[A-Za-z])+\.|[A-Za-z'’-]*))")  # "U.S. soldiers"
_OF_RE = re.compile(r"\s+of\s+(?:the\s+|these\s+|those\s+|them\b)?", re.I)
_PREV_WORD_RE = re.compile(r"([A-Za-z][\w'’.-]*)\s?$")
_NUMBER_WORDS = frozenset(WORD_KIND)
_NUMBER_NEXT_RE = re.compile(r"\s*(?:[-−]?\d|(?:" + WORDS_PATTERN + r")\b)", re.I)
_OR_EQUAL_RE = re.compile(r"\s*or\s+equal(?:\s+to)?(?:\s+it\b)?(?!\s*[-−]?\d)", re.I)
_PER_RE = re.compile(r"[ \t]*(?:(?P<art>an?|every)[ \t]+|-?per[ \t-]+|/[ \t]?)(?P<w>[A-Za-z]+)(?![\w'’/-])", re.I)
_NOT_A_RATE_AFTER_RE = re.compile(r"[ \t]+(?:ago|earlier|later|before|after|since|prior|back|ahead|from)\b", re.I)
_BOTH_BOUNDS_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|but|,)\s*", re.I)
_NUMBER_COMPOUND_RE = re.compile(r"(?:-[A-Za-z]+)+-(?:\d+|" + WORDS_PATTERN + r")\b", re.I)
_HYPHEN_WORD_RE = re.compile(r"-([A-Za-z]+)\b(?!-)")
_CHAIN_RE = re.compile(r"(?:[-–/]\d+)*")
_HALF_NOT_FRACTION_BEFORE = frozenset(
    ["the", "first", "second", "third", "fourth", "other", "a", "an", "this", "last", "next", "each"]
)
_ADJECTIVE_RE = re.compile(r"(?:al|ian|ic|ive|ous|ful|ary|ed|ing|ern|ese|ish|an|-\w+)$")


_QUAL_SEPARATORS = str.maketrans({c: " " for c in '"“(['})


def _last_char(text: str, pos: int) -> str:
    """The character before ``pos``, skipping one space: a cheap test before a regex that reads backwards."""
    if pos and text[pos - 1] in " \t":
        pos -= 1
    return text[pos - 1] if pos else "\0"


def _prefix_qualifier(text: str, start: int) -> tuple[int, str, str] | None:
    """The qualifier phrase ending just before ``start``: (phrase start, normalized, kind).

    Reads the last few words of a fixed window (48 characters), so the cost per number is bounded.
    """
    lo = max(0, start - 48)
    tail = text[lo:start]
    stripped = tail.rstrip()
    for sym in (">=", "<=", "> =", "< =", "≥", "≤", ">", "<", "~"):
        if stripped.endswith(sym):
            norm, kind = PREFIX_QUALIFIERS[sym]
            return lo + len(stripped) - len(sym), norm, kind
    if not stripped or stripped[-1] in '"“([':
        return None
    spaced = stripped.translate(_QUAL_SEPARATORS)
    if spaced.rsplit(None, 1)[-1].lower() not in _QUAL_LAST_WORDS:  # most numbers: no qualifier
        return None
    words = spaced.split()[-_QUAL_MAX:]
    lowered = [w.lower() for w in words]
    for size in range(len(words), 0, -1):
        found = _QUAL_PHRASES.get(tuple(lowered[-size:]))
        if found is not None:
            pos = len(spaced)
            for w in reversed(words[-size:]):
                pos = spaced.rfind(w, 0, pos)
            return lo + pos, found[0], found[1]
    return None


def _interval(value: float, kind: str, high: float) -> tuple[float | None, float | None, bool, bool]:
    tol = APPROX_TOLERANCE * abs(value)
    if kind == "gt":
        return value, None, True, False
    if kind == "ge":
        return value, None, False, False
    if kind == "lt":
        return None, value, False, True
    if kind == "le":
        return None, value, False, False
    if kind == "approx":
        return value - tol, high + APPROX_TOLERANCE * abs(high), False, False
    if kind == "under":
        return value - tol, value, False, True
    if kind == "overa":
        return value, value + tol, True, False
    return value, high, False, False


def _is_plural(word: str) -> bool:
    w = word.lower().rstrip("'’")
    return w in IRREGULAR_PLURALS or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)


def _plural_subject(subject: str) -> bool:
    return bool(subject) and _is_plural(subject.rsplit(None, 1)[-1])


def _subject(text: str, pos: int, value: float, skip_of: bool) -> tuple[str, int, int]:
    if skip_of:
        m = _OF_RE.match(text, pos)
        if m:
            pos = m.end() - 1 if text[m.end() - 1].isspace() else m.end()
    words: list[tuple[int, int]] = []
    plural = False
    while len(words) < 4:
        m = _WORD_RE.match(text, pos)
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        if (
            low in SUBJECT_STOP
            or low in _NUMBER_WORDS
            or (words and word[0].isupper() and not text[words[-1][0]].isupper())
        ):
            break
        if low.endswith("ly"):  # "two regions shortly after" but "four family members"
            nxt = _WORD_RE.match(text, m.end())
            if not nxt or nxt.group(1).lower() in SUBJECT_STOP:
                break
        words.append((m.start(1), m.end(1)))
        pos = m.end()
        if value != 1 and _is_plural(word):
            plural = True
            break
    if not plural:
        # A singular head: keep the modifiers (capitalized or adjective-like words), then one noun.
        # "one Russian soldier was" -> "Russian soldier"; "one bomb hit" -> "bomb".
        for k, (ws, we) in enumerate(words):
            if not (text[ws].isupper() or _ADJECTIVE_RE.search(text, ws, we)) or k == len(words) - 1:
                del words[k + 1 :]
                break
    # "2,000 fled", "612 killed": a verb, not the subject; "dozens more": not a noun.
    while words and (
        text[words[-1][0] : words[-1][1]].lower().endswith(("ed", "ing"))
        or text[words[-1][0] : words[-1][1]].lower() in SUBJECT_TRIM
    ):
        words.pop()
    if not words:
        return "", pos, pos
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in "'’":  # a plural possessive: "the three countries' ambassadors"
        e -= 1
    return text[s:e], s, e


def _denominator(text: str, pos: int) -> str:
    """The per-unit of a rate stated at ``pos`` (after the unit or the subject), or "".

    >>> [_denominator(t, 0) for t in (" per month", " a day", "/min", " per user", " per kilogram", " a week ago")]
    ['month', 'day', 'minute', 'user', 'kg', '']
    >>> [_denominator(t, 0) for t in (" per cent", " an hour's drive", " a member", " per the", " per Reuters")]
    ['', '', '', '', '']
    """
    m = _PER_RE.match(text, pos)
    if m is None:
        return ""
    word = m.group("w").lower()
    if word in RATE_TIME_WORDS:
        if m.group("art") and _NOT_A_RATE_AFTER_RE.match(text, m.end()):
            return ""  # "a week ago", "a day after the quake"
        return RATE_TIME_WORDS[word]
    if m.group("art"):
        return word if word in RATE_ARTICLE_WORDS else ""
    if word in SUBJECT_STOP or word in _NUMBER_WORDS or word in ("cent", "centum", "se"):
        return ""
    unit = _unit_match(text, m.start("w"))
    if unit is not None:
        return _UNIT_INDEX[unit.lastgroup or ""][0] or word
    return "" if m.group("w")[0].isupper() else word  # "5 people per Reuters": a source, not a rate


def _is_year(atom: Atom) -> bool:
    return atom.plain and 1800 <= atom.value <= 2099 and atom.end - atom.start == 4


def _not_a_quantity(text: str, atom: Atom, e: int, has_unit: bool, subject: str, qualified: bool) -> bool:
    """Dates, times, years, identifiers and pronouns that the number tokens picked up.

    ``e`` is where the number (or the range that starts with ``atom``) ends: "March 3-5" is a date.
    """
    s = atom.start
    if _TIME_AFTER_RE.match(text, e) and not has_unit:
        return True
    if (
        atom.kind in ("card", "ord")
        and atom.value == int(atom.value)
        and 1 <= atom.value <= 31
        and (atom.plain or atom.kind == "ord")
        and (_DATE_BEFORE_RE.search(text, max(0, s - 28), s) or _DATE_AFTER_RE.match(text, e, e + 16))
    ):
        return True
    if _is_year(atom) and not has_unit and not _plural_subject(subject):
        return True
    if (
        atom.plain
        and not has_unit
        and _last_char(text, s) in ".#nNvV"
        and _ID_BEFORE_RE.search(text, max(0, s - 10), s)
    ):
        return True  # "No. 10", "#3"
    if atom.plain and not has_unit and not subject:
        prev = _PREV_WORD_RE.search(text, max(0, s - 30), s)
        if (
            prev
            and not qualified
            and prev.group(1)[0].isupper()
            and len(prev.group(1)) > 1
            and prev.group(1).lower() not in SUBJECT_STOP
            and prev.group(1).lower() not in _NUMBER_WORDS
            and (prev.group(1).lower() not in ("all", "only", "just", "and", "about"))
        ):
            return True  # "Boeing 737", "Article 5"
        if s > 0 and text[s - 1].isalpha():  # "article60" needs a subject
            return True
    if atom.word == "one":
        before = _PREV_WORD_RE.search(text, max(0, s - 20), s)
        after = re.match(r"\s*([\w'’]+)", text[e : e + 20])
        if (
            (before and before.group(1).lower() in ONE_PRONOUN_BEFORE)
            or (after and after.group(1).lower() in ONE_PRONOUN_AFTER)
            or text.startswith("'s", e)
        ):
            return True
    if atom.word in ("half", "quarter"):
        before = _PREV_WORD_RE.search(text, max(0, s - 20), s)
        if before and before.group(1).lower() in _HALF_NOT_FRACTION_BEFORE:
            return True
    return False


def find_quantities(text: str) -> list[QuantityMention]:
    """Every quantity mentioned in ``text``, sorted by start, non-overlapping.

    >>> [(q.text, q.low, q.high, q.unit) for q in find_quantities("temperatures from -18 to -5 °C")]
    [('from -18 to -5 °C', -18.0, -5.0, '°C')]
    >>> [(q.text, q.low, q.high) for q in find_quantities("at least 30 and 5,000 or more")]
    [('at least 30', 30.0, None), ('5,000 or more', 5000.0, None)]
    >>> find_quantities("talks on January 12-14, the 2022-23 season, call 800-800-3855, Boeing 737-800")
    []
    """
    atoms = read_numbers(text)
    out: list[QuantityMention] = []
    cursor = 0
    i = 0
    while i < len(atoms):
        a = atoms[i]
        i += 1
        if a.start < cursor:
            continue
        start, value, high, mult = a.start, a.value, a.high, a.mult
        # Currency sign and a spelled-out sign before the number.
        currency = ""
        cm = (
            _CURRENCY_RE.search(text, max(0, start - 7), start)
            if a.kind in ("card", "frac") and _last_char(text, start) in _CURRENCY_LAST
            else None
        )
        if cm:
            currency, start = CURRENCY_PREFIXES[cm.group("c").lower()], cm.start()
        neg = _NEGATIVE_RE.search(text, max(0, start - 10), start) if text[start - 1 : start].isspace() else None
        if neg and a.kind == "card":
            value, high, start = -value, -high, neg.start()
        qual = _prefix_qualifier(text, start) if a.kind != "ord" else None
        qualifier, kind = ("", "exact") if qual is None else (qual[1], qual[2])
        if qual is not None:
            start = qual[0]
        end = a.end
        # A range: "20,000-30,000", "between 44 and 50", "3 to 4", "$5-10 million".
        unit_a = _unit_match(text, end)
        if i < len(atoms) and a.kind in ("card", "frac") and atoms[i].kind in ("card", "frac"):
            b = atoms[i]
            gap_from = unit_a.end() if unit_a and unit_a.end() <= b.start else end
            g = _RANGE_GAP_RE.fullmatch(text, gap_from, b.start)
            sep = g.group("sep").lower() if g else ""
            before = _PREV_WORD_RE.search(text, max(0, start - 20), start)
            change = qualifier == "from" and before is not None and before.group(1).lower() in CHANGE_WORDS
            # "and" joins a range only after "between"; "or" only when rising ("two or three people").
            if sep == "or" and (b.value <= value or qualifier or _is_year(a)):
                sep = ""
            # "net rose 15 % to $ 415.9 million" (Recognizers-Text CurrencyModel): a money amount after a number
            # that was no money ends a change, not a range.
            if sep and not currency and _CURRENCY_RE.search(text, max(0, b.start - 5), b.start):
                sep = ""
            if sep and (sep != "and" or qualifier == "between") and not change:
                b_value = b.value
                a_value = value * b.mult if mult == 1 and b.mult > 1 and value * b.mult <= b_value else value
                chained = re.match(r"-\d", text[b.end : b.end + 2]) or (start > 0 and text[start - 1] == "-")
                if chained or (_is_year(a) and (_is_year(b) or b_value < a_value)):
                    chain = _CHAIN_RE.match(text, b.end)  # phones, "2013-14"
                    cursor = chain.end() if chain else b.end
                    while i < len(atoms) and atoms[i].start < cursor:
                        i += 1
                    continue
                if b_value >= a_value:
                    value, high, mult, end = a_value, b_value, b.mult, b.end
                    if qualifier in ("", "from"):
                        qualifier, kind = "between", "range"
                    elif kind in ("gt", "ge", "lt", "le", "under", "overa", "approx"):
                        kind = "range"
                    i += 1
                elif sep in ("-", "–", "—"):
                    cursor = b.end  # scores: "3-2"
                    i += 1
                    continue
        if kind == "range" and high == value and qualifier in ("between", "from"):
            kind = "exact"
            qualifier = ""
            start = a.start if not currency and not neg else start
        # Unit after the (last) number.
        num_end = end
        unit, dimension = "", "count"
        compound: re.Match[str] | None = None
        um = unit_a if end == a.end else _unit_match(text, end)
        if um and a.kind in ("card", "frac", "vague"):
            unit, dimension = _UNIT_INDEX[um.lastgroup or ""]
            if dimension == "currency" and not unit:
                unit = um.group(um.lastgroup or "").upper()
            million = um.group() == "m" and _plural_subject(_subject(text, um.end(), 2.0, False)[0])
            end = um.end()
            if unit in ("m", "mm") and (currency or million):
                # "$10m", "10m people": million, not metres
                value, high, unit, dimension = value * 1e6, high * 1e6, "", "count"
                after = _unit_match(text, end)
                if after is not None and not currency and _UNIT_INDEX[after.lastgroup or ""][1] == "currency":
                    # "escaped with 11m euros of jewellery" (ecbplus 24_4): the currency follows the scale
                    unit, dimension = _UNIT_INDEX[after.lastgroup or ""]
                    unit, end = unit or after.group(after.lastgroup or "").upper(), after.end()
        elif (nc := _NUMBER_COMPOUND_RE.match(text, end)) or (a.word == "one" and text.startswith("-", end)):
            cursor = nc.end() if nc else end  # "four-by-four", "one-off"
            continue
        elif (hm := _HYPHEN_WORD_RE.match(text, end)) and a.kind == "card":
            compound = hm  # "a 62-member team", "22-story"
        elif end < len(text) and text[end].isalpha() and a.kind != "ord" and not a.word:
            cursor = end
            continue  # "5G", "1990s", "2pm", "06F6"
        if currency:
            unit, dimension = currency, "currency"
        elif a.kind == "ord":
            dimension = "ordinal"
        elif a.kind == "frac" and not unit and abs(value) < 1:
            dimension = "other"
        # Suffix qualifier: "5,000 or more", "20,000+".
        sm = _SUFFIX_RE.match(text, end) if kind in ("exact", "approx") and a.kind != "ord" else None
        if (
            sm
            and (sm.group("plus") is None or not text[end - 1].isspace())
            and not _NUMBER_NEXT_RE.match(text, sm.end())
        ):  # not "5000 or less than 6000"
            suffix = SUFFIX_QUALIFIERS[re.sub(r"\s+", " ", (sm.group("q") or "+").lower())]
            if kind == "exact" or suffix[1] != "approx":  # "about 500 or more": at least
                (qualifier, kind), end = suffix, sm.end()
        elif kind in ("gt", "lt") and (eq := _OR_EQUAL_RE.match(text, end)):  # "less than 5000 or equal"
            kind, end = ("ge" if kind == "gt" else "le"), eq.end()
            qualifier = "at least" if kind == "ge" else "at most"
        if a.kind == "vague":
            qualifier = re.sub(r"\s+", " ", text[a.start : a.end].lower()) if kind == "exact" else qualifier
            kind = "approx" if kind == "exact" else kind
            plain_vague = kind == "approx" and qualifier == re.sub(r"\s+", " ", text[a.start : a.end].lower())
            low_v, high_v, lo_open, hi_open = (
                (value, high, False, False) if plain_vague else _interval(value, kind, high)
            )
        else:
            low_v, high_v, lo_open, hi_open = _interval(value, kind, high)
        if compound is not None:
            subject, s0, s1 = compound.group(1), compound.start(1), compound.end(1)
        else:
            subject, s0, s1 = _subject(
                text,
                end,
                value,
                a.kind in ("vague", "frac") or a.word in ("half",) or (mult > 1 and a.start == start),
            )
        if _not_a_quantity(text, a, num_end, bool(unit or currency), subject, qual is not None) or (
            _is_year(a) and not unit and not _plural_subject(subject)
        ):
            cursor = a.end
            continue
        if s0 == s1:
            s0 = s1 = end
        if not (bounded(value) and bounded(low_v or 0.0) and bounded(high_v or 0.0)):
            cursor = end  # "5000 trillion dollars", "999 trillion million"
            continue
        out.append(
            QuantityMention(
                start,
                end,
                text[start:end],
                value,
                low_v,
                high_v,
                lo_open,
                hi_open,
                qualifier,
                unit,
                dimension,
                subject,
                s0,
                s1,
                _denominator(text, s1 if subject else end),
            )
        )
        cursor = end
    return _join_bounds(text, out)


def _join_bounds(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """Join a lower and an upper bound written side by side into one interval.

    >>> [(q.text, q.low, q.high, q.low_open, q.high_open) for q in
    ...  _join_bounds("more than 10 and less than 40", find_quantities("more than 10 and less than 40"))]
    [('more than 10 and less than 40', 10.0, 40.0, True, True)]
    """
    out: list[QuantityMention] = []
    for q in mentions:
        p = out[-1] if out else None
        if (
            p is not None
            and p.unit == q.unit
            and p.subject_end == p.end
            and _BOTH_BOUNDS_GAP_RE.fullmatch(text, p.end, q.start)
        ):
            lower, upper = (p, q) if p.high is None and p.low is not None else (q, p)
            if (
                lower.high is None
                and upper.low is None
                and lower.low is not None
                and upper.high is not None
                and lower.low < upper.high
            ):
                out[-1] = QuantityMention(
                    p.start,
                    q.end,
                    text[p.start : q.end],
                    lower.low,
                    lower.low,
                    upper.high,
                    lower.low_open,
                    upper.high_open,
                    "between",
                    q.unit,
                    q.dimension,
                    q.subject,
                    q.subject_start,
                    q.subject_end,
                    q.denominator,
                )
                continue
        out.append(q)
    return out
