"""The whole job as one call: load -> extract -> align -> compare, as pandas tables.

>>> result = report("seeds/")
>>> result
<Result: 5 documents, 54 facts, 2 claims (1 conflict)>
>>> conflict = result.comparisons.query("verdict == 'conflict'").iloc[0]
>>> conflict.kind, conflict.reason.split(":")[0]  # two counts whose intervals share no value
('count', 'disjoint')
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gc
import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from consistency._budget import MIN_BUDGET_SECONDS, OverBudget, time_limit
from consistency._memory import COLLECT_AFTER, arrow_on_heap, fewer_collections, give_back
from consistency.align import Claim
from consistency.align.blocking import alignable
from consistency.anchors import infer, name_date, url_date
from consistency.compare import CONFLICT, VERDICTS, Verdict, compare, worst
from consistency.config import Settings
from consistency.corpus import Corpus, CorpusError, Document, load_corpus
from consistency.extract import extract_facts
from consistency.extract.dates import find_dates
from consistency.extract.kinds import KINDS, Anchor
from consistency.extract.places import find_places
from consistency.facts import FACT_COLUMNS, Fact, blanks_to_na, facts_frame, ordinal_dates
from consistency.stories import names, stories

if TYPE_CHECKING:
    from consistency._parallel import Backend

#: Public column order of ``comparisons.csv``: extend only at the end, never rename.
COMPARISON_COLUMNS = [
    "claim_id",
    "kind",
    "subject",
    "doc_a",
    "line_a",
    "text_a",
    "value_a",
    "doc_b",
    "line_b",
    "text_b",
    "value_b",
    "verdict",
    "score",
    "reason",
    "claim_verdict",
    "unit",
    "attribution_a",
    "attribution_b",
    "fact_a",
    "fact_b",
    "measure",
    "holder",
    "rule",
    "claim_rule",
]
DOCUMENT_COLUMNS = ["doc_id", "path", "published", "published_from", "source", "facts"]
FINDING_COLUMNS = ["doc_id", "line", "kind", "text", "value", "problem", "sentence", "fact_id"]
#: Datetime views of the day-ordinal columns of a date fact (``low``/``high``) and of the date a fact is tied to
#: (``when_low``/``when_high``): NaT where the ordinal is missing or infinite, or the fact is not a date.
DATE_COLUMNS = ["low_date", "high_date", "when_low_date", "when_high_date"]
#: Public column order of ``facts.csv``: extend only at the end, never rename.
FACTS_CSV_COLUMNS = [*FACT_COLUMNS, "alignable", *DATE_COLUMNS]

#: Called as ``progress(stage, done, total)``; ``stage`` is "extract" (documents read), "align" (units of whole
#: stories aligned, from 0; see :mod:`consistency._units`: the two run together) or "compare" (claims numbered,
#: once both are done).
Progress = Callable[[str, int, int], None]


_KIND = pd.CategoricalDtype([k.name for k in KINDS])
#: The kinds whose low/high are day ordinals.
_CALENDAR_KINDS = [k.name for k in KINDS if k.comparison == "calendar"]
#: Ordered best to worst, so ``comparisons["verdict"].max()`` is the worst verdict.
_VERDICT = pd.CategoricalDtype(list(VERDICTS), ordered=True)


@dataclass(frozen=True)
class Result:
    """Everything a run found, as DataFrames with fixed column orders and sorted rows.

    Typed for analysis, and the same after a round trip through :meth:`to_csv` and ``pd.read_csv`` (but for the
    dtypes CSV cannot hold): a missing value is NA, never ``""``; an unbounded side of an interval is
    ``-inf``/``inf``; ``kind``, ``measure``, ``verdict`` and ``claim_verdict`` are categoricals (the verdicts
    ordered from agree to conflict); a date fact's bounds are also datetimes (``low_date``, ``high_date``).

    >>> result = report("seeds/")
    >>> troops = result.facts.query("text == 'more than 100,000 troops'").iloc[0]
    >>> float(troops.low), float(troops.high), pd.isna(troops.measure)
    (100000.0, inf, True)
    >>> result.facts.query("text == 'January 12'")["low_date"].iloc[0]
    Timestamp('2022-01-12 00:00:00')
    >>> result.comparisons["claim_verdict"].max()
    'conflict'
    """

    documents: pd.DataFrame
    facts: pd.DataFrame
    comparisons: pd.DataFrame
    findings: pd.DataFrame
    warnings: tuple[str, ...]
    #: Whether each row of ``facts`` is in a claim, with the facts table it was made for: :meth:`single_rows`
    #: uses it while they are this result's (not after ``dataclasses.replace``).
    in_claim: tuple[pd.Series, pd.DataFrame] | None = field(default=None, repr=False, compare=False)
    #: The claims table when the run built it as it went (story by story), with the comparisons and facts it was
    #: built from: :attr:`claims` uses it while they are this result's (not after ``dataclasses.replace``).
    built_claims: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = field(
        default=None, repr=False, compare=False
    )

    @cached_property
    def claims(self) -> pd.DataFrame:
        """One row per claim and value, disputed claims first (:func:`consistency.output.claims.claims_table`):
        built once, however many reports read it."""
        from consistency.output.claims import claims_table, typed_claims

        if self.built_claims is not None:
            table, comparisons, facts = self.built_claims
            if comparisons is self.comparisons and facts is self.facts:
                return typed_claims(table, comparisons)
        return claims_table(self)

    @property
    def single_source(self) -> pd.DataFrame:
        """The facts only one document states, or that could not be compared with any other (in no claim), as
        ``facts`` has them: a new table at each call (a fifth of ``facts``, kept by nobody once read; the reports
        read only the rows they show, by :meth:`single_rows`)."""
        return self.facts.take(self.single_rows()).reset_index(drop=True)

    def single_rows(self) -> np.ndarray[Any, np.dtype[np.intp]]:
        """The positions in ``facts`` of :attr:`single_source`'s rows, in order."""
        if self.in_claim is not None and self.in_claim[1] is self.facts:
            stated = self.in_claim[0].to_numpy(dtype=bool)
        else:  # a fact is in a claim when a comparison row names it
            named = pd.concat([self.comparisons["fact_a"], self.comparisons["fact_b"]], ignore_index=True)
            stated = self.facts["fact_id"].isin(named).to_numpy(dtype=bool)
        return np.flatnonzero(~stated)

    def counts(self) -> dict[str, int]:
        """Headline figures: documents, facts, claims per verdict, single-source facts, findings."""
        first = ~self.comparisons["claim_id"].duplicated()  # each claim's first row: not a copy of those rows
        by_verdict = self.comparisons["claim_verdict"][first].value_counts()
        return {
            "documents": len(self.documents),
            "skipped": len(self.warnings),
            "facts": len(self.facts),
            "claims": int(first.sum()),
            "agree": int(by_verdict.get("agree", 0)),
            "compatible": int(by_verdict.get("compatible", 0)),
            "conflict": int(by_verdict.get("conflict", 0)),
            "single_source": len(self.single_rows()),
            "findings": len(self.findings),
        }

    def __repr__(self) -> str:
        """The headline counts in one line.

        >>> report("seeds/")
        <Result: 5 documents, 54 facts, 2 claims (1 conflict)>
        """
        c = self.counts()
        parts = [_plural(c["documents"], "document"), _plural(c["facts"], "fact"), _plural(c["claims"], "claim")]
        if c["conflict"]:
            parts[-1] += f" ({_plural(c['conflict'], 'conflict')})"
        if c["skipped"]:
            parts.append(f"{c['skipped']} skipped")
        return f"<Result: {', '.join(parts)}>"

    def to_csv(self, directory: str | os.PathLike[str], *, escape_formulas: bool = False) -> list[Path]:
        """Write the report folder ``consistency report --out directory`` writes (see
        :func:`consistency.output.write_report`) and return its files. Formula escaping is off by default:
        these files are for pandas (pass ``escape_formulas=True`` for a spreadsheet)."""
        from consistency.output import write_report  # the writers import this module: import them late

        return write_report(self, directory, escape_formulas=escape_formulas)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def report(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    published: Mapping[str, dt.date] | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    stories: str = "auto",
) -> Result:
    """Read the documents at ``paths`` (one file or folder, or several) and report where they agree and where
    they contradict each other.

    ``stories="folder"`` takes each folder below a given one as one story (a CSV/JSONL ``story`` column always
    names its rows' story); by default stories are found from the rare names documents share.

    ``jobs`` is how many processes read and align (default: every core available; a corpus too small for a
    pool to pay, see :data:`consistency._parallel.MIN_POOL_BYTES`, is read in this process); ``scheduler``
    runs the work on a Dask cluster instead: its address, or ``"local"`` for a ``LocalCluster`` on this machine
    (needs ``pip install 'consistency[dask]'``). The result is the same whichever runs it. The pool's workers
    are new processes that import the main script: a script calling this on a large corpus must do so under
    ``if __name__ == "__main__":``, as with any ``multiprocessing`` pool.

    Raises :class:`consistency.corpus.CorpusError` when the corpus cannot be read at all; documents that
    cannot be read are skipped and named in ``Result.warnings``.

    >>> report("seeds").counts() == report(["seeds/"], jobs=1).counts()
    True
    """
    many = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    _start_workers(many, jobs, scheduler)
    load = partial(load_corpus, many, published=published, stories=stories)  # the run alone holds the documents
    return check_corpus(load, settings=settings, progress=progress, jobs=jobs, scheduler=scheduler)


