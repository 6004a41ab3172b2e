"""Read numbers written in digits and in words, before any context is applied.

``read_numbers`` turns text into :class:`Atom` values: "31,000", "1.5 million", "twenty-six",
"three million, two hundred & forty", "two and a half", "a dozen", "two-thirds", "21st", "tens of
thousands".  Qualifiers, currencies, units, ranges and subjects are the business of
:mod:`consistency.extract.quantities`, which builds on these atoms.

>>> [(a.value, a.kind) for a in read_numbers("twenty-six, 1,500, two and a half million, a third of")]
[(26.0, 'card'), (1500.0, 'card'), (2500000.0, 'card'), (0.3333333333333333, 'frac')]
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from consistency.extract._anchored import finditer_anchored

#: The largest magnitude read as a number: beyond it a digit string is an identifier, a hash or noise
#: ("10^400", "1e309", a 400-digit string), never a count, an amount or a measure.  1e16, not 1e15: the
#: Recognizers-Text suite reads "-127.32e13" and "12.32e+14" (NumberModel.json) as numbers.
MAX_MAGNITUDE = 1e16
#: Longest digit string read as a number (separators not counted).
MAX_DIGITS = 20

# fmt: off
# --- Cardinal words -------------------------------------------------------------------------------
ONES: dict[str, int] = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Scale words and the abbreviations news uses after digits ("$2bn", "10 mln").
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "mln": 1e6, "mn": 1e6, "mil": 1e6, "crore": 1e7, "crores": 1e7,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12,
    "tn": 1e12, "tln": 1e12,
}
DOZEN: dict[str, int] = {"dozen": 12, "dozens": 12, "dzs": 12, "doz": 12, "dozs": 12}

# Scale letters glued to digits ("10k", "1.2b", "$2.174T", "US$ 1MM"); lower-case "m" is read in context
# (million after a currency sign or before a plural noun, metre otherwise), so it is not here.
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mm": 1e6, "b": 1e9,
    "B": 1e9, "bn": 1e9, "T": 1e12, "tn": 1e12, "mil": 1e6,
    "mln": 1e6,
}

# --- Ordinals and fraction denominators -----------------------------------------------------------
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1000000, "billionth": 1000000000,
    "trillionth": 1000000000000,
}
# fmt: on
# Words that name a fraction after a cardinal ("two thirds", "a quarter", "one-half").  "second" is
# left out: "two seconds" is a duration.
DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "quarter": 4,
    "quarters": 4,
    **{w: v for w, v in ORDINALS.items() if w not in {"first", "second"}},
    **{w + "s": v for w, v in ORDINALS.items() if w not in {"first", "second"}},
}  # fmt: skip

# --- Vague amounts: "tens of thousands" -> [20000, 99999] ------------------------------------------
# The plural scale word names the order of magnitude; "tens of"/"hundreds of" multiply it.
VAGUE_SCALES: dict[str, float] = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


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
    (?:(?<![\w.,/:@#^=])(?<![A-Za-z][-–])|(?<=\d[kKmMbB][-–])|(?<=[a-z]{4})     # not in a word or id: G7, F-16
       |(?<=magnitude[-–]))                       # but "a magnitude-5.9 quake" is a number
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

WORD_KIND: dict[str, tuple[str, float]] = {
    **{w: ("one", v) for w, v in ONES.items()},
    **{w: ("teen", v) for w, v in TEENS.items()},
    **{w: ("tens", v) for w, v in TENS.items()},
    "hundred": ("hun", 100),
    **{w: ("scale", v) for w, v in SCALES.items() if w not in {"k", "mil"}},
    **{w: ("vague", v) for w, v in VAGUE_SCALES.items()},
    "tens": ("vtens", 10),
    **{w: ("dozen", v) for w, v in DOZEN.items() if w != "dozens"},
    **{w: ("ord", v) for w, v in ORDINALS.items()},
    "half": ("den", 2),
    "halves": ("den", 2),
    "quarter": ("den", 4),
    "quarters": ("den", 4),
    **{w: ("den", v) for w, v in DENOMINATORS.items() if w.endswith("s") and w not in {"halves"}},
}

_Trie = dict[str, "_Trie"]


def trie_pattern(words: list[str], cased: bool = False) -> str:
    """One regular expression for many words, nested by shared prefixes (fast to fail on other words).

    ``cased`` writes each ASCII letter as a class of its two cases, to match either case without
    ``re.IGNORECASE``, which also takes "ſ" for "s" and "K" (Kelvin) for "k": words that are no key of the
    table (and the engine tests a class before entering a branch: a pass over news text is about 13% faster).

    >>> trie_pattern(["ten", "tens", "two"])
    't(?:en(?:s)?|wo)'
    >>> trie_pattern(["ten", "two"], cased=True)
    '[Tt](?:[Ee][Nn]|[Ww][Oo])'
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        ends = "" in node
        branches = [_letter(ch, cased) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def _letter(ch: str, cased: bool) -> str:
    return f"[{ch.upper()}{ch}]" if cased and ch.isascii() and ch.isalpha() else re.escape(ch)


WORDS_PATTERN = trie_pattern(list(WORD_KIND))
# The words' letters in both cases, not re.I: "SIX" and "Six" are "six" (re.I also took "ſix" with a long s,
# which is no key of WORD_KIND, and raised).
_CASED_WORD = rf"\b(?:{trie_pattern(list(WORD_KIND), cased=True)})(?![\w])"
_TOKEN_RE = re.compile(rf"(?P<d>{_DIGITS})|(?P<w>(?-i:{_CASED_WORD}))|(?P<v>[{''.join(_VULGAR)}])", re.I | re.X)
# A token starts at the first digit of a run of digits (or at the point before it: ".5"), at a number word or at
# a vulgar fraction: _TOKEN_RE is tried only there (see ``_anchored.py``), the same tokens as one pass.
_TOKEN_ANCHORS = (
    (re.compile(r"\d+"), 1),
    (re.compile(_CASED_WORD), 0),
    (re.compile(f"[{''.join(_VULGAR)}]"), 0),
)


class _Tok(NamedTuple):
    start: int
    end: int
    kind: str  # d (digits), one, teen, tens, hun, scale, vague, vtens, dozen, ord, den, frac (digits)
    value: float
    plain: bool  # digits only: an integer without separators, decimals, sign or scale
    mult: float  # the scale the value was multiplied by (1 when none)


def _digit_token(m: re.Match[str], text: str) -> _Tok | None:
    num = m.group("num")
    digits = num.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace("\u2009", "").replace(" ", "")
    if len(digits) > MAX_DIGITS + 1:  # + 1: the decimal point
        return None
    value = float(digits)
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
        usual = den in _DENOMINATORS or (den > 0 and text.startswith(" of ", m.end()))  # "1/40 of"
        if not usual or not plain or value >= den:  # "1/0", "24/7", "9/11": not fractions
            return None
        value, kind, plain = value / den, "frac", False
    if m.group("exp") or m.group("sci"):
        exponent = int((m.group("exp") or m.group("sci")).replace("−", "-"))
        if exponent > 16:  # "1e309": no quantity (and 10.0 ** 309 overflows)
            return None
        value *= 10.0**exponent
        plain = False
    elif m.group("pow"):
        exponent = int(m.group("pow").replace("−", "-").replace("--", "").replace("+", ""))
        if value and abs(exponent) > 64 and abs(value) != 1:  # "10^400"
            return None
        value, plain = value**exponent if value or exponent >= 0 else value, False
    elif m.group("ord"):
        kind, plain = "dord", False
    elif m.group("sfx"):
        mult = SUFFIX_SCALES[m.group("sfx")]
        value *= mult
        plain = False
    if not bounded(value):
        return None
    if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        value, start, plain = -value, start - 1, False
    return _Tok(start, end, kind, value, plain, mult)


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in finditer_anchored(_TOKEN_RE, text, _TOKEN_ANCHORS, blank_start=False):
        if m.group("d") is not None:
            tok = _digit_token(m, text)
            if tok is not None:
                toks.append(tok)
        elif m.group("w") is not None:
            kind, value = WORD_KIND[m.group("w").lower()]
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


class Atom(NamedTuple):
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


def _read(toks: list[_Tok], i: int, text: str) -> tuple[Atom, int] | None:
    """Read the longest number starting at token i; return the atom and the next token index."""
    n = len(toks)
    t = toks[i]
    start = t.start
    if t.kind == "dord":
        return Atom(start, t.end, t.value, "ord", t.value, False, 1.0, ""), i + 1
    if t.kind == "frac":
        return Atom(start, t.end, t.value, "frac", t.value, False, 1.0, ""), i + 1
    if t.kind in ("vague", "vtens") or (
        t.kind in ("hun", "scale", "dozen") and _FEW_BEFORE_RE.search(text, max(0, start - 20), start)
    ):
        return _vague(toks, i, text)
    if t.kind == "ord":
        a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
        word = text[start : t.end].lower()
        if a and word in DENOMINATORS and _FRACTION_END_RE.match(text, t.end):  # "a third of voters"
            return Atom(a.start(), t.end, 1 / t.value, "frac", 1 / t.value, False, 1.0, ""), i + 1
        return Atom(start, t.end, t.value, "ord", t.value, False, 1.0, text[start : t.end].lower()), i + 1
    if t.kind == "den":
        return _fraction_word(toks, i, text)
    if t.kind == "dozen":
        if not _A_BEFORE_RE.search(text, max(0, start - 5), start):
            return None
        a = _A_BEFORE_RE.search(text, max(0, start - 5), start)
        assert a is not None
        return Atom(a.start(), t.end, 12.0, "card", 12.0, False, 12.0, ""), i + 1
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
            return Atom(start, nt.end, value + nt.value, "ord", value + nt.value, False, 1.0, ""), j + 1
        if word in DENOMINATORS and (_plural_denominator(word) or value == 1) and value <= 1000:
            # "two thirds", "one-half"
            den = DENOMINATORS[word]
            return Atom(start, nt.end, value / den, "frac", value / den, False, 1.0, ""), j + 1
    gap = _gap(text, toks[j - 1], toks[j]) if j < n else ""
    if gap in ("anda", "and"):
        # "two and a half", "one million and a half", "five and a half million", "and three quarters"
        num, k = (1.0, j) if gap == "anda" else (_group(toks, j, text) or (0.0, j))
        word = text[toks[k].start : toks[k].end].lower() if k < n else ""
        if (
            num
            and word in DENOMINATORS
            and (k == j or _gap(text, toks[k - 1], toks[k]) in ("sp", "hy"))
            and (gap == "anda" or num == 1 or _plural_denominator(word))
        ):
            frac, j = num / DENOMINATORS[word], k + 1
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
    return Atom(start, toks[j - 1].end, value, kind, value, t.plain and j == i + 1, mult, word), j


def _plural_denominator(word: str) -> bool:
    return word.endswith("s") and word not in ORDINALS


def _fraction_word(toks: list[_Tok], i: int, text: str) -> tuple[Atom, int] | None:
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
        return Atom(a.start() if a else start, toks[j - 1].end, value, "card", value, False, 1.0, ""), j
    if word == "quarter" and not (a and text.startswith(" of", t.end)):
        return None
    return Atom(a.start() if a else start, t.end, value, "frac", value, False, 1.0, "" if a else word), j


def _vague(toks: list[_Tok], i: int, text: str) -> tuple[Atom, int] | None:
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
    return Atom(start, end, 2 * scale, "vague", 10 * scale - 1, False, scale, ""), j


def bounded(value: float) -> bool:
    """Whether ``value`` can be a quantity: finite and at most :data:`MAX_MAGNITUDE` in magnitude.

    >>> bounded(1e16), bounded(-2.5), bounded(1.1e16), bounded(float("inf")), bounded(float("nan"))
    (True, True, False, False, False)
    """
    return -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE


def read_numbers(text: str) -> list[Atom]:
    """Every number in ``text``, read from digits and words, without context (no units, no qualifiers).

    Numbers beyond :data:`MAX_MAGNITUDE` are not numbers here:

    >>> [a.value for a in read_numbers("1e309, 10^400, 1e17, " + "9" * 400 + ", 50000 trillion, 1e3")]
    [1000.0]
    """
    toks = _tokens(text)
    atoms: list[Atom] = []
    i = 0
    while i < len(toks):
        got = _read(toks, i, text)
        if got is None:
            i += 1
            continue
        atom, nxt = got
        if bounded(atom.value) and bounded(atom.high):
            atoms.append(atom)
        i = max(nxt, i + 1)
    return atoms
