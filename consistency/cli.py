"""The ``consistency`` command: a thin layer of click over the library."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from consistency._escape import log_line
from consistency.findings import LEVELS, Suppression

if TYPE_CHECKING:  # loaded by _library() when a command runs: `consistency --help` does not pay for them
    from rich.text import Text
    from tabulate import tabulate

    from consistency._files import write_text
    from consistency.align import explain as explain_pair
    from consistency.changes import GitError
    from consistency.ci import (
        DEFAULT_BASELINE,
        EXIT_ERROR,
        EXIT_FINDINGS,
        EXIT_SUCCESS,
        GateOptions,
        GateRun,
        github_links,
        run_gate,
        sentences,
    )
    from consistency.config import ConfigError, Settings, find_config, load_config
    from consistency.corpus import Corpus, CorpusError, load_corpus, parse_published_option
    from consistency.facts import Fact
    from consistency.gate import BaselineError
    from consistency.output import ReportError, write_report
    from consistency.output.csv import escape_frame
    from consistency.output.findings import Format, format_findings, format_job_summary, format_statistics
    from consistency.output.terminal import claim_headlines, make_console, progress_bar, summary_lines
    from consistency.pipeline import Progress, Result, check_corpus, execution, extract_corpus, facts_table

#: What the commands use of the library (pandas, rich, the pipeline), name -> (module, name there): imported
#: late (:func:`_library`), so that loading this module, and so ``consistency --help``, takes a fraction of a
#: second (issue 11: 0.7 s when it imported them up front).
_LAZY: dict[str, tuple[str, str]] = {
    "Text": ("rich.text", "Text"),
    "tabulate": ("tabulate", "tabulate"),
    "write_text": ("consistency._files", "write_text"),
    "explain_pair": ("consistency.align", "explain"),
    "GitError": ("consistency.changes", "GitError"),
    **{
        name: ("consistency.ci", name)
        for name in (
            "DEFAULT_BASELINE",
            "EXIT_ERROR",
            "EXIT_FINDINGS",
            "EXIT_SUCCESS",
            "GateOptions",
            "GateRun",
            "github_links",
            "run_gate",
            "sentences",
        )
    },
    **{name: ("consistency.config", name) for name in ("ConfigError", "Settings", "find_config", "load_config")},
    **{
        name: ("consistency.corpus", name)
        for name in ("Corpus", "CorpusError", "load_corpus", "parse_published_option")
    },
    "Fact": ("consistency.facts", "Fact"),
    "BaselineError": ("consistency.gate", "BaselineError"),
    **{name: ("consistency.output", name) for name in ("REPORT_FILES", "ReportError", "write_report")},
    "claims_table": ("consistency.output.claims", "claims_table"),
    "escape_frame": ("consistency.output.csv", "escape_frame"),
    **{
        name: ("consistency.output.findings", name)
        for name in ("Format", "format_findings", "format_job_summary", "format_statistics")
    },
    **{
        name: ("consistency.output.terminal", name)
        for name in ("claim_headlines", "make_console", "progress_bar", "summary_lines")
    },
    **{
        name: ("consistency.pipeline", name)
        for name in ("Progress", "Result", "check_corpus", "execution", "extract_corpus", "facts_table")
    },
}


def __getattr__(name: str) -> Any:
    """``consistency.cli.EXIT_ERROR`` and the other library names this module uses, loaded on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def _library() -> None:
    """Import what the commands use into this module's namespace, once (a name already set, e.g. by a test's
    monkeypatch, is kept)."""
    namespace = globals()
    for name in _LAZY:
        if name not in namespace:
            __getattr__(name)


__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_SUCCESS", "cli", "main"]

_F = TypeVar("_F", bound=Callable[..., Any])

DEFAULT_CORPUS = "seeds/"
DEFAULT_REPORT_DIR = "reports/"


class UsageError(click.ClickException):
    """A problem with the user's input or files: one line on stderr, exit code 2 (1 means findings)."""

    exit_code = 2  # consistency.ci.EXIT_ERROR, which this module loads late (tests/test_cli.py keeps them equal)

    def format_message(self) -> str:
        return log_line(self.message)  # messages quote file names, which may hold line breaks or "::"


