"""Find counts, amounts and measures in news text, with their qualifier and the counted subject.

Every mention carries the interval it asserts, so that two reports can be compared by overlap:

>>> q = find_quantities("recent buildup of between 75,000-100,000 Russian troops along the border")[0]
>>> q.text, q.low, q.high, q.qualifier, q.subject
('between 75,000-100,000', 75000.0, 100000.0, 'between', 'Russian troops')
>>> q = find_quantities("Russia has massed more than 100,000 troops on the border")[0]
>>> q.text, q.low, q.high, q.low_open, q.subject
('more than 100,000', 100000.0, None, True, 'troops')
>>> [(q.text, q.value, q.subject) for q in find_quantities("The conflict claimed more than 13,000 lives.")]
[('more than 13,000', 13000.0, 'lives')]
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
>>> [(q.value, q.subject) for q in find_quantities("Twenty-six people died; one hundred thousand fled")]
[(26.0, 'people'), (100000.0, '')]
>>> q = find_quantities("tens of thousands of protesters")[0]
>>> q.low, q.high, q.subject
(20000.0, 99999.0, 'protesters')

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

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from consistency.extract import _numwords as W

__all__ = ["APPROX_TOLERANCE", "QuantityMention", "find_quantities"]

# "about 200" means [180, 220]; "nearly 1,000" means [900, 1000).  The one place this tolerance lives.
APPROX_TOLERANCE = 0.1


@dataclass(frozen=True)
class QuantityMention:
    """A number in text, with the interval it asserts.

    ``start``/``end`` cover the qualifier, currency sign, number(s), unit and suffix qualifier, not the
    subject.  ``low``/``high`` are None when unbounded; ``value`` is the stated number (the low end of a
    range).
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


# ---------------------------------------------------------------------------------------------------
# Tokens: numbers written with digits, and number words
# ---------------------------------------------------------------------------------------------------
_VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
_DIGITS = r"""
    (?=\.?\d)                                     # cheap first test: most positions are not numbers
    (?:(?<![\w.,/:@#^=])(?<![A-Za-z][-–])|(?<=\d[kKmMbB][-–])|(?<=[a-z]{4}))   # not in a word or id: G7, F-16
    (?P<num>
        \d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)
      | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?
      | \d{1,3}(?:[\u202f\u00a0\u2009 ]\d{3})+(?:\.\d+)?(?![\d.,]\d)
      | \d+(?:\.\d+)?
      | \.\d+
    )
    (?:(?P<mixed>\s{1,2}\d{1,2}/\d{1,3}|[VULGAR])|/(?P<den>\d{1,3})(?![/\d]))?
    (?:[eE](?P<exp>[-+]?\d{1,3})|\s?[×x]\s?10\^?(?P<sci>[-−+]?\d{1,3})|\^(?P<pow>[-−+]{0,2}\d{1,3})
       |(?P<ord>st|nd|rd|th)|(?P<sfx>(?-i:MM|bn|tn|mil|mln|[kKMBTb]))(?![A-Za-z]))?
    (?![\d]|\.\d|/\d)
""".replace("VULGAR", "".join(_VULGAR))

# Digit fractions news writes ("a 1/3 stake", "2 1/2 miles"); "9/11" and "24/7" are names, not fractions.
_DENOMINATORS = frozenset([2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 16.0, 32.0, 64.0, 100.0])

_WORD_KIND: dict[str, tuple[str, float]] = {
    **{w: ("one", v) for w, v in W.ONES.items()},
    **{w: ("teen", v) for w, v in W.TEENS.items()},
    **{w: ("tens", v) for w, v in W.TENS.items()},
    "hundred": ("hun", 100),
    **{w: ("scale", v) for w, v in W.SCALES.items() if w not in {"k", "mil"}},
    **{w: ("vague", v) for w, v in W.VAGUE_SCALES.items()},
    "tens": ("vtens", 10),
    **{w: ("dozen", v) for w, v in W.DOZEN.items() if w != "dozens"},
    **{w: ("ord", v) for w, v in W.ORDINALS.items()},
    "half": ("den", 2),
    "halves": ("den", 2),
    "quarter": ("den", 4),
    "quarters": ("den", 4),
    **{w: ("den", v) for w, v in W.DENOMINATORS.items() if w.endswith("s") and w not in {"halves"}},
}

