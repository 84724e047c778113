"""Fetching a cited source over HTTP, with every safety rule in one place.

``session`` makes the one kind of HTTP client, a ``requests.Session`` whose
connections are guarded (``net.transport``); ``fetch`` gets one URL with it.
Everything a source's server sends is untrusted, so:

- only ``http`` and ``https`` URLs are fetched;
- every host name is resolved by us, at connection time, and each address it
  resolves to is checked: loopback, private, link-local, reserved, multicast
  and cloud-metadata addresses are refused unless allowed (``allow_private``,
  or an ``allow_hosts`` entry naming that host and port).  The socket then
  connects to the address that was checked, so a second DNS answer cannot
  swap in another one; through a proxy, the proxy is asked to connect to it
  (for https; see ``net.transport``);
- redirects are followed by this module, at most ``max_redirects`` hops, each
  hop checked like the first.  Cookies a hop sets are sent on the next hops of
  the same fetch (a site may set one and redirect to the same URL), and
  forgotten when it ends: nothing travels from one source to another.  No
  ``.netrc`` is read, and nothing but what a hop's own URL holds is sent, so
  credentials never travel to another origin;
- proxies and certificate bundles come from the environment as requests reads
  them (``HTTPS_PROXY``, ``HTTP_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``,
  ``CURL_CA_BUNDLE``, and ``SSL_CERT_FILE`` too);
- the body is streamed and its raw bytes on the wire counted against
  ``max_bytes``; it is decoded (gzip, deflate, and br or zstd when the
  ``brotli`` or ``zstandard`` package is installed) a bounded piece at a time
  against a cap of its own, so a decompression bomb stops early.  We offer
  only the encodings we can decode;
- one deadline bounds a whole fetch (``Policy.deadline``): connecting, every
  read of the headers and of the body, every hop and retry.  Each read waits
  at most ``timeout`` and never past the deadline, so a server that drips
  its answer a byte at a time is cut off at the deadline, not at the end;
- a URL or a ``Location`` that cannot be parsed fails that one fetch with
  ``bad-url``, like any other transport problem;
- connection errors, timeouts and 429/500/502/503/504 answers are retried with
  exponential backoff; a ``Retry-After`` is honoured up to
  ``max_retry_after`` seconds, and a longer one is not waited for.

Transport problems become ``FetchError`` with a ``kind``; an HTTP answer of
any status becomes a ``Page``.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import random
import re
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.request import ACCEPT_ENCODING

from factcheck import __version__
from factcheck.net import transport
from factcheck.net.policy import FetchError, KindError, Policy
from factcheck.net.transport import AddressRefused, Get

__all__ = [
    "AddressRefused",
    "Client",
    "FetchError",
    "Get",
    "Guard",
    "KindError",
    "Page",
    "Policy",
    "Sender",
    "check_url",
    "fetch",
    "session",
]

USER_AGENT = f"factcheck/{__version__} (source checker; +requests/{requests.__version__})"

# A decoded body may be this many times the raw cap: real pages compress
# 5-10x, a bomb a thousandfold.
DECODED_FACTOR = 5
# Error pages are read only far enough to recognise a bot challenge.
ERROR_BODY_BYTES = 64 * 1024
# A body is read (and decoded) this much at a time: a decoder never makes more at once.
CHUNK = 64 * 1024

#: The content codings we can decode, as urllib3 can with the packages installed
#: (br with brotli, zstd with zstandard); the only ones we ask for.
ENCODINGS = tuple(token.strip() for token in ACCEPT_ENCODING.split(","))
_DECODED = frozenset({"identity", "x-gzip", *ENCODINGS})

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The headers a Page keeps: caching, retrying, bot walls, and where a web
# archive says it stored a snapshot.
KEPT_HEADERS = (
    "content-type",
    "etag",
    "last-modified",
    "retry-after",
    "server",
    "cf-mitigated",
    "location",
    "content-location",
    "link",
    "x-archive-wayback-runtime-error",
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Addresses of cloud instance-metadata services.  Most already fall in a
# refused range; they are named so that the message says what they are, and
# --allow-private does not open them (only an explicit --allow-host does).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)

#: The HTTP client every fetch goes through.
Client = transport.Session


class Sender(Protocol):
    """What ``fetch`` asks of its client: one GET at a time (``Client`` is one; so is a stand-in that makes one late)."""

    def send_get(self, get: Get) -> requests.Response: ...


@dataclass(frozen=True)
class Page:
    """An HTTP answer: its status, where it came from, a few headers and the decoded body."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    retry_after: float | None = None  # a Retry-After we did not wait for

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


