"""Probing one URL, in two stages: getting the page (network or cache), then reading it (text).

One record, ``Fetched``, is carried through both.  ``fetch_page`` does the
input and output: it answers with the page's body from the network or the
cache (kind PAGE), or says why there is none (gone, failing, blocked,
refused, not cached).  ``read_page`` does the work: it turns the body into
text (kind OK, with the text's hash), or says why it cannot (unreadable, a
bot wall rather than the page).  The two run in different places: fetching
on threads, reading in worker processes when there are many pages, so
neither waits for the other.  ``remember`` then caches a page that was read.
"""

from __future__ import annotations

import hashlib
import http
import time
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from factcheck.model.claims import utc_now
from factcheck.net.cache import Entry, WebCache
from factcheck.net.policy import UNANSWERED, FetchError, Policy
from factcheck.text import convert
from factcheck.text.convert import Converted

if TYPE_CHECKING:
    # The HTTP client is loaded by the first fetch that goes to the network, not by a run the cache serves.
    from factcheck.net.fetch import Sender


class ProbeKind(StrEnum):
    """What getting and reading a URL found: a page (then its text), or why there is none."""

    PAGE = "page"  # got a body, still to be read (a Fetched only)
    OK = "ok"  # read: its text is there
    GONE = "gone"  # 404, 410, or a name that no longer resolves
    FAILING = "failing"  # the fetch failed this time (connection, timeout, TLS, 5xx, a loop of redirects)
    BLOCKED = "blocked"  # the site refuses robots: 401, 403, 429, a bot wall
    UNREADABLE = "unreadable"  # no text could be had: too large, an encoding or format we cannot read
    REFUSED = "refused"  # our own side stopped it: our rules (an address, a URL we do not fetch), our proxy
    UNCACHED = "uncached"  # offline, and the cache has no copy
    UNREACHED = "unreached"  # no server of the run answered: the desk's network failed, not the source (verify.run)


#: What each kind of FetchError says about a source; the others (connect, timeout, tls, protocol,
#: redirects, and dns-temporary: a name not resolved for now) that it is FAILING.
_ERROR_KINDS = {
    "dns": ProbeKind.GONE,
    "refused": ProbeKind.REFUSED,
    "bad-url": ProbeKind.REFUSED,
    "proxy": ProbeKind.REFUSED,  # the desk's own proxy failed: no request reached the source's site
    "too-large": ProbeKind.UNREADABLE,
    "encoding": ProbeKind.UNREADABLE,
}
# Fragments of the pages that bot walls (Cloudflare, DataDome, PerimeterX,
# Imperva, Akamai) answer with instead of the page.
_CHALLENGE_MARKERS = (
    b"cf-browser-verification",
    b"cf_chl_",
    b"/cdn-cgi/challenge-platform/",
    b"<title>just a moment...</title>",
    b"<title>attention required! | cloudflare</title>",
    b"captcha-delivery.com",
    b"px-captcha",
    b"_incapsula_resource",
    b"<title>access denied</title>",
    b"<title>are you a robot?</title>",
    b"please enable js and disable any ad blocker",
)


class Fetched(msgspec.Struct, kw_only=True):
    """One URL in a run: a body to read (``kind`` PAGE), then what reading it found (OK), or why there is none."""

    url: str
    kind: ProbeKind  # PAGE until read; OK once read; else why there is no page
    at: str  # when the page was fetched (for a cached copy: when that copy was)
    http_status: int | None = None
    final_url: str | None = None
    error: str | None = None
    body: bytes = b""  # dropped once read
    content_type: str | None = None
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    etag: str | None = None  # the validators the cache keeps for the next, conditional, request
    last_modified: str | None = None
    from_cache: bool = False  # a cached copy: offline, fresh enough, or confirmed by a 304
    requested: bool = True  # False: none went out, as our rules refused it, or its name had no address (not reached)
    # From the network: True when a server answered, False when none did (no name, no connection, no answer in
    # time); None when the network was not tried (the cache, our rules, our proxy).
    reached: bool | None = None
    content_hash: str | None = None  # the hash of its text: as the cache knows it, then as read
    store: bool = False  # whether the cache is to be written once the body is read (a new or refreshed copy)
    seconds: float = 0.0


def content_hash(text: str) -> str:
    """The hash of a text, blind to changes of whitespace alone."""
    return "sha256:" + hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _is_challenge(status: int, headers: dict[str, str] | None, body: bytes, text_length: int | None) -> bool:
    """Whether an answer is a bot wall rather than the page."""
    if headers and headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return True
    # A real article may mention a captcha; a challenge page has little else.
    if 200 <= status < 300 and (text_length is None or text_length > 1500):
        return False
    head = body[: 64 * 1024].lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS)


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def read_page(fetched: Fetched) -> tuple[Fetched, Converted | None]:
    """A fetched page as read (OK, with its text's hash) and its text; or why there is no text, and None."""
    if fetched.kind != ProbeKind.PAGE:
        return fetched, None
    status, body, headers = fetched.http_status or 200, fetched.body, fetched.headers
    try:
        converted = convert.to_text(body, fetched.content_type)
    except convert.Unreadable as exc:
        if _is_challenge(status, headers, body, None):
            return _read(fetched, ProbeKind.BLOCKED, "a bot challenge page"), None
        return _read(fetched, ProbeKind.UNREADABLE, str(exc)), None
    except Exception as exc:  # noqa: BLE001 - hostile or broken content may trip a parser anywhere
        return _read(fetched, ProbeKind.UNREADABLE, f"the text could not be extracted ({type(exc).__name__})"), None
    if _is_challenge(status, headers, body, len(converted.text)):
        return _read(fetched, ProbeKind.BLOCKED, "a bot challenge page"), None
    return _read(fetched, ProbeKind.OK, None, content_hash(converted.text)), converted


