"""``factcheck archive``: keep a web-archive copy of every cited source.

For each source without an archive copy, the archive is asked for a recent
snapshot (one taken within ``max_age`` days); failing that, the page is
submitted to Save Page Now.  The result is recorded on every source citing
that URL (``archive_url`` and ``archived_at``) as soon as it is known, through
the one edit path, so an interrupted run keeps what it archived.

Save Page Now lets an anonymous client make only a few captures a minute, and
one capture can take minutes.  So captures start at most one per ``pace``
seconds, a few at a time, each on its own thread; a capture not done after
``wait`` seconds is given up for this run (it may still finish at the
archive, and the next run will find it), and the others go on.  A 429 pushes
every later start back by its ``Retry-After`` (or a doubling back-off); one
asking for longer than ``wait`` ends this run's captures.  A 5xx is retried
with back-off, up to ``retries`` times.  When a capture fails but the archive
has an older snapshot, that one is kept: an old copy of the evidence is
better than none.
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.model import defaults
from factcheck.model.claims import ClaimsFile
from factcheck.net import archive
from factcheck.net.archive import ArchiveError, Endpoints, Snapshot
from factcheck.net.fetch import Client, FetchError, Policy, check_url
from factcheck.publish.archived import CAPTURED, FAILED, FOUND, OLDER, Archived, Copy, Run
from factcheck.store.edit import update
from factcheck.store.folder import Catalog

#: Seconds between two Save Page Now requests.  Anonymous clients were allowed
#: 3 to 4 captures a minute in 2023; one every 20 s stays under that.
PACE = 20.0
#: Seconds between two availability look-ups.
LOOKUP_PACE = 1.0
#: The longest a capture is waited for before this run gives it up.
WAIT = 120.0
#: Captures under way at once.
CAPTURES = 3


@dataclass(frozen=True)
class Settings:
    """How politely to archive."""

    pace: float = PACE
    lookup_pace: float = LOOKUP_PACE
    wait: float = WAIT
    captures: int = CAPTURES
    max_age_days: int = defaults.MAX_AGE_DAYS  # a snapshot older than this is captured anew
    retries: int = defaults.RETRIES
    backoff: float = defaults.BACKOFF


@dataclass
class Target:
    """One URL to archive, and the claims that cite it."""

    url: str
    claims: list[tuple[Path, str]] = field(default_factory=list)  # (claims file, claim id)


def _key(url: str) -> str:
    """The URL as archived: without its fragment."""
    try:
        return check_url(url)
    except FetchError:
        return url


def select(
    catalog: Catalog, claim_ids: Sequence[str] | None, endpoints: Endpoints | None = None
) -> tuple[list[Target], int]:
    """The URLs to archive for these claims (all claims when None), and how many sources have a copy already.

    Each URL once, however many claims cite it; sources that already have an
    archive copy are left alone.
    """
    found = catalog.claims() if claim_ids is None else map(catalog.get, dict.fromkeys(claim_ids))
    targets: dict[str, Target] = {}
    already = 0
    for stored, claim in found:
        for source in claim.sources:
            if source.archive_url:
                already += 1
                continue
            if archive.is_archive_url(source.url) or (endpoints and archive.is_archive_url(source.url, endpoints)):
                continue  # the source is itself an archived copy
            target = targets.setdefault(_key(source.url), Target(_key(source.url)))
            if (stored.path, claim.id) not in target.claims:
                target.claims.append((stored.path, claim.id))
    return list(targets.values()), already


def record(target: Target, snapshot: Copy) -> int:
    """Put the copy on every source of the target's claims citing its URL and lacking one; how many got it."""
    count = 0
    by_file: dict[Path, list[str]] = {}
    for path, claim_id in target.claims:
        by_file.setdefault(path, []).append(claim_id)
    for path, claim_ids in by_file.items():

        def change(claims_file: ClaimsFile, claim_ids: list[str] = claim_ids) -> int:
            changed = 0
            for claim in claims_file.claims:
                if claim.id not in claim_ids:
                    continue
                for source in claim.sources:
                    if not source.archive_url and _key(source.url) == target.url:
                        source.archive_url = snapshot.url
                        source.archived_at = snapshot.archived_at
                        changed += 1
            return changed

        count += update(path, change).result
    return count


def run(
    targets: list[Target],
    policy: Policy,
    endpoints: Endpoints,
    settings: Settings,
    on_result: Callable[[Archived], None] = lambda r: None,
    already: int = 0,
) -> Run:
    """Archive every target: look-ups first, then paced captures; each result recorded and reported as it comes."""
    started = time.monotonic()
    out = Run(already=already)
    with archive.session(policy, endpoints) as client:
        _run(targets, client, policy, endpoints, settings, out, on_result)
    out.seconds = time.monotonic() - started
    return out


