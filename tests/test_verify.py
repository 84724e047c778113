"""`factcheck verify` end to end, against real HTTP servers on 127.0.0.1.

Each test writes a small claims file citing pages of a local server, runs
the command with that server allowed (``--allow-host 127.0.0.1:PORT``), and
reads back what was recorded.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_convert import tiny_pdf
from werkzeug import Request, Response

from factcheck.model.claims import Claim
from factcheck.net.fetch import Policy
from factcheck.store.folder import Folder, read

from conftest import make_claim, make_source, write_claims

BRIDGE = """<!doctype html><html><head><meta charset="utf-8"><title>The bridge</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>The bridge is open</h1>
<p>The city council said on Monday that the bridge opened in March 2020 after four years of work.</p>
<p>It cost $2.4 billion, the city said.</p></article>
<footer>Copyright 2024 Example News</footer></body></html>"""
OPENED = "The bridge opened in March 2020 after four years of work."
COST = "It cost $2.4 billion, the city said."


def claims(tmp_path: Path, *items: dict) -> Path:
    return write_claims(tmp_path / "claims", "bridge", list(items))


def saved(path: Path, claim_id: str) -> Claim:
    claim = read(path).claims_file.get(claim_id)
    assert claim is not None
    return claim


def serve(server: HTTPServer, path: str, body: str | bytes = BRIDGE, **kwargs) -> str:
    kwargs.setdefault("content_type", "text/html; charset=utf-8")
    server.expect_request(path).respond_with_data(body, **kwargs)
    return server.url_for(path)


# --- finding the evidence -----------------------------------------------------------


def test_the_quote_is_there(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    result = verify(path, "opened")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"opened  unverified → verified  quote found at {url} (score 100)",
        f"    supported 100  {url}",
        "      “The city council said on Monday that the bridge opened in March 2020 after four years of work.”",
    ]
    assert f"[1/1] {url}: 200, " in result.stderr
    assert "1 claim checked: 1 verified; 1 changed status; 1 URL fetched in " in result.stderr
    claim = saved(path, "opened")
    assert claim.status == "verified"
    event = claim.history[-1]
    assert (event.from_status, event.to_status, event.by) == ("unverified", "verified", "verify")
    assert event.why == f"quote found at {url} (score 100)"
    check = claim.sources[0].last_check
    assert check is not None
    assert (check.outcome, check.http_status, check.final_url, check.score) == ("supported", 200, url, 100.0)
    assert check.content_hash is not None and check.content_hash.startswith("sha256:")
    assert [(f.fact, f.result, f.found) for f in check.facts] == [
        ("March 2020", "agrees", "March 2020"),
        ("four years", "agrees", "four years"),
    ]
    assert (check.error, check.failures) == (None, 0)


def test_other_whitespace_and_curly_quotes_still_match_exactly(verify, server: HTTPServer, tmp_path: Path) -> None:
    page = (
        "<html><body><p>The mayor said: “It’s  the\n city’s   bridge — and it opened in March 2020 after four years.”</p>"
        "</body></html>"
    )
    url = serve(server, "/curly", page)
    quote = "\"It's the city's bridge - and it opened in March 2020 after four years.\""
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, quote)]))
    assert verify(path, "opened").exit_code == 0
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.score == 100 and check.outcome == "supported"


def test_a_paraphrase_verifies_fuzzily(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    quote = "The bridge was opened in March 2020, following four years of work"
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, quote)]))
    assert verify(path, "opened").exit_code == 0
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "supported"
    assert 80 <= check.score < 100


def test_without_a_quote_the_claim_is_looked_for(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("cost", COST, sources=[make_source(url)]))
    result = verify(path, "cost")
    assert result.exit_code == 0
    assert f"evidence found at {url}" in result.stdout
    check = saved(path, "cost").sources[0].last_check
    assert check is not None and check.passage == "It cost $2.4 billion, the city said."


def test_a_changed_number_does_not_verify(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge", BRIDGE.replace("$2.4 billion", "$2.6 billion"))
    path = claims(tmp_path, make_claim("cost", COST, sources=[make_source(url, "It cost $2.4 billion")]))
    result = verify(path, "cost")
    assert result.exit_code == 1
    reason = f"{url} says $2.6 billion where the claim says $2.4 billion"
    assert result.stdout.splitlines()[0] == f"cost  unverified → unsupported  {reason}"
    claim = saved(path, "cost")
    assert claim.status == "unsupported" and claim.history[-1].why == reason
    check = claim.sources[0].last_check
    assert check is not None and check.outcome == "conflicts" and check.score >= 80
    assert [(f.fact, f.result, f.found) for f in check.facts] == [("$2.4 billion", "disagrees", "$2.6 billion")]


def test_a_quote_that_is_not_there_is_weak(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    quote = "The tunnel closed in June 2019 after a flood damaged its pumps"
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, quote)]))
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    assert claim.status == "unsupported"
    assert claim.sources[0].last_check.outcome == "weak"
    assert claim.history[-1].why.startswith(f"the quote was not found at {url} (best match ")


def test_a_page_in_windows_1251_declared_in_a_meta_tag(verify, server: HTTPServer, tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
        "<body><p>Мост открыли в марте 2020 года после четырёх лет работы.</p></body></html>"
    ).encode("cp1251")
    url = serve(server, "/ru", page, content_type="text/html")
    path = claims(
        tmp_path,
        make_claim("most", "Мост открыли в 2020 году.", sources=[make_source(url, "Мост открыли в марте 2020 года")]),
    )
    assert verify(path, "most").exit_code == 0
    check = saved(path, "most").sources[0].last_check
    assert check is not None and check.passage == "Мост открыли в марте 2020 года после четырёх лет работы."


def test_a_pdf_is_read(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/report.pdf", tiny_pdf("Exports rose by 12 percent in 2021."), content_type="application/pdf")
    path = claims(
        tmp_path,
        make_claim("exports", "Exports rose by 12% in 2021.", sources=[make_source(url, "Exports rose by 12 percent")]),
    )
    assert verify(path, "exports").exit_code == 0
    assert saved(path, "exports").status == "verified"


def test_a_binary_file_is_unreadable(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/file.bin", bytes(range(256)) * 8, content_type="application/octet-stream")
    path = claims(tmp_path, make_claim("opened", OPENED, "verified", sources=[make_source(url, "opened")]))
    result = verify(path, "opened")
    assert result.exit_code == 0  # still verified: an unreadable source decides nothing
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "unreadable"
    assert check.error == "binary data, served as application/octet-stream"
    assert f"opened  verified  could not check {url}: unreadable" in result.stdout


def test_the_reason_names_every_source_that_failed(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    binary = [serve(server, f"/{n}.bin", bytes(range(256)) * 8, content_type="application/octet-stream") for n in "ab"]
    empty = [serve(server, f"/{n}", "<html><body><p>Nothing about any bridge here.</p></body></html>") for n in "cd"]
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020") for url in binary]),
        make_claim("cost", COST, sources=[make_source(url, "It cost $2.4 billion") for url in empty]),
    )
    _judged(run, path, "cost", "verified", "the council's figure")
    result = verify(path, "opened", "cost")
    lines = result.stdout.splitlines()
    # Neither page could be read: the status stays, and the reason says so of both.
    assert f"opened  unverified  could not check {binary[0]}: unreadable; {binary[1]}: unreadable" in lines
    # The person's verdict stands, and the reason says that neither page has the quote.
    (kept,) = [line for line in lines if line.startswith("cost  ")]
    assert re.fullmatch(
        r"cost  verified  a person's verdict \(verified\) is kept; the sources do not support it: "
        rf"the quote was not found at {re.escape(empty[0])} \(best match [\d.]+ of 100\); "
        rf"the quote was not found at {re.escape(empty[1])} \(best match [\d.]+ of 100\)",
        kept,
    ), kept


# --- what is fetched, and how ------------------------------------------------------------


def test_each_url_is_fetched_once_per_run(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]),
        make_claim("cost", COST, sources=[make_source(url, "It cost $2.4 billion")]),
        make_claim("again", "Work took four years.", sources=[make_source(url, "after four years of work")]),
    )
    result = verify(path, "--all")
    assert result.exit_code == 0, result.output
    assert len(server.log) == 1
    assert [saved(path, c).status for c in ("opened", "cost", "again")] == ["verified"] * 3


def test_unsourced_claims_are_reported_and_not_fetched(verify, server: HTTPServer, tmp_path: Path) -> None:
    path = claims(tmp_path, make_claim("lonely", OPENED), make_claim("view", "Nice bridge.", "opinion"))
    result = verify(path, "--all")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "lonely  unverified  no sources to check; add one with `factcheck source add`",
        "view  opinion  a person's verdict (opinion); no sources to check",
    ]
    assert "2 claims checked: 1 opinion, 1 unverified; 1 unsourced; 0 URLs fetched" in result.stderr
    assert server.log == []


def test_only_supporting_sources_can_verify(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020", stance="context")]),
    )
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    assert claim.status == "unsupported"
    assert claim.sources[0].last_check.outcome == "supported"  # the evidence is there, but it is only context
    assert claim.history[-1].why == "none of its sources supports it (they give context or contradict it)"


def test_redirects_are_followed(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/moved"})
    server.expect_request("/moved").respond_with_data("", status=302, headers={"Location": "/bridge"})
    final = serve(server, "/bridge")
    path = claims(
        tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/old"), "opened in March 2020")])
    )
    assert verify(path, "opened").exit_code == 0
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.final_url == final and check.http_status == 200
    # The page moved: show says where it answers now, and how to cite it there.
    shown = run("--claims", str(path), "show", "opened").stdout
    assert f"      redirects to {final} (factcheck source edit opened 1 --url URL cites it there)\n" in shown


def test_a_redirect_loop_fails(verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/a"), "opened")]))
    assert verify(path, "opened").exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "failing"
    assert check.error == f"redirect loop: {server.url_for('/b')} → {server.url_for('/a')}"


def test_a_redirect_to_another_loopback_port_is_refused(
    verify, server: HTTPServer, other: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/away").respond_with_data("", status=302, headers={"Location": other.url_for("/inside")})
    other.expect_request("/inside").respond_with_data(BRIDGE, content_type="text/html")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/away"), "opened")]))
    result = verify(path, "opened")
    assert result.exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "failing" and check.failures == 0
    assert check.error == (
        f"127.0.0.1 is a loopback address, refused (allow with --allow-private or --allow-host 127.0.0.1:{other.port})"
    )
    assert check.final_url == other.url_for("/inside")
    assert other.log == []
    # --allow-private lets it through.
    assert verify(path, "opened", "--allow-private").exit_code == 0
    assert len(other.log) == 1


def test_a_loopback_source_is_refused_without_permission(
    run, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    result = run("--claims", str(path), "verify", "opened")
    assert result.exit_code == 1
    assert server.log == []
    # The environment variable is the other way to allow a host (several: commas or spaces).
    monkeypatch.setenv("FACTCHECK_ALLOW_HOSTS", f"localhost:1, 127.0.0.1:{server.port}")
    assert run("--claims", str(path), "verify", "opened").exit_code == 0


def test_500_then_200_is_retried(verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("busy", status=500)
    url = serve(server, "/flaky")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert verify(path, "opened").exit_code == 0
    assert [response.status_code for _, response in server.log] == [500, 200]


def test_429_with_retry_after_is_waited_for(verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "1"})
    url = serve(server, "/busy")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert verify(path, "opened").exit_code == 0
    # How long it waited is the fetcher's to test (with a clock of its own): here, that it asked again.
    assert [response.status_code for _, response in server.log] == [429, 200]


def test_429_asking_too_long_a_wait_is_blocked(verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/later").respond_with_data("", status=429, headers={"Retry-After": "86400"})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/later"), "opened")]))
    assert verify(path, "opened").exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "blocked" and check.http_status == 429
    assert check.error == "HTTP 429 Too Many Requests (asked to retry after 86400 s, longer than we wait)"


@pytest.mark.parametrize(
    ("status", "body", "headers", "error"),
    [
        (403, "Forbidden", {}, "HTTP 403 Forbidden"),
        (401, "Log in", {}, "HTTP 401 Unauthorized"),
        (
            503,
            "<title>Just a moment...</title>",
            {"cf-mitigated": "challenge"},
            "HTTP 503 Service Unavailable, a bot challenge page",
        ),
        (
            200,
            "<html><head><title>Just a moment...</title></head><body><p>Checking your browser.</p></body></html>",
            {},
            "a bot challenge page",
        ),
    ],
    ids=["403", "401", "503-challenge", "200-challenge"],
)
def test_bot_walls_are_blocked_not_dead(
    verify, server: HTTPServer, tmp_path: Path, status: int, body: str, headers: dict, error: str
) -> None:
    server.expect_request("/wall").respond_with_data(body, status=status, headers=headers, content_type="text/html")
    source = make_source(server.url_for("/wall"), "opened")
    path = claims(tmp_path, make_claim("opened", OPENED, "verified", sources=[source]))
    for _ in range(3):
        assert verify(path, "opened").exit_code == 0
    claim = saved(path, "opened")
    check = claim.sources[0].last_check
    assert check is not None and (check.outcome, check.error, check.failures) == ("blocked", error, 0)
    assert claim.status == "verified"


def test_a_response_slower_than_the_timeout(run, server: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(BRIDGE, content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/slow"), "opened")]))
    allow = f"127.0.0.1:{server.port}"
    result = run("--claims", str(path), "verify", "opened", "--allow-host", allow, "--timeout", "0.2", "--retries", "0")
    assert result.exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and (check.outcome, check.error) == ("failing", "timed out")


def test_a_body_over_the_size_cap(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/huge", "<p>" + "x" * 300_000 + "</p>")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    assert verify(path, "opened", "--max-size", "0.25").exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and check.outcome == "unreadable"
    assert check.error == "larger than the size cap (0.25 MB): 300007 bytes"


def test_a_gzip_bomb(verify, server: HTTPServer, tmp_path: Path) -> None:
    bomb = gzip.compress(b" " * (40 * 1024 * 1024), compresslevel=9)
    url = serve(server, "/bomb", bomb, headers={"Content-Encoding": "gzip"})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    assert verify(path, "opened", "--max-size", "1").exit_code == 1
    check = saved(path, "opened").sources[0].last_check
    assert check is not None and (check.outcome, check.error) == ("unreadable", "decompresses to more than 5 MB")


def test_a_gzipped_page_is_read(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/gz", gzip.compress(BRIDGE.encode()), headers={"Content-Encoding": "gzip"})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert verify(path, "opened").exit_code == 0


def test_at_most_per_host_connections_to_one_host(verify, server: HTTPServer, tmp_path: Path) -> None:
    lock = threading.Lock()
    now = [0]
    most = [0]

    def counted(request: Request) -> Response:
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        time.sleep(0.1)
        with lock:
            now[0] -= 1
        return Response(BRIDGE, content_type="text/html")

    for i in range(8):
        server.expect_request(f"/p{i}").respond_with_handler(counted)
    path = claims(
        tmp_path,
        *(make_claim(f"c{i}", OPENED, sources=[make_source(server.url_for(f"/p{i}"), "opened")]) for i in range(8)),
    )
    assert verify(path, "--all", "--jobs", "8", "--per-host", "2").exit_code == 0
    assert 1 <= most[0] <= 2  # never more than two at once (how many overlap depends on the machine)
    assert len([r for r, _ in server.log if r.path.startswith("/p")]) == 8


# --- dead, changed, and the status rules ---------------------------------------------


def backdate(path: Path, days: int) -> None:
    """Move every check and failure run of a claims file ``days`` into the past, as if its runs were that old."""
    import datetime as dt

    from factcheck.store.edit import update

    def earlier(stamp: str | None) -> str | None:
        if stamp is None:
            return None
        when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") - dt.timedelta(days=days)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def change(cf) -> None:  # type: ignore[no-untyped-def]
        for claim in cf.claims:
            for source in claim.sources:
                if source.last_check is not None:
                    source.last_check.at = earlier(source.last_check.at)
                    source.last_check.failing_since = earlier(source.last_check.failing_since)

    update(path, change)


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_page_is_dead_after_three_runs_over_two_days(
    verify, server: HTTPServer, tmp_path: Path, status: int
) -> None:
    server.expect_request("/gone").respond_with_data("no", status=status)
    url = server.url_for("/gone")
    path = claims(tmp_path, make_claim("opened", OPENED, "verified", sources=[make_source(url, "opened")]))
    seen = []
    for run_number in range(4):
        if run_number == 3:
            backdate(path, 2)  # the first three runs were two days ago
        result = verify(path, "opened")
        claim = saved(path, "opened")
        check = claim.sources[0].last_check
        seen.append((check.outcome, check.failures, claim.status, result.exit_code))
        if check.failures == 1:
            assert f"    failing (1 of 3 runs)  {url}" in result.stdout.splitlines()
        if check.failures == 3:  # as many runs as dead takes, but not yet over two days: not "3 of 3"
            since = check.failing_since[:10]
            assert f"    failing (3 runs since {since})  {url}" in result.stdout.splitlines()
    assert seen == [
        ("failing", 1, "verified", 0),
        ("failing", 2, "verified", 0),
        ("failing", 3, "verified", 0),  # three failures within seconds: not dead yet
        ("dead", 4, "unsupported", 1),
    ]
    phrase = "Not Found" if status == 404 else "Gone"
    assert check.error == f"HTTP {status} {phrase}; failed on 4 runs in a row over 2 days"
    assert claim.history[-1].why == f"{url} is gone (HTTP {status} {phrase}; failed on 4 runs in a row over 2 days)"


def test_a_success_resets_the_failure_count(verify, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_oneshot_request("/back").respond_with_data("down", status=503)
    server.expect_oneshot_request("/back").respond_with_data("down", status=503)
    url = serve(server, "/back")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert verify(path, "opened").exit_code == 1
    assert saved(path, "opened").sources[0].last_check.failures == 1
    assert verify(path, "opened").exit_code == 0
    assert saved(path, "opened").sources[0].last_check.failures == 0


def test_repeated_connection_failures_make_a_source_dead(run, tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page"
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    args = ("--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{port}", "--retries", "0")
    outcomes = []
    for run_number in range(3):
        if run_number == 2:
            backdate(path, 3)
        run(*args)
        check = saved(path, "opened").sources[0].last_check
        outcomes.append((check.outcome, check.error))
    assert outcomes == [
        ("failing", "connection refused"),
        ("failing", "connection refused"),
        ("dead", "connection refused; failed on 3 runs in a row over 3 days"),
    ]
    assert saved(path, "opened").status == "unsupported"


def test_a_proxy_that_is_down_says_nothing_of_the_sources(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A newsroom's proxy down over a weekend: every source failed through it, run after run, and was
    # marked dead, though no request ever reached a source's site.
    ports = []
    for _ in range(2):
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            ports.append(closed.getsockname()[1])
    proxy, port = ports
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    url = f"http://127.0.0.1:{port}/page"
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    args = ("--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{port}", "--retries", "0")
    for run_number in range(3):
        if run_number == 2:
            backdate(path, 3)
        run(*args)
        check = saved(path, "opened").sources[0].last_check
        assert (check.outcome, check.failures) == ("failing", 0), check
        assert check.error.startswith("the proxy failed")


def test_a_dns_failure_counts_towards_dead(tmp_path: Path) -> None:
    import socket as _socket

    from factcheck.verify import run as core

    def no_such_host(host: str, port: int) -> list[str]:
        raise _socket.gaierror(_socket.EAI_NONAME, "Name or service not known")

    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source("https://gone.test/page", "opened")]))
    options = core.Options(Policy(resolver=no_such_host, retries=0), cache_dir=tmp_path / "cache")
    for run_number in range(3):
        if run_number == 2:
            backdate(path, 2)
        result = core.run(core.select(Folder(path).load(), ["opened"]), options)
    check = saved(path, "opened").sources[0].last_check
    assert (check.outcome, check.error) == (
        "dead",
        "DNS lookup of gone.test failed; failed on 3 runs in a row over 2 days",
    )
    assert result.claims[0].after == "unsupported" and not result.ok


def test_a_verified_claim_whose_page_changed_becomes_unsupported(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    assert verify(path, "opened").exit_code == 0
    first = saved(path, "opened").sources[0].last_check
    server.clear()
    serve(
        server,
        "/bridge",
        "<html><body><p>This page has been rewritten about a different topic entirely.</p></body></html>",
    )
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    check = claim.sources[0].last_check
    assert check.outcome == "changed" and check.content_hash != first.content_hash
    assert claim.status == "unsupported"
    event = claim.history[-1]
    assert (event.from_status, event.to_status, event.by) == ("verified", "unsupported", "verify")
    assert event.why == f"{url} changed and the quote is gone"
    assert [e.to_status for e in claim.history] == ["verified", "unsupported"]


@pytest.mark.parametrize("verdict", ["mixed", "misleading", "opinion"])
def test_a_persons_verdict_is_never_overwritten(verify, server: HTTPServer, tmp_path: Path, verdict: str) -> None:
    url = serve(server, "/bridge")
    earlier = {"at": "2026-01-01T00:00:00Z", "outcome": "weak", "score": 40.0}
    source = make_source(url, "the bridge opened in March 2020", last_check=earlier)
    path = claims(tmp_path, make_claim("opened", OPENED, verdict, sources=[source]))
    result = verify(path, "opened")
    assert result.exit_code == 0
    claim = saved(path, "opened")
    assert claim.status == verdict and claim.history == [] and claim.review is None
    assert claim.sources[0].last_check.outcome == "supported"
    assert result.stdout.splitlines()[0] == (
        f"opened  {verdict}  a person's verdict ({verdict}) is kept; the sources support it: "
        f"quote found at {url} (score 100)"
    )
    assert f"    drift: {url}: weak → supported" in result.stdout.splitlines()


def _judged(run, path: Path, claim_id: str, status: str, note: str) -> None:  # type: ignore[no-untyped-def]
    done = run("--claims", str(path), "set", claim_id, "--status", status, "--note", note, "--by", "desk")
    assert done.exit_code == 0, done.output


def test_a_persons_verified_stands_when_the_evidence_is_gone_and_is_flagged_for_review(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/bridge", "<html><body><p>Nothing about any bridge here.</p></body></html>")
    source = make_source(url, "the bridge opened in March 2020")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[source]))
    _judged(run, path, "opened", "verified", "fair round figure")
    result = verify(path, "opened")
    assert result.exit_code == 1, result.output  # the run found a verdict the evidence disputes
    claim = saved(path, "opened")
    assert (claim.status, claim.note) == ("verified", "fair round figure")
    assert [(e.from_status, e.to_status, e.by) for e in claim.history] == [
        ("unverified", "verified", "desk"),
        ("verified", "verified", "verify"),
    ]
    assert claim.review is not None and claim.review.by == "verify"
    assert claim.review.why.startswith("the sources do not support it, against the verdict verified: ")
    assert claim.history[-1].why == "flagged for review: " + claim.review.why
    assert f"    flagged for review: {claim.review.why}" in result.stdout.splitlines()
    assert f"needs review: {claim.review.why}" in run("--claims", str(path), "show", "opened").stdout
    checked = run("--claims", str(path), "check")
    assert checked.exit_code == 1 and "needs-review" in checked.stdout
    # A second run that finds the same says nothing new: no second event.
    again = verify(path, "opened", "--refresh")
    assert again.exit_code == 1 and len(saved(path, "opened").history) == 2
    # A claimreview export still publishes the person's verdict.
    exported = run("--claims", str(path), "export", "claimreview")
    assert '"Unsupported"' not in exported.stdout


def test_verify_clears_its_own_flag_once_the_evidence_bears_the_verdict_out(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    gone = serve(server, "/gone", "<html><body><p>Nothing about any bridge here.</p></body></html>")
    path = claims(
        tmp_path, make_claim("opened", OPENED, sources=[make_source(gone, "the bridge opened in March 2020")])
    )
    _judged(run, path, "opened", "verified", "checked by phone")
    assert verify(path, "opened").exit_code == 1
    assert saved(path, "opened").review is not None
    server.clear()
    serve(server, "/gone")  # the page has the evidence again
    result = verify(path, "opened", "--refresh")
    assert result.exit_code == 0, result.output
    claim = saved(path, "opened")
    assert claim.status == "verified" and claim.review is None
    assert claim.history[-1].by == "verify" and claim.history[-1].why.startswith("review flag cleared: ")


WORDING = "its wording changed after the verdict; was: x"


def _flagged_by_extract(server: HTTPServer, tmp_path: Path, status: str) -> Path:
    """A claim a person judged ``status``, flagged for review by extract, citing a page that supports it."""
    source = make_source(serve(server, "/bridge"), "the bridge opened in March 2020")
    event = {"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": status, "by": "desk"}
    flag = {"since": "2026-01-01T00:00:00Z", "why": WORDING}
    return claims(tmp_path, make_claim("opened", OPENED, status, sources=[source], history=[event], review=flag))


def test_verify_never_clears_a_review_it_did_not_raise(verify, server: HTTPServer, tmp_path: Path) -> None:
    path = _flagged_by_extract(server, tmp_path, "verified")
    verify(path, "opened")
    claim = saved(path, "opened")
    assert claim.review is not None and claim.review.why == WORDING


def test_verify_says_the_flag_a_claim_keeps_when_another_raised_it(verify, server: HTTPServer, tmp_path: Path) -> None:
    path = _flagged_by_extract(server, tmp_path, "false")
    result = verify(path, "opened")
    assert result.exit_code == 1  # the sources support what a person found false
    assert saved(path, "opened").review.why == WORDING
    # What show and check say, not a reason the file never kept.
    assert f"    flagged for review: {WORDING}" in result.stdout.splitlines()
    assert "a person's verdict (false) is kept; the sources support it" in result.stdout


def test_supporting_evidence_goes_against_a_persons_false(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(
        tmp_path, make_claim("opened", OPENED, "false", sources=[make_source(url, "the bridge opened in March 2020")])
    )
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    assert claim.status == "false"
    assert claim.review is not None and claim.review.why.startswith("the sources support it, against the verdict false")


def test_a_person_judging_again_clears_the_flag(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge", "<html><body><p>Nothing here.</p></body></html>")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    _judged(run, path, "opened", "verified", "seen in the council minutes")
    verify(path, "opened")
    _judged(run, path, "opened", "verified", "the council minutes say so; the page was cut")
    claim = saved(path, "opened")
    assert claim.status == "verified" and claim.review is None
    # The next run finds the same: the dispute the person weighed is not raised again, run after run.
    again = verify(path, "opened", "--refresh")
    assert "flagged for review" not in again.stdout
    assert saved(path, "opened").review is None and saved(path, "opened").history == claim.history
    # Cleared without a word (the same verdict given again) counts as weighed too.
    server.clear()
    serve(server, "/bridge", "<html><body><p>Nothing at all.</p></body></html>")  # a page that says another thing
    assert verify(path, "opened", "--refresh").exit_code == 1
    assert saved(path, "opened").review is not None  # new evidence, a new dispute: flagged
    assert run("--claims", str(path), "set", "opened", "--status", "verified", "--by", "desk").exit_code == 0
    verify(path, "opened", "--refresh")
    assert saved(path, "opened").review is None


# --- output ---------------------------------------------------------------------------


EVIL = (
    "<html><body><p>[bold red]Pwned[/bold red] \x1b[2J\x1b]0;owned\x07 <b>bold</b> "
    "&lt;script&gt;alert(1)&lt;/script&gt; the bridge opened in March 2020 after four years \x9b31m.</p></body></html>"
)


def test_a_page_cannot_inject_markup_escapes_or_html(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/evil", EVIL)
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    result = verify(path, "opened")
    assert result.exit_code == 0
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "[bold red]Pwned[/bold red]" in result.stdout  # shown as it is, not as markup
    stored = saved(path, "opened").sources[0].last_check.passage
    assert stored is not None and "[bold red]Pwned[/bold red]" in stored
    assert stored.isprintable()
    as_json = json.loads(verify(path, "opened", "--format", "json").stdout)
    passage = as_json["claims"][0]["sources"][0]["last_check"]["passage"]
    assert passage.isprintable() and "[bold red]Pwned[/bold red]" in passage


def test_the_terminal_output_prints_data_as_text(verify, server: HTTPServer, tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from factcheck.cli.output import _print_styled
    from factcheck.render.verify import text as render
    from factcheck.verify import run as core

    url = serve(server, "/evil", EVIL)
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    options = core.Options(Policy(allow_hosts=frozenset({("127.0.0.1", server.port)})), cache_dir=tmp_path / "cache")
    outcome = core.run(core.select(Folder(path).load(), []), options)
    buffer = io.StringIO()
    _print_styled(render.render(outcome), Console(file=buffer, force_terminal=True, color_system=None, width=200))
    printed = buffer.getvalue()
    assert "[bold red]Pwned[/bold red]" in printed and "\x1b" not in printed
    assert "unverified → verified" in printed


def test_json_output(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]),
        make_claim("lonely", COST),
    )
    result = verify(path, "--all", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    summary = document["summary"]
    assert {k: summary[k] for k in ("claims", "statuses", "changed", "unsourced", "urls", "fetched")} == {
        "claims": 2,
        "statuses": {
            "unverified": 1,
            "verified": 1,
            "mixed": 0,
            "misleading": 0,
            "false": 0,
            "unsupported": 0,
            "opinion": 0,
        },
        "changed": 1,
        "unsourced": 1,
        "urls": 1,
        "fetched": 1,
    }
    opened, lonely = document["claims"]
    assert (opened["id"], opened["before"], opened["status"], opened["ok"]) == (
        "opened",
        "unverified",
        "verified",
        True,
    )
    assert opened["sources"][0]["last_check"]["outcome"] == "supported"
    assert (lonely["unsourced"], lonely["ok"], lonely["sources"]) == (True, False, [])


def test_a_url_refused_before_any_request_is_not_counted_as_fetched(
    verify, server: HTTPServer, other: HTTPServer, tmp_path: Path
) -> None:
    # Fetched: a page, and a page that redirects to a port not allowed (the first hop was requested).
    # Refused: a page on a port not allowed, which is never requested.
    fetched = serve(server, "/bridge")
    server.expect_request("/away").respond_with_data("", status=302, headers={"Location": other.url_for("/inside")})
    refused = serve(other, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(fetched, "opened in March 2020")]),
        make_claim("moved", OPENED, sources=[make_source(server.url_for("/away"), "opened in March 2020")]),
        make_claim("walled", OPENED, sources=[make_source(refused, "opened in March 2020")]),
    )
    text = verify(path, "--all")
    assert other.log == []
    assert "; 2 URLs fetched, 1 refused before any request in " in text.stderr, text.stderr
    check = saved(path, "walled").sources[0].last_check
    assert check is not None and check.error is not None and "is a loopback address, refused" in check.error
    summary = json.loads(verify(path, "--all", "--format", "json").stdout)["summary"]
    assert other.log == []
    assert {k: summary[k] for k in ("urls", "fetched", "from_cache", "refused", "unresolved")} == {
        "urls": 3,
        "fetched": 2,
        "from_cache": 0,
        "refused": 1,
        "unresolved": 0,
    }


def test_a_name_with_no_address_is_never_requested(tmp_path: Path) -> None:
    from factcheck.render.verify.text import summary
    from factcheck.verify import run as core

    def no_such_host(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source("https://gone.test/page", "opened")]))
    options = core.Options(Policy(resolver=no_such_host, retries=0), cache_dir=tmp_path / "cache")
    result = core.run(core.select(Folder(path).load(), ["opened"]), options)
    # Our rules refused nothing: the name did not resolve, and the summary says that.
    assert (result.fetched, result.refused, result.unresolved) == (0, 0, 1)
    assert "0 URLs fetched, 1 whose host name did not resolve in " in summary(result)


# --- choosing claims ---------------------------------------------------------------------


def test_shards_split_the_claims_stably(run, tmp_path: Path) -> None:
    ids = [f"claim-{i}" for i in range(30)]
    path = claims(tmp_path, *(make_claim(i, f"Claim {i}.", "opinion") for i in ids))
    shards = []
    for i in (1, 2, 3):
        result = run("--claims", str(path), "verify", "--all", "--shard", f"{i}/3", "--format", "json")
        shards.append([c["id"] for c in json.loads(result.stdout)["claims"]])
    assert sorted(sum(shards, [])) == sorted(ids)
    assert all(shards)
    again = run("--claims", str(path), "verify", "--all", "--shard", "2/3", "--format", "json")
    assert [c["id"] for c in json.loads(again.stdout)["claims"]] == shards[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give claim ids or --all"),
        (["opened", "--all"], "give claim ids or --all, not both"),
        (["--all", "--shard", "0/3"], "Invalid value for '--shard': '0/3': I must be between 1 and N, e.g. 1/3 to 3/3"),
        (["--all", "--shard", "4/3"], "Invalid value for '--shard': '4/3': I must be between 1 and N, e.g. 1/3 to 3/3"),
        (["--all", "--shard", "half"], "Invalid value for '--shard': 'half': expected I/N, e.g. 1/4"),
        (["--all", "--allow-host", "localhost"], "Invalid value for '--allow-host'"),
        (["--all", "--timeout", "nan"], "Invalid value for '--timeout'"),
        (["--all", "--max-size", "inf"], "Invalid value for '--max-size'"),
        (["openned"], "no claim with id 'openned'; did you mean opened?"),
    ],
)
def test_bad_usage_exits_2(run, tmp_path: Path, args: list[str], message: str) -> None:
    path = claims(tmp_path, make_claim("opened", OPENED))
    result = run("--claims", str(path), "verify", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


# --- the cache -------------------------------------------------------------------------


def test_the_cache_revalidates_and_serves_offline(verify, run, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/tagged", headers={"ETag": '"v1"'})
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]),
    )
    assert verify(path, "opened").exit_code == 0
    # The second run asks whether the page changed, and the server says no.
    server.clear()
    server.expect_request("/tagged", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    result = verify(path, "opened")
    assert result.exit_code == 0
    assert [r.status_code for _, r in server.log] == [304]
    assert f"    supported 100  {url} (cached)" in result.stdout.splitlines()
    # Offline, the cache alone answers; nothing reaches the server.
    server.clear()
    result = run("--claims", str(path), "verify", "opened", "--offline")
    assert result.exit_code == 0 and server.log == []
    assert "1 of 1 URLs read from the cache" in result.stderr


def test_a_copy_the_server_says_is_current_counts_as_fetched_then(
    verify, run, server: HTTPServer, tmp_path: Path
) -> None:
    from factcheck.net.cache import WebCache, default_folder

    url = serve(server, "/tagged", headers={"ETag": '"v1"'})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    verify(path, "opened")
    checked = saved(path, "opened").sources[0].last_check.at
    # The copy was fetched hours ago; today's run asks again, and the server says it is unchanged (nothing new).
    entry = WebCache(default_folder())._path(url)
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head.replace(checked.encode(), b"2026-01-01T00:00:00Z") + b"\n" + body)
    server.clear()
    server.expect_request("/tagged", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    verify(path, "opened")
    confirmed = WebCache(default_folder()).peek(url).fetched_at
    assert confirmed >= checked
    # A check made from the copy later, offline, is of the page as the server last said it stands.
    run("--claims", str(path), "source", "remove", "opened", url)
    run("--claims", str(path), "source", "add", "opened", url, "--quote", "four years of work")
    assert run("--claims", str(path), "verify", "opened", "--offline").exit_code == 0
    assert saved(path, "opened").sources[0].last_check.at == confirmed


def test_offline_names_what_it_could_not_check(run, server: HTTPServer, tmp_path: Path) -> None:
    url = server.url_for("/never-fetched")
    path = claims(tmp_path, make_claim("opened", OPENED, "verified", sources=[make_source(url, "opened")]))
    result = run("--claims", str(path), "verify", "opened", "--offline")
    assert result.exit_code == 0  # still verified: nothing was learnt
    assert f"not checked: {url} (claim opened): not in the cache" in result.stderr
    assert f"    not checked  {url}  (not in the cache)" in result.stdout
    assert saved(path, "opened").sources[0].last_check is None


def test_failures_are_never_cached(verify, run, server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/broken").respond_with_data("no", status=404)
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(server.url_for("/broken"), "opened")]))
    verify(path, "opened")
    result = run("--claims", str(path), "verify", "opened", "--offline")
    assert "not in the cache" in result.stderr


@pytest.mark.parametrize("fetched_at", ["2026-13-45T99:99:99Z", "2026-12-01T00:00:00Z\n", "2026-02-30T00:00:00Z"])
def test_a_cache_entry_whose_time_is_no_real_time_is_a_miss(
    run, server: HTTPServer, tmp_path: Path, fetched_at
) -> None:
    import hashlib

    from factcheck.net.cache import WebCache, default_folder

    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    entry = WebCache(default_folder())._path(url)
    entry.parent.mkdir(parents=True)
    body = BRIDGE.encode()
    meta = {"format": 1, "url": url, "final_url": url, "status": 200, "content_type": "text/html", "etag": None,
            "last_modified": None, "fetched_at": fetched_at, "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    # Offline it is no copy at all: its time never becomes the time of a check.
    result = run("--claims", str(path), "verify", "opened", "--offline")
    assert "Traceback" not in result.output and "not in the cache" in result.stderr
    assert saved(path, "opened").sources[0].last_check is None
    # Online it is fetched again (it cannot be fresh), and replaced.
    result = run("--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{server.port}")
    assert result.exit_code == 0, result.output
    assert len(server.log) == 1 and saved(path, "opened").sources[0].last_check.outcome == "supported"


def test_cache_dir_option(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    folder = tmp_path / "my-cache"
    assert verify(path, "opened", "--cache-dir", str(folder)).exit_code == 0
    assert len(list(folder.rglob("*.page"))) == 1


# --- safety with data -------------------------------------------------------------------


def test_an_edit_made_during_the_run_is_kept(run, server: HTTPServer, tmp_path: Path) -> None:
    arrived, release = threading.Event(), threading.Event()

    def held(request: Request) -> Response:
        arrived.set()
        release.wait(10)
        return Response(BRIDGE, content_type="text/html")

    server.expect_request("/held").respond_with_handler(held)
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(server.url_for("/held"), "opened in March 2020")]),
        make_claim("cost", COST),
    )
    env = dict(os.environ, FACTCHECK_ALLOW_HOSTS=f"127.0.0.1:{server.port}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims", str(path), "verify", "opened"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert arrived.wait(20)
        assert run("--claims", str(path), "set", "cost", "--status", "false", "--note", "meanwhile").exit_code == 0
    finally:
        release.set()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode()
    assert saved(path, "opened").status == "verified"
    cost = saved(path, "cost")
    assert (cost.status, cost.note) == ("false", "meanwhile")


# --- what a source confirms ------------------------------------------------------------


def test_a_passage_that_leaves_a_key_fact_unstated_confirms_nothing(
    verify, run, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/short", "<html><body><p>The bridge opened in March 2020.</p></body></html>")
    path = claims(
        tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "The bridge opened in March 2020.")])
    )
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    check = claim.sources[0].last_check
    assert check is not None and (check.outcome, check.score) == ("unconfirmed", 100.0)
    assert [(f.fact, f.result, f.found) for f in check.facts] == [
        ("March 2020", "agrees", "March 2020"),
        ("four years", "missing", None),
    ]
    assert claim.status == "unverified" and not claim.history  # not verified, and no false alarm either
    assert f"the quote at {url} does not state four years; a person has to judge it" in result.stdout
    shown = run("--claims", str(path), "show", "opened")
    assert "source does not state four years" in shown.stdout


def test_a_looser_figure_in_the_source_confirms_nothing(verify, server: HTTPServer, tmp_path: Path) -> None:
    page = "<html><body><p>Research shows the Arctic may be ice-free in the summer by 2040.</p></body></html>"
    url = serve(server, "/arctic", page)
    claim = make_claim("arctic", "The Arctic will be ice-free in the summer of 2013.", sources=[make_source(url, None)])
    path = claims(tmp_path, claim)
    result = verify(path, "arctic")
    check = saved(path, "arctic").sources[0].last_check
    assert check is not None and check.outcome == "unconfirmed"
    assert [(f.fact, f.result, f.found) for f in check.facts] == [("2013", "vaguer", "by 2040")]
    assert f"the passage at {url} says only by 2040 for 2013" in result.stdout
    assert saved(path, "arctic").status == "unverified"


def test_sources_that_state_the_key_facts_between_them_verify_it(verify, server: HTTPServer, tmp_path: Path) -> None:
    opened = serve(server, "/opened", "<html><body><p>The bridge opened in March 2020.</p></body></html>")
    works = serve(server, "/works", "<html><body><p>Work on the bridge went on for four years.</p></body></html>")
    sources = [make_source(opened, "The bridge opened in March 2020."), make_source(works, "went on for four years")]
    path = claims(tmp_path, make_claim("opened", OPENED, sources=sources))
    result = verify(path, "opened")
    assert result.exit_code == 0, result.output
    claim = saved(path, "opened")
    assert [s.last_check.outcome for s in claim.sources if s.last_check] == ["unconfirmed", "unconfirmed"]
    assert claim.status == "verified"
    assert claim.history[-1].why == f"its key facts are stated between {opened} and {works}"


# --- how the fetching is scheduled ------------------------------------------------------


def test_hosts_with_more_urls_waiting_go_first_and_never_more_than_per_host_at_once() -> None:
    from factcheck.net.schedule import _Hosts

    a, b, c = "http://a.example", "http://b.example", "http://c.example"
    hosts = _Hosts([f"{a}/1", f"{a}/2", f"{a}/3", f"{b}/1", f"{b}/2", f"{c}/1"], per_host=2)
    taken = [hosts.take() for _ in range(5)]
    # a has the most waiting; then b, as many as a but with none out; then a, still the most; and so on.
    assert taken == [f"{a}/1", f"{b}/1", f"{a}/2", f"{c}/1", f"{b}/2"]
    hosts.release(f"{a}/1")  # a had two out: now one, so its third may go
    assert hosts.take() == f"{a}/3"
    for url in taken[1:] + [f"{a}/3"]:
        hosts.release(url)
    assert hosts.take() is None


def test_hosts_with_as_many_urls_are_given_them_in_turn_one_at_a_time() -> None:
    from factcheck.net.schedule import _Hosts

    names = ["a", "b", "c", "d"]
    hosts = _Hosts([f"http://{n}.example/{i}" for i in (1, 2) for n in names], per_host=4)
    first = [hosts.take() for _ in names]
    assert first == [f"http://{n}.example/1" for n in names]  # one request out to each: one connection each
    for url in first:
        hosts.release(url)  # type: ignore[arg-type]
    assert [hosts.take() for _ in names] == [f"http://{n}.example/2" for n in names]


def _rounds(urls: list[str], threads: int, per_host: int) -> int:
    """How many rounds ``threads`` fetch threads take over ``urls`` when every answer takes as long."""
    from factcheck.net.schedule import _Hosts

    hosts = _Hosts(urls, per_host)
    rounds, left = 0, len(urls)
    while left:
        taken = []
        for _ in range(threads):  # each free thread takes a URL, unless every host with some is at its cap
            if all(hosts.busy[h] >= per_host for h in hosts.waiting):
                break
            taken.append(hosts.take())
        for url in taken:
            hosts.release(url)  # type: ignore[arg-type]
        rounds, left = rounds + 1, left - len(taken)
    return rounds


def test_a_site_cited_many_times_is_not_left_alone_at_the_end() -> None:
    # 24 URLs on one site, one on each of 24 others; 4 threads, 2 at a time per host.  The big site
    # asked 2 at a time from the start, everything is done in 12 rounds (24 / 2); taken in turn,
    # the small sites first, the big one would be left with 2 of the 4 connections for its last URLs.
    urls = [f"http://big.example/{n}" for n in range(24)] + [f"http://small{n}.example/" for n in range(24)]
    assert _rounds(urls, threads=4, per_host=2) == 12
    assert _rounds(urls[::-1], threads=4, per_host=2) == 12  # whatever the order they are cited in


def test_a_closed_schedule_hands_out_nothing_more() -> None:
    from factcheck.net.schedule import _Hosts

    hosts = _Hosts(["http://a.example/1", "http://a.example/2"], per_host=1)
    assert hosts.take() == "http://a.example/1"
    hosts.close()
    assert hosts.take() is None


def test_fetching_starts_before_the_readers_of_pages_are_imported() -> None:
    # What reading needs (the key-fact readers, the HTML extractor) is imported
    # where pages are read, and the HTTP client by the first fetch that needs it.
    probe = "import sys, factcheck.cli.commands.verify; print(' '.join(sorted(sys.modules)))"
    modules = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "factcheck.net.schedule" in modules  # the command is there, and its scheduler
    readers = {"factcheck.text.facts", "factcheck.verify.evidence", "trafilatura", "rapidfuzz"}
    assert not modules & (readers | {"requests", "urllib3", "factcheck.net.fetch"})


# The modules loaded by a verify run, printed as the process exits.
LOADED = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
from factcheck.cli import main
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
main()
"""