def _start_workers(
    paths: Sequence[str | os.PathLike[str]], jobs: int | None = None, scheduler: str | None = None
) -> None:
    """Before the corpus at ``paths`` is loaded for a run (``jobs``/``scheduler`` as for :func:`report`, None:
    the :func:`execution` context's): start loading the pool's workers if it will likely use a pool (see
    :func:`consistency._parallel.start_early`), so they are ready once the stories are found."""
    where = _settled(jobs, scheduler)
    if where.scheduler is None:
        from consistency._parallel import start_early

        start_early(paths, where.jobs)


#: The name of the first releases; the same function.
check = report


@dataclass(frozen=True)
class Execution:
    """Where a run does its work: ``jobs`` processes on this machine (None: every core available), or the Dask
    cluster at ``scheduler`` (``"local"``: a LocalCluster started for the run)."""

    jobs: int | None = None
    scheduler: str | None = None


_EXECUTION: contextvars.ContextVar[Execution | None] = contextvars.ContextVar("consistency_execution", default=None)


@contextmanager
def execution(jobs: int | None = None, scheduler: str | None = None) -> Iterator[Execution]:
    """Within the block, runs that are not told otherwise (``jobs``/``scheduler`` left None) use these: for
    callers that reach :func:`check_corpus` through other code, such as the gate (:func:`consistency.ci.run_gate`).

    >>> with execution(jobs=1):
    ...     report("seeds").counts()["documents"]
    5
    """
    chosen = Execution(jobs, scheduler)
    token = _EXECUTION.set(chosen)
    try:
        yield chosen
    finally:
        _EXECUTION.reset(token)


