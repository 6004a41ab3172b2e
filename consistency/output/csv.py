"""CSV tables that load straight into pandas or a spreadsheet: fixed columns, sorted rows, '\\n' endings.

Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) get a leading
``'`` by default (see :func:`consistency._escape.csv_cell`); numeric columns are never touched. Pass
``escape_formulas=False`` (``--no-escape-formulas``) when the files are for pandas rather than a spreadsheet.

What pandas reads back is what the run held in memory: a missing value is an empty cell (NaN after
``pd.read_csv``), an unbounded side of an interval is ``inf``/``-inf`` (floats again after ``pd.read_csv``),
categoricals are their labels and datetimes ISO dates.
"""

from __future__ import annotations

from typing import TextIO

import pandas as pd

from consistency._escape import FORMULA_STARTS, csv_cell
from consistency.pipeline import Result


def escape_frame(frame: pd.DataFrame, escape_formulas: bool = True) -> pd.DataFrame:
    """``frame`` with :func:`~consistency._escape.csv_cell` applied to its text columns (a copy; same columns).

    >>> frame = pd.DataFrame({"text": ["=1+1", "-3", "ok"], "low": [-3.0, 1.0, 2.0]})
    >>> escape_frame(frame).to_dict("list")
    {'text': ["'=1+1", '-3', 'ok'], 'low': [-3.0, 1.0, 2.0]}
    >>> escape_frame(pd.DataFrame({"holder": pd.Categorical(["@x", None])}))["holder"].tolist()
    ["'@x", nan]
    """
    if not escape_formulas:
        return frame
    out = frame.copy(deep=False)  # copy-on-write: only the columns replaced below are new, not every cell
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)  # its labels are text too; escaping may merge two, so no categories
        if pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series):
            out[column] = _escaped(series)
    return out


def _escaped(series: pd.Series) -> pd.Series:
    """:func:`csv_cell` on the text cells of ``series``: found with one vectorised test for a formula's first
    character, so only those few cells are visited one by one."""
    try:
        starts = series.str.startswith(FORMULA_STARTS)
    except AttributeError:  # no text at all in the column (pandas' .str needs some)
        return series
    hit = starts.fillna(False).astype(bool).to_numpy()
    if not hit.any():
        return series
    out = series.copy()
    out[hit] = [csv_cell(v) if isinstance(v, str) else v for v in series[hit].tolist()]
    return out


def write_facts_csv(result: Result, handle: TextIO, escape_formulas: bool = True) -> None:
    """One row per extracted fact, with its evidence and normalized value."""
    escape_frame(result.facts, escape_formulas).to_csv(handle, index=False, lineterminator="\n")


def write_comparisons_csv(result: Result, handle: TextIO, escape_formulas: bool = True) -> None:
    """One row per reported pair of aligned facts from two documents."""
    escape_frame(result.comparisons, escape_formulas).to_csv(handle, index=False, lineterminator="\n")
