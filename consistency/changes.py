"""Which lines of which files changed since a git revision, so annotations land on the edited line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: Resolved file path -> changed line numbers in the current file, or None when the whole file is new.
Changes = dict[str, frozenset[int] | None]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """git could not answer; str() is one line."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(f"git {' '.join(args)}: {message}")
    return done.stdout


def repository_root(cwd: Path) -> Path | None:
    """The top of the git work tree holding ``cwd``, or None outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    except GitError:
        return None


def changed_since(revision: str, cwd: Path) -> Changes:
    """Lines added or changed in the work tree since ``revision``, and files git does not track yet.

    Raises :class:`GitError` outside a repository or for an unknown revision.
    """
    root = repository_root(cwd)
    if root is None:
        raise GitError(f"{cwd}: not inside a git repository")
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", revision, "--"], root)
    changes: Changes = {}
    for block in re.split(r"^diff --git ", diff, flags=re.MULTILINE)[1:]:
        target = re.search(r"^\+\+\+ (?:b/)?(.+)$", block, re.MULTILINE)
        if target is None or target.group(1) == "/dev/null":
            continue
        lines: set[int] = set()
        for m in _HUNK.finditer(block):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            # A pure deletion (count 0) is reported at the line that now follows it.
            lines.update(range(start, start + count) if count else [max(start, 1)])
        changes[str((root / target.group(1)).resolve())] = frozenset(lines)
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changes[str((root / name).resolve())] = None
    return changes


def working_changes(cwd: Path) -> Changes | None:
    """Changes since HEAD when ``cwd`` is in a repository with commits, else None (no git information)."""
    root = repository_root(cwd)
    if root is None:
        return None
    try:
        return changed_since("HEAD", root)
    except GitError:
        return None
