"""``consistency check`` as a library call: run the pipeline, turn it into findings, apply the gate.

The CLI only parses flags and prints; everything that decides an exit code lives here, so it can be tested
and reused without click.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from consistency._files import write_text
from consistency.changes import Changes, changed_since, working_changes
from consistency.config import Settings
from consistency.corpus import Corpus, load_corpus
from consistency.findings import LEVELS, Finding, Suppression
from consistency.gate import Baseline, BaselineEntry, apply_baseline, apply_directives, build_findings
from consistency.pipeline import Progress, Result, check_corpus

EXIT_SUCCESS, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_BASELINE = ".consistency-baseline.json"


@dataclass(frozen=True)
class GateOptions:
    """What a ``check`` run was asked to do (flags merged over the configuration file)."""

    paths: Sequence[str | os.PathLike[str]]
    published: Mapping[str, dt.date] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    fail_on: str = "conflict"
    baseline: str = DEFAULT_BASELINE
    update_baseline: bool = False
    prune_baseline: bool = False
    strict_baseline: bool = False
    changed_since: str | None = None
    cwd: Path = field(default_factory=Path.cwd)


@dataclass(frozen=True)
class GateRun:
    """The outcome: findings (accepted ones marked), stale baseline entries, and the underlying result."""

    result: Result
    corpus: Corpus
    findings: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]
    failing: tuple[Finding, ...]
    baseline_written: Path | None = None

    def exit_code(self, strict_baseline: bool, exit_zero: bool = False) -> int:
        """0 when nothing unaccepted reaches the bar (and, with ``strict_baseline``, no entry is stale), else 1."""
        failed = bool(self.failing) or (strict_baseline and bool(self.stale))
        return EXIT_FINDINGS if failed and not exit_zero else EXIT_SUCCESS


def run_gate(options: GateOptions, progress: Progress | None = None) -> GateRun:
    """Check the corpus and apply inline directives and the baseline.

    Raises CorpusError, GitError or BaselineError (each one line naming the file) when the run cannot go on.
    """
    corpus = load_corpus(options.paths, published=options.published)
    result = check_corpus(corpus, settings=options.settings, progress=progress)
    changes: Changes | None
    if options.changed_since is not None:
        changes = changed_since(options.changed_since, options.cwd)
    else:
        changes = working_changes(options.cwd)
    findings = apply_directives(build_findings(result, corpus, changes), corpus)

    baseline_path = Path(options.baseline)
    baseline = Baseline.load(baseline_path)
    written = None
    # The baseline is rewritten from every finding, not only those --changed-since reports: entries for
    # documents this change did not touch must survive.
    if options.update_baseline:
        baseline = baseline.updated([f for f in findings if f.suppressed is Suppression.NONE])
        written = write_text(baseline_path, baseline.dumps())
    elif options.prune_baseline:
        baseline = baseline.pruned(findings)
        written = write_text(baseline_path, baseline.dumps())
    marked, stale = apply_baseline(findings, baseline)
    if options.changed_since is not None:
        assert changes is not None
        marked = [f for f in marked if _touches(f, changes)]
    bar = LEVELS.index(options.fail_on)
    failing = tuple(f for f in marked if f.suppressed is Suppression.NONE and LEVELS.index(f.rule.level) >= bar)
    return GateRun(result, corpus, tuple(marked), tuple(stale), failing, written)


def _touches(finding: Finding, changes: Changes) -> bool:
    """Does the finding involve a document changed since the revision?"""
    return any(str(Path(loc.path).resolve()) in changes for loc in (finding.primary, *finding.related))
