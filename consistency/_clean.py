"""Clean the text of one web article without losing its line numbers (used by ``corpus.py``).

Real web copy carries curly quotes, page furniture ("Leave a Reply"), navigation lines, leftover markup,
words glued by a lost space and paragraphs hard-wrapped at ~90 columns. :func:`clean_document` works line
by line: every line of the cleaned text comes from one line of the original (or several joined lines of
one hard-wrapped paragraph), and the cleaned text records where each original line starts, so any offset
maps back to its original line by bisection.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Cleaned",
    "SourceMap",
    "clean_document",
    "clean_line",
    "parse_date",
    "parse_dateline",
    "same_words",
    "source_map",
]

# ---------------------------------------------------------------------------------------------------------
# Characters: one translation table, applied char by char.
# ---------------------------------------------------------------------------------------------------------
_CHARS: dict[str, str] = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″", '"'),  # not « »: English pages use them as breadcrumb arrows
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
    **dict.fromkeys("\u202f\u205f\u3000\t\x0b\x0c", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    "…": "...",
}
#: The same table for str.translate (tests normalise original lines with it).
TRANSLATION = str.maketrans(_CHARS)
# str.translate walks every character in Python-level lookups; a replace per character present is ~15x faster.
_CHAR_ITEMS = tuple(_CHARS.items())


# ---------------------------------------------------------------------------------------------------------
# Dates: the month table lives here once; datelines and front matter both read it.
# ---------------------------------------------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?"
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    # "December 17th, 2021", "Dec. 17, 2021", "Sep 15 2013", "Friday, December 17th, 2021"
    re.compile(rf"\b(?P<mon>{_MON})\.?\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    # "17 December 2021", "27 NOVEMBER, 2005", "17th of December 2021"
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<mon>{_MON})\.?,?\s+{_YEAR}\b", re.IGNORECASE),
    # ISO "2021-12-17" (also the date part of "2021-12-17T10:30:00Z")
    re.compile(rf"\b{_YEAR}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    # "03/14/2013", "14/09/2013": read only when the order is unambiguous (see _from_match)
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d{2})\b"),
)
# A date with no year, as site headers print today's date (seeds/004: "Tuesday, January 31").
_YEARLESS_DATE = re.compile(
    rf"^(?:{_WEEKDAY}\.?,?\s+)?(?:(?:{_MON})\.?\s+[0-3]?\d(?:st|nd|rd|th)?|[0-3]?\d(?:st|nd|rd|th)?\s+(?:{_MON})\.?)$",
    re.IGNORECASE,
)
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?", re.IGNORECASE)
# Words a dateline carries besides the date: "Posted", "Last updated", "on ... at", weekdays, time zones.
_DATELINE_WORDS = frozenset({
    "by", "written", "posted", "published", "updated", "last", "first", "date", "on", "at", "am", "pm", "hrs",
    "hours", "gmt", "utc", "bst", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest",
    "ist", "aest", "aedt", "hkt", "et", "pt", "ct", "mt",
})  # fmt: skip
_DATELINE_START = re.compile(r"^(?:written\s+by|by|posted|published|updated|last\s+updated|date)\b", re.I)
_DATE_PREPOSITIONS = frozenset(
    ["on", "by", "for", "until", "till", "before", "after", "since", "from", "in", "to", "of"]
)
_WEEKDAY_WORD = re.compile(rf"^{_WEEKDAY}$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
# A lowercase word of three letters or more that is not dateline vocabulary: the verb of a sentence.
_LOWER_WORD = re.compile(
    r"\b(?!(?:by|on|at|am|pm|hrs|hours|updated|posted|published|written|last|first|date)\b)[a-z]{3,}\b"
)
#: A dateline may name a place or an outlet ("INDONESIA, July 2, 2013", "7:00pm UK, ..."): a few words.
_MAX_DATELINE_WORDS = 3


def _from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if "a" in groups and groups["a"] is not None:
        a, b = int(groups["a"]), int(groups["b"])
        if a == b or (a > 12) == (b > 12):  # "4/9/2007": US or European order? Do not guess.
            month, day = (a, b) if a == b else (0, 0)
        else:
            month, day = (b, a) if a > 12 else (a, b)
    else:
        mon = groups["mon"]
        month = int(mon) if mon.isdigit() else MONTHS[mon.lower()]
        day = int(groups["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) written in ``text``, or None.

    >>> parse_date("Friday, December 17th, 2021")
    datetime.date(2021, 12, 17)
    >>> parse_date("Updated Thu 6 May 2010, 9:03am AEST")
    datetime.date(2010, 5, 6)
    >>> parse_date("Last updated 13:26 14/09/2013"), parse_date("Updated 4/9/2007 6:04 PM")
    (datetime.date(2013, 9, 14), None)
    >>> parse_date("Tuesday, January 31") is None
    True
    """
    found = _first_date(text)
    return None if found is None else found[1]