# --- addresses ------------------------------------------------------------------


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


def address_kind(address: str) -> str | None:
    """Why an address may not be reached ("loopback", "private", ...), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        # An IPv4 address wrapped in IPv6 is judged as the address it carries.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_kind(str(embedded))
    if ip in METADATA_ADDRESSES:
        return "cloud-metadata"
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:
        return "non-public"
    return None


def _resolve(host: str, port: int) -> list[str]:
    # As bytes: a str would go through Python's IDNA codec, which the client has applied already.
    infos = socket.getaddrinfo(host.encode("ascii", "replace"), port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Guard:
    """Resolves a host and refuses it when any of its addresses is not allowed."""

    def __init__(self, policy: Policy) -> None:
        self.allow_private = policy.allow_private
        self.allow_hosts = policy.allow_hosts
        self.resolver = policy.resolver or _resolve

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to; AddressRefused or socket.gaierror otherwise."""
        host = host.strip("[]").lower()
        addresses = self.resolver(host, port)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "no address")
        if (host, port) in self.allow_hosts:
            return addresses
        for address in addresses:
            if (address, port) in self.allow_hosts:
                continue
            kind = address_kind(address)
            if kind is None or (self.allow_private and kind != "cloud-metadata"):
                continue
            shown = host if host == address else f"{host} resolves to {address}, which"
            tip = (
                "allow it with --allow-host"
                if kind == "cloud-metadata"
                else "allow with --allow-private or --allow-host"
            )
            raise AddressRefused(f"{shown} is a {kind} address, refused ({tip} {host}:{port})")
        return addresses


