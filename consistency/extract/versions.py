"""Find software version numbers: "Python 3.10", "v2.1.0", "version 2.0", "2.0.1-rc1", "Django 4.2 LTS".

A version is read as a tuple of integers, never as a float: "3.10" is (3, 10), later than "3.9" = (3, 9).
What counts as a version (news is full of decimals that are not):

* a dotted number after a product name ("Python 3.10", "Node.js 18.17") or after "version", "release",
  "Release", "v"/"V" glued ("v2", "v1.5.0");
* a number with three or more dotted parts anywhere ("1.2.3"), with an optional pre-release or build suffix
  ("2.0.1-rc1", "1.0.0-beta.2", "3.12.0a1", "1.4.2+build.7").

Not versions:

* decimals in prose: "3.5 percent", "6.1-magnitude", "$1.2 billion", "1.5 million", "magnitude 6.1" (a unit,
  a scale word, a currency sign or a measuring word next to the number);
* IP addresses: four parts, each 0..255, are an address unless "version"/"v" stands right before;
* dates "2021.12.17" (a year, a month and a day), unless "version"/"v" stands right before (calendar versioning);
* section numbers: "Section 3.2.1", "Article 5.1", "§ 4.2", "Figure 2.1", "Table 3.1", "Chapter 4.2".

>>> [(v.text, v.product, v.parts, v.label) for v in find_versions("Requires Python 3.10 or later; see v2.1.0-rc1.")]
[('3.10', 'Python', (3, 10), ''), ('v2.1.0-rc1', '', (2, 1, 0), 'rc1')]
>>> find_versions("a 6.1-magnitude quake, up 3.5 percent, $1.2 billion, 1.5 million, at 10.0.0.1 on 2021.12.17")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract._datewords import MONTHS, WEEKDAYS
from consistency.extract.times import ZONES

__all__ = ["VersionMention", "find_versions"]


@dataclass(frozen=True)
class VersionMention:
    """One version number: the version text only, the product it belongs to, its numeric parts and suffix."""

    start: int
    end: int
    text: str
    product: str
    parts: tuple[int, ...]
    label: str


def _words(text: str) -> frozenset[str]:
    """A word table written as a block of text."""
    return frozenset(text.split())


# Lower-case product names that are written in lower case in their own docs ("pip 23.1", "numpy 1.26").
_LOWER_PRODUCTS = _words(
    """
    pip npm yarn pnpm node python python3 numpy pandas scipy pytest ruff mypy black django flask fastapi
    requests setuptools wheel poetry conda cargo rustc go gcc clang llvm cmake make bash zsh git curl openssl
    nginx redis postgres postgresql mysql sqlite sqlite3 kubectl helm terraform docker ansible vim emacs
    react vue angular webpack vite babel typescript eslint prettier jquery bootstrap rails ruby php perl java
    jdk openjdk kotlin scala swift dotnet torch pytorch tensorflow jax transformers sklearn scikit-learn
    ubuntu debian fedora centos alpine macos ios ipados watchos android linux kernel chrome firefox electron
    """
)
# Words before a number that make it a reference into a document, never a version ("Section 3.2.1").
_SECTION_WORDS = _words(
    """
    section sections sec article articles chapter chapters figure figures fig table tables page pages vol volume
    part rule clause item step paragraph para appendix annex schedule note exhibit equation eq eqn verse verses
    no nos number
    """
)
# Capitalised words before a number that make it not a version: measures, places, sentence openers.
_NOT_PRODUCTS = (
    _SECTION_WORDS
    | _words(
        """
    magnitude richter category level grade phase stage room flight route highway interstate platform gate floor
    suite apt unit lot block row seat about around approximately roughly nearly almost only some just exactly
    over under above below between up down by at in on of the a an to from more less than least most and or
    with for was is are were rose fell gained lost grew top score scored rated ranked worth total average another
    new now latest current previous old older newer stable release released releases requires require required
    supports support supported upgrade upgraded upgrades bump bumped bumps add added adds fix fixed fixes drop
    dropped drops deprecated deprecate removed remove changed change update updated updates install installed
    use uses using see since until pinned pin tested compatible available ships shipped run runs running tag tagged
    """
    )
    | frozenset(z.lower() for z in ZONES)
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)  # "09:11 GMT 5.9 Earthquake"
# After the number: units, scale words, "percent", time markers: a measured quantity, not a version.
_UNIT_AFTER_RE = re.compile(
    r"[-\s]?(?:percent|per\s*cent|%|million|billion|trillion|thousand|mln|bn|m\b|k\b|magnitude|points?|pts|"
    r"times|fold|degrees?|°|km|kms|kilomet\w*|miles?|metres?|meters?|m²|ft|feet|inch\w*|kg|kilo\w*|tons?|tonnes?|"
    r"pounds?|lbs?|ounces?|liters?|litres?|gallons?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|"
    r"months?|years?|[ap]\.?\s?m\b|on\s+the\s+richter|(?:earth)?quakes?|tremors?|aftershocks?|temblors?)",
    re.IGNORECASE,
)
_SUFFIX = r"(?:-?(?:alpha|beta|rc|pre|preview|dev|post|a|b)\.?\d*(?:\.\d+)?|-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)"
_PRERELEASE_RE = re.compile(r"(?:alpha|beta|rc|pre|preview|dev|post|a|b)\.?\d*(?:\.\d+)?", re.IGNORECASE)
_VERSION_RE = re.compile(
    rf"""
    (?<![\w.$£€/:@-])
    (?:(?P<v>[vV])(?=\d))?
    (?P<num>\d{{1,9}}(?:\.\d{{1,9}}){{0,7}})
    (?P<suffix>{_SUFFIX}(?![\w-]))?
    (?P<build>\+[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?
    (?![\w]|\.\d)
    (?P<spaced>\s(?:alpha|beta|RC|rc|preview|LTS)(?:\s?\d{{1,3}})?\b)?
    """,
    re.VERBOSE,
)
_KEYWORD_BEFORE_RE = re.compile(r"(?:\b(?P<kw>version|release|ver\.?|build)|(?P<sect>§))\s*$", re.IGNORECASE)
_VERSION_JUST_BEFORE_RE = re.compile(r"version\s*$", re.IGNORECASE)
_PIN_BEFORE_RE = re.compile(r"([A-Za-z][\w.-]*)\s*(?:==|>=|<=|~=|!=|>|<|@)\s*$")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w.+#-]*[\w+#]|[A-Za-z])\s+$")


def _product_ending_at(text: str, lo: int, hi: int) -> str:
    """The product name that ends right before ``hi`` (up to three words: "Shader Model", "Mac OS X")."""
    words: list[str] = []
    pin = _PIN_BEFORE_RE.search(text, lo, hi)
    if pin:  # "numpy==1.26.4", "pandas>=2.1.0": a requirement pins a package
        return pin.group(1)
    while len(words) < 3:
        m = _WORD_BEFORE_RE.search(text, lo, hi)
        if not m or (words and text[m.end(1) : hi] != " "):
            break
        w = m.group(1)
        if w.lower() in _NOT_PRODUCTS or w.endswith("'s") or not (w[0].isupper() or w.lower() in _LOWER_PRODUCTS):
            break
        words.insert(0, w)
        hi = m.start(1)
    return " ".join(words)


def _product_before(text: str, pos: int) -> tuple[str, bool, bool]:
    """(product as written, whether a version keyword stands right before ``pos``, whether a section word does)."""
    lo = max(0, pos - 60)
    kw = _KEYWORD_BEFORE_RE.search(text, lo, pos)
    if kw and kw.group("sect"):
        return "", False, True
    if kw:
        return _product_ending_at(text, lo, kw.start()), True, False
    word = _WORD_BEFORE_RE.search(text, lo, pos)
    if word and word.group(1).lower().rstrip(".") in _SECTION_WORDS:
        return "", False, True
    return _product_ending_at(text, lo, pos), False, False


def _is_ip(parts: list[int]) -> bool:
    return len(parts) == 4 and all(p <= 255 for p in parts)


def _is_date(num: str, parts: list[int]) -> bool:
    """ "2021.12.17" (year first) or "17.12.2021" (day first, as much of Europe writes dates)."""
    if len(parts) != 3:
        return False
    digits = num.split(".")
    if len(digits[0]) == 4:
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    if len(digits[2]) == 4:
        return 1 <= parts[0] <= 31 and 1 <= parts[1] <= 12
    # "02.29.12 4:15 PM" (ECB+ 43_3ecbplus): three two-digit parts that read as a month, a day and a year.
    if all(len(d) == 2 for d in digits):
        return (parts[0] <= 12 and 1 <= parts[1] <= 31) or (parts[0] <= 31 and 1 <= parts[1] <= 12)
    return False


def find_versions(text: str) -> list[VersionMention]:
    """Every version number in ``text``, in order.

    >>> [(v.text, v.product, v.parts) for v in find_versions("Django version 4.2 drops support for Python 3.7.")]
    [('4.2', 'Django', (4, 2)), ('3.7', 'Python', (3, 7))]
    >>> [(v.text, v.parts, v.label) for v in find_versions("pip 23.1 and v2; 1.0.0-beta.2; 3.12.0a1")]
    [('23.1', (23, 1), ''), ('v2', (2,), ''), ('1.0.0-beta.2', (1, 0, 0), 'beta.2'), ('3.12.0a1', (3, 12, 0), 'a1')]
    """
    out: list[VersionMention] = []
    for m in _VERSION_RE.finditer(text):
        num = m.group("num")
        parts = [int(p) for p in num.split(".")]
        if len(parts) > 6:
            continue  # "1.1.1.1.1.1.1.1": no software numbers its versions this deep
        start = m.start()
        just_before = text[max(0, start - 12) : start]
        if len(parts) == 1 and m.group("v") is None and not _VERSION_JUST_BEFORE_RE.search(just_before):
            continue  # a bare number is a version only after "version" (the test below): most numbers stop here
        product, keyword, section = _product_before(text, start)
        if section:
            continue  # "Section 3.2.1", "§ 4.2": a place in a document
        prefixed = m.group("v") is not None
        if prefixed and m.group("v") == "V" and len(parts) == 1:
            continue  # "V8", "V6 engine": engines and names, not "v2"
        explicit = keyword or prefixed
        suffix = (m.group("suffix") or "").lstrip("-")
        if suffix and not _PRERELEASE_RE.fullmatch(suffix) and (len(parts) < 3 or not any(c.isdigit() for c in suffix)):
            # "6.1-magnitude", "2.5-fold": a word glued by a hyphen is a compound, not a version suffix
            # ("1.0.0-rc1", "2.0.0-SNAPSHOT2" keep theirs).
            suffix = ""
            end = m.end("num")
            build = ""
            spaced = False
        else:
            build = (m.group("build") or "").lstrip("+")
            end = m.end("build") if m.group("build") else m.end("suffix") if m.group("suffix") else m.end("num")
            spaced = m.group("spaced") is not None
        if not suffix and not build and not spaced and _UNIT_AFTER_RE.match(text, end):
            continue  # "3.5 percent", "6.1-magnitude", "1.5 million", "4.15pm"
        if not explicit and (_is_ip(parts) or _is_date(num, parts)):
            continue
        if len(parts) == 1:
            # "v2" and "version 2" only; "release 5 hostages" is a verb and a count.
            if not (prefixed or (keyword and _VERSION_JUST_BEFORE_RE.search(just_before))):
                continue
        elif len(parts) == 2 and not (explicit or product):
            continue  # a bare decimal in prose: "3.5"
        label = suffix or build
        if spaced:
            end = m.end("spaced")
            label = label or " ".join(m.group("spaced").split())
        out.append(VersionMention(start, end, text[start:end], product, tuple(parts), label))
    return out
