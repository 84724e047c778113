"""Fetching many URLs while worker processes read the pages: a worker that dies ends the run, never hangs it."""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.net import schedule
from factcheck.net.cache import WebCache
from factcheck.net.fetch import Policy
from factcheck.net.probe import Fetched
from factcheck.net.transport import Get

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
        # Loaded while the fetch threads await their answers, which take their turns promptly meanwhile.
        prepared.append("loaded" if sys.getswitchinterval() <= schedule.LOADING_SWITCH_INTERVAL else "slowly")
        loaded.set()

    def read_and_remember(item: tuple[Fetched, str]) -> int:
        remember(cache, read_page(item[0])[0])
        return length(item)

    interval = sys.getswitchinterval()

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
    for thread in threading.enumerate():
        if thread.name == "prepare":
            thread.join(10)
    assert sys.getswitchinterval() == interval  # put back as it was
    loaded.clear()
    # Every page fresh in the cache: no request, and nothing loaded for reading (which would be on its way by now).
    assert run(fresh_seconds=3600) == sorted((url, True) for url in urls)
    assert not loaded.wait(0.5) and len(server.log) == len(urls)
    # Every page asked for again, with its validator: each is current (304), and nothing is loaded either.
    assert run(fresh_seconds=0) == sorted((url, True) for url in urls)
    assert [response.status_code for _, response in server.log[len(urls) :]] == [304] * len(urls)
    assert not loaded.wait(0.5) and prepared == ["loaded"]


class HeldAnswers:
    """A stand-in HTTP client whose answers wait until released; it notes whether ``first`` had run by each request."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []
        self.first_called = False
        self.released = threading.Event()

    def first(self) -> None:
        self.first_called = True

    def send_get(self, get: Get) -> str:
        self.calls.append((get.url, self.first_called))
        assert self.released.wait(30)
        return "answer"

    def ask(self, client: schedule._Client, url: str, headers: dict[str, str] | None = None) -> threading.Thread:
        """Send ``url`` from a thread of its own, as a fetch thread does; return once it reached the client."""
        before = len(self.calls)
        get = Get(url, headers or {}, requests.cookies.RequestsCookieJar(), (1.0, 1.0))
        thread = threading.Thread(target=client.send_get, args=(get,))
        thread.start()
        for _ in range(3000):
            if len(self.calls) > before:
                return thread
            threading.Event().wait(0.01)
        raise AssertionError(f"{url} never reached the client")


def client_for(answers: HeldAnswers, wave: int) -> schedule._Client:
    client = schedule._Client(Policy(), answers.first, wave=wave)
    client.client = answers  # type: ignore[assignment]
    return client


def test_what_reading_needs_is_loaded_as_the_last_request_of_the_first_wave_goes_out() -> None:
    # Four fetch threads: the loading takes the interpreter from none of the first three as they
    # connect and send; the fourth starts it.
    answers = HeldAnswers()
    client = client_for(answers, wave=4)
    threads = [answers.ask(client, f"http://a.example/{n}") for n in range(4)]
    answers.released.set()
    for thread in threads:
        thread.join()
    assert answers.calls == [(f"http://a.example/{n}", n == 3) for n in range(4)]


def test_what_reading_needs_is_loaded_by_the_first_answer_when_the_wave_is_smaller() -> None:
    # Four fetch threads, but only one page the cache has no copy of: its answer starts the loading.
    answers = HeldAnswers()
    client = client_for(answers, wave=4)
    conditional = [answers.ask(client, f"http://a.example/{n}", {"If-None-Match": '"v1"'}) for n in range(3)]
    asked = answers.ask(client, "http://a.example/new")
    assert not answers.first_called
    answers.released.set()
    for thread in [*conditional, asked]:
        thread.join()
    assert answers.first_called


def test_answers_to_conditional_requests_load_nothing() -> None:
    answers = HeldAnswers()
    client = client_for(answers, wave=1)
    answers.released.set()
    answers.ask(client, "http://a.example/1", {"If-Modified-Since": "Mon, 07 Dec 2026 05:00:00 GMT"}).join()
    assert not answers.first_called


def test_the_switch_interval_is_put_back_after_the_last_of_overlapping_loads() -> None:
    interval = sys.getswitchinterval()
    first_in, second_in, go_on = threading.Event(), threading.Event(), threading.Event()

    def loading(entered: threading.Event) -> None:
        entered.set()
        assert go_on.wait(30)

    first = threading.Thread(target=schedule._load_promptly, args=(functools.partial(loading, first_in),))
    first.start()
    assert first_in.wait(30)
    second = threading.Thread(target=schedule._load_promptly, args=(functools.partial(loading, second_in),))
    second.start()
    assert second_in.wait(30)
    assert sys.getswitchinterval() == schedule.LOADING_SWITCH_INTERVAL
    go_on.set()
    first.join()
    second.join()
    assert sys.getswitchinterval() == interval


def slow_page(request: Request) -> Response:
    """A page answered after 20 ms, as a server a little way off answers."""
    threading.Event().wait(0.02)
    return Response("<p>a page</p>", content_type="text/html")


def test_reading_steps_aside_after_each_page_while_fetching_goes_on(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading here keeps up with two fetch threads: after each page read while some URLs are
    # still to come, the fetch threads are let in; once every URL is fetched, no more.
    server.expect_request(re.compile(r"^/page/\d+$")).respond_with_handler(slow_page)
    urls = [server.url_for(f"/page/{n}") for n in range(8)]
    policy = Policy(timeout=2, retries=0, allow_hosts=frozenset({("127.0.0.1", server.port)}))
    got: list[str] = []
    asides: list[int] = []
    monkeypatch.setattr(schedule, "_step_aside", lambda: asides.append(len(got)))
    schedule.probe_all(
        urls,
        policy,
        length,
        lambda fetched, result: got.append(fetched.url),
        to_read=lambda fetched: "read it",
        cache=WebCache(tmp_path / "web"),
        jobs=2,
        processes=1,
    )
    assert sorted(got) == sorted(urls)
    assert asides  # the first page is read while six are still to be asked for
    assert all(read < len(urls) for read in asides)  # and never once the last is in
