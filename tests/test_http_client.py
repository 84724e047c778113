"""The HTTP client under the fetcher, against real servers on 127.0.0.1: keep-alive, what goes on the wire, TLS.

No request leaves the machine: every server listens on 127.0.0.1, and names
that would need DNS are answered by a stand-in resolver.
"""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from factcheck.net import fetch, transport

from loopback import Acceptor, serving

BODY = b"<html><body><p>The bridge opened in March 2020.</p></body></html>"


class KeepAliveServer:
    """A raw HTTP/1.1 server on 127.0.0.1 that records each connection and each request on it.

    ``answers`` is how many requests a connection is answered before the
    server closes it without a word (as a server does when its idle timeout
    strikes just as the next request arrives); None answers all of them.
    """

    def __init__(self, answers: int | None = None, host: str = "127.0.0.1", answer: bytes | None = None) -> None:
        self.answers = answers
        self.hang_up = False  # close each connection once it is answered, without saying so
        self.later = b""  # sent unasked, a moment after each answer
        self.sent_later = threading.Event()  # set once it was sent
        self.answer = answer or b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (
            len(BODY),
            BODY,
        )
        self.requests: list[tuple[int, bytes]] = []  # (connection number, the request's head)
        self.connections = 0
        self.closed = threading.Event()  # set when the client closes a connection
        self.hung_up = threading.Event()  # set when this server closed a connection itself
        # Numbered in the order they were accepted, each then answered in a thread of its own.
        self.acceptor = Acceptor(self._accepted, host, threaded=False)
        self.port = self.acceptor.port
        self.netloc = f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"http://{self.netloc}{path}"

    def _accepted(self, conn: socket.socket) -> None:
        self.connections += 1
        threading.Thread(target=self._answer, args=(conn, self.connections), daemon=True).start()

    def _answer(self, conn: socket.socket, number: int) -> None:
        answered = 0
        pending = b""
        with conn:
            try:
                while True:
                    while b"\r\n\r\n" not in pending:
                        chunk = conn.recv(4096)
                        if not chunk:
                            self.closed.set()
                            return
                        pending += chunk
                    head, pending = pending.split(b"\r\n\r\n", 1)
                    if self.answers is not None and answered >= self.answers:
                        return  # closed without an answer
                    self.requests.append((number, head))
                    conn.sendall(self.answer)
                    if self.later:
                        time.sleep(0.02)  # as a server would: after the answer, not with it
                        conn.sendall(self.later)
                        self.sent_later.set()
                    answered += 1
                    if self.hang_up or b"connection: close" in self.answer.split(b"\r\n\r\n", 1)[0].lower():
                        conn.shutdown(socket.SHUT_RDWR)
                        self.hung_up.set()
                        return
            except OSError:
                return

    def close(self) -> None:
        self.acceptor.close()


@pytest.fixture
def keep_alive() -> Iterator[type[KeepAliveServer]]:
    started: list[KeepAliveServer] = []

    class Started(KeepAliveServer):
        def __init__(self, answers: int | None = None, host: str = "127.0.0.1", answer: bytes | None = None) -> None:
            super().__init__(answers, host, answer)
            started.append(self)

    yield Started
    for server in started:
        server.close()


def allowing(*servers: KeepAliveServer, **changes: object) -> fetch.Policy:
    settings: dict[str, object] = {"timeout": 2.0, "retries": 0, "backoff": 30.0, "total": 5.0}
    settings.update(changes)
    return fetch.Policy(allow_hosts=frozenset(("127.0.0.1", s.port) for s in servers), **settings)  # type: ignore[arg-type]


# --- keep-alive -------------------------------------------------------------------------


def test_a_kept_alive_connection_serves_the_next_request_to_its_host(keep_alive) -> None:
    server = keep_alive()
    pol = allowing(server)
    with fetch.session(pol) as client:
        for path in ("/a", "/b", "/c"):
            assert fetch.fetch(client, server.url(path), pol).body == BODY
    assert [number for number, _ in server.requests] == [1, 1, 1]


