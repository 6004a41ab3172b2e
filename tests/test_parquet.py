"""``facts.parquet`` (issue 11): what ``pd.read_parquet`` gives back is ``result.facts``, the bytes are the same
on every run, and the file is written like every report file (atomically, with the umask's mode)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import consistency
from consistency.output import parquet
from consistency.output.parquet import MISSING, PARQUET_AVAILABLE, write_facts_parquet, write_frame_parquet
from tests.conftest import ROOT, SEEDS, SHARED

pq = pytest.importorskip("pyarrow.parquet")

ECB_TOPIC = SHARED / "corpora" / "ecbplus" / "text" / "41"
needs_ecb = pytest.mark.skipif(not ECB_TOPIC.is_dir(), reason="needs ../shared/corpora/ecbplus/text beside the clone")
DATE_COLUMNS = ["low_date", "high_date", "when_low_date", "when_high_date"]


@pytest.fixture(scope="module")
def ecb_result() -> consistency.Result:
    return consistency.report(ECB_TOPIC)


def expected(facts: pd.DataFrame) -> pd.DataFrame:
    """``facts`` as Parquet keeps it: the one documented change is datetime64[s] -> datetime64[ms] (Parquet has
    no seconds unit, apache/arrow#41382); the instants are the same."""
    out = facts.copy()
    for column in out.columns:
        if str(out[column].dtype) == "datetime64[s]":
            out[column] = out[column].astype("datetime64[ms]")
    return out


def test_pyarrow_is_seen_as_installed() -> None:
    assert PARQUET_AVAILABLE


@pytest.mark.parametrize("corpus", ["seeds", pytest.param("ecb41", marks=needs_ecb)])
def test_read_parquet_gives_the_facts_back(
    corpus: str, seeds_result: consistency.Result, ecb_result: consistency.Result, tmp_path: Path
) -> None:
    result = seeds_result if corpus == "seeds" else ecb_result
    facts = result.facts
    # The corpus exercises what is easy to lose: NA text, infinite bounds, dates, categoricals, Int64 offsets.
    assert facts["attribution"].isna().any() and facts["attribution"].notna().any()
    assert np.isinf(facts["low"]).any() or np.isinf(facts["high"]).any()
    assert facts["low_date"].notna().any() and facts["low_date"].isna().any()
    assert facts["measure"].notna().any()
    path = tmp_path / "facts.parquet"
    write_facts_parquet(result, path)
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, expected(facts), check_exact=True)
    # Categories are kept whole and in order, the unused ones too (kind lists every kind).
    for column in ("kind", "measure"):
        assert back[column].cat.categories.tolist() == facts[column].cat.categories.tolist()
        assert back[column].cat.ordered == facts[column].cat.ordered
    assert len(back["kind"].cat.categories) > back["kind"].nunique()
    assert back["source_start"].dtype == "Int64"
    # The same days, not only the same dtype family.
    for column in DATE_COLUMNS:
        assert back[column].dt.strftime("%Y-%m-%d").equals(facts[column].dt.strftime("%Y-%m-%d"))


@needs_ecb
def test_many_row_groups_read_back_as_one_table(ecb_result: consistency.Result, tmp_path: Path) -> None:
    path = tmp_path / "facts.parquet"
    with path.open("wb") as handle:
        write_frame_parquet(ecb_result.facts, handle, row_group_rows=100)
    meta = pq.ParquetFile(path).metadata
    rows = len(ecb_result.facts)
    assert meta.num_row_groups == -(-rows // 100)
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)][:-1] == [100] * (meta.num_row_groups - 1)
    pd.testing.assert_frame_equal(pd.read_parquet(path), expected(ecb_result.facts), check_exact=True)


def test_same_facts_same_bytes(seeds_result: consistency.Result, tmp_path: Path) -> None:
    write_facts_parquet(seeds_result, tmp_path / "a.parquet")
    write_facts_parquet(seeds_result, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    # No time stamp anywhere in the file's metadata: only pandas' column description and Arrow's schema.
    meta = pq.ParquetFile(tmp_path / "a.parquet").metadata
    assert set(meta.metadata) == {b"pandas", b"ARROW:schema"}
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_same_bytes_in_another_process(seeds_result: consistency.Result, tmp_path: Path) -> None:
    """A fresh interpreter with another hash seed (set iteration order differs) writes the same file."""
    write_facts_parquet(seeds_result, tmp_path / "here.parquet")
    code = (
        "import sys, consistency; from consistency.output.parquet import write_facts_parquet; "
        "write_facts_parquet(consistency.report(sys.argv[1]), sys.argv[2])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = tmp_path / "there.parquet"
    subprocess.run([sys.executable, "-c", code, str(SEEDS), str(there)], check=True, cwd=ROOT, env=env)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "here.parquet", there)]
    assert digest[0] == digest[1]


