"""`consistency check` end to end, in a temporary git repository, as CI would run it.

The corpus is real: seed articles 000 and 002 both report talks starting "on January 12" (000 line 15,
002 line 6), so they agree; editing 002 to say January 19 makes it contradict 000.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consistency.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, cli
from consistency.output import REPORT_FILES
from tests.conftest import SEEDS

D000, D001, D002 = "000_b3be5b1ba27ca5a8.txt", "001_7833a452b3925789.txt", "002_4f8a57ab780d97d1.txt"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour forced from outside, and no GitHub job summary of the test run's own CI touched."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "GITHUB_STEP_SUMMARY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding docs/000 and docs/002, committed; the working directory for the test."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (D000, D002):
        shutil.copy(SEEDS / name, docs / name)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "ci@example.com")
    git(tmp_path, "config", "user.name", "CI")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str, code: int) -> Result:
    result = CliRunner().invoke(cli, ["check", "docs", *args])
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_gate_workflow(repo: Path) -> None:
    # A clean corpus passes.
    check(code=EXIT_SUCCESS)

    # An edit that moves the date in 002 fails, with the annotation on the edited line of 002.
    edit(repo / "docs" / D002, "start talks on January 12", "start talks on January 19")
    result = check("--format", "github", code=EXIT_FINDINGS)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"::error file=docs/{D002},line=6,")
    assert "CST001" in lines[0] and D000.split(".")[0] in lines[0]  # the other source is named

    # Accepting it in the baseline turns the gate green.
    check("--update-baseline", code=EXIT_SUCCESS)
    baseline = json.loads((repo / ".consistency-baseline.json").read_text(encoding="utf-8"))
    assert len(baseline["findings"]) == 1
    check("--strict-baseline", code=EXIT_SUCCESS)

    # Reverting the edit leaves a stale entry: listed always, failing only with --strict-baseline.
    git(repo, "checkout", "--", f"docs/{D002}")
    result = check(code=EXIT_SUCCESS)
    assert "stale" in result.stderr
    check("--strict-baseline", code=EXIT_FINDINGS)
    check("--prune-baseline", code=EXIT_SUCCESS)
    assert json.loads((repo / ".consistency-baseline.json").read_text(encoding="utf-8"))["findings"] == {}
    check("--strict-baseline", code=EXIT_SUCCESS)


def test_moving_text_keeps_the_baseline_valid(repo: Path) -> None:
    edit(repo / "docs" / D002, "start talks on January 12", "start talks on January 19")
    check("--update-baseline", code=EXIT_SUCCESS)
    # Two new paragraphs above the edited line move it down; the accepted finding stays accepted.
    edit(repo / "docs" / D002, "NATO invites Russia to negotiations over Ukraine\n", "Intro.\n\nMore intro.\n\n")
    check("--strict-baseline", code=EXIT_SUCCESS)
    # Changing the value again brings the finding back.
    edit(repo / "docs" / D002, "January 19", "January 26")
    check(code=EXIT_FINDINGS)


def test_a_changed_troop_figure_fails(repo: Path) -> None:
    shutil.copy(SEEDS / D001, repo / "docs" / D001)
    # 002 first says "nearly 100,000 troops", inside 001's 75,000-100,000: compatible, so the gate passes.
    edit(repo / "docs" / D002, "more than 100,000 troops", "nearly 100,000 troops")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "add 001")
    check(code=EXIT_SUCCESS)
    check("--fail-on", "compatible", code=EXIT_FINDINGS)
    edit(repo / "docs" / D002, "nearly 100,000 troops", "more than 100,000 troops")
    result = check("--format", "concise", code=EXIT_FINDINGS)
    conflicts = [line for line in result.stdout.splitlines() if " CST001 " in line]
    assert len(conflicts) == 1 and conflicts[0].startswith(f"docs/{D002}:14:"), result.stdout
    assert check("--exit-zero", code=EXIT_SUCCESS).stdout


def test_changed_since_reports_only_findings_touching_changed_documents(repo: Path) -> None:
    shutil.copy(SEEDS / D001, repo / "docs" / D001)  # 001 and 002 already disagree on the troop count
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "add 001")
    base = git(repo, "rev-parse", "HEAD").strip()
    check(code=EXIT_FINDINGS)
    check("--changed-since", base, code=EXIT_SUCCESS)  # nothing changed since: the old conflict is not ours
    edit(repo / "docs" / D000, "start talks on January 12", "start talks on January 19")
    result = check("--changed-since", base, "--format", "concise", code=EXIT_FINDINGS)
    assert all(line.startswith(f"docs/{D000}:") for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({".consistency.toml": 'fail_on = "conflict"\n'}, [], ".consistency.toml: unknown key 'fail_on'"),
        ({"pyproject.toml": '[tool.consistency]\nmin-score = "high"\n'}, [], "pyproject.toml: key 'min-score'"),
        ({}, ["--config", "missing.toml"], "missing.toml"),
        ({}, ["no/such/dir"], "no/such/dir"),
        ({}, ["--changed-since", "no-such-ref"], "no-such-ref"),
        ({".consistency-baseline.json": "{not json"}, [], ".consistency-baseline.json"),
    ],
    ids=["unknown-key", "bad-value", "missing-config", "missing-path", "bad-ref", "bad-baseline"],
)
def test_errors_exit_2_with_one_line(repo: Path, files: dict[str, str], args: list[str], message: str) -> None:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", *(args if args and args[0] == "no/such/dir" else ["docs", *args])])
    assert result.exit_code == EXIT_ERROR, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_outside_git_changed_since_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(SEEDS / D000, tmp_path / "docs" / D000)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(cli, ["check", "docs", "--changed-since", "HEAD"])
    assert result.exit_code == EXIT_ERROR
    assert "not inside a git repository" in result.stderr


def test_config_file_sets_defaults_and_flags_override(repo: Path) -> None:
    edit(repo / "docs" / D002, "start talks on January 12", "start talks on January 19")
    (repo / "pyproject.toml").write_text('[tool.consistency]\nexit-zero = true\nformat = "json"\n', encoding="utf-8")
    result = check(code=EXIT_SUCCESS)
    assert json.loads(result.stdout)[0]["code"] == "CST001"
    (repo / ".consistency.toml").write_text('format = "concise"\n', encoding="utf-8")  # wins over pyproject
    assert check(code=EXIT_FINDINGS).stdout.startswith(f"docs/{D002}:6:")


def test_report_dir_and_step_summary(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("--report-dir", "out", "--output-file", "findings.json", "--format", "json", code=EXIT_SUCCESS)
    assert sorted(p.name for p in (repo / "out").iterdir()) == sorted(REPORT_FILES)
    assert json.loads((repo / "findings.json").read_text(encoding="utf-8")) == []
    # The job summary is the gate's result, not the report.
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## consistency check: passed\n")
    assert "No finding at or above `conflict`" in text and "Consistency report" not in text


def test_step_summary_lists_the_claims_that_failed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    edit(repo / "docs" / D002, "start talks on January 12", "start talks on January 19")
    check("--format", "github", code=EXIT_FINDINGS)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## consistency check: failed\n")
    assert "1 finding at or above `conflict` fails the gate" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 2, text  # one claim, two values: each with where it is stated
    assert "CST001 value-conflict" in rows[0] and "January 19" in rows[0] and f"`docs/{D002}:6`" in rows[0]
    assert "January 12" in rows[1] and f"`docs/{D000}:15`" in rows[1]

    # In GitHub Actions each place links to the file at that line, at the commit checked.
    for name, value in [("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "o/r")]:
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    summary.unlink()
    check(code=EXIT_FINDINGS)
    linked = summary.read_text(encoding="utf-8")
    assert f"[`docs/{D002}:6`](https://github.com/o/r/blob/abc123/docs/{D002}#L6)" in linked
    assert f"(https://github.com/o/r/blob/abc123/docs/{D000}#L15)" in linked
    monkeypatch.delenv("GITHUB_SHA")

    # Accepted in the baseline, the next run's summary (appended) says the gate passed.
    check("--update-baseline", code=EXIT_SUCCESS)
    check(code=EXIT_SUCCESS)
    last = summary.read_text(encoding="utf-8").split("## consistency check: ")[-1]
    assert last.startswith("passed\n") and "1 accepted by the baseline" in last and "| " not in last


def test_no_paths_and_no_configuration_says_what_to_pass(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == EXIT_ERROR
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no paths given" in lines[0] and "`consistency check docs/`" in lines[0]
    assert result.stdout == ""
    # With paths configured, a bare `consistency check` checks them.
    (repo / ".consistency.toml").write_text('paths = ["docs"]\n', encoding="utf-8")
    assert CliRunner().invoke(cli, ["check"]).exit_code == EXIT_SUCCESS
    edit(repo / "docs" / D002, "start talks on January 12", "start talks on January 19")
    assert CliRunner().invoke(cli, ["check"]).exit_code == EXIT_FINDINGS


@pytest.fixture
def troops(repo: Path) -> Path:
    """The repository with seeds 001 as well: 001 line 11 and 002 line 14 disagree on the troop count."""
    shutil.copy(SEEDS / D001, repo / "docs" / D001)
    return repo


def test_statistics_count_the_findings_per_rule(troops: Path) -> None:
    listed = check("--format", "concise", code=EXIT_FINDINGS).stdout.splitlines()
    expected = Counter(line.split()[1] for line in listed)
    assert expected["CST001"] == 1  # the troop count, and nothing else conflicts

    stats = check("--statistics", code=EXIT_FINDINGS).stdout.splitlines()
    table = list(itertools.takewhile(lambda line: re.fullmatch(r" *\d+  CST\d{3}  [a-z-]+", line), stats))
    assert len(table) == len(expected), stats  # one line per rule, then the summary
    counts = {line.split()[1]: int(line.split()[0]) for line in table}
    assert counts == dict(expected)
    assert next(line for line in table if " CST001 " in line).endswith("  value-conflict")
    assert not any(line.startswith("docs/") for line in stats)  # counts, not the findings

    as_json = json.loads(check("--statistics", "--format", "json", code=EXIT_FINDINGS).stdout)
    assert {row["code"]: row["count"] for row in as_json} == dict(expected)
    assert [row["count"] for row in as_json] == sorted((row["count"] for row in as_json), reverse=True)

    result = CliRunner().invoke(cli, ["check", "docs", "--statistics", "--format", "sarif"])
    assert result.exit_code == EXIT_ERROR and "--statistics" in result.stderr


def test_show_source_underlines_the_value_in_its_sentence(troops: Path) -> None:
    plain = check(code=EXIT_FINDINGS).stdout.splitlines()
    assert not any(line.startswith("    | ") for line in plain)
    lines = check("--show-source", code=EXIT_FINDINGS).stdout.splitlines()
    # seeds/002 line 14: its first sentence holds the figure.
    sentence = (
        "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine, "
        "a possible prelude to an invasion."
    )
    at = lines.index(f"    | {sentence}")
    assert lines[at + 1] == "    | " + " " * sentence.index("more than 100,000") + "^" * len("more than 100,000 troops")
    assert any(line.startswith("    | ") and "between 75,000-100,000 Russian troops" in line for line in lines)


def test_quiet_prints_only_the_findings(troops: Path, repo: Path) -> None:
    loud = check(code=EXIT_FINDINGS)
    quiet = check("-q", code=EXIT_FINDINGS)
    assert "Gate failed" in loud.stdout and "Gate failed" not in quiet.stdout
    assert quiet.stderr == ""
    assert quiet.stdout and all(line.startswith(("docs/", "  also: ")) for line in quiet.stdout.splitlines())
    (repo / "docs" / D001).unlink()
    clean = check("--quiet", code=EXIT_SUCCESS)
    assert clean.stdout == "" and clean.stderr == ""


def test_summary_goes_to_stderr_when_stdout_is_for_machines(troops: Path) -> None:
    text = check(code=EXIT_FINDINGS)
    assert "Gate failed: 1 finding at or above 'conflict'" in text.stdout
    assert "Disputes:" in text.stdout and "troops" in text.stdout
    as_json = check("--format", "json", code=EXIT_FINDINGS)
    json.loads(as_json.stdout)  # nothing but the payload
    assert "Gate failed" in as_json.stderr and "Disputes:" in as_json.stderr
    assert "\x1b" not in text.stdout + as_json.stderr
    last = check("--exit-zero", code=EXIT_SUCCESS).stdout.splitlines()[-1]
    assert last.startswith("Gate failed") and last.endswith("; exit code 0 (--exit-zero)")
