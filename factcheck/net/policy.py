"""How a fetch is made and how it fails, as data: what a run is told and reports without loading an HTTP client.

``Policy`` holds the limits every fetch keeps (``net.fetch`` enforces them)
and ``FetchError`` says why a URL could not be had.  They live apart from
``net.fetch`` so that a command can be set up, and a run served wholly from
the cache, without importing requests and urllib3: ``net.fetch`` loads them,
and is loaded by the first fetch that goes to the network.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from factcheck.model import defaults

MAX_RETRY_AFTER = 30.0
MAX_REDIRECTS = 10


class KindError(Exception):
    """A failure of one of a module's kinds, with the message a person reads."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


#: Failures that come before a request goes out: a URL or an address our rules refuse, a name with no address
#: (``dns``), a name not resolved for now (``dns-temporary``: no resolver answered).
UNASKED = frozenset({"bad-url", "refused", "dns", "dns-temporary"})
#: Failures in which no server was heard from: from every host of a run at once, the desk's own network failed.
UNANSWERED = frozenset({"dns", "dns-temporary", "connect", "timeout"})


class FetchError(KindError):
    """A URL could not be fetched; ``kind`` is one of the kinds ``net.probe`` tells a source by.

    ``requested`` says whether any request went out: not for a failure of the
    ``UNASKED`` kinds on the first hop (``net.fetch`` says so of a later hop);
    ``answered`` whether any server answered (a hop before, or this one's head).
    """

    def __init__(self, kind: str, message: str, final_url: str | None = None) -> None:
        super().__init__(kind, message)
        self.final_url = final_url
        self.requested = kind not in UNASKED
        self.answered = False


@dataclass(frozen=True)
class Policy:
    """How to fetch: limits, retries and which non-public addresses may be reached."""

    timeout: float = defaults.TIMEOUT  # for connecting, and for each wait on the server
    retries: int = defaults.RETRIES
    backoff: float = defaults.BACKOFF  # the first wait; doubled for each further retry
    max_retry_after: float = MAX_RETRY_AFTER
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = int(defaults.MAX_SIZE_MB * 1024 * 1024)
    allow_private: bool = False
    allow_hosts: frozenset[tuple[str, int]] = frozenset()
    per_host: int = defaults.PER_HOST  # connections kept open to one host
    # Resolves (host, port) to IP address strings; socket.getaddrinfo unless given.
    resolver: Callable[[str, int], list[str]] | None = field(default=None, compare=False)
    total: float | None = None  # seconds one fetch may take in all; None: max(60, 6 x timeout)
    # The clock waits are measured on, and how to wait: time's unless given (tests give their own).
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @property
    def deadline(self) -> float:
        """Seconds one fetch may take in all: connecting, headers, body, hops and retries."""
        return self.total if self.total is not None else max(60.0, 6 * self.timeout)