def session(policy: Policy) -> Client:
    """The HTTP client every fetch uses: our user agent, no ambient credentials, guarded connections."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
        "Accept-Encoding": ", ".join(ENCODINGS),
    }
    return transport.session(Guard(policy).addresses, policy.per_host, headers)


# --- fetching -------------------------------------------------------------------

# Control characters (C0, DEL, C1): never part of a URL we fetch.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_url(url: str) -> str:
    """The URL without its fragment, when it is an http(s) URL with a host; FetchError otherwise."""
    url = url.strip()
    if _CONTROL.search(url):
        raise FetchError("bad-url", "not a valid URL: it contains a control character")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError("bad-url", f"not a valid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("bad-url", f"only http and https URLs are fetched, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise FetchError("bad-url", "the URL has no host")
    if "[" in parts.netloc.rpartition("@")[2] and not _is_ipv6(parts.hostname):
        raise FetchError("bad-url", "not a valid URL: brackets around a host hold no IPv6 address")
    return urlunsplit(parts._replace(fragment=""))


def fetch(
    client: Sender,
    url: str,
    policy: Policy,
    conditional: tuple[str, Mapping[str, str]] | None = None,
    follow_redirects: bool = True,
) -> Page:
    """GET ``url``, following redirects ourselves; a Page for any HTTP answer, FetchError otherwise.

    ``conditional`` is (the URL its validators belong to, the If-None-Match /
    If-Modified-Since headers); they are sent on the hop that requests that URL.
    Without ``follow_redirects`` a redirect is the answer: a Page with its
    status and its ``location`` header (a web archive names a new snapshot so).
    """
    deadline = time.monotonic() + policy.deadline
    outer = transport.deadline()
    deadline = deadline if outer is None else min(outer, deadline)
    transport.set_deadline(deadline)
    try:
        return _fetch(client, url, policy, conditional, deadline, follow_redirects)
    finally:
        transport.set_deadline(outer)


def _fetch(
    client: Sender,
    url: str,
    policy: Policy,
    conditional: tuple[str, Mapping[str, str]] | None,
    deadline: float,
    follow_redirects: bool,
) -> Page:
    current = check_url(url)
    # The cookies of this fetch alone: set by one hop, sent on the next ones, then forgotten.
    jar = requests.cookies.RequestsCookieJar()
    # A URL asked again with the same cookies would get the same answer: a loop.  With a new
    # cookie it may not (a site sets one and redirects to the same URL).
    seen = {(current, _cookies(jar))}
    hops = 0
    while True:
        headers = dict(conditional[1]) if conditional and conditional[0] == current else {}
        try:
            response, retry_after = _get(client, current, headers, jar, policy, deadline)
        except FetchError as exc:
            exc.requested = exc.requested or bool(hops)  # the hops before this one were requested
            exc.answered = bool(hops)
            raise
        complete = False  # read to its end, so its connection can serve the next request
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location and follow_redirects:
                _, complete = _read_body(response, ERROR_BODY_BYTES, ERROR_BODY_BYTES, deadline, truncate=True)
                target = _redirect_target(current, location)
                if (target, _cookies(jar)) in seen:
                    raise FetchError("redirects", f"redirect loop: {current} → {target}", current)
                if hops >= policy.max_redirects:
                    raise FetchError("redirects", f"more than {policy.max_redirects} redirects", current)
                seen.add((target, _cookies(jar)))
                hops += 1
                current = target
                continue
            ok = 200 <= response.status_code < 300
            limit = policy.max_bytes if ok else ERROR_BODY_BYTES
            body, complete = _read_body(response, limit, policy.max_bytes * DECODED_FACTOR, deadline, not ok)
            kept = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
            return Page(url, current, response.status_code, kept, body, retry_after)
        except FetchError as exc:
            exc.final_url = exc.final_url or current
            exc.requested = exc.answered = True  # this hop was answered
            raise
        finally:
            if complete:
                response.raw.release_conn()  # keep-alive: back to the pool
            else:
                response.close()  # a half-read answer: the connection is dropped


def _cookies(jar: requests.cookies.RequestsCookieJar) -> frozenset[tuple[str, str, str, str | None]]:
    return frozenset((c.domain, c.path, c.name, c.value) for c in jar)


def _redirect_target(current: str, location: str) -> str:
    try:
        return check_url(urljoin(current, location.strip()))
    except ValueError as exc:  # urljoin parses too: "http://[::1" is no URL
        raise FetchError("bad-url", f"redirected to a URL that cannot be parsed ({exc})", current) from None
    except FetchError as exc:
        raise FetchError("bad-url", f"redirected to a URL we do not fetch ({exc.message})", current) from None


def _get(
    client: Sender,
    url: str,
    headers: Mapping[str, str],
    jar: requests.cookies.RequestsCookieJar,
    policy: Policy,
    deadline: float,
) -> tuple[requests.Response, float | None]:
    """One hop, retried on transient failures; returns the response and a Retry-After not waited for."""
    attempt = 0
    renewed = False  # whether a connection closed under us was replaced already
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _out_of_time(policy, url)
        try:
            response = client.send_get(Get(url, headers, jar, (min(policy.timeout, left), policy.timeout)))
        except AddressRefused as exc:
            raise FetchError("refused", str(exc), url) from None
        except requests.RequestException as exc:
            if not renewed and _closed_unanswered(exc):
                # A kept-alive connection the server closed just as we reused it: ask again at
                # once, on a new one.  (A new connection closed unanswered fails the same way again.)
                renewed = True
                continue
            error = _transport_error(exc, url)
            if error.kind == "timeout" and time.monotonic() >= deadline:
                raise _out_of_time(policy, url) from None
            # A failed name lookup is an answer, not a hiccup (one failed for now had the resolver's own
            # retries); the rest may pass.
            if error.kind in ("dns", "dns-temporary", "protocol", "bad-url") or attempt >= policy.retries:
                raise error from None
            wait = _backoff(policy, attempt)
            if time.monotonic() + wait > deadline:
                raise error from None
            policy.sleep(wait)
            attempt += 1
            continue
        except ValueError as exc:  # UnicodeError, urllib3's LocationParseError, http.client's InvalidURL
            # Whatever cannot be parsed or encoded fails this source, never the whole run.
            raise FetchError("bad-url", f"the URL cannot be parsed ({exc})", url) from None
        if response.status_code not in RETRY_STATUSES or attempt >= policy.retries:
            return response, None
        asked = retry_after(response.headers.get("retry-after"), policy.clock)
        wait = asked if asked is not None else _backoff(policy, attempt)
        if wait > policy.max_retry_after or time.monotonic() + wait > deadline:
            return response, asked
        response.close()
        policy.sleep(wait)
        attempt += 1


def _closed_unanswered(exc: requests.RequestException) -> bool:
    return isinstance(exc, requests.exceptions.ConnectionError) and _has(exc, http.client.RemoteDisconnected)


def _out_of_time(policy: Policy, url: str | None = None) -> FetchError:
    return FetchError("timeout", f"took longer than the {policy.deadline:g} s one fetch may take", url)


def _backoff(policy: Policy, attempt: int) -> float:
    base = policy.backoff * 2**attempt
    # A little jitter keeps many clients from coming back at the same instant.
    return min(base + random.uniform(0, policy.backoff / 2), policy.max_retry_after)


# Digits as HTTP means them: ASCII only (str.isdigit() is true for "²", which int() refuses).
_SECONDS = re.compile(r"[0-9]+")
# No wait we would honour is longer than this; a larger number is kept as this.
_LONGEST_WAIT = 10 * 365 * 86400.0
# Larger than any body or wait we would take (and int() refuses numbers of over 4300 digits).
_HUGE = 10**18


def _number(value: str) -> int | None:
    """A number written in ASCII digits, at most _HUGE; None for anything else."""
    if not _SECONDS.fullmatch(value):
        return None
    digits = value.lstrip("0") or "0"
    return _HUGE if len(digits) > 18 else min(int(digits), _HUGE)


def retry_after(value: str | None, clock: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date); None if it has none.

    Whatever the server sent, the answer is a number of seconds or None, never an exception.
    """
    if not value:
        return None
    value = value.strip()
    seconds = _number(value)
    if seconds is not None:
        return min(float(seconds), _LONGEST_WAIT)
    try:
        when = email.utils.parsedate_to_datetime(value)
        left = when.timestamp() - clock() if when.tzinfo is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return None if left is None else min(max(0.0, left), _LONGEST_WAIT)