def test_a_connection_closed_as_it_is_reused_is_replaced_at_once_not_retried(keep_alive) -> None:
    # Each connection answers once and is closed when the second request comes.
    # With no retries allowed (and a 30 s backoff), only a new connection asked
    # at once can answer the second fetch in time.
    server = keep_alive(answers=1)
    pol = allowing(server)
    with fetch.session(pol) as client:
        assert fetch.fetch(client, server.url("/a"), pol).status == 200
        assert fetch.fetch(client, server.url("/b"), pol).status == 200
    assert [number for number, _ in server.requests] == [1, 2]


def test_a_fresh_connection_closed_without_an_answer_is_a_connection_failure(keep_alive) -> None:
    server = keep_alive(answers=0)
    pol = allowing(server)
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, server.url("/a"), pol)
    assert info.value.kind == "connect" and "closed connection without response" in info.value.message


def test_an_idle_connection_the_server_closed_is_seen_closed_and_not_reused(keep_alive) -> None:
    live, closing = keep_alive(), keep_alive()
    closing.hang_up = True
    pol = allowing(live, closing)
    with fetch.session(pol) as client:
        for server in (live, closing):
            fetch.fetch(client, server.url("/a"), pol)
        assert closing.hung_up.wait(5)
        fetch.fetch(client, closing.url("/b"), pol)
        fetch.fetch(client, live.url("/b"), pol)
    assert [number for number, _ in closing.requests] == [1, 2]
    assert [number for number, _ in live.requests] == [1, 1]


def test_a_connection_with_bytes_nobody_asked_for_is_not_reused(keep_alive) -> None:
    # After its answer the server sends a second one unasked: read as the answer
    # to the next request, it would give that URL another page.
    server = keep_alive()
    server.later = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot yours"
    pol = allowing(server)
    with fetch.session(pol) as client:
        assert fetch.fetch(client, server.url("/a"), pol).body == BODY
        assert server.sent_later.wait(5)  # the stray answer is there before the next request goes
        assert fetch.fetch(client, server.url("/b"), pol).body == BODY
    assert [number for number, _ in server.requests] == [1, 2]


def test_informational_answers_are_read_past_to_the_final_one(keep_alive) -> None:
    hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
    final = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
    server = keep_alive(answer=hints + hints + final)
    pol = allowing(server)
    with fetch.session(pol) as client:
        for path in ("/a", "/b"):
            page = fetch.fetch(client, server.url(path), pol)
            assert page.status == 200 and page.body == BODY
    assert [number for number, _ in server.requests] == [1, 1]


def test_idle_connections_are_kept_for_a_bounded_number_of_hosts(keep_alive, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "HOSTS_KEPT", 2)
    servers = [keep_alive() for _ in range(3)]
    pol = allowing(*servers)
    with fetch.session(pol) as client:
        for server in servers:
            fetch.fetch(client, server.url("/"), pol)
        # The third host's connection pushed out the first's, which is closed.
        assert servers[0].closed.wait(5)
        assert not servers[1].closed.is_set() and not servers[2].closed.is_set()
        fetch.fetch(client, servers[0].url("/again"), pol)
    assert servers[0].connections == 2 and servers[1].connections == 1


def _chunked(*pieces: bytes, end: bool = True) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
    return head + body + (b"0\r\n\r\n" if end else b"")


@pytest.mark.parametrize(
    ("answer", "connections"),
    [
        (_chunked(BODY[:20], BODY[20:]), [1, 1]),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + BODY, [1, 2]),
    ],
    ids=["chunked, kept", "ended by closing, not kept"],
)
def test_an_answer_is_read_whole_and_its_connection_kept_unless_it_ends_with_it(
    keep_alive, answer: bytes, connections: list[int]
) -> None:
    server = keep_alive(answer=answer)
    pol = allowing(server)
    with fetch.session(pol) as client:
        assert fetch.fetch(client, server.url("/a"), pol).body == BODY
        assert fetch.fetch(client, server.url("/b"), pol).body == BODY
    assert [number for number, _ in server.requests] == connections


