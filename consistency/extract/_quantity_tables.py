"""The word tables of :mod:`consistency.extract.quantities` and the regular expressions built from them.

Qualifiers ("more than", "or so"), units ("km", "per cent", "Canadian dollars"), currency signs ("$", "US$",
"dlrs") and the words that end or trim a counted subject live here once; so do the patterns compiled from
them at import.  The extraction logic that reads them is in :mod:`consistency.extract.quantities`, which
re-exports :data:`UNITS`.

>>> UNITS[0], CURRENCY_PREFIXES["us$"], PREFIX_QUALIFIERS["more than"]
(('%', '%', 'percent'), 'USD', ('more than', 'gt'))
>>> _unit_match("5 km away", 1).group().strip(), _unit_match("5 people", 1)
('km', None)
"""

from __future__ import annotations

import re


# ---------------------------------------------------------------------------------------------------
# Tables: qualifiers, units, currencies, dates, subject words
# ---------------------------------------------------------------------------------------------------
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# fmt: off
# --- Qualifiers -----------------------------------------------------------------------------------
# surface (lower case, single spaces) -> (normalized qualifier, interval kind).  Kinds: gt, ge, lt, le,
# approx (both sides), under (approximately below: "nearly"), overa (approximately above: "just over"),
# exact, range (two ends follow).
PREFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "more than": ("more than", "gt"), "over": ("over", "gt"), "above": ("above", "gt"),
    "greater than": ("more than", "gt"), "larger than": ("more than", "gt"),
    "bigger than": ("more than", "gt"), "higher than": ("more than", "gt"),
    "in excess of": ("more than", "gt"), "well over": ("over", "gt"), "well above": ("above", "gt"),
    "exceeding": ("more than", "gt"), "exceed": ("more than", "gt"), "exceeds": ("more than", "gt"),
    "surpass": ("more than", "gt"), "surpassing": ("more than", "gt"), ">": ("more than", "gt"),
    "at least": ("at least", "ge"), "no less than": ("at least", "ge"), "not less than": ("at least", "ge"),
    "no fewer than": ("at least", "ge"), "not fewer than": ("at least", "ge"),
    "a minimum of": ("at least", "ge"), "upwards of": ("at least", "ge"), "as few as": ("at least", "ge"),
    "greater than or equal to": ("at least", "ge"), "more than or equal to": ("at least", "ge"),
    "equal to or more than": ("at least", "ge"), "equal to or greater than": ("at least", "ge"),
    "bigger or equal than": ("at least", "ge"), "higher or equal than": ("at least", "ge"),
    "at least or equal to": ("at least", "ge"), ">=": ("at least", "ge"), "≥": ("at least", "ge"),
    "> =": ("at least", "ge"), "less than": ("less than", "lt"), "fewer than": ("less than", "lt"),
    "under": ("under", "lt"), "below": ("below", "lt"), "lower than": ("less than", "lt"),
    "smaller than": ("less than", "lt"), "<": ("less than", "lt"), "at most": ("at most", "le"),
    "up to": ("up to", "le"), "no more than": ("at most", "le"), "not more than": ("at most", "le"),
    "a maximum of": ("at most", "le"), "as many as": ("up to", "le"), "as much as": ("up to", "le"),
    "less than or equal to": ("at most", "le"), "equal to or less than": ("at most", "le"),
    "fewer than or equal to": ("at most", "le"), "smaller or equal than": ("at most", "le"),
    "lower or equal than": ("at most", "le"), "less or equal than": ("at most", "le"),
    "<=": ("at most", "le"), "< =": ("at most", "le"), "≤": ("at most", "le"), "about": ("about", "approx"),
    "around": ("around", "approx"), "some": ("some", "approx"), "roughly": ("roughly", "approx"),
    "approximately": ("approximately", "approx"), "approx.": ("approximately", "approx"),
    "an estimated": ("an estimated", "approx"), "estimated": ("an estimated", "approx"),
    "close to": ("close to", "approx"), "circa": ("about", "approx"), "more or less": ("about", "approx"),
    "somewhere around": ("around", "approx"), "~": ("about", "approx"), "nearly": ("nearly", "under"),
    "almost": ("almost", "under"), "just under": ("just under", "under"),
    "just below": ("just under", "under"), "just shy of": ("just under", "under"),
    "just over": ("just over", "overa"), "just above": ("just over", "overa"),
    "slightly more than": ("just over", "overa"), "exactly": ("exactly", "exact"),
    "equal to": ("exactly", "exact"), "equals": ("exactly", "exact"), "equals to": ("exactly", "exact"),
    "equaling to": ("exactly", "exact"), "a total of": ("a total of", "exact"),
    "between": ("between", "range"), "from": ("from", "range"),
    # An increment on a count stated elsewhere, never the total ("another 20,000 people marched").
    "another": ("another", "exact"), "a further": ("another", "exact"), "an additional": ("another", "exact"),
    "an extra": ("another", "exact"),
}
SUFFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "or more": ("at least", "ge"), "and more": ("at least", "ge"), "or greater": ("at least", "ge"),
    "and above": ("at least", "ge"), "and over": ("at least", "ge"), "or above": ("at least", "ge"),
    "or over": ("at least", "ge"), "plus": ("at least", "ge"), "+": ("at least", "ge"),
    "or less": ("at most", "le"), "or fewer": ("at most", "le"), "and less": ("at most", "le"),
    "or below": ("at most", "le"), "or under": ("at most", "le"), "or so": ("about", "approx"),
    "or greater than": ("at least", "ge"), "or more than": ("at least", "ge"),
    "or less than": ("at most", "le"), "or equal": ("at most", "le"),
}
# fmt: on

