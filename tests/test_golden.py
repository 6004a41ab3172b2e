"""The committed report in reports/ is exactly what the code produces from seeds/.

When a change alters the report on purpose, regenerate it with ``consistency report seeds/ --out reports/``
(or ``pytest tests/test_golden.py --update-golden``) and review the diff.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from consistency.output import REPORT_FILES, write_report
from tests.conftest import ROOT


@pytest.mark.parametrize("name", REPORT_FILES)
def test_committed_report_is_current(name, seeds_result, update_golden):  # type: ignore[no-untyped-def]
    # Written beside reports/, so the links to ../seeds/ in report.md and report.html are the same.
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".golden-") as tmp:
        write_report(seeds_result, tmp)
        fresh = (Path(tmp) / name).read_bytes()
    committed = ROOT / "reports" / name
    if update_golden:
        committed.write_bytes(fresh)
    assert committed.exists(), f"reports/{name} is missing: run `consistency report seeds/ --out reports/`"
    assert fresh == committed.read_bytes(), (
        f"reports/{name} is stale: run `consistency report seeds/ --out reports/` and review the diff"
    )


def test_output_is_byte_identical_across_runs(tmp_path):  # type: ignore[no-untyped-def]
    import consistency

    first, second = tmp_path / "a", tmp_path / "b"
    write_report(consistency.check([ROOT / "seeds"]), first)
    write_report(consistency.check([ROOT / "seeds"]), second)
    for name in REPORT_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
