"""The test servers' own helpers: no client can keep one from stopping.

The race they guard against: the serving loop is told a connection waits, and
before it accepts, another accepter (a thread, or a forked process sharing the
listener) takes it, or the client is gone; a blocking ``accept()`` then waits
for ever, and so does the teardown that stops the server.
"""

from __future__ import annotations

import contextlib
import http.server
import select
import socket
import struct
import threading

import pytest
import requests

import loopback
from loopback import Acceptor, LoopbackHTTPServer, ServerDidNotStop, serving


class _Thief:
    """A second accepter on ``listener``: until ``done()``, it takes any connection it gets to first."""

    def __init__(self, listener: socket.socket) -> None:
        self.listener = listener
        self.taken: list[socket.socket] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._steal, daemon=True)
        self._thread.start()

    def _steal(self) -> None:
        while True:
            last = self._done.is_set()
            ready, _, _ = select.select([self.listener], [], [], 0.01)
            if ready:
                try:
                    self.taken.append(self.listener.accept()[0])
                except OSError:
                    pass  # the server took it first
            if last:
                return

    def done(self) -> None:
        self._done.set()
        self._thread.join(5)
        for conn in self.taken:
            conn.close()


def _connect_and_vanish(port: int) -> None:
    """Connect, then close with a reset, before anyone had time to accept."""
    client = socket.create_connection(("127.0.0.1", port))
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


@pytest.mark.parametrize("round_", range(20))  # a race: each round is one more chance to lose it
def test_a_connection_taken_by_another_accepter_never_holds_the_http_server(round_: int) -> None:
    server = LoopbackHTTPServer()
    server.start()
    assert server.server is not None
    thief = _Thief(server.server.socket)
    for _ in range(5):
        _connect_and_vanish(server.port)
    thief.done()
    server.stop()  # ServerDidNotStop, not a hang, if the serving loop were stuck in accept()
    assert not server.is_running()


def test_the_http_server_still_answers_after_a_client_vanished() -> None:
    server = LoopbackHTTPServer()
    server.start()
    try:
        server.expect_request("/page").respond_with_data("the page")
        _connect_and_vanish(server.port)
        assert requests.get(server.url_for("/page"), timeout=5).text == "the page"
    finally:
        server.stop()


@pytest.mark.parametrize("round_", range(20))  # a race: each round is one more chance to lose it
def test_a_connection_taken_by_another_accepter_never_holds_the_accept_loop(round_: int) -> None:
    def answer(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):  # the client reset the connection: that is the point
            conn.recv(10)

    acceptor = Acceptor(answer)
    thief = _Thief(acceptor.listener)
    for _ in range(5):
        _connect_and_vanish(acceptor.port)
    thief.done()
    acceptor.close()
    assert acceptor.listener.fileno() == -1


def test_a_socketserver_stops_with_a_silent_client_still_connected() -> None:
    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)) as server:
        port = server.server_address[1]
        silent = socket.create_connection(("127.0.0.1", port))
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 204
    silent.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_a_server_that_cannot_stop_fails_the_teardown_instead_of_hanging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loopback, "STOP_WITHIN", 0.2)
    holding, release = threading.Event(), threading.Event()

    def hold(conn: socket.socket) -> None:
        holding.set()
        release.wait()

    # Not threaded: the handler holds the accepting thread itself, as a blocked accept() would.
    acceptor = Acceptor(hold, threaded=False)
    client = socket.create_connection(("127.0.0.1", acceptor.port))
    try:
        assert holding.wait(5), "the connection was never accepted"
        with pytest.raises(ServerDidNotStop, match=f"port {acceptor.port}"):
            acceptor.close()
    finally:
        release.set()
        client.close()
