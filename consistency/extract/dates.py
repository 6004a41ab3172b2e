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

A bare month or day reads the tense of its clause: past verbs point back, future cues forward
(``_dateresolve.tense``); a range of years is one mention valued as an ISO 8601 interval:

>>> jan = date(2011, 1, 20)
>>> [m.timex for m in find_dates("On April 2, the gunman opened fire. He was fired in July.", anchor=jan)]
['2010-04-02', '2010-07']
>>> [m.timex for m in find_dates("The vote was postponed until Saturday; talks resume in April.", anchor=jan)]
['2011-01-22', '2011-04']
>>> [(m.text, m.timex, m.precision) for m in find_dates("in the 2009-10 season", anchor=jan)]
[('2009-10', '2009/2010', 'years')]
>>> [m.text for m in find_dates("USA Today said Theresa May spoke on Good Friday.", anchor=jan)]
['Good Friday']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from consistency.extract._dateresolve import (
    _add_months,
    _around,
    _day,
    _interval,
    _pick,
    _quarter,
    _shift_years,
    _valid_day,
    _week,
    attributive,
    holiday,
    inside_name,
    tense,
    year_range,
)
from consistency.extract._datewords import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    EASTER_OFFSETS,
    HOLIDAYS,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    NUMBER_WORDS,
    ORDINALS,
    REF_WORDS,
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
from consistency.extract._prefilter import first_chars

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
# "New Year's Day", "Valentine's Day" (str.title() would write "Year'S"); either apostrophe.
_HOLIDAY_NAMES = alternation(
    " ".join(w[:1].upper() + w[1:] for w in name.split())
    for name in (*HOLIDAYS, *EASTER_OFFSETS, *NTH_WEEKDAY_HOLIDAYS)
).replace("'", "['’]")

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
    rf"(?P<hol_h>{_HOLIDAY_NAMES})(?!\w)(?:,?\s+(?P<hol_y>{_YEAR}))?)",
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
    # 1957-58, 2009–2010, from 2009 to 2011 (context is checked in _year_span)
    rf"(?P<yrr>(?:(?<![\w$£€.,/-])(?P<yrr_a>{_YEAR})\s*[-–]\s*(?P<yrr_b>{_YEAR}|\d\d(?![\d%]))"
    rf"|(?<=[Ff]rom\s)(?P<yrr_c>{_YEAR})\s+(?:to|through|until|till)\s+(?P<yrr_d>{_YEAR}))"
    r"(?![\w-]|[.,:/]\d|\s*(?:percent|per\s+cent)))",
    # 1987, in 2014 (context is checked in _year)
    rf"(?P<yr>(?<![\w$£€.,/])(?<!\d-)(?P<yr_y>{_YEAR})(?![\w-]|[.,]\d|\s*(?:percent|per\s+cent)))",
]
_MOD = (
    rf"(?P<mod>(?:{_I('the')}\s+)?(?:very\s+)?(?:{_I('beginning|start|middle|end')}\s+of\s+"
    rf"|{_I('early|late|mid|earlier|later')}(?:\s+in)?(?:\s*-\s*|\s+)))?"
)
_DATE_BODY = rf"{_MOD}(?:{'|'.join(_PATTERNS)})"
# The first characters a date can start with (six of them: "the " starts many dates, "the u" none), read off the
# pattern itself (``_prefilter.py``): a lookahead that refuses most word starts ("police", "said", "the other")
# before the engine tries each of the alternatives there.
_DATE_RE = re.compile(rf"(?<!\w){first_chars(_DATE_BODY, 6)}{_DATE_BODY}")
_KINDS = {p[4 : p.index(">")] for p in _PATTERNS}
# Every pattern holds a digit or one of these words: the big expression only runs in windows around
# them. Finding them is one cheap tokenising pass, and most of a news text is never seen by the big one.
_TRIGGER_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, *SEASONS, *DECADE_WORDS, *UNITS, *(w + "s" for w in UNITS)]
    + [phrase.split()[-1] for phrase in (*REF_WORDS, *HOLIDAYS, *EASTER_OFFSETS, *NTH_WEEKDAY_HOLIDAYS)]
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

    def tense(self, start: int, surface: str) -> str:
        """'future', 'past' or '': which way the clause around the mention points (see ``_dateresolve.tense``)."""
        return tense(self.text, start, start + len(surface), weekday=surface[:3].lower() in _WEEKDAY_STARTS)

    def mode(self, start: int, surface: str) -> str:
        """How to pick a bare month or day among the years: after the anchor, before it or the nearest."""
        return {"future": "after", "past": "before"}.get(self.tense(start, surface), "nearest")


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