class _Group(click.Group):
    """Turns a bug into the promised one-line error with exit code 2, never a traceback with exit code 1."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["consistency.args"] = list(args)  # the command line as given, for _start_workers_early
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _start_workers_early(self, ctx.meta.get("consistency.args", []))
            _library()
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as err:  # the boundary where every failure becomes one line
            raise UsageError(f"internal error: {type(err).__name__}: {err}") from None


def _start_workers_early(group: click.Group, args: Sequence[str]) -> None:
    """For ``report``, start the pool's workers loading (:func:`consistency._parallel.start_early`) before this
    process imports the library (0.6 s): a guess from the command line as given, read with the command's own
    options; ``_where`` makes sure of it once the arguments are parsed."""
    command = group.commands.get(args[0]) if args else None
    if command is None or command.name != "report":
        return
    paths, jobs, scheduler = _paths_and_jobs(command, args[1:])
    if not scheduler and not os.environ.get("DASK_SCHEDULER_ADDRESS"):
        from consistency._parallel import start_early

        start_early(paths or [DEFAULT_CORPUS], jobs)


def _paths_and_jobs(command: click.Command, args: Sequence[str]) -> tuple[list[str], int | None, str | None]:
    """The paths, ``--jobs`` and ``--scheduler`` a command line names, as far as it can be read without parsing it
    (anything that is not an option or an option's value is a path).

    >>> _paths_and_jobs(report, ["seeds/", "--out", "big/", "-j", "2", "-q", "--scheduler=local", "more/"])
    (['seeds/', 'more/'], 2, 'local')
    """
    valued = {
        name
        for param in command.params
        if isinstance(param, click.Option) and not param.is_flag and not param.count
        for name in param.opts
    }
    paths: list[str] = []
    jobs: int | None = None
    scheduler: str | None = None
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            paths.extend(tokens)
            break
        if not token.startswith("-") or token == "-":
            paths.append(token)
            continue
        name, equals, value = token.partition("=")
        if name in valued and not equals:
            value = next(tokens, "")
        if name in ("-j", "--jobs"):
            jobs = int(value) if value.isdecimal() and int(value) > 0 else None
        elif name == "--scheduler":
            scheduler = value
    return paths, jobs, scheduler


class _Command(click.Command):
    """A command whose options' help may name library values, as ``{REPORT_FILES}`` (any name of :data:`_LAZY`),
    and whose choices may come from the library (:class:`_LateChoice`): filled in the first time the command
    parses its arguments or shows its help, so that loading the command line does not import the library."""

    _filled = False

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not self._filled:
            _library()
            for param in self.params:
                if isinstance(param, click.Option) and param.help and "{" in param.help:
                    param.help = param.help.format_map({name: _shown(globals()[name]) for name in _LAZY})
                if isinstance(param.type, _LateChoice):
                    param.type = click.Choice(param.type.values())
            self._filled = True
        return super().get_params(ctx)


if TYPE_CHECKING:
    _ParamType = click.ParamType[str]
else:
    _ParamType = click.ParamType


class _LateChoice(_ParamType):
    """A choice among values the library gives (``values``), read when the command first needs them."""

    name = "choice"

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        self.values = values


def _shown(value: object) -> str:
    """A library value as option help names it: a list as "a, b, c"."""
    return ", ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)


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


def _settings(
    quantity_tolerance: float | None,
    date_tolerance: int | None,
    min_score: float | None,
    time_budget: float | None = None,
) -> Settings:
    """The settings from the flags (or configuration); NaN, infinities and out-of-range values are exit 2."""
    settings = Settings()
    for flag, name, value in (
        ("--quantity-tolerance", "quantity_tolerance", quantity_tolerance),
        ("--date-tolerance", "date_tolerance_days", date_tolerance),
        ("--min-score", "min_score", min_score),
        ("--time-budget", "time_budget", time_budget),
    ):
        if value is None:
            continue
        try:
            settings = settings.with_overrides({name: str(value)})
        except ValueError as err:
            raise UsageError(f"{flag}: {err}") from None
    return settings


def _execution_options(command: _F) -> _F:
    """``--jobs`` and ``--scheduler``: where the work runs (the output is the same either way)."""
    command = click.option(
        "--scheduler",
        metavar="ADDRESS",
        envvar="DASK_SCHEDULER_ADDRESS",
        help="Run on the Dask cluster whose scheduler is at ADDRESS, or 'local' for a LocalCluster on this machine "
        "(needs pip install 'consistency[dask]') [$DASK_SCHEDULER_ADDRESS].",
    )(command)
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        metavar="N",
        help="Processes that read and align the documents [every core allowed; one for a corpus under 1 MB of text].",
    )(command)


@contextmanager
def _where(jobs: int | None, scheduler: str | None, paths: Sequence[str] = ()) -> Iterator[None]:
    """Runs inside the block use ``jobs`` processes, or the Dask cluster at ``scheduler``; a scheduler that cannot
    be used (Dask missing, no answer) or a pool that lost a worker is a one-line error with exit code 2. The
    pool's workers start loading at once when the files at ``paths`` are large enough to use them."""
    from consistency._parallel import PoolError, SchedulerError, start_early

    try:
        if scheduler:
            from consistency._dask import require_dask

            require_dask()  # before reading the corpus: say it at once
        else:
            start_early(paths, jobs)  # before this process imports pandas and reads the corpus
        with execution(jobs=jobs, scheduler=scheduler or None):
            yield
    except (SchedulerError, PoolError) as err:
        raise UsageError(str(err)) from None


def _progress(quiet: bool) -> AbstractContextManager[Progress | None]:
    """Progress bars over every stage, on stderr when it is a terminal; nothing at all in pipes, CI or ``-q``."""
    return progress_bar(sys.stderr, enabled=not quiet)


def _print(lines: Sequence[Text], err: bool = False) -> None:
    """Print styled lines (colour only on a terminal with NO_COLOR unset) to stdout, or stderr."""
    console = make_console(sys.stderr if err else sys.stdout)
    for line in lines:
        console.print(line)


def _warn(warnings: Sequence[str]) -> None:
    """One log-safe line per warning (warnings quote file names and document text)."""
    for line in warnings:
        click.echo(f"warning: {log_line(line)}", err=True)


def _load(paths: Sequence[str], published: Sequence[str], exclude: Sequence[str] = (), stories: str = "auto") -> Corpus:
    try:
        corpus = load_corpus(list(paths), published=_published(published), exclude=exclude, stories=stories)
    except CorpusError as err:
        raise UsageError(str(err)) from None
    _warn(corpus.warnings)
    return corpus


def _run(
    paths: Sequence[str],
    published: Sequence[str],
    settings: Settings,
    exclude: Sequence[str] = (),
    quiet: bool = False,
    stories: str = "auto",
) -> Result:
    corpus = _load(list(paths) or [DEFAULT_CORPUS], published, exclude, stories)
    said = set(corpus.warnings)
    hand_over = [corpus].pop  # the run alone holds the documents, and lets each go once read
    del corpus
    try:
        with _progress(quiet) as progress:
            result = check_corpus(hand_over, settings=settings, progress=progress)
    except CorpusError as err:
        raise UsageError(str(err)) from None
    _warn([w for w in result.warnings if w not in said])  # documents skipped while reading facts
    return result


_published_option = click.option(
    "--published",
    "published",
    multiple=True,
    metavar="DOC=DATE",
    help="Publication date of a document (its id or file stem), e.g. 000_b3be=2021-12-19. Repeatable.",
)


_time_budget_option = click.option(
    "--time-budget",
    type=float,
    metavar="SECONDS",
    help="Seconds per MB (at least 2) one document may take before it is skipped with a warning [10].",
)


def _quiet_option(help_text: str) -> Callable[[_F], _F]:
    """``-q/--quiet`` on every command: no progress bar, summary or notes; warnings and errors still show."""
    return click.option("-q", "--quiet", is_flag=True, help=help_text)


_stories_option = click.option(
    "--stories",
    type=click.Choice(["auto", "folder"]),
    help="Where stories come from: the rare names documents share (auto), or one story per folder below a "
    "given one (folder); a CSV/JSONL story column always names its rows' story [auto].",
)

_escape_formulas_option = click.option(
    "--escape-formulas/--no-escape-formulas",
    default=True,
    show_default=True,
    help="Prefix CSV cells that start with = + - @ with ' so spreadsheets show them as text (off for pandas).",
)


@cli.command(cls=_Command)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--out",
    default=DEFAULT_REPORT_DIR,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for {REPORT_FILES}.",
)
@_published_option
@click.option("--quantity-tolerance", type=float, help="Relative difference at which two counts still agree [0].")
@click.option("--date-tolerance", type=int, help="Days apart at which two dates still agree [0].")
@click.option("--min-score", type=float, help="Alignment score (0-100) two facts need to be one claim [40].")
@_time_budget_option
@_stories_option
@click.option(
    "--facts-format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="Write the facts as facts.csv or as facts.parquet (typed; needs pip install 'consistency[parquet]').",
)
@_escape_formulas_option
@_execution_options
@_quiet_option("Print nothing but warnings and errors (no progress bar, no summary).")
def report(
    paths: tuple[str, ...],
    out: str,
    published: tuple[str, ...],
    quantity_tolerance: float | None,
    date_tolerance: int | None,
    min_score: float | None,
    time_budget: float | None,
    stories: str | None,
    facts_format: str,
    escape_formulas: bool,
    jobs: int | None,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Compare the facts of PATHS (default: seeds/) and write a report.

    PATHS are directories, files or globs: .txt and .md documents, or .csv/.jsonl corpora with
    id, text and optional source, published columns.

    Prints a summary: the counts, and the top disputed claims with the values each side states and how
    many documents state each. Weekday mismatches inside one document are "within-document problems".

    A corpus of 1 MB of text or more is read and aligned on every core (--jobs), or on a Dask cluster
    (--scheduler); the report is the same byte for byte.

    Example: consistency report seeds/ --out reports/
    """
    if facts_format == "parquet":
        from consistency.output import parquet

        if not parquet.PARQUET_AVAILABLE:
            raise UsageError(parquet.MISSING)  # before the run, not after it
    settings = _settings(quantity_tolerance, date_tolerance, min_score, time_budget)
    with _where(jobs, scheduler, list(paths) or [DEFAULT_CORPUS]):
        result = _run(paths, published, settings, exclude=[out], quiet=quiet, stories=stories or "auto")
    try:
        written = write_report(result, out, escape_formulas=escape_formulas, facts_format=facts_format, jobs=jobs)
    except (ReportError, ImportError) as err:
        raise UsageError(str(err)) from None
    if not quiet:
        _print([*summary_lines(result), Text(log_line(f"wrote {', '.join(str(p) for p in written)}"))])


@cli.command(cls=_Command)
@click.argument("path", type=click.Path())
@_published_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (the columns of facts.csv) instead of a table.")
@_quiet_option("Print the facts, warnings and errors only (no progress bar, no notes on undated documents).")
def facts(path: str, published: tuple[str, ...], as_csv: bool, quiet: bool) -> None:
    """List the facts extracted from the document(s) at PATH, with what each measures and of whom.

    Example: consistency facts seeds/001_7833a452b3925789.txt
    """
    corpus = _load([path], published)
    with _progress(quiet) as progress:
        extracted = extract_corpus(corpus.documents, progress)
    _warn(extracted.skipped)
    found = [f for found in extracted.facts.values() for f in found]
    if as_csv:
        click.echo(escape_frame(facts_table(found)).to_csv(index=False, lineterminator="\n"), nl=False)
        return
    for doc in corpus.documents:
        if doc.published is None and not quiet:
            click.echo(log_line(f"note: {doc.path}: no publication date; relative dates are left unresolved"), err=True)
    rows = [
        [f.evidence, f.kind, f.text, f.value, f.measure, f.holder, _scope(f), f.subject if f.kind != "date" else ""]
        for f in found
    ]
    headers = ["where", "kind", "text", "value", "measure", "holder", "scope", "counts"]
    safe = [[log_line(cell) for cell in row] for row in rows]
    click.echo(tabulate(safe, headers=headers, tablefmt="simple", disable_numparse=True))


def _scope(f: Fact) -> str:
    """The scope markers of a fact, as a reader would say them."""
    marks = [
        "part of a whole" if f.part_of else "",
        "increment" if f.increment else "",
        f"per {f.denominator}" if f.denominator else "",
        f"when {f.when}" if f.when else "",
        f"in {f.where}" if f.where else "",
    ]
    return "; ".join(m for m in marks if m)


@cli.command(cls=_Command)
@click.argument("first", metavar="DOC:LINE")
@click.argument("second", metavar="DOC:LINE")
@click.option("--corpus", "paths", multiple=True, type=click.Path(), help="Corpus to run on [seeds/]. Repeatable.")
@_published_option
@click.option("--min-score", type=float, help="Alignment score (0-100) two facts need to be one claim [40].")
@_quiet_option("Print the explanation, warnings and errors only (no progress bar).")
def explain(
    first: str, second: str, paths: tuple[str, ...], published: tuple[str, ...], min_score: float | None, quiet: bool
) -> None:
    """Say why the facts on two lines were, or were not, aligned as one claim.

    Prints each fact's frame (measure, holder, event, scope), the score and its parts, and the rule that
    joined them or the veto that kept them apart.

    Example: consistency explain 001_7833a452b3925789:11 002_4f8a57ab780d97d1:14
    """
    settings = _settings(None, None, min_score)
    corpus = _load(list(paths) or [DEFAULT_CORPUS], published)
    with _progress(quiet) as progress:
        result = check_corpus(corpus, settings=settings, progress=progress)
        extracted = extract_corpus(corpus.documents, progress)
    sides = [_facts_at(extracted.facts, where) for where in (first, second)]
    claim_of = _claims_by_fact(result)
    for f in sides[0] + sides[1]:
        click.echo(log_line(f"{f.evidence} {f.kind} {f.text!r} = {f.value} {f.unit}"))
        frame = f"measure={f.measure or '-'} holder={f.holder or '-'} event={f.event or '-'} rule={f.frame_rule or '-'}"
        click.echo(log_line(f"    {frame} scope={_scope(f) or '-'} claim={claim_of.get(f.fact_id, '-')}"))
    click.echo("")
    for a in sides[0]:
        for b in sides[1]:
            if a.kind != b.kind:
                continue
            why = explain_pair(a, b, settings.min_score, [f for fs in extracted.facts.values() for f in fs])
            same = claim_of.get(a.fact_id) is not None and claim_of.get(a.fact_id) == claim_of.get(b.fact_id)
            note = f" [both in {claim_of[a.fact_id]}]" if same and not why.joined else ""
            click.echo(log_line(f"{a.text!r} ~ {b.text!r}: {why.decision}{note}"))


def _facts_at(facts: Mapping[str, list[Fact]], where: str) -> list[Fact]:
    """The facts on line LINE of document DOC, as the run extracted them."""
    doc_id, _, line = where.rpartition(":")
    if not doc_id or not line.isdigit():
        raise UsageError(f"{where}: expected DOC:LINE, e.g. 001_7833a452b3925789:11")
    if doc_id not in facts:
        raise UsageError(f"{where}: no document {doc_id!r} in the corpus")
    found = [f for f in facts[doc_id] if f.line == int(line)]
    if not found:
        raise UsageError(f"{where}: no fact on that line (see: consistency facts)")
    return found


def _claims_by_fact(result: Result) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in result.comparisons[["claim_id", "fact_a", "fact_b"]].itertuples(index=False):
        out[str(row.fact_a)] = out[str(row.fact_b)] = str(row.claim_id)
    return out


@cli.command(cls=_Command)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Configuration file to use instead of the .consistency.toml or pyproject.toml [tool.consistency] "
    "found in the working directory or the nearest folder above it.",
)
@click.option("--format", "fmt", type=_LateChoice(lambda: [f.value for f in Format]), help="Output format [text].")
@click.option("--output-file", type=click.Path(dir_okay=False), help="Write the payload to FILE instead of stdout.")
@click.option("--report-dir", type=click.Path(file_okay=False), help="Also write the CSV/Markdown report to DIR.")
@click.option("--fail-on", type=click.Choice(LEVELS), help="Lowest verdict that fails the run [conflict].")
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even with findings (still 2 on errors).")
@click.option(
    "--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Accepted findings [{DEFAULT_BASELINE}]."
)
@click.option("--update-baseline", is_flag=True, help="Rewrite the baseline from the current findings.")
@click.option("--prune-baseline", is_flag=True, help="Remove baseline entries that no longer occur; add nothing.")
@click.option("--strict-baseline", is_flag=True, default=None, help="Fail when a baseline entry is stale.")
@click.option("--changed-since", metavar="GIT_REF", help="Report only findings involving documents changed since REF.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has instead of the findings.")
@click.option("--show-source", is_flag=True, help="Show the sentence of each finding under it (text format).")
@_published_option
@click.option("--quantity-tolerance", type=float, help="Relative difference at which two counts still agree [0].")
@click.option("--date-tolerance", type=int, help="Days apart at which two dates still agree [0].")
@click.option("--min-score", type=float, help="Alignment score (0-100) two facts need to be one claim [40].")
@_time_budget_option
@_stories_option
@_escape_formulas_option
@_execution_options
@_quiet_option("Print only the findings, warnings and errors: no progress bar, totals or summary.")
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
    statistics: bool,
    show_source: bool,
    published: tuple[str, ...],
    quantity_tolerance: float | None,
    date_tolerance: int | None,
    min_score: float | None,
    time_budget: float | None,
    stories: str | None,
    escape_formulas: bool,
    jobs: int | None,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Fail when documents contradict each other: the CI gate.

    PATHS default to the configuration's paths (.consistency.toml, or [tool.consistency] in pyproject.toml).
    Exit codes: 0 nothing unaccepted at or above --fail-on, 1 findings, 2 usage, config or input error.
    Findings already reviewed live in the baseline file; inline directives such as
    <!-- consistency: ignore[CST001] --> silence one line.

    After the findings comes a summary (counts, top disputed claims, the gate's result): on stdout with the
    text format, else on stderr. Under GitHub Actions the gate's result and the claims that failed are
    added to the job summary ($GITHUB_STEP_SUMMARY).

    Example: consistency check docs/ --format github --strict-baseline
    """
    conf, conf_folder = _config(config_file)

    def pick(flag: object, key: str, default: object) -> object:
        return flag if flag is not None else conf.get(key, default)

    settings = _settings(
        quantity_tolerance if quantity_tolerance is not None else _opt_float(conf.get("quantity-tolerance")),
        date_tolerance if date_tolerance is not None else _opt_int(conf.get("date-tolerance")),
        min_score if min_score is not None else _opt_float(conf.get("min-score")),
        time_budget if time_budget is not None else _opt_float(conf.get("time-budget")),
    )
    config_published = [f"{k}={v}" for k, v in dict(conf.get("published", {})).items()]  # type: ignore[call-overload]
    corpus_paths = list(paths) or list(conf.get("paths", []))  # type: ignore[call-overload]
    if not corpus_paths:
        raise UsageError(
            "no paths given and none configured (paths in .consistency.toml or [tool.consistency]); "
            "pass the documents to check, e.g. `consistency check docs/`"
        )
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
        exclude=list(conf.get("exclude", [])),  # type: ignore[call-overload]
        globs_root=conf_folder,
        stories=str(pick(stories, "stories", "auto")),
    )
    if options.fail_on not in LEVELS:
        raise UsageError(f"fail-on must be one of {', '.join(LEVELS)}, got {options.fail_on!r}")
    chosen = str(pick(fmt, "format", Format.TEXT.value))
    if chosen not in {f.value for f in Format}:
        raise UsageError(f"format must be one of {', '.join(f.value for f in Format)}, got {chosen!r}")
    if statistics and chosen in (Format.GITHUB.value, Format.SARIF.value):
        raise UsageError(f"--statistics prints a table (or JSON), not {chosen}: use --format text or json")
    try:
        with _where(jobs, scheduler), _progress(quiet) as progress:
            run = run_gate(options, progress=progress)
    except (CorpusError, GitError, BaselineError, OSError) as err:
        raise UsageError(str(err)) from None
    _warn(run.corpus.warnings)
    _warn([w for w in run.result.warnings if w not in run.corpus.warnings])  # skipped while reading facts
    for entry in run.stale:
        click.echo(
            log_line(f"stale baseline entry {entry.fingerprint} ({entry.code} {entry.claim}): no longer occurs"),
            err=True,
        )
    if run.baseline_written is not None and not quiet:
        click.echo(log_line(f"wrote {run.baseline_written}"), err=True)

    if statistics:
        payload = format_statistics(run.findings, Format(chosen))
        payload = "" if quiet and not any(f.suppressed is Suppression.NONE for f in run.findings) else payload
    else:
        payload = format_findings(
            run.findings,
            Format(chosen),
            stale=[f"{e.fingerprint} {e.code} {e.claim}" for e in run.stale],
            totals=not quiet,
            sentences=sentences(run.result) if show_source else None,
        )
    out_file = pick(output_file, "output-file", None)
    target_dir = pick(report_dir, "report-dir", None)
    strict = options.strict_baseline
    try:
        if out_file:
            write_text(str(out_file), payload)
        else:
            click.echo(payload, nl=False)
        if target_dir:
            write_report(run.result, str(target_dir), escape_formulas=escape_formulas, jobs=jobs)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        claims = run.result.claims if step_summary or not quiet else None
        if step_summary:
            failed = run.exit_code(strict) != EXIT_SUCCESS
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(
                    format_job_summary(
                        run.findings,
                        run.failing,
                        fail_on=options.fail_on,
                        failed=failed,
                        stale=len(run.stale),
                        link=github_links(os.environ),
                        headlines=claim_headlines(claims) if claims is not None else None,
                    )
                    + "\n"
                )
    except (OSError, ReportError) as err:
        raise UsageError(str(err)) from None
    zero = bool(pick(exit_zero, "exit-zero", False))
    if not quiet:
        # People read the summary after the findings; machine formats and files keep stdout to themselves.
        to_stdout = chosen == Format.TEXT.value and not out_file
        gap = [Text()] if to_stdout and payload else []
        lines = summary_lines(run.result, claims)
        _print([*gap, *lines, _gate_line(run, options.fail_on, strict, zero)], err=not to_stdout)
    sys.exit(run.exit_code(strict, zero))


