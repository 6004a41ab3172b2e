"""What the terminal shows: colour only on a terminal, progress bars only on a terminal, the summary's lines."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from rich.text import Text

from consistency.output.claims import CLAIM_COLUMNS
from consistency.output.terminal import (
    STAGES,
    dispute_lines,
    make_console,
    progress_bar,
    summary_lines,
)
from consistency.pipeline import FINDING_COLUMNS, Result, check
from tests.conftest import SEEDS


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a real one does."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture(scope="module")
def seeds() -> Result:
    return check([SEEDS])


STYLED = Text.assemble(("conflict", "bold red"), " plain")


def test_a_terminal_gets_colour() -> None:
    out = Terminal()
    make_console(out).print(STYLED)
    assert "\x1b[" in out.getvalue() and "conflict" in out.getvalue()


def test_no_color_turns_every_escape_code_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    make_console(out).print(STYLED)
    assert out.getvalue() == "conflict plain\n"


@pytest.mark.parametrize("force", ["FORCE_COLOR", "TTY_COMPATIBLE"])
def test_a_pipe_gets_no_escape_codes_even_when_colour_is_forced(force: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # What is captured (a pipe, a CI log, a file) is read by programs: no escape code, whatever the environment.
    monkeypatch.setenv(force, "1")
    out = io.StringIO()
    make_console(out).print(STYLED)
    assert out.getvalue() == "conflict plain\n"


def test_long_lines_are_not_wrapped() -> None:
    out = io.StringIO()
    make_console(out).print(Text("word " * 100))
    assert out.getvalue().count("\n") == 1


def test_progress_bar_draws_each_stage_on_a_terminal() -> None:
    out = Terminal()
    with progress_bar(out) as progress:
        assert progress is not None
        for done in range(1, 4):
            progress("extract", done, 3)
        progress("align", 0, 1)
        progress("align", 1, 1)
        progress("compare", 2, 2)
    drawn = out.getvalue()
    for stage in ("extract", "align", "compare"):
        assert STAGES[stage] in drawn


@pytest.mark.parametrize(("stream", "enabled"), [(io.StringIO(), True), (Terminal(), False)], ids=["pipe", "quiet"])
def test_no_progress_bar_in_a_pipe_or_when_quiet(stream: io.StringIO, enabled: bool) -> None:
    with progress_bar(stream, enabled) as progress:
        assert progress is None
    assert stream.getvalue() == ""


def claims(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A claims table (the columns of claims_table) from partial rows."""
    full = [{name: row.get(name, "") for name in CLAIM_COLUMNS} for row in rows]
    return pd.DataFrame(full, columns=CLAIM_COLUMNS)


def group(
    claim: str, value: str, documents: int, verdict: str = "agree", claim_verdict: str = "conflict", kind: str = "count"
) -> dict[str, object]:
    """One value group of a claim about troops (or, of kind quantity, as worded: ``value`` is its text)."""
    return {
        "claim_id": claim,
        "kind": kind,
        "subject": "troops",
        "holder": "Russian",
        "unit": "count",
        "value": value,
        "documents": documents,
        "verdict": verdict,
        "claim_verdict": claim_verdict,
        "example_text": value,
    }


def test_a_dispute_line_names_each_value_and_how_many_documents_say_it() -> None:
    table = claims([group("C1", "[75000, 100000]", 2), group("C1", "(100000, inf)", 1, "conflict")])
    (line,) = dispute_lines(table)
    assert line.plain == "  troops (Russian): 75,000\u2013100,000 [2 docs] vs more than 100,000 [1 doc]"


def test_only_disputed_claims_are_listed_at_most_three() -> None:
    rows = [group("C0", "5", 3, claim_verdict="agree")]
    for n in range(1, 6):
        rows += [group(f"C{n}", f"{n}0", 1), group(f"C{n}", f"{n}1", 1, "conflict")]
    lines = dispute_lines(claims(rows))
    assert [line.plain.split(": ")[1] for line in lines] == [
        "10 [1 doc] vs 11 [1 doc]",
        "20 [1 doc] vs 21 [1 doc]",
        "30 [1 doc] vs 31 [1 doc]",
    ]


def test_many_values_are_cut_short() -> None:
    rows = [group("C1", str(n), 1, "conflict") for n in range(6)]
    (line,) = dispute_lines(claims(rows))
    assert line.plain.endswith("2 [1 doc] (+3 more values)")


def test_document_text_is_printed_literally() -> None:
    # Rich markup, terminal escapes and line breaks in a document's words reach the terminal as plain text.
    table = claims(
        [
            group("C1", "[bold]5[/bold] people", 2, kind="quantity"),
            group("C1", "\x1b[31m6 people\nmore", 1, "conflict", kind="quantity"),
        ]
    )
    out = Terminal()
    console = make_console(out)
    for line in dispute_lines(table):
        console.print(line)
    shown = out.getvalue()
    assert "[bold]5[/bold] people" in shown
    assert "\x1b[31m6" not in shown and "[31m6 people more" in shown


def test_summary_of_the_seeds(seeds: Result) -> None:
    lines = [line.plain for line in summary_lines(seeds)]
    counts = seeds.counts()
    assert lines[0].startswith(f"5 documents, {counts['facts']} facts; {counts['claims']} claims (1 conflict, ")
    assert lines[1] == "Disputes:"
    assert lines[2].startswith("  troops: ") and "75,000\u2013100,000" in lines[2] and "more than 100,000" in lines[2]
    assert len(lines) == 3
    assert "within-document" not in lines[0]  # no weekday mismatch in the seeds


def test_weekday_mismatches_are_within_document_problems(seeds: Result) -> None:
    # In `check` a "finding" is what the gate reports; in `report` the weekday mismatches get their own name.
    row = {
        "doc_id": "a",
        "line": 1,
        "kind": "weekday mismatch",
        "text": "Thursday, January 12",
        "value": "2022-01-12",
        "problem": "weekday mismatch: stated Thursday but 2022-01-12 is a Wednesday",
        "sentence": "",
        "fact_id": "a:1",
    }
    result = dataclasses.replace(seeds, findings=pd.DataFrame([row], columns=FINDING_COLUMNS))
    first = summary_lines(result)[0].plain
    assert "1 within-document problem (weekday mismatches)" in first
    assert "finding" not in first
