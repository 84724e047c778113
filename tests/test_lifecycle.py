"""The lifecycle of a check, end to end against a real HTTP server on 127.0.0.1.

A result never replaces a newer one, a cached copy never revives a dead
source, a run that learns nothing new leaves the file as it was, a changed
page stays flagged until a person acknowledges it, and a verdict whose claim
changed its wording is flagged for review until a person sets it again.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_verify import BRIDGE, OPENED, backdate, claims, saved, serve

from factcheck.store.edit import update

from conftest import make_claim, make_source, write_claims


def _checked(path: Path) -> tuple[str, str, int]:
    check = saved(path, "opened").sources[0].last_check
    assert check is not None
    return check.outcome, check.at, check.failures


def test_a_cached_copy_never_revives_a_dead_source(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert verify(path, "opened").exit_code == 0  # fetched, cached, verified
    server.clear()
    server.expect_request("/bridge").respond_with_data("gone", status=404)
    verify(path, "opened")
    verify(path, "opened")
    backdate(path, 2)
    verify(path, "opened")
    assert saved(path, "opened").status == "unsupported"
    assert _checked(path)[0] == "dead"
    # The cached copy must be newer than the dead check, or its age alone would rule it out.
    backdate(path, 1)
    before = path.read_bytes()
    dead = _checked(path)
    result = verify(path, "opened", "--offline")
    assert path.read_bytes() == before  # no reset failure count, no older time, no verified
    assert "was dead at the last check; a cached copy says nothing of it now" in result.stderr
    assert _checked(path) == dead and saved(path, "opened").status == "unsupported"


def test_a_copy_older_than_the_last_check_is_not_used(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    verify(path, "opened")
    # A later check (say, on another machine) recorded a failure after the page was cached here.
    document = json.loads(path.read_text())
    check = document["claims"][0]["sources"][0]["last_check"]
    check.update(at="2099-01-01T00:00:00Z", outcome="failing", failures=1, failing_since="2099-01-01T00:00:00Z")
    path.write_text(json.dumps(document, indent=2) + "\n")
    result = verify(path, "opened", "--offline")
    assert "is older than the last check (2099-01-01T00:00:00Z)" in result.stderr
    assert _checked(path) == ("failing", "2099-01-01T00:00:00Z", 1)


def test_a_run_that_learns_nothing_new_leaves_the_file_as_it_was(verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    verify(path, "opened")
    before = os.stat(path)
    first = path.read_bytes()
    assert verify(path, "opened").exit_code == 0
    assert path.read_bytes() == first
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    # A check older than the recheck interval is recorded again, with its new time.
    backdate(path, 40)
    old_time = _checked(path)[1]
    verify(path, "opened")
    assert _checked(path)[1] > old_time


def _left_behind(folder: Path, name: str, *, old: bool = True) -> Path:
    """A temporary file a killed writer left in ``folder`` (an hour ago, or just now)."""
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / name
    left.write_text("half a file")
    if old:
        os.utime(left, (time.time() - 3600,) * 2)
    return left


def test_a_quiet_rerun_sweeps_what_killed_writes_left_in_the_claims_and_cache_folders(
    verify, server: HTTPServer, tmp_path: Path, isolated_cache: Path
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    verify(path, "opened")
    bucket = next((isolated_cache / "web").glob("*/*.page")).parent
    ours = [
        _left_behind(path.parent, f".{path.name}.0123456789ab.tmp"),
        _left_behind(bucket, f".{'ab' * 32}.page.0123456789ab.tmp"),
    ]
    kept = [
        _left_behind(path.parent, f".{path.name}.ba9876543210.tmp", old=False),  # a writer at work may own it
        _left_behind(bucket, f".{'cd' * 32}.page.ba9876543210.tmp", old=False),
        _left_behind(path.parent, ".notes.0123456789ab.tmp"),  # a person's, whatever its name looks like
        _left_behind(bucket, ".notes.txt.0123456789ab.tmp"),
    ]
    before = path.read_bytes()
    assert verify(path, "opened").exit_code == 0
    assert path.read_bytes() == before  # nothing new to record, so no write to sweep them on its way
    assert [p.name for p in ours if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []


def test_a_source_still_dead_the_next_night_leaves_the_file_as_it_was(
    verify, server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/gone").respond_with_data("no", status=410)
    url = server.url_for("/gone")
    path = claims(tmp_path, make_claim("opened", OPENED, "mixed", sources=[make_source(url, "opened")]))
    for _ in range(3):
        verify(path, "opened")
    backdate(path, 2)
    verify(path, "opened")  # dead, and the person's verdict flagged for review
    died = saved(path, "opened")
    assert died.sources[0].last_check.outcome == "dead" and died.review is not None
    backdate(path, 1)  # a nightly run later, the page is as gone as it was
    before = path.read_bytes()
    verify(path, "opened")
    assert path.read_bytes() == before  # no new count of runs, no new flag in the history
    # A check older than the recheck interval is recorded again: the time moves, and nothing else.
    backdate(path, 40)
    old_time = saved(path, "opened").sources[0].last_check.at
    verify(path, "opened")
    again = saved(path, "opened")
    assert again.sources[0].last_check.at > old_time
    assert again.sources[0].last_check.error == died.sources[0].last_check.error
    assert len(again.history) == len(died.history)


def test_a_changed_page_stays_flagged_until_a_person_acknowledges_it(
    verify, run, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    verify(path, "opened")
    server.clear()
    serve(server, "/bridge", BRIDGE.replace("opened in March 2020 after four years of work", "reopened after repairs"))
    verify(path, "opened")
    source = saved(path, "opened").sources[0]
    assert source.last_check.outcome == "changed" and source.changed_at == source.last_check.at
    server.clear()
    server.expect_request("/bridge").respond_with_data("down", status=503)
    verify(path, "opened")
    source = saved(path, "opened").sources[0]
    assert source.last_check.outcome == "failing"  # the latest check says what it found ...
    assert source.changed_at is not None  # ... and the change is still flagged
    findings = json.loads(run("--claims", str(path), "check", "--format", "json").stdout)["findings"]
    assert [f["rule"] for f in findings if f["rule"] == "changed-source"] == ["changed-source"]
    report = json.loads(run("--claims", str(path), "report", "--format", "json").stdout)
    assert [r["url"] for r in report["total"]["changed"]] == [url]
    result = run("--claims", str(path), "source", "ack", "opened", url)
    assert result.exit_code == 0 and result.stderr == f"opened: acknowledged the change of {url}\n"
    assert saved(path, "opened").sources[0].changed_at is None
    findings = json.loads(run("--claims", str(path), "check", "--format", "json").stdout)["findings"]
    assert "changed-source" not in {f["rule"] for f in findings}


def test_one_change_of_a_page_flags_a_persons_verdict_once(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert run("--claims", str(path), "set", "opened", "--status", "verified", "--by", "desk").exit_code == 0
    verify(path, "opened")
    server.clear()
    serve(server, "/bridge", BRIDGE.replace("opened in March 2020 after four years of work", "reopened after repairs"))
    verify(path, "opened")  # the page changed and the quote is gone: the verdict is flagged
    flagged = saved(path, "opened")
    assert flagged.sources[0].last_check.outcome == "changed" and flagged.review is not None
    backdate(path, 1)  # the next night: the page is as it was the night before
    before = path.read_bytes()
    result = verify(path, "opened")
    assert path.read_bytes() == before, result.output  # no weak after changed, no second flag
    backdate(path, 40)  # the same finding recorded again once it is old: still one change, one flag
    verify(path, "opened")
    again = saved(path, "opened")
    assert again.sources[0].last_check.outcome == "changed" and len(again.history) == len(flagged.history)
    server.clear()  # a real further change: the figure is now a different one
    serve(server, "/bridge", BRIDGE.replace("opened in March 2020 after four years of work", "opened in March 2021"))
    verify(path, "opened")
    conflicts = saved(path, "opened")
    assert conflicts.sources[0].last_check.outcome == "conflicts"
    assert len(conflicts.history) == len(flagged.history) + 1 and "2021" in conflicts.review.why


def test_a_changed_page_back_after_a_failing_night_is_the_same_change(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    assert run("--claims", str(path), "set", "opened", "--status", "verified", "--by", "desk").exit_code == 0
    verify(path, "opened")
    changed = BRIDGE.replace("opened in March 2020 after four years of work", "reopened after repairs")
    server.clear()
    serve(server, "/bridge", changed)
    verify(path, "opened")
    flagged = saved(path, "opened")
    assert flagged.sources[0].last_check.outcome == "changed" and flagged.review is not None
    for body, status, outcome in [("down", 503, "failing"), (changed, 200, "changed")]:
        backdate(path, 1)  # the next night
        server.clear()
        serve(server, "/bridge", body, status=status)
        verify(path, "opened")
        assert saved(path, "opened").sources[0].last_check.outcome == outcome
    back = saved(path, "opened")
    assert len(back.history) == len(flagged.history) and back.review == flagged.review
    backdate(path, 1)  # a real further change after another failing night still records
    for body, status in [("down", 503), (BRIDGE.replace("opened in March 2020", "closed for good"), 200)]:
        server.clear()
        serve(server, "/bridge", body, status=status)
        verify(path, "opened")
    assert saved(path, "opened").sources[0].last_check.outcome == "changed"
    assert saved(path, "opened").sources[0].last_check.content_hash != back.sources[0].last_check.content_hash


def test_a_verdict_whose_claim_changed_its_words_needs_review(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "claims" / "bridge.txt"
    article.parent.mkdir()
    article.write_text("The bridge opened in March 2020 after four years of work. It cost $2.4 billion.\n")
    assert run("extract", "claims/bridge.txt", "--into", "claims/bridge.json").exit_code == 0
    claim_id = json.loads(run("list", "--format", "json").stdout)[0]["id"]
    assert run("set", claim_id, "--status", "false", "--note", "It opened in 2021.").exit_code == 0
    # The article is corrected: the claim's words change, and so may the verdict.
    article.write_text("The bridge opened in March 2021 after five years of work. It cost $2.4 billion.\n")
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    claim = saved(tmp_path / "claims" / "bridge.json", claim_id)
    assert claim.status == "false" and claim.review is not None
    assert "was: The bridge opened in March 2020" in claim.review.why
    result = run("check", "--select", "needs-review")
    assert result.exit_code == 1 and f"{claim_id} “The bridge opened in March 2021" in result.stdout
    assert run("set", claim_id, "--status", "mixed", "--note", "Corrected.").exit_code == 0
    assert saved(tmp_path / "claims" / "bridge.json", claim_id).review is None
    assert run("check", "--select", "needs-review").exit_code == 0


def test_extract_does_not_flag_a_claim_no_person_has_judged(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "claims" / "bridge.txt"
    article.parent.mkdir()
    article.write_text("The bridge opened in March 2020 after four years of work. It cost $2.4 billion.\n")
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    article.write_text("The bridge opened in March 2021 after five years of work. It cost $2.4 billion.\n")
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert all(c["status"] == "unverified" for c in json.loads(run("list", "--format", "json").stdout))
    assert run("check", "--select", "needs-review").exit_code == 0


# --- the cache: freshness, bad entries, many pages, Ctrl-C ----------------------------------------


def test_a_fresh_copy_is_not_asked_for_again(run, server: HTTPServer, tmp_path: Path) -> None:
    url = serve(server, "/bridge", headers={"ETag": '"v1"'})
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    args = ("--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{server.port}")
    assert run(*args).exit_code == 0
    asked = len(server.log)
    first = path.read_bytes()
    result = run(*args)
    assert result.exit_code == 0 and len(server.log) == asked  # within the freshness window: not asked
    assert "0 URLs fetched, 1 from the cache (fresh, or unchanged on the site)" in result.stderr
    assert path.read_bytes() == first
    assert run(*args, "--refresh").exit_code == 0 and len(server.log) == asked + 1  # asked again (conditionally)
    assert run(*args, "--fresh-minutes", "0").exit_code == 0 and len(server.log) == asked + 2


def test_a_cache_entry_that_does_not_hold_together_is_ignored(run, server: HTTPServer, tmp_path: Path) -> None:
    from factcheck.net.cache import WebCache, default_folder

    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened in March 2020")]))
    cache = WebCache(default_folder())
    entry_path = cache._path(url)
    entry_path.parent.mkdir(parents=True)
    body = BRIDGE.encode()
    import hashlib

    meta = {"format": 1, "url": url, "final_url": url, "status": 200, "content_type": "text/html",
            "etag": None, "last_modified": None, "fetched_at": "not-a-date", "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    entry_path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    update(path, lambda cf: None)  # the fixture in the canonical layout, so that bytes can be compared
    before = path.read_bytes()
    result = run("--claims", str(path), "verify", "opened", "--offline")
    assert "not in the cache" in result.stderr and path.read_bytes() == before
    # Fetched again, the entry is replaced by a good one.
    assert run("--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{server.port}").exit_code == 0
    assert cache.peek(url) is not None and cache.peek(url).fetched_at != "not-a-date"


def test_many_pages_are_read_in_worker_processes(run, server: HTTPServer, tmp_path: Path) -> None:
    items = []
    for n in range(30):
        url = serve(server, f"/bridge/{n}")
        quote = "opened in March 2020" if n % 2 else "the tunnel under the river flooded twice"  # half are not there
        items.append(make_claim(f"c{n}", OPENED, sources=[make_source(url, quote)]))
    path = claims(tmp_path, *items)
    args = ("--claims", str(path), "verify", "--all", "--allow-host", f"127.0.0.1:{server.port}", "--processes", "2")
    result = run(*args, "--format", "json")
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["claims"]}
    assert statuses == {f"c{n}": "verified" if n % 2 else "unsupported" for n in range(30)}
    # The same run in this process alone finds the same.
    path2 = claims(tmp_path / "again", *items)
    result2 = run(
        "--claims",
        str(path2),
        "verify",
        "--all",
        "--allow-host",
        f"127.0.0.1:{server.port}",
        "--processes",
        "1",
        "--format",
        "json",
    )
    assert {c["id"]: c["status"] for c in json.loads(result2.stdout)["claims"]} == statuses


def test_spawned_workers_find_what_forked_ones_find(
    run, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import parallel

    items = []
    for n in range(30):
        url = serve(server, f"/bridge/{n}")
        quote = "opened in March 2020" if n % 3 else "the tunnel under the river flooded twice"
        items.append(make_claim(f"c{n}", OPENED, sources=[make_source(url, quote)]))
    found = {}
    started: list[str] = []
    for method in ("fork", "spawn"):
        monkeypatch.setattr(parallel, "start_method", lambda method=method: started.append(method) or method)
        path = claims(tmp_path / method, *items)
        args = ("--claims", str(path), "verify", "--all", "--allow-host", f"127.0.0.1:{server.port}")
        result = run(*args, "--processes", "2", "--cache-dir", str(tmp_path / method / "web"), "--format", "json")
        assert started[-1:] == [method]  # the pages were read in worker processes started this way
        found[method] = [
            (c["id"], c["status"], [(s["last_check"]["outcome"], s["last_check"]["score"]) for s in c["sources"]])
            for c in json.loads(result.stdout)["claims"]
        ]
    assert started == ["fork", "spawn"] and found["spawn"] == found["fork"]
    assert {status for _, status, _ in found["fork"]} == {"verified", "unsupported"}


class _Stalled:
    """A server on 127.0.0.1 that accepts connections and then says nothing."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def _interrupted(command: list[str], ready: Callable[[], bool]) -> tuple[int, bytes]:
    """Run ``command``, press Ctrl-C once ``ready()``; its exit status and stderr.

    The command is left waiting on something that takes two minutes: if Ctrl-C
    did not stop it, ``communicate`` gives up long before, and the test fails.
    The waits are generous, for a loaded machine: they bound a hang, not speed.
    The command gets Ctrl-C's usual meaning, as from a terminal, even when the tests run where it is
    ignored (a background job of a shell script inherits SIGINT ignored, and so would the command).
    """
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # only a signal is reset: safe beside threads
    )
    try:
        deadline = time.monotonic() + 60
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready(), "the run never got there"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        return proc.returncode, err
    finally:
        proc.kill()


