"""Archive copies of sources, against a Wayback Machine served on 127.0.0.1.

The fake (``conftest.FakeWayback``) answers the availability API, Save Page
Now (with its redirects, Content-Location and Link answers, its 429s with
Retry-After, its 5xx and its robots refusal) and serves snapshots.  No
request leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from factcheck.net import archive, fetch
from factcheck.net.archive import ArchiveError, Endpoints
from factcheck.publish import archiving
from factcheck.store.folder import Folder, read

from conftest import FakeWayback, make_claim, make_source, unnamed_fields, write_claims

QUOTE = "Trade reached $31 billion in 2022"
PAGE = f"<html><body><article><h1>Trade</h1><p>{QUOTE}, the customs office said.</p></article></body></html>"
SOURCE = "https://stats.example.org/trade"


def endpoints(wayback: FakeWayback) -> Endpoints:
    return Endpoints(api=wayback.base, save=wayback.base)


def policy(**changes) -> fetch.Policy:
    settings = {"timeout": 2.0, "retries": 1, "backoff": 0.01, "max_retry_after": 2.0}
    settings.update(changes)
    return fetch.Policy(**settings)


def recent() -> str:
    return archive.timestamp_of(dt.datetime.now(dt.UTC) - dt.timedelta(days=3))


# --- the client --------------------------------------------------------------------------


def test_lookup_finds_the_closest_snapshot_and_none_when_there_is_none(wayback: FakeWayback) -> None:
    wayback.add(SOURCE, "20130919044612")
    wayback.add(SOURCE, "20250101000000")
    ends = endpoints(wayback)
    with archive.session(policy(), ends) as client:
        found = archive.lookup(client, policy(), SOURCE, ends, "20240601000000")
        assert found is not None
        assert found.timestamp == "20250101000000"
        assert found.url == f"{wayback.base}/web/20250101000000/{SOURCE}"
        assert found.archived_at == "2025-01-01T00:00:00Z"
        assert found.raw_url == f"{wayback.base}/web/20250101000000id_/{SOURCE}"
        assert archive.lookup(client, policy(), "https://nowhere.example.org/", ends) is None


@pytest.mark.parametrize("naming", ["location", "content-location", "link"])
def test_save_page_now_names_the_new_snapshot_in_each_of_its_ways(wayback: FakeWayback, naming: str) -> None:
    wayback.naming = naming
    ends = endpoints(wayback)
    with archive.session(policy(), ends) as client:
        snapshot = archive.capture(client, policy(), SOURCE + "?q=1#part", ends)
    assert snapshot.original == SOURCE + "?q=1"
    assert snapshot.url == wayback.snapshot_url(SOURCE + "?q=1", snapshot.timestamp)
    assert wayback.saves == [SOURCE + "?q=1"]  # the fragment is not sent


@pytest.mark.parametrize(
    ("step", "kind", "retry_after"),
    [("429:7", "rate-limited", 7.0), ("429", "rate-limited", None), ("503", "unavailable", None),
     ("520", "unavailable", None), ("robots", "blocked", None)],
)  # fmt: skip
def test_save_page_now_refusals_are_told_apart_and_not_retried(
    wayback: FakeWayback, step: str, kind: str, retry_after: float | None
) -> None:
    wayback.plan = [step]
    ends = endpoints(wayback)
    with archive.session(policy(), ends) as client, pytest.raises(ArchiveError) as caught:
        archive.capture(client, policy(), SOURCE, ends)
    assert caught.value.kind == kind
    assert caught.value.retry_after == retry_after
    assert len(wayback.saves) == 1  # the caller paces retries, not capture


def test_the_archive_endpoints_are_allowed_and_nothing_else(wayback: FakeWayback, other) -> None:
    ends = endpoints(wayback)
    # A plain guarded session refuses the loopback archive ...
    with fetch.session(policy()) as client, pytest.raises(ArchiveError) as caught:
        archive.lookup(client, policy(), SOURCE, ends)
    assert caught.value.kind == "refused"
    # ... a session for the archive reaches it, but not another loopback port it points to.
    wayback.snapshots[SOURCE] = ["20250101000000"]
    other.expect_request("/web/20250101000000id_/" + SOURCE).respond_with_data(PAGE, content_type="text/html")
    elsewhere = f"http://127.0.0.1:{other.port}/web/20250101000000/{SOURCE}"
    with archive.session(policy(), ends) as client, pytest.raises(ArchiveError) as caught:
        archive.archived_text(elsewhere, policy(), client, Endpoints(api=wayback.base, save=elsewhere))
    assert caught.value.kind == "refused"
    assert other.log == []


def test_archived_text_reads_the_copy_without_the_archive_banner(wayback: FakeWayback) -> None:
    archive_url = wayback.add(SOURCE, "20250101000000", PAGE)
    ends = endpoints(wayback)
    with archive.session(policy(), ends) as client:
        by_archive_url = archive.archived_text(archive_url, policy(), client, ends)
        by_page_url = archive.archived_text(SOURCE, policy(), client, ends, "20250101000000")
        with pytest.raises(ArchiveError) as caught:
            archive.archived_text("https://never.example.org/x", policy(), client, ends)
    assert QUOTE in by_archive_url.text.text
    assert f"/web/20250101000000id_/{SOURCE}" in [request.path for request, _ in wayback.server.log]
    assert by_page_url.snapshot.url == archive_url
    assert caught.value.kind == "none"


def test_snapshot_urls_are_recognised_only_on_the_archive() -> None:
    snap = archive.snapshot_of("https://web.archive.org/web/20130919044612/http://example.com/a?b=1")
    assert snap is not None and snap.original == "http://example.com/a?b=1"
    assert archive.is_archive_url("https://web.archive.org/web/20130919044612/http://example.com/")
    assert not archive.is_archive_url("https://example.com/web/20130919044612/http://example.com/")
    assert archive.snapshot_of("https://web.archive.org/web/2013/http://example.com/") is None
    assert archive.snapshot_of("https://web.archive.org/web/20131399999999/http://example.com/") is None


# --- archiving a folder of claims ----------------------------------------------------------


def claims(tmp_path: Path, *urls: str) -> Path:
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "trade",
        [
            make_claim("trade", "Trade reached $31 billion.", sources=[make_source(u, QUOTE) for u in urls]),
            make_claim("trade-again", "Trade reached $31 billion again.", sources=[make_source(urls[0], QUOTE)]),
        ],
    )
    return folder


def fast(**changes) -> archiving.Settings:
    values = {"pace": 0.05, "lookup_pace": 0.0, "wait": 3.0, "captures": 3, "retries": 2, "backoff": 0.05}
    values.update(changes)
    return archiving.Settings(**values)


def archive_all(folder: Path, wayback: FakeWayback, settings: archiving.Settings) -> archiving.Run:
    targets, already = archiving.select(Folder(folder).load(), None)
    return archiving.run(targets, policy(), endpoints(wayback), settings, already=already)


def test_a_recent_copy_is_kept_an_old_one_is_captured_anew_and_every_citing_source_records_it(
    tmp_path: Path, wayback: FakeWayback
) -> None:
    one, two = "https://a.example.org/one", "https://b.example.org/two#section"
    wayback.add(one, recent())
    wayback.add("https://b.example.org/two", "20100101000000")  # older than max-age
    folder = claims(tmp_path, one, two)
    result = archive_all(folder, wayback, fast())
    by_url = {r.url: r for r in result.results}
    assert by_url[one].how == archiving.FOUND and by_url[one].recorded == 2  # both claims cite it
    assert by_url["https://b.example.org/two"].how == archiving.CAPTURED
    assert wayback.saves == ["https://b.example.org/two"]
    stored = read(folder / "trade.json").claims_file
    first, second = stored.claims[0].sources
    assert first.archive_url == by_url[one].snapshot.url  # type: ignore[union-attr]
    assert second.archive_url and second.archived_at
    assert stored.claims[1].sources[0].archive_url == first.archive_url
    # A second run has nothing left to do.
    again = archive_all(folder, wayback, fast())
    assert again.results == [] and again.already == 3


def test_retries_honour_retry_after_and_back_off_on_errors(tmp_path: Path, wayback: FakeWayback) -> None:
    wayback.plan = ["429:1", "503"]
    folder = claims(tmp_path, "https://a.example.org/one")
    began = time.monotonic()
    result = archive_all(folder, wayback, fast())
    assert [r.how for r in result.results] == [archiving.CAPTURED]
    assert len(wayback.saves) == 3
    assert time.monotonic() - began >= 1.0  # the Retry-After was waited for


def test_a_long_retry_after_ends_the_captures_and_keeps_older_copies(tmp_path: Path, wayback: FakeWayback) -> None:
    wayback.plan = ["429:600"]
    wayback.add("https://a.example.org/one", "20100101000000")
    folder = claims(tmp_path, "https://a.example.org/one", "https://b.example.org/two")
    result = archive_all(folder, wayback, fast(captures=1))
    by_url = {r.url: r for r in result.results}
    assert by_url["https://a.example.org/one"].how == archiving.OLDER
    assert by_url["https://b.example.org/two"].how == archiving.FAILED
    assert "asks to wait 600 s" in (by_url["https://b.example.org/two"].error or "")
    assert len(wayback.saves) == 1
    assert not result.ok
    stored = read(folder / "trade.json").claims_file
    assert stored.claims[0].sources[0].archived_at == "2010-01-01T00:00:00Z"
    assert not stored.claims[0].sources[1].archive_url


def test_one_slow_capture_does_not_hold_up_the_others(tmp_path: Path, wayback: FakeWayback) -> None:
    wayback.plan = ["slow:5"]
    folder = claims(tmp_path, "https://a.example.org/slow", "https://b.example.org/two", "https://c.example.org/3")
    result = archive_all(folder, wayback, fast(wait=1.0))
    by_url = {r.url: r for r in result.results}
    # The slow capture is left pending after the 1 s wait, and the others were captured meanwhile.
    assert by_url["https://a.example.org/slow"].how == archiving.FAILED
    assert by_url["https://a.example.org/slow"].kind == "pending"
    assert by_url["https://b.example.org/two"].how == archiving.CAPTURED, by_url["https://b.example.org/two"]
    assert by_url["https://c.example.org/3"].how == archiving.CAPTURED, by_url["https://c.example.org/3"]


def test_robots_refusals_fail_and_a_capture_without_a_name_is_found_by_looking_again(
    tmp_path: Path, wayback: FakeWayback
) -> None:
    wayback.plan = ["robots", "pending"]
    folder = claims(tmp_path, "https://a.example.org/one", "https://b.example.org/two")
    result = archive_all(folder, wayback, fast(captures=1))
    by_url = {r.url: r for r in result.results}
    assert by_url["https://a.example.org/one"].how == archiving.FAILED
    assert by_url["https://a.example.org/one"].kind == "blocked"
    assert by_url["https://b.example.org/two"].how == archiving.CAPTURED


# --- the commands ----------------------------------------------------------------------------


@pytest.fixture
def archive_env(wayback: FakeWayback, monkeypatch: pytest.MonkeyPatch) -> FakeWayback:
    """Point the commands at the fake archive, quickly paced, through the environment."""
    monkeypatch.setenv("FACTCHECK_ARCHIVE_API", wayback.base)
    monkeypatch.setenv("FACTCHECK_ARCHIVE_SAVE", wayback.base)
    monkeypatch.setenv("FACTCHECK_ARCHIVE_PACE", "0.05")
    monkeypatch.setenv("FACTCHECK_ARCHIVE_WAIT", "3")
    monkeypatch.setenv("FACTCHECK_BACKOFF", "0.01")
    return wayback


def test_archive_all_records_copies_and_says_what_it_did(run, tmp_path: Path, archive_env: FakeWayback) -> None:
    archive_env.add("https://a.example.org/one", recent())
    folder = claims(tmp_path, "https://a.example.org/one", "https://b.example.org/two")
    result = run("--claims", str(folder), "archive", "--all")
    assert result.exit_code == 0, result.stderr
    assert "found  https://a.example.org/one" in result.stdout
    assert "captured  https://b.example.org/two" in result.stdout
    assert "2 URLs archived: 1 found, 1 captured" in result.stderr
    assert "[1/2] https://a.example.org/one: found" in result.stderr
    stored = read(folder / "trade.json").claims_file
    assert all(s.archive_url and s.archived_at for c in stored.claims for s in c.sources)
    again = run("--claims", str(folder), "archive", "--all", "--format", "json")
    assert again.exit_code == 0
    assert '"already_archived": 3' in again.stdout
    # Every field a program reads is named in the reference, the results' too.
    fresh = run(
        "--claims",
        str(claims(tmp_path / "fresh", "https://c.example.org/three")),
        "archive",
        "--all",
        "--format",
        "json",
    )
    assert unnamed_fields(fresh.stdout, "archive") == set()
    assert "nothing to archive; 3 sources had a copy already" in again.stderr


def test_archive_exits_1_when_a_url_gets_no_copy_and_2_on_bad_usage(
    run, tmp_path: Path, archive_env: FakeWayback
) -> None:
    archive_env.plan = ["robots"]
    folder = claims(tmp_path, "https://a.example.org/one")
    result = run("--claims", str(folder), "archive", "trade")
    assert result.exit_code == 1
    assert "no copy  https://a.example.org/one" in result.stdout
    assert "Blocked By Robots" in result.stdout
    assert run("--claims", str(folder), "archive").exit_code == 2
    assert run("--claims", str(folder), "archive", "trade", "--all").exit_code == 2
    assert run("--claims", str(folder), "archive", "nope").exit_code == 2
    bad = run("--claims", str(folder), "archive", "--all", "--archive-api", "ftp://x")
    assert bad.exit_code == 2 and "is not an http(s) URL" in bad.stderr


def test_archive_is_configured_in_setup_cfg(
    run, tmp_path: Path, wayback: FakeWayback, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims(tmp_path, "https://a.example.org/one")
    (tmp_path / "setup.cfg").write_text(
        f"[factcheck]\narchive-api = {wayback.base}\narchive-save = {wayback.base}\narchive-pace = 0\n"
        f"allow-host = 127.0.0.1:{wayback.server.port}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = run("--claims", "claims", "archive", "--all")
    assert result.exit_code == 0, result.stderr
    assert wayback.saves == ["https://a.example.org/one"]


def test_source_add_archive_archives_on_the_spot(run, tmp_path: Path, archive_env: FakeWayback) -> None:
    folder = claims(tmp_path, "https://a.example.org/one")
    result = run("--claims", str(folder), "source", "add", "trade", "https://c.example.org/new#x", "--archive")
    assert result.exit_code == 0, result.stderr
    assert "trade: added https://c.example.org/new#x" in result.stderr
    assert "trade: captured" in result.stderr
    assert archive_env.saves == ["https://c.example.org/new"]  # not the other source
    stored = read(folder / "trade.json").claims_file
    assert stored.claims[0].sources[-1].archive_url
    assert not stored.claims[0].sources[0].archive_url


def test_source_edit_archive_archives_the_new_url(run, tmp_path: Path, archive_env: FakeWayback) -> None:
    folder = claims(tmp_path, "https://a.example.org/one", "https://b.example.org/two")
    args = ("--claims", str(folder), "source", "edit", "trade", "https://a.example.org/one")
    result = run(*args, "--url", "https://c.example.org/new?utm_source=x", "--archive")
    assert result.exit_code == 0, result.stderr
    assert "trade: https://c.example.org/new: changed url" in result.stderr
    assert "trade: captured" in result.stderr
    assert archive_env.saves == ["https://c.example.org/new"]  # not the old URL, nor the other source
    trade, again = read(folder / "trade.json").claims_file.claims
    assert [(s.url, bool(s.archive_url)) for s in trade.sources] == [
        ("https://c.example.org/new", True),
        ("https://b.example.org/two", False),
    ]
    assert not again.sources[0].archive_url  # the other claim still cites the old URL, unarchived

    # A source with its copy already is left alone, as archive leaves it.
    result = run(
        "--claims", str(folder), "source", "edit", "trade", "https://c.example.org/new", "--title", "New", "--archive"
    )
    assert result.exit_code == 0, result.stderr
    assert "trade: https://c.example.org/new: nothing to archive: it has an archived copy, or is one" in result.stderr
    assert archive_env.saves == ["https://c.example.org/new"]


def test_source_edit_archive_exits_1_when_no_copy_can_be_had(run, tmp_path: Path, archive_env: FakeWayback) -> None:
    archive_env.plan = ["robots"]
    folder = claims(tmp_path, "https://a.example.org/one")
    args = ("--claims", str(folder), "source", "edit", "trade", "https://a.example.org/one")
    result = run(*args, "--url", "https://c.example.org/new", "--archive")
    assert result.exit_code == 1
    stored = read(folder / "trade.json").claims_file.claims[0].sources[0]
    assert stored.url == "https://c.example.org/new" and not stored.archive_url  # edited all the same


def test_show_annotate_and_report_link_the_archived_copy(run, tmp_path: Path) -> None:
    copy = "https://web.archive.org/web/20260101000000/https://a.example.org/one"
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "trade",
        [
            make_claim(
                "trade",
                "Trade reached $31 billion.",
                "verified",
                sources=[
                    make_source(
                        "https://a.example.org/one",
                        QUOTE,
                        archive_url=copy,
                        archived_at="2026-01-01T00:00:00Z",
                        last_check={"at": "2026-11-01T00:00:00Z", "outcome": "dead", "failures": 3},
                    )
                ],
            )
        ],
        article={"title": "Trade", "path": "trade.txt"},
    )
    (folder / "trade.txt").write_text("Trade reached $31 billion.\n", encoding="utf-8")
    show = run("--claims", str(folder), "show", "trade").stdout
    assert f"      archived 2026-01-01: {copy}" in show
    assert f"archived 2026-01-01: {copy}" in run("--claims", str(folder), "annotate").stdout
    assert (
        f" · [archived copy]({copy}), 1 Jan 2026" in run("--claims", str(folder), "annotate", "--format", "md").stdout
    )
    html = run("--claims", str(folder), "annotate", "--format", "html").stdout
    assert (
        f'<a href="{copy}" rel="noreferrer noopener">archived copy</a>, <time datetime="2026-01-01T00:00:00Z">' in html
    )
    report = run("--claims", str(folder), "report").stdout
    assert f"      archived copy: {copy}" in report and "archived 1" in report
    assert f'href="{copy}"' in run("--claims", str(folder), "report", "--format", "html").stdout


def test_the_wayback_machines_http_links_become_links_on_its_https_endpoint() -> None:
    snap = archive.snapshot_of("http://web.archive.org/web/20130919044612/http://example.com/")
    assert snap is not None
    moved = archive._on_endpoint(snap, Endpoints())
    assert moved.url == "https://web.archive.org/web/20130919044612/http://example.com/"
    assert archive._on_endpoint(snap, Endpoints(save="https://archive.example.org")) == snap
    assert Endpoints().hosts() == {("archive.org", 443), ("web.archive.org", 443)}
    assert Endpoints().availability("https://x.org/a?b=1", "20260101000000") == (
        "https://archive.org/wayback/available?url=https%3A%2F%2Fx.org%2Fa%3Fb%3D1&timestamp=20260101000000"
    )
    assert Endpoints().save_page("https://x.org/a?b=1") == "https://web.archive.org/save/https://x.org/a?b=1"
