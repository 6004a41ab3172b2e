"""Find date mentions in news text and resolve them against the publication date.

One regular expression (built from the word tables in ``_datewords.py``) finds the candidates in a single
pass; a resolver per kind of mention turns each into a TIMEX3-style value (TimeML conventions, as annotated
in TimeBank and AQUAINT) and an inclusive day interval. Relative mentions ("last week", "Thursday",
"March 3") need the document's publication date (``anchor``); without it they stay unresolved.

>>> from datetime import date
>>> [(m.text, m.timex) for m in find_dates("Putin said Tuesday (14 December) that talks start next month.",
...                                          anchor=date(2021, 12, 17))]
[('Tuesday (14 December)', '2021-12-14'), ('next month', '2022-01')]
>>> m = find_dates("Friday, December 17th, 2021")[0]
>>> m.timex, m.stated_weekday, m.weekday_mismatch
('2021-12-17', 4, False)
>>> find_dates("Russia had received a proposal to start talks on January 12.")[0].timex
'XXXX-01-12'
>>> [m.timex for m in find_dates("third-quarter profit fell from a year earlier", anchor=date(1989, 10, 26))]
['1989-Q3', '1988-Q3']
>>> find_dates("Video duration 02 minutes 11 seconds; 2000 people paid $10, up 10%")
[]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from consistency.extract._datewords import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    FUTURE_CUE,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    REF_WORDS,
    SEASON_START,
    SEASONS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
    YEAR_CUES,
    alternation,
    spelled_year,
)

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date mention: where it is, its TIMEX3 value and the inclusive day interval it denotes."""

    start: int
    end: int
    text: str
    timex: str | None
    low: dt.date | None
    high: dt.date | None
    precision: str
    resolved: bool
    stated_weekday: int | None = None
    weekday_mismatch: bool = False
    note: str = ""


# --------------------------------------------------------------------------- the one regular expression


def _cased(words: list[str]) -> str:
    """Title Case and UPPER CASE forms only: "May" and "MAY" are months, "may" is a verb."""
    return alternation([w.title() for w in words] + [w.upper() for w in words])


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MON_FULL = f"(?:{_cased(_FULL_MONTHS)})"
_MON = rf"(?:{_cased(list(MONTHS))})\.?"  # before a day or a year, "Aug." and "Sept" are months
_WD = rf"(?:{_cased(list(WEEKDAYS))})"
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_NUM = rf"(?:\d{{1,3}}|{alternation(list(NUMBER_WORDS) + list(VAGUE_COUNTS))})"


def _I(alternatives: str) -> str:
    """Lower case or sentence-initial capital: "[Ll]ast|[Nn]ext" (3x faster to scan than ``(?i:...)``).

    Spaces match any run of whitespace: an editor's bracket read as a blank ("the [next] year") leaves two.

    >>> _I("last|next week")
    '(?:[Ll]ast|[Nn]ext\\\\s+week)'
    """
    cased = re.sub(r"(^|\|)([a-z])", lambda m: f"{m[1]}[{m[2].upper()}{m[2]}]", alternatives)
    return "(?:" + cased.replace(" ", r"\s+") + ")"


_SPELLED = (
    rf"(?:{_I('eighteen|nineteen|twenty')}[\s-]+(?:{'|'.join(TEEN_WORDS)}|(?:{'|'.join(TENS_WORDS)})(?:-(?:{'|'.join(UNIT_WORDS)}))?)"
    rf"|{_I('two')}\s+thousand(?:\s+(?:and\s+)?(?:{'|'.join(UNIT_WORDS)}))?)(?![\w-])"
)
_QUARTER_ADJ = (
    "year-ago|year-earlier|year earlier|latest|current|previous|past|comparable|corresponding|same|just-ended"
    "|fiscal|calendar"
)
_AGO = "ago|earlier|later|from now|hence|back|before(?=[,.;:)]|$)|after(?=[,.;:)]|$)"
_REL = (
    "this past|this coming|the past|the coming|the previous|the following|the next|the same|the current"
    "|the latest|the last|the|last|next|this|that|current|same|past|coming"
)
_WD_REL = "last|next|this past|this coming|this|the previous|the following|coming"
_YEAR_END = "year-end|year end|year's end"

