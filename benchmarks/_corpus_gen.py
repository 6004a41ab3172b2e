"""Distinct real-text documents for the benchmarks: variants of the ECB+ and AQUAINT articles.

Replicated copies of the same article flatter the pipeline (the aligner scores a repeated sentence once), so
each generated document is new text: per topic, a header (headline, URL or dateline lines) of one of the topic's
articles, then body sentences sampled from all the topic's articles, in a fresh order, with every number redrawn
(same digit count; years stay within ten years of the original and 1900..2029; a day of the month stays 1..28;
clock times stay clock times).
Document ``i`` depends only on the seed, its topic and ``i``: the corpus of 4,000 documents holds the 1,000 of
the smaller one, so the sizes grow by adding documents, never by reshuffling them.

    >>> import random
    >>> redraw_numbers("no digits here", random.Random(0))
    'no digits here'
    >>> out = redraw_numbers("On April 19, 2007 a 38-year-old fired 4 rounds.", random.Random(1))
    >>> import re
    >>> [len(n) for n in re.findall(r"\\d+", out)]
    [2, 4, 2, 1]
    >>> h, m = redraw_numbers("at 10:26", random.Random(3))[3:].split(":")
    >>> 10 <= int(h) <= 12 and 0 <= int(m) <= 59
    True
    >>> day, year = (int(n) for n in re.findall(r"\\d+", out)[:2])
    >>> 10 <= day <= 28 and 1997 <= year <= 2017
    True
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def _month_names() -> dict[str, int]:
    """The month names of ``consistency/_clean.py``, the one place they live (``extract/_datewords.py`` in older
    revisions), read from that file alone: the generator must work while the package around it is half edited,
    or at another revision."""
    path = ROOT / "consistency" / "_clean.py"
    if "MONTHS" not in path.read_text(encoding="utf-8"):
        path = ROOT / "consistency" / "extract" / "_datewords.py"
    spec = importlib.util.spec_from_file_location("_benchmark_datewords", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    months: dict[str, int] = module.MONTHS
    return months


MONTHS = _month_names()

_DIGITS = re.compile(r"\d+")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A number right after a month name ("April 19") or right before one ("19th of April") is a day of the month.
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s{{1,2}}$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s{{1,2}}(?:of\s)?(?:{_MONTH})\b", re.IGNORECASE)
#: A header line (headline, URL, dateline, "Published April 11, 2007") is short; a body sentence is longer.
_HEADER_MAX_WORDS = 7
_HEADER_MAX_LINES = 3
_MIN_SENTENCES = 3


@dataclass(frozen=True)
class Topic:
    """The articles of one story: their header lines, their pooled body sentences and their lengths."""

    name: str
    headers: tuple[tuple[str, ...], ...]
    sentences: tuple[str, ...]
    #: Body sentence count of each source article: a variant takes the length of one of them.
    lengths: tuple[int, ...]

    @property
    def articles(self) -> int:
        return len(self.headers)


def _split(lines: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """(header lines, body lines) of one article: the leading short lines, at most three, are its header."""
    head = 0
    while head < min(_HEADER_MAX_LINES, len(lines) - 1) and len(lines[head].split()) <= _HEADER_MAX_WORDS:
        head += 1
    return tuple(lines[:head]), list(lines[head:])


def _topic(name: str, articles: Sequence[Sequence[str]]) -> Topic:
    headers: list[tuple[str, ...]] = []
    sentences: list[str] = []
    lengths: list[int] = []
    for lines in articles:
        header, body = _split(lines)
        headers.append(header)
        sentences.extend(body)
        lengths.append(len(body))
    return Topic(name, tuple(headers), tuple(sentences), tuple(lengths))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_topics(corpora: Path = CORPORA) -> list[Topic]:
    """Every ECB+ topic (``ecbplus/text/<topic>/``) and every AQUAINT story (``AQUAINT-index.tsv``), by name."""
    topics: list[Topic] = []
    for folder in sorted(p for p in (corpora / "ecbplus" / "text").iterdir() if p.is_dir()):
        articles = [_lines(p) for p in sorted(folder.glob("*.txt"))]
        topics.append(_topic(f"ecb{folder.name}", [a for a in articles if a]))
    tbaq = corpora / "timeml-tbaq"
    clusters: dict[str, list[list[str]]] = {}
    index = (tbaq / "AQUAINT-index.tsv").read_text(encoding="utf-8").splitlines()
    for row in index[1:]:
        cluster, _dct, doc_id, *_ = row.split("\t")
        path = tbaq / "AQUAINT-text" / f"{doc_id}.txt"
        if path.exists():
            clusters.setdefault(cluster, []).append(_lines(path))
    for cluster in sorted(clusters):
        topics.append(_topic(cluster, [a for a in clusters[cluster] if a]))
    return topics


def _redraw(match: re.Match[str], text: str, rng: random.Random) -> str:
    digits = match.group()
    width = len(digits)
    start, end = match.span()
    if width == 4 and digits[:2] in ("19", "20"):
        year = int(digits)
        return str(rng.randint(max(1900, year - 10), min(2029, year + 10)))
    if width <= 2 and (
        _MONTH_BEFORE.search(text, max(0, start - 12), start) or _MONTH_AFTER.match(text[end : end + 16])
    ):
        return str(rng.randint(1, 9) if width == 1 else rng.randint(10, 28))
    if width == 2 and text[start - 1 : start] == ":":  # the minutes of "8:05am", "13:26"
        return f"{rng.randint(0, 59):02d}"
    if width <= 2 and text[end : end + 1] == ":":  # the hour
        return str(rng.randint(1, 9) if width == 1 else rng.randint(10, 12))
    if width > 1 and digits[0] == "0":  # "07" in a URL or a clock time keeps its leading zero
        return "0" + "".join(rng.choice("0123456789") for _ in range(width - 1))
    return rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(width - 1))


def redraw_numbers(text: str, rng: random.Random, rate: float = 1.0) -> str:
    """``text`` with each run of digits redrawn (with probability ``rate``) to a plausible value of its width."""
    return _DIGITS.sub(lambda m: _redraw(m, text, rng) if rng.random() < rate else m.group(), text)


def variant(topic: Topic, index: int, seed: int, rate: float = 1.0) -> str:
    """The ``index``-th generated article of ``topic``: one article's header, sampled body sentences, numbers
    redrawn. Deterministic in (seed, topic, index).

    >>> t = Topic("t", (("Headline 2007",),), ("A first sentence.", "A second one with 12 people."), (2,))
    >>> variant(t, 0, seed=0) == variant(t, 0, seed=0)
    True
    >>> variant(t, 0, seed=0).count("\\n")  # the header and both sentences: the topic has no more
    3
    """
    rng = random.Random(f"{seed}:{topic.name}:{index}")
    header = rng.choice(topic.headers)
    # At least a few sentences: a header and one short line is read as a dateline and an empty document.
    length = max(_MIN_SENTENCES, rng.choice(topic.lengths))
    body = rng.sample(topic.sentences, min(length, len(topic.sentences)))
    return redraw_numbers("\n".join([*header, *body]), rng, rate) + "\n"


def documents(topics: Sequence[Topic], n: int, seed: int, rate: float = 1.0) -> Iterator[tuple[str, str, str]]:
    """(topic name, file name, text) of ``n`` documents spread round-robin over ``topics``."""
    for i in range(n):
        topic = topics[i % len(topics)]
        k = i // len(topics)
        yield topic.name, f"{topic.name}-{k:06d}.txt", variant(topic, k, seed, rate)


def write_corpus(topics: Sequence[Topic], n: int, directory: Path, seed: int, rate: float = 1.0) -> int:
    """Write ``n`` documents as ``directory/<topic>/<topic>-<k>.txt``; returns the bytes written."""
    total = 0
    for name, file_name, text in documents(topics, n, seed, rate):
        folder = directory / name
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / file_name).write_bytes(data)
        total += len(data)
    return total
