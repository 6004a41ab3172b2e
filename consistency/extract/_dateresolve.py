"""Reading a date the way news uses it: the tense of its clause, holidays, year ranges, names that are not dates.

Helpers of ``dates.py``; each looks at a bounded window of words around one mention (a few dozen characters),
so the extractor stays linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re

from consistency.extract._datewords import (
    EASTER_OFFSETS,
    ED_NOT_PAST,
    FORWARD_CUE,
    FUTURE_CUE,
    FUTURE_FORMS,
    HOLIDAYS,
    MONTHS,
    NOT_PAST_FORMS,
    NTH_WEEKDAY_HOLIDAYS,
    PAST_CUE,
    PAST_FORMS,
    SEASON_START,
    WEEKDAYS,
)

__all__ = ["attributive", "easter", "holiday", "inside_name", "tense", "year_range"]

# A full stop ends a clause unless it closes an abbreviation ("Jan. 3", "Mr.", "U.S."): wsj_0263.
_END = r"(?:(?:(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3})\.|[!?;\"“”])\s|\n)"
_CLAUSE_END = re.compile(_END)
_LAST_CLAUSE_END = re.compile(rf"(?s:.*){_END}")  # greedy: the last one, found from the right
# Attribution after the date ("... in early March, an official from the organization said", XIE19990210.0079)
# tells when it was said, not when the event is.
_REPORTING = frozenset(["said", "says", "told", "added", "noted", "stated", "reported", "explained"])
# "by setting a Jan. 14 return date" (NYT20000106.0007), "a May 19 due date" (ecbplus 8_3ecbplus).
_DEADLINE_AFTER = re.compile(r"\s+(?:deadline|(?:due|return|target|closing)\s+date)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SPAN = 10  # words looked at on each side of the date
_BACKSHIFT = re.compile(r"\b(?:was|were|had|been)\s+(?:\w+\s+)?$", re.IGNORECASE)
_PASSIVE_AUX = frozenset({"is", "are", "am", "be", "being", "'s", "’s"})
_NOT_VERB_AFTER_TO = frozenset(
    ["the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "our", "my", "your"]
)
# Adjectives that date a coming event: "payable Dec. 7 to stock of record" (wsj_0752), "effective Dec. 7" (wsj_0527).
_FORWARD_ADJECTIVE = re.compile(r"\b(?:payable|effective)\s+(?:on\s+)?$", re.IGNORECASE)


def _word_tense(word: str, before: str) -> str | None:
    """What one word says of its clause's tense: 'past', 'future', 'present' or ``None`` (nothing)."""
    low = word.lower()
    if low in FUTURE_FORMS:
        return "future"
    if low in NOT_PAST_FORMS:
        return "present"
    if word[0].isupper() and low not in PAST_FORMS:
        return None  # "Ahmed", "United": a capitalised word ending in "-ed" is a name
    participle = len(low) > 4 and low.endswith("ed") and not low.endswith("eed") and low not in ED_NOT_PAST
    if low in PAST_FORMS or (participle and not low.startswith("un")):  # "unspecified" is an adjective
        # "is expected in March", "would still be held ... on April 24" (XIE19990210.0079): not a past event
        return "present" if before.lower() in _PASSIVE_AUX else "past"
    return None


