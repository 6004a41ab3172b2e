"""Gold mentions and coreference chains from the ECB+ XML, for ``benchmarks/alignment.py``.

Each ``xml/<topic>/<doc>.xml`` holds tokens (``sentence``, ``number``), markables anchored to token ids and
relations. A mention's *chain* is the ``note`` (instance id) of the ``CROSS_DOC_COREF`` relation it is a source
of (or the ``instance_id`` of the markable itself when it is the target); mentions linked only inside one document
(``INTRA_DOC_COREF``) or not at all get a chain of their own that no other document shares.

Gold mentions kept: ``date`` = every ``TIME_DATE`` mention; ``number`` = every other markable (not ``TIME_*``,
not ``LOC_*``) whose tokens include a number read by :func:`consistency.extract._numwords.read_numbers` (digits
or number words; ordinals like "first" are not counts and are left out). ECB+ often anchors a participant on its
head noun only ("at least three <people>"): with ``premodifier=True`` a run of number tokens right before the
mention counts as part of it (participants only, not actions). Sentence 0 of ``*ecbplus`` files is the URL and
is skipped; the plain-text file has line ``n + 1`` for sentence ``n``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from consistency.extract._numwords import read_numbers

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Mention:
    """One gold mention: where it is (1-based line of the text file), its words and its chain."""

    doc_id: str
    topic: str
    subtopic: str  # "ecb" or "ecbplus": two different events of one topic
    m_id: str
    kind: str  # "date" or "number"
    tag: str
    line: int
    words: tuple[str, ...]
    text: str
    chain: str
    cross_doc: bool  # the chain is a CROSS_DOC_COREF instance (shared across documents)
    first: int  # word span in :func:`norm_words` of the line (end exclusive), spacing-proof
    last: int


def norm_words(text: str) -> tuple[str, ...]:
    """Lower-cased alphanumeric words, so that token spacing does not matter.

    >>> norm_words("May 5, 2010")
    ('may', '5', '2010')
    >>> norm_words("$35,000")
    ('35', '000')
    """
    return tuple(_WORD.findall(text.lower()))


def _is_number(text: str) -> bool:
    """A cardinal, fraction or vague amount (not an ordinal) in the token text.

    >>> _is_number("three"), _is_number("35,000"), _is_number("first"), _is_number("officer")
    (True, True, False, False)
    """
    return any(a.kind != "ord" for a in read_numbers(text))


def read_document(path: Path, *, premodifier: bool = False) -> list[Mention]:
    """The gold date and number mentions of one ECB+ XML file."""
    root = ET.parse(path).getroot()
    doc_id = path.stem
    topic = path.parent.name
    subtopic = "ecbplus" if doc_id.endswith("ecbplus") else "ecb"
    tokens: dict[str, tuple[int, int, str]] = {}
    by_position: dict[tuple[int, int], str] = {}
    for tok in root.iter("token"):
        sent, num = int(tok.get("sentence", "0")), int(tok.get("number", "0"))
        tokens[tok.get("t_id", "")] = (sent, num, tok.text or "")
        by_position[(sent, num)] = tok.get("t_id", "")
    # Word offset of each token inside its sentence, counted in norm_words: the same count as in the text line.
    offset: dict[tuple[int, int], tuple[int, int]] = {}
    running: dict[int, int] = {}
    for sent, num in sorted(by_position):
        n = len(norm_words(tokens[by_position[(sent, num)]][2]))
        at = running.get(sent, 0)
        offset[(sent, num)] = (at, at + n)
        running[sent] = at + n
    markables = root.find("Markables")
    relations = root.find("Relations")
    chain: dict[str, tuple[str, bool]] = {}
    anchored: dict[str, tuple[str, list[str]]] = {}
    if markables is not None:
        for m in markables:
            ids = [a.get("t_id", "") for a in m.findall("token_anchor")]
            if ids:
                anchored[m.get("m_id", "")] = (m.tag, ids)
            elif m.get("instance_id"):
                chain[m.get("m_id", "")] = (m.get("instance_id", ""), True)
    if relations is not None:
        for rel in relations:
            target = rel.find("target")
            tid = target.get("m_id", "") if target is not None else ""
            if rel.tag == "CROSS_DOC_COREF":
                key = (rel.get("note") or chain.get(tid, ("", False))[0], True)
            elif rel.tag == "INTRA_DOC_COREF":
                key = (f"{doc_id}#{tid}", False)
            else:
                continue
            for src in rel.findall("source"):
                chain.setdefault(src.get("m_id", ""), key)
    out: list[Mention] = []
    for m_id, (tag, ids) in anchored.items():
        toks = sorted(tokens[t] for t in ids if t in tokens)
        if not toks:
            continue
        sent = toks[0][0]
        first, last = offset[toks[0][:2]][0], offset[toks[-1][:2]][1]
        if subtopic == "ecbplus" and sent == 0:
            continue
        text = " ".join(t[2] for t in toks)
        if tag == "TIME_DATE":
            kind = "date"
        elif tag.startswith(("TIME_", "LOC_")):
            continue
        else:
            if premodifier and tag.startswith(("HUMAN_PART", "NON_HUMAN_PART")):
                pre: list[str] = []
                num = toks[0][1] - 1
                while (sent, num) in by_position and _is_number(tokens[by_position[(sent, num)]][2]):
                    pre.insert(0, tokens[by_position[(sent, num)]][2])
                    first = offset[(sent, num)][0]
                    num -= 1
                if pre:
                    text = " ".join([*pre, text])
            if not _is_number(text):
                continue
            kind = "number"
        name, cross = chain.get(m_id, (f"{doc_id}#{m_id}", False))
        out.append(
            Mention(
                doc_id, topic, subtopic, m_id, kind, tag, sent + 1, norm_words(text), text, name, cross, first, last
            )
        )
    return sorted(out, key=lambda g: (g.line, g.m_id))


def read_topic(folder: Path, *, premodifier: bool = False) -> list[Mention]:
    """Every gold mention of one topic folder ``xml/<topic>/``."""
    return [m for p in sorted(folder.glob("*.xml")) for m in read_document(p, premodifier=premodifier)]
