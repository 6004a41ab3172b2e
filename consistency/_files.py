"""Write files whole or not at all, and a report folder as a set: a reader sees the old files or the new ones.

* :func:`write_text` (the baseline, ``--output-file``): the text goes to a temporary file beside the target,
  which :func:`os.replace` then moves over it in one step.
* :func:`write_atomically` (the report folder): every file is written into a fresh temporary folder beside
  the target folder (``.consistency-report.XXXX``); then the old folder is renamed aside, the new one renamed
  into place and the old one removed. A failure at any point, ``KeyboardInterrupt`` included, puts the old
  folder back and removes the temporary one. Only a hard kill in the instant between the two renames can
  leave the old report under ``.consistency-report.XXXX.old`` beside the target (and no target).

The files of a set are written one after the other, or, where this process can be forked (Linux, no other
thread running), some of them by a copy of it at the same time (``forked``; see :func:`_beside`).

The report folder belongs to the tool and is replaced whole. So that this never deletes a user's files, a
folder is only replaced when it is empty or holds nothing but the report's own files; any other folder is
refused with :class:`NotOurFolder` (choose an empty or new folder instead).

New files and folders get the modes the user's umask gives (0666 and 0777 masked), as ``open`` and
``mkdir`` would; a file or folder that is replaced keeps its mode.
"""

from __future__ import annotations

import gc
import os
import pickle
import secrets
import shutil
import signal
import stat
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

Writer = Callable[[TextIO], object]

#: The name of the temporary folder beside a report folder starts with this.
TEMP_PREFIX = ".consistency-report."
_ATTEMPTS = 100


class NotOurFolder(Exception):
    """The target folder holds files that are not part of a report; str() is one line naming it."""


def _fresh(parent: Path, prefix: str, suffix: str, make: Callable[[Path], object]) -> Path:
    """A new, unique path in ``parent`` created by ``make`` (which must fail with FileExistsError if taken)."""
    for _ in range(_ATTEMPTS):
        candidate = parent / f"{prefix}{secrets.token_hex(6)}{suffix}"
        try:
            make(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"{parent}: no free temporary name")  # pragma: no cover - 2**48 names per try


