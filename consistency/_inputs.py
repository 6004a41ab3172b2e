"""Which files a corpus is: folders walked, globs expanded, ``.gitignore`` and ``exclude`` patterns applied, report
folders left out, and each file's document id (its path below the folder given, without the extension).

Split from :mod:`consistency.corpus`, which reads the files this module finds; ``CorpusError`` lives here so both
can raise it (``consistency.corpus`` exports it).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

#: File kinds found when a directory is searched.
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")
#: The file of ignore rules read in every folder searched, as git reads it.
GITIGNORE = ".gitignore"
#: The largest ``.gitignore`` read (bytes); a larger one is not a list of patterns and is left unread.
_MAX_GITIGNORE_BYTES = 1_000_000
#: File kinds that hold many documents, one per row.
TABLE_SUFFIXES = (".csv", ".jsonl")
#: A folder holding a file of this name is a report folder: never read as input.
REPORT_MARKER = ".consistency-report"
_GLOB_CHARS = re.compile(r"[*?\[]")
# Characters that would break a warning over several lines or into a terminal escape.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class CorpusError(Exception):
    """A problem that stops the run. ``str(err)`` is one line: ``'<path>: <problem>'``."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))  # a path may hold a line break


def one_line(message: str) -> str:
    r"""``message`` with control characters escaped, so a file name cannot break a warning over lines.

    >>> one_line("a\n::error::x.txt: empty document; skipped")
    'a\\n::error::x.txt: empty document; skipped'
    """
    if not _CONTROL.search(message):
        return message
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


@dataclass(frozen=True)
class Found:
    """A file to read: its path, the path warnings show, and the folder its id is relative to (None: a file
    named on its own, whose id is its stem)."""

    path: str
    shown: str
    root: str | None = None


def file_ids(found: Sequence[Found]) -> list[str]:
    """The document id of each file (tables' rows have their own: theirs is unused).

    >>> file_ids([Found("docs/a/README.md", "", "docs"), Found("docs/b/README.md", "", "docs/"),
    ...            Found("x/notes.md", "", None), Found("x/notes.txt", "", None)])
    ['a/README', 'b/README', 'notes.md', 'notes.txt']
    >>> file_ids([Found("docs/a/README.md", "", "docs/a"), Found("docs/b/README.md", "", "docs/b")])
    ['a/README', 'b/README']
    """
    paths = [os.path.abspath(f.path) for f in found]
    tables = {k for k, p in enumerate(paths) if os.path.splitext(p)[1].lower() in TABLE_SUFFIXES}
    named = [
        os.path.basename(p) if f.root is None else os.path.relpath(p, os.path.abspath(f.root))
        for f, p in zip(found, paths, strict=True)
    ]
    ids = [_without_suffix(n) for n in named]
    # Two files of one folder that differ only by extension: both keep it ("notes.md", "notes.txt").
    by_stem: dict[tuple[str, str], list[int]] = {}
    for k, p in enumerate(paths):
        if k in tables:
            continue  # a table's rows are named by their id column: it never claims a file's id
        by_stem.setdefault((os.path.dirname(p), _without_suffix(os.path.basename(p))), []).append(k)
    for same in by_stem.values():
        if len(same) > 1:
            for k in same:
                ids[k] = named[k]
    # Files of different inputs that still share an id ("docs/a" and "docs/b" both hold README.md): named
    # from the folder their inputs have in common, so both are read ("a/README", "b/README").
    by_id: dict[str, list[int]] = {}
    for k, doc_id in enumerate(ids):
        if k not in tables:
            by_id.setdefault(doc_id, []).append(k)
    for same in by_id.values():
        if len(same) > 1:
            common = os.path.commonpath([os.path.dirname(paths[k]) for k in same])
            for k in same:
                rel = os.path.relpath(paths[k], common)
                ids[k] = rel if ids[k] == named[k] else _without_suffix(rel)
    return [Path(doc_id).as_posix() for doc_id in ids]