@pytest.mark.parametrize(
    ("answer", "hang_up", "said"),
    [
        # A chunked body without its last chunk.
        (
            _chunked(BODY[:20], end=False).replace(b"chunked\r\n", b"chunked\r\nConnection: close\r\n"),
            False,
            "broke off",
        ),
        # The server closes after half the body it announced: that is no page, and nothing to cache.
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n" + BODY[:50], True, "broke off"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\nokay", False, "Content-Length"),
    ],
    ids=["chunked, cut short", "shorter than its length", "two lengths"],
)
def test_a_broken_answer_is_a_protocol_error_never_a_page(keep_alive, answer: bytes, hang_up: bool, said: str) -> None:
    server = keep_alive(answer=answer)
    server.hang_up = hang_up
    pol = allowing(server)
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, server.url("/a"), pol)
    assert info.value.kind == "protocol" and said in info.value.message


# --- what goes on the wire ----------------------------------------------------------------


def test_a_path_that_is_not_ascii_is_sent_percent_encoded_as_utf8(keep_alive) -> None:
    server = keep_alive()
    pol = allowing(server)
    with fetch.session(pol) as client:
        fetch.fetch(client, server.url("/café/a%20b?q=naïve test"), pol)
    request_line = server.requests[0][1].split(b"\r\n", 1)[0]
    assert request_line == b"GET /caf%C3%A9/a%20b?q=na%C3%AFve%20test HTTP/1.1"


def test_an_internationalised_host_is_resolved_and_named_in_its_punycode_form(keep_alive) -> None:
    server = keep_alive()
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    pol = allowing(server, resolver=resolver)
    with fetch.session(pol) as client:
        page = fetch.fetch(client, f"http://bücher.test:{server.port}/", pol)
    assert page.status == 200
    assert asked == ["xn--bcher-kva.test"]
    assert f"Host: xn--bcher-kva.test:{server.port}".encode() in server.requests[0][1]


def test_an_ipv6_address_is_connected_to_and_named_in_brackets(keep_alive) -> None:
    try:
        server = keep_alive(host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    pol = fetch.Policy(timeout=2, retries=0, allow_hosts=frozenset({("::1", server.port)}))
    with fetch.session(pol) as client:
        assert fetch.fetch(client, server.url("/six"), pol).body == BODY
    assert f"Host: [::1]:{server.port}".encode() in server.requests[0][1]


def test_the_request_carries_our_headers_and_nothing_else(keep_alive) -> None:
    server = keep_alive()
    pol = allowing(server)
    with fetch.session(pol) as client:
        fetch.fetch(client, server.url("/"), pol, (server.url("/"), {"If-None-Match": '"v1"'}))
    lines = server.requests[0][1].decode().split("\r\n")[1:]
    names = sorted(line.split(":", 1)[0].lower() for line in lines)
    assert names == ["accept", "accept-encoding", "host", "if-none-match", "user-agent"]
    assert f"User-Agent: {fetch.USER_AGENT}" in lines and f"Accept-Encoding: {', '.join(fetch.ENCODINGS)}" in lines


# --- TLS ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A certificate authority, and a certificate it signed for 127.0.0.1 and localhost; as PEM files."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("tls")
    now = dt.datetime.now(dt.UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def certificate(subject: str, key, issuer: str, signer, extensions) -> x509.Certificate:  # type: ignore[no-untyped-def]
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name(issuer))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
        )
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate(
        "factcheck test CA",
        ca_key,
        "factcheck test CA",
        ca_key,
        [
            (x509.BasicConstraints(ca=True, path_length=None), True),
            (x509.KeyUsage(False, False, False, False, False, True, True, False, False), True),
        ],
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate(
        "localhost",
        key,
        "factcheck test CA",
        ca_key,
        [
            (
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                False,
            ),
            (x509.BasicConstraints(ca=False, path_length=None), True),
        ],
    )
    pem = serialization.Encoding.PEM
    paths = {"ca": folder / "ca.pem", "cert": folder / "cert.pem", "key": folder / "key.pem"}
    paths["ca"].write_bytes(ca.public_bytes(pem))
    paths["cert"].write_bytes(leaf.public_bytes(pem))
    paths["key"].write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


@pytest.fixture
def tls_server(certificates: dict[str, Path]) -> Iterator[http.server.ThreadingHTTPServer]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            # The handshake happens here, in this connection's own thread: done in accept, it
            # would hold the accepting thread (and so shutdown) as long as a client stays silent.
            self.request.do_handshake()
            super().setup()

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(BODY)))
            self.send_header("X-Host-Seen", self.headers.get("Host", ""))
            self.end_headers()
            self.wfile.write(BODY)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificates["cert"], certificates["key"])
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    with serving(server):
        yield server