def test_text_is_stored_as_it_is(seeds_result: consistency.Result, tmp_path: Path) -> None:
    """Parquet is typed: a cell a spreadsheet would run as a formula is stored and read back unchanged
    (constructed cell: the corpora hold no such sentence)."""
    facts = seeds_result.facts.copy()
    facts.loc[0, "sentence"] = '=HYPERLINK("http://x")'
    facts.loc[1, "holder"] = "@holder"
    path = tmp_path / "facts.parquet"
    write_facts_parquet(dataclasses.replace(seeds_result, facts=facts), path)
    back = pd.read_parquet(path)
    assert back.loc[0, "sentence"] == '=HYPERLINK("http://x")'
    assert back.loc[1, "holder"] == "@holder"


def test_no_facts_still_gives_the_columns(seeds_result: consistency.Result, tmp_path: Path) -> None:
    path = tmp_path / "facts.parquet"
    write_facts_parquet(dataclasses.replace(seeds_result, facts=seeds_result.facts.iloc[:0]), path)
    back = pd.read_parquet(path)
    assert back.empty
    assert back.columns.tolist() == seeds_result.facts.columns.tolist()
    want = expected(seeds_result.facts).dtypes
    for column in back.columns:
        if column in ("kind", "measure"):  # categoricals still, but with no rows Parquet keeps no categories
            assert isinstance(back[column].dtype, pd.CategoricalDtype)
        else:
            assert back[column].dtype == want[column], column


def test_mode_follows_the_umask_and_a_replaced_file_keeps_its_mode(
    seeds_result: consistency.Result, tmp_path: Path, umask: int
) -> None:
    path = tmp_path / "new" / "facts.parquet"  # a missing folder is made
    write_facts_parquet(seeds_result, path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o600)
    write_facts_parquet(seeds_result, path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["facts.parquet"]


def test_a_failure_leaves_the_old_file_and_no_temporary_one(
    seeds_result: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facts.parquet"
    path.write_bytes(b"old")

    def broken(frame: pd.DataFrame, handle: object, row_group_rows: int = 1) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parquet, "write_frame_parquet", broken)
    with pytest.raises(KeyboardInterrupt):
        write_facts_parquet(seeds_result, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.parquet"]


def test_a_symbolic_link_is_written_through(seeds_result: consistency.Result, tmp_path: Path) -> None:
    real = tmp_path / "real.parquet"
    real.write_bytes(b"old")
    link = tmp_path / "facts.parquet"
    link.symlink_to(real)
    write_facts_parquet(seeds_result, link)
    assert link.is_symlink()
    assert len(pd.read_parquet(real)) == len(seeds_result.facts)


def test_without_pyarrow_one_clear_line_and_nothing_written(
    seeds_result: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    with pytest.raises(ImportError) as caught:
        write_facts_parquet(seeds_result, tmp_path / "out" / "facts.parquet")
    assert str(caught.value) == MISSING == "facts as Parquet need pyarrow: pip install 'consistency[parquet]'"
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_a_row_group_needs_a_row() -> None:
    with open(os.devnull, "wb") as handle, pytest.raises(ValueError, match="at least 1"):
        write_frame_parquet(pd.DataFrame({"a": [1]}), handle, row_group_rows=0)


def test_fits_a_report_folder_written_as_a_set(seeds_result: consistency.Result, tmp_path: Path) -> None:
    """The way ``write_report`` can add it: ``write_atomically`` hands writers a text handle, whose binary layer
    takes the Parquet bytes; the file is the one :func:`write_facts_parquet` writes."""
    from consistency._files import write_atomically

    out = tmp_path / "report"
    write_atomically(out, {"facts.parquet": lambda handle: write_frame_parquet(seeds_result.facts, handle.buffer)})
    write_facts_parquet(seeds_result, tmp_path / "alone.parquet")
    assert (out / "facts.parquet").read_bytes() == (tmp_path / "alone.parquet").read_bytes()
