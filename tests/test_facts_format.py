"""``consistency report --facts-format parquet``: the facts as typed Parquet instead of CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import consistency
from consistency.cli import cli
from tests.conftest import ROOT

pytest.importorskip("pyarrow")


def test_parquet_facts_replace_the_csv_and_keep_their_types(tmp_path: Path) -> None:
    out = tmp_path / "report"
    run = CliRunner().invoke(cli, ["report", str(ROOT / "seeds"), "--facts-format", "parquet", "-q", "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in out.iterdir()) == [
        "claims.csv",
        "comparisons.csv",
        "facts.parquet",
        "report.html",
        "report.md",
    ]
    facts = pd.read_parquet(out / "facts.parquet")
    expected = consistency.report(ROOT / "seeds").facts
    dates = [c for c in expected.columns if str(expected[c].dtype).startswith("datetime64")]
    assert dates and all(str(facts[c].dtype).startswith("datetime64") for c in dates)
    # Parquet has no second-resolution timestamp: the same instants come back in milliseconds.
    facts[dates] = facts[dates].astype("datetime64[s]")
    pd.testing.assert_frame_equal(facts, expected, check_categorical=False)
    troops = facts[facts["text"] == "more than 100,000 troops"].iloc[0]
    assert troops["high"] == float("inf") and pd.isna(troops["measure"])  # typed: inf and NA, not strings
    first = (out / "facts.parquet").read_bytes()
    again = CliRunner().invoke(
        cli, ["report", str(ROOT / "seeds"), "--facts-format", "parquet", "-q", "--out", str(out)]
    )
    assert again.exit_code == 0 and (out / "facts.parquet").read_bytes() == first  # byte-identical
    back = CliRunner().invoke(cli, ["report", str(ROOT / "seeds"), "-q", "--out", str(out)])
    assert back.exit_code == 0 and (out / "facts.csv").exists() and not (out / "facts.parquet").exists()


def test_parquet_without_pyarrow_is_one_line_before_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consistency.output import parquet

    monkeypatch.setattr(parquet, "PARQUET_AVAILABLE", False)
    run = CliRunner().invoke(cli, ["report", str(ROOT / "seeds"), "--facts-format", "parquet", "--out", str(tmp_path)])
    assert run.exit_code == 2
    assert run.output.strip().splitlines() == [
        "Error: facts as Parquet need pyarrow: pip install 'consistency[parquet]'"
    ]
