"""What a person sees in the terminal: the short summary after a run, and the progress bar during it.

Colour and bars only reach a terminal: :func:`make_console` colours a stream only when it is a terminal and
``NO_COLOR`` is unset, and :func:`progress_bar` draws nothing unless stderr is a terminal (CI logs and pipes
get plain lines). Every value that came from a document goes through :func:`~consistency._escape.log_line`
and into a :class:`rich.text.Text`, which rich never parses as markup: a document saying ``[bold]`` is printed
as ``[bold]``.

>>> import io
>>> out = io.StringIO()
>>> make_console(out).print(Text.assemble(("[bold]", "bold"), " stays literal"))
>>> out.getvalue()
'[bold] stays literal\\n'
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TextIO

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

from consistency._escape import log_line
from consistency.output.claims import claim_label, value_label
from consistency.pipeline import Result

__all__ = [
    "STAGES",
    "claim_headlines",
    "dispute_lines",
    "is_terminal",
    "make_console",
    "progress_bar",
    "summary_lines",
    "summary_table",
]

#: What each stage of the pipeline's progress callback is called on the bar.
STAGES = {"extract": "Reading facts", "align": "Aligning claims", "compare": "Comparing values"}
#: How many disputed claims the summary names, and how many values of each.
TOP_DISPUTES = 3
TOP_VALUES = 3
#: Seconds between two redraws of a bar (rich redraws ten times a second anyway).
REFRESH_SECONDS = 0.05
#: The longest value (as the document words it) shown in a dispute line.
VALUE_WIDTH = 60


def is_terminal(stream: TextIO) -> bool:
    """Is ``stream`` an interactive terminal (not a file, a pipe, a CI log or click's test runner)?"""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (ValueError, OSError):  # a closed stream
        return False


def make_console(stream: TextIO) -> Console:
    """A rich console writing to ``stream``: coloured only on a terminal with ``NO_COLOR`` unset.

    Whether to colour is decided here, from the stream itself, not from ``FORCE_COLOR``/``TTY_COMPATIBLE``:
    output captured by a pipe, a file or a test runner never holds an escape code. Lines are never wrapped
    (a terminal wraps them itself, a log keeps them whole), ``:emoji:`` codes and markup in strings are left
    as they are, and nothing is highlighted that we did not style.
    """
    tty = is_terminal(stream)
    colour = tty and not os.environ.get("NO_COLOR")
    return Console(
        file=stream,
        force_terminal=tty,
        color_system="auto" if colour else None,
        no_color=not colour,
        soft_wrap=True,
        emoji=False,
        markup=False,
        highlight=False,
    )


@contextmanager
def progress_bar(stream: TextIO, enabled: bool = True) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback ``progress(stage, done, total)`` drawing one bar per stage on ``stream``.

    Yields None, and draws nothing, when ``enabled`` is false or ``stream`` is not a terminal. The bars are
    removed when the block ends, so the summary that follows starts on a clean screen.
    """
    if not enabled or not is_terminal(stream):
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # stdout stays where it goes (a pipe, a file): only stderr writes are routed around the bars.
    with Progress(*columns, console=make_console(stream), transient=True, redirect_stdout=False) as bar:
        tasks: dict[str, TaskID] = {}
        shown: dict[str, float] = {}

        def update(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            elif done < total and now - shown[stage] < REFRESH_SECONDS:
                return  # the compare stage calls once per claim: a few microseconds each add up
            shown[stage] = now
            bar.update(tasks[stage], completed=done, total=total)

        yield update


# --- the summary ---------------------------------------------------------------------------------------------


def _plural(count: int, noun: str, plural: str = "") -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"


def _short(text: object, width: int = VALUE_WIDTH) -> str:
    """One safe line of at most ``width`` characters (line breaks in a sentence read as spaces).

    >>> _short("at least\\n40 people"), _short("x" * 80, 10)
    ('at least 40 people', 'xxxxxxxxx…')
    """
    s = log_line(" ".join(str(text).split()))
    return s if len(s) <= width else s[: width - 1] + "…"


def headline(row: Mapping[str, object]) -> str:
    """What a claim is about, as ``report.md`` names it (:func:`~consistency.output.claims.claim_label`): the
    measure or subject, then its holder in brackets.

    >>> headline({"kind": "count", "subject": "troops", "measure": "", "holder": "Russian"})
    'troops (Russian)'
    """
    label, qualifier = claim_label(row)
    return _short(f"{label} ({qualifier})" if qualifier else label)


def dispute_lines(claims: pd.DataFrame, limit: int = TOP_DISPUTES) -> list[Text]:
    """One line per disputed claim (claim verdict ``conflict``), in the order of ``claims``, at most ``limit``.

    ``claims`` has the columns of :func:`consistency.output.claims.claims_table`: one row per claim and
    value group. A line names the claim and each value as ``report.md`` says it
    (:func:`~consistency.output.claims.value_label`), with how many documents state it, e.g.
    ``deaths: 40 [5 docs] vs more than 50 [1 doc]``.
    """
    disputed = claims[claims["claim_verdict"] == "conflict"]
    lines: list[Text] = []
    for _, groups in disputed.groupby("claim_id", sort=False):
        if len(lines) == limit:
            break
        rows: list[dict[str, object]] = [{str(k): v for k, v in r.items()} for r in groups.to_dict("records")]
        line = Text("  ")
        line.append(headline(rows[0]), style="bold")
        line.append(": ")
        shown = rows[:TOP_VALUES]
        for n, row in enumerate(shown):
            if n:
                line.append(" vs ")
            # One style for every side: which value is right is the reader's call, not the colour's.
            line.append(_short(value_label(row)), style="cyan")
            line.append(f" [{_plural(int(str(row['documents'])), 'doc')}]", style="dim")
        if len(rows) > len(shown):
            line.append(f" (+{_plural(len(rows) - len(shown), 'more value')})", style="dim")
        lines.append(line)
    return lines


def claim_headlines(claims: pd.DataFrame) -> dict[str, str]:
    """The :func:`headline` of each claim of a claims table, keyed as findings name claims (``kind:subject``).

    >>> table = pd.DataFrame([{"kind": "count", "subject": "troops", "measure": "", "holder": "Russian"}])
    >>> claim_headlines(table)
    {'count:troops': 'troops (Russian)'}
    """
    out: dict[str, str] = {}
    for row in claims.drop_duplicates(["kind", "subject"]).to_dict("records"):
        out.setdefault(f"{row['kind']}:{row['subject']}", headline({str(k): v for k, v in row.items()}))
    return out


def count_line(result: Result) -> Text:
    """The headline figures of a run, in one line.

    Weekday mismatches are ``within-document problems`` here: in ``consistency check`` a *finding* is what the
    gate reports, and one word must not name two things.
    """
    counts = result.counts()
    conflicts = counts["conflict"]
    line = Text()
    line.append(f"{_plural(counts['documents'], 'document')}, {_plural(counts['facts'], 'fact')}; ")
    line.append(f"{_plural(counts['claims'], 'claim')} (")
    line.append(_plural(conflicts, "conflict"), style="bold red" if conflicts else "green")
    line.append(f", {counts['compatible']:,} compatible, {counts['agree']:,} agree)")
    line.append(f"; {_plural(counts['single_source'], 'single-source fact')}")
    problems = counts["findings"]
    if problems:
        noun = "within-document problem"
        line.append("; ")
        line.append(f"{_plural(problems, noun)} (weekday mismatches)", style="yellow")
    if counts["skipped"]:
        line.append("; ")
        line.append(f"{_plural(counts['skipped'], 'warning')} (see above)", style="yellow")
    return line


def summary_lines(result: Result, claims: pd.DataFrame | None = None, limit: int = TOP_DISPUTES) -> list[Text]:
    """The summary after ``report`` and ``check``: the figures, then the top ``limit`` disputed claims.

    ``claims`` is :func:`consistency.output.claims.claims_table` of ``result`` (computed when not given).
    """
    if claims is None:
        claims = result.claims
    lines = [count_line(result)]
    disputes = dispute_lines(claims, limit)
    if disputes:
        total = int(claims.loc[claims["claim_verdict"] == "conflict", "claim_id"].nunique())
        heading = "Top disputes:" if total > len(disputes) else "Disputes:"
        lines.append(Text(heading, style="bold"))
        lines.extend(disputes)
        if total > len(disputes):
            lines.append(Text(f"  ... and {_plural(total - len(disputes), 'more disputed claim')}", style="dim"))
    return lines


def plain(lines: Sequence[Text]) -> str:
    """The lines as plain text, without styles."""
    return "\n".join(line.plain for line in lines)


def summary_table(result: Result, limit: int = TOP_DISPUTES) -> str:
    """The summary of :func:`summary_lines` as plain text (kept for callers that want a string)."""
    return plain(summary_lines(result, limit=limit))
