"""Memory a big run has freed, given back to the system between its steps.

A run builds each unit's tables, then puts them together column by column (:mod:`consistency._units`), then
writes the report file by file. Each step frees most of what the one before allocated, but neither C's
allocator nor Arrow's pool hands pages back to the system on its own: the freed memory of the units' tables
stays in the process beside the whole tables built from them, and each report file adds what writing the one
before left behind. So a run gives freed memory back after each unit, each column put together and each file
written (:func:`give_back`), and during a run Arrow (pandas' text columns) allocates from C's heap
(:func:`arrow_on_heap`), whose free pages ``malloc_trim`` returns: Arrow's own pool (mimalloc) kept them.

Python's collector runs at a slower pace during a run and while a report is written (:func:`fewer_collections`),
so a big run collects its cycles once it ends (:data:`COLLECT_AFTER`); the caches of aligning are emptied once
its documents are aligned (:func:`sentence_cache`).
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar, cast

__all__ = [
    "COLLECT_AFTER",
    "GC_THRESHOLDS",
    "arrow_on_heap",
    "fewer_collections",
    "forget_sentences",
    "give_back",
    "sentence_cache",
    "use_heap",
]

_F = TypeVar("_F", bound=Callable[..., Any])
#: The caches :func:`sentence_cache` made.
_SENTENCE_CACHES: list[Any] = []


def sentence_cache(maxsize: int) -> Callable[[_F], _F]:
    """``functools.lru_cache(maxsize)`` for a function of a sentence (or a fact's context): what a run reads of
    each sentence many times while it aligns, and never after. :func:`forget_sentences` empties every such cache
    once a run's documents are aligned: full, they hold tens of MiB of sentences beside the tables."""

    def cached(function: _F) -> _F:
        wrapper = lru_cache(maxsize=maxsize)(function)
        _SENTENCE_CACHES.append(wrapper)
        return cast(_F, wrapper)

    return cached


def forget_sentences() -> None:
    """Empty the caches of :func:`sentence_cache`."""
    for cache in _SENTENCE_CACHES:
        cache.cache_clear()


def give_back() -> None:
    """Return to the system the memory freed so far: the unused memory of Arrow's pool (pandas' text columns),
    if pyarrow is loaded, and the free pages of C's heap where the C library can (glibc's ``malloc_trim``).

    >>> give_back()  # nothing to see: the process just holds fewer pages
    """
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        pyarrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - musl
        return None
    return trim


@contextmanager
def arrow_on_heap() -> Iterator[None]:
    """Within the block, Arrow's default memory pool is C's allocator (see the module's docstring); the pool
    before is restored after it (buffers remember their pool, so those made inside are freed to the right one).
    Nothing changes without pyarrow."""
    before = use_heap()
    try:
        yield
    finally:
        if before is not None:
            sys.modules["pyarrow"].set_memory_pool(before)


def use_heap() -> Any:
    """Make C's allocator Arrow's default memory pool, and return the pool it replaces (None without pyarrow).
    A pool worker, whose process is the run's alone, calls it once for good."""
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - pandas without pyarrow keeps text as Python objects
        return None
    before = pyarrow.default_memory_pool()
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    return before


#: Allocations between two collections of the youngest generation, and collections of one generation between two
#: of the next, during a run (CPython's defaults: 700, 10, 10). A run allocates millions of short-lived objects
#: that form no cycles (facts, words, matches); collecting them at the default pace costs about 7% of its time.
GC_THRESHOLDS = (50_000, 50, 1_000)


#: Facts from which a run collects its garbage as it ends (a full collection takes about 0.1 s, most of it the
#: place tables' objects: a small run's garbage is not worth it).
COLLECT_AFTER = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the garbage collector's :data:`GC_THRESHOLDS`, then restore the caller's."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
