"""``facts.parquet``: the facts table as Parquet (``--facts-format parquet``), for corpora whose CSV is unwieldy.

What ``pd.read_parquet`` gives back is ``result.facts``: the same columns in the same order, the same rows, the
same dtypes (``kind`` and ``measure`` stay categoricals with all their categories in their order, integer offsets
stay ``Int64`` with NA, text stays ``str`` with NA, ``±inf`` bounds stay infinite) with one exception that
Parquet forces: it has no seconds unit for timestamps, so the ``datetime64[s]`` columns (``low_date``,
``high_date``, ``when_low_date``, ``when_high_date``) come back as ``datetime64[ms]``, the same instants
(apache/arrow#41382). Both units reach years 1 and 9999. A table with no rows keeps its columns and dtypes but
not its categories (Parquet stores them with the rows).

Text from the documents is stored as it is: Parquet cells are typed, so nothing is run as a formula and the CSV
writers' formula escaping (:func:`consistency._escape.csv_cell`) does not apply.

The bytes are a function of the table and the pyarrow version alone, so the same facts give the same file on
every run, with ``--jobs 1`` or ``--jobs 8``: the schema's metadata holds pandas' column description and no
time stamp; compression (zstd, level 3), the row group size (:data:`ROW_GROUP_ROWS`), the format version and
the data page version are fixed here rather than left to pyarrow's defaults.

Memory: the table is converted and written one row group at a time, so beside ``result.facts`` the writer holds
at most one row group's Arrow copy, never a second copy of the whole table.

The file is written like every report file (see :mod:`consistency._files`): into a temporary file beside the
target, then moved over it with :func:`os.replace`; a new file gets the mode the umask gives, a replaced one
keeps its mode. pyarrow is an optional dependency (``pip install 'consistency[parquet]'``): it is imported only
when a file is written, and :data:`PARQUET_AVAILABLE` says whether it is installed.

>>> import tempfile, pathlib, pandas as pd
>>> from consistency.pipeline import report
>>> result = report("seeds/")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "facts.parquet"
>>> write_facts_parquet(result, path)
>>> back = pd.read_parquet(path)
>>> back.columns.tolist() == result.facts.columns.tolist(), len(back) == len(result.facts)
(True, True)
>>> back["kind"].dtype == result.facts["kind"].dtype, str(back["low_date"].dtype)
(True, 'datetime64[ms]')
"""

from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING, Any, BinaryIO

from consistency._files import write_file

if TYPE_CHECKING:
    import pandas as pd

    from consistency.pipeline import Result

__all__ = ["PARQUET_AVAILABLE", "ROW_GROUP_ROWS", "write_facts_parquet", "write_frame_parquet"]

#: Is pyarrow installed? (Checked without importing it: importing pyarrow takes a while.)
PARQUET_AVAILABLE: bool = importlib.util.find_spec("pyarrow") is not None

#: Rows per Parquet row group: fixed, so the bytes do not depend on pyarrow's default. At about 600 bytes a fact
#: a group is some 75 MB in Arrow form, the most the writer holds at once beside the table when its text is
#: Python objects (pandas 2); pandas 3 keeps text in Arrow already, so converting it copies nothing. Smaller
#: groups compress worse and read slower (65,536 rows: +15% bytes on a million facts), larger ones gain little.
ROW_GROUP_ROWS = 131_072

#: The one-line message when pyarrow is missing.
MISSING = "facts as Parquet need pyarrow: pip install 'consistency[parquet]'"

#: Fixed writer settings (see the module's docstring): each would otherwise follow pyarrow's default.
_WRITER_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "data_page_version": "1.0",
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
}


def _pyarrow() -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet), or ImportError with :data:`MISSING` as its one-line message."""
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise ImportError(MISSING) from None
    return pyarrow, pyarrow.parquet


def write_frame_parquet(frame: pd.DataFrame, handle: BinaryIO, row_group_rows: int = ROW_GROUP_ROWS) -> None:
    """Write ``frame`` (without its index) as Parquet to the binary file ``handle``, one row group of
    ``row_group_rows`` rows at a time; deterministic bytes (see the module's docstring).

    For :func:`consistency._files.write_atomically`, whose writers get a text handle, pass its binary layer:
    ``lambda handle: write_frame_parquet(result.facts, handle.buffer)``.

    >>> import io, pandas as pd
    >>> frame = pd.DataFrame({"text": ["=1+1", None], "low": [float("-inf"), 2.0]})
    >>> one, two = io.BytesIO(), io.BytesIO()
    >>> write_frame_parquet(frame, one); write_frame_parquet(frame, two)
    >>> one.getvalue() == two.getvalue(), one.getvalue()[:4]
    (True, b'PAR1')
    >>> pd.read_parquet(one).to_dict("list")  # stored as it is: no formula escaping
    {'text': ['=1+1', nan], 'low': [-inf, 2.0]}
    """
    if row_group_rows < 1:
        raise ValueError(f"row_group_rows must be at least 1, not {row_group_rows}")
    pa, pq = _pyarrow()
    # One schema for every group, from the whole frame's dtypes (a slice's all-NA column would infer no type).
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    with pq.ParquetWriter(handle, schema, **_WRITER_OPTIONS) as writer:
        # A slice at a time: only one row group's Arrow copy is alive beside the frame. An empty frame still
        # gets a file with the schema (the writer writes it on close).
        for start in range(0, len(frame), row_group_rows):
            part = frame.iloc[start : start + row_group_rows]
            table = pa.Table.from_pandas(part, schema=schema, preserve_index=False, safe=True)
            writer.write_table(table, row_group_size=row_group_rows)
            del table


def write_facts_parquet(result: Result, path: str | os.PathLike[str]) -> None:
    """Write ``result.facts`` as Parquet to ``path``, atomically (a temporary file beside it, then
    :func:`os.replace`): on any error the temporary file is removed and ``path`` is left as it was.

    Raises ImportError (:data:`MISSING`, one line) when pyarrow is not installed, before anything is written.
    A symbolic link is written through (its target is replaced, the link stays).
    """
    _pyarrow()  # fail before creating anything
    # The text handle write_file opens is only a wrapper: Parquet goes to its binary layer.
    write_file(path, lambda handle: write_frame_parquet(result.facts, handle.buffer))