# Words before "from" that make "from A to B" a change between two values, not a range.
CHANGE_WORDS: frozenset[str] = _set(
    "rose risen rise rises rising fell fallen fall falls falling increased increase increases "
    "increasing decreased decrease decreases decreasing jumped jump jumps climbed climb climbs "
    "dropped drop drops grew grow grows growing reduced reduce cut cuts raised raise raises "
    "lowered lower slashed boosted surged soared plunged slumped declined decline declines "
    "changed change went moved up down shrank expanded widened narrowed revised"
)


# SI prefixes before a unit symbol and their spelled-out form ("" for the bare unit).
_SI_WORDS = [("", ""), ("k", "kilo"), ("M", "mega"), ("G", "giga"), ("T", "tera"), ("P", "peta"), ("E", "exa")]

# fmt: off
# --- Units: (pattern, unit, dimension); the patterns are joined longest first, case-insensitively
# unless wrapped in (?-i:...). --------------------------------------------------------------------
UNITS: list[tuple[str, str, str]] = [
    # percentages
    (r"%", "%", "percent"),
    (r"per\s?cent", "%", "percent"),
    (r"pct", "%", "percent"),
    (r"percentage\s+points?", "pp", "percent"),
    (r"(?-i:pp)", "pp", "percent"),
    # currency words and codes after the number
    # "3 million U.S. dollars"; "3 mln dlrs" (Reuters, timeml-tbaq); "1.38 billion Canadian dollars"
    (r"(?:u\.?s\.?\s*)?dollars?|dlrs?", "USD", "currency"),
    (r"canadian\s+dollars?", "CAD", "currency"),
    (r"australian\s+dollars?", "AUD", "currency"),
    (r"hong\s+kong\s+dollars?", "HKD", "currency"),
    (r"new\s+zealand\s+dollars?", "NZD", "currency"),
    (r"singapore\s+dollars?", "SGD", "currency"),
    (r"taiwan(?:ese)?\s+dollars?", "TWD", "currency"),
    (r"(?:deutsche?\s*|d-)marks?", "DEM", "currency"),
    (r"euros?", "EUR", "currency"),
    (r"pounds?\s+sterling", "GBP", "currency"),
    (r"yen", "JPY", "currency"),
    (r"yuan", "CNY", "currency"),
    (r"renminbi", "CNY", "currency"),
    (r"r[ou]ubles?", "RUB", "currency"),
    (r"hryvnias?", "UAH", "currency"),
    (r"rupees?", "INR", "currency"),
    (r"swiss\s+francs?", "CHF", "currency"),
    (r"francs?", "CHF", "currency"),
    (r"cents?", "cent", "currency"),
    (r"pence", "penny", "currency"),
    (r"pennies", "penny", "currency"),
    (r"dimes?", "dime", "currency"),
    (r"(?-i:USD|EUR|GBP|JPY|CNY|RUB|UAH|INR|CHF|SEK|NOK|DKK|PLN|CAD|AUD|HKD|NZD|SGD|ZAR|BRL|MXN|KRW)", "", "currency"),
    # length
    (r"km|kms|kilomet(?:er|re)s?", "km", "length"),
    (r"miles?|(?-i:mi)", "mile", "length"),
    (r"nautical\s+miles?", "nmi", "length"),
    (r"(?-i:m)|met(?:er|re)s?", "m", "length"),
    (r"(?-i:cm)|centimet(?:er|re)s?", "cm", "length"),
    (r"(?-i:mm)|millimet(?:er|re)s?", "mm", "length"),
    (r"(?-i:nm)|nanomet(?:er|re)s?", "nm", "length"),
    (r"picomet(?:er|re)s?", "pm", "length"),
    (r"ft|feet|foot", "ft", "length"),
    (r"inch(?:es)?", "inch", "length"),
    (r"yards?|yd", "yd", "length"),
    # mass
    (r"kg|kgs|kilo(?:gram|gramme)?s?", "kg", "mass"),
    (r"(?-i:g)|grams?|grammes?", "g", "mass"),
    (r"(?-i:mg)|milligrams?", "mg", "mass"),
    (r"tonnes?|tons?|(?-i:t)", "t", "mass"),
    (r"lbs?|pounds?", "lb", "mass"),
    (r"oz|ounces?", "oz", "mass"),
    # duration (and ages: "30 years old")
    (r"seconds?|secs?", "s", "duration"),
    (r"minutes?|mins?", "min", "duration"),
    (r"hours?|hrs?", "h", "duration"),
    (r"days?", "day", "duration"),
    (r"nights?", "night", "duration"),
    (r"weeks?", "week", "duration"),
    (r"fortnights?", "fortnight", "duration"),
    (r"months?", "month", "duration"),
    (r"years?(?:\s*(?:-\s*)?old)?|yrs?", "year", "duration"),
    (r"decades?", "decade", "duration"),
    (r"centur(?:y|ies)", "century", "duration"),
    # area and volume
    (
        r"(?:sq\.?|square)\s*(?:km|kilomet(?:er|re)s?)|km(?:2|²|\^2)|(?:km|kilomet(?:er|re)s?)\s+squared",
        "km2",
        "other",
    ),
    (r"(?:sq\.?|square)\s*(?:mi|miles?)", "mi2", "other"),
    (r"(?:sq\.?|square)\s*(?:m|met(?:er|re)s?)|m(?:2|²)", "m2", "other"),
    (r"(?:sq\.?|square)\s*(?:ft|feet|foot)", "ft2", "other"),
    (r"hectares?|(?-i:ha)", "ha", "other"),
    (r"acres?", "acre", "other"),
    (
        r"(?:cubic\s*(?:km|kilomet(?:er|re)s?))|km(?:3|³|\^3)|(?:km|kilomet(?:er|re)s?)\s+cubed",
        "km3",
        "other",
    ),
    (r"cubic\s*(?:m|met(?:er|re)s?)|m(?:3|³)", "m3", "other"),
    (r"lit(?:er|re)s?|(?-i:L)", "l", "other"),
    (r"(?-i:ml)|millilit(?:er|re)s?", "ml", "other"),
    (r"(?-i:cl)|centilit(?:er|re)s?", "cl", "other"),
    (r"gallons?", "gal", "other"),
    (r"barrels?|bbl", "bbl", "other"),
    (r"cups?", "cup", "other"),
    (r"tablespoons?|tbsp", "tbsp", "other"),
    (r"teaspoons?|tsp", "tsp", "other"),
    # temperature, speed, energy, data
    (r"(?:degrees?\s*)?(?:celsius|centigrade)|°\s?C|degrees?\s+(?-i:C)\b", "°C", "other"),
    (r"(?:degrees?\s*)?fahrenheit|°\s?F|degrees?\s+(?-i:F)\b", "°F", "other"),
    (r"degrees?|°", "°", "other"),
    (r"km\s?/\s?h|kph|km\s+(?:per|an)\s+hour|kilomet(?:er|re)s?\s+(?:per|an)\s+hour", "km/h", "other"),
    (r"(?-i:m/s)|met(?:er|re)s?\s+(?:per|a)\s+second", "m/s", "other"),
    (r"mph|miles?\s+(?:per|an)\s+hour", "mph", "other"),
    (r"knots?", "kn", "other"),
    # SI-prefixed units keep their prefix ("5 GB" is not "5 MB"); lexicon.units knows what each is worth.
    *[(rf"(?-i:{p}Wh)|{w}watt\s*(?:-\s*)?hours?", f"{p}Wh", "other") for p, w in _SI_WORDS],
    *[(rf"(?-i:{p}W)|{w}watts?", f"{p}W", "other") for p, w in _SI_WORDS if p],  # bare "W" is West
    (r"watts?", "W", "other"),
    *[(rf"(?-i:{p}eV)", f"{p}eV", "other") for p, _ in _SI_WORDS],
    *[(rf"(?-i:{p}Hz)|{w}hertz", f"{p}Hz", "other") for p, w in _SI_WORDS],
    *[(rf"(?-i:{p}B)|{w}bytes?", f"{p}B", "other") for p, w in _SI_WORDS if p],
    (r"(?-i:KB)", "KB", "other"),
    (r"bytes?", "B", "other"),
    *[(rf"(?-i:{p}iB)", f"{p}iB", "other") for p in ("K", "M", "G", "T", "P", "E")],
    (r"(?-i:kiB)", "KiB", "other"),
    # not a bare "bps": "25 bps" is basis points
    *[(rf"(?-i:{p}bps|{p}bit/s)|{w}bits?\s+(?:per|a)\s+second" if p else r"(?-i:bit/s)|bits?\s+(?:per|a)\s+second",
       f"{p}bit/s", "other") for p, w in _SI_WORDS],
    (r"(?-i:Kbps)", "kbit/s", "other"),
    *[(rf"{w}bits?", f"{p}bit", "other") for p, w in _SI_WORDS],
    (r"volts?", "V", "other"),
    (r"(?-i:kV)|kilovolts?", "kV", "other"),
    (r"(?-i:Gy)", "Gy", "other"),
    (r"(?-i:mGy)", "mGy", "other"),
    # news "calories" are food calories: kilocalories
    (r"calories|kcal", "kcal", "other"),
]
# fmt: on