_Trie = dict[str, "_Trie"]


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for many words, nested by shared prefixes (fast to fail on other words)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_WORDS = _trie_pattern(list(_WORD_KIND))
_TOKEN_RE = re.compile(rf"(?P<d>{_DIGITS})|(?P<w>\b{_WORDS}(?![\w]))|(?P<v>[{''.join(_VULGAR)}])", re.I | re.X)


class _Tok(NamedTuple):
    start: int
    end: int
    kind: str  # d (digits), one, teen, tens, hun, scale, vague, vtens, dozen, ord, den, frac (digits)
    value: float
    plain: bool  # digits only: an integer without separators, decimals, sign or scale
    mult: float  # the scale the value was multiplied by (1 when none)


def _digit_token(m: re.Match[str], text: str) -> _Tok | None:
    num = m.group("num")
    digits = num.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace("\u2009", "")
    value = float(digits.replace(" ", ""))
    start, end = m.start("d"), m.end("d")
    plain = num.isdigit()
    mult = 1.0
    kind = "d"
    if m.group("mixed"):
        mixed = m.group("mixed").strip()
        if mixed in _VULGAR:
            value += _VULGAR[mixed]
        else:
            a, b = mixed.split("/")
            if float(b) == 0 or float(a) >= float(b):
                end = m.start("mixed")
            else:
                value += float(a) / float(b)
        kind, plain = "frac", False
    elif m.group("den"):
        den = float(m.group("den"))
        usual = den in _DENOMINATORS or (den > 0 and text.startswith(" of ", m.end()))   # "1/40 of"
        if not usual or not plain or value >= den:                  # "1/0", "24/7", "9/11": not fractions
            return None
        value, kind, plain = value / den, "frac", False
    if m.group("exp") or m.group("sci"):
        value *= 10.0 ** int((m.group("exp") or m.group("sci")).replace("−", "-"))
        plain = False
    elif m.group("pow"):
        exponent = int(m.group("pow").replace("−", "-").replace("--", "").replace("+", ""))
        value, plain = value**exponent if value or exponent >= 0 else value, False
    elif m.group("ord"):
        kind, plain = "dord", False
    elif m.group("sfx"):
        mult = W.SUFFIX_SCALES[m.group("sfx")]
        value *= mult
        plain = False
    if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        value, start, plain = -value, start - 1, False
    return _Tok(start, end, kind, value, plain, mult)


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("d") is not None:
            tok = _digit_token(m, text)
            if tok is not None:
                toks.append(tok)
        elif m.group("w") is not None:
            kind, value = _WORD_KIND[m.group("w").lower()]
            toks.append(_Tok(m.start(), m.end(), kind, float(value), False, 1.0))
        else:
            toks.append(_Tok(m.start(), m.end(), "frac", _VULGAR[m.group("v")], False, 1.0))
    return toks


# ---------------------------------------------------------------------------------------------------
# Reading a number from tokens: "three million, two hundred & forty", "two and a half", "a dozen"
# ---------------------------------------------------------------------------------------------------
_GAP_RE = re.compile(
    r"(?P<sp>[ \t]*\n?[ \t]*)|(?P<hy>\s*-\s*)|(?P<and>\s+and\s+|\s*&\s*)|(?P<comma>,\s*)"
    r"|(?P<point>\s+point\s+)|(?P<anda>\s+and\s+an?\s+)|(?P<a>\s+an?\s+)",
    re.I,
)
_A_BEFORE_RE = re.compile(r"(?<![\w])(?:an?|one)\s+$", re.I)
_FRACTION_END_RE = re.compile(r"\s+of\b|\s*(?:[.,;:!?)]|$)")
_FEW_BEFORE_RE = re.compile(r"(?<![\w])(?:several|a\s+few|a\s+couple\s+of|few|many)\s+$", re.I)