def test_ctrl_c_stops_a_stalled_run_at_once_and_writes_nothing(tmp_path: Path) -> None:
    stalled = _Stalled()
    url = f"http://127.0.0.1:{stalled.port}/stall"
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, "opened")]))
    before = path.read_bytes()
    command = [sys.executable, "-m", "factcheck", "--claims", str(path), "verify", "--all",
               "--allow-host", f"127.0.0.1:{stalled.port}", "--timeout", "120", "--retries", "0"]  # fmt: skip
    try:
        code, err = _interrupted(command, lambda: bool(stalled.accepted))
    finally:
        stalled.close()
    assert code == 130
    assert b"interrupted" in err and b"Traceback" not in err
    assert path.read_bytes() == before


def test_a_claims_file_is_saved_as_soon_as_its_sources_are_checked(server: HTTPServer, tmp_path: Path) -> None:
    # One file cites a page that answers, the other a server that never does:
    # the first is saved while the run still waits for the second.
    stalled = _Stalled()
    folder = tmp_path / "claims"
    answered = serve(server, "/bridge")
    fast = write_claims(folder, "fast", [make_claim("opened", OPENED, sources=[make_source(answered, "opened")])])
    waiting = f"http://127.0.0.1:{stalled.port}/stall"
    slow = write_claims(folder, "slow", [make_claim("stalled", OPENED, sources=[make_source(waiting, "opened")])])
    fast_before, slow_before = fast.read_bytes(), slow.read_bytes()
    command = [sys.executable, "-m", "factcheck", "--claims", str(folder), "verify", "--all", "--timeout", "120",
               "--retries", "0", "--allow-host", f"127.0.0.1:{stalled.port}", "--allow-host", f"127.0.0.1:{server.port}"]  # fmt: skip
    try:
        code, err = _interrupted(command, lambda: fast.read_bytes() != fast_before)
    finally:
        stalled.close()
    assert code == 130 and b"Traceback" not in err
    assert saved(fast, "opened").status == "verified"
    assert slow.read_bytes() == slow_before


def test_a_claims_file_broken_during_a_run_does_not_keep_the_others_unrecorded(
    verify, server: HTTPServer, tmp_path: Path
) -> None:
    # While the nightly run fetches, someone's merge leaves its conflict markers in one file.
    folder = tmp_path / "claims"
    url = server.url_for("/bridge")
    broken = write_claims(folder, "a", [make_claim("opened", OPENED, sources=[make_source(url, "opened")])])
    other = write_claims(folder, "b", [make_claim("also", OPENED, sources=[make_source(url, "opened")])])

    def merged_meanwhile(request):  # type: ignore[no-untyped-def]
        from werkzeug import Response

        broken.write_text("<<<<<<< HEAD\n" + broken.read_text(encoding="utf-8"), encoding="utf-8")
        return Response(BRIDGE, content_type="text/html; charset=utf-8")

    server.expect_request("/bridge").respond_with_handler(merged_meanwhile)
    result = verify(folder, "--all")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"factcheck: error: {broken}:1:1: a git merge conflict is not")
    assert saved(other, "also").status == "verified"  # the other file is recorded all the same
