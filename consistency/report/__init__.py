"""Writers that turn a :class:`~consistency.pipeline.Result` into files and terminal output."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from consistency.pipeline import Result
from consistency.report.csv import write_comparisons_csv, write_facts_csv
from consistency.report.markdown import markdown_report, write_markdown
from consistency.report.terminal import summary_table

__all__ = ["REPORT_FILES", "markdown_report", "summary_table", "write_report"]

#: The files of a report directory, in the order they are written.
REPORT_FILES = ("facts.csv", "comparisons.csv", "report.md")


class ReportError(Exception):
    """The report could not be written; str() is one line naming the path."""


def write_report(result: Result, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``facts.csv``, ``comparisons.csv`` and ``report.md`` into ``directory``, atomically.

    Every file is first written in full to a temporary file beside its target; only when all three are
    written are they moved into place, so a failure never leaves a half-written report behind.
    """
    out = Path(directory)
    writers: dict[str, Callable[[Result, TextIO], None]] = {
        "facts.csv": write_facts_csv,
        "comparisons.csv": write_comparisons_csv,
        "report.md": write_markdown,
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ReportError(f"{out}: cannot create the report directory ({err.strerror})") from None
    staged: list[tuple[str, Path]] = []
    try:
        for name in REPORT_FILES:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            staged.append((tmp, out / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                writers[name](result, handle)
        for tmp, target in staged:
            os.replace(tmp, target)
    except OSError as err:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"{out}: cannot write the report ({err.strerror})") from None
    return [target for _, target in staged]
