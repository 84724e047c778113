"""Fetching many URLs at once, politely: a few at a time per host, each handed over as it arrives."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from factcheck.net import fetch
from factcheck.net.cache import WebCache, default_folder
from factcheck.net.fetch import Policy
from factcheck.net.probe import Probe, probe


class Progress(Protocol):
    """What a run tells about its fetching, as it goes."""

    def start(self, total: int) -> None: ...

    def advance(self, probe: Probe) -> None: ...

    def stop(self) -> None: ...


class SilentProgress:
    """Progress that tells nothing."""

    def start(self, total: int) -> None:
        pass

    def advance(self, probe: Probe) -> None:
        pass

    def stop(self) -> None:
        pass


def _host(url: str) -> tuple[str, int | None]:
    try:
        parts = urlsplit(url)
        return (parts.hostname or "", parts.port)
    except ValueError:
        return ("", None)


def probe_all(
    urls: Sequence[str],
    policy: Policy,
    *,
    jobs: int,
    offline: bool = False,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    on_probe: Callable[[Probe], None] = lambda probe: None,
) -> None:
    """Probe every URL once, ``jobs`` at a time, at most ``policy.per_host`` at a time per host.

    Offline, pages come from the cache alone.  ``on_probe`` is called with
    each result, in the calling thread, as it arrives.
    """
    progress = progress or SilentProgress()
    cache = WebCache(cache_dir or default_folder())
    client = None if offline else fetch.session(policy)
    queues: dict[tuple[str, int | None], deque[str]] = defaultdict(deque)
    for url in urls:
        queues[_host(url)].append(url)
    busy: dict[tuple[str, int | None], int] = defaultdict(int)
    jobs = max(1, jobs)
    progress.start(len(urls))
    try:
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="verify") as pool:
            running: dict[Future[Probe], tuple[str, int | None]] = {}

            def fill() -> None:
                # Round-robin over hosts, so one slow host cannot hold every worker.
                moved = True
                while moved and len(running) < jobs:
                    moved = False
                    for host in list(queues):
                        if len(running) >= jobs:
                            break
                        if busy[host] < policy.per_host and queues[host]:
                            url = queues[host].popleft()
                            busy[host] += 1
                            running[pool.submit(probe, url, client, cache, policy, offline)] = host
                            moved = True
                        if not queues[host]:
                            del queues[host]

            fill()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    busy[running.pop(future)] -= 1
                fill()  # keep the workers busy while this thread matches evidence
                for future in done:
                    result = future.result()
                    on_probe(result)
                    progress.advance(result)
    finally:
        progress.stop()
        if client is not None:
            client.close()