def content_length(value: str | None) -> int | None:
    """The length a Content-Length header states, or None when it states none that can be read."""
    return _number((value or "").strip())


def _transport_error(exc: requests.RequestException, url: str) -> FetchError:
    """Our FetchError for whatever requests raised; the message names the cause, not the stack."""
    reason = _root_cause(exc)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return FetchError("bad-url", f"not a valid URL: {exc}", url)
    if isinstance(exc, requests.exceptions.ProxyError):
        return FetchError("proxy", f"the proxy failed: {reason}", url)
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError("tls", f"TLS error: {reason}", url)
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchError("timeout", "timed out", url)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _has(exc, NameResolutionError) or _has(exc, socket.gaierror):
            host = urlsplit(url).hostname
            lookup = _find(exc, socket.gaierror)
            if isinstance(lookup, socket.gaierror) and lookup.errno not in _NO_SUCH_NAME:
                # No resolver could answer (EAI_AGAIN: a network down, a resolver unreachable): says nothing of the name.
                return FetchError("dns-temporary", f"DNS lookup of {host} failed for now: {lookup.strerror}", url)
            return FetchError("dns", f"DNS lookup of {host} failed", url)
        if _has(exc, ConnectionRefusedError):
            return FetchError("connect", "connection refused", url)
        # urllib3's NewConnectionError is a ConnectTimeoutError too, for history's sake.
        if _has(exc, NewConnectionError):
            return FetchError("connect", f"cannot connect: {reason}", url)
        if _has(exc, ConnectTimeoutError) or _has(exc, TimeoutError):
            return FetchError("timeout", "timed out connecting", url)
        return FetchError("connect", f"connection failed: {reason}", url)
    return FetchError("protocol", f"bad HTTP answer: {reason}", url)


