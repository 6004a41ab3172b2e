"""Writers that turn a :class:`~consistency.pipeline.Result` into files and terminal output."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TextIO

from consistency._files import write_atomically
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
        return write_atomically({out / name: partial(writers[name], result) for name in REPORT_FILES})
    except OSError as err:
        raise ReportError(f"{out}: cannot write the report ({err.strerror or err})") from None
