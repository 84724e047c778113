"""Fetching many URLs while worker processes read the pages: a worker that dies ends the run, never hangs it."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.net import schedule
from factcheck.net.cache import WebCache
from factcheck.net.fetch import Policy
from factcheck.net.probe import Fetched

PAGES = schedule.PROCESS_MIN_PAGES + 6  # enough to be read in worker processes


def read_or_die(item: tuple[Fetched, str]) -> int:
    """A page's length; page 7 makes the worker reading it end at once, as one the system kills would."""
    fetched, _ = item
    if fetched.url.endswith("/page/7"):
        os._exit(9)
    return len(fetched.body)


def length(item: tuple[Fetched, str]) -> int:
    return len(item[0].body)


def fail_to_start() -> None:
    raise RuntimeError("the readers cannot be loaded")


def probe(server: HTTPServer, tmp_path: Path, work: Any, prepare: Any = None) -> list[int | None]:
    server.expect_request(re.compile(r"^/page/\d+$")).respond_with_data("<p>a page</p>", content_type="text/html")
    urls = [server.url_for(f"/page/{n}") for n in range(PAGES)]
    policy = Policy(timeout=2, retries=0, allow_hosts=frozenset({("127.0.0.1", server.port)}))
    got: list[int | None] = []
    schedule.probe_all(
        urls,
        policy,
        work,
        lambda fetched, result: got.append(result),
        to_read=lambda fetched: "read it",
        prepare=prepare,
        cache=WebCache(tmp_path / "web"),
        jobs=4,
        processes=2,
    )
    return got


def test_pages_are_read_in_worker_processes(server: HTTPServer, tmp_path: Path) -> None:
    assert probe(server, tmp_path, length) == [len("<p>a page</p>")] * PAGES


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
def test_a_worker_that_dies_ends_the_run_with_an_error(server: HTTPServer, tmp_path: Path) -> None:
    # The pool replaces the dead worker but never answers its page: waiting for it would never end.
    with pytest.raises(schedule.ReaderLost) as info:
        probe(server, tmp_path, read_or_die)
    assert "exit code 9" in info.value.message
    assert info.value.exit_code == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
def test_workers_that_cannot_start_end_the_run_with_an_error(server: HTTPServer, tmp_path: Path) -> None:
    # Each worker fails as it starts, and the pool starts another, for ever: no page is ever read.
    with pytest.raises(schedule.ReaderLost) as info:
        probe(server, tmp_path, length, prepare=fail_to_start)
    assert "exit code 1" in info.value.message


def page_with_etag(request: Request) -> Response:
    """A page with a validator, answered 304 when asked with it."""
    if request.headers.get("If-None-Match") == '"v1"':
        return Response(status=304, headers={"ETag": '"v1"'})
    return Response("<p>a page</p>", content_type="text/html", headers={"ETag": '"v1"'})


def test_what_reading_needs_is_loaded_by_the_first_page_the_cache_has_no_copy_of(
    server: HTTPServer, tmp_path: Path
) -> None:
    from factcheck.net.probe import read_page, remember

    server.expect_request(re.compile(r"^/page/\d+$")).respond_with_handler(page_with_etag)
    urls = [server.url_for(f"/page/{n}") for n in range(8)]
    policy = Policy(timeout=2, retries=0, allow_hosts=frozenset({("127.0.0.1", server.port)}))
    cache = WebCache(tmp_path / "web")
    prepared: list[str] = []
    loaded = threading.Event()

    def prepare() -> None:
        prepared.append("loaded")
        loaded.set()

    def read_and_remember(item: tuple[Fetched, str]) -> int:
        remember(cache, read_page(item[0])[0])
        return length(item)

    def run(fresh_seconds: float) -> list[tuple[str, bool]]:
        got: list[tuple[str, bool]] = []
        schedule.probe_all(
            urls,
            policy,
            read_and_remember,
            lambda fetched, result: got.append((fetched.url, fetched.from_cache)),
            to_read=lambda fetched: None if fetched.from_cache else "read it",
            prepare=prepare,
            cache=cache,
            jobs=4,
            fresh_seconds=fresh_seconds,
            processes=1,
        )
        return sorted(got)

    assert run(fresh_seconds=0) == sorted((url, False) for url in urls)
    assert loaded.wait(10)  # on a thread of its own, started by the first request
    assert prepared == ["loaded"] and len(server.log) == len(urls)  # once, for the 4 fetch threads
    loaded.clear()
    # Every page fresh in the cache: no request, and nothing loaded for reading (which would be on its way by now).
    assert run(fresh_seconds=3600) == sorted((url, True) for url in urls)
    assert not loaded.wait(0.5) and len(server.log) == len(urls)
    # Every page asked for again, with its validator: each is current (304), and nothing is loaded either.
    assert run(fresh_seconds=0) == sorted((url, True) for url in urls)
    assert [response.status_code for _, response in server.log[len(urls) :]] == [304] * len(urls)
    assert not loaded.wait(0.5) and prepared == ["loaded"]