#: What a resolver answers of a name that does not exist, or has no address: the rest fail for now.
_NO_SUCH_NAME = frozenset(getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n))


def _has(exc: BaseException, kind: type[BaseException]) -> bool:
    return _find(exc, kind) is not None


def _find(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of ``kind`` in what ``exc`` holds (its causes, reasons and arguments), or None."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return current
        nested = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        stack.extend(n for n in nested if isinstance(n, BaseException))
    return None


def _root_cause(exc: BaseException) -> str:
    current: BaseException = exc
    for _ in range(10):
        nested = current.__cause__ or getattr(current, "reason", None)
        if not isinstance(nested, BaseException):
            args = [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
            if not args:
                break
            nested = args[-1]
        current = nested
    text = str(current) or type(current).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read_body(
    response: requests.Response, raw_limit: int, decoded_limit: int, deadline: float, truncate: bool
) -> tuple[bytes, bool]:
    """The body, decoded, read in chunks, and whether it was read to its end.

    Past a cap it raises FetchError("too-large"), or with ``truncate`` returns what it has.
    """
    declared = content_length(response.headers.get("content-length"))
    if declared is not None and declared > raw_limit and not truncate:
        raise FetchError("too-large", f"larger than the size cap ({_megabytes(raw_limit)}): {declared} bytes")
    parts: list[bytes] = []

    def stop(error: FetchError) -> tuple[bytes, bool]:
        if truncate:
            return b"".join(parts), False
        raise error from None

    encoding = response.headers.get("content-encoding", "")
    unknown = [token for token in (t.strip().lower() for t in encoding.split(",")) if token and token not in _DECODED]
    if unknown:
        return stop(FetchError("encoding", f"unsupported content encoding {unknown[0]!r}"))
    raw = response.raw
    # The head is not the body: what was read with it is counted off (at most a buffer of the body too).
    head = transport.received(raw) or 0
    size = 0
    try:
        # urllib3 decodes at most CHUNK bytes per read, so a bomb is caught a chunk past the cap.
        for chunk in raw.stream(CHUNK, decode_content=True):
            size += len(chunk)
            wire = transport.received(raw)
            if (raw.tell() if wire is None else wire - head) > raw_limit:
                return stop(FetchError("too-large", f"larger than the size cap ({_megabytes(raw_limit)})"))
            if size > decoded_limit:
                return stop(FetchError("too-large", f"decompresses to more than {_megabytes(decoded_limit)}"))
            parts.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError("timeout", "the download took too long")
        return b"".join(parts), True
    except urllib3.exceptions.DecodeError as exc:
        return stop(FetchError("encoding", f"the {encoding.strip()} body is corrupt ({_root_cause(exc)})"))
    except urllib3.exceptions.ReadTimeoutError:
        if time.monotonic() >= deadline:
            raise FetchError("timeout", "the download ran out of time (the limit for one fetch)") from None
        raise FetchError("timeout", "timed out reading the answer") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError("protocol", f"the answer broke off: {_root_cause(exc)}") from None


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"