def _gate_line(run: GateRun, fail_on: str, strict_baseline: bool, exit_zero: bool = False) -> Text:
    """The gate's verdict in one line: passed or failed, and why."""
    failing = len(run.failing)
    accepted = sum(f.suppressed is Suppression.BASELINE for f in run.findings)
    inline = sum(f.suppressed is Suppression.INLINE for f in run.findings)
    failed = run.exit_code(strict_baseline) != EXIT_SUCCESS
    line = Text()
    line.append("Gate failed" if failed else "Gate passed", style="bold red" if failed else "bold green")
    noun = "finding" if failing == 1 else "findings"
    line.append(f": {failing or 'no'} {noun} at or above '{fail_on}'")
    line.append(f" ({accepted} accepted by the baseline, {inline} suppressed inline")
    if run.stale:
        stale = len(run.stale)
        line.append(f", {stale} stale baseline {'entry' if stale == 1 else 'entries'}")
        if strict_baseline:
            line.append(": --strict-baseline fails on them")
    line.append(")")
    if failed and exit_zero:
        line.append("; exit code 0 (--exit-zero)")
    return line


def _config(explicit: str | None) -> tuple[dict[str, object], Path | None]:
    """The configuration's values and the folder of its file: --config FILE, else the file that applies in the
    working directory (see :func:`consistency.config.find_config`); ``({}, None)`` when there is none."""
    path = Path(explicit) if explicit else find_config(Path.cwd())
    if path is None:
        return {}, None
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    try:
        return load_config(path), path.parent
    except ConfigError as err:
        raise UsageError(str(err)) from None


def _opt_float(value: object) -> float | None:
    """A configuration file's number (load_config checked its type and range); None when it is not set."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def _opt_int(value: object) -> int | None:
    """A configuration file's whole number (checked by load_config); None when it is not set."""
    return None if value is None else int(value)  # type: ignore[call-overload]


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``consistency`` script."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="consistency")
