"""Outputs carry untrusted text safely, and a report folder is replaced as a set.

The hostile corpus is made of real sentences (seeds/002 line 14: "more than 100,000 troops"; seeds/001 line 11:
"between 75,000-100,000 Russian troops") that contradict each other, wrapped in what an attacker controls: a
CSV corpus whose text holds ``::add-mask::`` and ``::stop-commands::`` lines, ids and sources with ``|``, line
breaks, ``<!--``, ``<img src=x>``, ``<script>`` and formula starts (``=``, ``@``, ``-``, ``+``), and a file
named ``a\\n::error title=PWNED::x.txt``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import consistency
import consistency._files
from consistency._escape import FORMULA_STARTS, csv_cell, log_line, markdown_cell, markdown_text
from consistency._files import TEMP_PREFIX, write_text
from consistency.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, cli
from consistency.corpus import load_corpus
from consistency.gate import build_findings
from consistency.output import REPORT_FILES, ReportError, write_report
from consistency.output.csv import escape_frame
from consistency.output.findings import Format, format_findings
from consistency.output.markdown import markdown_report
from consistency.output.terminal import summary_table
from consistency.pipeline import check_corpus
from tests.conftest import ROOT

MORE = "Russia has massed more than 100,000 troops on the border with Ukraine."
BETWEEN = "Officials said between 75,000-100,000 Russian troops were near the border."
EVIL_FILE = "a\n::error title=PWNED::x.txt"
ROWS = [
    {
        "id": "=cmd|' /C calc'!A0",
        "source": "Reuters | <img src=x> <!-- x --> <script>alert(1)</script>",
        "text": f"::add-mask::secret\n{MORE}\n::stop-commands::tok\n",
    },
    {
        "id": "b\n::error title=PWNED::x",
        "source": "@SUM(A1)\n| x | a\\|b `code`",
        "text": f'=HYPERLINK("http://x") {BETWEEN}\n  ::warning::indented\n',
    },
    {"id": "-2+3", "source": "+44 20 7946 0000", "text": f"+cmd {BETWEEN}\n"},
]
#: Lines GitHub reads as workflow commands: "::" after optional leading whitespace.
COMMAND = re.compile(r"^\s*::")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(corpus / "rows.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "source", "text"])
        writer.writeheader()
        writer.writerows(ROWS)
    (corpus / EVIL_FILE).write_text(f"::add-mask::x\n{MORE}\n", encoding="utf-8")
    return corpus


def inputs(corpus: Path) -> list[str]:
    """The CSV corpus (a folder only yields .txt and .md files) and the folder."""
    return [str(corpus / "rows.csv"), str(corpus)]


def command_lines(text: str) -> list[str]:
    """Every line of ``text`` a GitHub runner would take for a workflow command (any line break splits)."""
    return [line for line in re.split(r"\r\n|\r|\n", text) if COMMAND.match(line)]


# --- the escaping rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["::add-mask::x", "  ::stop-commands::t", "a\n::error::x", "a\r::error::x", "a\u2028::x", "\x1b[2J::x"],
)
def test_log_line_is_one_line_that_is_never_a_command(raw: str) -> None:
    safe = log_line(raw)
    assert len(safe.splitlines()) == 1 and not COMMAND.match(safe) and "\x1b" not in safe


@pytest.mark.parametrize("raw", ["a|b", "a\\|b", "a\\\\|b", "|", "x\n| y |", "`|`"])
def test_markdown_cell_never_splits_a_row(raw: str) -> None:
    cell = markdown_cell(raw)
    assert "\n" not in cell
    assert unescaped_pipes(f"| {cell} |") == 2


@pytest.mark.parametrize(
    ("cell", "escape", "expected"),
    [
        ("=1+1", True, "'=1+1"),
        ("+cmd", True, "'+cmd"),
        ("-2+3", True, "'-2+3"),
        ("@SUM(A1)", True, "'@SUM(A1)"),
        ("\tx", True, "'\tx"),
        ("\rx", True, "'\rx"),
        ("-3", True, "-3"),
        ("=1+1", False, "=1+1"),
        ("more than 40", True, "more than 40"),
    ],
)
def test_csv_cell(cell: str, escape: bool, expected: str) -> None:
    assert csv_cell(cell, escape_formulas=escape) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("# title", "\\# title"),
        ("> quote", "&gt; quote"),  # an entity starts no block quote
        ("- item", "\\- item"),
        ("12) item", "12\\) item"),
        ("=====", "\\====="),
        ("[x]: http://e.com", "\\[x]: http://e.com"),
        ("plain text", "plain text"),
    ],
)
def test_markdown_text_starts_no_block(raw: str, expected: str) -> None:
    assert markdown_text(raw) == expected


# --- every format on the hostile corpus ----------------------------------------------------------------------


def unescaped_pipes(line: str) -> int:
    """Pipes a table parser takes for column separators: those not preceded by an odd run of backslashes."""
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m.group(1)) % 2 == 0)


def markdown_tables(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield block
            block = []


#: The only links report.md makes: escaped text, a percent-encoded relative path, maybe a line anchor.
OUR_LINK = re.compile(r"\[(?:\\.|[^\[\]\\])*\]\([A-Za-z0-9%._~/-]+(?:#L\d+)?\)")


def check_markdown(text: str) -> None:
    lowered = text.lower()
    for raw in ("<script", "<img", "<!--"):
        assert raw not in lowered
    assert "](" not in OUR_LINK.sub("", text).replace("\\](", "")
    assert not command_lines(text)
    tables = list(markdown_tables(text))
    assert tables
    for table in tables:
        columns = unescaped_pipes(table[0])
        assert all(unescaped_pipes(row) == columns for row in table), table


def test_library_formats_are_safe(hostile: Path) -> None:
    corpus = load_corpus(inputs(hostile))
    result = check_corpus(corpus)
    findings = build_findings(result, corpus)
    assert findings, "the corpus must produce findings, or this test checks nothing"
    for fmt in Format:
        out = format_findings(findings, fmt, stale=["::add-mask::fp CST001 quantity:x\n::error::y"])
        if fmt is Format.GITHUB:
            lines = out.splitlines()
            assert len(lines) == len(findings)
            assert all(
                re.match(r"::(error|warning) file=[^:,\n]*,line=\d+,col=\d+,title=CST\d{3} [a-z-]+::", x) for x in lines
            )
            assert "%0A::error title=PWNED" in out  # the file name's line break, escaped inside the annotation
        else:
            assert not command_lines(out), fmt
    text = format_findings(findings, Format.TEXT)
    assert "a\\n::error title=PWNED::x.txt" in text  # the file is named, its line break shown as \n
    check_markdown(markdown_report(result))
    assert not command_lines(summary_table(result))
    assert "Reuters \\| &lt;img src=x&gt; &lt;!-- x --&gt; &lt;script&gt;" in markdown_report(result)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


TEXT_COLUMNS = ("doc_id", "text", "sentence", "fact_id")


def test_csv_cells_are_neutralised_and_numbers_kept(hostile: Path, tmp_path: Path) -> None:
    result = consistency.check(inputs(hostile))
    write_report(result, tmp_path / "on")
    write_report(result, tmp_path / "off", escape_formulas=False)
    on, off = read_csv(tmp_path / "on" / "facts.csv"), read_csv(tmp_path / "off" / "facts.csv")
    assert len(on) == len(off) > 0
    starts = tuple(s for s in FORMULA_STARTS)
    for row in on:
        for column in TEXT_COLUMNS:
            assert not row[column].startswith(starts), (column, row[column])
    assert {r["doc_id"] for r in on} >= {"'=cmd|' /C calc'!A0", "'-2+3"}
    assert {r["doc_id"] for r in off} >= {"=cmd|' /C calc'!A0", "-2+3"}
    assert [r["line"] for r in on] == [r["line"] for r in off]  # numeric columns untouched
    comparisons = read_csv(tmp_path / "on" / "comparisons.csv")
    assert comparisons and all(
        not r["doc_a"].startswith(starts) and not r["doc_b"].startswith(starts) for r in comparisons
    )


def test_escape_frame_leaves_numeric_columns() -> None:
    import pandas as pd

    frame = pd.DataFrame({"low": [-3.0, 2.0], "line": [1, -1], "text": ["-3 degrees", "=A1"]})
    out = escape_frame(frame)
    assert out["low"].tolist() == [-3.0, 2.0] and out["line"].tolist() == [1, -1]
    assert out["text"].tolist() == ["'-3 degrees", "'=A1"]
    assert escape_frame(frame, escape_formulas=False)["text"].tolist() == ["-3 degrees", "=A1"]


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_cli_check_is_safe(hostile: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hostile.parent)
    (hostile / "broken\n::error title=BAD::.txt").write_bytes(b"caf\xe9 \xff not utf-8")
    result = CliRunner().invoke(cli, ["check", *inputs(Path("corpus")), "--format", fmt, "--report-dir", "out"])
    assert result.exit_code == EXIT_FINDINGS, (result.stdout, result.stderr, result.exception)
    assert "BAD" in result.stderr  # the broken file is named in a warning...
    assert not command_lines(result.stderr)  # ...on one line that is no command
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ")) for line in result.stdout.splitlines())
    else:
        assert not command_lines(result.stdout)
    check_markdown((hostile.parent / "out" / "report.md").read_text(encoding="utf-8"))


def test_cli_report_is_safe_and_escape_formulas_is_an_option(hostile: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", *inputs(hostile), "--out", str(tmp_path / "on")])
    assert result.exit_code == EXIT_SUCCESS, (result.stdout, result.stderr, result.exception)
    assert not command_lines(result.stdout) and not command_lines(result.stderr)
    check_markdown((tmp_path / "on" / "report.md").read_text(encoding="utf-8"))
    off = CliRunner().invoke(cli, ["report", *inputs(hostile), "--out", str(tmp_path / "off"), "--no-escape-formulas"])
    assert off.exit_code == EXIT_SUCCESS
    assert "'=cmd|" in (tmp_path / "on" / "facts.csv").read_text(encoding="utf-8")
    assert "'=cmd|" not in (tmp_path / "off" / "facts.csv").read_text(encoding="utf-8")


def test_stale_baseline_entries_are_log_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(MORE + "\n", encoding="utf-8")
    entry = '{"code": "CST001", "claim": "x\\n::error::injected", "values": [], "count": 1}'
    (tmp_path / "b.json").write_text('{"version": 1, "findings": {"::add-mask::": ' + entry + "}}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "docs", "--baseline", "b.json"])
    assert result.exit_code == EXIT_SUCCESS, (result.stdout, result.stderr, result.exception)
    assert "stale baseline entry" in result.stderr and "injected" in result.stdout + result.stderr
    assert not command_lines(result.stderr) and not command_lines(result.stdout)


# --- reports as a set ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small() -> consistency.Result:
    return consistency.check([Path(__file__).resolve().parent.parent / "seeds" / "001_7833a452b3925789.txt"])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.rglob("*") if p.name.startswith(TEMP_PREFIX) or p.name.endswith(".tmp"))


def old_report(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    for name in REPORT_FILES:
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    return snapshot(folder)


def fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, number: int, error: BaseException) -> None:
    """Make ``os.<name>`` raise ``error`` on its ``number``-th call (counting from 1); other calls go through."""
    real: Callable[..., None] = getattr(os, name)
    calls = {"n": 0}

    def flaky(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == number:
            raise error
        real(*args, **kwargs)

    monkeypatch.setattr(os, name, flaky)


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), KeyboardInterrupt()], ids=["oserror", "interrupt"])
def test_a_failed_swap_keeps_the_old_report(
    small: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    out = tmp_path / "out"
    before = old_report(out)
    # 1st rename: the old folder aside; 2nd: the new one into place -> fails; 3rd: the old one back.
    fail_on_call(monkeypatch, "rename", 2, error)
    with pytest.raises((ReportError, KeyboardInterrupt)):
        write_report(small, out)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_when_the_old_report_cannot_be_put_back_it_is_kept_aside(
    small: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = old_report(out)
    real = os.rename
    calls = {"n": 0}

    def flaky(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] >= 2:  # the new report into place, then the old one back: both fail
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "rename", flaky)
    with pytest.raises(ReportError):
        write_report(small, out)
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert aside.name.endswith(".old") and snapshot(aside) == before  # never deleted: the only copy


def test_a_failed_writer_keeps_the_old_report(
    small: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = old_report(out)

    def interrupted(result: object, handle: io.TextIOBase, *links: object) -> None:
        handle.write("half a report")
        raise KeyboardInterrupt

    monkeypatch.setattr("consistency.output.write_markdown", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_report(small, out)
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_a_failed_first_report_leaves_nothing(
    small: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "rename", 1, OSError(28, "No space left on device"))
    with pytest.raises(ReportError, match="No space left"):
        write_report(small, tmp_path / "new")
    assert not (tmp_path / "new").exists() and leftovers(tmp_path) == []


@pytest.fixture
def writers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[], dict[str, int]]:
    """Reports written by two processes from any size on; returns what says which process wrote each CSV file
    (its pid)."""
    monkeypatch.setattr("consistency.output.SPLIT_FROM", 0)
    record = tmp_path / "writers.txt"
    for name in ("write_facts_csv", "write_comparisons_csv", "write_claims_csv"):
        real = getattr(consistency.output, name)

        def recorded(*args: object, real: Callable[..., None] = real, name: str = name) -> None:
            real(*args)
            with open(record, "a", encoding="utf-8") as handle:  # from whichever process wrote the file
                handle.write(f"{name} {os.getpid()}\n")

        monkeypatch.setattr(f"consistency.output.{name}", recorded)

    def read() -> dict[str, int]:
        lines = record.read_text(encoding="utf-8").split() if record.exists() else []
        record.unlink(missing_ok=True)
        return {name: int(pid) for name, pid in zip(lines[::2], lines[1::2], strict=True)}

    return read


@pytest.mark.skipif(not consistency._files.can_fork(), reason="copies of the process are made on Linux only")
def test_two_processes_write_the_same_report_as_one(
    seeds_result: consistency.Result, tmp_path: Path, writers: Callable[[], dict[str, int]]
) -> None:
    write_report(seeds_result, tmp_path / "one", jobs=1)
    assert set(writers().values()) == {os.getpid()}
    write_report(seeds_result, tmp_path / "two", jobs=2)
    by = writers()
    assert len(by) == 3 and os.getpid() not in by.values(), "the CSV files are written by another process"
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
    assert (tmp_path / "two" / "comparisons.csv").read_text(encoding="utf-8").count("\n") > 2


@pytest.mark.skipif(not consistency._files.can_fork(), reason="copies of the process are made on Linux only")
def test_claims_csv_is_written_beside_the_reports_when_the_tables_outweigh_them(
    seeds_result: consistency.Result,
    tmp_path: Path,
    writers: Callable[[], dict[str, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a big corpus the CSV files take the copy longer than the two reports take this process (3.1 s and
    1.8 s at 8,000 documents): claims.csv is then written here. The report is the same."""
    write_report(seeds_result, tmp_path / "one", jobs=1)
    writers()
    monkeypatch.setattr("consistency.output._REPORTS_SECONDS", (0.0, 0.0))  # as if the tables outweighed them
    write_report(seeds_result, tmp_path / "two", jobs=2)
    by = writers()
    assert by["write_claims_csv"] == os.getpid()
    assert os.getpid() not in (by["write_facts_csv"], by["write_comparisons_csv"])
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


