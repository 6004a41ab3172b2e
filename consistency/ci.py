"""``consistency check`` as a library call: run the pipeline, turn it into findings, apply the gate.

The CLI only parses flags and prints; everything that decides an exit code lives here, so it can be tested
and reused without click.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from consistency._files import write_text
from consistency.changes import Changes, changed_since, working_changes
from consistency.config import Settings
from consistency.corpus import Corpus, load_corpus
from consistency.findings import LEVELS, Finding, Location, Suppression
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
    #: gitignore-style patterns of files to leave out (the configuration's ``exclude``), relative to ``globs_root``
    #: (the configuration file's folder; the working folder when None).
    exclude: Sequence[str] = ()
    globs_root: Path | None = None
    #: Where stories come from ("auto" or "folder"; see :func:`consistency.corpus.load_corpus`).
    stories: str = "auto"


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
    corpus = load_corpus(
        options.paths,
        published=options.published,
        exclude_globs=options.exclude,
        globs_root=options.globs_root,
        stories=options.stories,
    )
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


def sentences(result: Result) -> Callable[[Location], str | None]:
    """Where ``check --show-source`` finds a location's sentence: the fact on its document and line with its text.

    Built once per run (one pass over the facts); a location that is no fact (a directive) has none.
    """
    table: dict[tuple[str, int, str], str] = {}
    facts = result.facts
    for doc_id, line, text, sentence in zip(
        facts["doc_id"], facts["line"], facts["text"], facts["sentence"], strict=True
    ):
        if isinstance(sentence, str) and sentence:
            table.setdefault((str(doc_id), int(line), str(text)), sentence)
    return lambda loc: table.get((loc.doc_id, loc.line, loc.text))


def github_links(environ: Mapping[str, str]) -> Callable[[Location], str | None] | None:
    """Links to the files on GitHub at the commit being checked, from a GitHub Actions environment, for the job
    summary; None outside Actions. A file outside the workspace has no link; a Markdown file's link shows its
    source (``?plain=1``), where a line number means something.

    >>> env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc",
    ...        "GITHUB_WORKSPACE": "/w"}
    >>> link = github_links(env)
    >>> link(Location("/w/docs/a b.md", 7, 1)), link(Location("/elsewhere/x.txt", 1, 1))
    ('https://github.com/o/r/blob/abc/docs/a%20b.md?plain=1#L7', None)
    >>> github_links({}) is None
    True
    """
    server, repository, sha = (environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        return None
    workspace = os.path.abspath(environ.get("GITHUB_WORKSPACE") or os.curdir)

    def link(loc: Location) -> str | None:
        relative = os.path.relpath(os.path.abspath(loc.path), workspace)
        if relative == os.curdir or relative.startswith(os.pardir):
            return None
        plain = "?plain=1" if relative.lower().endswith((".md", ".markdown")) else ""
        line = f"#L{loc.line}" if loc.line >= 1 else ""
        return f"{server}/{repository}/blob/{quote(sha)}/{quote(relative.replace(os.sep, '/'))}{plain}{line}"

    return link