class _Atom(NamedTuple):
    start: int
    end: int
    value: float
    kind: str  # card, frac, ord, vague
    high: float  # upper end for vague amounts, else == value
    plain: bool
    mult: float
    word: str  # the lower-cased text when a single word ("one", "half"), else ""


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    if b.start - a.end > 12:
        return ""
    m = _GAP_RE.fullmatch(text, a.end, b.start)
    return m.lastgroup or "" if m else ""


def _group(toks: list[_Tok], i: int, text: str, implicit: bool = False) -> tuple[float, int] | None:
    """Read a number below one thousand (or a digit string) starting at token i; return (value, next i).

    ``implicit``: an article before a leading "hundred" stands for one ("a hundred and two").
    """
    n = len(toks)
    t = toks[i]
    if implicit and t.kind == "hun":
        value, j = 1.0, i
    elif t.kind not in ("d", "one", "teen", "tens"):
        return None
    else:
        value, j = t.value, i + 1
    if (
        t.kind == "tens"
        and j < n
        and toks[j].kind == "one"
        and toks[j].value > 0
        and _gap(text, t, toks[j]) in ("sp", "hy")
    ):
        value, j = value + toks[j].value, j + 1
    if (
        j < n
        and toks[j].kind == "hun"
        and (j == i or _gap(text, toks[j - 1], toks[j]) in ("sp", "hy"))
        and (t.kind != "d" or t.plain)
    ):
        value, j = value * 100, j + 1
        if j < n and _gap(text, toks[j - 1], toks[j]) in ("sp", "hy", "and"):
            rest = _group(toks, j, text) if toks[j].kind != "d" or _gap(text, toks[j - 1], toks[j]) == "and" else None
            if rest is not None and rest[0] < 100:
                value, j = value + rest[0], rest[1]
    return value, j


def _cardinal(toks: list[_Tok], i: int, text: str) -> tuple[float, int, float] | None:
    """Read groups joined by scale words; return (value, next token index, last scale)."""
    n = len(toks)
    # "a hundred", "a million": the article stands for one.
    implicit = toks[i].kind in ("hun", "scale") and bool(
        _A_BEFORE_RE.search(text, max(0, toks[i].start - 5), toks[i].start)
    )
    first = _group(toks, i, text, implicit)
    if first is None and not (implicit and toks[i].kind == "scale"):
        return None
    value, j = first or (1.0, i)
    total, last_scale = 0.0, math.inf
    while (
        j < n
        and toks[j].kind == "scale"
        and toks[j].value < last_scale
        and (j == i or _gap(text, toks[j - 1], toks[j]) in ("sp", "hy"))
    ):
        total += value * toks[j].value
        last_scale, value, j = toks[j].value, 0.0, j + 1
        gap = _gap(text, toks[j - 1], toks[j]) if j < n else ""
        if gap in ("sp", "and", "comma") and toks[j].kind != "d":
            nxt = _group(toks, j, text)
            fraction_next = (
                nxt is not None and nxt[1] < n and toks[nxt[1]].kind in ("den", "ord") and gap == "and"
            )  # "five billion and three quarters"
            if nxt is not None and not fraction_next and (gap != "comma" or nxt[0] >= 100):
                follow = nxt[1] < n and toks[nxt[1]].kind == "scale" and toks[nxt[1]].value < last_scale
                if follow or nxt[0] < min(last_scale, 1000):
                    value, j = nxt
        elif gap in ("and", "sp") and toks[j].kind == "d" and toks[j].plain:  # "4 thousand 3 hundred and 21"
            nxt = _group(toks, j, text)
            if nxt is not None and nxt[0] < min(last_scale, 1000) and (gap == "and" or nxt[1] > j + 1):
                value, j = nxt
    return total + value, j, (last_scale if value == 0 and total else 1.0)


