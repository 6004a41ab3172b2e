"""CSV tables that load straight into pandas or a spreadsheet: fixed columns, sorted rows, '\\n' endings."""

from __future__ import annotations

from typing import TextIO

from consistency.pipeline import Result


def write_facts_csv(result: Result, handle: TextIO) -> None:
    """One row per extracted fact, with its evidence and normalized value."""
    result.facts.to_csv(handle, index=False, lineterminator="\n")


def write_comparisons_csv(result: Result, handle: TextIO) -> None:
    """One row per reported pair of aligned facts from two documents."""
    result.comparisons.to_csv(handle, index=False, lineterminator="\n")
