"""Whole stories as the unit of work: read, aligned and compared together, leaving only compact tables.

Facts only ever align within a story (:func:`consistency.align.partition`), so a run takes the corpus a few
stories at a time (a *unit*, :func:`plan`): it reads their documents, aligns and compares their facts, and keeps
only tables of the facts and of the comparison rows (text in Arrow columns, not a Python object per field).
The facts of one unit are gone before the next is read, so memory grows with the report, not with every
fact's objects at once; and a pool's workers send back tables, not facts to be sent out again for alignment.

A story with more text than a task should take (:func:`consistency._parallel.chunk_size`) is, on a pool, read
in chunks of documents on several workers, and its facts then aligned on one.

:func:`gather` puts the tables together in the order one pass over the whole corpus gives: facts by document and
position, claims by :func:`consistency.align.claim_order`, then story, then their order in the story; so the
report is byte-identical however the corpus was cut and whichever worker finished first.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from consistency._memory import forget_sentences, give_back
from consistency.align import align_part, claim_order, partition
from consistency.config import Settings
from consistency.extract.kinds import Anchor
from consistency.facts import Fact
from consistency.output.claims import CLAIM_ORDER, ORDER_COLUMNS, claim_rows
from consistency.pipeline import (
    DocumentOutcome,
    DocumentTask,
    Progress,
    _claim_rows,
    comparison_rows,
    fact_rows,
    typed_comparisons,
    typed_facts,
)

if TYPE_CHECKING:
    from consistency._parallel import Backend, Call

__all__ = ["Finished", "Gathered", "Read", "Unit", "finish", "gather", "plan", "read_unit", "run_units"]

#: Text a unit of the run in one process takes (characters): enough that building its tables costs little
#: beside reading it, small enough that its facts' objects are a few tens of MB.
SERIAL_UNIT = 1_000_000

#: Rows of tables a run's process takes back from its workers between two times it gives memory back (see
#: :func:`run_units`): at most 0.17 s in all at 16,000 documents (measured giving back after every result).
GIVE_BACK_ROWS = 50_000

#: A claim as :func:`gather` orders it: its :func:`~consistency.align.claim_order`, its story, its number among
#: the story's claims, and how many comparison rows it has (0: none was worth a row; it still takes a number).
ClaimKey = tuple[tuple[str, str, int], str, int, int]


@dataclass(frozen=True)
class Read:
    """What reading one document gave, without its facts: how many (None when it was skipped, with the
    warning that says why) and the publication date (or interval) inferred for it."""

    doc_id: str
    facts: int | None
    anchor: tuple[Anchor, str] | None
    skipped: str = ""

    @classmethod
    def of(cls, outcome: DocumentOutcome) -> Read:
        found = None if outcome.facts is None else len(outcome.facts)
        return cls(outcome.doc_id, found, outcome.anchor, outcome.skipped)


@dataclass
class Finished:
    """The facts of whole stories aligned and compared: their rows of ``facts.csv`` (:func:`fact_rows`, with
    ``in_claim``), their claims (:data:`ClaimKey`, in story order), the claims' comparison rows in that order
    (:func:`comparison_rows`) and their rows of ``claims.csv`` (:func:`claim_rows`; ``claim_id`` is the claim's
    number among these claims until :func:`gather` numbers them all). :func:`gather` takes the tables out."""

    facts: pd.DataFrame
    claims: list[ClaimKey]
    rows: pd.DataFrame
    claim_table: pd.DataFrame


@dataclass(frozen=True)
class Unit:
    """Tasks (indexes into the run's documents) of whole stories, done together; ``split``: a story too big
    for one task, read in ``chunks`` of documents on several workers."""

    tasks: list[int]
    split: bool = False


def finish(facts: Sequence[Fact], settings: Settings) -> Finished:
    """Align and compare the facts of whole stories (every fact of each), and make their tables."""
    claims: list[ClaimKey] = []
    rows: list[tuple[object, ...]] = []
    in_claims: set[str] = set()
    for story, part in partition(facts):
        for number, claim in enumerate(align_part(story, part, settings.min_score)):
            found = _claim_rows(claim, settings)
            claims.append((claim_order(claim), story, number, len(found)))
            rows.extend(found)
            in_claims.update(f.fact_id for f in claim.facts)
    table = fact_rows(facts)
    table["in_claim"] = table["fact_id"].isin(in_claims)
    compared = comparison_rows(rows)
    numbered = compared.copy(deep=False)
    local = np.repeat(np.array([str(n) for n in range(len(claims))], dtype=object), [k[3] for k in claims])
    numbered.insert(0, "claim_id", pd.Series(local, index=numbered.index, dtype=object))
    return Finished(table, claims, compared, claim_rows(numbered, table))


def read_unit(
    tasks: Sequence[DocumentTask],
    story_days: Mapping[str, Sequence[dt.date]],
    budget: float,
    settings: Settings,
    limit: Callable[[float], AbstractContextManager[None]] | None = None,
    read: Callable[[int], None] | None = None,
) -> tuple[list[Read], Finished]:
    """Read the documents of whole stories (:func:`consistency._parallel.extract_chunk`), then :func:`finish`
    their facts; on any worker. ``read(n)`` is called as the ``n``-th document is read."""
    from consistency._parallel import extract_chunk

    outcomes = extract_chunk(tasks, story_days, budget, limit, read)
    facts = [f for o in outcomes if o.facts is not None for f in o.facts]
    done = [Read.of(o) for o in outcomes], finish(facts, settings)
    del outcomes, facts
    give_back()  # the facts' objects: else every unit's stay beside the tables
    return done


def read_chunk(
    tasks: Sequence[DocumentTask],
    story_days: Mapping[str, Sequence[dt.date]],
    budget: float,
    limit: Callable[[float], AbstractContextManager[None]] | None = None,
) -> tuple[list[Read], bytes]:
    """Read a chunk of a split story's documents (:func:`consistency._parallel.extract_chunk`), on any worker:
    what each gave, and their facts pickled, for :func:`finish_packed` on another worker. The facts pass
    through the run's process as these bytes, never as objects: a third of the memory, and no time spent
    taking them apart and packing them again while the workers need the cores."""
    from consistency._parallel import extract_chunk

    outcomes = extract_chunk(tasks, story_days, budget, limit)
    facts = [f for o in outcomes if o.facts is not None for f in o.facts]
    return [Read.of(o) for o in outcomes], pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)


def finish_packed(packed: Sequence[bytes], settings: Settings) -> Finished:
    """:func:`finish` the facts of :func:`read_chunk`'s chunks, in the order given."""
    facts = [f for part in packed for f in pickle.loads(part)]
    done = finish(facts, settings)
    del facts
    give_back()
    return done


def plan(tasks: Sequence[DocumentTask], target: int, split: bool) -> list[Unit]:
    """The run's units: whole stories, in story order, gathered until a unit has ``target`` characters of text;
    with ``split``, a story with twice that alone is a unit of its own to be read in chunks.

    >>> from consistency.corpus import Document
    >>> def task(n: int, story: str, size: int) -> DocumentTask:
    ...     return DocumentTask(Document(f"d{n}", f"d{n}.txt", "x" * size), story, None)
    >>> work = [task(0, "b", 5), task(1, "a", 5), task(2, "b", 5), task(3, "c", 30), task(4, "d", 5)]
    >>> plan(work, target=10, split=True)
    [Unit(tasks=[1, 0, 2], split=False), Unit(tasks=[3], split=True), Unit(tasks=[4], split=False)]
    """
    stories: dict[str, list[int]] = {}
    for n, t in enumerate(tasks):
        stories.setdefault(t.story, []).append(n)
    units: list[Unit] = []
    current: list[int] = []
    size = 0
    for story in sorted(stories):
        members = stories[story]
        length = sum(len(tasks[n].document.text) for n in members)
        if split and length >= 2 * target:
            units.append(Unit(members, split=True))
            continue
        current.extend(members)
        size += length
        if size >= target:
            units.append(Unit(current))
            current, size = [], 0
    if current:
        units.append(Unit(current))
    return units


@dataclass(frozen=True)
class Gathered:
    """A run's tables put together: each document's :class:`Read` (in the order of the run's documents), the
    facts (:func:`typed_facts`, with ``in_claim``), the comparisons (:func:`typed_comparisons`) and the claims
    (:func:`~consistency.output.claims.typed_claims`; None when no claim has a row)."""

    read: list[Read]
    facts: pd.DataFrame
    in_claim: pd.Series
    comparisons: pd.DataFrame
    claims: pd.DataFrame | None


def gather(count: int, done: Sequence[tuple[Unit, list[Read], Finished]], progress: Progress | None = None) -> Gathered:
    """Put the units' tables together as one pass over the ``count`` documents would have made them."""
    read: list[Read | None] = [None] * count
    for unit, found, _ in done:
        for n, r in zip(unit.tasks, found, strict=True):
            read[n] = r
    finished = [f for _, _, f in done]
    chunks = _with_rows(_taken(finished, "facts"))
    keys = _concat([c[["doc_id", "start", "kind"]] for c in chunks])
    order = keys.sort_values(["doc_id", "start", "kind"], kind="stable").index.to_numpy()
    del keys  # not beside the columns
    facts = _assemble(chunks, order)
    in_claim = facts.pop("in_claim").astype(bool)
    comparisons, numbers = _comparisons(finished, progress)
    return Gathered(
        [r for r in read if r is not None], typed_facts(facts), in_claim, comparisons, _claims(finished, numbers)
    )


def _with_rows(frames: Sequence[pd.DataFrame]) -> list[pd.DataFrame]:
    """``frames`` without those that have no rows (their columns, of no values, have no type that should change
    the others'), unless all are."""
    return [f for f in frames if len(f)] or list(frames[:1])


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """``frames`` one after the other (see :func:`_with_rows`)."""
    full = _with_rows(frames)
    return pd.concat(full, ignore_index=True) if len(full) > 1 else full[0].reset_index(drop=True)


def _taken(finished: Sequence[Finished], table: str) -> list[pd.DataFrame]:
    """Each unit's ``table`` (an attribute of :class:`Finished`), which the unit no longer holds: what holds the
    list alone holds the tables (see :func:`_assemble`)."""
    frames = [getattr(f, table) for f in finished]
    for f in finished:
        setattr(f, table, _NO_ROWS)
    return frames


#: What a unit holds once :func:`gather` took its tables.
_NO_ROWS = pd.DataFrame()


def _assemble(frames: list[pd.DataFrame], order: np.ndarray[Any, np.dtype[np.int64]]) -> pd.DataFrame:
    """The rows ``order`` of ``frames`` one after the other (:func:`_concat`), built a column at a time, each
    column let go once put in order (when nothing else holds ``frames``, which this empties): the tables are
    held about once, not three times (the units', the concatenation and the sorted copy)."""
    full = _with_rows(frames)
    frames.clear()
    names = list(full[0].columns)
    # Each frame's columns by name: dropping columns from a frame one by one costs as much as the rest of the
    # gather (its block manager is rebuilt at each).
    parts = [{name: frame[name] for name in names} for frame in full]
    del full
    columns: dict[str, pd.Series] = {}
    for name in names:
        column = _joined([part.pop(name) for part in parts])
        columns[str(name)] = column.take(order).reset_index(drop=True)
        del column
        give_back()  # the units' column: else the next one is built beside it
    return pd.DataFrame(columns, copy=False)


def _joined(parts: list[pd.Series]) -> pd.Series:
    """``parts`` one after the other (``parts`` is emptied), Arrow text (pandas' ``str`` columns) in one piece:
    Arrow's ``take`` on text in several pieces (one per unit) joins them first, beside the pieces and its
    result, so the largest column (the facts' sentences) was held three times over while it was put in order;
    twice, with the pieces let go once joined."""
    column = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    parts.clear()
    if not isinstance(column.array, pd.arrays.ArrowStringArray):
        return column
    import pyarrow

    dtype, name = column.dtype, column.name
    pieces = pyarrow.array(column)  # the same buffers
    del column
    if isinstance(pieces, pyarrow.ChunkedArray):
        whole = pieces.chunk(0) if pieces.num_chunks == 1 else pieces.combine_chunks()
        del pieces
        give_back()  # the pieces
        return pd.Series(pd.array(whole, dtype=dtype), name=name)
    return pd.Series(pd.array(pieces, dtype=dtype), name=name)


def _claims(finished: Sequence[Finished], numbers: list[np.ndarray[Any, np.dtype[np.object_]]]) -> pd.DataFrame | None:
    """Every unit's rows of ``claims.csv`` with their claims' ids (``numbers``: of each unit, the id of each of
    its claims), sorted again as :func:`~consistency.output.claims.claim_rows` sorts them."""
    tables = []
    for table, ids in zip(_taken(finished, "claim_table"), numbers, strict=True):
        if len(table):
            table["claim_id"] = ids[table["claim_id"].astype(int).to_numpy()]
            tables.append(table)
    if not tables:
        return None
    keys = _concat([t[CLAIM_ORDER] for t in tables])
    order = keys.sort_values(CLAIM_ORDER, kind="stable").index.to_numpy()
    del keys
    # A column a unit holds no value of has no type of its own: the type all the values give, as for one table.
    return _assemble(tables, order).infer_objects().drop(columns=ORDER_COLUMNS)


def _comparisons(
    finished: Sequence[Finished], progress: Progress | None
) -> tuple[pd.DataFrame, list[np.ndarray[Any, np.dtype[np.object_]]]]:
    """Every unit's comparison rows with their claims in report order, numbered C0001...; and the ids of each
    unit's claims."""
    keys: list[tuple[tuple[str, str, int], str, int, int, int, int, int]] = []
    offset = 0
    for u, f in enumerate(finished):
        for local, (place, story, number, size) in enumerate(f.claims):
            keys.append((place, story, number, offset, size, u, local))
            offset += size
    keys.sort(key=lambda k: k[:3])
    labels = np.array([f"C{n:04d}" for n in range(1, len(keys) + 1)], dtype=object)
    numbers = [np.empty(len(f.claims), dtype=object) for f in finished]
    for label, k in zip(labels, keys, strict=True):
        numbers[k[5]][k[6]] = label
    starts = np.array([k[3] for k in keys], dtype=np.int64)
    sizes = np.array([k[4] for k in keys], dtype=np.int64)
    # Row i of claim c (in report order) is row starts[c] + i of the units' rows, one after the other.
    before = np.cumsum(sizes) - sizes
    taken = np.repeat(starts - before, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)
    rows = _assemble(_taken(finished, "rows"), taken)
    ids = np.repeat(labels, sizes)
    if progress is not None:
        for n in range(1, len(keys) + 1):
            progress("compare", n, len(keys))
    return typed_comparisons(rows, list(ids)), numbers


def run_units(
    tasks: list[DocumentTask],
    story_days: Mapping[str, Sequence[dt.date]],
    settings: Settings,
    backend: Backend | None,
    progress: Progress | None = None,
    let_go: bool = False,
) -> Gathered:
    """Read, align and compare the run's documents unit by unit: in this process (``backend`` None) or on
    ``backend``'s workers; then :func:`gather` the tables. ``let_go``: the tasks are the run's alone (see
    :func:`~consistency.pipeline.check_corpus`): ``tasks`` is emptied, and each unit's documents are let go
    once read (or sent to a worker), not held beside the tables."""
    count = len(tasks)
    if backend is None:
        done = list(_serial(tasks, story_days, settings, progress, let_go))
        forget_sentences()  # the tables are put together without them
        return gather(count, done, progress)
    from consistency._parallel import chunk_size, chunks

    budget = settings.time_budget
    target = chunk_size(sum(len(t.document.text) for t in tasks), backend.jobs)
    units = plan(tasks, target, split=True)
    days = backend.share(dict(story_days))
    calls: list[Call] = []
    #: What each call is for: ("unit", unit number) or ("chunk", unit number, the place of the chunk's first task
    #: in the unit) or ("finish", unit number).
    purpose: list[tuple[Any, ...]] = []
    # A split story's chunks first: aligning it is the longest task, and can start only once they are all back.
    for u, unit in sorted(enumerate(units), key=lambda x: not x[1].split):
        if unit.split:
            for run in chunks([len(tasks[n].document.text) for n in unit.tasks], backend.jobs, target):
                members = [unit.tasks[i] for i in run]
                calls.append((read_chunk, ([tasks[n] for n in members], days, budget, backend.limit)))
                purpose.append(("chunk", u, run.start))
        else:
            calls.append((read_unit, ([tasks[n] for n in unit.tasks], days, budget, settings, backend.limit)))
            purpose.append(("unit", u))
    if let_go:
        tasks.clear()  # the calls hold them now, each until it is sent (Backend.run)
    # A split story's chunks as they come back: (its first task's place in the unit, what each read, its facts).
    outcomes: dict[int, list[tuple[int, list[Read], bytes]]] = {u: [] for u, unit in enumerate(units) if unit.split}
    reads: dict[int, list[Read]] = {}
    finished: dict[int, Finished] = {}
    documents = 0
    aligned = 0
    received = 0  # rows of tables (or facts of chunks) come back since memory was last given back
    if progress is not None:
        progress("align", 0, len(units))

    def then(n: int, result: Any) -> list[Call]:
        nonlocal documents, aligned, received
        what = purpose[n]
        more: list[Call] = []
        if what[0] == "chunk":
            _, u, first = what
            read, packed = result
            outcomes[u].append((first, read, packed))
            documents += len(read)
            received += sum(r.facts or 0 for r in read)
            if sum(len(r) for _, r, _ in outcomes[u]) == len(units[u].tasks):
                found = sorted(outcomes.pop(u), key=lambda chunk: chunk[0])  # the chunks in the story's order
                reads[u] = [r for _, chunk, _ in found for r in chunk]
                more.append((finish_packed, ([packed for _, _, packed in found], settings)))
                purpose.append(("finish", u))
        else:
            if what[0] == "unit":
                reads[what[1]], finished[what[1]] = result
                documents += len(units[what[1]].tasks)
            else:
                finished[what[1]] = result
            aligned += 1
            received += len(finished[what[1]].facts) + len(finished[what[1]].rows)
        if received >= GIVE_BACK_ROWS:
            # What came back was unpacked in the pool's thread, from buffers C's allocator does not hand back
            # on its own: without this, a big run's process holds a quarter more than its tables.
            give_back()
            received = 0
        if progress is not None:
            if what[0] != "finish":
                progress("extract", documents, count)
            if what[0] != "chunk":
                progress("align", aligned, len(units))
        return more

    backend.run(calls, then)
    return gather(count, [(unit, reads[u], finished[u]) for u, unit in enumerate(units)], progress)


def _serial(
    tasks: list[DocumentTask],
    story_days: Mapping[str, Sequence[dt.date]],
    settings: Settings,
    progress: Progress | None,
    let_go: bool = False,
) -> Iterator[tuple[Unit, list[Read], Finished]]:
    """The units of a run in this process, one after the other (``let_go``: see :func:`run_units`)."""
    units = plan(tasks, SERIAL_UNIT, split=False)
    batches = [[tasks[n] for n in unit.tasks] for unit in units]
    count = len(tasks)
    if let_go:
        tasks.clear()
    documents = 0
    for u, unit in enumerate(units):

        def read(n: int, before: int = documents) -> None:
            if progress is not None:
                progress("extract", before + n, count)

        batch = batches[u]
        if let_go:
            batches[u] = []
        reads, finished = read_unit(batch, story_days, settings.time_budget, settings, read=read)
        del batch
        documents += len(unit.tasks)
        if progress is not None:
            if u == 0:
                progress("align", 0, len(units))
            progress("align", u + 1, len(units))
        yield unit, reads, finished