@pytest.fixture(autouse=True)
def no_ambient_certificates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates are checked against certifi's bundle unless a test names one."""
    for name in transport.CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def trusting(
    certificates: dict[str, Path], monkeypatch: pytest.MonkeyPatch, variable: str = "REQUESTS_CA_BUNDLE"
) -> None:
    """Make the client trust the test authority, as a user does: by naming its bundle in the environment."""
    monkeypatch.setenv(variable, str(certificates["ca"]))


def tls_policy(port: int) -> fetch.Policy:
    return fetch.Policy(timeout=2, retries=0, allow_hosts=frozenset({("127.0.0.1", port), ("localhost", port)}))


@pytest.mark.parametrize("variable", transport.CA_VARIABLES)
def test_a_certificate_authority_named_in_the_environment_is_trusted(
    tls_server, certificates, monkeypatch, variable: str
) -> None:
    port = tls_server.server_address[1]
    pol = tls_policy(port)
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, f"https://127.0.0.1:{port}/page", pol)
    assert info.value.kind == "tls" and "certificate verify failed" in info.value.message
    trusting(certificates, monkeypatch, variable)
    with fetch.session(pol) as client:
        page = fetch.fetch(client, f"https://127.0.0.1:{port}/page", pol)
        again = fetch.fetch(client, f"https://127.0.0.1:{port}/again", pol)
    assert page.status == 200 and page.body == BODY and again.body == BODY


def test_a_certificate_no_trusted_authority_signed_is_a_tls_error(tls_server) -> None:
    port = tls_server.server_address[1]
    pol = tls_policy(port)
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, f"https://127.0.0.1:{port}/page", pol)
    assert info.value.kind == "tls" and "certificate verify failed" in info.value.message


def test_a_certificate_for_another_name_is_a_tls_error(tls_server, certificates, monkeypatch) -> None:
    trusting(certificates, monkeypatch)
    port = tls_server.server_address[1]

    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    pol = fetch.Policy(timeout=2, retries=0, allow_private=True, resolver=resolver)
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, f"https://elsewhere.test:{port}/page", pol)
    assert info.value.kind == "tls" and "elsewhere.test" in info.value.message


def test_a_client_that_never_starts_its_handshake_holds_up_no_other(tls_server, certificates, monkeypatch) -> None:
    trusting(certificates, monkeypatch)
    port = tls_server.server_address[1]
    pol = tls_policy(port)
    with socket.create_connection(("127.0.0.1", port)):  # connected, and silent
        with fetch.session(pol) as client:
            assert fetch.fetch(client, f"https://127.0.0.1:{port}/page", pol).body == BODY


def test_https_to_a_server_that_speaks_plain_http_is_a_tls_error() -> None:
    def answer(conn: socket.socket) -> None:  # as a plain HTTP server answers a TLS greeting: 400, and close
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    plain = Acceptor(answer)
    pol = fetch.Policy(timeout=2, retries=0, allow_hosts=frozenset({("127.0.0.1", plain.port)}))
    try:
        with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
            fetch.fetch(client, f"https://127.0.0.1:{plain.port}/", pol)
    finally:
        plain.close()
    assert info.value.kind == "tls"