# Currency signs and codes written before the number ("$2 billion", "US$ 1MM", "€10M", "Rs 500").
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "₽": "RUB", "rub": "RUB", "chf": "CHF",
    "c$": "CAD", "a$": "AUD", "hk$": "HKD", "₴": "UAH", "cny": "CNY",
    # "US $5.4-billion" (ecbplus), "U.S. $ 3 billion", "dlrs 50 million" (Reuters style, timeml-tbaq)
    "us $": "USD", "u.s.$": "USD", "u.s. $": "USD", "dlrs": "USD", "dlr": "USD", "nz$": "NZD", "s$": "SGD",
}  # fmt: skip

# --- Subjects -------------------------------------------------------------------------------------
# A counted subject stops at these words (prepositions, determiners, pronouns, conjunctions,
# auxiliaries, adverbs that follow numbers).
SUBJECT_STOP: frozenset[str] = _set(
    """
    of in on at to from by with for along across near into onto over under per than about around
    against since after before during between among through toward towards within without inside
    outside including like as via upon amid amongst beyond behind off out up down
    the a an this that these those his her its their our my your which who whom whose what it they
    he she we you i them him us me there here
    and or but nor so yet if while when where because although though whether then
    is are was were be been being has have had do does did will would can could may might shall
    should must said says say told according reported
    each apiece ago later earlier already still also only just now not no too very even
    last next per cent percent
    north south east west northeast northwest southeast southwest north-east north-west south-east
    south-west northward southward eastward westward away long wide high deep tall apart
    """
)
# Words dropped from the end of a subject: "dozens more", "$2.5 million worth of jewellery".
SUBJECT_TRIM: frozenset[str] = _set("more less fewer worth extra each")
# Plural nouns without a final "s": the subject ends after one of these.
IRREGULAR_PLURALS: frozenset[str] = _set(
    "people children men women police personnel staff cattle feet teeth mice geese crew "
    "militia infantry aircraft livestock sheep fish deer"
)
# A rate's per-unit, when it is a time word, under one name: "$49 a month", "100 req/min", "1,000 calls per day".
RATE_TIME_WORDS: dict[str, str] = {
    "second": "second", "sec": "second", "s": "second", "minute": "minute", "min": "minute", "hour": "hour",
    "hr": "hour", "h": "hour", "day": "day", "night": "night", "week": "week", "wk": "week", "month": "month",
    "mo": "month", "quarter": "quarter", "year": "year", "yr": "year", "annum": "year", "decade": "decade",
}  # fmt: skip
# "a"/"an" make a rate before a time word and only before these others ("eight Canadian cents a share").
RATE_ARTICLE_WORDS: frozenset[str] = _set("share head person piece")
# Determiners and function words that make a following "one" a pronoun ("the one", "no one").
ONE_PRONOUN_BEFORE: frozenset[str] = _set(
    "the this that which any every each no another someone anyone everyone last only single "
    "little big new old right wrong next such"
)
ONE_PRONOUN_AFTER: frozenset[str] = _set("of another who which that thing 's ’s")


