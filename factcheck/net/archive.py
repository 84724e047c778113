"""Web-archive copies of sources: finding one, making one, and reading one.

The Wayback Machine's two public interfaces:

- the availability API, ``GET {api}/wayback/available?url=URL&timestamp=T``,
  answers the snapshot closest to T as JSON
  (``{"archived_snapshots": {"closest": {"available": true, "url": ...,
  "timestamp": "20130919044612", "status": "200"}}}``, or an empty
  ``archived_snapshots`` when there is none);
- Save Page Now, ``GET {save}/save/URL``, captures the page and names the new
  snapshot ``/web/<timestamp>/<url>`` in a redirect's ``Location``, a
  ``Content-Location`` or a ``Link`` header (``rel="memento"``); it answers
  429 with a ``Retry-After`` when asked too often, 5xx when it fails, and an
  ``X-Archive-Wayback-Runtime-Error`` header when it will not capture (e.g.
  blocked by robots.txt).

Every request goes through ``fetch.fetch``, with its address checks, caps and
time limits.  The archive's own endpoints are named by the configuration, so
a client made by ``session`` allows them (a newsroom's archive may well be on
its own network); every other host, redirects included, is checked as usual.
Save Page Now allows an anonymous client only a few captures a minute, so
``capture`` never retries: ``publish.archiving`` paces it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from factcheck.model import defaults
from factcheck.net import fetch
from factcheck.net.fetch import FetchError, Page, Policy
from factcheck.text import convert
from factcheck.text.convert import Converted, Unreadable

#: The availability API's host, and Save Page Now's (which also serves the snapshots).
API = defaults.ARCHIVE_API
SAVE = defaults.ARCHIVE_SAVE

# A snapshot's path: /web/<timestamp>[<flag>_]/<the original URL>.
_SNAPSHOT = re.compile(r"/web/(?P<ts>[0-9]{14})(?P<flag>[a-z]{2}_)?/(?P<original>[hH][tT][tT][pP][sS]?:.+)$")

#: What can go wrong, as ``ArchiveError.kind``.
ERROR_KINDS = (
    "none",  # the archive has no copy
    "rate-limited",  # 429: asked too often
    "unavailable",  # 5xx: the archive failed; may pass
    "blocked",  # the archive will not capture this page (robots.txt, 403, an error header)
    "pending",  # the capture was accepted but no snapshot was named
    "failing",  # a transport error or an unexpected answer
    "refused",  # our own address rules refused the request
    "unreadable",  # the copy holds no text we can read
)


class ArchiveError(fetch.KindError):
    """The archive could not give or make a copy; ``kind`` is one of ERROR_KINDS."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(kind, message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Endpoints:
    """Where the archive answers: the availability API's base URL and Save Page Now's."""

    api: str = API
    save: str = SAVE

    def availability(self, url: str, timestamp: str | None = None) -> str:
        """The availability API's URL for the snapshot of ``url`` closest to ``timestamp`` (YYYYMMDDhhmmss)."""
        query = {"url": url} if timestamp is None else {"url": url, "timestamp": timestamp}
        return f"{self.api.rstrip('/')}/wayback/available?{urlencode(query)}"

    def save_page(self, url: str) -> str:
        """Save Page Now's URL for ``url``: the URL appended as it is, as the service expects."""
        return f"{self.save.rstrip('/')}/save/{url}"

    def hosts(self) -> frozenset[tuple[str, int]]:
        """The (host, port) of each endpoint, as ``Policy.allow_hosts`` names them."""
        found = set()
        for base in (self.api, self.save):
            parts = urlsplit(base)
            if parts.hostname:
                found.add((parts.hostname.lower(), parts.port or (443 if parts.scheme.lower() == "https" else 80)))
        return frozenset(found)


def archive_policy(policy: Policy, endpoints: Endpoints) -> Policy:
    """``policy`` with the archive's endpoints allowed, whatever their addresses."""
    return replace(policy, allow_hosts=policy.allow_hosts | endpoints.hosts())


def session(policy: Policy, endpoints: Endpoints = Endpoints()) -> fetch.Client:
    """A guarded session (``fetch.session``) that may reach the archive's endpoints.

    The address rules live in the session, so the functions here take a
    client made by this (or one whose policy allows the endpoints already).
    """
    return fetch.session(archive_policy(policy, endpoints))