def _read(toks: list[_Tok], i: int, text: str) -> tuple[_Atom, int] | None:
    """Read the longest number starting at token i; return the atom and the next token index."""
    n = len(toks)
    t = toks[i]
    start = t.start
    if t.kind == "dord":
        return _Atom(start, t.end, t.value, "ord", t.value, False, 1.0, ""), i + 1
    if t.kind == "frac":
        return _Atom(start, t.end, t.value, "frac", t.value, False, 1.0, ""), i + 1
    if t.kind in ("vague", "vtens") or (
        t.kind in ("hun", "scale", "dozen") and _FEW_BEFORE_RE.search(text, max(0, start - 20), start)
    ):
        return _vague(toks, i, text)
    if t.kind == "ord":
        a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
        word = text[start : t.end].lower()
        if a and word in W.DENOMINATORS and _FRACTION_END_RE.match(text, t.end):  # "a third of voters"
            return _Atom(a.start(), t.end, 1 / t.value, "frac", 1 / t.value, False, 1.0, ""), i + 1
        return _Atom(start, t.end, t.value, "ord", t.value, False, 1.0, text[start : t.end].lower()), i + 1
    if t.kind == "den":
        return _fraction_word(toks, i, text)
    if t.kind == "dozen":
        if not _A_BEFORE_RE.search(text, max(0, start - 5), start):
            return None
        a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
        assert a is not None
        return _Atom(a.start(), t.end, 12.0, "card", 12.0, False, 12.0, ""), i + 1
    card = _cardinal(toks, i, text)
    if card is None:
        return None
    value, j, last_scale = card
    if t.kind in ("hun", "scale"):
        a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
        start = a.start() if a else start
    mult = t.mult if j == i + 1 else (value / t.value if t.value else 1.0)
    kind = "card"
    if (
        j < n
        and toks[j].value == 12
        and toks[j].kind in ("dozen", "vague")
        and _gap(text, toks[j - 1], toks[j]) == "sp"
    ):
        value, mult, j = value * 12, 12.0, j + 1
    elif (
        j < n and toks[j].kind in ("ord", "den") and t.kind != "d" and _gap(text, toks[j - 1], toks[j]) in ("sp", "hy")
    ):
        nt = toks[j]
        word = text[nt.start : nt.end].lower()
        if j == i + 1 and t.kind == "tens" and nt.kind == "ord" and nt.value < 10:  # "twenty-first"
            return _Atom(start, nt.end, value + nt.value, "ord", value + nt.value, False, 1.0, ""), j + 1
        if word in W.DENOMINATORS and (_plural_denominator(word) or value == 1) and value <= 1000:
            # "two thirds", "one-half"
            den = W.DENOMINATORS[word]
            return _Atom(start, nt.end, value / den, "frac", value / den, False, 1.0, ""), j + 1
    gap = _gap(text, toks[j - 1], toks[j]) if j < n else ""
    if gap in ("anda", "and"):
        # "two and a half", "one million and a half", "five and a half million", "and three quarters"
        num, k = (1.0, j) if gap == "anda" else (_group(toks, j, text) or (0.0, j))
        word = text[toks[k].start : toks[k].end].lower() if k < n else ""
        if (
            num
            and word in W.DENOMINATORS
            and (k == j or _gap(text, toks[k - 1], toks[k]) in ("sp", "hy"))
            and (gap == "anda" or num == 1 or _plural_denominator(word))
        ):
            frac, j = num / W.DENOMINATORS[word], k + 1
            if (
                j < n
                and toks[j].kind == "scale"
                and (last_scale == 1 or toks[j].value < last_scale)
                and _gap(text, toks[j - 1], toks[j]) == "sp"
            ):
                if last_scale > 1:
                    value, j = value + frac * toks[j].value, j + 1
                else:
                    value, mult, j = (value + frac) * toks[j].value, toks[j].value, j + 1
            else:
                value += frac * (last_scale if last_scale > 1 else 1.0)
    elif gap == "point" and toks[j].kind in ("one", "teen", "tens"):
        digits = ""
        while (
            j < n
            and toks[j].kind in ("one", "teen", "tens")
            and _gap(text, toks[j - 1], toks[j]) in ("point", "sp", "hy")
        ):
            if (
                toks[j].kind == "tens"
                and j + 1 < n
                and toks[j + 1].kind == "one"
                and _gap(text, toks[j], toks[j + 1]) in ("sp", "hy")
            ):
                digits += str(int(toks[j].value + toks[j + 1].value))
                j += 2
            else:
                digits += str(int(toks[j].value))
                j += 1
        value += float("0." + digits)
    word = text[start : toks[j - 1].end].lower() if j == i + 1 and t.kind != "d" else ""
    return _Atom(start, toks[j - 1].end, value, kind, value, t.plain and j == i + 1, mult, word), j