def _create(path: Path) -> int:
    """A new file, open for writing. O_EXCL: never write through a name someone else created (or a link);
    0o666 is masked by the umask, as ``open()`` does."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)


def _write(fd: int, writer: Writer) -> None:
    """Write through ``writer`` (UTF-8, line endings as written) to the open file ``fd``, then close it."""
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer(handle)
        handle.flush()
        os.fsync(handle.fileno())


def write_file(path: str | os.PathLike[str], writer: Writer) -> Path:
    """Write one file through ``writer`` atomically: a temporary file beside it, then :func:`os.replace`.

    A symbolic link is written through (its target is replaced, the link stays). On any error, the temporary
    file is removed and the target is left as it was.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    opened: list[int] = []
    tmp = _fresh(target.parent, f".{target.name}.", ".tmp", lambda p: opened.append(_create(p)))
    try:
        _write(opened[0], writer)  # first: it owns (and closes) the descriptor
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write one text file (UTF-8, line endings as given) atomically; returns ``path``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_text(folder / "a.txt", "one\\n").read_text(), sorted(p.name for p in folder.iterdir())
    ('one\\n', ['a.txt'])
    """
    return write_file(path, lambda handle: handle.write(text))


def _is_ours(name: str, owned: Collection[str]) -> bool:
    """A report file, or what a killed writer of an earlier version left beside one (``.facts.csv.XXXX.tmp``).

    >>> _is_ours("facts.csv", ["facts.csv"]), _is_ours(".facts.csv.k2j1.tmp", ["facts.csv"]), _is_ours("a", [])
    (True, True, False)
    """
    return name in owned or any(name.startswith(f".{own}.") and name.endswith(".tmp") for own in owned)


def _replaceable(target: Path, owned: Collection[str]) -> bool:
    """Does ``target`` exist (as a folder we may replace)? Raises NotOurFolder when we may not."""
    if not os.path.lexists(target):
        return False
    if not target.is_dir():
        raise NotOurFolder(f"{target}: exists and is not a folder")
    cwd = Path.cwd().resolve()
    if cwd == target or target in cwd.parents:
        raise NotOurFolder(f"{target}: is the working folder or contains it; write the report to a folder of its own")
    others = sorted(p.name for p in target.iterdir() if not (_is_ours(p.name, owned) and p.is_file()))
    if others:
        shown = ", ".join(repr(name) for name in others[:3]) + (", ..." if len(others) > 3 else "")
        raise NotOurFolder(
            f"{target}: holds files that are not part of a report ({shown}); "
            "write the report to an empty or new folder, which is replaced whole on each run"
        )
    return True


def write_atomically(
    directory: str | os.PathLike[str],
    files: Mapping[str, Writer],
    owned: Collection[str] = (),
    forked: Collection[str] = (),
) -> list[Path]:
    """Write ``files`` (name -> writer) as the whole content of ``directory``, all or nothing.

    ``directory`` may be missing, empty, or hold only files named in ``files`` or ``owned`` (an older report);
    anything else raises :class:`NotOurFolder` before anything is written. Returns the written paths in the
    order of ``files``. See the module's docstring for how the swap works and what a failure leaves.
    The files named in ``forked`` are written by a copy of this process while it writes the others, where it can
    be copied (:func:`_beside`); their writers must not need what the others' leave behind.
    """
    given = Path(directory)
    target = Path(os.path.realpath(given))  # a symlinked report folder: replace what it points to
    ours = {*files, *owned}
    exists = _replaceable(target, ours)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _fresh(target.parent, TEMP_PREFIX, "", lambda p: p.mkdir(0o777))  # the umask applies, as for mkdir
    aside: Path | None = None
    try:
        if exists:
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        apart = [_writing(tmp / name, writer) for name, writer in files.items() if name in forked]
        with _beside(apart, f"writing {', '.join(name for name in files if name in forked)}"):
            for name, writer in files.items():
                if name not in forked:
                    _write(_create(tmp / name), writer)
        if exists:
            aside = Path(f"{tmp}.old")
            os.rename(target, aside)
            try:
                os.rename(tmp, target)
            except BaseException:
                # Put the old report back first. Should that fail too, it stays where it is (aside is
                # forgotten, so the cleanup below cannot remove the only copy).
                old, aside = aside, None
                os.rename(old, target)
                raise
        else:
            os.rename(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
    return [given / name for name in files]


def _writing(path: Path, writer: Writer) -> Callable[[], None]:
    """Writing the new file ``path`` through ``writer``, to be done."""
    return lambda: _write(_create(path), writer)


#: The name of a thread a copy of the process may do without: it takes no lock the copy could need (the
#: time-limit watcher of :mod:`consistency._dask`, which a copy starts afresh).
FORK_SAFE_THREAD = "consistency-time-limit"


def can_fork() -> bool:
    """Whether this process can be copied safely (:func:`os.fork`): on Linux, with no other thread running (the
    copy would not have it, nor could it take a lock that thread held) but :data:`FORK_SAFE_THREAD`."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    main = threading.main_thread()
    return all(t is main or t.name == FORK_SAFE_THREAD for t in threading.enumerate())


@contextmanager
def _beside(work: Sequence[Callable[[], object]], what: str) -> Iterator[None]:
    """Do ``work`` in a copy of this process while the block runs (:func:`can_fork`; else here, first). What it
    raised is raised here once the block is done; a copy that stopped without saying is an OSError naming
    ``what`` it did. The copy is stopped if the block fails."""
    if not work or not can_fork():
        for step in work:
            step()
        yield
        return
    read, write = os.pipe()
    gc.freeze()  # its collections then leave this process's objects alone: fewer pages copied
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the copy (coverage does not follow it)
        os.close(read)
        code = 0
        try:
            for step in work:
                step()
        except BaseException as err:  # all of it goes back to the parent
            code = 1
            os.write(write, _pickled(err))
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        try:
            yield
            said = pipe.read()
            _, status = os.waitpid(pid, 0)
        except BaseException:
            _stop(pid)
            raise
    if said:
        raise pickle.loads(said)
    if status:
        raise OSError(f"the process {what} stopped before it was done ({_how(status)})")


def _pickled(err: BaseException) -> bytes:
    """``err`` to raise again in another process: itself, or a RuntimeError saying it when it cannot be."""
    try:
        data = pickle.dumps(err)
        pickle.loads(data)
        return data
    except Exception:  # any exception can fail to pickle
        return pickle.dumps(RuntimeError(f"{type(err).__name__}: {err}"))


def _stop(pid: int) -> None:
    """Stop the process ``pid`` (a copy of this one) and wait for it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _how(status: int) -> str:
    """What a wait status says.

    >>> _how(256), _how(9)
    ('exit code 1', 'signal 9')
    """
    return f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"
