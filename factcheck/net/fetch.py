"""Fetching a cited source over HTTP, with every safety rule in one place.

``session`` makes the one kind of HTTP client (``Client``: HTTP/1.1
connections kept alive per host, on the standard library's ``http.client``);
``fetch`` gets one URL with it.  Everything a source's server sends is
untrusted, so:

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
import io
import ipaddress
import random
import re
import select
import socket
import ssl
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from factcheck import __version__

USER_AGENT = f"factcheck/{__version__} (source checker)"

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
        if per_read is not None and per_read <= left:
            # The socket's own timeout ends this wait before the deadline.  (Setting a
            # timeout is a system call, and every system call lets another thread run.)
            return self._raw.readinto(buffer)
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
    """http.client's response, reading through a ``_DeadlineReader`` while a fetch runs.

    Informational answers (``103 Early Hints`` and the like) are read past to
    the final answer, which follows them on the connection; http.client
    itself skips only ``100 Continue``.
    """

    #: Informational answers read past, at most, before one is taken for the answer.
    INFORMATIONAL = 8

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = getattr(_running, "deadline", None)
        if deadline is not None:
            self.fp.close()
            self.fp = io.BufferedReader(_DeadlineReader(sock, deadline))

    def begin(self) -> None:
        super().begin()
        for _ in range(self.INFORMATIONAL):
            if not 102 <= self.status < 200:
                break
            self.headers = self.msg = None  # type: ignore[assignment]  # so that begin reads the next answer
            super().begin()
        lengths = {value.strip() for value in self.headers.get_all("content-length") or ()}
        if len(lengths) > 1 and not self.chunked:
            # Which one frames the body?  Guessing is how one answer gets read as two.
            raise http.client.HTTPException("the answer gives two different lengths (Content-Length)")


class FetchFailed(Exception):
    """A transport problem of one request, before ``fetch`` decides whether to try again."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _connect(guard: Guard, host: str, port: int, timeout: float) -> socket.socket:
    """A socket connected to an address of ``host`` that the guard accepts; FetchFailed or AddressRefused otherwise."""
    try:
        addresses = guard.addresses(host, port)
    except socket.gaierror:
        raise FetchFailed("dns", f"DNS lookup of {host} failed") from None
    error: OSError | None = None
    # Connect to the checked address itself: resolving again could answer differently.
    for address in addresses:
        wait = timeout
        left = _left()
        if left is not None:
            if left <= 0:
                raise FetchFailed("timeout", "timed out connecting")
            wait = min(wait, left)
        try:
            sock = _open_socket(address, port, wait)
        except TimeoutError:
            raise FetchFailed("timeout", "timed out connecting") from None
        except OSError as exc:
            error = exc
            continue
        # Headers and body may go out in separate writes: never wait on a delayed ACK between them.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock
    if isinstance(error, ConnectionRefusedError):
        raise FetchFailed("connect", "connection refused")
    raise FetchFailed("connect", f"cannot connect: {error}")