def _read(fetched: Fetched, kind: ProbeKind, error: str | None, text_hash: str | None = None) -> Fetched:
    # A cached copy whose text's hash is new to the cache is stored again, with it.
    store = fetched.store or fetched.content_hash != text_hash
    return msgspec.structs.replace(fetched, kind=kind, error=error, content_hash=text_hash, store=store)


def fetch_page(
    url: str,
    client: Sender | None,
    cache: WebCache,
    policy: Policy,
    *,
    offline: bool = False,
    fresh_seconds: float = 0.0,
) -> Fetched:
    """Get one URL: from the cache when offline or fresh enough, else from the network (conditionally)."""
    began = time.monotonic()
    result = _fetch_page(url, client, cache, policy, offline, fresh_seconds)
    result.seconds = time.monotonic() - began
    return result


def _page(url: str, entry: Entry, at: str, headers: dict[str, str] | None = None) -> Fetched:
    """A page to read, from a cache entry (``headers`` None) or from the network (the answer's headers)."""
    cached = headers is None
    return Fetched(
        url=url,
        kind=ProbeKind.PAGE,
        at=at,
        http_status=entry.status,
        final_url=entry.final_url,
        body=entry.body,
        content_type=entry.content_type,
        headers=headers or {},
        etag=entry.etag,
        last_modified=entry.last_modified,
        from_cache=cached,
        content_hash=entry.content_hash,
        store=not cached or at != entry.fetched_at,  # new, or refreshed by a 304
        reached=None if cached else True,
    )


def _fetch_page(
    url: str, client: Sender | None, cache: WebCache, policy: Policy, offline: bool, fresh_seconds: float
) -> Fetched:
    now = utc_now()
    if offline:
        entry = cache.get(url)
        if entry is None:
            return Fetched(url=url, kind=ProbeKind.UNCACHED, at=now, error="not in the cache")
        return _page(url, entry, entry.fetched_at)
    peeked = cache.peek(url)
    if peeked is not None and fresh_seconds > 0 and 0 <= peeked.age(now) < fresh_seconds:
        # Fresh enough: not asked again, and its body is read only if it must be read.
        return _page(url, peeked, peeked.fetched_at)
    assert client is not None
    from factcheck.net import fetch

    entry = cache.get(url) if peeked is not None and peeked.validators() else None
    conditional = (entry.final_url, entry.validators()) if entry is not None else None
    try:
        page = fetch.fetch(client, url, policy, conditional)
    except FetchError as exc:
        kind = _ERROR_KINDS.get(exc.kind, ProbeKind.FAILING)
        ours = kind == ProbeKind.REFUSED and not exc.answered
        if exc.kind == "proxy":  # no server answered through the desk's proxy: a run where none does is the desk's
            reached: bool | None = exc.answered  # network down, as one with no network at all
        else:
            reached = None if ours else exc.answered or exc.kind not in UNANSWERED
        return Fetched(
            url=url,
            kind=kind,
            at=now,
            final_url=exc.final_url,
            error=exc.message,
            requested=exc.requested,
            reached=reached,
        )
    if page.not_modified and entry is not None:
        # The server says our copy is current: it counts as fetched now.
        return msgspec.structs.replace(_page(url, entry, now), reached=True)
    headers = dict(page.headers)
    if 200 <= page.status < 300:
        return _page(url, _entry(url, page.final_url, page.status, headers, now, page.body), now, headers)
    status = page.status
    error = _status_text(status)
    if page.retry_after is not None:
        error += f" (asked to retry after {page.retry_after:.0f} s, longer than we wait)"
    if status in (404, 410):
        kind = ProbeKind.GONE
    elif status in (401, 403, 407, 429, 451) or _is_challenge(status, headers, page.body, None):
        kind = ProbeKind.BLOCKED
        if _is_challenge(status, headers, page.body, None):
            error += ", a bot challenge page"
    elif 300 <= status < 400:
        kind, error = ProbeKind.FAILING, f"{error} without a usable redirect"
    else:
        kind = ProbeKind.FAILING
    return Fetched(url=url, kind=kind, at=now, http_status=status, final_url=page.final_url, error=error, reached=True)


def remember(cache: WebCache, page: Fetched) -> None:
    """Store (or refresh) a page that was read, with its text's hash, or a copy a 304 confirmed and nothing read
    again (its text's hash is the one it had); failures are never stored."""
    # Only a body that came with a success is ever to be stored; it is stored when new or
    # refreshed, or when its text's hash is new to the cache.
    known = page.kind in (ProbeKind.OK, ProbeKind.UNREADABLE) or page.kind == ProbeKind.PAGE and page.from_cache
    if not page.store or not known or page.http_status is None:
        return
    validators = {"content-type": page.content_type, "etag": page.etag, "last-modified": page.last_modified}
    final_url = page.final_url or page.url
    cache.put(_entry(page.url, final_url, page.http_status, validators, page.at, page.body, page.content_hash))


def _entry(
    url: str,
    final_url: str,
    status: int,
    headers: Mapping[str, str | None],
    at: str,
    body: bytes,
    content_hash: str | None = None,
) -> Entry:
    """A cache entry for an answer, with the headers a cache keeps (content type and validators)."""
    return Entry(
        url=url,
        final_url=final_url,
        status=status,
        content_type=headers.get("content-type"),
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        fetched_at=at,
        body=body,
        content_hash=content_hash,
    )