# --- proxies ------------------------------------------------------------------------------

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class ForwardProxy:
    """A small HTTP proxy on 127.0.0.1: it forwards GETs named by absolute URL and tunnels CONNECT.

    It records the first line of every request it is asked, and looks names up
    in ``names`` (its own stand-in DNS), so nothing leaves the machine.
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.asked: list[str] = []
        self.refuse_tunnels = False  # answer CONNECT with 403, as a proxy that tunnels only to names does
        self.acceptor = Acceptor(self._one)
        self.url = f"http://127.0.0.1:{self.acceptor.port}"

    def _one(self, conn: socket.socket) -> None:
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            line, _, rest = head.partition(b"\r\n")
            method, target, _ = line.decode().split(" ")
            self.asked.append(f"{method} {target}")
            if method == "CONNECT" and self.refuse_tunnels:
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                with socket.create_connection((self.names.get(host, host), int(port))) as upstream:
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    self._pipe(conn, upstream)
                return
            parts = urlsplit(target)
            with socket.create_connection((self.names.get(parts.hostname or "", ""), parts.port or 80)) as upstream:
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                upstream.sendall(
                    f"GET {path} HTTP/1.1\r\n".encode() + rest.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
                )
                while chunk := upstream.recv(65536):
                    conn.sendall(chunk)

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        def copy(source: socket.socket, sink: socket.socket) -> None:
            try:
                while chunk := source.recv(65536):
                    sink.sendall(chunk)
            except OSError:
                pass
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        other = threading.Thread(target=copy, args=(b, a), daemon=True)
        other.start()
        copy(a, b)
        other.join(5)

    def close(self) -> None:
        self.acceptor.close()


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ForwardProxy]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    started = ForwardProxy({"news.test": "127.0.0.1", "localhost": "127.0.0.1"})
    yield started
    started.close()


def named(*hosts: tuple[str, int], **changes: object) -> fetch.Policy:
    """A policy for names a stand-in resolver answers: those allowed on 127.0.0.1, and intranet.test on 10.0.0.7."""

    def resolver(host: str, port: int) -> list[str]:
        return ["10.0.0.7"] if host == "intranet.test" else ["127.0.0.1"]

    settings: dict[str, object] = {"timeout": 2.0, "retries": 0, "resolver": resolver}
    settings.update(changes)
    return fetch.Policy(allow_hosts=frozenset(hosts), **settings)  # type: ignore[arg-type]


def test_a_fetch_goes_through_the_proxy_the_environment_names(keep_alive, proxy, monkeypatch) -> None:
    server = keep_alive()
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    pol = named(("news.test", server.port))
    with fetch.session(pol) as client:
        page = fetch.fetch(client, f"http://news.test:{server.port}/story?id=1", pol)
    assert page.status == 200 and page.body == BODY
    # The proxy was asked by name (it sets Host from it); the guard had checked the name first.
    assert proxy.asked == [f"GET http://news.test:{server.port}/story?id=1"]
    assert server.requests[0][1].startswith(b"GET /story?id=1 HTTP/1.1")


def test_a_host_in_no_proxy_is_fetched_directly(keep_alive, proxy, monkeypatch) -> None:
    server = keep_alive()
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "direct.test")
    pol = named(("direct.test", server.port), ("news.test", server.port))
    with fetch.session(pol) as client:
        assert fetch.fetch(client, f"http://direct.test:{server.port}/a", pol).body == BODY
        assert fetch.fetch(client, f"http://news.test:{server.port}/b", pol).body == BODY
    assert proxy.asked == [f"GET http://news.test:{server.port}/b"]
    assert len(server.requests) == 2


def test_through_a_proxy_https_is_tunnelled_to_the_checked_address(
    tls_server, certificates, proxy, monkeypatch
) -> None:
    port = tls_server.server_address[1]
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    trusting(certificates, monkeypatch)
    pol = named(("localhost", port))
    with fetch.session(pol) as client:
        page = fetch.fetch(client, f"https://localhost:{port}/page", pol)
    assert page.status == 200 and page.body == BODY
    # Asked for the address the guard checked, never a name it would look up again;
    # the certificate was still checked against the name.
    assert proxy.asked == [f"CONNECT 127.0.0.1:{port}"]


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_through_a_proxy_a_refused_address_is_refused_before_the_proxy_is_asked(
    proxy, monkeypatch, scheme: str
) -> None:
    monkeypatch.setenv(f"{scheme.upper()}_PROXY", proxy.url)
    pol = named()
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, f"{scheme}://intranet.test/", pol)
    assert info.value.kind == "refused" and "10.0.0.7, which is a private address" in info.value.message
    assert proxy.asked == []


def test_a_proxy_that_refuses_the_tunnel_is_a_connection_error_naming_the_proxy(proxy, monkeypatch) -> None:
    proxy.refuse_tunnels = True
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    pol = named(("localhost", 443))
    with fetch.session(pol) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, "https://localhost/page", pol)
    assert info.value.kind == "proxy"
    assert info.value.message.startswith("the proxy failed") and "403" in info.value.message
    assert proxy.asked == ["CONNECT 127.0.0.1:443"]