def _without_suffix(name: str) -> str:
    root, suffix = os.path.splitext(name)
    return root if suffix else name


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is no gitignore-style pattern, or None when it is one.

    >>> glob_problem("drafts/**"), glob_problem("!"), glob_problem("[z-a].md")
    (None, 'not a gitignore-style pattern', 'not a gitignore-style pattern (bad character range z-a)')
    """
    try:
        GitIgnoreSpec.from_lines([pattern])
    except re.error as err:
        return f"not a gitignore-style pattern ({err.msg})"
    except ValueError:
        return "not a gitignore-style pattern"
    return None


class Ignore:
    """Which files and folders a search leaves out: what ``.gitignore`` files ignore, and ``exclude_globs``.

    ``.gitignore`` rules are read as git reads them: each file for the paths below its folder, a deeper one
    overriding a shallower one, from the top of the git work tree (the nearest folder holding ``.git``; the
    folder searched when there is none) down; nothing inside an ignored folder comes back.
    """

    def __init__(self, gitignore: bool, globs: Sequence[str], root: str) -> None:
        self.gitignore = gitignore
        for pattern in globs:
            problem = glob_problem(pattern)
            if problem:
                raise CorpusError(f"exclude {pattern!r}: {problem}")
        self.globs = GitIgnoreSpec.from_lines(globs) if globs else None
        self.root = root
        self._specs: dict[str, GitIgnoreSpec | None] = {}
        self._tops: dict[str, str] = {}
        self._folders: dict[str, bool] = {}

    def _spec(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            spec = None
            path = os.path.join(folder, GITIGNORE)
            try:
                if os.path.isfile(path) and os.path.getsize(path) <= _MAX_GITIGNORE_BYTES:
                    with open(path, encoding="utf-8", errors="replace") as handle:
                        lines = handle.read().splitlines()
                    # git passes over a pattern it cannot read ("!" alone, "[z-a]"); so does the search
                    usable = [line for line in lines if line.strip() and not glob_problem(line)]
                    spec = GitIgnoreSpec.from_lines(usable) if usable else None
            except OSError:  # unreadable: as if absent
                spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def top(self, folder: str, searched: str) -> str:
        """The folder ``.gitignore`` rules start from, for a file in ``folder`` (absolute) found by searching
        ``searched``: the top of the git work tree holding it, else ``searched``."""
        if folder not in self._tops:
            here = folder
            while not os.path.exists(os.path.join(here, ".git")):
                parent = os.path.dirname(here)
                if parent == here:
                    here = ""
                    break
                here = parent
            self._tops[folder] = here
        return self._tops[folder] or searched

    def _git_verdict(self, path: str, is_dir: bool, top: str) -> bool:
        """Whether the ``.gitignore`` files from ``top`` down to ``path``'s folder ignore ``path``."""
        chain = []
        folder = os.path.dirname(path)
        while True:
            chain.append(folder)
            if folder == top or not folder.startswith(top):
                break
            folder = os.path.dirname(folder)
        verdict = False
        for folder in reversed(chain):  # shallow to deep: a deeper file has the last word
            spec = self._spec(folder)
            if spec is not None:
                rel = os.path.relpath(path, folder).replace(os.sep, "/") + ("/" if is_dir else "")
                include = spec.check_file(rel).include
                if include is not None:
                    verdict = include
        return verdict

    def _glob_verdict(self, path: str, is_dir: bool) -> bool:
        if self.globs is None:
            return False
        rel = os.path.relpath(path, self.root).replace(os.sep, "/") + ("/" if is_dir else "")
        return bool(self.globs.check_file(rel).include)

    def ignored(self, path: str, is_dir: bool, searched: str) -> bool:
        """Whether ``path`` (a file or folder found by searching folder ``searched``) is left out."""
        path = os.path.abspath(path)
        searched = os.path.abspath(searched)
        if self.globs is None and not self.gitignore:
            return False
        if self._glob_verdict(path, is_dir):
            return True
        if not self.gitignore:
            return False
        return self._git_verdict(path, is_dir, self.top(os.path.dirname(path), searched))

    def inside_ignored(self, path: str, searched: str) -> bool:
        """Whether a folder between ``searched`` (or the work tree's top) and ``path`` is left out (a glob's
        match inside ``node_modules/``)."""
        path = os.path.abspath(path)
        searched = os.path.abspath(searched)
        top = self.top(os.path.dirname(path), searched) if self.gitignore else searched
        folder = os.path.dirname(path)
        chain = []
        while folder != top and folder.startswith(top) and folder not in self._folders:
            chain.append(folder)
            folder = os.path.dirname(folder)
        verdict = self._folders.get(folder, False)
        for folder in reversed(chain):
            verdict = verdict or self.ignored(folder, True, searched)
            self._folders[folder] = verdict
        return verdict


