"""A run in which no server answers: the desk's own network failed, and no source's count of failures moves.

"No network" is made at the seam factcheck resolves names through (``net.fetch._resolve``), the way an
offline machine's resolver fails, so no lookup leaves the machine; "every host refuses or times out" with
closed and silent ports on 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_verify import OPENED, backdate, claims, saved, serve

from factcheck.net import fetch

from conftest import make_claim, make_source

NOTE = "no source could be reached: no server answered, so this machine's network is taken to be down"


def resolver_failing(code: int, message: str):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        raise socket.gaierror(code, message)

    return resolve


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no network: every name lookup fails for now, as a resolver that cannot be reached makes it."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(fetch, "_resolve", resolver_failing(socket.EAI_AGAIN, "Temporary failure in name resolution"))


def closed_port() -> int:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return closed.getsockname()[1]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that takes connections (the kernel's backlog) and never answers."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
        yield listening.getsockname()[1]


def checked(url: str, outcome: str = "supported") -> dict:
    """A source as a run three days ago left it: the evidence found."""
    check = {"at": "2026-01-05T10:00:00Z", "outcome": outcome, "http_status": 200, "failures": 0}
    return make_source(url, "opened in March 2020", last_check=check)


def verify_all(run, path: Path, *ports: int, timeout: str = "2", fmt: str = "text"):  # type: ignore[no-untyped-def]
    allowed = [arg for port in ports for arg in ("--allow-host", f"127.0.0.1:{port}")]
    options = ("--retries", "0", "--timeout", timeout, "--refresh", "--format", fmt)
    return run("--claims", str(path), "verify", "--all", *allowed, *options)


def test_with_no_network_no_run_counts_against_any_source(run, no_network: None, tmp_path: Path) -> None:
    # A scheduled `verify --all` over a long weekend with the machine offline: three runs over three days.
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[checked("https://bridges.example.org/opened")]),
        make_claim("cost", "It cost $2.4 billion.", sources=[make_source("https://city.example.net/cost", "$2.4")]),
    )
    before = path.read_bytes()
    for day in range(3):
        if day:
            backdate(path, 1)
            before = path.read_bytes()
        result = verify_all(run, path)
        assert result.exit_code == 1
        assert NOTE in result.stderr
        assert "not checked:" not in result.stderr  # one line for all, not one per source
        assert "0 URLs fetched, 2 whose host name did not resolve in " in result.stderr  # not refused by our rules
        assert path.read_bytes() == before  # nothing recorded: each source's last check is as it was
    assert saved(path, "opened").sources[0].last_check.outcome == "supported"
    assert saved(path, "cost").sources[0].last_check is None


def test_the_json_of_a_run_with_no_network_says_so_of_the_run_and_of_each_source(
    run, no_network: None, tmp_path: Path
) -> None:
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, "verified", sources=[checked("https://bridges.example.org/opened")]),
        make_claim("cost", "It cost $2.4 billion.", sources=[make_source("https://city.example.net/cost", "$2.4")]),
    )
    document = json.loads(verify_all(run, path, fmt="json").stdout)
    summary = document["summary"]
    assert (document["ok"], summary["network_down"], summary["not_checked"]) == (False, True, 2)
    assert (summary["refused"], summary["unresolved"]) == (0, 2)
    notes = [(s["checked"], s["note"]) for c in document["claims"] for s in c["sources"]]
    assert [checked for checked, _ in notes] == [False, False]
    assert all(note.startswith("no server answered in this run") and "DNS lookup" in note for _, note in notes)


def test_after_a_run_with_no_network_check_and_report_show_what_they_showed(
    run, no_network: None, tmp_path: Path
) -> None:
    dead = {"at": "2026-01-05T10:00:00Z", "outcome": "dead", "error": "HTTP 404 Not Found", "failures": 3}
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[checked("https://bridges.example.org/opened")]),
        make_claim(
            "cost", "It cost $2.4 billion.", sources=[make_source("https://city.example.net/c", last_check=dead)]
        ),
    )
    shown = [run("--claims", str(path), *command).stdout for command in (["check"], ["report", "--format", "json"])]
    verify_all(run, path)
    assert [run("--claims", str(path), *command).stdout for command in (["check"], ["report", "--format", "json"])] == (
        shown
    )


def test_every_host_refusing_or_silent_counts_against_no_source(run, tmp_path: Path, silent_port: int) -> None:
    refusing = closed_port()
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[checked(f"http://127.0.0.1:{refusing}/opened")]),
        make_claim(
            "cost", "It cost $2.4 billion.", sources=[make_source(f"http://127.0.0.1:{silent_port}/cost", "2.4")]
        ),
    )
    before = path.read_bytes()
    result = verify_all(run, path, refusing, silent_port, timeout="0.5")
    assert NOTE in result.stderr
    assert path.read_bytes() == before


def test_one_host_failing_while_another_answers_counts_as_before(run, server: HTTPServer, tmp_path: Path) -> None:
    refusing = closed_port()
    url = serve(server, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]),
        make_claim("cost", "It cost $2.4 billion.", sources=[make_source(f"http://127.0.0.1:{refusing}/cost", "2.4")]),
    )
    result = verify_all(run, path, server.port, refusing)
    assert NOTE not in result.stderr
    assert saved(path, "opened").sources[0].last_check.outcome == "supported"
    check = saved(path, "cost").sources[0].last_check
    assert (check.outcome, check.failures, check.error) == ("failing", 1, "connection refused")


def test_a_run_of_one_host_counts_its_failure(run, no_network: None, tmp_path: Path) -> None:
    # One host tells the desk's network from the host's nothing: the failure counts, as a failure for now.
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[checked("https://bridges.example.org/opened")]))
    result = run("--claims", str(path), "verify", "opened", "--retries", "0")
    assert NOTE not in result.stderr
    check = saved(path, "opened").sources[0].last_check
    assert (check.outcome, check.failures) == ("failing", 1)
    assert check.error.startswith("DNS lookup of bridges.example.org failed for now")


def test_a_proxy_down_for_every_host_counts_against_no_source(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The desk's proxy down over a weekend: no source's site was asked, and a source checked supported,
    # or one already dead, read "failing" after it (the count kept), in check and report alike.
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    ports = closed_port(), closed_port()
    dead = {"at": "2026-01-05T10:00:00Z", "outcome": "dead", "error": "HTTP 404 Not Found", "failures": 3}
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[checked(f"http://127.0.0.1:{ports[0]}/opened")]),
        make_claim(
            "cost", "It cost $2.4 billion.", sources=[make_source(f"http://127.0.0.1:{ports[1]}/c", last_check=dead)]
        ),
    )
    before = path.read_bytes()
    result = verify_all(run, path, *ports)
    assert NOTE in result.stderr
    assert path.read_bytes() == before
