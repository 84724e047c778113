"""Worker processes: one way to start them, and work on a big folder of claims files shared among them.

``worker_pool`` is the one place a pool of processes is made.  Workers are
forked where forking is safe and cheap (Linux); elsewhere they are spawned
(macOS, where a forked process may crash in system libraries, and Windows,
which cannot fork).  The work a pool runs is handed to each worker once, as
it starts, so it must be picklable: a module-level function, or a
``functools.partial`` of one with picklable arguments.

``map_files`` runs such a function on each claims file and yields the
results in order: a big folder is shared out among the workers, so a command
that reads 1,000 files uses every core; a small one stays in this process,
where starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

A = TypeVar("A")
T = TypeVar("T")

#: Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 64

# The work of this worker process, handed over once when it starts (see ``worker_pool``).
_WORK: Callable[[Any], Any] | None = None


def start_method() -> str:
    """How worker processes are started here: fork on Linux, spawn where fork is unsafe or missing."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _take_work(work: Callable[[Any], Any], prepare: Callable[[], None] | None) -> None:
    global _WORK
    _WORK = work
    if prepare is not None:
        prepare()


def call(item: Any) -> Any:
    """Run this worker's work on one item (what the pool's map functions are given)."""
    assert _WORK is not None, "not in a worker of worker_pool"
    return _WORK(item)


def worker_pool(processes: int, work: Callable[[Any], Any], prepare: Callable[[], None] | None = None) -> Pool:
    """A pool of ``processes`` workers that each run ``work`` (through ``call``), after ``prepare`` if given.

    Close the pool (``with``) when done.
    """
    import multiprocessing  # only runs that use workers pay for it

    context = multiprocessing.get_context(start_method())
    return context.Pool(processes, initializer=_take_work, initargs=(work, prepare))


def processes_for(count: int, processes: int | None = None) -> int:
    """How many processes to use for ``count`` files: one, or one per CPU (or as asked) for big folders."""
    if count < PARALLEL_MIN_FILES:
        return 1
    return max(1, processes or os.cpu_count() or 1)


def map_files(items: Sequence[A], work: Callable[[A], T], processes: int | None = None) -> Iterator[T]:
    """``work(item)`` for every item (a claims file, or what names one), in order; in worker processes for many."""
    count = processes_for(len(items), processes)
    if count < 2:
        yield from map(work, items)
        return
    with worker_pool(count, work) as pool:
        yield from pool.imap(call, items, chunksize=max(1, len(items) // (count * 8)))
