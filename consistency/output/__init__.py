"""Writers that turn a :class:`~consistency.pipeline.Result` into files and terminal output."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from consistency._files import NotOurFolder, Writer, write_atomically
from consistency._memory import arrow_on_heap, fewer_collections, give_back
from consistency.output.claims import claims_table, write_claims_csv
from consistency.output.csv import write_comparisons_csv, write_facts_csv
from consistency.output.html import write_html
from consistency.output.markdown import document_links, markdown_report, write_markdown
from consistency.output.terminal import summary_table
from consistency.pipeline import Result

__all__ = [
    "FACTS_FORMATS",
    "REPORT_FILES",
    "SPLIT_FROM",
    "ReportError",
    "claims_table",
    "markdown_report",
    "summary_table",
    "write_report",
]

#: The files of a report directory, in the order they are written.
REPORT_FILES = ("facts.csv", "comparisons.csv", "claims.csv", "report.md", "report.html")
#: How ``facts`` may be written: ``facts.csv``, or ``facts.parquet`` (typed, for corpora whose CSV would not
#: fit comfortably in memory; needs pyarrow).
FACTS_FORMATS = ("csv", "parquet")


class ReportError(Exception):
    """The report could not be written; str() is one line naming the path."""


#: From this many facts, a report is written by two processes where there are two cores or more: one writes the
#: CSV files while the other writes the two reports, and claims.csv too on a big corpus (:func:`_forked`; see
#: :func:`consistency._files.write_atomically`).
#: At 2,000 documents (32,000 facts) that is 1.4 s instead of 2.4 s; below this, copying the process would
#: cost about what it saves.
SPLIT_FROM = 10_000


def write_report(
    result: Result,
    directory: str | os.PathLike[str],
    *,
    escape_formulas: bool = True,
    facts_format: str = "csv",
    jobs: int | None = None,
) -> list[Path]:
    """Write :data:`REPORT_FILES` as the content of ``directory``, as a set, and return their paths.

    The files are written into a fresh temporary folder beside ``directory``, which then replaces it
    (see :mod:`consistency._files`): a reader sees the old report or the new one, never a mix, and a failure
    leaves the old one. ``directory`` must be new, empty or an earlier report: a folder holding other files
    raises :class:`ReportError` and nothing is written. ``escape_formulas`` neutralises CSV cells a
    spreadsheet would run as formulas (see :func:`consistency._escape.csv_cell`); turn it off for pandas.

    ``facts_format="parquet"`` writes ``facts.parquet`` instead of ``facts.csv`` (see
    :mod:`consistency.output.parquet`); ImportError (one line) when pyarrow is missing, before anything is
    written.

    ``jobs``: how many processes may write (None: one per core available); from :data:`SPLIT_FROM` facts, two
    write at once where this process can be copied. The files are the same either way.

    The reports link each document by its path relative to ``directory`` (from ``result.documents["path"]``,
    read against the working directory; see :func:`~consistency.output.markdown.document_links`), so the links
    work on GitHub and in a local viewer wherever the documents are.
    """
    out = Path(directory)
    links = document_links(result, out)

    def csv_writer(write: Callable[[Result, TextIO, bool], None]) -> Writer:
        return lambda handle: write(result, handle, escape_formulas)

    writers: dict[str, Writer] = {
        "facts.csv": csv_writer(write_facts_csv),
        "comparisons.csv": csv_writer(write_comparisons_csv),
        "claims.csv": csv_writer(write_claims_csv),
        "report.md": lambda handle: write_markdown(result, handle, links),
        "report.html": lambda handle: write_html(result, handle, base=links),
    }
    names = list(REPORT_FILES)
    if facts_format == "parquet":
        from consistency.output.parquet import MISSING, PARQUET_AVAILABLE, write_frame_parquet

        if not PARQUET_AVAILABLE:
            raise ImportError(MISSING)  # before anything is written
        names[names.index("facts.csv")] = "facts.parquet"
        writers["facts.parquet"] = lambda handle: write_frame_parquet(result.facts, handle.buffer)
    elif facts_format != "csv":
        raise ValueError(f"facts_format must be one of {', '.join(FACTS_FORMATS)}, not {facts_format!r}")
    try:
        # An earlier report in the other facts format is still ours to replace.
        with fewer_collections(), arrow_on_heap():
            chosen = {name: _giving_back(writers[name]) for name in names}
            forked = _forked(result, names[:3]) if _split(result, jobs) else []
            return write_atomically(out, chosen, owned=("facts.csv", "facts.parquet"), forked=forked)
    except NotOurFolder as err:
        raise ReportError(str(err)) from None
    except OSError as err:
        where = err.filename if isinstance(err.filename, str) else out
        raise ReportError(f"{where}: cannot write the report ({err.strerror or err})") from None


#: What writing costs, to share it between two processes: seconds per row of each CSV file, and the two reports'
#: seconds, a fixed part and a part per fact (measured at 2,000 and 8,000 documents: 13.5, 11 and 11 us a row;
#: 0.85 s and 1.8 s for the two reports). Only their ratios matter: they weigh the files against each other.
_ROW_SECONDS = {"facts.csv": 13.5e-6, "facts.parquet": 13.5e-6, "comparisons.csv": 11e-6, "claims.csv": 11e-6}
_REPORTS_SECONDS = (0.53, 9.9e-6)


def _forked(result: Result, tables: list[str]) -> list[str]:
    """Which of the ``tables`` (the CSV files, or facts.parquet) the copy writes while this process writes the two
    reports: all of them, unless claims.csv on this side leaves the busier side less to do. The tables grow with
    the facts, the reports less (report.html shows at most 2,000 cards): at 8,000 documents the copy took 3.1 s
    and this process 1.8 s."""
    rows = {"comparisons.csv": len(result.comparisons), "claims.csv": len(result.claims)}
    cost = {name: _ROW_SECONDS[name] * rows.get(name, len(result.facts)) for name in tables}
    here = _REPORTS_SECONDS[0] + _REPORTS_SECONDS[1] * len(result.facts)
    there = sum(cost.values())
    moved = cost.get("claims.csv", 0.0)
    if "claims.csv" in cost and max(there - moved, here + moved) < max(there, here):
        return [name for name in tables if name != "claims.csv"]
    return tables


def _split(result: Result, jobs: int | None) -> bool:
    """Whether two processes write the report (see :data:`SPLIT_FROM`)."""
    from consistency._parallel import available_cores

    return (available_cores() if jobs is None else jobs) > 1 and len(result.facts) >= SPLIT_FROM


def _giving_back(writer: Writer) -> Writer:
    """``writer``, then :func:`~consistency._memory.give_back`: what writing one file left is not kept through
    the next."""

    def write(handle: TextIO) -> None:
        writer(handle)
        give_back()

    return write