_PATTERNS = [
    # 2021-12-17 and 12/17/2021
    rf"(?P<iso>(?<![\d-])(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])(?![\d-]))",
    r"(?P<num>(?<![\d/.$])(?P<num_m>0?[1-9]|1[0-2])/(?P<num_d>0?[1-9]|[12]\d|3[01])/"
    r"(?P<num_y>(?:19|20)\d\d|\d\d)(?![\d/]))",
    # Friday, March 5th, 2004 / Tuesday (2 March) / March 5th, 2004 / 5 March 2004 / Aug. 7
    rf"(?P<md>(?:(?P<md_wd>{_WD}|{_WD_ABBR}),?\s+(?P<md_p>\(\s*)?)?"
    rf"(?:(?P<md_m>{_MON})\s*(?P<md_d>{_DAY})|(?<![\d,.$])(?:the\s+)?(?P<md_d2>{_DAY})\s+(?:of\s+)?(?P<md_m2>{_MON}))"
    rf"(?:,?\s+(?P<md_y>{_YEAR}))?(?(md_p)\s*\)))",
    # June 2004
    rf"(?P<my>(?P<my_m>{_MON}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}|{_SPELLED}))",
    rf"(?P<sp>(?:{_I('the year')}\s+)?(?P<sp_y>{_SPELLED}))",
    # Q3 2021, H1 2022
    rf"(?P<qh>(?<![\w-])(?P<qh_k>[QH])(?P<qh_n>[1-4])(?:\s+(?P<qh_y>{_YEAR}))?(?![\w-]))",
    # the third quarter of 1990 / third-quarter / the year-ago quarter / the latest period
    rf"(?P<q>(?:(?P<q_det>{_I('the|this|that|its|their|last|next|a|each')})\s+)?"
    rf"(?:(?P<q_y>{_YEAR})\s+|(?P<q_ry>{_I('this|last|next')})\s+year's\s+)?"
    rf"(?P<q_adj>(?:{_I(_QUARTER_ADJ)}[\s-]+)*)"
    rf"(?:(?P<q_o>{_I('first|second|third|fourth|final|last|1st|2nd|3rd|4th')})[\s-]+)?"
    rf"(?:{_I('fiscal|calendar')}[\s-]+)?(?P<q_u>{_I('quarter|period')})(?![\w-])"
    rf"(?:\s+of\s+(?:{_I('fiscal')}\s+)?(?:(?P<q_y2>{_YEAR})|(?P<q_ry2>{_I('this|last|next')})\s+year))?"
    rf"(?:\s+(?P<q_ago>{_I('a year ago|a year earlier|last year')}))?)",
    # the first half of 1998
    rf"(?P<h>(?:{_I('the|its|their')}\s+)?(?:(?P<h_y>{_YEAR})\s+|(?P<h_ry>{_I('this|last|next')})\s+year's\s+)?"
    rf"(?:{_I('fiscal')}\s+)?(?P<h_o>{_I('first|second|last|latter')})[\s-]+{_I('half')}(?![\w-])"
    rf"(?:\s+of\s+(?:{_I('fiscal')}\s+)?(?:(?P<h_y2>{_YEAR})|(?P<h_ry2>{_I('this|last|next|the')})\s+year))?)",
    # the 1960s, the late '70s, the nineties
    rf"(?P<dec>(?:{_I('the')}\s+)?(?:(?P<dec_mod>{_I('early|mid|late')})[\s-]*)?"
    rf"(?:(?P<dec_c>1[6-9]|20)(?P<dec_d>\d)0'?s|'(?P<dec_d2>\d)0s|(?P<dec_w>{_I(alternation(DECADE_WORDS))}))(?!\w))",
    rf"(?P<cen>(?:{_I('the')}\s+)?(?P<cen_n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+{_I('century')}(?!\w))",
    # a year earlier, two weeks ago, several years ago
    rf"(?P<ago>(?:{_I('nearly|almost|about|some|more than|less than|over|just|only|roughly')}\s+)?"
    rf"(?P<ago_n>{_I(_NUM)})\s+(?P<ago_u>{_I('day|week|month|quarter|year|decade')})s?(?:\s+or\s+(?:so|two))?\s+"
    rf"(?P<ago_d>{_I(_AGO)})(?!\w))",
    # year-earlier / year-ago used alone ("up from year-earlier levels")
    rf"(?P<ya>(?<![\w-]){_I('year-earlier|year-ago')}(?![\w-]))",
    # today, late yesterday, the day before yesterday
    rf"(?P<dei>(?:{_I('the day')}\s+(?P<dei_ba>{_I('before|after')})\s+)?"
    rf"(?P<dei_w>{_I('today|tonight|yesterday|tomorrow')})(?!\w))",
    # last week, this year, the following month, the past year, the weekend, year-end
    rf"(?P<rel>(?P<rel_r>{_I(_REL)})"
    rf"\s+(?:(?P<rel_f>{_I('fiscal|calendar')})\s+)?"
    rf"(?P<rel_u>{_I('weekend|week|month|year|decade|century|day|morning|afternoon|evening|night')})(?![\w-]))",
    rf"(?P<ye>(?<![\w-]){_I(_YEAR_END)}(?!\w))",
    # Christmas, last Thanksgiving
    rf"(?P<hol>(?:(?P<hol_r>{_I('last|next|this')})\s+)?"
    rf"(?P<hol_h>{_cased(list(HOLIDAYS))}|Thanksgiving(?:\s+Day)?|Election\s+Day)(?!\w))",
    # this summer, the winter of 1994, last fall
    rf"(?P<sea>(?:(?P<sea_r>{_I('this past|this coming|this|last|next|the|that|early|late|mid')})[\s-]+)?"
    rf"(?P<sea_s>{_I(alternation(SEASONS))})(?!\w)(?:\s+(?:of\s+)?(?P<sea_y>{_YEAR}|{_SPELLED}))?)",
    # last Thursday, Wednesday night
    rf"(?P<wd>(?:(?P<wd_r>{_I(_WD_REL)})\s+)?"
    rf"(?P<wd_d>{_WD})(?!\w)(?:\s+(?P<wd_t>{_I('morning|afternoon|evening|night')}))?)",
    # last November, January this year, December
    rf"(?P<mon>(?:(?P<mon_r>{_I('last|next|this past|this coming|this|early|late|mid|that')})[\s-]+)?"
    rf"(?P<mon_m>{_MON_FULL})(?!\w)(?!\.?,?\s+(?:of\s+)?{_YEAR}|\.?\s*{_DAY})(?:\s+(?P<mon_t>{_I('this|last|next')})\s+year)?)",
    rf"(?P<fis>{_I('fiscal')}\s+(?P<fis_y>{_YEAR}|'\d\d))",
    # recent years, the near future, now
    rf"(?P<refu>(?P<refu_w>{_I('recent|past|previous|prior|coming|future|upcoming')})\s+(?:{_I('few|several')}\s+)?"
    rf"{_I('days|weeks|months|quarters|years|decades')}(?!\w))",
    rf"(?P<ref>(?<![\w-])(?P<ref_w>{_I(alternation(REF_WORDS))})(?![\w-]))",
    # 1987, in 2014 (context is checked in _year)
    rf"(?P<yr>(?<![\w$£€.,/])(?<!\d-)(?P<yr_y>{_YEAR})(?![\w-]|[.,]\d|\s*(?:percent|per\s+cent)))",
]
_MOD = (
    rf"(?P<mod>(?:{_I('the')}\s+)?(?:very\s+)?(?:{_I('beginning|start|middle|end')}\s+of\s+"
    rf"|{_I('early|late|mid|earlier|later')}(?:\s+in)?(?:\s*-\s*|\s+)))?"
)
_DATE_RE = re.compile(rf"(?<!\w){_MOD}(?:{'|'.join(_PATTERNS)})")
_KINDS = {p[4 : p.index(">")] for p in _PATTERNS}
# Every pattern holds a digit or one of these words: the big expression only runs in windows around
# them. Finding them is one cheap tokenising pass, and most of a news text is never seen by the big one.
_TRIGGER_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, *SEASONS, *DECADE_WORDS, *UNITS, *(w + "s" for w in UNITS)]
    + [phrase.split()[-1] for phrase in (*REF_WORDS, *HOLIDAYS)]
    + [
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "quarters",
        "period",
        "periods",
        "upcoming",
        "prior",
        "previous",
        "decades",
        "centuries",
        "morning",
        "afternoon",
        "evening",
        "night",
        "thanksgiving",
        "election",
        "fiscal",
        "soon",
        "current",
        "recent",
        "coming",
        "eighteen",
        "nineteen",
        "twenty",
        "thousand",
    ]
)
# Numbers trigger only when they can be part of a date: a four-digit run (not "1,500" nor "3.25"),
# a numeric date "12/17/..." or a decade "'80s"; month names and counting words trigger the rest.
_TOKEN = re.compile(r"[a-z]+|(?<![\d.,$])\d{4}(?!\d|[.,]\d)|\d{1,2}/\d|'\d0s")
_BEFORE, _AFTER = 48, 32