@pytest.mark.parametrize(
    ("facts", "comparisons", "claims", "copy_writes"),
    [
        (32_271, 16_130, 11_169, ["facts.csv", "comparisons.csv", "claims.csv"]),  # 2,000 documents
        (131_000, 83_000, 48_000, ["facts.csv", "comparisons.csv"]),  # about 8,000
        (1_000_000, 600_000, 360_000, ["facts.csv", "comparisons.csv"]),  # about 64,000
    ],
    ids=["2000-docs", "8000-docs", "64000-docs"],
)
def test_the_copy_writes_the_tables_that_balance_the_work(
    facts: int, comparisons: int, claims: int, copy_writes: list[str]
) -> None:
    sized = SimpleNamespace(facts=range(facts), comparisons=range(comparisons), claims=range(claims))
    tables = ["facts.csv", "comparisons.csv", "claims.csv"]
    assert consistency.output._forked(sized, tables) == copy_writes  # type: ignore[arg-type]


def test_with_another_thread_running_the_report_is_written_by_one_process(
    seeds_result: consistency.Result, tmp_path: Path, writers: Callable[[], dict[str, int]]
) -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        write_report(seeds_result, tmp_path / "out", jobs=2)
    finally:
        stop.set()
        other.join()
    assert set(writers().values()) == {os.getpid()}, "a copy of a process with threads could hang"


