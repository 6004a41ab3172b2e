"""CSV tables that load straight into pandas or a spreadsheet: fixed columns, sorted rows, '\\n' endings."""

from __future__ import annotations

import pandas as pd

from consistency.pipeline import Result


def _to_csv(frame: pd.DataFrame) -> str:
    return str(frame.to_csv(index=False, lineterminator="\n"))


def facts_csv(result: Result) -> str:
    """One row per extracted fact, with its evidence and normalized value."""
    return _to_csv(result.facts)


def comparisons_csv(result: Result) -> str:
    """One row per pair of aligned facts from two documents."""
    return _to_csv(result.comparisons)
