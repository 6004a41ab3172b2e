"""Word tables for the date extractor (``dates.py``): one list per idea, each written once.

The regular expressions in ``dates.py`` are built from these tables, and its resolvers read the same
tables back, so a word added here is both recognised and understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from consistency._clean import MONTHS as _MONTHS

# Month names as they are printed (full names and the abbreviations news style uses: "Aug.", "Sept."): the
# one table, shared with the reader of datelines and front matter.
MONTHS = _MONTHS
# Full month names that are also common English words: alone, they count as months only in date context
# ("in May", "last March"), never "we may" or "protesters march".
AMBIGUOUS_MONTHS = frozenset({"may", "march"})

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4, "last": 4, "latter": 2,
}  # fmt: skip

# Counts in "two weeks ago", "a year earlier"; vague counts make a vague reference (TimeML PAST_REF).
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100,
}  # fmt: skip
VAGUE_COUNTS = ("a few", "a couple of", "several", "a number of", "few", "many")

# Years said aloud in broadcast transcripts: "nineteen ninety-four", "the year two thousand".
UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEEN_WORDS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spelled_year(words: str) -> int | None:
    """The year a spelled-out year names.

    >>> spelled_year("nineteen ninety-four"), spelled_year("two thousand one"), spelled_year("twenty ten")
    (1994, 2001, 2010)
    """
    parts = words.lower().replace("-", " ").replace(" and ", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        return 2000 + (UNIT_WORDS.index(rest[0]) + 1 if rest and rest[0] in UNIT_WORDS else 0)
    if len(parts) < 2 or parts[0] not in ("eighteen", "nineteen", "twenty"):
        return None
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[parts[0]]
    if parts[1] in TEEN_WORDS:
        return century + 10 + TEEN_WORDS.index(parts[1])
    if parts[1] in TENS_WORDS:
        unit = UNIT_WORDS.index(parts[2]) + 1 if len(parts) > 2 and parts[2] in UNIT_WORDS else 0
        return century + 20 + 10 * TENS_WORDS.index(parts[1]) + unit
    return None


# Units of calendar time with the precision a shift by that unit keeps.
UNITS: dict[str, str] = {
    "day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
    "year": "year", "decade": "decade", "century": "century",
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# First month of each season (northern hemisphere); winter runs December to February.
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# Holidays on a fixed day of the Gregorian calendar (month, day). Only names that mean one day wherever English
# news is written: "Independence Day" (July 4 in the US, August 15 in India ...) is left out, not guessed.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1), "fourth of july": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14),
}  # fmt: skip
# Holidays counted in days from (Western) Easter Sunday, which ``_dateresolve.easter`` computes.
EASTER_OFFSETS: dict[str, int] = {
    "ash wednesday": -46, "palm sunday": -7, "maundy thursday": -3, "holy thursday": -3, "good friday": -2,
    "holy saturday": -1, "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
    "ascension day": 39, "pentecost": 49, "whit sunday": 49, "whit monday": 50,
}  # fmt: skip
# US holidays on a weekday: the first (month, day, weekday Monday=0) on or after that day. Thanksgiving is the
# fourth Thursday of November (the US one: Canada's falls in October); Election Day (US general elections) the
# Tuesday after the first Monday of November.
NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 22, 3), "thanksgiving day": (11, 22, 3), "election day": (11, 2, 1),
}  # fmt: skip

# TimeML's vague references (TimeBank: "now" -> PRESENT_REF, "recently" -> PAST_REF,
# "the future" -> FUTURE_REF).
# Not here, though TimeBank marks a few: "previously", "soon", "in the past", and "recent" or "future" alone;
# in news they are mostly not references to a time (21 of 24 "previously" in TimeBank+AQUAINT are unmarked).
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PAST_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "current": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "more recently": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "a later date": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
}  # fmt: skip

# Words right before a bare four-digit number that make it a year ("in 2014", "since 1989", "a 1987 treaty").
YEAR_CUES = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "of",
        "from",
        "before",
        "after",
        "during",
        "through",
        "throughout",
        "for",
        "early",
        "late",
        "mid",
        "the",
        "a",
        "an",
        "fiscal",
        "calendar",
        "year",
        "circa",
        "between",
        "around",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
        "into",
        "due",
        "post",
        "pre",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "both",
    ]
)
# Cues that make a bare weekday or month point forward ("will meet Thursday", "is scheduled for May",
# "the measures to be voted on Thursday": ecbplus 8_1ecbplus). "due" only as "is due" or "due on/by":
# "due to low light levels on Saturday" is a cause (ecbplus 23_8ecbplus).
FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|scheduled|planned|plans?|(?:is|are|was|were|been|be)\s+due|due\s+(?:on|by)"
    r"|set to|set for|slated|going to|expected to|expects? to|is to|are to"
    r"|to be \w+(?:ed|en)|next(?! to\b)|coming|upcoming|starting|begins?|resume)\b",
    re.IGNORECASE,
)
# A verb that moves a date forward, right before it: "officials postponed until Tuesday morning any action"
# (NYT20000330.0406), "INS extended its deadline until 9 a.m. EST Tuesday" (NYT20000403.0463),
# "was extended to Nov. 16" (wsj_0533). Up to three words may stand between verb and "until"/"to".
FORWARD_CUE = re.compile(
    r"\b(?:postpon|delay|adjourn|defer|extend|reschedul|push(?:ed|es|ing)? back|put(?:s|ting)? off|moved? back)"
    r"[a-z]*(?:\s+[\w'’]+){0,3}?\s+(?:until|till|to)\s+(?:(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)"
    r"(?:\s+[A-Z]{2,4})?\s+)?$",
    re.IGNORECASE,
)
# "since May", "since shortly after the Oct. 23 slaying" (APW19990506.0155): what follows "since" is past.
PAST_CUE = re.compile(r"\b[Ss]ince(?:\s+[a-z]+){0,3}\s+$")

# Past-tense forms that do not end in "-ed" (news verbs), for telling a clause's tense.
PAST_FORMS = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "went",
        "came",
        "took",
        "made",
        "gave",
        "got",
        "began",
        "saw",
        "found",
        "left",
        "fell",
        "rose",
        "won",
        "lost",
        "ran",
        "held",
        "led",
        "fled",
        "struck",
        "hit",
        "shot",
        "killed",
        "broke",
        "spoke",
        "wrote",
        "sent",
        "brought",
        "bought",
        "sold",
        "paid",
        "met",
        "became",
        "stood",
        "knew",
        "thought",
        "kept",
        "felt",
        "fought",
        "drove",
        "flew",
        "threw",
        "chose",
        "stole",
        "hid",
        "sank",
        "swore",
        "tore",
        "wore",
        "woke",
        "arose",
        "forgot",
        "froze",
        "bore",
        "bit",
        "rang",
        "sang",
        "shook",
        "slid",
        "split",
        "spent",
        "built",
        "lent",
        "bent",
        "dealt",
        "meant",
        "sought",
        "taught",
        "caught",
        "grew",
        "drew",
        "ate",
        "overcame",
        "overtook",
        "undertook",
        "withdrew",
        "upheld",
    ]
)
# Words ending in "-ed" that are not past verbs.
ED_NOT_PAST = frozenset(
    [
        "need",
        "seed",
        "speed",
        "feed",
        "weed",
        "deed",
        "indeed",
        "proceed",
        "succeed",
        "exceed",
        "breed",
        "greed",
        "heed",
        "bleed",
        "reed",
        "steed",
        "creed",
        "red",
        "bed",
        "shed",
        "wed",
        "bred",
        "hundred",
        "kindred",
        "sacred",
        "naked",
        "wicked",
        "beloved",
        "rugged",
        "ragged",
        "shred",
        "sled",
    ]
)
# Words that tell the clause is not in the past: present or modal auxiliaries.
NOT_PAST_FORMS = frozenset(
    ["is", "are", "am", "does", "do", "can", "would", "could", "might", "should", "must", "may", "'re", "’re"]
)
# Words that tell the clause is about the future, found after the date ("Thursday will see a vote").
FUTURE_FORMS = frozenset(["will", "'ll", "’ll", "shall"])


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so the regex prefers "Sept" to "Sep".

    >>> alternation(["sep", "sept"])
    'sept|sep'
    """
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
