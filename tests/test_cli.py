"""The command line, through click's CliRunner: what a user types and what they see."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consistency.cli import EXIT_ERROR, EXIT_SUCCESS, cli
from consistency.output import REPORT_FILES
from tests.conftest import SEEDS


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour forced from outside, and no GitHub job summary of the test run's own CI touched."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


def run(args: list[str], exit_code: int) -> Result:
    """Run the CLI and assert its exit code, showing its output when the code is wrong."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == exit_code, (result.output, result.stderr, result.exception)
    return result


def test_report_writes_the_report_files_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["report", str(SEEDS), "--out", str(out)], EXIT_SUCCESS)
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"5 documents, \d+ facts; \d+ claims \(1 conflict, \d+ compatible, \d+ agree\); .*", lines[0])
    # The one disputed claim of the seeds, with its values (seeds/001 line 11 says "between 75,000-100,000
    # Russian troops", seeds/002 line 14 "more than 100,000 troops"), one document each.
    (dispute,) = [line for line in lines if line.startswith("  troops: ")]
    values = dispute.removeprefix("  troops: ").split(" vs ")
    assert sorted(values) == ["75,000\u2013100,000 [1 doc]", "more than 100,000 [1 doc]"]
    assert lines[-1] == f"wrote {', '.join(str(out / name) for name in REPORT_FILES)}"


def test_report_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run(["report", str(SEEDS), "--out", str(tmp_path), "--quiet"], EXIT_SUCCESS)
    assert result.stdout == ""
    assert result.stderr == ""


def test_output_captured_by_a_pipe_has_no_escape_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner's streams are no terminal, like a pipe or a CI log: no colour, no progress bar.
    result = run(["report", str(SEEDS), "--out", str(tmp_path / "out")], EXIT_SUCCESS)
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "troops" in result.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    again = run(["report", str(SEEDS), "--out", str(tmp_path / "out")], EXIT_SUCCESS)
    assert again.stdout == result.stdout


def test_a_terminal_sees_a_progress_bar_over_every_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import consistency.output.terminal

    monkeypatch.setattr(consistency.output.terminal, "is_terminal", lambda stream: True)  # as if run in a terminal
    result = run(["report", str(SEEDS), "--out", str(tmp_path / "out")], EXIT_SUCCESS)
    for stage in ("Reading facts", "Aligning claims", "Comparing values"):
        assert stage in result.stderr
    assert "Reading facts" not in result.stdout  # the bars are on stderr, the summary on stdout
    quiet = run(["report", str(SEEDS), "--out", str(tmp_path / "out"), "-q"], EXIT_SUCCESS)
    assert quiet.stderr == "" and quiet.stdout == ""


def test_markup_in_a_path_is_printed_as_it_is(tmp_path: Path) -> None:
    out = tmp_path / "[bold]report[/bold]"
    result = run(["report", str(SEEDS), "--out", str(out)], EXIT_SUCCESS)
    assert str(out / "facts.csv") in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("name", ["report", "check", "facts", "explain"])
def test_every_command_has_quiet(name: str) -> None:
    assert "-q, --quiet" in run([name, "--help"], EXIT_SUCCESS).stdout


def test_facts_quiet_drops_notes_but_keeps_the_facts() -> None:
    # seeds/000 carries no publication date: a note says its relative dates stay unresolved.
    doc = str(SEEDS / "000_b3be5b1ba27ca5a8.txt")
    loud, quiet = run(["facts", doc], EXIT_SUCCESS), run(["facts", "-q", doc], EXIT_SUCCESS)
    assert "no publication date" in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_explain_quiet_prints_the_same_explanation() -> None:
    args = ["explain", "001_7833a452b3925789:11", "002_4f8a57ab780d97d1:14", "--corpus", str(SEEDS)]
    loud, quiet = run(args, EXIT_SUCCESS), run([*args, "-q"], EXIT_SUCCESS)
    assert "between 75,000-100,000 Russian troops" in quiet.stdout
    assert quiet.stdout == loud.stdout


def test_facts_lists_one_document() -> None:
    result = run(["facts", str(SEEDS / "001_7833a452b3925789.txt")], EXIT_SUCCESS)
    assert "75,000-100,000 Russian troops" in result.stdout
    assert "001_7833a452b3925789:11" in result.stdout


