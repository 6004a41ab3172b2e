"""Publication dates the corpus does not state: read from a URL, or bounded by the story's other dates.

Relative dates ("next month", "on Thursday") mean nothing without the day they were written. When a document
has no dateline, front matter or column giving it, its publication date is taken from a date in its URL or
source line, and, failing that, inferred as an interval: from the latest full date the document itself states
(an article is written on or after the events it dates) or from the publication dates of the other documents
(a story's coverage spans days, not months). Relative dates then resolve against both ends of the interval into
wider intervals: "next month" written between December 10 and 24 is January either way, "Thursday" is any
Thursday of those two weeks.

>>> import datetime as dt
>>> url_date("http://www.thenational.ae/news/world/2010/05/05/three-killed-as-rioters-bomb-greek-bank")
datetime.date(2010, 5, 5)
>>> url_date("https://example.com/story-20100505-bank.html"), url_date("https://example.com/item/1234567")
(datetime.date(2010, 5, 5), None)
>>> infer(own=[], known=[dt.date(2021, 12, 17)])
(datetime.date(2021, 12, 10), datetime.date(2021, 12, 24))
>>> infer(own=[dt.date(2010, 5, 5)], known=[dt.date(2010, 5, 6), dt.date(2013, 1, 1)])
(datetime.date(2010, 5, 5), datetime.date(2010, 5, 12))
>>> infer(own=[dt.date(2021, 12, 14), dt.date(2022, 1, 12)], known=[dt.date(2021, 12, 17)])
(datetime.date(2021, 12, 14), datetime.date(2021, 12, 24))
>>> infer(own=[], known=[dt.date(2010, 5, 6), dt.date(2013, 1, 1)]) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

__all__ = ["MAX_STORY_DAYS", "STORY_SPREAD_DAYS", "infer", "url_date"]

#: How many days a story's coverage is taken to spread around the dates that bound it.
STORY_SPREAD_DAYS = 7
#: Other documents' publication dates bound a document only when they lie this close together: a folder of
#: several stories years apart says nothing about when one undated article was written.
MAX_STORY_DAYS = 60

_URL = re.compile(r"https?://\S+|www\.\S+")
_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d\d)([/_.\-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9])"
    r"|(?<![0-9])((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/"
)


def url_date(text: str) -> dt.date | None:
    """The date written in a URL ("/2010/05/05/", "-20100505-"), if the text holds one."""
    for url in _URL.findall(text[:2000]):
        day = _written_date(url)
        if day is not None:
            return day
    return None


def name_date(path: str) -> dt.date | None:
    """The date a file's name gives, as news archives name their stories ("APW19980808.0022.txt",
    "2021-12-19-nato.md"), if it holds one; its folders are not read (a folder per year says less)."""
    return _written_date(path.replace("\\", "/").rsplit("/", 1)[-1])


def _written_date(text: str) -> dt.date | None:
    """The first valid date written as digits in a URL or a file name ("2010/05/05", "20100505")."""
    for m in _URL_DATE.finditer(text):
        y, mo, d = (m.group(1), m.group(3), m.group(4)) if m.group(1) else (m.group(5), m.group(6), m.group(7))
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            continue
    return None


def infer(own: Sequence[dt.date], known: Sequence[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The interval a document was published in, from the full dates it states (``own``) and the other
    documents' publication dates (``known``); None when neither bounds it."""
    spread = dt.timedelta(days=STORY_SPREAD_DAYS)
    if known and (max(known) - min(known)).days <= MAX_STORY_DAYS:
        low, high = _add(min(known), -spread), _add(max(known), spread)
        inside = [d for d in own if low <= d <= high]  # not "talks on March 3, 2031" planned for later
        return (max(inside), high) if inside else (low, high)
    if own:
        return max(own), _add(max(own), spread)
    return None


def _add(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return day