_Resolved = tuple[str | None, str]  # (timex, note)
_WEEKDAY_STARTS = frozenset(w[:3] for w in WEEKDAYS)
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
        d = int(_NOT_DIGIT.sub("", g["md_d"] or g["md_d2"] or ""))
        if g["md_y"]:
            return (f"{g['md_y']}-{mo:02d}-{d:02d}", "") if _valid_day(int(g["md_y"]), mo, d) else None
        if not _valid_day(0, mo, d):
            return None
        if a is None:
            return f"XXXX-{mo:02d}-{d:02d}", _NO_ANCHOR.format(surface)
        mode = ctx.mode(start, surface)
        options = [t for t in _around(a, f"{{y}}-{mo:02d}-{d:02d}") if _valid_day(int(t[:4]), mo, d)]
        if not options:  # "February 29" with no leap year among the years around 1900 or 2100
            return f"XXXX-{mo:02d}-{d:02d}", f"no leap year near the publication date to resolve {surface!r}"
        stated = _weekday(g["md_wd"]) if g["md_wd"] else None
        fits = [t for t in options if dt.date.fromisoformat(t).weekday() == stated]
        if len(fits) == 1:  # "on Saturday, April 25" (NYT19980424.0421): the year that day was a Saturday
            return fits[0], ""
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
        if not (rel or g["mod"]) and inside_name(ctx.text, start, g["mon_m"] or ""):
            return None  # "Prime Minister Theresa May", "Brian May"
        mo = MONTHS[word]
        if g["mon_t"]:
            if a is None:
                return None, _NO_ANCHOR.format(surface)
            return f"{a.year + {'last': -1, 'this': 0, 'next': 1}[_norm(g['mon_t'])]:04d}-{mo:02d}", ""
        if a is None:
            return f"XXXX-{mo:02d}", _NO_ANCHOR.format(surface)
        mode = _MODE.get(rel) or ctx.mode(start, surface)
        if rel == "this":
            mode = "nearest"
        return _pick(_around(a, f"{{y}}-{mo:02d}"), a, mode), ""
    if kind == "fis":
        fy = g["fis_y"] or ""
        return (fy if len(fy) == 4 else ("19" if int(fy[1:]) > 30 else "20") + fy[1:]), ""
    if kind == "yrr":
        return _year_span(g, ctx, start, surface)
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
        return _holiday(g, ctx, start, surface)
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