def _run(
    targets: list[Target],
    client: Client,
    policy: Policy,
    endpoints: Endpoints,
    settings: Settings,
    out: Run,
    on_result: Callable[[Archived], None],
) -> None:

    def finish(target: Target, result: Archived) -> None:
        if result.snapshot is not None:
            result = replace(result, recorded=record(target, result.snapshot))
        out.results.append(result)
        on_result(result)

    now = dt.datetime.now(dt.UTC)
    to_capture: list[tuple[Target, Snapshot | None]] = []
    next_lookup = time.monotonic()
    for target in targets:
        wait = next_lookup - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        begun = time.monotonic()
        try:
            found = archive.lookup(client, policy, target.url, endpoints, archive.timestamp_of(now))
        except ArchiveError as exc:
            found = None  # a failed look-up does not stop a capture
            if exc.kind == "rate-limited":
                next_lookup = time.monotonic() + min(exc.retry_after or settings.lookup_pace * 10, settings.wait)
        next_lookup = max(next_lookup, begun + settings.lookup_pace)
        if found is not None and found.age_days(now) <= settings.max_age_days:
            finish(target, Archived(target.url, FOUND, found, seconds=time.monotonic() - begun))
        else:
            to_capture.append((target, found))
    _capture_all(to_capture, policy, endpoints, settings, now, finish)


def _capture_all(
    pending: list[tuple[Target, Snapshot | None]],
    policy: Policy,
    endpoints: Endpoints,
    settings: Settings,
    now: dt.datetime,
    finish: Callable[[Target, Archived], None],
) -> None:
    """Captures, paced and a few at a time; a capture slower than ``settings.wait`` is given up, not waited for."""
    waiting = deque(pending)
    older = {target.url: snapshot for target, snapshot in pending}
    attempts: dict[str, int] = {}
    running: dict[str, tuple[Target, float]] = {}
    done: queue.Queue[tuple[str, Snapshot | ArchiveError]] = queue.Queue()
    next_start = time.monotonic()
    since = archive.timestamp_of(now)

    def give_up(target: Target, begun: float, error: ArchiveError) -> None:
        old = older.get(target.url)
        how = OLDER if old is not None else FAILED
        finish(target, Archived(target.url, how, old, error.message, error.kind, time.monotonic() - begun))

    def work(target: Target) -> None:
        result: Snapshot | ArchiveError
        try:
            # A client per capture: its connections end with it, and a hanging one holds up no other.
            with archive.session(policy, endpoints) as client:
                result = _capture(client, policy, endpoints, target.url, since, settings)
        except ArchiveError as exc:
            result = exc
        except Exception as exc:  # noqa: BLE001 - a thread must always answer
            result = ArchiveError("failing", f"{type(exc).__name__}: {exc}")
        done.put((target.url, result))

    while waiting or running:
        clock = time.monotonic()
        if waiting and len(running) < settings.captures and clock >= next_start:
            target, _ = waiting.popleft()
            running[target.url] = (target, clock)
            attempts[target.url] = attempts.get(target.url, 0) + 1
            # A daemon thread: a capture still hanging when the run ends is not waited for.
            threading.Thread(target=work, args=(target,), daemon=True, name="save-page-now").start()
            next_start = clock + settings.pace
            continue
        for url, (target, begun) in list(running.items()):
            if clock - begun > settings.wait:
                del running[url]
                give_up(
                    target,
                    begun,
                    ArchiveError("pending", f"no snapshot after {settings.wait:g} s; the capture may still finish"),
                )
        timeouts = [begun + settings.wait - clock for _, begun in running.values()]
        if waiting and len(running) < settings.captures:
            timeouts.append(next_start - clock)
        try:
            url, result = done.get(timeout=max(0.01, min(timeouts, default=0.01)))
        except queue.Empty:
            continue
        if url not in running:
            continue  # given up already
        target, begun = running.pop(url)
        if isinstance(result, Snapshot):
            finish(target, Archived(url, CAPTURED, result, seconds=time.monotonic() - begun))
            continue
        retry = result.kind in ("rate-limited", "unavailable") and attempts[url] <= settings.retries
        if result.kind == "rate-limited":
            asked = result.retry_after
            pause = asked if asked is not None else _backoff(settings, attempts[url])
            if pause > settings.wait:
                # The archive asks for a longer pause than we wait for a capture: stop capturing this run.
                stop = ArchiveError("rate-limited", f"Save Page Now asks to wait {pause:.0f} s; run again later", pause)
                give_up(target, begun, stop)
                while waiting:
                    later, _ = waiting.popleft()
                    give_up(later, time.monotonic(), stop)
                continue
            next_start = max(next_start, time.monotonic() + pause)
        elif result.kind == "unavailable" and retry:
            pause = result.retry_after if result.retry_after is not None else _backoff(settings, attempts[url])
            next_start = max(next_start, time.monotonic() + min(pause, settings.wait))
        if retry:
            waiting.appendleft((target, older.get(url)))
        else:
            give_up(target, begun, result)


def _backoff(settings: Settings, attempt: int) -> float:
    base = settings.backoff * 2 ** max(attempt - 1, 0)
    return base + random.uniform(0, settings.backoff / 2)


def _capture(
    client: Client, policy: Policy, endpoints: Endpoints, url: str, since: str, settings: Settings
) -> Snapshot:
    """One capture; when Save Page Now names no snapshot, one look a little later for a copy taken since ``since``."""
    try:
        return archive.capture(client, policy, url, endpoints)
    except ArchiveError as exc:
        if exc.kind != "pending":
            raise
        time.sleep(min(settings.pace, settings.wait / 4))
        found = archive.lookup(client, policy, url, endpoints)
        if found is not None and found.timestamp >= since:
            return found
        raise