# ---------------------------------------------------------------------------------------------------
# Patterns built from the tables: units (bucketed by first character), currency signs, qualifiers, ranges
# ---------------------------------------------------------------------------------------------------
def _alternation(patterns: list[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


def _class_end(p: str, i: int) -> int:
    """The index of the "]" closing the character class that opens at ``p[i]``."""
    j = i + 1 + (p[i + 1] == "^")
    j += p[j] == "]"
    while p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j


def _group_end(p: str, i: int) -> int:
    """The index of the ")" closing the group that opens at ``p[i]``."""
    depth = 0
    while True:
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "[":
            i = _class_end(p, i)
        elif p[i] == "(":
            depth += 1
        elif p[i] == ")":
            depth -= 1
            if not depth:
                return i
        i += 1


def _class_heads(body: str) -> set[str] | None:
    if body.startswith("^") or "\\" in body:
        return None
    heads: set[str] = set()
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            heads.update(chr(c) for c in range(ord(body[k]), ord(body[k + 2]) + 1))
            k += 3
        else:
            heads.add(body[k])
            k += 1
    return heads


_GROUP_FLAGS_RE = re.compile(r"\?(?:[aiLmsux-]*:|P<\w+>)")


def _heads(p: str) -> tuple[set[str] | None, bool]:
    r"""The characters the regular expression ``p`` can start with, and whether it can match the empty string.

    Reads the syntax :data:`UNITS` uses (literals, escapes, classes, groups, alternation, quantifiers); None
    when ``p`` is beyond that.  Lower and upper case are not told apart here: the caller lower-cases.

    >>> sorted(_heads(r"(?:u\.?s\.?\s*)?dollars?|dlrs?")[0] or [])
    ['d', 'u']
    >>> sorted(_heads(r"(?-i:[kM]W)|°\s?C")[0] or [])
    ['M', 'k', '°']
    >>> _heads(r"(?=x)a"), _heads(r"\s+km"), _heads(r"(?:km)?")
    ((None, False), (None, False), ({'k'}, True))
    """
    heads: set[str] = set()
    nullable_all = False
    depth, cur, i = 0, 0, 0
    alternatives: list[str] = []
    while i <= len(p):  # split on the top-level "|"
        if i == len(p) or (p[i] == "|" and depth == 0):
            alternatives.append(p[cur:i])
            cur = i + 1
        elif p[i] == "\\":
            i += 1
        elif p[i] == "[":
            i = _class_end(p, i)
        elif p[i] == "(":
            depth += 1
        elif p[i] == ")":
            depth -= 1
        i += 1
    for alt in alternatives:
        nullable = True
        i = 0
        while i < len(alt) and nullable:
            c = alt[i]
            atom: set[str] | None
            if c == "(":
                j = _group_end(alt, i)
                inner = alt[i + 1 : j]
                if inner.startswith("?"):
                    flags = _GROUP_FLAGS_RE.match(inner)
                    if flags is None:
                        return None, False  # lookarounds
                    inner = inner[flags.end() :]
                atom, atom_nullable = _heads(inner)
                i = j + 1
            elif c == "[":
                j = _class_end(alt, i)
                atom, atom_nullable, i = _class_heads(alt[i + 1 : j]), False, j + 1
            elif c == "\\":
                atom = None if alt[i + 1].isalnum() else {alt[i + 1]}
                atom_nullable, i = False, i + 2
            elif c in ".^$":
                atom, atom_nullable = None, False
            else:
                atom, atom_nullable, i = {c}, False, i + 1
            if atom is None:
                return None, False
            if i < len(alt) and alt[i] in "?*{":
                atom_nullable = True
                i = alt.index("}", i) + 1 if alt[i] == "{" else i + 1
            elif i < len(alt) and alt[i] == "+":
                i += 1
            i += i < len(alt) and alt[i] == "?"  # lazy
            heads |= atom
            nullable = atom_nullable
        nullable_all = nullable_all or nullable
    return heads, nullable_all


def _unit_buckets() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
    """One regular expression per first character of a unit, and one for units whose start is unknown.

    A single alternation of every unit costs ~10 µs per number even when no unit follows (every branch is
    tried in turn); a bucket holds the few units that can start with the next character.  Within a bucket
    the longest pattern is tried first, as in the whole table.

    >>> _UNIT_ELSE is None  # the first characters of every unit pattern are known: no unit is tried everywhere
    True
    """
    order = sorted(range(len(UNITS)), key=lambda k: -len(UNITS[k][0]))
    by_head: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for k in order:
        heads, nullable = _heads(UNITS[k][0])
        if heads is None or nullable:
            anywhere.append(k)
            continue
        for h in {c.lower() for c in heads}:
            by_head.setdefault(h, []).append(k)

    def compile_(keys: list[int]) -> re.Pattern[str]:
        keys = sorted(keys, key=order.index)
        body = "|".join(f"(?P<u{k}>{UNITS[k][0]})" for k in keys)
        return re.compile(r"[ \t]?-?[ \t]?(?:" + body + r")(?![\w])", re.I)

    buckets = {h: compile_(keys + anywhere) for h, keys in by_head.items()}
    return buckets, compile_(anywhere) if anywhere else None


_UNIT_INDEX = {f"u{k}": (unit, dim) for k, (_, unit, dim) in enumerate(UNITS)}
_UNIT_BUCKETS, _UNIT_ELSE = _unit_buckets()


def _unit_match(text: str, pos: int) -> re.Match[str] | None:
    """The unit at ``pos`` (after an optional space or hyphen): "5 km", "20-kg", "10%"."""
    p = pos
    if text.startswith((" ", "\t"), p):
        p += 1
    if text.startswith("-", p):
        p += 1
    if text.startswith((" ", "\t"), p):
        p += 1
    bucket = _UNIT_BUCKETS.get(text[p : p + 1].lower(), _UNIT_ELSE)
    return bucket.match(text, pos) if bucket is not None else None


_CURRENCY_RE = re.compile(
    r"(?<![\w$])(?P<c>" + _alternation([re.escape(c) for c in CURRENCY_PREFIXES]) + r")[ \t]?$", re.I
)
_CURRENCY_LAST = frozenset(c for k in CURRENCY_PREFIXES for c in (k[-1].lower(), k[-1].upper()))
_NEGATIVE_RE = re.compile(r"(?<![\w])(?:minus|negative)\s+$", re.I)
_QUAL_PHRASES = {tuple(p.split()): v for p, v in PREFIX_QUALIFIERS.items()}
_QUAL_MAX = max(len(p) for p in _QUAL_PHRASES)
_QUAL_LAST_WORDS = frozenset(p[-1] for p in _QUAL_PHRASES)
_SUFFIX_RE = re.compile(
    r"(?:\s*(?:-\s*)?(?P<q>"
    + _alternation([re.escape(p).replace(r"\ ", r"\s+") for p in SUFFIX_QUALIFIERS if p != "+"])
    + r")(?![\w])|(?P<plus>\+))",
    re.I,
)
_RANGE_GAP_RE = re.compile(
    r"\s*(?:-\s*)?(?P<sep>-|–|—|~|to|through|thru|and|or)\s*(?:(?:"
    + _alternation([re.escape(c) for c in CURRENCY_PREFIXES if not c.isalpha()])
    + r")\s*)?",
    re.I,
)
