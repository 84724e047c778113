"""The connections under every fetch: requests and urllib3, with the address guard at connection time.

``session`` makes the one kind of ``requests.Session`` the fetcher uses.
What it adds to requests is small and all about where a socket may go:

- a connection to a source connects only to an address the ``Guard``
  accepted, and to that very address (no second DNS lookup that could answer
  differently);
- through a proxy (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``, with
  ``NO_PROXY``, read as requests reads them), the proxy itself is reached
  whatever its address: a proxy is the user's own configuration, and a
  newsroom's proxy usually lives on a private network.  The source's name is
  still resolved and checked here first.  An https source is reached through
  a tunnel (``CONNECT``) to the address the guard checked, and TLS checks the
  certificate against the name; a plain http request is forwarded by name,
  as a forwarding proxy must see it to set ``Host``, so for http the proxy
  does its own lookup of a name the guard has already accepted;
- every read of an answer's head and body waits at most ``timeout``, and never
  past the deadline of the fetch it belongs to (``set_deadline``);
- informational answers (``103 Early Hints``) are read past to the final one.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import io
import os
import socket
import ssl
import threading
import time
import types
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as _connection

from factcheck.model.errors import UsageError

#: Hosts whose pools of idle connections a session keeps.
HOSTS_KEPT = 64


class AddressRefused(Exception):
    """Raised at connection time when a host resolves to an address we may not reach."""


# --- the deadline of a fetch, enforced on every read ------------------------------

# The deadline (time.monotonic) of the fetch running in this thread, if any.
# Connections are pooled and shared between fetches, so the deadline cannot
# live on a connection; a fetch runs in one thread from start to finish.
_running = threading.local()


def deadline() -> float | None:
    """The deadline (``time.monotonic``) of the fetch running in this thread; None outside a fetch."""
    return getattr(_running, "deadline", None)


def set_deadline(when: float | None) -> None:
    """Make ``when`` the deadline of this thread's fetch (None: no fetch is running)."""
    _running.deadline = when


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
        self.received = 0  # bytes read off the socket: the answer as it came over the wire

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int | None:  # type: ignore[override]
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise _PastDeadline("the fetch ran out of time")
        per_read = self._per_read
        # Only when the deadline comes first: setting a timeout is a system call, which lets another thread run.
        cut = per_read is None or per_read > left
        if cut:
            self._sock.settimeout(left if per_read is None else min(per_read, left))
        try:
            read = self._raw.readinto(buffer)
        finally:
            if cut:
                with contextlib.suppress(OSError):  # closed meanwhile
                    self._sock.settimeout(per_read)
        self.received += read or 0
        return read

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
        when = deadline()
        self._reader = None if when is None else _DeadlineReader(sock, when)
        if self._reader is not None:
            # http.client reads through the file it asks the socket for: hand it ours, rather
            # than let it make one to be replaced (a file made per answer, each one costs).
            reader = self._reader
            sock = types.SimpleNamespace(makefile=lambda mode: io.BufferedReader(reader))  # type: ignore[assignment]
        super().__init__(sock, *args, **kwargs)

    def begin(self) -> None:
        super().begin()
        for _ in range(self.INFORMATIONAL):
            if not 102 <= self.status < 200:
                break
            self.headers = self.msg = None  # type: ignore[assignment]  # so that begin reads the next answer
            super().begin()


def received(response: Any) -> int | None:
    """Bytes of a urllib3 answer read off the wire so far (head, framing and body, before decoding); None if not counted."""
    original = getattr(response, "_original_response", None)
    reader = getattr(original, "_reader", None)
    return None if reader is None else reader.received


# --- connections that go only where the guard allows --------------------------------


def _wait(timeout: Any, what: str, conn: HTTPConnection) -> Any:
    """The connect timeout, cut to what is left of this thread's fetch."""
    when = deadline()
    if when is None:
        return timeout
    left = when - time.monotonic()
    if left <= 0:
        raise ConnectTimeoutError(conn, f"connecting to {what} ran out of time")
    return min(timeout, left) if isinstance(timeout, int | float) else left


def _guarded(base: type[HTTPConnection], addresses: Callable[[str, int], list[str]]) -> type[HTTPConnection]:
    """A urllib3 connection class that connects only to addresses ``addresses`` accepts."""

    class GuardedConnection(base):  # type: ignore[valid-type,misc]
        response_class = _DeadlineResponse

        def _new_conn(self) -> socket.socket:
            # The proxy the environment names is the user's own, not a source's: it is reached by
            # name, whatever its address.  A source is reached at an address the guard checked.
            proxied = self.proxy is not None
            what = f"the proxy {self.host}" if proxied else self.host
            error: OSError | None = None
            try:
                # Connect to the checked address itself: resolving again could answer differently.
                for target in [self._dns_host] if proxied else addresses(self._dns_host, self.port):
                    try:
                        return _connection.create_connection(
                            (target, self.port), _wait(self.timeout, what, self), socket_options=self.socket_options
                        )
                    except TimeoutError as exc:
                        raise ConnectTimeoutError(self, f"connecting to {what} timed out") from exc
                    except socket.gaierror:
                        raise
                    except OSError as exc:
                        error = exc
            except socket.gaierror as exc:
                raise NameResolutionError(self.host, self, exc) from exc
            raise NewConnectionError(self, f"cannot connect{' to ' + what if proxied else ''}: {error}") from error

        def _tunnel(self) -> None:
            # Through a proxy, the tunnel goes to the address the guard checked, not to a name
            # the proxy would look up again; TLS still checks the certificate against the name.
            name: str = self._tunnel_host  # type: ignore[has-type]
            try:
                self._tunnel_host = addresses(name, self._tunnel_port)[0]
            except socket.gaierror as exc:
                raise NameResolutionError(name, self, exc) from exc
            try:
                super()._tunnel()
            finally:
                self._tunnel_host = name

    return GuardedConnection


