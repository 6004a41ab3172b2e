"""Tables built from packaged data, kept on disk so that a run does not build them again at every start.

The place table (:mod:`consistency.extract.places`) takes about 0.5 s of a core to build from GeoNames: a third
of a run over one file, and again in the pool's fork server. Built once, it is written to the user's cache folder
as plain values (:mod:`marshal`) and read back in about 0.08 s. Its file name holds a digest of everything the
table is built from: the package's own source files, what the caller names (a data package's version and files),
and the Python version. So a table from other code or other data is never read; it is built again, and the old
file is removed. A file that cannot be read back is built again too, and one that cannot be written is not kept:
the cache only ever saves time, and a run never depends on it.

The folder is ``$CONSISTENCY_CACHE_DIR``, else ``$XDG_CACHE_HOME/consistency``, else ``~/.cache/consistency``
(``%LOCALAPPDATA%\\consistency`` on Windows). ``CONSISTENCY_CACHE_DIR=off`` (or set empty) turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CACHE_ENV", "cache_dir", "cached_table", "paused_collector"]

#: The variable naming the cache folder; "off" or empty: no cache.
CACHE_ENV = "CONSISTENCY_CACHE_DIR"
_OFF = ("", "off")
_PACKAGE = Path(__file__).resolve().parent

_T = TypeVar("_T")


def cache_dir() -> Path | None:
    """The folder the tables are kept in, None when the cache is off.

    >>> import os
    >>> os.environ["CONSISTENCY_CACHE_DIR"] = "off"
    >>> cache_dir() is None
    True
    >>> del os.environ["CONSISTENCY_CACHE_DIR"]
    """
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):  # pragma: no cover - Windows
        return Path(os.environ["LOCALAPPDATA"]) / "consistency"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "consistency"


@contextmanager
def paused_collector() -> Iterator[None]:
    """Run the block with Python's garbage collector off (and on again after it, if it was on): a table of tens
    of thousands of objects, made at once and kept for good, holds no garbage, yet allocating it sets off
    collection after collection, each walking every object made so far (0.5 s to build the place table with
    them, 0.33 s without)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def cached_table(
    name: str,
    build: Callable[[], _T],
    dump: Callable[[_T], Any],
    load: Callable[[object], _T],
    made_from: Sequence[str] = (),
) -> _T:
    """The table ``name``: read from the cache when a file of the same inputs is there, else ``build()`` and
    kept there. ``dump`` turns the table into values :mod:`marshal` writes (tuples, lists, text, numbers,
    frozensets) and ``load`` turns them back into an equal table; ``made_from`` names what else the table is
    built from (a data package's version, its files' sizes), beside the package's source and Python's version.
    """
    folder = cache_dir()
    with paused_collector():
        if folder is None:
            return build()
        path = folder / f"{name}-{_digest(name, made_from)}.marshal"
        try:
            return load(marshal.loads(path.read_bytes()))
        except OSError:
            pass  # not there yet (or not readable): built below
        except (ValueError, EOFError, TypeError, IndexError, KeyError):
            pass  # a file cut short or written by something else: built again and replaced
        table = build()
        _keep(path, marshal.dumps(dump(table)), name)
        return table


def _digest(name: str, made_from: Sequence[str]) -> str:
    """What the table ``name`` is built from, hashed: the package's source files (or its compiled files, when it
    was installed without its sources), ``made_from``, Python's and marshal's versions."""
    h = hashlib.blake2b(digest_size=12)
    for part in (name, sys.version, str(marshal.version), *made_from):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    # A package installed without its sources (compiled files in their place) is read as those files.
    sources = list(_PACKAGE.rglob("*.py")) or [p for p in _PACKAGE.rglob("*.pyc") if "__pycache__" not in p.parts]
    for source in sorted(sources):
        h.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(source.read_bytes() + b"\0")
    return h.hexdigest()


def _keep(path: Path, data: bytes, name: str) -> None:
    """Write ``data`` to ``path`` whole or not at all (a run beside this one may read it at any moment), then
    remove the files of ``name`` for other inputs. A folder that cannot be written keeps nothing."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # the cache only saves time: a run goes on without it
    finally:
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)
