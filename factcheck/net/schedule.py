"""Fetching many URLs at once, politely, while their pages are read elsewhere.

``probe_all`` gets every URL once on daemon fetch threads, at most ``per_host``
at a time per host (``_Hosts``), and hands each page that needs reading to the
store's worker processes (``store.parallel.worker_pool``) when there are many
pages and CPUs to spare (reading is work for a processor, which the fetch
threads must not wait for), else to the calling thread.  The worker processes
are ended on the way out, so Ctrl-C stops a run at once, whatever a server is
doing; a worker that dies ends the run with ``ReaderLost`` (``_next``).
"""

from __future__ import annotations

import functools
import heapq
import os
import queue
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import urlsplit

import msgspec

from factcheck.net.cache import WebCache
from factcheck.net.policy import Policy
from factcheck.net.probe import Fetched, ProbeKind, fetch_page, remember
from factcheck.store import parallel

if TYPE_CHECKING:
    import requests

    from factcheck.net.fetch import Client
    from factcheck.net.transport import Get

A = TypeVar("A")
R = TypeVar("R")

#: With fewer pages to read than this, reading them here costs less than starting workers.
PROCESS_MIN_PAGES = 24


class ReaderLost(parallel.WorkerLost):
    """A worker process reading pages ended in the middle of a run: the page it was reading is lost."""

    def __init__(self, worker_exit_code: int, message: str | None = None, tip: str | None = None) -> None:
        super().__init__(
            worker_exit_code,
            message
            or f"a process reading pages ended unexpectedly (exit code {worker_exit_code}); "
            "the run stopped with pages still unread",
            tip or "run again, with --processes 1 to read the pages in one process",
        )


T = TypeVar("T", contravariant=True)


class Progress(Protocol[T]):
    """What a run tells about its items (here, the URLs fetched) as it goes."""

    def start(self, total: int) -> None: ...

    def advance(self, item: T) -> None: ...

    def stop(self) -> None: ...


class SilentProgress:
    """Progress that tells nothing (of any kind of item: the command line's quiet progress too)."""

    def start(self, total: int) -> None:
        pass

    def advance(self, item: object) -> None:
        pass

    def stop(self) -> None:
        pass


#: A host as the per-host limit counts it: its name and port.
_Host = tuple[str, int | None]


def _host(url: str) -> _Host:
    try:
        parts = urlsplit(url)
        return (parts.hostname or "", parts.port)
    except ValueError:
        return ("", None)


def _read(done: queue.Queue[tuple[str, Any]], url: str, result: Any) -> None:
    done.put(("read", (url, result)))


def _failed(done: queue.Queue[tuple[str, Any]], exc: BaseException) -> None:
    done.put(("failed", exc))


class _Hosts:
    """The URLs still to fetch, handed out host by host, at most ``per_host`` at a time to one host.

    The next URL goes to the host with the most URLs waiting, of those below
    the cap; on a tie, to the one with the fewest requests out, then to the
    one cited first.  So a site cited a hundred times is asked ``per_host``
    at a time from the start, instead of being left alone at the end with
    every other connection idle; and where hosts have as much to do as each
    other and outnumber the fetch threads, each host has one request out at
    a time and one connection, kept alive from one of its URLs to the next.
    """

    def __init__(self, urls: Sequence[str], per_host: int) -> None:
        self.per_host = max(1, per_host)
        self.waiting: dict[_Host, deque[str]] = {}
        for url in urls:
            self.waiting.setdefault(_host(url), deque()).append(url)
        self.order = {host: n for n, host in enumerate(self.waiting)}
        self.busy: dict[_Host, int] = defaultdict(int)
        # The hosts below the cap, best first.  An entry whose host has changed since it was
        # pushed is stale, and dropped when it comes up: each change pushes the host's new entry.
        self.ranked = [self._rank(host) for host in self.waiting]
        heapq.heapify(self.ranked)
        self.changed = threading.Condition()

    def _rank(self, host: _Host) -> tuple[int, int, int, _Host]:
        return (-len(self.waiting[host]), self.busy[host], self.order[host], host)

    def take(self) -> str | None:
        """The next URL to fetch, waiting while every host with URLs left is busy; None when none are left."""
        with self.changed:
            while self.waiting:
                while self.ranked:
                    rank = heapq.heappop(self.ranked)
                    host = rank[3]
                    if host not in self.waiting or rank != self._rank(host) or self.busy[host] >= self.per_host:
                        continue  # stale
                    urls = self.waiting[host]
                    url = urls.popleft()
                    self.busy[host] += 1
                    if not urls:
                        del self.waiting[host]
                    elif self.busy[host] < self.per_host:
                        heapq.heappush(self.ranked, self._rank(host))
                    return url
                self.changed.wait()
            return None

    def release(self, url: str) -> None:
        """``url`` is done with: its host may be given another."""
        with self.changed:
            host = _host(url)
            self.busy[host] -= 1
            if host in self.waiting:
                heapq.heappush(self.ranked, self._rank(host))
                self.changed.notify()
            elif not self.waiting:  # nothing left to hand out: every waiting thread may end
                self.changed.notify_all()

    def close(self) -> None:
        """Hand out nothing more."""
        with self.changed:
            self.waiting.clear()
            self.ranked.clear()
            self.changed.notify_all()