class Inputs:
    """Expands inputs into files, leaving out report folders (``exclude`` and marked ones) and ignored files."""

    def __init__(self, excluded: set[str], ignore: Ignore) -> None:
        self.excluded = excluded
        self.ignore = ignore
        self.warnings: list[str] = []
        self._verdicts: dict[str, bool] = {}
        self._left_out = 0

    def take_warnings(self) -> list[str]:
        taken, self.warnings = self.warnings, []
        return taken

    def _report_folder(self, directory: str) -> bool:
        """Whether ``directory`` (a real path) is excluded or marked as a report folder."""
        verdict = self._verdicts.get(directory)
        if verdict is None:
            verdict = directory in self.excluded or os.path.isfile(os.path.join(directory, REPORT_MARKER))
            self._verdicts[directory] = verdict
        return verdict

    def _in_report_folder(self, path: str) -> bool:
        """Whether ``path`` lies in a report folder or below one."""
        directory = os.path.dirname(os.path.realpath(path))
        while True:
            if self._report_folder(directory):
                return True
            parent = os.path.dirname(directory)
            if parent == directory:
                return False
            directory = parent

    def expand(self, given: str) -> Iterator[Found]:
        """The files of one input: a file, a directory, or a glob."""
        if os.path.isdir(given):
            if self._in_report_folder(os.path.join(given, REPORT_MARKER)):
                raise CorpusError(f"{given}: a report folder, never read as input")
            self._left_out = 0
            found = sorted(self._walk(given))
            if not found:
                kinds = ", ".join("*" + s for s in DOCUMENT_SUFFIXES[:-1]) + f" or *{DOCUMENT_SUFFIXES[-1]}"
                why = f" ({self._left_out} left out by .gitignore or exclude)" if self._left_out else ""
                raise CorpusError(f"{given}: no {kinds} files in directory{why}")
            for rel in found:
                path = os.path.join(given, rel)
                yield Found(path, path, given)
        elif os.path.lexists(given):
            if self._in_report_folder(given):
                self.warnings.append(f"{given}: in a report folder; skipped")
            else:
                yield Found(given, given)
        elif _GLOB_CHARS.search(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise CorpusError(f"{given}: no files match")
            base = _glob_base(given)
            for match in matches:
                if self.ignore.inside_ignored(match, base) or self.ignore.ignored(match, os.path.isdir(match), base):
                    continue  # "**/*.md" does not reach into node_modules/ when git ignores it
                if os.path.isdir(match):
                    if not self._in_report_folder(os.path.join(match, REPORT_MARKER)):
                        for rel in sorted(self._walk(match)):
                            path = os.path.join(match, rel)
                            yield Found(path, path, base)
                elif not self._in_report_folder(match):  # a glob that catches a report's files: no noise
                    yield Found(match, match, base)
        else:
            raise CorpusError(f"{given}: no such file or directory")

    def _walk(self, directory: str) -> Iterator[str]:
        """Document files under ``directory``, relative to it; hidden files and folders, report folders and
        what ``.gitignore`` or ``exclude_globs`` leave out are skipped."""
        for root, dirs, files in os.walk(directory):
            if REPORT_MARKER in files or (self.excluded and self._report_folder(os.path.realpath(root))):
                dirs[:] = []
                continue
            kept = [d for d in dirs if not d.startswith(".")]
            dirs[:] = [d for d in kept if not self.ignore.ignored(os.path.join(root, d), True, directory)]
            self._left_out += len(kept) - len(dirs)
            for name in files:
                if name.endswith(DOCUMENT_SUFFIXES) and not name.startswith("."):
                    if self.ignore.ignored(os.path.join(root, name), False, directory):
                        self._left_out += 1
                        continue
                    yield os.path.relpath(os.path.join(root, name), directory)


def _glob_base(pattern: str) -> str:
    """The folder part of a glob before its first wildcard: what its matches' ids are relative to.

    >>> _glob_base("docs/**/*.md"), _glob_base("*.md"), _glob_base("/srv/site/[ab]/*.md")
    ('docs', '.', '/srv/site')
    """
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _GLOB_CHARS.search(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."
