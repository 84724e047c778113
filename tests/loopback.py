"""Test servers on 127.0.0.1 that start and stop whatever their clients do.

Every server here accepts on a non-blocking listening socket, so a client that
connects and goes away before it is accepted, or a connection another thread
or process took first, costs one ``BlockingIOError`` instead of an ``accept()``
that waits for ever; and every stop is bounded: a server thread that has not
ended within ``STOP_WITHIN`` seconds fails the teardown with its port named,
rather than holding the run until pytest-timeout ends it.

- ``LoopbackHTTPServer``: pytest-httpserver's server (werkzeug), threaded.
- ``serving(server)``: runs any ``socketserver`` server (``http.server`` and
  TLS-wrapped ones) in a thread for the length of a ``with`` block.
- ``Acceptor``: the accept loop of a hand-written raw socket server, handing
  each connection to a callback.
"""

from __future__ import annotations

import selectors
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from pytest_httpserver import HTTPServer

STOP_WITHIN = 10.0  # seconds a server thread has to end: generous for a loaded machine, but never for ever
POLL = 0.05  # how often an accept loop looks at its stop flag

ServerT = TypeVar("ServerT", bound=socketserver.BaseServer)


class ServerDidNotStop(RuntimeError):
    """A test server's thread was still running ``STOP_WITHIN`` seconds after it was told to stop."""


def _join(thread: threading.Thread, what: str) -> None:
    thread.join(STOP_WITHIN)
    if thread.is_alive():
        raise ServerDidNotStop(f"{what} did not stop within {STOP_WITHIN:g} s")


def _stop_socketserver(server: socketserver.BaseServer, thread: threading.Thread, what: str) -> None:
    # shutdown() waits, without a bound, for serve_forever to notice; it is asked from a thread of
    # its own so that the wait here is the bounded join, whatever the serving thread is doing.
    threading.Thread(target=server.shutdown, daemon=True).start()
    try:
        _join(thread, what)
    finally:
        server.server_close()


class LoopbackHTTPServer(HTTPServer):
    """pytest-httpserver's threaded server on 127.0.0.1, on a free port, that cannot hang its stop."""

    def __init__(self) -> None:
        super().__init__(host="127.0.0.1", port=0, threaded=True)

    def thread_target(self) -> None:
        """Serve until stopped, never blocking in ``accept()``."""
        assert self.server is not None
        # Done here, in the serving thread before its loop starts, so no connection can come first.
        self.server.socket.setblocking(False)
        self.server.serve_forever(poll_interval=POLL)

    def stop(self) -> None:
        """Stop serving; fails with ``ServerDidNotStop`` rather than waiting for ever."""
        assert self.server is not None and self.server_thread is not None
        try:
            _stop_socketserver(self.server, self.server_thread, f"the test server on 127.0.0.1:{self.port}")
        finally:
            # Cleared only now: the serving thread reads self.server when it starts.
            self.server = None
            self.server_thread = None


@contextmanager
def serving(server: ServerT) -> Iterator[ServerT]:
    """Run a ``socketserver`` server in a daemon thread for the ``with`` block, then stop it, bounded.

    A TLS server should wrap its socket with ``do_handshake_on_connect=False`` and
    shake hands in its handler: done in ``accept()``, the handshake would hold the
    accepting thread for as long as a client stays silent.
    """
    if isinstance(server, socketserver.ThreadingMixIn):
        server.daemon_threads = True  # a connection left open never holds server_close()
    server.socket.setblocking(False)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(POLL,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        address = server.server_address
        _stop_socketserver(server, thread, f"the test server on {address!r}")


class Acceptor:
    """Accepts connections on ``host`` (a free port) in a daemon thread and hands each to ``handle``.

    ``handle`` gets a blocking connection, in a daemon thread of its own when
    ``threaded`` (a handler that waits on its client cannot then hold the
    accepting), else in the accepting thread, in the order the connections came.
    ``close()`` stops accepting within ``POLL`` seconds and closes the listener.
    """

    def __init__(self, handle: Callable[[socket.socket], None], host: str = "127.0.0.1", threaded: bool = True) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.listener = socket.create_server((host, 0), family=family)
        self.listener.setblocking(False)
        self.port: int = self.listener.getsockname()[1]
        self._handle = handle
        self._threaded = threaded
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self.listener, selectors.EVENT_READ)
            while not self._stopped.is_set():
                if not selector.select(POLL):
                    continue
                try:
                    conn, _ = self.listener.accept()
                except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                    continue  # gone before we got to it, or taken by someone else
                except OSError:
                    return  # the listener was closed
                conn.setblocking(True)
                if self._threaded:
                    threading.Thread(target=self._handle, args=(conn,), daemon=True).start()
                else:
                    self._handle(conn)

    def close(self) -> None:
        """Stop accepting and close the listener; connections already handed out are their handlers'."""
        self._stopped.set()
        try:
            _join(self._thread, f"the accept loop on port {self.port}")
        finally:
            self.listener.close()