def _year_span(g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """A range of years, one mention valued as the ISO 8601 interval "2009/2011" (precision "years").

    "from 2009 to 2011" always; "1957-58" (the second year cut to two digits, as for seasons and fiscal years)
    always; "2009-2011" needs a year cue before it ("in", "the", "from") or a season after it, like a bare year:
    "from 1983-2005" (ecbplus 41_10ecbplus).
    """
    if g["yrr_c"]:
        return year_range(g["yrr_c"], g["yrr_d"] or ""), ""
    second = g["yrr_b"] or ""
    value = year_range(g["yrr_a"] or "", second)
    if value is None:
        return None
    if len(second) == 4 and _year(g["yrr_a"] or "", ctx, start, surface) is None:
        return None
    return value, ""


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
    mode = _MODE.get(rel) or ("nearest" if rel == "this" else ctx.mode(start, surface))
    return _pick(_around(a, f"{{y}}-{code}"), a, mode), ""


def _holiday(g: dict[str, str | None], ctx: _Context, start: int, surface: str) -> _Resolved | None:
    """Christmas, Good Friday, Thanksgiving: the day in the year named, or the nearest to the anchor that fits.

    A name that modifies a noun ("an office Christmas party", ecbplus 18_12ecb) or that another word qualifies
    ("Orthodox Easter", "Chinese New Year's") is not the day: left out rather than guessed.
    """
    name, a = _norm(g["hol_h"]).replace("’", "'"), ctx.anchor
    end = start + len(surface)
    if not g["hol_r"] and (attributive(ctx.text, end) or inside_name(ctx.text, start, "Easter")):
        return None
    if g["hol_y"]:
        day = holiday(name, int(g["hol_y"]))
        return (_day(day), "") if day else None
    if a is None:
        return None, _NO_ANCHOR.format(surface)
    options = [d for d in (holiday(name, y) for y in range(max(1, a.year - 1), min(9999, a.year + 1) + 1)) if d]
    if not options:
        return None
    rel = _norm(g["hol_r"])
    mode = _MODE.get(rel) or ("nearest" if rel == "this" else ctx.mode(start, surface))
    return _pick([_day(d) for d in options], a, mode), ""


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
        # "third-quarter profit ... a year earlier" (or "a year ago" in the anchor's year): 1988-Q3. A day is
        # never the period "ago" counts back from: "the speech on March 5, 1946 ... almost four years ago".
        day = (_interval(fine) or (None, None, ""))[2] == "day" if fine else False
        if unit == "year" and fine and not (from_anchor and (fine[:4] != f"{a.year if a else 0:04d}" or day)):
            return _shift_years(fine, n), ""
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
        word = g["dei_w"] or ""
        at = start + len(surface) - len(word)
        possessive = ctx.text[at + len(word) : at + len(word) + 2]
        if inside_name(ctx.text, at, word + possessive if possessive in ("'s", "’s") else word):
            return None  # "USA Today", "NBC's Today show", "Today's Zaman"
        if a is None:
            return None, _NO_ANCHOR.format(surface)
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[_norm(g["dei_w"])]
        shift += {"before": -1, "after": 1, "": 0}[_norm(g["dei_ba"])]
        return _day(a + dt.timedelta(shift)), ""
    if kind == "wd":
        wd, rel = WEEKDAYS[_norm(g["wd_d"])], _norm(g["wd_r"])
        if a is None:
            return f"XXXX-WXX-{wd + 1}", _NO_ANCHOR.format(surface)
        mode = _MODE.get(rel) or ("future" if ctx.tense(start, surface) == "future" else "past")
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
        if step == 0 and a.weekday() < 5 and ctx.tense(start, surface) != "future":
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
# Compiled once (each runs for every date mention, for every publication date a text is read against).
_MOD_EXTRAS = re.compile(r"^(?:the\s+)?(?:very\s+)?|[\s-].*$")  # "the very end of" -> "end"
_YEAR_AGO = re.compile(r"year|ago")
_NOT_DIGIT = re.compile(r"\D")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around the trigger words, where a date can be."""
    spans: list[tuple[int, int]] = []
    for t in _TOKEN.finditer(text.lower()):
        word = t.group()
        if word.isalpha() and word not in _TRIGGER_WORDS:
            continue
        lo, hi = max(0, t.start() - _BEFORE), t.end() + _AFTER
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


@lru_cache(maxsize=4)
def _matches(text: str) -> tuple[re.Match[str], ...]:
    """The candidate matches of a text, kept for the last few texts: an undated document is read against
    several publication dates (its inferred interval's ends), and only the resolution differs."""
    return tuple(m for lo, hi in _windows(text) for m in _DATE_RE.finditer(text, lo, min(hi, len(text))))


@lru_cache(maxsize=4)
def _candidates(text: str) -> tuple[tuple[re.Match[str], str, dict[str, str | None], int], ...]:
    """Each candidate match with its kind, its groups and where its core starts: what does not depend on the
    publication date, read once for the several dates an undated text is resolved against (never mutated)."""
    out = []
    for match in _matches(text):
        kind = match.lastgroup
        if kind is not None and kind in _KINDS:
            out.append((match, kind, match.groupdict(), match.start(kind)))
    return tuple(out)


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
    for match, kind, groups, core_start in _candidates(text):
        try:
            resolved = _resolve(kind, groups, ctx, core_start, match.group(kind))
        except (ValueError, OverflowError):
            continue  # "tomorrow" on 9999-12-31: past the end of the calendar
        if resolved is None:
            continue
        timex, note = resolved
        begin = match.start()
        week_of = _WEEK_OF.search(text, max(0, begin - 16), begin)
        if week_of and timex and re.fullmatch(r"\d{4}-\d\d-\d\d", timex):  # "the week of March 6"
            begin, timex = week_of.start(), _week(dt.date.fromisoformat(timex))
        span = _interval(timex) if timex else None
        if span is None and timex and timex[0] in "-0123456789":
            continue  # "next year" in 9999, "last month" in the year 1: no such date
        low, high, precision = span if span else (None, None, "ref" if timex and "REF" in timex else "partial")
        part = _PART.get(_MOD_EXTRAS.sub("", _norm(groups["mod"])), "")
        if part and low and high:
            low, high = _narrow(low, high, part, anchor)
        stated = _weekday(groups["md_wd"]) if kind == "md" else None
        mismatch = bool(stated is not None and low and high == low and low.weekday() != stated)
        found.append(DateMention(begin, match.end(), text_in[begin : match.end()], timex, low, high, precision,
                                 low is not None, stated, mismatch, note))  # fmt: skip
        if span and kind in _CONTEXT_KINDS and not _YEAR_AGO.search(_norm(groups["q_adj"] or groups["q_ago"])):
            ctx.last, ctx.last_end = timex, match.end()
    return found
