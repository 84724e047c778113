"""Probing one URL: fetch it (or read it from the cache) and turn it into text.

``probe`` turns one URL into a ``Probe``: the page's text, or why there is
none (gone, failing, blocked, unreadable, refused, not cached), telling a
bot wall apart from the page.
"""

from __future__ import annotations

import hashlib
import http
import time
from dataclasses import dataclass, replace

import requests

from factcheck.model.claims import utc_now
from factcheck.net import fetch
from factcheck.net.cache import Entry, WebCache
from factcheck.net.fetch import Page, Policy
from factcheck.text import convert
from factcheck.text.convert import Converted

# What a probe of a URL found: the page, or why not.
PROBE_KINDS = ("ok", "gone", "failing", "blocked", "unreadable", "refused", "uncached")

_ERROR_KINDS = {
    "dns": "gone",
    "connect": "failing",
    "timeout": "failing",
    "tls": "failing",
    "protocol": "failing",
    "redirects": "failing",
    "refused": "refused",
    "bad-url": "refused",
    "too-large": "unreadable",
    "encoding": "unreadable",
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


@dataclass
class Probe:
    """What fetching one URL in this run found."""

    url: str
    kind: str  # one of PROBE_KINDS
    at: str
    http_status: int | None = None
    final_url: str | None = None
    error: str | None = None
    text: Converted | None = None
    content_hash: str | None = None
    from_cache: bool = False  # read from the cache (offline, or revalidated with a 304)
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


def _read(url: str, at: str, status: int, final_url: str, content_type: str | None, body: bytes, headers=None) -> Probe:
    """A probe from a body in hand: its text, or why there is none."""
    try:
        converted = convert.to_text(body, content_type)
    except convert.Unreadable as exc:
        if _is_challenge(status, headers, body, None):
            return Probe(url, "blocked", at, status, final_url, "a bot challenge page")
        return Probe(url, "unreadable", at, status, final_url, str(exc))
    except Exception as exc:  # noqa: BLE001 - hostile or broken content may trip a parser anywhere
        return Probe(
            url, "unreadable", at, status, final_url, f"the text could not be extracted ({type(exc).__name__})"
        )
    if _is_challenge(status, headers, body, len(converted.text)):
        return Probe(url, "blocked", at, status, final_url, "a bot challenge page")
    return Probe(url, "ok", at, status, final_url, None, converted, content_hash(converted.text))


def probe(
    url: str, client: requests.Session | None, cache: WebCache | None, policy: Policy | None, offline: bool
) -> Probe:
    """Fetch one URL (or read it from the cache) and extract its text."""
    began = time.monotonic()
    result = _probe(url, client, cache, policy, offline)
    result.seconds = time.monotonic() - began
    return result


def _probe(
    url: str, client: requests.Session | None, cache: WebCache | None, policy: Policy | None, offline: bool
) -> Probe:
    now = utc_now()
    entry = cache.get(url) if cache is not None else None
    if offline:
        if entry is None:
            return Probe(url, "uncached", now, error="not in the cache")
        result = _read(url, entry.fetched_at, entry.status, entry.final_url, entry.content_type, entry.body)
        result.from_cache = True
        return result
    assert policy is not None and client is not None
    conditional = (entry.final_url, entry.validators()) if entry is not None and entry.validators() else None
    try:
        page: Page = fetch.fetch(client, url, policy, conditional)
    except fetch.FetchError as exc:
        return Probe(url, _ERROR_KINDS.get(exc.kind, "failing"), now, None, exc.final_url, exc.message)
    if page.not_modified and entry is not None and conditional is not None:
        result = _read(url, now, entry.status, entry.final_url, entry.content_type, entry.body)
        result.from_cache = True
        if cache is not None and result.kind == "ok":
            cache.put(replace(entry, fetched_at=now))
        return result
    headers = dict(page.headers)
    if 200 <= page.status < 300:
        result = _read(url, now, page.status, page.final_url, page.content_type, page.body, headers)
        # Failures are never cached, so that --offline cannot replay one.
        if cache is not None and result.kind in ("ok", "unreadable"):
            cache.put(
                Entry(
                    url,
                    page.final_url,
                    page.status,
                    page.content_type,
                    headers.get("etag"),
                    headers.get("last-modified"),
                    now,
                    page.body,
                )
            )
        return result
    status = page.status
    error = _status_text(status)
    if page.retry_after is not None:
        error += f" (asked to retry after {page.retry_after:.0f} s, longer than we wait)"
    if status in (404, 410):
        kind = "gone"
    elif status in (401, 403, 407, 429, 451) or _is_challenge(status, headers, page.body, None):
        kind = "blocked"
        if _is_challenge(status, headers, page.body, None):
            error += ", a bot challenge page"
    elif 300 <= status < 400:
        kind, error = "failing", f"{error} without a usable redirect"
    else:
        kind = "failing"
    return Probe(url, kind, now, status, page.final_url, error)