class _Fetchers:
    """Daemon threads that each take the next URL as soon as they are free, and put what they got in ``done``."""

    def __init__(
        self, count: int, hosts: _Hosts, fetch: Callable[[str], Fetched], done: queue.Queue[tuple[str, Any]]
    ) -> None:
        self.hosts, self.fetch, self.done = hosts, fetch, done
        for n in range(count):
            threading.Thread(target=self._run, name=f"fetch-{n}", daemon=True).start()

    def _run(self) -> None:
        while (url := self.hosts.take()) is not None:
            try:
                fetched = self.fetch(url)
            except BaseException as exc:  # noqa: BLE001 - reported to the calling thread, which raises it
                self.done.put(("failed", exc))
                return
            finally:
                self.hosts.release(url)
            self.done.put(("fetched", fetched))


class _Client:
    """The run's HTTP client, made by the first fetch that goes to the network.

    A run the cache serves whole never loads requests and urllib3, which is
    most of what it would cost.  ``first`` is called once the first wave of
    requests for pages the cache has no copy of (ones without validators) is
    on its way: as the last of the ``wave`` fetch threads sends one, or as
    the first answer to one comes back, whichever is sooner.  Those pages
    are read when they come, whereas the answer to a conditional request is,
    as a rule, that the copy is current (304), and nothing is read.  Called
    any sooner, what ``first`` starts would hold up the fetch threads still
    connecting and sending.
    """

    def __init__(self, policy: Policy, first: Callable[[], None] | None = None, wave: int = 1) -> None:
        self.policy, self.first, self.wave = policy, first, max(1, wave)
        self.client: Client | None = None
        self.lock = threading.Lock()
        self.sent = 0  # requests for pages without a cached copy, so far

    def send_get(self, get: Get) -> requests.Response:
        """Send ``get`` through the client, made now if no fetch needed it before (see ``fetch.Sender``)."""
        client = self.client
        if client is None:
            with self.lock:  # the fetch threads that come meanwhile wait for the one client
                if self.client is None:
                    from factcheck.net import fetch

                    self.client = fetch.session(self.policy)
                client = self.client
        uncached = self.first is not None and not _CONDITIONAL.intersection(get.headers)
        if uncached:
            with self.lock:
                self.sent += 1
                ready = self.sent >= self.wave
            if ready:
                self._first()
        try:
            return client.send_get(get)
        finally:
            if uncached:
                self._first()  # an answer (or an error) is in: the wave is as far out as it will get

    def _first(self) -> None:
        with self.lock:
            first, self.first = self.first, None
        if first is not None:
            first()

    def close(self) -> None:
        """Close the client's connections, if it was made."""
        if self.client is not None:
            self.client.close()


#: The headers of a conditional request, as ``cache.Entry.validators`` names them.
_CONDITIONAL = frozenset({"If-None-Match", "If-Modified-Since"})


#: While what reading needs is loaded, at most this long (in seconds) before a fetch thread
#: whose answer came in takes its turn, rather than Python's usual 5 ms.
LOADING_SWITCH_INTERVAL = 0.0005


#: How long reading pages in the fetching process steps aside after each page, while fetching goes on.
STEP_ASIDE = 0.0001


def _step_aside() -> None:
    """Hand the interpreter to fetch threads whose answers came in now, not after Python's 5 ms switch interval."""
    time.sleep(STEP_ASIDE)


class _Prompt:
    """The switch interval, made short while any run loads what reading needs, and put back after the last."""

    lock = threading.Lock()
    loading = 0
    interval = 0.005


def _load_promptly(prepare: Callable[[], None]) -> None:
    """Run ``prepare`` (loading what reading needs) while fetch threads await their answers, yielding to them promptly.

    Loading takes a tenth of a second or more of the interpreter, which a fetch thread whose answer came in
    would wait for up to 5 ms at a time, several times per request; the interval is put back afterwards.
    """
    with _Prompt.lock:
        if not _Prompt.loading:
            _Prompt.interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_Prompt.interval, LOADING_SWITCH_INTERVAL))
        _Prompt.loading += 1
    try:
        prepare()
    finally:
        with _Prompt.lock:
            _Prompt.loading -= 1
            if not _Prompt.loading:
                sys.setswitchinterval(_Prompt.interval)


def _next(done: queue.Queue[tuple[str, Any]], workers: parallel.WorkerPool | None) -> tuple[str, Any]:
    """The next result; with ``workers``, ReaderLost as soon as one of them has ended.

    A pool of processes replaces a worker that died, but the task the worker
    held is never answered: without this look, the run would wait for its
    result for ever.
    """
    if workers is None:
        return done.get()
    try:
        return workers.wait(lambda seconds: done.get(timeout=seconds), queue.Empty)
    except parallel.WorkerLost as lost:
        raise ReaderLost(lost.worker_exit_code) from None