def _plural_denominator(word: str) -> bool:
    return word.endswith("s") and word not in W.ORDINALS


def _fraction_word(toks: list[_Tok], i: int, text: str) -> tuple[_Atom, int] | None:
    """'half', 'a half', 'a quarter of', 'half a million', 'half a dozen'."""
    t = toks[i]
    word = text[t.start : t.end].lower()
    if word not in ("half", "quarter"):
        return None
    start = t.start
    a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
    value = 1 / t.value
    j = i + 1
    if j < len(toks) and toks[j].kind in ("scale", "dozen", "hun") and _gap(text, t, toks[j]) in ("sp", "a", "hy"):
        value, j = value * toks[j].value, j + 1
        return _Atom(a.start() if a else start, toks[j - 1].end, value, "card", value, False, 1.0, ""), j
    if word == "quarter" and not (a and text.startswith(" of", t.end)):
        return None
    return _Atom(a.start() if a else start, t.end, value, "frac", value, False, 1.0, "" if a else word), j


def _vague(toks: list[_Tok], i: int, text: str) -> tuple[_Atom, int] | None:
    """'dozens', 'hundreds', 'tens of thousands', 'several hundred', 'a few thousand'."""
    t = toks[i]
    start, end, scale, j = t.start, t.end, t.value, i + 1
    if (
        t.kind in ("vague", "vtens")
        and j < len(toks)
        and toks[j].kind == "vague"
        and toks[j].value > 100
        and re.fullmatch(r"\s+of\s+", text[t.end : toks[j].start])
    ):
        scale, end, j = t.value * toks[j].value, toks[j].end, j + 1  # "tens of thousands"
    elif t.kind == "vtens":
        return None
    elif t.kind != "vague":
        few = _FEW_BEFORE_RE.search(text, max(0, start - 20), start)
        if few:
            start = few.start()
    return _Atom(start, end, 2 * scale, "vague", 10 * scale - 1, False, scale, ""), j


def _atoms(text: str) -> list[_Atom]:
    toks = _tokens(text)
    atoms: list[_Atom] = []
    i = 0
    while i < len(toks):
        got = _read(toks, i, text)
        if got is None:
            i += 1
            continue
        atom, nxt = got
        atoms.append(atom)
        i = max(nxt, i + 1)
    return atoms


