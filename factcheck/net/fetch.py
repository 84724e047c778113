"""Fetching a cited source over HTTP, with every safety rule in one place.

``session`` is the one factory of ``requests.Session`` objects; ``fetch``
gets one URL with it.  Everything a source's server sends is untrusted, so:

- only ``http`` and ``https`` URLs are fetched;
- every host name is resolved by us, at connection time, and each address it
  resolves to is checked: loopback, private, link-local, reserved, multicast
  and cloud-metadata addresses are refused unless allowed (``allow_private``,
  or an ``allow_hosts`` entry naming that host and port).  The socket then
  connects to the address that was checked, so a second DNS answer cannot
  swap in another one;
- redirects are followed by this module, at most ``max_redirects`` hops, each
  hop checked like the first; requests carry no cookies, no ``.netrc`` and no
  proxy settings from the environment, and nothing but what a hop's own URL
  holds, so credentials never travel to another origin;
- the body is streamed and its raw bytes on the wire counted against
  ``max_bytes``; gzip and deflate are decoded here, incrementally, against a
  cap of their own, so a decompression bomb stops early;
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
import http.cookiejar
import io
import ipaddress
import random
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as _connection

from factcheck import __version__

USER_AGENT = f"factcheck/{__version__} (source checker; +requests/{requests.__version__})"

DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.5
MAX_RETRY_AFTER = 30.0
MAX_REDIRECTS = 10
MAX_BYTES = 5 * 1024 * 1024
# A decoded body may be this many times the raw cap: real pages compress
# 5-10x, a bomb a thousandfold.
DECODED_FACTOR = 5
# Error pages are read only far enough to recognise a bot challenge.
ERROR_BODY_BYTES = 64 * 1024

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

ERROR_KINDS = (
    "bad-url",
    "refused",
    "dns",
    "connect",
    "timeout",
    "tls",
    "protocol",
    "redirects",
    "too-large",
    "encoding",
)


class FetchError(Exception):
    """A URL could not be fetched; ``kind`` is one of ERROR_KINDS."""

    def __init__(self, kind: str, message: str, final_url: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.final_url = final_url


class AddressRefused(Exception):
    """Raised at connection time when a host resolves to an address we may not reach."""


@dataclass(frozen=True)
class Policy:
    """How to fetch: limits, retries and which non-public addresses may be reached."""

    timeout: float = DEFAULT_TIMEOUT  # for connecting, and for each wait on the server
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF  # the first wait; doubled for each further retry
    max_retry_after: float = MAX_RETRY_AFTER
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_BYTES
    allow_private: bool = False
    allow_hosts: frozenset[tuple[str, int]] = frozenset()
    per_host: int = 4  # connections kept open to one host
    # Resolves (host, port) to IP address strings; socket.getaddrinfo unless given.
    resolver: Callable[[str, int], list[str]] | None = field(default=None, compare=False)
    total: float | None = None  # seconds one fetch may take in all; None: max(60, 6 x timeout)

    @property
    def deadline(self) -> float:
        """Seconds one fetch may take in all: connecting, headers, body, hops and retries."""
        return self.total if self.total is not None else max(60.0, 6 * self.timeout)


@dataclass(frozen=True)
class Page:
    """An HTTP answer: its status, where it came from, a few headers and the decoded body."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirects: tuple[str, ...] = ()
    retry_after: float | None = None  # a Retry-After we did not wait for

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


# --- addresses ------------------------------------------------------------------


