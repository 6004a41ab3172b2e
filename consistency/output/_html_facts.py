"""The facts report.html's cards quote: each value's facts, joined to the facts table a block at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from consistency._memory import give_back
from consistency.output.claims import integer, text

__all__ = ["FactIndex", "FactRow"]


@dataclass(frozen=True, slots=True)
class FactRow:
    doc_id: str
    line: int | None
    text: str
    #: The fact's sentence as a number the facts of the same sentence share (:meth:`FactIndex.sentence`).
    sentence: int


class FactIndex:
    """The facts each value (row) of the claims shown states, its ``fact_ids`` joined to ``result.facts``: a
    row's facts are looked up by its number, rows in increasing order (the cards'). The facts of a block of
    rows (about :data:`_BLOCK` facts) are joined at once, their documents and sentences held as numbers and
    their lines and words as plain lists, and let go when the cards move past them: a big story's 2,000 cards
    name most of its facts, and holding them all at once was most of what writing report.html took.

    A card counts the sentences of every fact of a value but quotes only a few, so sentences are held once
    each, and a fact has its sentence's number."""

    #: About this many facts are made Python values at once.
    _BLOCK = 50_000

    def __init__(self, facts: pd.DataFrame, fact_ids: pd.Series) -> None:
        self._facts = facts
        self._ids = fact_ids.reset_index(drop=True)
        self._first = 0  # the block held: rows self._first .. self._end
        self._end = 0
        # Where each block of rows ends: each row's facts counted, blocks cut at every _BLOCK of them.
        sizes = self._ids.astype(object).str.count(";").fillna(-1).to_numpy(dtype=np.int64) + 1
        total = np.cumsum(sizes)
        cuts = np.searchsorted(total, np.arange(self._BLOCK, int(total[-1]) if len(total) else 0, self._BLOCK))
        self._cuts = [*sorted({int(c) + 1 for c in cuts}), len(sizes)]
        self._hold(0, 0)  # nothing held yet

    def _hold(self, first: int, end: int) -> None:
        """Join the facts of rows ``first`` .. ``end`` (letting go of the block held before, and its memory)."""
        self._first, self._end = first, end
        self._rows = self._docs = self._sentence = np.empty(0, dtype=np.int64)
        self._doc_names = self._sentences = pd.Index([])
        self._lines, self._texts = [], []
        give_back()
        if first == end:
            return
        named = _items(self._ids.iloc[first:end])
        pairs = pd.DataFrame({"row": named.index.to_numpy(dtype=np.int64), "fact_id": named.to_numpy()})
        del named
        columns = ["fact_id", "doc_id", "line", "text", "sentence"]
        facts = self._facts
        named_facts = facts.loc[facts["fact_id"].isin(pairs["fact_id"]), columns]  # not a copy of every fact
        found = pairs.merge(named_facts, on="fact_id", how="inner", sort=False)
        del pairs, named_facts
        found = found.sort_values("row", kind="stable")
        self._rows = found["row"].to_numpy()
        # Numbers for the documents and the sentences (shared by many facts), Python values for the rest.
        self._docs, self._doc_names = pd.factorize(found["doc_id"])
        self._sentence, self._sentences = pd.factorize(found["sentence"])  # a missing one is -1
        self._lines = [integer(line) for line in found["line"].tolist()]
        self._texts = [text(said) for said in found["text"].tolist()]

    def get(self, row: int) -> list[FactRow]:
        """The facts of row ``row``, in document order (document, then line)."""
        if not self._first <= row < self._end:
            end = next(cut for cut in [*self._cuts, row + 1] if cut > row)
            self._hold(row, end)
        start, end = (int(n) for n in np.searchsorted(self._rows, [row, row + 1]))
        found = [
            FactRow(text(self._doc_names[doc]) if doc >= 0 else "", line, said, number)
            for doc, line, said, number in zip(
                self._docs[start:end].tolist(),
                self._lines[start:end],
                self._texts[start:end],
                self._sentence[start:end].tolist(),
                strict=True,
            )
        ]
        return sorted(found, key=lambda r: (r.doc_id, r.line or 0, r.text))

    def sentence(self, number: int) -> str:
        """The text of sentence ``number`` of the block held ("" for a missing one)."""
        return text(self._sentences[number]) if number >= 0 else ""


def _items(lists: pd.Series) -> pd.Series:
    """Each item of the ``;``-joined lists of ``lists`` (ids of facts or documents), indexed by its list's index,
    empty and missing ones left out. (As objects: a table with no claims has no text columns.)"""
    items = lists.astype(object).str.split(";").explode()
    return items[items.notna() & (items != "")]