# ---------------------------------------------------------------------------------------------------
# From atoms to mentions: currency, qualifier, range, unit, subject, and what is not a quantity
# ---------------------------------------------------------------------------------------------------
def _alternation(patterns: list[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_UNIT_INDEX = {f"u{k}": (unit, dim) for k, (_, unit, dim) in enumerate(W.UNITS)}
_UNIT_RE = re.compile(
    r"(?:[ \t]?-?[ \t]?)(?:"
    + "|".join(f"(?P<u{k}>{pat})" for k, (pat, _, _) in sorted(enumerate(W.UNITS), key=lambda kv: -len(kv[1][0])))
    + r")(?![\w])",
    re.I,
)
_CURRENCY_RE = re.compile(
    r"(?<![\w$])(?P<c>" + _alternation([re.escape(c) for c in W.CURRENCY_PREFIXES]) + r")[ \t]?$", re.I
)
_NEGATIVE_RE = re.compile(r"(?<![\w])(?:minus|negative)\s+$", re.I)
_QUAL_PHRASES = {tuple(p.split()): v for p, v in W.PREFIX_QUALIFIERS.items()}
_QUAL_MAX = max(len(p) for p in _QUAL_PHRASES)
_SUFFIX_RE = re.compile(
    r"(?:\s*-?\s*(?P<q>"
    + _alternation([re.escape(p).replace(r"\ ", r"\s+") for p in W.SUFFIX_QUALIFIERS if p != "+"])
    + r")(?![\w])|(?P<plus>\+))",
    re.I,
)
_RANGE_GAP_RE = re.compile(
    r"\s*-?\s*(?P<sep>-|–|—|~|to|through|thru|and|or)\s*(?:"
    + _alternation([re.escape(c) for c in W.CURRENCY_PREFIXES if not c.isalpha()])
    + r")?\s*",
    re.I,
)
# Capitalized or upper-case month names only: "may" and "march" are verbs.
_MONTH = "(?:" + "|".join([m.capitalize() for m in W.MONTHS] + [m.upper() for m in W.MONTHS]) + ")"
_DATE_BEFORE_RE = re.compile(
    r"(?<![\w])(?:" + _MONTH + r"\.?|(?i:" + "|".join(W.WEEKDAYS) + r"),?)\s+(?:the\s+)?"
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
_NUMBER_WORDS = frozenset(_WORD_KIND)
_NUMBER_NEXT_RE = re.compile(r"\s*(?:[-−]?\d|(?:" + _WORDS + r")\b)", re.I)
_OR_EQUAL_RE = re.compile(r"\s*or\s+equal(?:\s+to)?(?:\s+it\b)?(?!\s*[-−]?\d)", re.I)
_BOTH_BOUNDS_GAP_RE = re.compile(r"\s*,?\s*(?:and|but|,)\s*", re.I)
_NUMBER_COMPOUND_RE = re.compile(r"(?:-[A-Za-z]+)+-(?:\d+|" + _WORDS + r")\b", re.I)
_HYPHEN_WORD_RE = re.compile(r"-([A-Za-z]+)\b(?!-)")
_CHAIN_RE = re.compile(r"(?:[-–/]\d+)*")
_HALF_NOT_FRACTION_BEFORE = frozenset(
    ["the", "first", "second", "third", "fourth", "other", "a", "an", "this", "last", "next", "each"]
)
_ADJECTIVE_RE = re.compile(r"(?:al|ian|ic|ive|ous|ful|ary|ed|ing|ern|ese|ish|an|-\w+)$")


def _prefix_qualifier(text: str, start: int) -> tuple[int, str, str] | None:
    """The qualifier phrase ending just before ``start``: (phrase start, normalized, kind)."""
    lo = max(0, start - 48)
    tail = text[lo:start]
    stripped = tail.rstrip()
    for sym in (">=", "<=", "> =", "< =", "≥", "≤", ">", "<", "~"):
        if stripped.endswith(sym):
            norm, kind = W.PREFIX_QUALIFIERS[sym]
            return lo + len(stripped) - len(sym), norm, kind
    words = [(m.start(), m.group().lower()) for m in re.finditer(r"[^\s\"“(\[]+", tail)]
    for size in range(min(_QUAL_MAX, len(words)), 0, -1):
        if words[-1][0] + len(words[-1][1]) != len(stripped):
            return None
        phrase = tuple(w for _, w in words[-size:])
        if phrase in _QUAL_PHRASES:
            norm, kind = _QUAL_PHRASES[phrase]
            return lo + words[-size][0], norm, kind
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
    return w in W.IRREGULAR_PLURALS or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)


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
            low in W.SUBJECT_STOP
            or low in _NUMBER_WORDS
            or (words and word[0].isupper() and not text[words[-1][0]].isupper())
        ):
            break
        if low.endswith("ly"):  # "two regions shortly after" but "four family members"
            nxt = _WORD_RE.match(text, m.end())
            if not nxt or nxt.group(1).lower() in W.SUBJECT_STOP:
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
    # "100,000 fled", "13,000 killed": a verb, not the subject; "dozens more": not a noun.
    while words and (
        text[words[-1][0] : words[-1][1]].lower().endswith(("ed", "ing"))
        or text[words[-1][0] : words[-1][1]].lower() in W.SUBJECT_TRIM
    ):
        words.pop()
    if not words:
        return "", pos, pos
    s, e = words[0][0], words[-1][1]
    return text[s:e], s, e


def _is_year(atom: _Atom) -> bool:
    return atom.plain and 1800 <= atom.value <= 2099 and atom.end - atom.start == 4


def _not_a_quantity(text: str, atom: _Atom, has_unit: bool, subject: str, qualified: bool) -> bool:
    """Dates, times, years, identifiers and pronouns that the number tokens picked up."""
    s, e = atom.start, atom.end
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
    if atom.plain and not has_unit and _ID_BEFORE_RE.search(text, max(0, s - 10), s):
        return True  # "No. 10", "#3"
    if atom.plain and not has_unit and not subject:
        prev = _PREV_WORD_RE.search(text, max(0, s - 30), s)
        if (
            prev
            and not qualified
            and prev.group(1)[0].isupper()
            and len(prev.group(1)) > 1
            and prev.group(1).lower() not in W.SUBJECT_STOP
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
            (before and before.group(1).lower() in W.ONE_PRONOUN_BEFORE)
            or (after and after.group(1).lower() in W.ONE_PRONOUN_AFTER)
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
    """
    atoms = _atoms(text)
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
        cm = _CURRENCY_RE.search(text, max(0, start - 5), start) if a.kind in ("card", "frac") else None
        if cm:
            currency, start = W.CURRENCY_PREFIXES[cm.group("c").lower()], cm.start()
        neg = _NEGATIVE_RE.search(text, max(0, start - 10), start)
        if neg and a.kind == "card":
            value, high, start = -value, -high, neg.start()
        qual = _prefix_qualifier(text, start) if a.kind != "ord" else None
        qualifier, kind = ("", "exact") if qual is None else (qual[1], qual[2])
        if qual is not None:
            start = qual[0]
        end = a.end
        # A range: "75,000-100,000", "between 44 and 50", "3 to 4", "$5-10 million".
        unit_a = _UNIT_RE.match(text, end)
        if i < len(atoms) and a.kind in ("card", "frac") and atoms[i].kind in ("card", "frac"):
            b = atoms[i]
            gap_from = unit_a.end() if unit_a and unit_a.end() <= b.start else end
            g = _RANGE_GAP_RE.fullmatch(text, gap_from, b.start)
            sep = g.group("sep").lower() if g else ""
            before = _PREV_WORD_RE.search(text, max(0, start - 20), start)
            change = qualifier == "from" and before is not None and before.group(1).lower() in W.CHANGE_WORDS
            # "and" joins a range only after "between"; "or" only when rising ("two or three people").
            if sep == "or" and (b.value <= value or qualifier or _is_year(a)):
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
        unit, dimension = "", "count"
        compound: re.Match[str] | None = None
        um = _UNIT_RE.match(text, end)
        if um and a.kind in ("card", "frac", "vague"):
            unit, dimension = _UNIT_INDEX[um.lastgroup or ""]
            if dimension == "currency" and not unit:
                unit = um.group(um.lastgroup or "").upper()
            million = um.group() == "m" and _plural_subject(_subject(text, um.end(), 2.0, False)[0])
            if unit in ("m", "mm") and (currency or million):
                # "$10m", "10m people": million, not metres
                value, high, unit, dimension = value * 1e6, high * 1e6, "", "count"
            end = um.end()
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
        # Suffix qualifier: "5,000 or more", "100,000+".
        sm = _SUFFIX_RE.match(text, end) if kind in ("exact", "approx") and a.kind != "ord" else None
        if (
            sm
            and (sm.group("plus") is None or not text[end - 1].isspace())
            and not _NUMBER_NEXT_RE.match(text, sm.end())
        ):  # not "5000 or less than 6000"
            suffix = W.SUFFIX_QUALIFIERS[re.sub(r"\s+", " ", (sm.group("q") or "+").lower())]
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
        bare = end <= a.end + 1
        if (bare and _not_a_quantity(text, a, bool(unit or currency), subject, qual is not None)) or (
            _is_year(a) and not unit and not _plural_subject(subject)
        ):
            cursor = a.end
            continue
        if s0 == s1:
            s0 = s1 = end
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
                )
                continue
        out.append(q)
    return out