def test_facts_csv_has_the_public_columns() -> None:
    result = run(["facts", "--csv", str(SEEDS / "002_4f8a57ab780d97d1.txt")], EXIT_SUCCESS)
    assert result.stdout.splitlines()[0].startswith("fact_id,doc_id,line,start,end,kind")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "no/such/dir"], "no/such/dir"),
        (["facts", "no/such/file.txt"], "no/such/file.txt"),
        (["report", str(SEEDS), "--published", "nonsense"], "--published nonsense"),
        (["report", str(SEEDS), "--published", "x=2021-13-45"], "--published x=2021-13-45"),
        (["report", str(SEEDS), "--min-score", "-3"], "min_score"),
    ],
    ids=["missing-dir", "missing-file", "published-no-equals", "published-bad-date", "negative-score"],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = run([*args, "--out", str(tmp_path)] if args[0] == "report" else args, EXIT_ERROR)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(["report", str(empty), "--out", str(tmp_path / "out")], EXIT_ERROR)
    assert str(empty) in result.stderr
    assert not (tmp_path / "out").exists(), "no report may be written when the run cannot go on"


def test_one_bad_document_is_skipped_with_a_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "broken.txt").write_bytes(b"caf\xe9 \xff\xfe not utf-8")
    result = run(["report", str(corpus), "--out", str(tmp_path / "out")], EXIT_SUCCESS)
    assert "broken.txt" in result.stderr and "warning" in result.stderr
    assert (tmp_path / "out" / "report.md").exists()


def test_published_option_resolves_relative_dates(tmp_path: Path) -> None:
    doc = SEEDS / "000_b3be5b1ba27ca5a8.txt"
    plain = run(["facts", "--csv", str(doc)], EXIT_SUCCESS).stdout
    dated = run(["facts", "--csv", str(doc), "--published", "000_b3be5b1ba27ca5a8=2021-12-19"], EXIT_SUCCESS).stdout
    assert "2022-01-12" not in plain  # no year without a publication date
    assert "2022-01-12" in dated  # "January 12", said in late December 2021, is next January


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        result = run([name, "--help"], EXIT_SUCCESS)
        assert "Example:" in result.stdout, name
        assert command.help


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import consistency.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(consistency.cli, "check_corpus", broken)
    result = run(["report", str(SEEDS), "--out", str(tmp_path)], EXIT_ERROR)
    assert result.stderr.strip() == "Error: internal error: KeyError: 'boom'"


# --- issue 11: --jobs, --scheduler, a fast --help ------------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "check"])
def test_report_and_check_take_jobs_and_a_scheduler(name: str) -> None:
    shown = run([name, "--help"], EXIT_SUCCESS).stdout
    assert "-j, --jobs N" in shown
    assert "--scheduler ADDRESS" in shown and "DASK_SCHEDULER_ADDRESS" in shown


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str, tmp_path: Path) -> None:
    result = run(["report", str(SEEDS), "--out", str(tmp_path / "out"), "--jobs", jobs], EXIT_ERROR)
    assert "--jobs" in result.stderr
    assert not (tmp_path / "out").exists()


def test_jobs_1_and_2_print_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_POOL_MIN_BYTES", "0")  # a pool even for the five seeds
    one = run(["report", str(SEEDS), "--out", str(tmp_path / "one"), "--jobs", "1"], EXIT_SUCCESS)
    two = run(["report", str(SEEDS), "--out", str(tmp_path / "two"), "--jobs", "2"], EXIT_SUCCESS)
    assert one.stdout.replace("one", "two") == two.stdout
    assert one.stderr == two.stderr == ""


def test_help_options_name_the_library_values() -> None:
    # The command line loads the library late; the help still names its values.
    from consistency.ci import DEFAULT_BASELINE, EXIT_ERROR
    from consistency.cli import UsageError
    from consistency.output.findings import Format

    assert UsageError.exit_code == EXIT_ERROR
    assert f"Directory for {', '.join(REPORT_FILES)}." in " ".join(
        run(["report", "--help"], EXIT_SUCCESS).stdout.split()
    )
    shown = " ".join(run(["check", "--help"], EXIT_SUCCESS).stdout.split())
    assert f"[{'|'.join(f.value for f in Format)}]" in shown
    assert f"Accepted findings [{DEFAULT_BASELINE}]." in shown.replace("- ", "-")
    assert run(["check", "--format", "nope", str(SEEDS)], EXIT_ERROR).stderr.count("'nope' is not one of") == 1


def test_help_does_not_load_pandas_or_the_pipeline() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from consistency.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pandas', 'consistency.pipeline', 'rich', 'tabulate') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
