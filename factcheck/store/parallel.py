"""Working through a big folder of claims files on every CPU.

``map_files`` runs a function on each claims file and yields the results in
order.  A big folder is shared out among forked worker processes, which
inherit the function (nothing is pickled but the paths and the results), so
a command that reads 1,000 files uses every core; a small one stays in this
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

A = TypeVar("A")
T = TypeVar("T")

#: Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 64

# Set before the workers are forked, so they inherit it instead of unpickling it per task.
_WORK: Callable[[Any], Any] | None = None


def _call(item: Any) -> Any:
    assert _WORK is not None
    return _WORK(item)


def processes_for(count: int, processes: int | None = None) -> int:
    """How many processes to use for ``count`` files: one, or one per CPU (or as asked) for big folders."""
    if os.name != "posix" or count < PARALLEL_MIN_FILES:
        return 1
    return max(1, processes or os.cpu_count() or 1)


def map_files(items: Sequence[A], work: Callable[[A], T], processes: int | None = None) -> Iterator[T]:
    """``work(item)`` for every item (a claims file, or what names one), in order; in worker processes for many."""
    count = processes_for(len(items), processes)
    if count < 2:
        yield from map(work, items)
        return
    # Only big folders pay for loading multiprocessing.
    import multiprocessing

    global _WORK
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            yield from pool.imap(_call, items, chunksize=max(1, len(items) // (count * 8)))
    finally:
        _WORK = None
