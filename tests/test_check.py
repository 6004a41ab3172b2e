"""`consistency check` end to end, in a temporary git repository, as CI would run it.

The corpus is real: seed articles 000 and 002 both report talks starting "on January 12" (000 line 15,
002 line 6), so they agree; editing 002 to say January 19 makes it contradict 000.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consistency.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, cli
from tests.conftest import SEEDS

D000, D001, D002 = "000_b3be5b1ba27ca5a8.txt", "001_7833a452b3925789.txt", "002_4f8a57ab780d97d1.txt"


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
    assert sorted(p.name for p in (repo / "out").iterdir()) == ["comparisons.csv", "facts.csv", "report.md"]
    assert json.loads((repo / "findings.json").read_text(encoding="utf-8")) == []
    assert summary.read_text(encoding="utf-8").startswith("# Consistency report")
