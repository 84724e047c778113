"""verify and the web archive: evidence that lives on in an archived copy keeps its claim, against real loopback servers.

The sources are served by one test server, the archive (availability API and
snapshots) by another.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from test_verify import BRIDGE, OPENED, backdate, claims, saved

from conftest import FakeWayback, make_claim, make_source

QUOTE = "opened in March 2020 after four years of work"
MOVED_ON = "<html><body><article><p>Nothing about bridges here any more.</p></article></body></html>"


def _verify(run, path: Path, server: Any, archive: FakeWayback, *args: str) -> Any:
    return run(
        "--claims", str(path), "verify", "opened", "--allow-host", f"127.0.0.1:{server.port}",
        "--archive-api", archive.base, "--timeout", "2", "--retries", "0", "--refresh", *args,
    )  # fmt: skip


def _nightly(run, path: Path, server: Any, archive: FakeWayback, *args: str) -> Any:
    return run(
        "--claims", str(path), "verify", "--all", "--allow-host", f"127.0.0.1:{server.port}",
        "--archive-api", archive.base, "--retries", "0", *args,
    )  # fmt: skip


def _kill(run, path: Path, server: Any, archive: FakeWayback, *args: str) -> Any:
    """Let the page fail on three runs over two days, so that it is dead."""
    server.clear()
    server.expect_request("/bridge").respond_with_data("gone", status=404)
    for _ in range(2):
        _verify(run, path, server, archive, *args)
    backdate(path, 2)
    return _verify(run, path, server, archive, *args)


def _verified(run, tmp_path: Path, server: Any, archive: FakeWayback) -> tuple[str, Path]:
    server.expect_request("/bridge").respond_with_data(BRIDGE, content_type="text/html; charset=utf-8")
    url = server.url_for("/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, QUOTE)]))
    assert _verify(run, path, server, archive).exit_code == 0
    assert saved(path, "opened").status == "verified"
    return url, path


def test_a_dead_page_whose_archived_copy_holds_the_quote_keeps_its_claim(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    snapshot = archive.add(url, "20260101120000", BRIDGE)
    result = _kill(run, path, server, archive)
    claim = saved(path, "opened")
    check = claim.sources[0].last_check
    assert check.outcome == "dead"  # the page is recorded as it is
    assert check.archived is not None and check.archived.url == snapshot
    assert check.archived.archived_at == "2026-01-01T12:00:00Z" and check.archived.score == 100
    assert QUOTE in check.archived.passage
    assert claim.status == "verified"  # not unsupported: the evidence lives on
    assert (claim.sources[0].archive_url, claim.sources[0].archived_at) == (snapshot, "2026-01-01T12:00:00Z")
    assert result.exit_code == 0
    assert "the quote holds in the archived copy of" in result.stdout
    shown = run("--claims", str(path), "show", "opened").stdout
    assert f"the evidence holds in the archived copy taken 2026-01-01: {snapshot}" in shown
    assert archive.lookups[-1] == url  # looked up by the page's own address


def test_without_the_archive_the_dead_page_unsupports_the_claim(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    archive.add(url, "20260101120000", BRIDGE)
    _kill(run, path, server, archive, "--no-archive")
    claim = saved(path, "opened")
    assert claim.status == "unsupported" and claim.sources[0].last_check.archived is None
    assert archive.lookups == []


def test_an_archived_copy_without_the_quote_rescues_nothing(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    archive.add(url, "20260101120000", MOVED_ON)
    _kill(run, path, server, archive)
    claim = saved(path, "opened")
    assert claim.status == "unsupported" and claim.sources[0].last_check.archived is None
    assert claim.sources[0].archive_url is None  # a copy without the evidence is not recorded as one


def test_a_page_that_lost_the_quote_is_rescued_by_its_own_copy(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    kept = archive.add(url, "20251201000000", BRIDGE)

    def keep(cf) -> None:  # type: ignore[no-untyped-def]
        cf.claims[0].sources[0].archive_url = kept
        cf.claims[0].sources[0].archived_at = "2025-12-01T00:00:00Z"

    from factcheck.store.edit import update

    update(path, keep)
    server.clear()
    server.expect_request("/bridge").respond_with_data(MOVED_ON, content_type="text/html")
    result = _verify(run, path, server, archive)
    claim = saved(path, "opened")
    check = claim.sources[0].last_check
    assert check.outcome == "changed" and check.archived is not None and check.archived.url == kept
    assert claim.status == "verified" and result.exit_code == 0
    assert archive.lookups == []  # the source's own copy was read; nothing was looked up


def test_a_copy_found_once_is_not_fetched_again(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    archive.add(url, "20260101120000", BRIDGE)
    _kill(run, path, server, archive)
    asked = len(archive.lookups)
    before = saved(path, "opened").sources[0].last_check
    _verify(run, path, server, archive)
    after = saved(path, "opened").sources[0].last_check
    assert len(archive.lookups) == asked  # a snapshot never changes: its evidence is taken as found
    assert after.archived == before.archived and saved(path, "opened").status == "verified"
    offline = _verify(run, path, server, archive, "--offline")
    assert offline.exit_code == 0 and len(archive.lookups) == asked


def test_an_archive_that_cannot_be_reached_changes_nothing_else(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    other.clear()  # the archive answers nothing
    other.expect_request("/wayback/available").respond_with_data("busy", status=503)
    _kill(run, path, server, archive)
    claim = saved(path, "opened")
    assert claim.status == "unsupported" and claim.sources[0].last_check.outcome == "dead"


def test_an_archive_that_fails_is_asked_nothing_more_in_that_run(run, server, other, tmp_path: Path) -> None:
    # Each dead page would be looked up in turn, each lookup waiting out its timeouts and retries:
    # an archive that is down held a nightly run over a thousand dead pages for hours.
    other.expect_request("/wayback/available").respond_with_data("down for maintenance", status=503)
    server.expect_request("/gone").respond_with_data("gone", status=404)
    dead = [
        make_claim(f"dead-{n}", OPENED, sources=[make_source(server.url_for(f"/gone?{n}"), QUOTE)]) for n in range(3)
    ]
    path = claims(tmp_path, *dead)
    result = run(
        "--claims", str(path), "verify", "--all", "--allow-host", f"127.0.0.1:{server.port}",
        "--archive-api", f"http://127.0.0.1:{other.port}", "--retries", "0", "--dead-after", "1", "--dead-days", "0",
    )  # fmt: skip
    assert [saved(path, f"dead-{n}").status for n in range(3)] == ["unsupported"] * 3
    assert result.exit_code == 1
    assert len([r for r, _ in other.log if r.path == "/wayback/available"]) == 1


def test_a_nightly_run_does_not_ask_again_for_a_copy_the_archive_did_not_have(
    run, server, other, tmp_path: Path, isolated_cache: Path
) -> None:
    archive = FakeWayback(other)  # with no copy of anything
    server.expect_request("/gone").respond_with_data("gone", status=404)
    url = server.url_for("/gone")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, QUOTE)]))
    dead_at_once = ("--dead-after", "1", "--dead-days", "0")
    _nightly(run, path, server, archive, *dead_at_once)
    assert archive.lookups == [url] and saved(path, "opened").sources[0].last_check.outcome == "dead"
    _nightly(run, path, server, archive, *dead_at_once)  # the next night
    assert archive.lookups == [url]
    # A person asking about the claim by its id asks the archive now.
    assert _verify(run, path, server, archive, *dead_at_once).exit_code == 1
    assert archive.lookups == [url, url]
    week_ago = time.time() - 7 * 86400
    for remembered in (isolated_cache / "web" / "no-copy").iterdir():
        os.utime(remembered, (week_ago, week_ago))
    _nightly(run, path, server, archive, *dead_at_once)  # a week later, the archive is asked again
    assert archive.lookups == [url, url, url]


def test_a_copy_without_the_quote_is_not_fetched_again_every_night(run, server, other, tmp_path: Path) -> None:
    archive = FakeWayback(other)
    url, path = _verified(run, tmp_path, server, archive)
    archive.add(url, "20260101120000", MOVED_ON)  # a copy of the page as it is now, without the quote
    server.clear()
    server.expect_request("/bridge").respond_with_data(MOVED_ON, content_type="text/html")
    _verify(run, path, server, archive)
    assert saved(path, "opened").sources[0].last_check.outcome == "changed" and archive.lookups == [url]
    backdate(path, 1)  # the next night, the page as it was
    before = path.read_bytes()
    _nightly(run, path, server, archive)
    assert path.read_bytes() == before and archive.lookups == [url]
