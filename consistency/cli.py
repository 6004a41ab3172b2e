"""The ``consistency`` command: a thin layer of click over the library."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from tabulate import tabulate

from consistency.config import Settings
from consistency.corpus import CorpusError, load_corpus, parse_published_option
from consistency.extract import extract_facts
from consistency.facts import facts_frame
from consistency.pipeline import Result, check_corpus
from consistency.report import ReportError, summary_table, write_report

EXIT_SUCCESS, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CORPUS = "seeds/"
DEFAULT_REPORT_DIR = "reports/"


class UsageError(click.ClickException):
    """A problem with the user's input or files: one line on stderr, exit code 2 (1 means findings)."""

    exit_code = EXIT_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    rows = [[f.evidence, f.kind, f.text, f.value, f.subject if f.kind == "quantity" else "", f.note] for f in found]
    click.echo(
        tabulate(
            rows,
            headers=["where", "kind", "text", "value", "counts", "note"],
            tablefmt="simple",
            disable_numparse=True,
        )
    )
    for doc in corpus.documents:
        if doc.published is None:
            click.echo(f"note: {doc.path}: no publication date; relative dates are left unresolved", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``consistency`` script."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="consistency")