# --------------------------------------------------------------------------- values and intervals


def _interval(timex: str) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day a TIMEX3 value covers, with its precision; ``None`` when it is not a date.

    >>> _interval("2022-Q1")
    (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31), 'quarter')
    >>> _interval("199")[2], _interval("2021-W50")[0], _interval("2021-WI")[1]
    ('decade', datetime.date(2021, 12, 13), datetime.date(2022, 2, 28))
    """
    m = re.fullmatch(r"(\d{2,4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI)|-W(\d\d)(-WE)?)?", timex)
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


def _distance(timex: str, anchor: dt.date) -> int:
    span = _interval(timex)
    assert span is not None
    low, high, _ = span
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
    return min(make, key=lambda t: _distance(t, anchor))


def _around(anchor: dt.date, fmt: str) -> list[str]:
    """``fmt`` (with ``{y}``) written for the years around the anchor, earliest first."""
    return [fmt.format(y=f"{y:04d}") for y in range(anchor.year - 2, anchor.year + 2)]


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year if year else 2000, month, day)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- resolution

_MODE = {
    "last": "past", "this past": "past", "past": "past", "the previous": "past",
    "next": "future", "this coming": "future", "coming": "future", "the following": "future",
}  # fmt: skip
_STEP = {
    "last": -1, "the past": -1, "the last": -1, "past": -1, "this past": -1, "the previous": -1,
    "next": 1, "the next": 1, "the coming": 1, "coming": 1, "this coming": 1, "the following": 1,
}  # fmt: skip
_PART = {"beginning": "early", "start": "early", "early": "early", "middle": "mid", "mid": "mid",
         "end": "late", "late": "late", "earlier": "earlier", "later": "later"}  # fmt: skip


@dataclass
class _Context:
    """What resolution needs beyond the match: the anchor, the text and the last calendar reference."""

    text: str
    anchor: dt.date | None
    last: str | None = None  # the last explicit value, for "a year earlier", "the same quarter"
    last_end: int = -10_000

    def recent(self, start: int, *precisions: str) -> str | None:
        if self.last is None or start - self.last_end > 400:
            return None
        span = _interval(self.last)
        return self.last if span and span[2] in precisions else None

    def future(self, start: int) -> bool:
        """Does the clause before ``start`` point forward ("will meet", "is scheduled")?"""
        left = self.text[max(0, start - 80) : start]
        left = re.split(r"[.!?;]\s", left)[-1]
        return FUTURE_CUE.search(left) is not None


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


_Resolved = tuple[str | None, str]  # (timex, note)
_NO_ANCHOR = "no publication date to resolve {!r}"


def _resolve(kind: str, g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """The TIMEX3 value of one match, or ``None`` to drop it (a year without date context, "a quarter of")."""
    a = ctx.anchor
    if kind in ("iso", "num"):
        y, mo, d = int(g[kind + "_y"] or 0), int(g[kind + "_m"] or 0), int(g[kind + "_d"] or 0)
        if y < 100:
            y += 1900 if y > 30 else 2000
        return (f"{y:04d}-{mo:02d}-{d:02d}", "") if _valid_day(y, mo, d) else None
    if kind == "md":
        mo = MONTHS[_norm(g["md_m"] or g["md_m2"]).rstrip(".")]
        d = int(re.sub(r"\D", "", g["md_d"] or g["md_d2"] or ""))
        if g["md_y"]:
            return (f"{g['md_y']}-{mo:02d}-{d:02d}", "") if _valid_day(int(g["md_y"]), mo, d) else None
        if not _valid_day(0, mo, d):
            return None
        if a is None:
            return f"XXXX-{mo:02d}-{d:02d}", _NO_ANCHOR.format(surface)
        mode = "future" if ctx.future(start) else "nearest"
        options = [t for t in _around(a, f"{{y}}-{mo:02d}-{d:02d}") if _valid_day(int(t[:4]), mo, d)]
        return _pick(options, a, mode), ""
    if kind == "my":
        return f"{_year_value(g['my_y'])}-{MONTHS[_norm(g['my_m']).rstrip('.')]:02d}", ""
    if kind == "sp":
        bare = not _norm(surface).startswith("the year")
        if _norm(g["sp_y"]).startswith("two") and bare and not _after_preposition(ctx, start):
            return None  # "two thousand people"; "the year two thousand" and "in two thousand" are years
        year = spelled_year(g["sp_y"] or "")
        return (f"{year:04d}", "") if year else None
    if kind == "mon":
        word, rel = _norm(g["mon_m"]), _norm(g["mon_r"])
        if word in AMBIGUOUS_MONTHS and not (rel or g["mon_t"] or g["mod"] or _after_preposition(ctx, start)):
            return None  # "we may", "they march"
        mo = MONTHS[word]
        if g["mon_t"]:
            if a is None:
                return None, _NO_ANCHOR.format(surface)
            return f"{a.year + {'last': -1, 'this': 0, 'next': 1}[_norm(g['mon_t'])]:04d}-{mo:02d}", ""
        if a is None:
            return f"XXXX-{mo:02d}", _NO_ANCHOR.format(surface)
        mode = _MODE.get(rel) or ("future" if ctx.future(start) else "nearest")
        if rel == "this":
            mode = "nearest"
        return _pick(_around(a, f"{{y}}-{mo:02d}"), a, mode), ""
    if kind == "fis":
        fy = g["fis_y"] or ""
        return (fy if len(fy) == 4 else ("19" if int(fy[1:]) > 30 else "20") + fy[1:]), ""
    if kind == "yr":
        return _year(g["yr_y"] or "", ctx, start, surface)
    if kind == "qh":
        k, qn, qy = g["qh_k"] or "", g["qh_n"] or "", g["qh_y"]
        if k == "H" and (not qy or qn not in "12"):
            return None
        if qy:
            return f"{qy}-{k}{qn}", ""
        return (
            (_pick(_around(a, f"{{y}}-Q{qn}"), a, "nearest"), "") if a else (f"XXXX-Q{qn}", _NO_ANCHOR.format(surface))
        )
    if kind in ("q", "h"):
        return _part_of_year(kind, g, ctx, start, surface)
    if kind == "dec":
        if g["dec_w"] and not surface.lower().startswith("the"):
            return None  # "in his sixties" is an age
        if g["dec_c"]:
            return f"{g['dec_c']}{g['dec_d']}", ""
        digit = int(g["dec_d2"] or DECADE_WORDS[_norm(g["dec_w"])])
        century = 19 if a is None or a.year < 2000 + digit * 10 else 20
        return f"{century}{digit}", ""
    if kind == "cen":
        cn = int(g["cen_n"] or 0)
        return (f"{cn - 1:02d}", "") if 10 <= cn <= 21 else None
    if kind == "sea":
        return _season(g, ctx, start, surface)
    if kind == "hol":
        return _holiday(g, ctx, surface)
    if kind in ("ref", "refu"):
        if kind == "refu":
            word = _norm(g["refu_w"])
            return ("FUTURE_REF" if word in ("coming", "future", "upcoming") else "PAST_REF"), ""
        return REF_WORDS[_norm(g["ref_w"])], ""
    return _relative(kind, g, ctx, start, surface)


_PREPOSITION = re.compile(r"\b(?:in|since|by|until|till|from|during|of|through|before|after|for)\s+$", re.IGNORECASE)


def _after_preposition(ctx: _Context, start: int) -> bool:
    """ "in May", "since spring": a temporal preposition right before the word."""
    return _PREPOSITION.search(ctx.text, max(0, start - 8), start) is not None


def _year(y: str, ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """A bare four-digit number is a year only in date context: "in 2014", "a 1987 treaty", "1997's"."""
    before = ctx.text[max(0, start - 30) : start]
    after = ctx.text[start + len(surface) : start + len(surface) + 12]
    words = re.findall(r"[\w']+", before.lower())
    prev = words[-1] if words else ""
    if (
        prev in YEAR_CUES
        or prev.endswith("'s")
        or after.startswith(("'s", "'", ")"))
        or re.search(r"[(\-–]\s*$", before)
    ):
        return y, ""
    if re.search(r"\d{4}(?:,|\W+(?:and|or|to|through|than))\s*$", before):
        return y, ""  # 1988 and 1989
    if re.match(r"\s*(?:,\s*)?(?:was|is|will|had|has|saw)\b", after) and re.search(r"(?:^|[.!?]\s+)$", before):
        return y, ""  # 1998 was a record year
    return None


def _year_value(words: str | None) -> str:
    """ "1994" or "nineteen ninety-four" as "1994"."""
    return words if words and words.isdigit() else f"{spelled_year(words or '') or 0:04d}"


def _part_of_year(kind: str, g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """Quarters and halves: "the third quarter", "the year-ago quarter", "the first half of 1998"."""
    a = ctx.anchor
    key = "Q" if kind == "q" else "H"
    det, adj, order = _norm(g.get("q_det")), _norm(g.get("q_adj")).replace("-", " "), _norm(g[kind + "_o"])
    year = g[kind + "_y"] or g[kind + "_y2"]
    rel = _norm(g[kind + "_ry"] or g[kind + "_ry2"])
    unit = _norm(g.get("q_u")) or "half"
    ago = "year ago" in adj or "year earlier" in adj or bool(g.get("q_ago"))
    if kind == "q":
        if (det in ("each", "a") and not order) or (unit == "period" and not (adj or year)):
            return None  # "each quarter" recurs, "a quarter of the vote" is a share, "the period" is vague
        if not (order or det or adj or year):
            return None
        if re.match(r"\s+of\s+(?:an?|the)\b", ctx.text[start + len(surface) : start + len(surface) + 8]):
            return None
    elif not (year or rel):
        return None  # "the second half" of a game
    n = None
    if order and not (order == "last" and det == "the" and kind == "q" and not year):
        n = ORDINALS[order] if kind == "q" else (1 if order == "first" else 2)
    if year and n:
        value = f"{year}-{key}{n}"
    elif a is None:
        return (f"XXXX-{key}{n}" if n else None), _NO_ANCHOR.format(surface)
    elif rel and n:
        value = f"{a.year + {'last': -1, 'this': 0, 'next': 1, 'the': 0}[rel]:04d}-{key}{n}"
    elif n:
        value = _pick(_around(a, f"{{y}}-{key}{n}"), a, "nearest")
    elif kind == "h":
        return None
    elif "current" in adj or det == "this":
        value = _quarter(a)
    elif det == "next":
        value = _quarter(a, 1)
    elif det == "last" or "previous" in adj or "past" in adj or order == "last":
        value = _quarter(a, -1)
    else:  # "the quarter", "the latest period": the quarter being reported on
        value = ctx.recent(start, "quarter") or _quarter(a, -1)
        if year:
            value = f"{year}{value[4:]}"
    if ago:
        value = _shift_years(value, -1) or value
    return value, ""


def _season(g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    code, rel, a = SEASONS[_norm(g["sea_s"])], _norm(g["sea_r"]), ctx.anchor
    if g["sea_y"]:
        return f"{_year_value(g['sea_y'])}-{code}", ""
    if not (rel or g["mod"] or (code != "FA" and _after_preposition(ctx, start))):
        return None  # "fall" is a verb, "spring" a noun: a season needs "this", "last", "in the" ...
    if a is None:
        return f"XXXX-{code}", _NO_ANCHOR.format(surface)
    mode = _MODE.get(rel, "nearest")
    if rel in ("this", "the"):
        mode = "nearest"
    return _pick(_around(a, f"{{y}}-{code}"), a, mode), ""


def _holiday(g: dict[str, str | None], ctx: _Context, surface: str) -> _Resolved | None:
    name, a = _norm(g["hol_h"]), ctx.anchor
    if a is None:
        return None, _NO_ANCHOR.format(surface)
    options = []
    for y in range(a.year - 1, a.year + 2):
        if name in HOLIDAYS:
            mo, d = HOLIDAYS[name]
            options.append(dt.date(y, mo, d))
        elif name.startswith("thanksgiving"):
            first = dt.date(y, 11, 1)
            options.append(first + dt.timedelta((3 - first.weekday()) % 7 + 21))
        else:  # Election Day (US): the Tuesday after the first Monday of November
            first = dt.date(y, 11, 2)
            options.append(first + dt.timedelta((1 - first.weekday()) % 7))
    return _pick([_day(d) for d in options], a, _MODE.get(_norm(g["hol_r"]), "nearest")), ""


def _relative(kind: str, g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """Mentions counted from the anchor or the last date mentioned: weekdays, "last week", "a year ago"."""
    a = ctx.anchor
    if kind == "ago" or kind == "ya":
        n_word = _norm(g.get("ago_n")) or "a"
        unit = _norm(g.get("ago_u")) or "year"
        direction = _norm(g.get("ago_d")) or "earlier"
        back = direction not in ("later", "from now", "hence", "after")
        if n_word in VAGUE_COUNTS:
            return ("PAST_REF" if back else "FUTURE_REF"), ""
        n = int(n_word) if n_word.isdigit() else NUMBER_WORDS[n_word]
        n = -n if back else n
        from_anchor = direction in ("ago", "from now", "hence", "back")
        fine = ctx.recent(start, "quarter", "month", "half", "season", "year", "day")
        if unit == "year" and fine and not (from_anchor and fine[:4] != f"{a.year if a else 0:04d}"):
            return _shift_years(fine, n), ""  # "third-quarter profit ... a year earlier": 1988-Q3
        base = a if from_anchor or not fine else (_interval(fine) or (a, a, ""))[0]
        if base is None:
            return None, _NO_ANCHOR.format(surface)
        if unit == "day":
            return _day(base + dt.timedelta(n)), ""
        if unit == "week":
            return _week(base + dt.timedelta(7 * n)), ""
        if unit == "month":
            return _add_months(base, n), ""
        if unit == "quarter":
            return _quarter(base, n), ""
        return f"{base.year + n * (10 if unit == 'decade' else 1):04d}", ""
    if kind == "ye":
        return (f"{a.year:04d}", "") if a else (None, _NO_ANCHOR.format(surface))
    if kind == "dei":
        if a is None:
            return None, _NO_ANCHOR.format(surface)
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[_norm(g["dei_w"])]
        shift += {"before": -1, "after": 1, "": 0}[_norm(g["dei_ba"])]
        return _day(a + dt.timedelta(shift)), ""
    if kind == "wd":
        wd, rel = WEEKDAYS[_norm(g["wd_d"])], _norm(g["wd_r"])
        if a is None:
            return f"XXXX-WXX-{wd + 1}", _NO_ANCHOR.format(surface)
        mode = _MODE.get(rel) or ("future" if ctx.future(start) else "past")
        if rel == "this":
            return _day(a + dt.timedelta(wd - a.weekday())), ""
        if mode == "future":
            return _day(a + dt.timedelta((wd - a.weekday()) % 7 or (7 if rel else 0))), ""
        return _day(a - dt.timedelta((a.weekday() - wd) % 7 or (7 if rel else 0))), ""
    # kind == "rel": this/last/next/the ... week, month, year
    rel, unit = _norm(g["rel_r"]), _norm(g["rel_u"])
    if rel == "the" and unit != "weekend" and not g["mod"]:
        return None  # "the year" alone is mostly "for the year" (a duration); "the end of the year" is a date
    if rel in ("the", "same", "current") and unit in (
        "day",
        "morning",
        "afternoon",
        "evening",
        "night",
        "century",
    ):
        return None  # "the day", "the night": too vague to date
    if a is None:
        return None, _NO_ANCHOR.format(surface)
    step = _STEP.get(rel, 0)
    anaphoric = rel in ("that", "the same", "same", "the previous", "the following") or (
        rel == "the next" and unit not in ("week", "month", "year")
    )
    base = a
    if anaphoric:
        last = ctx.recent(start, "day", "month", "year", "quarter", "week")
        if last is None:
            return None, f"no earlier date to resolve {surface!r}"
        base = (_interval(last) or (a, a, ""))[0]
    prec = UNITS.get(unit, "day")
    if prec == "day":
        if unit == "night" and rel == "last":
            step = -1
        return _day(base + dt.timedelta(step)), ""
    if unit == "weekend":
        if step == 0 and a.weekday() < 5 and not ctx.future(start):
            step = -1
        return _week(base + dt.timedelta(7 * step), weekend=True), ""
    if prec == "week":
        return _week(base + dt.timedelta(7 * step)), ""
    if prec == "month":
        return _add_months(base, step), ""
    if prec == "decade":
        return f"{(base.year + 10 * step) // 10:03d}", ""
    if prec == "century":
        return f"{(base.year + 100 * step) // 100:02d}", ""
    return f"{base.year + step:04d}", ""


def _weekday(word: str | None) -> int | None:
    """Monday = 0 for a weekday name or its abbreviation ("Tues.")."""
    key = _norm(word).rstrip(".")[:3]
    return next((v for k, v in WEEKDAYS.items() if key and k.startswith(key)), None)


def _narrow(low: dt.date, high: dt.date, part: str, anchor: dt.date | None) -> tuple[dt.date, dt.date]:
    """Early / mid / late thirds of an interval; "earlier" and "later" cut it at the anchor."""
    days = (high - low).days + 1
    if days < 3:
        return low, high
    third = days // 3
    if part == "early":
        return low, low + dt.timedelta(third - 1)
    if part == "mid":
        return low + dt.timedelta(third), high - dt.timedelta(third)
    if part == "late":
        return high - dt.timedelta(third - 1), high
    if anchor and low < anchor <= high and part == "earlier":
        return low, anchor - dt.timedelta(1)
    if anchor and low <= anchor < high and part == "later":
        return anchor + dt.timedelta(1), high
    return low, high


# Mentions that name their own time; a later "a year earlier" or "the quarter" counts from them.
_CONTEXT_KINDS = frozenset({"iso", "num", "md", "my", "sp", "mon", "qh", "q", "h", "fis", "yr", "sea", "dec"})


_WEEK_OF = re.compile(r"\b[Tt]he\s+week\s+of\s+$")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around the trigger words, where a date can be."""
    spans: list[tuple[int, int]] = []
    for t in _TOKEN.finditer(text.lower()):
        if t.group() not in _TRIGGER_WORDS and t.group().isalpha():
            continue
        lo, hi = max(0, t.start() - _BEFORE), t.end() + _AFTER
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _matches(text: str) -> Iterator[re.Match[str]]:
    for lo, hi in _windows(text):
        yield from _DATE_RE.finditer(text, lo, min(hi, len(text)))


