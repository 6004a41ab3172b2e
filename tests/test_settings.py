"""Settings are validated: NaN, infinities and out-of-range values are an error naming the flag or the key.

A gate with ``--min-score nan`` compares nothing (every ``score >= nan`` is false) and so passes everything;
``--quantity-tolerance inf`` makes any two counts agree. Both must be refused, with exit code 2 and one line.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consistency.cli import EXIT_ERROR, EXIT_SUCCESS, cli
from consistency.config import ConfigError, Settings, load_config
from tests.conftest import SEEDS

ONE_DOC = str(SEEDS / "001_7833a452b3925789.txt")


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, args)


def one_line_error(result: Result) -> str:
    assert result.exit_code == EXIT_ERROR, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


BAD_FLAGS = [
    (["--min-score", "nan"], "--min-score"),
    (["--min-score", "inf"], "--min-score"),
    (["--min-score", "-inf"], "--min-score"),
    (["--min-score", "1e400"], "--min-score"),
    (["--min-score", "100.5"], "--min-score"),
    (["--min-score", "-3"], "--min-score"),
    (["--quantity-tolerance", "inf"], "--quantity-tolerance"),
    (["--quantity-tolerance", "nan"], "--quantity-tolerance"),
    (["--quantity-tolerance", "1"], "--quantity-tolerance"),
    (["--quantity-tolerance", "-0.1"], "--quantity-tolerance"),
    (["--date-tolerance", "3651"], "--date-tolerance"),
    (["--date-tolerance", "-1"], "--date-tolerance"),
]


@pytest.mark.parametrize("command", ["report", "check"])
@pytest.mark.parametrize(("flags", "named"), BAD_FLAGS, ids=[" ".join(f) for f, _ in BAD_FLAGS])
def test_bad_flag_is_exit_2_naming_it(
    command: str, flags: list[str], named: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = ["--out", str(tmp_path / "out")] if command == "report" else []
    line = one_line_error(invoke([command, ONE_DOC, *flags, *extra], tmp_path, monkeypatch))
    assert named in line and "must be" in line
    assert not (tmp_path / "out").exists()


BAD_KEYS = [
    ("min-score = nan", "min-score"),
    ("min-score = inf", "min-score"),
    ("min-score = -inf", "min-score"),
    ("min-score = 101", "min-score"),
    ("quantity-tolerance = inf", "quantity-tolerance"),
    ("quantity-tolerance = nan", "quantity-tolerance"),
    ("quantity-tolerance = 1.5", "quantity-tolerance"),
    ("date-tolerance = 4000", "date-tolerance"),
    ("date-tolerance = -2", "date-tolerance"),
    ("date-tolerance = 99999999999999999999", "date-tolerance"),
]


@pytest.mark.parametrize(("line", "key"), BAD_KEYS, ids=[line for line, _ in BAD_KEYS])
def test_bad_config_value_is_exit_2_naming_file_and_key(
    line: str, key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".consistency.toml").write_text(line + "\n", encoding="utf-8")
    message = one_line_error(invoke(["check", ONE_DOC], tmp_path, monkeypatch))
    assert ".consistency.toml" in message and f"'{key}'" in message and "must be" in message
    with pytest.raises(ConfigError, match=key):
        load_config(tmp_path / ".consistency.toml")


@pytest.mark.parametrize(
    "flags",
    [
        ["--min-score", "0"],
        ["--min-score", "100"],
        ["--quantity-tolerance", "0.99"],
        ["--date-tolerance", "3650"],
        ["--date-tolerance", "0"],
    ],
    ids=lambda f: " ".join(f),
)
def test_values_at_the_limits_are_accepted(flags: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["report", ONE_DOC, *flags, "--out", str(tmp_path / "out"), "-q"], tmp_path, monkeypatch)
    assert result.exit_code == EXIT_SUCCESS, (result.stderr, result.exception)


def test_config_limits_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / ".consistency.toml"
    path.write_text("min-score = 100\nquantity-tolerance = 0.5\ndate-tolerance = 3650\n", encoding="utf-8")
    assert load_config(path) == {"min-score": 100.0, "quantity-tolerance": 0.5, "date-tolerance": 3650}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"min_score": "nan"}, "min_score"),
        ({"min_score": "Infinity"}, "min_score"),
        ({"quantity_tolerance": "1e309"}, "quantity_tolerance"),
        ({"date_tolerance_days": "9" * 5000}, "date_tolerance_days"),
        ({"date_tolerance_days": "2.5"}, "date_tolerance_days"),
    ],
    ids=["nan", "infinity", "overflow", "5000-digits", "fraction"],
)
def test_with_overrides_rejects(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(ValueError, match=field) as err:
        Settings().with_overrides(overrides)
    assert len(str(err.value)) < 200  # a 5,000-digit value is not echoed whole


def test_settings_themselves_refuse_nan() -> None:
    with pytest.raises(ValueError, match="min_score"):
        Settings(min_score=math.nan)
    assert Settings(quantity_tolerance=0.05, date_tolerance_days=1).quantity_tolerance == 0.05


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('exclude = "drafts/**"', "key 'exclude' must be a list"),
        ('exclude = ["[z-a].md"]', "key 'exclude': '[z-a].md' is not a gitignore-style pattern (bad character"),
        ('exclude = ["!"]', "key 'exclude': '!' is not a gitignore-style pattern"),
    ],
)
def test_bad_exclude_is_exit_2_naming_file_and_key(
    line: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".consistency.toml").write_text(line + "\n", encoding="utf-8")
    message = one_line_error(invoke(["check", ONE_DOC], tmp_path, monkeypatch))
    assert ".consistency.toml" in message and expected in message


def test_configuration_above_the_working_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a subfolder, as a docs writer does: the file at the project's top configures the run, and
    its relative paths mean what they say there (``paths = ["docs"]`` is the top's docs/, not sub/docs/)."""
    (tmp_path / "docs" / "api").mkdir(parents=True)
    (tmp_path / "docs" / "api" / "limits.md").write_text("The free plan allows 100 requests.\n", encoding="utf-8")
    (tmp_path / ".consistency.toml").write_text('paths = ["docs"]\nmin-score = 50\n', encoding="utf-8")
    result = invoke(["check", "--format", "json"], tmp_path / "docs" / "api", monkeypatch)
    assert result.exit_code == EXIT_SUCCESS, (result.stdout, result.stderr)
    # A bad value in that file is an error naming it: it really is the file read.
    (tmp_path / ".consistency.toml").write_text('paths = ["docs"]\nmin-score = nan\n', encoding="utf-8")
    message = one_line_error(invoke(["check"], tmp_path / "docs" / "api", monkeypatch))
    assert str(tmp_path / ".consistency.toml") in message and "'min-score'" in message