def _first_date(text: str) -> tuple[int, dt.date] | None:
    """Where the first full date starts, and its value."""
    best: tuple[int, dt.date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = _from_match(m)
            if value is not None and (best is None or m.start() < best[0]):
                best = (m.start(), value)
            break
    return best


def _strip_dates(line: str) -> str:
    """``line`` without its dates and times."""
    for pattern in _DATE_PATTERNS:
        line = pattern.sub(" ", line)
    return _TIME.sub(" ", line)


def _leftover_words(undated: str) -> list[str]:
    """The words of a line without its dates (``_strip_dates``) that are not dateline vocabulary."""
    words = (w.strip(".'-").lower() for w in _WORD.findall(undated))
    return [w for w in words if len(w) > 1 and w not in _DATELINE_WORDS and not _WEEKDAY_WORD.match(w)]


def parse_dateline(line: str) -> dt.date | None:
    """The publication date if ``line`` is a dateline: a full date with little else, or a byline with a date.

    >>> parse_dateline("Written by | Friday, December 17th, 2021")
    datetime.date(2021, 12, 17)
    >>> parse_dateline("By Jane Doe | Dec. 17, 2021 | 10:30 am")
    datetime.date(2021, 12, 17)
    >>> parse_dateline("POSTED: 1052 GMT (1852 HKT), April 10, 2007")
    datetime.date(2007, 4, 10)

    A sentence that mentions a date is not a dateline, nor is a date without a year:

    >>> parse_dateline("On February 29, 2012, AMD announced a definitive agreement to acquire SeaMicro.")
    >>> parse_dateline("Intermediate-range nuclear forces were banned under a 1987 treaty")
    >>> parse_dateline("Tuesday, January 31") is None
    True
    """
    if len(line) > 160 or not _YEAR_HINT.search(line):
        return None
    found = _first_date(line)
    if found is None:
        return None
    start, value = found
    if _DATELINE_START.match(line):
        return value
    # "Talks set for March 3, 2004" is a headline about a date; "on Nov 10, 2011" alone is a dateline.
    # A weekday may stand between the preposition and the date: "ships on Monday, March 14, 2024".
    before = [w.strip(",.") for w in line[:start].split()]
    while before and _WEEKDAY_WORD.match(before[-1]):
        before.pop()
    if len(before) > 1 and before[-1].lower() in _DATE_PREPOSITIONS:
        return None
    undated = _strip_dates(line)
    leftover = _leftover_words(undated)
    if line.endswith((".", "!", "?")) and len(leftover) >= 2 and _LOWER_WORD.search(undated):
        # A full sentence around a date ("Version 2.0 ships March 14, 2024.") is text, not a dateline:
        # datelines do not end in a full stop after words of their own, and their words are capitalised
        # names (places, outlets: "AFP, Tuesday 2 Jul 2013", ECB+ 37_11ecbplus).
        return None
    return value if len(leftover) <= _MAX_DATELINE_WORDS else None


# ---------------------------------------------------------------------------------------------------------
# Markup and glued words.
# ---------------------------------------------------------------------------------------------------------
_COMMENT_OR_SCRIPT = re.compile(r"<!--.*?(?:-->|$)|<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|h[1-6]|td|tr|th|table|section|article|blockquote)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
# What is left of a link when its tag was split or tokenised: `added http://x.com/a.html ">carbon consulting`
# (ECB+ 44_8ecbplus); the anchor text stays.
_LINK_REMNANT = re.compile(r'(?:href\s*=\s*)?"?(?:https?:|www\.)[^"<>]{0,300}?"\s*/?>')
# Broken JSON/HTML fragments (seeds/002: `it "," text ":" We have ... "}}">We received this offer ...`):
# a line carrying one of these strong markers is cut after the last delimiter.
_FRAGMENT_MARKER = re.compile(r'":"|"\s*/?>|[{}]\s*"|"\s*[{}]|\}\}|\{\{')
_FRAGMENT_DELIM = re.compile(r'"\s*[:,]\s*"|"\s*/?>|[{}]+"?|\]\s*"|"\s*\[')
_FRAGMENT_LEAD = re.compile(r'^[\s"\'{}\[\]:,>/]+')
# Markdown that survives into scraped copy: images, links, emphasis, heading and quote marks.
_MD_IMAGE = re.compile(r"!\[[^\[\]]{0,300}\]\([^()]{0,2000}\)")
# Bounded lengths: "[" * 5000 + "](" * 5000 must not be tried from every bracket to the line's end.
_MD_LINK = re.compile(r"\[([^\[\]]{1,300})\]\((?:[^()\s]{1,2000})(?:\s+\"[^\"]{0,300}\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?)+")
# A space lost between a function word and a capitalised word: "ofNorth", "theNorth" (seeds/002).
# Only these words, so "iPhone", "McDonald", "YouTube" and "JavaScript" stay whole.
_FUNCTION_WORDS = frozenset(("of", "from", "the", "to", "in", "and", "for", "with", "by", "on", "at", "a", "an"))
# A space lost after a full stop, "clients.Non-subscribers" (TimeBank), is found at the same places: a
# lowercase letter (and a stop) before a capital. One scan finds both; Python checks the few places found.
# (The capital comes first in the pattern: regex scans for a rare character class much faster.)
_GLUE_POINT = re.compile(r"[A-Z](?<=[a-z.!?][A-Z])")
_SPACES = re.compile(r" {2,}")
# Characters without which a line needs none of the markup regexes (one C scan spares most lines).
_MARKUP_HINT = re.compile(r'[&<"*_#>\]]')


def _cut_fragment(line: str) -> str:
    """The last piece between JSON/HTML delimiters that reads as prose, or nothing when none does."""
    for piece in reversed(_FRAGMENT_DELIM.split(line)):
        piece = _FRAGMENT_LEAD.sub("", piece).rstrip(" {}[]>")
        if piece.endswith('"') and piece.count('"') % 2:  # the key's closing quote, not the prose's
            piece = piece[:-1].rstrip()
        if len(piece.split()) >= 3 and any(c.isalpha() for c in piece):
            return piece
    return ""


def clean_line(line: str) -> str:
    """One line of web copy as the extractors should read it.

    >>> clean_line("Ukraine\u2019s \u201cformer Soviet\u201d neighbor \u2013 Moscow")
    'Ukraine\\'s "former Soviet" neighbor - Moscow'
    >>> clean_line("a draft treaty with the countries ofNorth Atlantic Treaty Organization")
    'a draft treaty with the countries of North Atlantic Treaty Organization'
    >>> clean_line("iPhone, McDonald, YouTube and JavaScript stay whole")
    'iPhone, McDonald, YouTube and JavaScript stay whole'
    >>> clean_line("<p>Tom &amp; Jerry&#8217;s <b>house</b></p>")
    "Tom & Jerry's house"
    >>> clean_line('we are looking at it \u201c}}\u201d>We received this offer from NATO.')
    'We received this offer from NATO.'
    """
    return _unglue(_markup(_normalize(line))).strip()


def _normalize(text: str) -> str:
    """Curly quotes, dashes and odd spaces to plain ASCII, char by char (line breaks untouched)."""
    if "\t" in text:
        text = text.replace("\t", " ")
    if text.isascii():
        return text
    for char, replacement in _CHAR_ITEMS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _markup(line: str) -> str:
    """``line`` without HTML, entities, JSON fragments or Markdown."""
    if "&" in line:
        line = _normalize(html.unescape(line))
    if "<" in line:
        line = _COMMENT_OR_SCRIPT.sub(" ", line)
        line = _BLOCK_TAG.sub(" ", line)
        line = _TAG.sub("", line)
    if '">' in line:
        line = _LINK_REMNANT.sub("", line)
    if '"' in line and _FRAGMENT_MARKER.search(line):
        line = _cut_fragment(line)
    if "](" in line:
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
    if "**" in line or "__" in line:
        line = _MD_EMPHASIS.sub(r"\2", line)
    if line.lstrip()[:1] in ("#", ">"):
        line = _MD_PREFIX.sub("", line.lstrip())
    return line


def _unglue(text: str) -> str:
    """Put back spaces lost between words, and squeeze runs of spaces (never touches line breaks)."""
    pieces: list[str] = []
    last = 0
    for m in _GLUE_POINT.finditer(text):
        cut = m.start()  # the capital
        if not text[cut + 1 : cut + 3].islower():
            continue
        if text[cut - 1] in ".!?":
            before = text[cut - 3 : cut - 1]
            glued = before.isalpha() and before.islower()
        else:
            start = cut - 1
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            glued = text[start:cut] in _FUNCTION_WORDS and text[start - 1 : start] != "'"
        if glued:
            pieces.append(text[last:cut])
            last = cut
    if pieces:
        pieces.append(text[last:])
        text = " ".join(pieces)
    return _SPACES.sub(" ", text) if "  " in text else text


# ---------------------------------------------------------------------------------------------------------
# Page furniture: whole lines that are not the story. Matched on cleaned lines, case-insensitively.
# ---------------------------------------------------------------------------------------------------------
# Everything after these is the comment form or the comments.
_TAIL = (
    r"(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment|comments\s+are\s+closed"
    r"|\d+\s+comments?|comments?\s*\(\d+\)|join\s+the\s+(?:conversation|discussion))\b[\s.:!]*"
    r"(?:cancel\s+reply)?$"
)
_FURNITURE = re.compile(
    rf"^(?:(?P<tail>{_TAIL})|[\W\d_]*$"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked"
    r"|save\s+my\s+name|cancel\s+reply$"
    r"|(?:article\s+)?categor(?:y|ies)\s*:|(?:tags|tagged|filed\s+under|posted\s+in|topics)\s*:"
    r"|(?:previous|next|prev)\s*(?:article|post|story)"
    r"|also\s+read|read\s+also|read\s+more|see\s+also|more\s+from\b|you\s+may\s+also\s+like|recommended\s*:?$"
    r"|related(?:\s+(?:articles?|stories|posts|news|coverage|topics|content))?\s*(?::|$)"
    r"|share\s+(?:this|on|via)\b|share\s*:?$"
    r"|(?:(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram"
    r"|copy\s+link)\b[\s|/,:\-·•]*){2,}$"
    r"|video\s+duration\b|watch\s*:|(?:image|photo|picture|video)\s+(?:caption|copyright|credit|source)\b"
    r"|(?:photo|image|picture|credit)s?\s*:"
    r"|advertisement$|sponsored(?:\s+content)?$|skip\s+to\s+(?:main\s+)?(?:content|navigation)|menu$"
    r"|follow\s+us\b|click\s+(?:here|to)\b|all\s+rights\s+reserved|(?:copyright\s*)?(?:©|\(c\))\s*\d{4}"
    r"|(?:subscribe|sign\s+up|get|receive)\b.{0,80}\b(?:newsletter|inbox|updates|alerts)\b"
    r"|(?:subscribe|sign\s+up)(?:\s+(?:now|today|here|for\s+free))?\s*[.!]?$"
    r"|(?:https?://|www\.)\S+$"
    r")",
    re.IGNORECASE,
)
# Cookie boxes say what they are anywhere in the line.
_COOKIES = re.compile(
    r"\b(?:(?:we|this\s+(?:web)?site)\s+uses?\s+cookies|(?:accept|consent\s+to|manage)\s+(?:all\s+)?cookies)",
    re.IGNORECASE,
)
#: Furniture lines are short; a long line starting with "Watch:" is still a paragraph.
_MAX_FURNITURE_CHARS = 300
# Navigation at the top of a page: "Home LATEST NEWS ...", "Home » World » Europe", "News > Europe".
_NAVIGATION = re.compile(r"^(?i:home)\b(?:\s*[»›>/|·:]|\s+[A-Z]{2,}\b)")
_BREADCRUMB_SEP = re.compile(r"\s[»›>/|·]\s|[»›]")
_BYLINE = re.compile(r"^(?:written\s+by|posted\s+by|by)\b(?P<rest>.*)$", re.IGNORECASE)
#: How many non-blank lines at the top of a document are its header (datelines, navigation, bylines).
HEADER_LINES = 5


def _furniture(line: str) -> str:
    """'tail' when the comment form starts, 'line' for a furniture line, '' for a story line."""
    if len(line) > _MAX_FURNITURE_CHARS:
        return ""
    m = _FURNITURE.match(line)
    if m is not None:
        return "tail" if m.group("tail") else "line"
    return "line" if "ookie" in line and _COOKIES.search(line) else ""


def _is_header_furniture(line: str) -> bool:
    """Navigation, breadcrumbs, bylines and today's date printed by the site above the article."""
    if _NAVIGATION.match(line) or _YEARLESS_DATE.match(line):
        return True
    words = line.split()
    if len(words) <= 12 and len(_BREADCRUMB_SEP.findall(line)) >= 2:
        return True
    if len(words) <= 10 and _DATELINE_START.match(line) and _YEAR_HINT.search(line) and not line.endswith("."):
        # "Updated 4/9/2007 6:04 PM" (ECB+ 18_2ecbplus): a timestamp even when its day/month order is unclear
        return True
    m = _BYLINE.match(line)
    if m and len(words) <= 10 and not line.endswith("."):
        # "By Jane Doe and John Roe | Reuters", never "By Monday, troops had arrived"
        rest = [w for w in re.split(r"[\s,|]+", m.group("rest")) if w and w.lower() not in ("and", "&", "in")]
        return all(w[0].isupper() or not w[0].isalpha() for w in rest)
    return False


# ---------------------------------------------------------------------------------------------------------
# Front matter and hard-wrapped paragraphs.
# ---------------------------------------------------------------------------------------------------------
_FRONT_MATTER_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_FRONT_MATTER_MAX_LINES = 60


def _front_matter(lines: Sequence[str]) -> tuple[dict[str, str], int]:
    """``key: value`` pairs of a leading ``---`` block, and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES)):
        if lines[end].strip() in ("---", "..."):
            pairs: dict[str, str] = {}
            for raw in lines[1:end]:
                m = _FRONT_MATTER_KEY.match(raw)
                if m:
                    pairs[m.group(1).lower()] = m.group(2).strip("'\"")
            return pairs, end + 1
    return {}, 0


_SENTENCE_END = tuple(".!?:;\"')]")
#: A wrapped line is long-ish: shorter lines are headings, captions, bylines.
_WRAP_MIN_CHARS = 40
#: Lines longer than this are whole paragraphs, never a wrapping width.
_WRAP_MAX_CHARS = 140


def _is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Most long-ish lines end mid-sentence (seeds/001: paragraphs wrapped at ~90 columns)."""
    long_lines = [s for s in lines if len(s) >= _WRAP_MIN_CHARS]
    wrapped = [s for s in long_lines if len(s) <= _WRAP_MAX_CHARS and not s.endswith(_SENTENCE_END)]
    return len(wrapped) >= 3 and 2 * len(wrapped) >= len(long_lines)


def _wrap_width(lines: Sequence[str]) -> int:
    lengths = sorted(len(s) for s in lines if _WRAP_MIN_CHARS <= len(s) <= _WRAP_MAX_CHARS)
    return lengths[(len(lengths) * 9) // 10] if lengths else _WRAP_MAX_CHARS


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text of one document and where its lines came from."""

    text: str
    line_starts: tuple[int, ...]  # offset in ``text`` where each piece starts
    line_indexes: tuple[int, ...]  # 0-based index of the original line each piece comes from
    dateline: dt.date | None
    front_matter: dict[str, str]


def split_lines(raw: str) -> list[str]:
    r"""The lines of ``raw`` as an editor numbers them (``\n``, ``\r\n`` or ``\r`` end a line).

    >>> split_lines("a\r\nb\rc\n")
    ['a', 'b', 'c', '']
    """
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw.split("\n")


def clean_document(raw: str) -> Cleaned:
    r"""Clean one document; see the module docstring.

    >>> c = clean_document("Home NEWS Title\n\nBy Jo Doe | May 5, 2010\n\nA line\nand another.\n\nShare")
    >>> c.text, c.dateline
    ('A line\nand another.', datetime.date(2010, 5, 5))
    >>> c.line_indexes
    (4, 5)
    """
    # Line breaks first: a character the normalisation deletes must not join a lone CR and a LF into one
    # break ("a\r\u200b\nb" is three lines, as an editor shows it). Then whole-text passes (they never touch
    # line breaks), then what only some lines need.
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = _unglue(_normalize(raw)).split("\n")
    front_matter, body_start = _front_matter(lines)
    kept: list[tuple[int, str]] = []
    dateline: dt.date | None = None
    header_seen = 0
    for index in range(body_start, len(lines)):
        line = lines[index]
        if _MARKUP_HINT.search(line):
            line = _unglue(_markup(line))
        line = line.strip()
        if not line:
            continue
        if header_seen < HEADER_LINES:
            header_seen += 1
            found = parse_dateline(line)
            if found is not None:
                dateline = dateline or found  # the line is dropped once read
                continue
            if _is_header_furniture(line):
                continue
        furniture = _furniture(line) if len(line) <= _MAX_FURNITURE_CHARS else ""
        if furniture == "tail":
            break
        if not furniture:
            kept.append((index, line))

    texts = [s for _, s in kept]
    wrapped = _is_hard_wrapped(texts)
    join_at = 0.6 * _wrap_width(texts) if wrapped else 0.0
    parts: list[str] = []
    starts: list[int] = []
    indexes: list[int] = []
    pos = 0
    previous: tuple[int, str] | None = None
    for index, line in kept:
        if previous is not None:
            prev_index, prev_line = previous
            adjacent = index == prev_index + 1
            if (
                wrapped
                and adjacent
                and (len(prev_line) >= join_at or (line[0].islower() and not prev_line.endswith(_SENTENCE_END)))
            ):
                # "intermediate-\nrange" joins without a space; "NATO -\na Western" with one
                sep = "" if prev_line.endswith("-") and prev_line[-2:-1].isalpha() else " "
            else:
                sep = "\n" if adjacent else "\n\n"
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        indexes.append(index)
        parts.append(line)
        pos += len(line)
        previous = (index, line)
    return Cleaned("".join(parts), tuple(starts), tuple(indexes), dateline, front_matter)


# ---------------------------------------------------------------------------------------------------------
# From cleaned offsets back to the original text.
# ---------------------------------------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n?|\n")
#: How far ahead in an original line a word of the cleaned line is looked for after markup was cut out.
_RESYNC_WINDOW = 4096
_WORD_CHARS = re.compile(r"\w{1,32}")
#: When resynchronising: how much of what follows settles which occurrence of a word is meant, and how many
#: occurrences are tried.
_RESYNC_NEEDLE = 32
_RESYNC_TRIES = 8
_RESYNC_SURE = 12


class SourceMap:
    r"""Where each character of a cleaned text comes from in the original, as runs (bounded memory).

    A run starts at a cleaned offset and is either *linear* (cleaned ``k`` comes from original
    ``origin + k - start``: text copied through), *constant* (every character comes from one original
    character: ``...`` from ``\u2026``, a line break joined into a space) or *unmapped* (a space put back
    between glued words, a character produced by an entity). Ordinary text needs one run per line.

    >>> m = source_map("  Tom\u2019s \u2026 <b>house</b>\n", "Tom's ... house", (0,), (0,))
    >>> [m.origin(k) for k in range(len("Tom's ... house"))]
    [2, 3, 4, 5, 6, 7, 8, 8, 8, 9, 13, 14, 15, 16, 17]
    """

    __slots__ = ("_linear", "_origins", "_starts")

    def __init__(self) -> None:
        self._starts = array("i")
        self._origins = array("i")  # -1: unmapped
        self._linear = array("b")

    def _add(self, start: int, origin: int, linear: bool) -> None:
        """A run from cleaned ``start``; merged into the previous run when it continues it."""
        if self._starts:
            last_start, last_origin, last_linear = self._starts[-1], self._origins[-1], self._linear[-1]
            if origin < 0 and last_origin < 0:
                return
            if linear and last_linear and last_origin >= 0 and origin - last_origin == start - last_start:
                return
            if last_start == start:  # an empty run: replace it
                self._origins[-1], self._linear[-1] = origin, linear
                return
        self._starts.append(start)
        self._origins.append(origin)
        self._linear.append(linear)

    def origin(self, offset: int) -> int | None:
        """The original offset of the character at cleaned ``offset``, or None when it has none."""
        run = bisect.bisect_right(self._starts, offset) - 1
        if run < 0:
            return None
        origin = self._origins[run]
        if origin < 0:
            return None
        return origin + (offset - self._starts[run]) if self._linear[run] else origin

    def __len__(self) -> int:
        """The number of runs (the memory the map takes, in units of three small ints)."""
        return len(self._starts)


def _common_length(a: str, i: int, b: str, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` share at their start (slice compares, log steps)."""
    n = min(len(a) - i, len(b) - j)
    if n <= 0 or a[i] != b[j]:
        return 0
    low, step = 1, 1  # a[i:i+low] == b[j:j+low]; gallop, then halve: O(length found), never O(line)
    while low + step <= n and a[i + low : i + low + step] == b[j + low : j + low + step]:
        low += step
        step *= 2
    while step > 1:
        step //= 2
        if low + step <= n and a[i + low : i + low + step] == b[j + low : j + low + step]:
            low += step
    return low


def _align_line(result: SourceMap, original: str, base: int, piece: str, start: int) -> None:
    r"""Add the runs of cleaned ``piece`` (at ``start``) taken from original line ``original`` (at ``base``).

    The cleaner copies most characters through, substitutes some (quotes, dashes, spaces, ``\u2026``),
    deletes some (zero-width), squeezes spaces, puts spaces back between glued words and cuts markup out.
    A greedy walk undoes that; where markup was cut it looks ahead for the next word. Any mistake is caught
    by :func:`same_words` when a span is mapped, so the walk only has to be right most of the time.
    """
    i, j = 0, 0
    budget = 4 * len(original) + _RESYNC_WINDOW  # bounded look-ahead: linear in the line
    while j < len(piece):
        k = _common_length(original, i, piece, j)
        if k:
            result._add(start + j, base + i, True)
            i, j = i + k, j + k
            continue
        if i >= len(original):
            result._add(start + j, -1, False)
            return
        char, want = original[i], piece[j]
        replacement = _CHARS.get(char)
        if replacement is not None:
            if not replacement:
                i += 1
                continue
            if piece.startswith(replacement, j):
                result._add(start + j, base + i, len(replacement) == 1)
                i, j = i + 1, j + len(replacement)
                continue
        if char.isspace() or replacement == " ":
            i += 1  # squeezed or stripped
            continue
        if want == " ":
            result._add(start + j, -1, False)  # a space put back between glued words
            j += 1
            continue
        word = _WORD_CHARS.match(piece, j)
        found = -1
        if word is not None and budget > 0:
            # The next occurrence of the word, unless a later one goes on as the cleaned line does for much
            # longer: a word that also occurs in a fragment cut before it (seeds/002: `We have received this
            # offer ... "}}">We received this offer`) must not pull the map back there; but "the" in
            # `of <b>the</b> holster` is the first "the", though "the second floor" shares "the " too.
            best = 0
            wanted = min(_RESYNC_NEEDLE, len(piece) - j)
            at, stop = i, min(len(original), i + _RESYNC_WINDOW)
            for _ in range(_RESYNC_TRIES):
                at = original.find(word.group(), at, stop)
                if at < 0:
                    break
                common = _common_length(original, at, piece, j)
                if found < 0 or common >= max(2 * best, _RESYNC_SURE):
                    found, best = at, common
                if common >= wanted:
                    break
                at += 1
            budget -= (stop if at < 0 else at) - i + 1
            if found < 0 and j == 0:
                # A fragment cut out of a long line of markup can be anywhere in it: look once, unbounded.
                found = original.find(piece[:wanted], i)
        if found >= 0:
            i = found  # markup cut out before this word
            continue
        result._add(start + j, -1, False)  # made by the cleaner (an entity, a cut fragment's quote)
        j = word.end() if word is not None else j + 1


def source_map(original: str, text: str, line_starts: Sequence[int], line_indexes: Sequence[int]) -> SourceMap:
    r"""The map from cleaned ``text`` (with its pieces, as :class:`Cleaned` gives them) to ``original``.

    Line breaks are those of :func:`split_lines`; each piece of ``text`` comes from one original line, and
    the separator after it (a space or line breaks of a joined paragraph) from the end of that line.

    >>> raw = "Title\r\n\r\nThe countries ofNorth Atlantic\u00a0Treaty \u2013 met.\n"
    >>> c = clean_document(raw)
    >>> m = source_map(raw, c.text, c.line_starts, c.line_indexes)
    >>> k = c.text.index("North"); raw[m.origin(k) : m.origin(k) + 5]
    'North'
    >>> [m.origin(k) for k in range(len(c.text)) if c.text[k] == "-"], raw.index("\u2013")
    ([47], 47)
    """
    breaks = [0]
    breaks.extend(m.end() for m in _LINE_BREAK.finditer(original))
    result = SourceMap()
    count = len(line_starts)
    for n in range(count):
        start, index = line_starts[n], line_indexes[n]
        end = line_starts[n + 1] if n + 1 < count else len(text)
        piece = text[start:end].rstrip(" \n")
        if index >= len(breaks):
            result._add(start, -1, False)
            continue
        line_start = breaks[index]
        line_end = breaks[index + 1] if index + 1 < len(breaks) else len(original)
        line = original[line_start:line_end].rstrip("\r\n")
        stripped = line.strip()
        if stripped == piece:  # the common case: the line copied through
            result._add(start, line_start + line.index(piece[:1]) if piece else line_start, True)
        else:
            _align_line(result, line, line_start, piece, start)
        if start + len(piece) < end:
            # The separator comes from the end of the line (a joined paragraph: the line break).
            result._add(start + len(piece), line_start + len(line), False)
    return result


def same_words(cleaned: str, original: str) -> bool:
    r"""Whether an original slice says what the cleaned slice says: the same characters after the cleaner's
    substitutions and entity decoding, whitespace aside.

    >>> same_words("Tom's house - 5", "Tom\u2019s\n  house \u2013 5"), same_words("of North", "ofNorth")
    (True, True)
    >>> same_words("Tom & Jerry", "Tom &amp; Jerry"), same_words("500 troops", "<b>500</b> troops")
    (True, False)
    """
    if "&" in original:
        original = html.unescape(original)
    return "".join(_normalize(original).split()) == "".join(cleaned.split())
