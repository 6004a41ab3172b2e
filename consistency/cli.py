"""The ``consistency`` command: a thin layer of click over the library."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from tabulate import tabulate

from consistency._files import write_text
from consistency.changes import GitError
from consistency.ci import DEFAULT_BASELINE, EXIT_ERROR, EXIT_FINDINGS, EXIT_SUCCESS, GateOptions, run_gate
from consistency.config import ConfigError, Settings, find_config, load_config
from consistency.corpus import CorpusError, load_corpus, parse_published_option
from consistency.extract import extract_facts
from consistency.facts import facts_frame
from consistency.findings import LEVELS
from consistency.gate import BaselineError
from consistency.pipeline import Result, check_corpus
from consistency.report import ReportError, markdown_report, summary_table, write_report
from consistency.report.findings import Format, format_findings

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_SUCCESS", "cli", "main"]

DEFAULT_CORPUS = "seeds/"
DEFAULT_REPORT_DIR = "reports/"


class UsageError(click.ClickException):
    """A problem with the user's input or files: one line on stderr, exit code 2 (1 means findings)."""

    exit_code = EXIT_ERROR


class _Group(click.Group):
    """Turns a bug into the promised one-line error with exit code 2, never a traceback with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as err:  # the boundary where every failure becomes one line
            raise UsageError(f"internal error: {type(err).__name__}: {err}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="consistency")
def cli() -> None:
    """Find where documents about the same story agree on the facts and where they contradict each other."""


def _published(values: Sequence[str]) -> dict[str, dt.date]:
    out = {}
    for value in values:
        try:
            doc, day = parse_published_option(value)
        except ValueError as err:
            raise UsageError(f"--published {value}: {err}") from None
        out[doc] = day
    return out


def _settings(quantity_tolerance: float | None, date_tolerance: int | None, min_score: float | None) -> Settings:
    overrides = {
        name: str(value)
        for name, value in (
            ("quantity_tolerance", quantity_tolerance),
            ("date_tolerance_days", date_tolerance),
            ("min_score", min_score),
        )
        if value is not None
    }
    try:
        return Settings().with_overrides(overrides)
    except ValueError as err:
        raise UsageError(str(err)) from None


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing at all when it is not (CI logs, pipes)."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr).__enter__()
        bar.update(1)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _warn(warnings: Sequence[str]) -> None:
    for line in warnings:
        click.echo(f"warning: {line}", err=True)


def _run(paths: Sequence[str], published: Sequence[str], settings: Settings) -> Result:
    try:
        corpus = load_corpus(list(paths) or [DEFAULT_CORPUS], published=_published(published))
    except CorpusError as err:
        raise UsageError(str(err)) from None
    _warn(corpus.warnings)
    with _progress_bar("Extracting facts") as progress:
        return check_corpus(corpus, settings=settings, progress=progress)


_published_option = click.option(
    "--published",
    "published",
    multiple=True,
    metavar="DOC=DATE",
    help="Publication date of a document (its id or file stem), e.g. 000_b3be=2021-12-19. Repeatable.",
)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--out",
    default=DEFAULT_REPORT_DIR,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for facts.csv, comparisons.csv and report.md.",
)
@_published_option
@click.option("--quantity-tolerance", type=float, help="Relative difference at which two counts still agree [0].")
@click.option("--date-tolerance", type=int, help="Days apart at which two dates still agree [0].")
@click.option("--min-score", type=float, help="Alignment score (0-100) two facts need to be one claim [40].")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
def report(
    paths: tuple[str, ...],
    out: str,
    published: tuple[str, ...],
    quantity_tolerance: float | None,
    date_tolerance: int | None,
    min_score: float | None,
    quiet: bool,
) -> None:
    """Compare the facts of PATHS (default: seeds/) and write a report.

    PATHS are directories, files or globs: .txt and .md documents, or .csv/.jsonl corpora with
    id, text and optional source, published columns.

    Example: consistency report seeds/ --out reports/
    """
    result = _run(paths, published, _settings(quantity_tolerance, date_tolerance, min_score))
    try:
        written = write_report(result, out)
    except ReportError as err:
        raise UsageError(str(err)) from None
    if not quiet:
        click.echo(summary_table(result))
        click.echo(f"\nwrote {', '.join(str(p) for p in written)}")


@cli.command()
@click.argument("path", type=click.Path())
@_published_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (the columns of facts.csv) instead of a table.")
def facts(path: str, published: tuple[str, ...], as_csv: bool) -> None:
    """List the facts extracted from the document(s) at PATH.

    Example: consistency facts seeds/001_7833a452b3925789.txt
    """
    try:
        corpus = load_corpus([path], published=_published(published))
    except CorpusError as err:
        raise UsageError(str(err)) from None
    _warn(corpus.warnings)
    found = [f for doc in corpus.documents for f in extract_facts(doc)]
    if as_csv:
        click.echo(facts_frame(found).to_csv(index=False, lineterminator="\n"), nl=False)
        return
    for doc in corpus.documents:
        if doc.published is None:
            click.echo(f"note: {doc.path}: no publication date; relative dates are left unresolved", err=True)
    rows = [[f.evidence, f.kind, f.text, f.value, f.subject if f.kind == "quantity" else "", f.note] for f in found]
    click.echo(
        tabulate(
            rows,
            headers=["where", "kind", "text", "value", "counts", "note"],
            tablefmt="simple",
            disable_numparse=True,
        )
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Configuration file to use instead "
    "of .consistency.toml / pyproject.toml [tool.consistency] in the working directory.",
)
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]), help="Output format [text].")
@click.option("--output-file", type=click.Path(dir_okay=False), help="Write the payload to FILE instead of stdout.")
@click.option("--report-dir", type=click.Path(file_okay=False), help="Also write the CSV/Markdown report to DIR.")
@click.option("--fail-on", type=click.Choice(LEVELS), help="Lowest verdict that fails the run [conflict].")
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even with findings (still 2 on errors).")
@click.option(
    "--baseline", "baseline_file", type=click.Path(dir_okay=False), help=f"Accepted findings [{DEFAULT_BASELINE}]."
)
@click.option("--update-baseline", is_flag=True, help="Rewrite the baseline from the current findings.")
@click.option("--prune-baseline", is_flag=True, help="Remove baseline entries that no longer occur; add nothing.")
@click.option("--strict-baseline", is_flag=True, default=None, help="Fail when a baseline entry is stale.")
@click.option("--changed-since", metavar="GIT_REF", help="Report only findings involving documents changed since REF.")
@_published_option
@click.option("--quantity-tolerance", type=float, help="Relative difference at which two counts still agree [0].")
@click.option("--date-tolerance", type=int, help="Days apart at which two dates still agree [0].")
@click.option("--min-score", type=float, help="Alignment score (0-100) two facts need to be one claim [40].")
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    fmt: str | None,
    output_file: str | None,
    report_dir: str | None,
    fail_on: str | None,
    exit_zero: bool | None,
    baseline_file: str | None,
    update_baseline: bool,
    prune_baseline: bool,
    strict_baseline: bool | None,
    changed_since: str | None,
    published: tuple[str, ...],
    quantity_tolerance: float | None,
    date_tolerance: int | None,
    min_score: float | None,
) -> None:
    """Fail when documents contradict each other: the CI gate.

    Exit codes: 0 nothing unaccepted at or above --fail-on, 1 findings, 2 usage, config or input error.
    Findings already reviewed live in the baseline file; inline directives such as
    <!-- consistency: ignore[CST001] --> silence one line.

    Example: consistency check seeds/ --format github --strict-baseline
    """
    conf = _config(config_file)

    def pick(flag: object, key: str, default: object) -> object:
        return flag if flag is not None else conf.get(key, default)

    settings = _settings(
        quantity_tolerance if quantity_tolerance is not None else _opt_float(conf.get("quantity-tolerance")),
        date_tolerance if date_tolerance is not None else _opt_int(conf.get("date-tolerance")),
        min_score if min_score is not None else _opt_float(conf.get("min-score")),
    )
    config_published = [f"{k}={v}" for k, v in dict(conf.get("published", {})).items()]  # type: ignore[call-overload]
    corpus_paths = list(paths) or list(conf.get("paths", [])) or [DEFAULT_CORPUS]  # type: ignore[call-overload]
    options = GateOptions(
        paths=corpus_paths,
        published=_published([*config_published, *published]),
        settings=settings,
        fail_on=str(pick(fail_on, "fail-on", "conflict")),
        baseline=str(pick(baseline_file, "baseline", DEFAULT_BASELINE)),
        update_baseline=update_baseline,
        prune_baseline=prune_baseline,
        strict_baseline=bool(pick(strict_baseline, "strict-baseline", False)),
        changed_since=changed_since,
    )
    if options.fail_on not in LEVELS:
        raise UsageError(f"fail-on must be one of {', '.join(LEVELS)}, got {options.fail_on!r}")
    chosen = str(pick(fmt, "format", Format.TEXT.value))
    if chosen not in {f.value for f in Format}:
        raise UsageError(f"format must be one of {', '.join(f.value for f in Format)}, got {chosen!r}")
    try:
        with _progress_bar("Checking") as progress:
            run = run_gate(options, progress=progress)
    except (CorpusError, GitError, BaselineError, OSError) as err:
        raise UsageError(str(err)) from None
    _warn(run.corpus.warnings)
    for entry in run.stale:
        click.echo(f"stale baseline entry {entry.fingerprint} ({entry.code} {entry.claim}): no longer occurs", err=True)
    if run.baseline_written is not None:
        click.echo(f"wrote {run.baseline_written}", err=True)

    payload = format_findings(
        run.findings, Format(chosen), stale=[f"{e.fingerprint} {e.code} {e.claim}" for e in run.stale]
    )
    out_file = pick(output_file, "output-file", None)
    target_dir = pick(report_dir, "report-dir", None)
    try:
        if out_file:
            write_text(str(out_file), payload)
        else:
            click.echo(payload, nl=False)
        if target_dir:
            write_report(run.result, str(target_dir))
            summary = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(markdown_report(run.result) + "\n")
    except (OSError, ReportError) as err:
        raise UsageError(str(err)) from None
    sys.exit(run.exit_code(options.strict_baseline, bool(pick(exit_zero, "exit-zero", False))))


def _config(explicit: str | None) -> dict[str, object]:
    """The configuration file's values: --config FILE, else the one found in the working directory."""
    path = Path(explicit) if explicit else find_config(Path.cwd())
    if path is None:
        return {}
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    try:
        return load_config(path)
    except ConfigError as err:
        raise UsageError(str(err)) from None


def _opt_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``consistency`` script."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="consistency")