def test_a_run_the_cache_serves_loads_neither_the_http_client_nor_the_readers(
    run, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened")]))
    args = ["--claims", str(path), "verify", "--all", "--allow-host", f"127.0.0.1:{server.port}"]
    args += ["--no-archive", "--cache-dir", str(tmp_path / "web")]
    assert run(*args).exit_code == 0
    again = subprocess.run([sys.executable, "-c", LOADED, json.dumps(args)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "0 URLs fetched, 1 from the cache" in again.stderr
    modules = set(json.loads(again.stderr.splitlines()[-1]))
    assert "factcheck.net.cache" in modules  # the run did look in the cache
    assert not modules & {"requests", "urllib3", "trafilatura", "factcheck.verify.evidence"}
    assert len(server.log) == 1  # asked once, by the first run


def test_pages_are_read_in_one_process_per_cpu_beyond_the_fetching_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.net import schedule

    for cpus, processes in ((None, 1), (1, 1), (2, 1), (8, 7)):
        monkeypatch.setattr(os, "cpu_count", lambda cpus=cpus: cpus)
        assert schedule.reading_processes() == processes
    assert schedule.reading_processes(3) == 3


def test_two_passages_of_one_page_are_each_checked(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    both = [
        make_source(f"{url}#opened", "the bridge opened in March 2020"),
        make_source(f"{url}#cost", "the tunnel closed in 1999"),
    ]
    path = claims(tmp_path, make_claim("opened", OPENED, sources=both))
    result = verify(path, "opened")
    assert result.exit_code == 0, result.output
    checks = [s.last_check for s in saved(path, "opened").sources]
    assert [c.outcome if c else None for c in checks] == ["supported", "weak"]
    assert saved(path, "opened").status == "verified"


def test_a_page_cited_at_several_fragments_is_fetched_once(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(
        tmp_path,
        make_claim("opened", OPENED, sources=[make_source(f"{url}#opened", "the bridge opened in March 2020")]),
        make_claim("cost", COST, sources=[make_source(f"{url}#cost", "It cost $2.4 billion")]),
        make_claim("closed", "The tunnel closed in 1999.", sources=[make_source(f"{url}#cost", "the tunnel closed")]),
    )
    result = verify(path, "--all")
    assert result.exit_code == 1, result.output  # the tunnel's quote is not on the page
    assert [request.path for request, _ in server.log] == ["/bridge"]
    assert [saved(path, c).status for c in ("opened", "cost", "closed")] == ["verified", "verified", "unsupported"]
    checks = [saved(path, c).sources[0].last_check for c in ("opened", "cost", "closed")]
    assert [c.outcome if c else None for c in checks] == ["supported", "supported", "weak"]


def test_a_claim_a_person_set_back_to_unverified_is_verify_s_to_move_again(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "the bridge opened in March 2020")]))
    _judged(run, path, "opened", "false", "wrong year")
    _judged(run, path, "opened", "unverified", "looking again")
    result = verify(path, "opened")
    assert result.exit_code == 0, result.output
    assert saved(path, "opened").status == "verified"
    assert saved(path, "opened").history[-1].by == "verify"