_EDITORIAL_BRACKETS = str.maketrans("[]", "  ")


def find_dates(text: str, anchor: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, sorted and non-overlapping, resolved against ``anchor`` (the DCT).

    >>> from datetime import date
    >>> [(m.text, m.timex) for m in find_dates(
    ...     "The 1972 treaty was drafted in the 1960s? No: in June 1970, and talks resume early next year.",
    ...     anchor=date(2021, 12, 17))]
    [('1972', '1972'), ('the 1960s', '196'), ('June 1970', '1970-06'), ('early next year', '2022')]
    >>> m = find_dates("And Putin said - last Thursday - that", anchor=date(2021, 12, 20))[0]
    >>> m.timex, m.low, m.precision
    ('2021-12-16', datetime.date(2021, 12, 16), 'day')
    >>> m = find_dates("mid-December")[0]
    >>> m.timex, m.resolved, m.note
    ('XXXX-12', False, "no publication date to resolve 'December'")
    """
    # Editors' square brackets inside quotes ("from the beginning of the [next] year", seeds/004) are read as
    # blanks, so the words they hold are matched as part of the phrase; spans still index the original text.
    text_in = text
    text = text.translate(_EDITORIAL_BRACKETS)
    ctx = _Context(text, anchor)
    found: list[DateMention] = []
    for match in _matches(text):
        kind = match.lastgroup
        if kind not in _KINDS:
            continue
        groups = match.groupdict()
        core_start = match.start(kind)
        resolved = _resolve(kind, groups, ctx, core_start, match.group(kind))
        if resolved is None:
            continue
        timex, note = resolved
        begin = match.start()
        week_of = _WEEK_OF.search(text, max(0, begin - 16), begin)
        if week_of and timex and re.fullmatch(r"\d{4}-\d\d-\d\d", timex):  # "the week of March 6"
            begin, timex = week_of.start(), _week(dt.date.fromisoformat(timex))
        span = _interval(timex) if timex else None
        low, high, precision = span if span else (None, None, "ref" if timex and "REF" in timex else "partial")
        part = _PART.get(re.sub(r"^(?:the\s+)?(?:very\s+)?|[\s-].*$", "", _norm(groups["mod"])), "")
        if part and low and high:
            low, high = _narrow(low, high, part, anchor)
        stated = _weekday(groups["md_wd"]) if kind == "md" else None
        mismatch = bool(stated is not None and low and high == low and low.weekday() != stated)
        found.append(DateMention(begin, match.end(), text_in[begin : match.end()], timex, low, high, precision,
                                 low is not None, stated, mismatch, note))  # fmt: skip
        if span and kind in _CONTEXT_KINDS and not re.search(r"year|ago", _norm(groups["q_adj"] or groups["q_ago"])):
            ctx.last, ctx.last_end = timex, match.end()
    return found