@dataclass(frozen=True)
class Snapshot:
    """A copy of a page in the archive."""

    url: str  # the snapshot as the archive shows it: .../web/<timestamp>/<original>
    timestamp: str  # when it was taken, YYYYMMDDhhmmss (UTC)
    original: str  # the URL that was archived

    @property
    def archived_at(self) -> str:
        """When it was taken, as a claims file's timestamp: 2026-11-27T22:00:00Z."""
        t = self.timestamp
        return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"

    @property
    def raw_url(self) -> str:
        """The snapshot as it was fetched, without the archive's banner or rewritten links (the ``id_`` flag)."""
        match = _SNAPSHOT.search(self.url)
        if match is None:
            return self.url
        return f"{self.url[: match.start('ts')]}{self.timestamp}id_/{match.group('original')}"

    def age_days(self, now: dt.datetime) -> float:
        """How old the snapshot is at ``now``, in days."""
        taken = dt.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
        return (now - taken).total_seconds() / 86400


def snapshot_of(archive_url: str) -> Snapshot | None:
    """The snapshot an archive URL names (``/web/<14 digits>/<url>``), or None when it names none."""
    try:
        parts = urlsplit(archive_url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    match = _SNAPSHOT.search(path)
    if match is None:
        return None
    try:
        dt.datetime.strptime(match.group("ts"), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return Snapshot(urlunsplit(parts._replace(fragment="")), match.group("ts"), match.group("original"))


def is_archive_url(url: str, endpoints: Endpoints = Endpoints()) -> bool:
    """Whether ``url`` is a snapshot on one of the archive's hosts (so not a page to archive)."""
    host = (urlsplit(url).hostname or "").lower()
    return snapshot_of(url) is not None and host in {h for h, _ in endpoints.hosts()}


def timestamp_of(when: dt.datetime) -> str:
    """A time as the archive writes it: YYYYMMDDhhmmss, UTC."""
    return when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")


def _on_endpoint(snapshot: Snapshot, endpoints: Endpoints) -> Snapshot:
    """The snapshot on the configured snapshot host's scheme and port (the API answers http:// links)."""
    parts = urlsplit(snapshot.url)
    save = urlsplit(endpoints.save)
    if (parts.hostname or "").lower() != (save.hostname or "").lower():
        return snapshot
    return replace(snapshot, url=urlunsplit(parts._replace(scheme=save.scheme, netloc=save.netloc)))


def _error(exc: FetchError, what: str) -> ArchiveError:
    kind = "refused" if exc.kind in ("refused", "bad-url") else "failing"
    return ArchiveError(kind, f"{what}: {exc.message}")


def _busy(page: Page, what: str) -> None:
    """Raise what a 429 ("rate-limited") or a 5xx ("unavailable") from the archive means, with any Retry-After."""
    if page.status == 429 or page.status >= 500:
        wait = fetch.retry_after(page.headers.get("retry-after"))
        if page.status == 429:
            raise ArchiveError("rate-limited", f"{what} asks to slow down (HTTP 429)", wait)
        raise ArchiveError("unavailable", f"{what} answered HTTP {page.status}", wait)


def _get(client: fetch.Client, url: str, policy: Policy, what: str) -> Page:
    """GET ``url`` from the archive; ArchiveError unless it answered 200 (``_busy``'s errors, else "failing")."""
    try:
        page = fetch.fetch(client, url, policy)
    except FetchError as exc:
        raise _error(exc, what) from None
    _busy(page, what)
    if page.status != 200:
        raise ArchiveError("failing", f"{what} answered HTTP {page.status}")
    return page


# --- finding a copy ----------------------------------------------------------------


def lookup(
    client: fetch.Client,
    policy: Policy,
    url: str,
    endpoints: Endpoints = Endpoints(),
    timestamp: str | None = None,
) -> Snapshot | None:
    """The archived copy of ``url`` closest to ``timestamp`` (YYYYMMDDhhmmss), or None when there is none.

    Only a copy of a page that answered 2xx counts: a snapshot of an error
    page is no evidence.  ArchiveError when the API cannot be asked.
    """
    page = _get(client, endpoints.availability(url, timestamp), policy, "the availability API")
    try:
        data = json.loads(page.body)
    except (ValueError, RecursionError):
        raise ArchiveError("failing", "the availability API did not answer JSON") from None
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    if not str(closest.get("status", "200")).startswith("2"):
        return None
    snapshot = snapshot_of(str(closest.get("url", "")))
    if snapshot is None:
        raise ArchiveError("failing", "the availability API named a snapshot that is not an archive URL")
    return _on_endpoint(snapshot, endpoints)


# --- making a copy -----------------------------------------------------------------


def capture(client: fetch.Client, policy: Policy, url: str, endpoints: Endpoints = Endpoints()) -> Snapshot:
    """Ask Save Page Now to capture ``url``, once; the snapshot it names, or ArchiveError.

    Not retried here: a 429 (``kind`` "rate-limited", with the
    ``retry_after`` asked) or a 5xx ("unavailable") is for the caller to pace
    and retry.  An answer that names no snapshot is "pending": the capture
    may still finish, and ``lookup`` will find it then.
    """
    once = replace(policy, retries=0)
    try:
        page = fetch.fetch(client, endpoints.save_page(url), once, follow_redirects=False)
    except FetchError as exc:
        raise _error(exc, "Save Page Now") from None
    refusal = page.headers.get("x-archive-wayback-runtime-error")
    if refusal:
        kind = "blocked" if "robots" in refusal.lower() else "failing"
        raise ArchiveError(kind, f"Save Page Now refused: {refusal.strip()[:200]}")
    _busy(page, "Save Page Now")
    if page.status in (401, 403, 451):
        raise ArchiveError("blocked", f"Save Page Now will not capture it (HTTP {page.status})")
    if page.status >= 400:
        raise ArchiveError("failing", f"Save Page Now answered HTTP {page.status}")
    snapshot = _named_snapshot(page, endpoints)
    if snapshot is None:
        raise ArchiveError("pending", "Save Page Now took the URL but named no snapshot")
    return snapshot


def _named_snapshot(page: Page, endpoints: Endpoints) -> Snapshot | None:
    """The snapshot an answer names: a redirect's Location, Content-Location, or a Link rel="memento"."""
    base = page.final_url
    candidates = []
    if 300 <= page.status < 400 and page.headers.get("location"):
        candidates.append(page.headers["location"])
    if page.headers.get("content-location"):
        candidates.append(page.headers["content-location"])
    link = page.headers.get("link")
    if link:
        from requests.utils import parse_header_links

        try:
            links = parse_header_links(link)
        except (ValueError, IndexError):
            links = []
        for item in links:
            if "memento" in str(item.get("rel", "")).split():
                candidates.append(item.get("url", ""))
    for candidate in candidates:
        try:
            snapshot = snapshot_of(urljoin(base, candidate.strip()))
        except ValueError:
            continue
        if snapshot is not None:
            return _on_endpoint(snapshot, endpoints)
    return None


# --- reading a copy ----------------------------------------------------------------


@dataclass(frozen=True)
class ArchivedCopy:
    """An archived copy of a source, read: which snapshot, and its text."""

    snapshot: Snapshot
    text: Converted


def archived_text(
    url_or_archive_url: str,
    policy: Policy,
    client: fetch.Client,
    endpoints: Endpoints = Endpoints(),
    timestamp: str | None = None,
) -> ArchivedCopy:
    """The text of an archived copy of a page, for looking for evidence in it.

    Give the source's ``archive_url`` when it has one: that snapshot is read.
    Given the page's own URL, the copy closest to ``timestamp``
    (YYYYMMDDhhmmss, e.g. the last time the evidence was found) is looked up
    first.  The snapshot is fetched as it was captured (without the archive's
    banner) through the same guarded fetch as every source, and turned into
    text as verify does.  ArchiveError otherwise: "none" when the archive has
    no copy, "unreadable" when the copy has no text, "failing"/"refused"/
    "rate-limited"/"unavailable" when it could not be fetched.
    """
    snapshot = snapshot_of(url_or_archive_url) if is_archive_url(url_or_archive_url, endpoints) else None
    if snapshot is None:
        snapshot = lookup(client, policy, url_or_archive_url, endpoints, timestamp)
        if snapshot is None:
            raise ArchiveError("none", f"the archive has no copy of {url_or_archive_url}")
    page = _get(client, snapshot.raw_url, policy, "the archived copy")
    try:
        text = convert.to_text(page.body, page.content_type)
    except Unreadable as exc:
        raise ArchiveError("unreadable", f"the archived copy: {exc}") from None
    return ArchivedCopy(snapshot, text)