def _settled(jobs: int | None, scheduler: str | None) -> Execution:
    """Where a run works: ``jobs`` and ``scheduler`` as given, else as the :func:`execution` context says."""
    context = _EXECUTION.get() or Execution()
    return Execution(
        jobs if jobs is not None else context.jobs, scheduler if scheduler is not None else context.scheduler
    )


def check_corpus(
    corpus: Corpus | Callable[[], Corpus],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Result:
    """Like :func:`report`, on a corpus already loaded; or on the corpus ``corpus()`` loads, when it is a function:
    then the run alone holds the documents, and lets each go once it is read, so a big corpus is not held beside
    the tables it gives (``check_corpus([corpus].pop)`` hands over one already loaded)."""
    settings = settings or Settings()
    where = _settled(jobs, scheduler)
    with arrow_on_heap():
        return _check(corpus, settings, progress, where.jobs, where.scheduler)


def _check(
    given: Corpus | Callable[[], Corpus],
    settings: Settings,
    progress: Progress | None,
    jobs: int | None,
    scheduler: str | None,
) -> Result:
    """:func:`check_corpus` once the arguments are settled."""
    from consistency._parallel import backend_for  # the pool and Dask load only for runs that use them
    from consistency._units import run_units

    owned = not isinstance(given, Corpus)
    corpus = given() if callable(given) else given
    del given
    listed = [_Listed(d.doc_id, d.path, d.published, d.published_from, d.source) for d in corpus.documents]
    warnings = corpus.warnings
    with fewer_collections(), backend_for(corpus.documents, jobs, scheduler) as backend:
        tasks, days = _tasks(corpus.documents)
        if owned:
            del corpus  # the tasks hold the documents now, and the run lets each go once read
        done = run_units(tasks, days, settings, backend, progress, let_go=owned)
    if len(done.facts) >= COLLECT_AFTER:
        # The cycles a run of few collections left (pandas' objects make them), then their memory: hundreds of
        # MiB after a big run, else freed only while the report is written, under its peak.
        gc.collect()
        give_back()
    skipped = tuple(r.skipped for r in done.read if r.facts is None)
    if len(skipped) == len(done.read):
        raise CorpusError("no document could be read: " + "; ".join(skipped[:3]))
    per_doc = {r.doc_id: r.facts for r in done.read if r.facts is not None}
    anchors = {r.doc_id: r.anchor for r in done.read if r.anchor is not None}
    # Sorted, like every table: the same documents give the same report in whatever order they come.
    documents = sorted((d for d in listed if d.doc_id in per_doc), key=lambda d: d.doc_id)
    return Result(
        documents=_documents(documents, per_doc, anchors),
        facts=done.facts,
        comparisons=done.comparisons,
        findings=_findings(done.facts),
        warnings=tuple(sorted(warnings + skipped)),
        in_claim=(done.in_claim, done.facts),
        built_claims=None if done.claims is None else (done.claims, done.comparisons, done.facts),
    )


def facts_table(facts: Sequence[Fact]) -> pd.DataFrame:
    """The facts as ``facts.csv`` has them (:data:`FACTS_CSV_COLUMNS`): :func:`~consistency.facts.facts_frame`,
    whether each fact can be aligned at all (a count with neither a measure nor a counted noun cannot; see
    ``align/blocking.py``), and the day ordinals as datetimes; ``kind`` and ``measure`` are categoricals."""
    return typed_facts(fact_rows(facts))


def fact_rows(facts: Sequence[Fact]) -> pd.DataFrame:
    """The first step of :func:`facts_table`, which can be taken a few documents at a time (the rows of a whole
    document at once; see :func:`typed_facts`): :func:`~consistency.facts.facts_frame` and ``alignable``."""
    frame = facts_frame(facts)
    can = {f.fact_id: alignable(f) for f in facts}
    frame["alignable"] = frame["fact_id"].map(can).astype(bool)
    return frame


def typed_facts(frame: pd.DataFrame) -> pd.DataFrame:
    """The last step of :func:`facts_table`, on the rows of :func:`fact_rows` (or several of them, concatenated
    and sorted again by document and position): the datetime views and the categoricals, which need them all."""
    calendar = frame["kind"].isin(_CALENDAR_KINDS)
    frame["low_date"] = ordinal_dates(frame["low"].where(calendar))
    frame["high_date"] = ordinal_dates(frame["high"].where(calendar))
    frame["when_low_date"] = ordinal_dates(frame["when_low"])
    frame["when_high_date"] = ordinal_dates(frame["when_high"])
    frame["kind"] = frame["kind"].astype(_KIND)
    frame["measure"] = _categories(frame["measure"])
    return frame[FACTS_CSV_COLUMNS]


def _categories(values: pd.Series) -> pd.Series:
    """``values`` as a categorical of the values it holds, sorted (NA stays NA)."""
    return values.astype(pd.CategoricalDtype(sorted(set(values.dropna()))))


def reported_pairs(facts: Sequence[Fact], settings: Settings | None = None) -> list[tuple[Fact, Fact]]:
    """The pairs of a claim that get a row: about one per fact, however many documents state it.

    See :func:`_reported` for which pairs; ``settings`` are the tolerances the verdicts that choose them use.
    """
    return [(a, b) for a, b, _ in _reported(facts, settings or Settings())]


#: Up to this many lesser values in a claim, each is compared with each to find the one it disagrees with most.
_ALL_RIVALS = 100


def _reported(facts: Sequence[Fact], settings: Settings) -> list[tuple[Fact, Fact, Verdict]]:
    """The reported pairs of a claim's facts with their verdicts, in fact order.

    Facts are grouped by value; the most-stated value (most documents; of equals, the first stated) is the
    claim's main value, and the first fact of a value (in document order) that is not in the document at hand
    stands for it. Every fact is paired with the main value's first fact: one
    row per fact, so a claim stated by 30 outlets has 29 rows, not the 435 of every pair, and every document
    that disagrees with the main value is a row that says so (the gate reports each of them on its own line).
    Two lesser values can disagree more with each other than with the main one ("about 12" and "40" against
    "10 to 50"): then each fact of a value is also paired with the first fact of the value it disagrees with
    most, so the claim's verdict (the worst of its rows) is the worst of all its pairs (with more than
    :data:`_ALL_RIVALS` lesser values, of the lowest, the highest and the most-stated). Two facts of one
    document (a headline and its story) are never a row; a fact that would get none is paired with the first
    fact of its own value, else of any value, in another document.
    """
    groups: dict[str, list[int]] = {}
    for n, f in enumerate(facts):
        groups.setdefault(f.value, []).append(n)
    documents = {v: {facts[n].doc_id for n in members} for v, members in groups.items()}
    ranked = sorted(groups, key=lambda v: -len(documents[v]))  # stable: ties in the order first stated
    # The first fact of each of a value's first two documents: one of them is in another document than any fact.
    firsts: dict[str, list[int]] = {}
    for v, members in groups.items():
        firsts[v] = []
        for n in members:
            if all(facts[m].doc_id != facts[n].doc_id for m in firsts[v]):
                firsts[v].append(n)
                if len(firsts[v]) == 2:
                    break

    def partner(n: int, v: str) -> int | None:
        return next((m for m in firsts[v] if facts[m].doc_id != facts[n].doc_id), None)

    verdicts: dict[tuple[int, int], Verdict] = {}

    def verdict(i: int, j: int) -> Verdict:
        key = (min(i, j), max(i, j))
        if key not in verdicts:
            verdicts[key] = compare(facts[key[0]], facts[key[1]], settings)
        return verdicts[key]

    def between(v: str, w: str) -> int:
        """How badly values ``v`` and ``w`` disagree (an index into VERDICTS; -1: only in one document)."""
        for n in firsts[v]:
            m = partner(n, w)
            if m is not None:
                return VERDICTS.index(verdict(n, m).verdict)
        return -1

    chosen: set[tuple[int, int]] = set()

    def pair(n: int, v: str) -> bool:
        m = partner(n, v)
        if m is None:
            return False
        chosen.add((min(n, m), max(n, m)))
        return True

    main = ranked[0] if ranked else ""
    rivals = ranked[1:]
    if len(rivals) > _ALL_RIVALS:
        # Too many values to try each against each: those that end lowest and start highest, which are the ones
        # an interval (or a point, beyond tolerance) is disjoint from if it is from any, and the most-stated.
        def bound(v: str, side: str) -> float:
            x = getattr(facts[groups[v][0]], side)
            return x if x is not None else (-math.inf if side == "low" else math.inf)

        ends = sorted(rivals, key=lambda v: bound(v, "high"))
        starts = sorted(rivals, key=lambda v: bound(v, "low"))
        rivals = list(dict.fromkeys([*ends[:3], *starts[-3:], *rivals[:10]]))
    paired = {n for n in range(len(facts)) if pair(n, main)}
    conflict = VERDICTS.index(CONFLICT)
    for v in ranked[1:]:
        against_main = between(v, main)
        if against_main == conflict:
            continue
        # The value it disagrees with most, the first of those in rank order (a conflict ends the search: values
        # that are points conflict with the next one, so this is rarely more than a few comparisons).
        worse, how_bad = main, against_main
        for w in rivals:
            how = between(v, w) if w != v else -1
            if how > how_bad:
                worse, how_bad = w, how
                if how == conflict:
                    break
        if worse != main:
            paired.update(n for n in groups[v] if pair(n, worse))
    for n, f in enumerate(facts):
        for v in [f.value, *ranked] if n not in paired else []:
            if pair(n, v):
                break
    return [(facts[i], facts[j], verdict(i, j)) for i, j in sorted(chosen)]


def _claim_rows(claim: Claim, settings: Settings) -> list[tuple[object, ...]]:
    """The rows of ``comparisons.csv`` for one claim, in :data:`COMPARISON_COLUMNS` order but for the claim id."""
    pairs = _reported(claim.facts, settings)
    if not pairs:
        return []
    claim_verdict = worst([v.verdict for _, _, v in pairs])
    rows: list[tuple[object, ...]] = []
    for a, b, v in pairs:
        link = claim.link(a, b)
        rows.append(
            (
                claim.kind,
                claim.subject,
                a.doc_id,
                a.line,
                a.text,
                a.value,
                b.doc_id,
                b.line,
                b.text,
                b.value,
                v.verdict,
                link.score,
                v.reason,
                claim_verdict,
                a.unit,
                a.attribution,
                b.attribution,
                a.fact_id,
                b.fact_id,
                a.measure or b.measure,
                a.holder or b.holder,
                link.rule,
                claim.rule,
            )
        )
    return rows


def comparison_rows(rows: Sequence[tuple[object, ...]]) -> pd.DataFrame:
    """Rows of ``comparisons.csv`` but for the claim id (made by :func:`_claim_rows`) as a table, which can be
    built a few claims at a time (see :func:`typed_comparisons`)."""
    named = COMPARISON_COLUMNS[1:]
    frame = blanks_to_na(pd.DataFrame(dict(zip(named, map(list, zip(*rows, strict=True)), strict=True))
                                      if rows else {name: [] for name in named}, columns=named))  # fmt: skip
    for name in ("line_a", "line_b"):
        frame[name] = frame[name].astype(int)
    frame["score"] = frame["score"].astype(float)
    return frame


def typed_comparisons(frame: pd.DataFrame, claim_ids: Sequence[str]) -> pd.DataFrame:
    """The comparisons table from the rows of :func:`comparison_rows` (or several of them, concatenated) and
    each row's claim id: the categoricals, which need every row."""
    ids = pd.Series(list(claim_ids), dtype="str" if len(claim_ids) else object, index=frame.index)
    frame.insert(0, "claim_id", ids)
    frame["kind"] = frame["kind"].astype(_KIND)
    frame["measure"] = _categories(frame["measure"])
    for name in ("verdict", "claim_verdict"):
        frame[name] = frame[name].astype(_VERDICT)
    return frame


@dataclass(frozen=True)
class Extracted:
    """The facts of each document, and what extraction needed to know of the corpus: each document's story
    and the publication date (or interval) inferred for the undated ones."""

    facts: dict[str, list[Fact]]
    stories: dict[str, str]
    anchors: dict[str, tuple[Anchor, str]]
    #: One warning per document that was skipped.
    skipped: tuple[str, ...] = ()


def extract_corpus(
    documents: Sequence[Document],
    progress: Progress | None = None,
    budget: float = Settings().time_budget,
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
) -> Extracted:
    """Extract every document's facts, each in its story and against its (possibly inferred) date.

    One document that fails, or takes longer than ``budget`` seconds per MB (at least 2 s), is skipped with a
    warning naming it; the others go on. ``jobs`` and ``scheduler`` as for :func:`report` (but one process by
    default).
    """
    from consistency._parallel import backend_for

    with backend_for(documents, jobs, scheduler) as backend:
        return _extract(documents, progress, budget, backend)


@dataclass(frozen=True)
class DocumentTask:
    """One document's extraction as any worker can do it alone: the document, its story, and its publication
    date where the corpus or its URL gives one (with how it was found)."""

    document: Document
    story: str
    known: tuple[dt.date, str] | None


@dataclass(frozen=True)
class DocumentOutcome:
    """What reading one document gave: its facts (None when it was skipped, with the warning that says why) and
    the publication date (or interval) inferred for it."""

    doc_id: str
    facts: list[Fact] | None
    anchor: tuple[Anchor, str] | None
    skipped: str = ""


def extract_document(
    task: DocumentTask,
    story_days: Mapping[str, Sequence[dt.date]],
    budget: float,
    limit: Callable[[float], AbstractContextManager[None]] = time_limit,
) -> DocumentOutcome:
    """Read one document's facts within its time budget (``limit``: :func:`consistency._budget.time_limit`,
    which needs the main thread of its process); ``story_days`` are the known publication days of each
    story (see :func:`story_days`). The same whichever process runs it: the serial run calls it too."""
    doc = task.document
    seconds = max(MIN_BUDGET_SECONDS, budget * len(doc.text) / 1e6)
    found: tuple[Anchor, str] | None = None
    try:
        with limit(seconds):
            # Dated right before it is read: its date candidates are found once for both (dates.py keeps the
            # last texts' candidates).
            found = anchor(doc, task.known, story_days.get(task.story, ()))
            facts = extract_facts(doc, found[0] if found else None, task.story)
    except OverBudget:
        why = f"{doc.path}: took more than {seconds:.0f} s to read ({len(doc.text) / 1e6:.1f} MB); skipped"
        return DocumentOutcome(doc.doc_id, None, found, why)
    except (RecursionError, MemoryError, ValueError, ArithmeticError, LookupError, TypeError) as err:
        why = f"{doc.path}: cannot read its facts ({type(err).__name__}: {err}); skipped"
        return DocumentOutcome(doc.doc_id, None, found, why)
    return DocumentOutcome(doc.doc_id, facts, found)


def _extract(
    documents: Sequence[Document], progress: Progress | None, budget: float, backend: Backend | None
) -> Extracted:
    """:func:`extract_corpus` in this process (``backend`` None) or on ``backend``'s workers, gathered in
    document order."""
    if documents and backend is None:
        # The gazetteer loads on first use (1.5 s here): not on the first document's clock, which it would
        # take over its 2 s minimum on a slower machine and skip it. (Workers load it when they start.)
        find_places("Paris")
    tasks, days = _tasks(documents)
    outcomes: list[DocumentOutcome] = []
    if backend is None:
        for n, task in enumerate(tasks, 1):
            outcomes.append(extract_document(task, days, budget))
            if progress is not None:
                progress("extract", n, len(tasks))
    else:
        outcomes = backend.extract(
            tasks, days, budget, None if progress is None else lambda n: progress("extract", n, len(tasks))
        )
    anchors = {o.doc_id: o.anchor for o in outcomes if o.anchor is not None}
    out = {o.doc_id: o.facts for o in outcomes if o.facts is not None}
    story_of = {t.document.doc_id: t.story for t in tasks}
    return Extracted(out, story_of, anchors, tuple(o.skipped for o in outcomes if o.facts is None))


def _tasks(documents: Sequence[Document]) -> tuple[list[DocumentTask], dict[str, tuple[dt.date, ...]]]:
    """Each document's extraction task (its story and known date), and the known publication days of each
    story (:func:`story_days`)."""
    known = _known_dates(documents)
    story_of = story_map(documents, known)
    tasks = [DocumentTask(d, story_of.get(d.doc_id, ""), known.get(d.doc_id)) for d in documents]
    return tasks, story_days(known, story_of)


#: How a publication date the corpus does not state was found in the document itself.
FOUND_DATES = ("url", "file name")


def _known_dates(documents: Sequence[Document]) -> dict[str, tuple[dt.date, str]]:
    """Publication dates the documents state, or their URLs or file names give."""
    known: dict[str, tuple[dt.date, str]] = {}
    for d in documents:
        if d.published is not None:
            known[d.doc_id] = (d.published, d.published_from)
            continue
        day = url_date(d.text[:2000] + " " + d.source)
        if day is not None:
            known[d.doc_id] = (day, "url")
            continue
        day = name_date(d.path) if d.path else None
        if day is not None:
            known[d.doc_id] = (day, "file name")
    return known


def story_map(documents: Sequence[Document], known: Mapping[str, tuple[dt.date, str]] | None = None) -> dict[str, str]:
    """Each document's story (see :mod:`consistency.stories`): the one its corpus names (``Document.story``),
    else the group it shares rare names with; ``known``: their known dates, if already found."""
    known = _known_dates(documents) if known is None else known
    times = {doc_id: day for doc_id, (day, _) in known.items()}
    given = {d.doc_id: d.story for d in documents if d.story}
    return stories({d.doc_id: names(d.text) for d in documents}, times, given)


def story_days(known: Mapping[str, tuple[dt.date, str]], story_of: Mapping[str, str]) -> dict[str, tuple[dt.date, ...]]:
    """The distinct known publication days of each story, sorted: what dating an undated document of the story
    needs (:func:`consistency.anchors.infer` bounds it by them), small enough to send to every worker (a story
    of a million documents spans a few hundred days)."""
    days: dict[str, set[dt.date]] = {}
    for doc_id, (day, _) in known.items():
        days.setdefault(story_of.get(doc_id, ""), set()).add(day)
    return {story: tuple(sorted(found)) for story, found in sorted(days.items())}


def anchor(d: Document, known: tuple[dt.date, str] | None, days: Sequence[dt.date]) -> tuple[Anchor, str] | None:
    """When document ``d`` was written, if its publication date is not given: the day its URL gives (``known``
    or file name gives (``known`` with how "url" or "file name"), or the interval its story's known publication
    ``days`` and its own dates bound (see :mod:`consistency.anchors`), with how it was found ('url', 'file name'
    or 'inferred')."""
    if known is not None:
        day, how = known
        return (day, how) if how in FOUND_DATES else None
    own = [m.low for m in find_dates(d.text) if m.resolved and m.low is not None and m.low == m.high]
    interval = infer(own, list(days))
    return (interval, "inferred") if interval is not None else None


class _Listed(NamedTuple):
    """What the documents table says of a document (its text is not needed there)."""

    doc_id: str
    path: str
    published: dt.date | None
    published_from: str
    source: str


def _documents(
    documents: Sequence[_Listed], per_doc: Mapping[str, int], anchors: Mapping[str, tuple[Anchor, str]]
) -> pd.DataFrame:
    def published(d: _Listed) -> tuple[str, str]:
        if d.published is not None:
            return d.published.isoformat(), d.published_from
        anchor, how = anchors.get(d.doc_id, (None, ""))
        if isinstance(anchor, tuple):
            return f"{anchor[0].isoformat()}/{anchor[1].isoformat()}", how
        return (anchor.isoformat() if anchor else ""), how

    rows = [
        {
            "doc_id": d.doc_id,
            "path": d.path,
            "published": published(d)[0],
            "published_from": published(d)[1],
            "source": d.source,
            "facts": per_doc.get(d.doc_id, 0),
        }
        for d in documents
    ]
    return blanks_to_na(pd.DataFrame(rows, columns=DOCUMENT_COLUMNS))


def _findings(facts: pd.DataFrame) -> pd.DataFrame:
    """Problems inside one document: a stated weekday that contradicts its date."""
    hits = facts[facts["weekday_mismatch"].astype(bool)]
    frame = pd.DataFrame(
        {
            "doc_id": hits["doc_id"],
            "line": hits["line"],
            "kind": "weekday mismatch",
            "text": hits["text"],
            "value": hits["value"],
            "problem": hits["note"],
            "sentence": hits["sentence"],
            "fact_id": hits["fact_id"],
        },
        columns=FINDING_COLUMNS,
    )
    return frame.reset_index(drop=True)
