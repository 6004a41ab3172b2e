"""Find clock times in news text: "4.15pm", "3:05 a.m.", "02:00 UTC", "1430 GMT", "noon", "at about 9 p.m.".

Each time becomes an inclusive interval in minutes after midnight, in the zone as written (no conversion:
``utc_offset`` says how to convert when the zone is known). A weekday written right next to the time is kept
("at 3.45pm on Tuesday"), since two reports of "4 p.m." on different days are not the same moment.

>>> [(t.text, t.low, t.high, t.zone, t.utc_offset) for t in find_times("The gunman came in around 4 p.m. local time.")]
[('around 4 p.m.', 945.0, 975.0, '', None)]
>>> [(t.text, t.low, t.zone, t.utc_offset) for t in find_times("three other explosions at 3 p. m. (1200 GMT).")]
[('3 p. m.', 900.0, '', None), ('1200 GMT', 720.0, 'GMT', 0)]
>>> [(t.text, t.low, t.weekday) for t in find_times("at 3.45pm on Tuesday, and just before midnight")]
[('3.45pm', 945.0, 1), ('just before midnight', -15.0, None)]

"about", "around", "approximately" widen a time to +-15 minutes; "just/shortly after" and "just/shortly before"
to the quarter hour on that side. An interval may run past midnight (below 0 or above 1440): "about midnight"
is -15..15, not wrapped, so that it still overlaps "11.55pm" (1435) after the caller shifts by a day.

>>> find_times("a 3:2 vote, a 1:1 ratio, John 3:16, open 24/7, 2:30 minutes, $4.15, 10.30 percent")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from consistency.extract._anchored import finditer_anchored
from consistency.extract._datewords import WEEKDAYS, alternation

__all__ = ["ZONES", "TimeMention", "find_times"]


@dataclass(frozen=True)
class TimeMention:
    """One clock time: where it is, the inclusive interval in minutes after midnight, and its zone."""

    start: int
    end: int
    text: str
    low: float
    high: float
    zone: str
    utc_offset: int | None
    weekday: int | None


# Time-zone abbreviations and their offset in minutes east of UTC.  Only abbreviations with one meaning in
# English news get an offset; "IST" (India, Israel, Ireland), "AST" (Atlantic, Arabia), "ET"/"PT" (standard
# or daylight, not said) are recognised as zones but left without one.  "BST" is British Summer Time in the
# UK press that writes it ("8:44AM BST 16 Sep 2013", ECB+ 23_3ecbplus).
ZONES: dict[str, int | None] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "JST": 540, "KST": 540, "HKT": 480,
    "SGT": 480, "AWST": 480, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "IST": None, "AST": None, "ET": None, "PT": None, "CT": None, "MT": None,
}  # fmt: skip

_ZONE = rf"(?:(?:UTC|GMT)\s?(?P<zsign>[+−-])\s?(?P<zh>\d{{1,2}})(?::?(?P<zm>[0-5]\d))?|{alternation(ZONES)})"
_ZONE_PLAIN = rf"(?:(?:UTC|GMT)\s?[+−-]\s?\d{{1,2}}(?::?[0-5]\d)?|{alternation(ZONES)})"
_AMPM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
_QUAL = (
    r"(?P<q>(?:at\s+)?(?:about|around|approximately|approx\.|roughly|circa|some)"
    r"|(?:just|shortly)\s+(?:after|before|past))"
)
_WD = alternation([w.title() for w in WEEKDAYS])

# One pass: an optional qualifier, then a 12-hour time with am/pm, a 24-hour time with a colon, a four-digit
# time with a zone or "hours", or noon/midnight; then an optional zone.
_TIME_RE = re.compile(
    rf"""
    (?P<t>
        (?<![\w.:/$£€+−])(?<!(?-i:[A-Z(])-)(?<!(?:UTC|GMT)\s-)
        (?:
            (?P<h12>\d{{1,2}})(?:[:.](?P<m12>[0-5]\d))?\s?{_AMPM}
          | (?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?::(?P<s24>[0-5]\d))?(?![\d:]|\.\d)
            (?:\s?(?P<ampm24>[ap])\.?\s?m\b\.?)?
          | (?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s?(?:hours\b|hrs\b|(?-i:{_ZONE_PLAIN})(?![\w+])))
          | (?P<nm>(?:12\s+)?(?:noon|midday|midnight))\b
        )
    )
    (?P<hrs>\s?(?:hours|hrs)\b)?
    (?P<zone>\s?(?-i:{_ZONE})(?![\w+]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every time starts at the first digit of a number ("3:00pm", "12 noon": the lookbehind keeps it out of words and
# numbers) or at "noon", "midday", "midnight": _TIME_RE is tried only there (see ``_anchored.py``), the same
# matches as one pass over the whole text.
_TIME_ANCHORS = ((re.compile(r"\d+"), 0), (re.compile("noon|midday|midnight", re.IGNORECASE), 0))
_RANGE_GAP_RE = re.compile(r"\s*(?:-|–|to|and|until|till)\s*")
# The qualifier is looked for behind a time once found, not tried at every position of the text.
_QUAL_BEFORE_RE = re.compile(rf"(?<![\w]){_QUAL}\s+$", re.IGNORECASE)
_IDIOM_AFTER_RE = re.compile(r"\s+oil\b", re.I)
_IDIOM_BEFORE_RE = re.compile(r"\bhigh\s+$", re.I)
_UNIT_AFTER_RE = re.compile(r"\s*(?:minutes?|mins?|seconds?|secs?|percent|per\s*cent|%)\b", re.I)
# Words before a four-digit number that make it a year even with a zone after it ("in 2014 GMT rules").
_YEAR_BEFORE_RE = re.compile(r"\b(?:in|since|of|during|year|fiscal|circa|early|late|mid)\s+$", re.I)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?\s+$")
_WD_AFTER_RE = re.compile(rf"(?:,\s*|\s+on\s+|\s+)({_WD})\b")
_WD_BEFORE_RE = re.compile(rf"\b({_WD})(?:,\s*|\s+at\s+|\s+)$")
# Capitalised words that may stand right before a bare "H:MM" that is a time (bylines: "Updated 13:26",
# ECB+ 23_1ecbplus); after other capitalised words "3:16" is a verse or a reference ("John 3:16").
_TIME_CUES = frozenset(
    [
        *("at", "by", "from", "until", "till", "to", "before", "after", "around", "about", "since", "and", "or"),
        *("updated", "posted", "published", "last", *WEEKDAYS),
    ]
)


def _zone(m: re.Match[str]) -> tuple[str, int | None]:
    z = m.group("zone")
    if not z:
        return "", None
    z = z.strip()
    if m.group("zh") is not None:
        minutes = int(m.group("zh")) * 60 + int(m.group("zm") or 0)
        return z, minutes if m.group("zsign") == "+" else -minutes
    return z, ZONES.get(z)


def _clock(m: re.Match[str], text: str) -> float | None:
    """Minutes after midnight of the time itself (no qualifier), or None when it is not a time."""
    if m.group("h12") is not None:
        hour, minute = int(m.group("h12")), int(m.group("m12") or 0)
        if hour > 23 or (hour in (0, *range(13, 24)) and m.group("m12") is None):
            return None
        if hour <= 12:  # "17:06 pm" (ECB+ 20_5ecbplus) is read as the 24-hour time it writes
            hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
        return float(hour * 60 + minute)
    if m.group("h24") is not None:
        hour, minute = int(m.group("h24")), int(m.group("m24"))
        end = m.end("t")
        if _UNIT_AFTER_RE.match(text, end):  # "2:30 minutes" is a duration
            return None
        ampm = m.group("ampm24")
        if ampm and hour <= 12:
            hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
        elif not ampm and not m.group("zone"):
            before = _WORD_BEFORE_RE.search(text, max(0, m.start("t") - 20), m.start("t"))
            if before and before.group(1)[0].isupper() and before.group(1).lower() not in _TIME_CUES:
                return None  # "John 3:16", "Psalm 23:4"
        seconds = int(m.group("s24") or 0)
        return hour * 60 + minute + seconds / 60
    if m.group("h4") is not None:
        if _YEAR_BEFORE_RE.search(text, max(0, m.start("t") - 10), m.start("t")):
            return None
        return float(int(m.group("h4")) * 60 + int(m.group("m4")))
    return 0.0 if "midnight" in m.group("nm").lower() else 720.0


def _weekday(text: str, start: int, end: int) -> int | None:
    after = _WD_AFTER_RE.match(text, end)
    if after:
        return WEEKDAYS[after.group(1).lower()]
    before = _WD_BEFORE_RE.search(text, max(0, start - 16), start)
    return WEEKDAYS[before.group(1).lower()] if before else None


def find_times(text: str) -> list[TimeMention]:
    """Every clock time in ``text``, in order.

    >>> [(t.text, t.low, t.zone, t.utc_offset) for t in find_times("Thu Nov 10, 2011 3:00pm EST; 11:25 GMT+02:00")]
    [('3:00pm EST', 900.0, 'EST', -300), ('11:25 GMT+02:00', 685.0, 'GMT+02:00', 120)]
    >>> [(t.text, t.low, t.high) for t in find_times("at about 9 p.m.")]
    [('about 9 p.m.', 1245.0, 1275.0)]
    >>> [(t.text, t.low) for t in find_times("open 3:30-4:30 p.m., then 7:15 to 7:45 a.m.")]
    [('3:30', 930.0), ('4:30 p.m.', 990.0), ('7:15', 435.0), ('7:45 a.m.', 465.0)]
    """
    out: list[TimeMention] = []
    bare = -1  # index in ``out`` of the last 24-hour-looking time under 12:00 written without am/pm or zone
    for m in finditer_anchored(_TIME_RE, text, _TIME_ANCHORS, blank_start=False):
        if m.group("nm") is not None:
            word = m.group("nm")
            lead = text[max(0, m.start("t") - 4) : m.start("t")].rstrip()
            if word[0].isupper() and lead and not lead.endswith((".", "At", "\n")):
                continue  # "Midnight Oil", a title; a time is written in lower case inside a sentence
            if _IDIOM_AFTER_RE.match(text, m.end("t")) or _IDIOM_BEFORE_RE.search(
                text, max(0, m.start("t") - 5), m.start("t")
            ):
                continue  # "burning the midnight oil"; "high noon comes today" (AQUAINT NYT19990312.0271)
        clock = _clock(m, text)
        if clock is None:
            continue
        zone, offset = _zone(m)
        low, high = clock, clock
        before = _QUAL_BEFORE_RE.search(text, max(0, m.start("t") - 40), m.start("t"))
        q = before.group("q").lower() if before else ""
        start = m.start("t")
        if before:
            qm = re.match(r"(?:at\s+)?", q)
            start = before.start("q") + (qm.end() if qm else 0)
            if q.endswith(("after", "past")):
                high = clock + 15
            elif q.endswith("before"):
                low = clock - 15
            else:
                low, high = clock - 15, clock + 15
        end = m.end("zone") if m.group("zone") else m.end("hrs") if m.group("hrs") else m.end("t")
        pm = (m.group("ampm") or m.group("ampm24") or "").lower() == "p"
        if pm and bare >= 0 and _RANGE_GAP_RE.fullmatch(text, out[bare].end, start):
            # "3:30-4:30 p.m.": the first end of a range shares the second's "p.m." when that keeps it earlier.
            first = out[bare]
            if first.low + 720 <= clock:
                out[bare] = replace(first, low=first.low + 720, high=first.high + 720)
        bare = len(out) if m.group("h24") is not None and not m.group("ampm24") and not zone and clock < 720 else -1
        out.append(TimeMention(start, end, text[start:end], low, high, zone, offset, _weekday(text, start, end)))
    return out