class _GuardedAdapter(HTTPAdapter):
    """requests' adapter whose pools make guarded connections; no retries of its own (``fetch`` retries)."""

    def __init__(self, addresses: Callable[[str, int], list[str]], per_host: int) -> None:
        self._addresses = addresses
        super().__init__(pool_connections=HOSTS_KEPT, pool_maxsize=max(1, per_host), max_retries=0)

    def _pools(self) -> dict[str, type[HTTPConnectionPool]]:
        connection = {"http": HTTPConnection, "https": HTTPSConnection}
        base = {"http": HTTPConnectionPool, "https": HTTPSConnectionPool}
        return {
            scheme: type(
                f"Guarded{scheme.upper()}Pool", (base[scheme],), {"ConnectionCls": _guarded(cls, self._addresses)}
            )
            for scheme, cls in connection.items()
        }

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools()

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = self._pools()
        return manager

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        proxies: dict[str, str] | None = kwargs.get("proxies")
        url = request.url or ""
        if proxies and url.startswith("http:") and requests.utils.select_proxy(url, proxies):
            # Forwarded by name: the name is checked here before the proxy is asked.
            parts = requests.utils.urlparse(url)
            try:
                self._addresses(parts.hostname or "", parts.port or 80)
            except socket.gaierror as exc:
                raise requests.exceptions.ConnectionError(exc, request=request) from exc
        return super().send(request, *args, **kwargs)


# --- the session ------------------------------------------------------------------

#: Where a certificate bundle may be named, in the order requests (then OpenSSL) looks.
CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")


def ca_bundle() -> str | bool:
    """The certificate bundle named by the environment, or True for certifi's; a bundle that is missing, or holds
    no certificate, is refused: every https source would fail on it, run after run, towards dead."""
    for name in CA_VARIABLES:
        if path := os.environ.get(name):
            if not os.path.exists(path):
                raise UsageError(
                    f"{name} names {path}, which does not exist; name a PEM file of certificates, or unset it"
                )
            if os.path.isfile(path):  # a folder of certificates is read as each one is needed
                try:
                    ssl.create_default_context(cafile=path)
                except (ssl.SSLError, OSError, ValueError):
                    raise UsageError(
                        f"{name} names {path}, which holds no certificate that can be read; name a PEM file "
                        "of certificates, or unset it"
                    ) from None
            return path
    return True


def _check_proxy(variable: str, proxy: str) -> None:
    """Refuse a proxy that no request could go through, rather than have every source fail on it."""
    try:
        scheme = urllib3.util.parse_url(requests.utils.prepend_scheme_if_needed(proxy, "http")).scheme
    except urllib3.exceptions.LocationParseError:
        raise UsageError(f"{variable} names {proxy}, which is not a proxy's URL (http://HOST:PORT)") from None
    if scheme and scheme.startswith("socks") and importlib.util.find_spec("socks") is None:
        raise UsageError(
            f"{variable} names a SOCKS proxy, {proxy}, and SOCKS needs PySocks: pip install 'requests[socks]'"
        )


@dataclass(frozen=True, slots=True)
class Get:
    """One GET of a fetch: what ``Session.send_get`` (and any stand-in for it) is asked to send.

    ``headers`` are the request's own, sent over the session's; ``cookies`` is
    the fetch's jar, sent with the request and given what the answer sets;
    ``timeout`` is (connect, read) in seconds.
    """

    url: str
    headers: Mapping[str, str]
    cookies: requests.cookies.RequestsCookieJar
    timeout: tuple[float, float]


class Session(requests.Session):
    """A requests session for fetches: one guarded adapter, settings read once, and no state between requests.

    ``send_get`` sends one GET through the adapter without the session's
    merging of settings, hooks and cookies: a fetch brings its own headers and
    cookie jar and follows its own redirects, so there is nothing to merge, and
    the merging costs as much as the request itself.
    """

    def __init__(self) -> None:
        super().__init__()
        # Read once, as a run's settings: looking the proxies up for each request costs more
        # than the rest of the request.
        proxies = urllib.request.getproxies()
        self._proxied = bool(proxies)
        for scheme, proxy in proxies.items():
            if scheme != "no":
                _check_proxy(f"{scheme.upper()}_PROXY", proxy)

    def proxies_for(self, url: str) -> dict[str, str]:
        """The proxy the environment names for ``url`` (none for a host in ``NO_PROXY``), as requests reads it."""
        return requests.utils.get_environ_proxies(url) if self._proxied else {}

    def send_get(self, get: Get) -> requests.Response:
        """Send ``get`` with the session's headers under its own; the body is left to stream."""
        request = requests.PreparedRequest()
        # Credentials in the URL become its Authorization header, for that URL's request alone.
        request.prepare(method="GET", url=get.url, headers={**self.headers, **get.headers}, cookies=get.cookies)
        adapter = self.get_adapter(get.url)
        proxies = self.proxies_for(get.url)
        response = adapter.send(request, stream=True, timeout=get.timeout, verify=self.verify, proxies=proxies)
        requests.cookies.extract_cookies_to_jar(get.cookies, request, response.raw)
        return response


def session(addresses: Callable[[str, int], list[str]], per_host: int, headers: Mapping[str, str]) -> Session:
    """A session sending only ``headers``, connecting only where ``addresses`` allows."""
    s = Session()
    # Proxies and the CA bundle are read from the environment (``proxies_for``, ``ca_bundle``);
    # .netrc is not: no credential goes to a source the user did not name.
    s.trust_env = False
    s.verify = ca_bundle()
    s.headers.clear()
    s.headers.update(headers)
    adapter = _GuardedAdapter(addresses, per_host)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s