def is_ip(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (not a host name)."""
    try:
        ipaddress.ip_address(text)
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
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
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


# --- the deadline of a fetch, enforced on every read ------------------------------

# The deadline (time.monotonic) of the fetch running in this thread, if any.
# Connections are pooled and shared between fetches, so the deadline cannot
# live on a connection; a fetch runs in one thread from start to finish.
_running = threading.local()


def _left() -> float | None:
    """Seconds left before this thread's fetch must end; None outside a fetch."""
    deadline: float | None = getattr(_running, "deadline", None)
    return None if deadline is None else deadline - time.monotonic()


class _PastDeadline(TimeoutError):
    """A read was about to start after the fetch's deadline."""


class _DeadlineReader(io.RawIOBase):
    """The reading end of a socket that waits at most ``per_read`` for each read, and never past ``deadline``.

    A socket timeout alone bounds each wait, not their sum: a server sending
    one byte a second never trips it.  Here every read first looks at the
    clock, so the headers and the body together cannot outlast the deadline.
    """

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline
        self._per_read = sock.gettimeout()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int | None:  # type: ignore[override]
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise _PastDeadline("the fetch ran out of time")
        per_read = self._per_read
        self._sock.settimeout(left if per_read is None else min(per_read, left))
        try:
            return self._raw.readinto(buffer)
        finally:
            try:
                self._sock.settimeout(per_read)
            except OSError:
                pass  # closed meanwhile

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """http.client's response, reading through a ``_DeadlineReader`` while a fetch runs."""

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = getattr(_running, "deadline", None)
        if deadline is not None:
            self.fp.close()
            self.fp = io.BufferedReader(_DeadlineReader(sock, deadline))


def _guarded(base: type[HTTPConnection], guard: Guard) -> type[HTTPConnection]:
    """A urllib3 connection class that connects only to addresses the guard accepts."""

    class GuardedConnection(base):  # type: ignore[valid-type,misc]
        response_class = _DeadlineResponse

        def _new_conn(self) -> socket.socket:
            try:
                addresses = guard.addresses(self._dns_host, self.port)
            except socket.gaierror as exc:
                raise NameResolutionError(self.host, self, exc) from exc
            error: OSError | None = None
            # Connect to the checked address itself: resolving again could answer differently.
            for address in addresses:
                timeout = self.timeout
                left = _left()
                if left is not None:
                    if left <= 0:
                        raise ConnectTimeoutError(self, f"connecting to {self.host} ran out of time")
                    timeout = min(timeout, left) if isinstance(timeout, int | float) else left
                try:
                    return _connection.create_connection(
                        (address, self.port),
                        timeout,
                        source_address=self.source_address,
                        socket_options=self.socket_options,
                    )
                except TimeoutError as exc:
                    raise ConnectTimeoutError(self, f"connecting to {self.host} timed out") from exc
                except OSError as exc:
                    error = exc
            raise NewConnectionError(self, f"cannot connect: {error}") from error

    return GuardedConnection


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, guard: Guard, per_host: int) -> None:
        self._guard = guard
        super().__init__(pool_connections=64, pool_maxsize=per_host, max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        http = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": _guarded(HTTPConnection, self._guard)})
        https = type(
            "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": _guarded(HTTPSConnection, self._guard)}
        )
        self.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """Keep no cookies: a source is read as a first-time visitor, and nothing leaks between sources."""

    def set_ok(self, cookie, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def return_ok(self, cookie, request) -> bool:  # type: ignore[no-untyped-def]
        return False


def session(policy: Policy) -> requests.Session:
    """The HTTP session every fetch uses: our user agent, no ambient credentials, guarded connections."""
    s = requests.Session()
    s.trust_env = False  # no proxies, .netrc or CA bundles from the environment
    s.cookies.set_policy(_NoCookies())
    s.headers.clear()
    s.headers.update(
        {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
            # Only what _Decoder can decode with a cap.
            "Accept-Encoding": "gzip, deflate",
            "Connection": "keep-alive",
        }
    )
    adapter = _GuardedAdapter(Guard(policy), policy.per_host)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


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
    return urlunsplit(parts._replace(fragment=""))


def fetch(
    client: requests.Session,
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
    outer = getattr(_running, "deadline", None)
    _running.deadline = deadline if outer is None else min(outer, deadline)
    try:
        return _fetch(client, url, policy, conditional, _running.deadline, follow_redirects)
    finally:
        _running.deadline = outer


def _fetch(
    client: requests.Session,
    url: str,
    policy: Policy,
    conditional: tuple[str, Mapping[str, str]] | None,
    deadline: float,
    follow_redirects: bool,
) -> Page:
    current = check_url(url)
    seen = {current}
    hops: list[str] = []
    while True:
        headers = dict(conditional[1]) if conditional and conditional[0] == current else {}
        response, retry_after = _get(client, current, headers, policy, deadline)
        complete = False  # read to its end, so its connection can serve the next request
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location and follow_redirects:
                _, complete = _read_body(response, ERROR_BODY_BYTES, ERROR_BODY_BYTES, deadline, truncate=True)
                target = _redirect_target(current, location)
                if target in seen:
                    raise FetchError("redirects", f"redirect loop: {current} → {target}", current)
                if len(hops) >= policy.max_redirects:
                    raise FetchError("redirects", f"more than {policy.max_redirects} redirects", current)
                seen.add(target)
                hops.append(target)
                current = target
                continue
            ok = 200 <= response.status_code < 300
            limit = policy.max_bytes if ok else ERROR_BODY_BYTES
            body, complete = _read_body(response, limit, policy.max_bytes * DECODED_FACTOR, deadline, not ok)
            wanted = KEPT_HEADERS
            kept = {k: response.headers[k] for k in wanted if k in response.headers}
            return Page(url, current, response.status_code, kept, body, tuple(hops), retry_after)
        except FetchError as exc:
            exc.final_url = exc.final_url or current
            raise
        finally:
            if complete:
                response.raw.release_conn()  # keep-alive: back to the pool
            else:
                response.close()  # a half-read answer: the connection is dropped


def _redirect_target(current: str, location: str) -> str:
    try:
        return check_url(urljoin(current, location.strip()))
    except ValueError as exc:  # urljoin parses too: "http://[::1" is no URL
        raise FetchError("bad-url", f"redirected to a URL that cannot be parsed ({exc})", current) from None
    except FetchError as exc:
        raise FetchError("bad-url", f"redirected to a URL we do not fetch ({exc.message})", current) from None


def _get(
    client: requests.Session, url: str, headers: Mapping[str, str], policy: Policy, deadline: float
) -> tuple[requests.Response, float | None]:
    """One hop, retried on transient failures; returns the response and a Retry-After not waited for."""
    attempt = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _out_of_time(policy, url)
        try:
            response = client.get(
                url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(min(policy.timeout, left), policy.timeout),
            )
        except AddressRefused as exc:
            raise FetchError("refused", str(exc), url) from None
        except requests.RequestException as exc:
            error = _transport_error(exc, url)
            if error.kind == "timeout" and time.monotonic() >= deadline:
                raise _out_of_time(policy, url) from None
            # A failed name lookup is an answer, not a hiccup; the rest may pass.
            if error.kind in ("dns", "protocol", "bad-url") or attempt >= policy.retries:
                raise error from None
            wait = _backoff(policy, attempt)
            if time.monotonic() + wait > deadline:
                raise error from None
            time.sleep(wait)
            attempt += 1
            continue
        except ValueError as exc:  # UnicodeError, urllib3's LocationParseError, http.client's InvalidURL
            # Whatever cannot be parsed or encoded fails this source, never the whole run.  (requests
            # parses a redirect's Location even when not following it, so a bad one lands here too.)
            raise FetchError("bad-url", f"the URL, or where it redirects, cannot be parsed ({exc})", url) from None
        if response.status_code not in RETRY_STATUSES or attempt >= policy.retries:
            return response, None
        asked = _retry_after(response.headers.get("retry-after"))
        wait = asked if asked is not None else _backoff(policy, attempt)
        if wait > policy.max_retry_after or time.monotonic() + wait > deadline:
            return response, asked
        response.close()
        time.sleep(wait)
        attempt += 1


def _out_of_time(policy: Policy, url: str | None = None) -> FetchError:
    return FetchError("timeout", f"took longer than the {policy.deadline:g} s one fetch may take", url)


def _backoff(policy: Policy, attempt: int) -> float:
    base = policy.backoff * 2**attempt
    # A little jitter keeps many clients from coming back at the same instant.
    return min(base + random.uniform(0, policy.backoff / 2), policy.max_retry_after)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date); None if it has none."""
    return _retry_after(value)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _transport_error(exc: requests.RequestException, url: str) -> FetchError:
    """Our FetchError for whatever requests raised; the message names the cause, not the stack."""
    reason = _root_cause(exc)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return FetchError("bad-url", f"not a valid URL: {exc}", url)
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError("tls", f"TLS error: {reason}", url)
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchError("timeout", "timed out", url)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _has(exc, NameResolutionError) or _has(exc, socket.gaierror):
            host = urlsplit(url).hostname
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


def _has(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
    return False


def _root_cause(exc: BaseException) -> str:
    current: BaseException = exc
    for _ in range(10):
        nested = current.__cause__ or getattr(current, "reason", None)
        if not isinstance(nested, BaseException):
            break
        current = nested
    text = str(current) or type(current).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read_body(
    response: requests.Response, raw_limit: int, decoded_limit: int, deadline: float, truncate: bool
) -> tuple[bytes, bool]:
    """The body, decoded, read in chunks, and whether it was read to its end.

    Past a cap it raises FetchError("too-large"), or with ``truncate`` returns what it has.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > raw_limit and not truncate:
        raise FetchError("too-large", f"larger than the size cap ({_megabytes(raw_limit)}): {int(declared)} bytes")
    try:
        decoder = _Decoder(response.headers.get("content-encoding", ""), decoded_limit)
    except FetchError:
        if truncate:
            return b"", False
        raise
    received = 0
    try:
        for chunk in response.raw.stream(64 * 1024, decode_content=False):
            received += len(chunk)
            if received > raw_limit:
                if truncate:
                    return decoder.partial(), False
                raise FetchError("too-large", f"larger than the size cap ({_megabytes(raw_limit)})")
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise FetchError("timeout", "the download took too long")
        return decoder.finish(), True
    except FetchError as exc:
        if truncate and exc.kind in ("too-large", "encoding"):
            return decoder.partial(), False
        raise
    except urllib3.exceptions.ReadTimeoutError:
        if time.monotonic() >= deadline:
            raise FetchError("timeout", "the download ran out of time (the limit for one fetch)") from None
        raise FetchError("timeout", "timed out reading the answer") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError("protocol", f"the answer broke off: {_root_cause(exc)}") from None


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"


class _Decoder:
    """Undo a Content-Encoding chunk by chunk, never holding more than ``limit`` decoded bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        encoding = encoding.strip().lower()
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        self.pending = b""  # deflate: the first bytes, until we know zlib from raw deflate
        self.encoding = encoding
        self.z: zlib._Decompress | None = None
        if encoding in ("", "identity"):
            pass
        elif encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            pass  # chosen on the first two bytes
        else:
            raise FetchError("encoding", f"unsupported content encoding {encoding!r}")

    def feed(self, data: bytes) -> None:
        if self.encoding == "deflate" and self.z is None:
            self.pending += data
            if len(self.pending) < 2:
                return
            head = self.pending[:2]
            # "deflate" is meant to be zlib-wrapped; some servers send it raw.
            wrapped = head[0] & 0x0F == 8 and int.from_bytes(head, "big") % 31 == 0
            self.z = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self.pending = self.pending, b""
        if self.z is None:
            self._keep(data)
            return
        try:
            while data and not self.z.eof:
                piece = self.z.decompress(data, self.limit - self.size + 1)
                self._keep(piece)
                data = self.z.unconsumed_tail
        except zlib.error as exc:
            raise FetchError("encoding", f"the {self.encoding} body is corrupt ({exc})") from None

    def _keep(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            raise FetchError("too-large", f"decompresses to more than {_megabytes(self.limit)}")
        self.parts.append(piece)

    def finish(self) -> bytes:
        if self.pending:
            self.feed(b"")
            if self.pending:  # a one-byte deflate body: nothing to decode
                self.pending = b""
        if self.z is not None and not self.z.eof:
            try:
                self._keep(self.z.flush())
            except zlib.error:
                pass  # a truncated stream: keep what decoded
        return b"".join(self.parts)

    def partial(self) -> bytes:
        return b"".join(self.parts)