def tense(text: str, start: int, end: int, weekday: bool = False) -> str:
    """Which way a bare date in ``text[start:end]`` points: 'future', 'past' or '' (can't tell: the nearest).

    A verb that moves a date ("postponed until") or a future cue in the clause before it ("will", "is
    scheduled") makes it future; "since" makes it past; otherwise the tensed word nearest to the date
    decides: a past form ("was", "said", "-ed") makes it past, a present or modal one ("is", "would") leaves it.

    >>> tense("On April 2, the gunman opened fire", 3, 10), tense("the vote will be held Wednesday", 22, 31)
    ('past', 'future')
    >>> tense("officials postponed until Tuesday morning any action", 26, 33)
    'future'
    >>> tense("The deal is expected to close in March.", 33, 38), tense("Talks are expected in March.", 22, 27)
    ('future', '')
    """
    left = text[max(0, start - 90) : start]
    cut = _LAST_CLAUSE_END.match(left)
    if cut:
        left = left[cut.end() :]
    near = left[-70:]  # these cues stand right before the date
    if FORWARD_CUE.search(near) or _FORWARD_ADJECTIVE.search(near):
        return "future"
    if PAST_CUE.search(near):
        return "past"
    backshifted = False
    for cue in FUTURE_CUE.finditer(left):
        # "had been set to expire Nov. 6" (wsj_0152), "was scheduled": a plan seen from the past, which may
        # or may not have come yet: the nearest reading
        if re.match(r"(?:was|were|been)\b", cue.group(), re.IGNORECASE) or _BACKSHIFT.search(
            left, max(0, cue.start() - 16), cue.start()
        ):
            backshifted = True
        else:
            return "future"
    if backshifted:
        return ""
    right = text[end : end + 90]
    if not weekday and _DEADLINE_AFTER.match(right):  # "by the Tuesday deadline" is mostly met (wsj_0175)
        return "future"
    stop = _CLAUSE_END.search(right)
    if stop:
        right = right[: stop.start()]
    before_words = _WORD.findall(left)[-_SPAN - 1 :]
    after_words = _WORD.findall(right)[:_SPAN]
    before_words.reverse()  # nearest first
    for i in range(_SPAN):
        if i < len(before_words):
            prev = before_words[i + 1] if i + 1 < len(before_words) else ""
            verb = before_words[i - 1] if i else ""
            if before_words[i] == "to" and verb.islower() and verb not in _NOT_VERB_AFTER_TO:
                return ""  # "has decided to admit Poland ... in early March" (XIE19990210.0079)
            verdict = _word_tense(before_words[i], prev)
            if verdict:
                return "" if verdict == "present" else verdict
        if i < len(after_words) and after_words[i] not in _REPORTING:
            prev = after_words[i - 1] if i else ""
            verdict = _word_tense(after_words[i], prev)
            if verdict:
                return "" if verdict == "present" else verdict
    return ""


# --------------------------------------------------------------------------- names that hold a date word

