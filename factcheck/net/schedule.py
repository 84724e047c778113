"""Fetching many URLs at once, politely, while their pages are read elsewhere.

``probe_all`` gets every URL once on a pool of fetch threads, at most
``per_host`` at a time per host, taking hosts in turn so one slow site cannot
hold every thread.  Each page that needs reading is handed to ``work``: in a
pool of worker processes when there are many pages (reading a page is work
for a processor, and the fetch threads must not wait for it), else in this
process.  Results come back to the calling thread, as they arrive.

The fetch threads are daemons and the worker processes are ended on the way
out, so Ctrl-C stops a run at once, whatever a server is doing; nothing has
been written at that point.
"""

from __future__ import annotations

import functools
import os
import queue
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import msgspec

from factcheck.net import fetch
from factcheck.net.cache import WebCache
from factcheck.net.fetch import Policy
from factcheck.net.probe import Fetched, fetch_page

R = TypeVar("R")

#: With fewer pages to read than this, reading them here costs less than starting workers.
PROCESS_MIN_PAGES = 24


class Progress(Protocol):
    """What a run tells about its fetching, as it goes."""

    def start(self, total: int) -> None: ...

    def advance(self, fetched: Fetched) -> None: ...

    def stop(self) -> None: ...


class SilentProgress:
    """Progress that tells nothing."""

    def start(self, total: int) -> None:
        pass

    def advance(self, fetched: Fetched) -> None:
        pass

    def stop(self) -> None:
        pass


def _host(url: str) -> tuple[str, int | None]:
    try:
        parts = urlsplit(url)
        return (parts.hostname or "", parts.port)
    except ValueError:
        return ("", None)


# The reading function, set before the worker processes are forked so they inherit it.
_WORK: Callable[[Fetched], Any] | None = None


def _read(done: queue.Queue[tuple[str, Any]], url: str, result: Any) -> None:
    done.put(("read", (url, result)))


def _failed(done: queue.Queue[tuple[str, Any]], exc: BaseException) -> None:
    done.put(("failed", exc))


def _work(fetched: Fetched) -> Any:
    assert _WORK is not None
    return _WORK(fetched)


class _Fetchers:
    """A few daemon threads that fetch the URLs put in, and put what they got in ``done``."""

    def __init__(self, count: int, fetch: Callable[[str], Fetched], done: queue.Queue[tuple[str, Any]]) -> None:
        self.todo: queue.Queue[str] = queue.Queue()
        self.fetch, self.done = fetch, done
        for n in range(count):
            threading.Thread(target=self._run, name=f"fetch-{n}", daemon=True).start()

    def _run(self) -> None:
        while True:
            url = self.todo.get()
            try:
                self.done.put(("fetched", self.fetch(url)))
            except BaseException as exc:  # noqa: BLE001 - reported to the calling thread, which raises it
                self.done.put(("failed", exc))


def probe_all(
    urls: Sequence[str],
    policy: Policy,
    work: Callable[[Fetched], R],
    on_result: Callable[[Fetched, R | None], None],
    *,
    needs_work: Callable[[Fetched], bool] = lambda fetched: True,
    prepare: Callable[[], None] | None = None,
    cache: WebCache,
    jobs: int,
    offline: bool = False,
    fresh_seconds: float = 0.0,
    processes: int | None = None,
    progress: Progress | None = None,
) -> None:
    """Get every URL once and read each page that ``needs_work``; ``on_result`` gets each, in this thread.

    ``work`` runs in forked worker processes when many URLs are asked for
    (``processes``: default one per CPU), so it must not rely on state it
    changes; each worker first runs ``prepare`` (say, to load what reading
    needs), while this process is already fetching.
    """
    progress = progress or SilentProgress()
    processes = processes if processes is not None else (os.cpu_count() or 1)
    pool = None
    if processes > 1 and len(urls) >= PROCESS_MIN_PAGES and os.name == "posix":
        import multiprocessing

        global _WORK
        _WORK = work
        # Forked now, before any thread starts: a fork in a threaded process is not safe.
        pool = multiprocessing.get_context("fork").Pool(processes, initializer=prepare)
    client = None if offline else fetch.session(policy)
    done: queue.Queue[tuple[str, Any]] = queue.Queue()

    def get(url: str) -> Fetched:
        return fetch_page(url, client, cache, policy, offline=offline, fresh_seconds=fresh_seconds)

    fetchers = _Fetchers(max(1, jobs), get, done)
    queues: dict[tuple[str, int | None], deque[str]] = defaultdict(deque)
    for url in urls:
        queues[_host(url)].append(url)
    busy: dict[tuple[str, int | None], int] = defaultdict(int)
    fetching = reading = 0
    kept: dict[str, Fetched] = {}

    def fill() -> None:
        # Round-robin over hosts, so one slow host cannot hold every thread.
        nonlocal fetching
        moved = True
        while moved and fetching < jobs:
            moved = False
            for host in list(queues):
                if fetching >= jobs:
                    break
                if busy[host] < policy.per_host and queues[host]:
                    fetchers.todo.put(queues[host].popleft())
                    busy[host] += 1
                    fetching += 1
                    moved = True
                if not queues[host]:
                    del queues[host]

    progress.start(len(urls))
    try:
        fill()
        while fetching or reading:
            kind, item = done.get()
            if kind == "failed":
                raise item
            if kind == "read":
                url, result = item
                reading -= 1
                fetched = kept.pop(url)
                on_result(fetched, result)
                progress.advance(fetched)
                continue
            fetched = item
            fetching -= 1
            busy[_host(fetched.url)] -= 1
            fill()
            if not needs_work(fetched):
                on_result(fetched, None)
                progress.advance(fetched)
                continue
            if fetched.kind == "page" and not fetched.body and fetched.from_cache:
                entry = cache.get(fetched.url)  # a fresh copy is read from disk only when it must be read
                if entry is None:
                    fetched = msgspec.structs.replace(fetched, kind="uncached", error="the cached copy is gone")
                else:
                    fetched = msgspec.structs.replace(fetched, body=entry.body, entry=entry)
            if pool is not None:
                # The body goes to the worker once: the cache entry, which holds it too, stays here.
                kept[fetched.url] = fetched
                reading += 1
                pool.apply_async(
                    _work,
                    (msgspec.structs.replace(fetched, entry=None),),
                    callback=functools.partial(_read, done, fetched.url),
                    error_callback=functools.partial(_failed, done),
                )
            else:
                on_result(fetched, work(fetched))
                progress.advance(fetched)
    finally:
        progress.stop()
        if pool is not None:
            pool.terminate()
        if client is not None:
            client.close()