def _open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP socket connected to an IP address (no lookup: the address is the one checked)."""
    if "%" in address:  # an IPv6 address with a zone: the lookup works out the interface
        return socket.create_connection((address, port), timeout)
    sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


class _Connection(http.client.HTTPConnection):
    """One HTTP/1.1 connection to a host, opened only to an address the guard accepts (with TLS for https)."""

    response_class = _DeadlineResponse

    def __init__(self, host: str, port: int, timeout: float, guard: Guard, tls: ssl.SSLContext | None) -> None:
        super().__init__(host, port, timeout=timeout)
        self.default_port = 443 if tls is not None else 80  # the Host header names the port only when it is not this
        self._guard = guard
        self._tls = tls

    def connect(self) -> None:
        timeout = DEFAULT_TIMEOUT if self.timeout is None else self.timeout
        sock = _connect(self._guard, self.host, self.port, timeout)
        if self._tls is not None:
            left = _left()
            sock.settimeout(timeout if left is None else max(0.001, min(timeout, left)))
            try:
                sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except (ssl.SSLError, ssl.CertificateError) as exc:
                sock.close()
                raise FetchFailed("tls", f"TLS error: {_reason(exc)}") from None
            except TimeoutError:
                sock.close()
                raise FetchFailed("timeout", "timed out connecting") from None
            except OSError as exc:
                sock.close()
                raise FetchFailed("connect", f"connection failed: {_reason(exc)}") from None
        self.sock = sock

    def dropped(self) -> bool:
        """Whether the server closed this idle connection, or sent something unasked.

        Looked at before every reuse: bytes waiting on an idle connection
        would be read as the answer to the next request, another URL's page.
        """
        if self.sock is None:
            return True
        try:
            if not hasattr(select, "poll"):  # Windows
                return bool(select.select([self.sock], [], [], 0)[0])
            poller = select.poll()
            poller.register(self.sock, select.POLLIN)
            return bool(poller.poll(0))
        except (OSError, ValueError):
            return True


class Answer:
    """An HTTP answer whose body is still to be read: status, headers (names in lower case), and the body in chunks."""

    def __init__(
        self, client: Client, key: tuple[str, str, int], conn: _Connection, response: http.client.HTTPResponse
    ):
        self.status_code = response.status
        headers: dict[str, str] = {}
        for name, value in response.getheaders():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        self.headers = headers
        self._client, self._key, self._conn, self._response = client, key, conn, response

    def stream(self, size: int) -> Iterator[bytes]:
        """The raw body (not decoded), ``size`` bytes at a time; IncompleteRead when it ends before its length."""
        while chunk := self._response.read(size):
            yield chunk
        missing = self._response.length
        if missing:  # http.client takes a connection closed early for the end of the body
            raise http.client.IncompleteRead(b"", missing)

    def release(self) -> None:
        """Done, with the body read to its end: the connection may serve the next request to its host.

        Not after an informational (1xx) answer: the final answer may follow it on the connection.
        """
        if self._response.isclosed() and self._conn.sock is not None and self.status_code >= 200:
            self._client._keep(self._key, self._conn)
        else:
            self.close()

    def close(self) -> None:
        """Done, perhaps half-way: the connection is closed."""
        self._response.close()
        self._conn.close()


class Client:
    """Guarded HTTP/1.1 connections, kept alive per host and shared by the threads of a run.

    It sends our user agent and nothing a fetch did not ask for: no cookies,
    no credentials, no proxy or CA settings from the environment.
    """

    HEADERS = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
        # Only what _Decoder can decode with a cap.
        "Accept-Encoding": "gzip, deflate",
        # No "Connection: keep-alive": an HTTP/1.1 connection stays open unless one side says otherwise.
    }
    #: Hosts whose idle connections are kept (the least recently used beyond this are closed).
    HOSTS_KEPT = 64

    def __init__(self, policy: Policy) -> None:
        self._guard = Guard(policy)
        self._per_host = max(1, policy.per_host)
        self._timeout = policy.timeout
        self._idle: OrderedDict[tuple[str, str, int], list[_Connection]] = OrderedDict()
        self._lock = threading.Lock()
        self._context: ssl.SSLContext | None = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            idle = [conn for conns in self._idle.values() for conn in conns]
            self._idle.clear()
        for conn in idle:
            conn.close()

    def _tls(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                self._context = _tls_context()
            return self._context

    def _take(self, key: tuple[str, str, int]) -> _Connection | None:
        while True:
            with self._lock:
                conns = self._idle.get(key)
                if not conns:
                    return None
                conn = conns.pop()
            if not conn.dropped():
                return conn
            conn.close()

    def _keep(self, key: tuple[str, str, int], conn: _Connection) -> None:
        evicted: list[_Connection] = []
        with self._lock:
            conns = self._idle.setdefault(key, [])
            self._idle.move_to_end(key)
            if len(conns) < self._per_host:
                conns.append(conn)
            else:
                evicted.append(conn)
            while len(self._idle) > self.HOSTS_KEPT:
                evicted.extend(self._idle.popitem(last=False)[1])
        for old in evicted:
            old.close()

    def get(self, url: str, headers: Mapping[str, str], connect_timeout: float) -> Answer:
        """Send a GET for ``url`` and read the answer's status and headers; FetchFailed or AddressRefused otherwise."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = _ascii_host(parts.hostname or "")
        port = parts.port or (443 if scheme == "https" else 80)
        target = _quoted((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        key = (scheme, host, port)
        sent = {**self.HEADERS, **headers}
        if parts.username is not None:  # credentials in the URL go to its own host, and no further
            import base64

            user, password = unquote(parts.username), unquote(parts.password or "")
            sent["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        while True:
            conn = self._take(key)
            reused = conn is not None
            if conn is None:
                conn = _Connection(host, port, connect_timeout, self._guard, self._tls() if scheme == "https" else None)
            conn.timeout = connect_timeout
            try:
                conn.request("GET", target, headers=sent)
                if conn.sock is not None and conn.sock.gettimeout() != self._timeout:
                    conn.sock.settimeout(self._timeout)  # connecting had its own limit; each read has this one
                response = conn.getresponse()
            except (BrokenPipeError, ConnectionResetError, http.client.BadStatusLine) as exc:
                conn.close()
                if reused:  # the server closed the kept-alive connection as we reused it: ask again on a new one
                    continue
                raise _failure(exc) from None
            except BaseException as exc:
                conn.close()
                raise _failure(exc) from None
            return Answer(self, key, conn, response)


def _failure(exc: BaseException) -> BaseException:
    """What a request that raised ``exc`` failed of, as FetchFailed (or ``exc`` itself when it is no transport problem)."""
    if isinstance(exc, FetchFailed | AddressRefused):
        return exc
    if isinstance(exc, TimeoutError):
        return FetchFailed("timeout", "timed out")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return FetchFailed("tls", f"TLS error: {_reason(exc)}")
    if isinstance(exc, ConnectionError):  # refused, reset, or closed without an answer
        return FetchFailed("connect", f"connection failed: {_reason(exc)}")
    if isinstance(exc, http.client.InvalidURL | UnicodeError):
        return FetchFailed("bad-url", f"the URL cannot be sent ({_reason(exc)})")
    if isinstance(exc, http.client.HTTPException):
        return FetchFailed("protocol", f"bad HTTP answer: {_reason(exc)}")
    if isinstance(exc, ValueError):  # say, a header value the cache kept that may not be sent back
        return FetchFailed("protocol", f"the request cannot be sent ({_reason(exc)})")
    if isinstance(exc, OSError):
        return FetchFailed("connect", f"connection failed: {_reason(exc)}")
    return exc


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _ascii_host(host: str) -> str:
    """The host as it goes on the wire: an internationalised name in its IDNA (punycode) form."""
    if host.isascii():
        return host
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii")
    except (ImportError, UnicodeError, ValueError) as exc:
        raise FetchFailed("bad-url", f"not a valid URL: the host name {host!r} cannot be encoded ({exc})") from None


# What a request target may hold as it is; everything else is percent-encoded (as UTF-8).
_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"


def _quoted(target: str) -> str:
    return target if target.isascii() and " " not in target else quote(target, safe=_TARGET_SAFE)


def _tls_context() -> ssl.SSLContext:
    """Certificates checked against the certifi bundle (as browsers' stores), host names too; HTTP/1.1 only."""
    try:
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


def session(policy: Policy) -> Client:
    """The HTTP client every fetch uses: our user agent, no ambient credentials, guarded connections."""
    return Client(policy)


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
    client: Client,
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
    client: Client,
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
                response.release()  # keep-alive: back to the pool
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
    client: Client, url: str, headers: Mapping[str, str], policy: Policy, deadline: float
) -> tuple[Answer, float | None]:
    """One hop, retried on transient failures; returns the answer and a Retry-After not waited for."""
    attempt = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _out_of_time(policy, url)
        try:
            response = client.get(url, headers, min(policy.timeout, left))
        except AddressRefused as exc:
            raise FetchError("refused", str(exc), url) from None
        except FetchFailed as failed:
            if failed.kind == "timeout" and time.monotonic() >= deadline:
                raise _out_of_time(policy, url) from None
            error = FetchError(failed.kind, failed.message, url)
            # A failed name lookup is an answer, not a hiccup; the rest may pass.
            if error.kind in ("dns", "protocol", "bad-url") or attempt >= policy.retries:
                raise error from None
            wait = _backoff(policy, attempt)
            if time.monotonic() + wait > deadline:
                raise error from None
            time.sleep(wait)
            attempt += 1
            continue
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


def _read_body(
    response: Answer, raw_limit: int, decoded_limit: int, deadline: float, truncate: bool
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
        for chunk in response.stream(64 * 1024):
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
    except TimeoutError:
        if time.monotonic() >= deadline:
            raise FetchError("timeout", "the download ran out of time (the limit for one fetch)") from None
        raise FetchError("timeout", "timed out reading the answer") from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError("protocol", f"the answer broke off: {_reason(exc)}") from None


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