# Words that may stand capitalised right before a month or "Today" and still leave it a date.
_LEAD_WORDS = (
    frozenset(
        [
            "in",
            "on",
            "at",
            "since",
            "until",
            "till",
            "by",
            "from",
            "through",
            "during",
            "before",
            "after",
            "of",
            "for",
            "last",
            "next",
            "this",
            "early",
            "late",
            "mid",
            "to",
            "and",
            "or",
            "but",
            "the",
            "every",
            "each",
            "that",
            "around",
            "about",
            "circa",
            "between",
            "into",
            "as",
            "when",
            "only",
            "even",
            "also",
            "until",
            "every",
            "past",
            "coming",
            "previous",
            "following",
            "same",
        ]
    )
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
)
_CAPITAL_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’&.-]*)[ \t]+$")
_TITLE_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)[ \t]+$")
_CLAUSE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’`(\[—–-]|\s-)\s*$")


def inside_name(text: str, start: int, word: str) -> bool:
    """Is the date word at ``start`` part of a name ("Theresa May", "USA Today", "the Today show")?

    A month is a name after a Title-case word that is not a preposition or determiner ("Theresa May", but
    "In May"). A capitalised "Today" (or "Tonight", "Tomorrow", "Yesterday") is a date only at the start of a
    sentence or clause; there it is a name when it is "Today's" before a capitalised word ("Today's Zaman").

    >>> inside_name("Prime Minister Theresa May said", 23, "May"), inside_name("In May", 3, "May")
    (True, False)
    >>> inside_name("according to USA Today.", 17, "Today"), inside_name("Today, police said", 0, "Today")
    (True, False)
    >>> inside_name("he told NBC's Today show", 14, "Today"), inside_name("Today's Zaman reported", 0, "Today's")
    (True, True)
    """
    before = text[max(0, start - 40) : start]
    if word.lower().startswith(("today", "tonight", "tomorrow", "yesterday")):
        if not word[0].isupper():
            return False
        if not _CLAUSE_START.search(before):
            return True  # "USA Today", "NBC's Today show", "the Today programme"
        after = text[start + len(word) : start + len(word) + 3]
        return word.lower().endswith(("'s", "’s")) and re.match(r"\s[A-Z]", after) is not None
    m = _TITLE_BEFORE.search(before)
    return m is not None and m.group(1).lower() not in _LEAD_WORDS


# Words that may follow a holiday's name and leave it the day itself ("on Christmas Day", "at Easter when ...").
_AFTER_HOLIDAY = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "with",
        "by",
        "from",
        "into",
        "this",
        "last",
        "next",
        "when",
        "while",
        "as",
        "after",
        "before",
        "until",
        "since",
        "is",
        "was",
        "will",
        "would",
        "has",
        "had",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "there",
        "that",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "day",
        "eve",
        "morning",
        "night",
        "evening",
        "afternoon",
        "weekend",
    ]
)


def attributive(text: str, end: int) -> bool:
    """Does a holiday's name modify the noun after it ("an office Christmas party", ecbplus 18_12ecb)?

    A verb form after it is no noun: "Elian was found Thanksgiving Day clinging to an inner tube". A name
    word after it makes a longer name: "the Good Friday Agreement", "Easter Island".

    >>> attributive("shot at an office Christmas party", 27), attributive("on Christmas Day, he", 16)
    (True, False)
    >>> attributive("found last Thanksgiving following a boat wreck", 23), attributive("the Good Friday Agreement", 15)
    (False, True)
    """
    name = re.match(r"[ \t]+([A-Z][a-z]+)\b", text[end : end + 24])
    if name is not None:
        return name.group(1).lower() not in _LEAD_WORDS
    m = re.match(r"[ \t]+([a-z]+)\b", text[end : end + 24])
    if m is None or m.group(1).endswith(("ing", "ed")):
        return False
    return m.group(1) not in _AFTER_HOLIDAY


# --------------------------------------------------------------------------- holidays


def easter(year: int) -> dt.date:
    """Western Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm).

    >>> easter(2000), easter(2011), easter(2019), easter(2024)
    (datetime.date(2000, 4, 23), datetime.date(2011, 4, 24), datetime.date(2019, 4, 21), datetime.date(2024, 3, 31))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday(name: str, year: int) -> dt.date | None:
    """The day a holiday falls on in ``year``; ``None`` for a name not known or a day outside the calendar.

    >>> holiday("good friday", 2011), holiday("thanksgiving", 1999), holiday("election day", 1998)
    (datetime.date(2011, 4, 22), datetime.date(1999, 11, 25), datetime.date(1998, 11, 3))
    """
    key = " ".join(name.lower().replace("’", "'").split())
    try:
        if key in HOLIDAYS:
            return dt.date(year, *HOLIDAYS[key])
        if key in EASTER_OFFSETS:
            return easter(year) + dt.timedelta(EASTER_OFFSETS[key])
        if key in NTH_WEEKDAY_HOLIDAYS:
            month, first_day, weekday = NTH_WEEKDAY_HOLIDAYS[key]
            first = dt.date(year, month, first_day)
            return first + dt.timedelta((weekday - first.weekday()) % 7)
    except (ValueError, OverflowError):
        return None
    return None


# --------------------------------------------------------------------------- year ranges


def year_range(first: str, second: str) -> str | None:
    """The ISO 8601 interval of years "1957-58" or "2009 to 2011" names, or ``None`` when it is no range.

    The second year must come after the first: within a century, or within ten years when it is cut to two
    digits (a season, a fiscal year, a decade: "1999-00" is 1999/2000; "2015-32" and "2016-11" are no ranges).

    >>> year_range("1957", "58"), year_range("2009", "2010"), year_range("1999", "00"), year_range("2016", "11")
    ('1957/1958', '2009/2010', '1999/2000', None)
    """
    low = int(first)
    if len(second) == 4:
        high, most = int(second), 100
    else:
        high, most = low // 100 * 100 + int(second), 10
        high += 100 if high <= low else 0
    if not low < high <= min(low + most, 9999):
        return None
    return f"{low:04d}/{high:04d}"


# --------------------------------------------------------------------------- values and intervals (TIMEX3)


def _interval(timex: str) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day a TIMEX3 value covers, with its precision; ``None`` when it is not a date.

    >>> _interval("2022-Q1")
    (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31), 'quarter')
    >>> _interval("199")[2], _interval("2021-W50")[0], _interval("2021-WI")[1]
    ('decade', datetime.date(2021, 12, 13), datetime.date(2022, 2, 28))
    >>> _interval("2009/2011"), _interval("0000-12"), _interval("10000")
    ((datetime.date(2009, 1, 1), datetime.date(2011, 12, 31), 'years'), None, None)
    """
    try:
        return _span(timex)
    except (ValueError, OverflowError):
        return None  # "0000-12" (a month before the year 1), week 53 of a year that has 52


_YEARS_VALUE = re.compile(r"(\d{4})/(\d{4})")
_VALUE = re.compile(r"(\d{2,4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI)|-W(\d\d)(-WE)?)?")


def _span(timex: str) -> tuple[dt.date, dt.date, str] | None:
    years = _YEARS_VALUE.fullmatch(timex)
    if years:  # a range of whole years, ISO 8601 interval "2009/2011" (see ``_year_span``)
        return dt.date(int(years[1]), 1, 1), dt.date(int(years[2]), 12, 31), "years"
    m = _VALUE.fullmatch(timex)
    if not m:
        return None
    digits, month, day, quarter, half, season, week, weekend = m.groups()
    if len(digits) == 2:
        return dt.date(int(digits) * 100, 1, 1), dt.date(int(digits) * 100 + 99, 12, 31), "century"
    if len(digits) == 3:
        return dt.date(int(digits) * 10, 1, 1), dt.date(int(digits) * 10 + 9, 12, 31), "decade"
    y = int(digits)
    if day:
        d = dt.date(y, int(month), int(day))
        return d, d, "day"
    if week:
        monday = dt.date.fromisocalendar(y, int(week), 1)
        if weekend:
            return monday + dt.timedelta(5), monday + dt.timedelta(6), "week"
        return monday, monday + dt.timedelta(6), "week"
    first, months, precision = 1, 12, "year"
    if month:
        first, months, precision = int(month), 1, "month"
    elif quarter:
        first, months, precision = 3 * int(quarter) - 2, 3, "quarter"
    elif half:
        first, months, precision = 6 * int(half) - 5, 6, "half"
    elif season:
        first, months, precision = SEASON_START[season], 3, "season"
    low = dt.date(y, first, 1)
    after = dt.date(y + (first + months - 1) // 12, (first + months - 1) % 12 + 1, 1)
    return low, after - dt.timedelta(1), precision


def _day(d: dt.date) -> str:
    return d.isoformat()


def _week(d: dt.date, weekend: bool = False) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def _shift_years(timex: str, years: int) -> str | None:
    """Move a value by whole years, keeping its precision ("1989-Q3" -> "1988-Q3")."""
    if not re.match(r"\d{4}(?!\d)", timex) or "-W" in timex:
        return None
    if timex[4:] == "-02-29":
        timex = timex[:4] + "-02-28"
    return f"{int(timex[:4]) + years:04d}{timex[4:]}"


def _add_months(d: dt.date, months: int) -> str:
    index = d.year * 12 + d.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _quarter(d: dt.date, shift: int = 0) -> str:
    index = d.year * 4 + (d.month - 1) // 3 + shift
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _distance(low: dt.date, high: dt.date, anchor: dt.date) -> int:
    return 0 if low <= anchor <= high else min(abs((low - anchor).days), abs((high - anchor).days))


def _pick(make: list[str], anchor: dt.date, mode: str) -> str:
    """Of one calendar name in neighbouring years, the one ``mode`` means: 'past', 'future' or 'nearest'."""
    spans = [(t, *(_interval(t) or (anchor, anchor, ""))[:2]) for t in make]
    if mode == "past":
        past = [t for t, low, high in spans if high < anchor]
        return past[-1] if past else make[0]
    if mode == "future":
        future = [t for t, low, high in spans if low > anchor]
        return future[0] if future else make[-1]
    if mode == "before":  # a past-tense clause: the latest that has begun ("was fired in July", July 20)
        begun = [t for t, low, high in spans if low <= anchor]
        return begun[-1] if begun else make[0]
    if mode == "after":  # a future clause: the first not yet over ("is expected to close in March", March 2)
        open_ = [t for t, low, high in spans if high >= anchor]
        return open_[0] if open_ else make[-1]
    return min(spans, key=lambda span: _distance(span[1], span[2], anchor))[0]


def _around(anchor: dt.date, fmt: str) -> list[str]:
    """``fmt`` (with ``{y}``) written for the years around the anchor, earliest first (years 1 to 9999 only)."""
    return [fmt.format(y=f"{y:04d}") for y in range(max(1, anchor.year - 2), min(9999, anchor.year + 1) + 1)]


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year if year else 2000, month, day)
    except ValueError:
        return False
    return True