def _no_space(*args: object) -> None:
    raise OSError(28, "No space left on device")


_PYTEST = os.getpid()


def _dies(*args: object) -> None:
    if os.getpid() == _PYTEST:
        raise AssertionError("written by the test's own process, not by a copy")
    os._exit(3)


@pytest.mark.skipif(not consistency._files.can_fork(), reason="copies of the process are made on Linux only")
@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (_no_space, "No space left on device"),
        (_dies, r"the process writing facts.csv, comparisons.csv, claims.csv stopped .*exit code 3"),
    ],
    ids=["raises", "dies"],
)
def test_a_writer_failing_in_the_other_process_keeps_the_old_report(
    seeds_result: consistency.Result,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writers: Callable[[], dict[str, int]],
    failure: Callable[[], None],
    said: str,
) -> None:
    out = tmp_path / "out"
    before = old_report(out)
    monkeypatch.setattr("consistency.output.write_comparisons_csv", failure)
    with pytest.raises(ReportError, match=said) as raised:
        write_report(seeds_result, out, jobs=2)
    assert "\n" not in str(raised.value)
    assert snapshot(out) == before and leftovers(tmp_path) == []


@pytest.mark.skipif(not consistency._files.can_fork(), reason="copies of the process are made on Linux only")
def test_an_interrupt_while_the_other_process_writes_stops_it_and_keeps_the_old_report(
    seeds_result: consistency.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("consistency.output.SPLIT_FROM", 0)
    out = tmp_path / "out"
    before = old_report(out)
    started = tmp_path / "started"

    def slow(*args: object) -> None:
        started.touch()
        time.sleep(60)  # stopped long before

    def interrupted(*args: object) -> None:
        while not started.exists():
            time.sleep(0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr("consistency.output.write_facts_csv", slow)
    monkeypatch.setattr("consistency.output.write_markdown", interrupted)
    real_fork, forked = os.fork, []

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    began = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        write_report(seeds_result, out, jobs=2)
    assert time.monotonic() - began < 30, "the other process was stopped, not waited for"
    assert snapshot(out) == before and leftovers(tmp_path) == []
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # stopped and waited for: nothing left behind


def test_a_report_replaces_an_old_one_whole(small: consistency.Result, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old_report(out)
    (out / ".facts.csv.k2j1x.tmp").write_text("left by a killed run of an older version", encoding="utf-8")
    written = write_report(small, out)
    assert written == [out / name for name in REPORT_FILES]
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Consistency report")
    assert leftovers(tmp_path) == []


def test_a_folder_with_other_files_is_refused(small: consistency.Result, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "story.txt").write_text(MORE, encoding="utf-8")
    (docs / "report.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        write_report(small, docs)
    assert "\n" not in str(err.value) and "story.txt" in str(err.value)
    assert snapshot(docs) == {"report.md": b"mine", "story.txt": MORE.encode()}
    assert leftovers(tmp_path) == []
    result = CliRunner().invoke(cli, ["report", str(docs), "--out", str(docs)])
    assert result.exit_code == EXIT_ERROR and len(result.stderr.strip().splitlines()) == 1
    assert snapshot(docs) == {"report.md": b"mine", "story.txt": MORE.encode()}


def test_a_symlinked_report_folder_stays_a_link(small: consistency.Result, tmp_path: Path) -> None:
    real = tmp_path / "real"
    old_report(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    write_report(small, link)
    assert link.is_symlink() and (real / "report.md").read_text(encoding="utf-8").startswith("# Consistency")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_modes_follow_the_umask(small: consistency.Result, tmp_path: Path, umask: int) -> None:
    out = tmp_path / "out"
    write_report(small, out)
    assert mode(out) == 0o777 & ~umask
    assert {name: mode(out / name) for name in REPORT_FILES} == dict.fromkeys(REPORT_FILES, 0o666 & ~umask)
    single = write_text(tmp_path / "baseline.json", "{}\n")
    assert mode(single) == 0o666 & ~umask


def test_a_replaced_folder_and_file_keep_their_modes(small: consistency.Result, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old_report(out)
    out.chmod(0o750)
    write_report(small, out)
    assert mode(out) == 0o750
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, "new")
    assert mode(target) == 0o640 and target.read_text(encoding="utf-8") == "new"


def test_write_text_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old\n", encoding="utf-8")
    fail_on_call(monkeypatch, "replace", 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


def test_a_list_too_long_for_a_spreadsheet_cell_is_cut_and_says_how_many_it_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value thousands of documents state would list them all in one claims.csv cell, past a spreadsheet's
    32,767 characters; the list is cut and says how many are left out, while ``documents`` counts them all.
    (On the seeds, with the limit lowered to a few ids.)"""
    import consistency.output.claims as claims

    result = consistency.report(ROOT / "seeds")
    full = result.claims
    monkeypatch.setattr(claims, "MAX_LIST_CHARS", 30)
    write_report(result, tmp_path)
    with (tmp_path / "claims.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(full)
    cut = 0
    for row, (_, whole) in zip(rows, full.iterrows(), strict=True):
        ids = str(whole["doc_ids"]).split(";")
        assert len(row["doc_ids"]) <= 30 and int(row["documents"]) == len(ids)
        if len(str(whole["doc_ids"])) > 30:
            kept = [] if row["doc_ids"].startswith("(... ") else row["doc_ids"].split("; (... ")[0].split(";")
            assert row["doc_ids"].endswith(f"(... {len(ids) - len(kept)} more)") and kept == ids[: len(kept)]
            cut += 1
    assert cut  # the seeds have values that two documents state (41 characters)