def reading_processes(asked: int | None = None) -> int:
    """How many processes read pages: as asked, else one per CPU beyond the first (1: the fetching process)."""
    if asked is not None:
        return asked
    # One CPU is the fetching's: a pool pays for its second import of the
    # readers and for its hand-offs only with CPUs to spare beyond it.
    return max(1, (os.cpu_count() or 1) - 1)


def probe_all(
    urls: Sequence[str],
    policy: Policy,
    work: Callable[[tuple[Fetched, A]], R],
    on_result: Callable[[Fetched, R | None], None],
    *,
    to_read: Callable[[Fetched], A | None],
    prepare: Callable[[], None] | None = None,
    cache: WebCache,
    jobs: int,
    offline: bool = False,
    fresh_seconds: float = 0.0,
    processes: int | None = None,
    progress: Progress[Fetched] | None = None,
) -> None:
    """Get every URL once and read each page ``to_read`` asks something of; ``on_result`` gets each, in this thread.

    ``to_read`` says, in this thread, what to ask of a fetched page (None:
    nothing, it need not be read); ``work`` gets the page with its body and
    that.  ``work`` runs in worker processes when many URLs are asked for
    (``processes``: default one per CPU beyond the first; 1 reads in this
    process, on this thread), so it must be picklable (a module-level
    function, or a partial of one) and must not rely on state it changes;
    each worker first runs ``prepare`` (say, to load what reading needs),
    while this process is already fetching (without workers, it runs on a
    thread of its own as the first page the cache has no copy of is asked
    for: a run the cache serves, or whose pages are all unchanged, reads
    nothing new as a rule, and a page it must read loads what reading needs
    as it is read).
    """
    progress = progress or SilentProgress()
    processes = reading_processes(processes)
    # Started now, before any thread: a fork in a threaded process is not safe (and the
    # work is handed over while the cache has no writing thread to take with it).
    workers = None
    if processes > 1 and len(urls) >= PROCESS_MIN_PAGES:
        workers = parallel.worker_pool(processes, work, prepare)
    done: queue.Queue[tuple[str, Any]] = queue.Queue()
    first = None
    threads = max(1, min(jobs, len(urls)))
    if workers is None and prepare is not None:
        # Loaded while the first answers are awaited, rather than when the first page is read.
        loading = threading.Thread(target=_load_promptly, args=(prepare,), name="prepare", daemon=True)
        first = loading.start
    client = None if offline else _Client(policy, first, wave=threads)

    def get(url: str) -> Fetched:
        return fetch_page(url, client, cache, policy, offline=offline, fresh_seconds=fresh_seconds)

    progress.start(len(urls))
    left = len(urls)  # URLs not yet fetched and, where they need it, read
    kept: dict[str, Fetched] = {}

    def finish(fetched: Fetched, result: R | None) -> None:
        nonlocal left
        on_result(fetched, result)
        progress.advance(fetched)
        left -= 1

    answered = 0  # URLs fetched so far (read or not)
    hosts = _Hosts(urls, policy.per_host)
    try:
        # Pages read here are cached by a thread of their own: reading never waits on the disk.
        with cache.writing_behind():
            _Fetchers(threads, hosts, get, done)
            while left:
                kind, item = _next(done, workers)
                if kind == "failed":
                    raise item
                if kind == "read":
                    url, result = item
                    finish(kept.pop(url), result)
                    continue
                fetched = item
                answered += 1
                asked = to_read(fetched) if fetched.kind == ProbeKind.PAGE else None
                if asked is None:
                    remember(cache, fetched)  # a copy the server said is current counts as fetched now
                    finish(fetched, None)
                    continue
                if not fetched.body and fetched.from_cache:
                    entry = cache.get(fetched.url)  # a fresh copy is read from disk only when it must be read
                    if entry is None:
                        fetched = msgspec.structs.replace(
                            fetched, kind=ProbeKind.UNCACHED, error="the cached copy is gone"
                        )
                    else:
                        fetched = msgspec.structs.replace(fetched, body=entry.body)
                if workers is not None:
                    kept[fetched.url] = msgspec.structs.replace(fetched, body=b"")  # the worker has the body
                    workers.pool.apply_async(
                        parallel.call,
                        ((fetched, asked),),
                        callback=functools.partial(_read, done, fetched.url),
                        error_callback=functools.partial(_failed, done),
                    )
                else:
                    finish(fetched, work((fetched, asked)))
                    # While fetching goes on and the reading keeps up: with a backlog of pages,
                    # the reading is what the run waits for, and it goes on at once.
                    if answered < len(urls) and done.qsize() <= threads:
                        _step_aside()
    finally:
        hosts.close()
        progress.stop()
        if workers is not None:
            workers.pool.terminate()
        if client is not None:
            client.close()
