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

A worker that dies (killed by the system for its memory, say) takes the task
it held with it: the pool starts another worker but never answers that task,
and a worker whose start-up fails is started again for ever.  So whoever
waits on a pool waits through ``WorkerPool.wait``, which raises ``WorkerLost``
as soon as one has ended; the commands that use ``map_files`` only read
claims files, so nothing is left half-written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.model.errors import ExitCode, FactcheckError

if TYPE_CHECKING:
    from multiprocessing.pool import Pool
    from multiprocessing.process import BaseProcess

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")

#: Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 64

#: Seconds between two looks at the worker processes while no result comes.
WATCH_SECONDS = 0.5


class WorkerLost(FactcheckError):
    """A worker process ended in the middle of a run: the task it held is lost, and the run stopped."""

    exit_code = ExitCode.FINDINGS  # a run that failed, not input to fix

    def __init__(self, worker_exit_code: int, message: str | None = None, tip: str | None = None) -> None:
        self.worker_exit_code = worker_exit_code
        super().__init__(
            message
            or f"a worker process ended unexpectedly (exit code {worker_exit_code}); "
            "the run stopped with files still unread",
            # Every command that shares a folder out with map_files (list, check) has --processes.
            tip=tip or "run again, with --processes 1 to read every file in one process",
        )


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


def call_each(items: Sequence[Any]) -> list[Any]:
    """Run this worker's work on each of a chunk of items, in order."""
    return [call(item) for item in items]


class WorkerPool:
    """A pool of worker processes (``pool``), and a way to wait on it that ends when one of them is lost.

    Use it with ``with``: on the way out the workers are ended, whatever
    they are doing, so an error or Ctrl-C stops the run at once.
    """

    def __init__(self, pool: Pool, workers: Sequence[BaseProcess]) -> None:
        self.pool = pool
        self.workers = list(workers)

    def lost(self) -> int | None:
        """The exit code of a worker that has ended, if one has (the pool's workers never end on their own)."""
        for worker in self.workers:
            if worker.exitcode is not None:
                return worker.exitcode
        return None

    def wait(self, get: Callable[[float], R], empty: type[BaseException] | tuple[type[BaseException], ...]) -> R:
        """``get(seconds)`` until it answers, raising ``WorkerLost`` as soon as a worker has ended.

        ``get`` waits at most ``seconds`` for the next result and raises
        ``empty`` when none came; between two tries the workers are looked at.
        """
        while True:
            try:
                return get(WATCH_SECONDS)
            except empty:
                code = self.lost()
                if code is not None:
                    raise WorkerLost(code) from None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.pool.terminate()


def _pool_class() -> Any:
    """multiprocessing's Pool, noting the workers it starts first (imported only when a pool is made)."""
    from multiprocessing.pool import Pool

    class FirstWorkers(Pool):
        # A worker may end before the pool is handed back, and the pool's own thread then
        # takes it out of its list and starts another: the workers to watch are noted as
        # they are started, before that thread runs.  ``_repopulate_pool`` is private,
        # called once by the constructor; the thread refills the list by another way.
        first_workers: list[BaseProcess]

        def _repopulate_pool(self) -> None:
            started = len(self._pool)  # type: ignore[attr-defined]
            super()._repopulate_pool()  # type: ignore[misc]
            self.first_workers = list(self._pool[started:])  # type: ignore[attr-defined]

    return FirstWorkers


def worker_pool(processes: int, work: Callable[[Any], Any], prepare: Callable[[], None] | None = None) -> WorkerPool:
    """A pool of ``processes`` workers that each run ``work`` (through ``call``), after ``prepare`` if given.

    Make it before starting any thread (forking a threaded process is not
    safe), and close it (``with``) when done.
    """
    import multiprocessing  # only runs that use workers pay for it

    context = multiprocessing.get_context(start_method())
    pool = _pool_class()(processes, initializer=_take_work, initargs=(work, prepare), context=context)
    return WorkerPool(pool, pool.first_workers)


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
    import multiprocessing

    # Chunks of several files make fewer hand-offs.  They are made here, not by
    # ``imap``: only the iterator of one task at a time can be waited on for a while.
    size = max(1, len(items) // (count * 8))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    with worker_pool(count, work) as workers:
        results = workers.pool.imap(call_each, chunks)
        while True:
            try:
                chunk = workers.wait(results.next, multiprocessing.TimeoutError)
            except StopIteration:
                return
            yield from chunk
