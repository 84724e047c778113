"""Hostile and careless input: one regression test (or more) per row of the hostile-input run.

Each test names its row ("row 1", "also seen: …") so that the table in the
issue and these tests can be read side by side.  ``p`` is the shipped claims
file, copied into a folder of the test's own (a git repository unless the
test says otherwise).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from factcheck.net import fetch
from factcheck.store.folder import read

from conftest import SEED_CLAIMS, git, init_repo, make_claim, make_source, write_claims
from loopback import Acceptor

SEED = "china-kazakhstan-30-years"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the shipped claims in ``claims/``; the current folder."""
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(SEED_CLAIMS, repo / "claims")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def p(project: Path) -> Path:
    """The shipped claims file, in the test's project."""
    return project / "claims" / f"{SEED}.json"


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change a claims file as a person (or an attacker) would: by hand, as JSON."""
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def set_article(claims: Path, **fields: Any) -> None:
    edit(claims, lambda d: d["article"].update(fields))


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {f: f.read_bytes() for f in folder.rglob("*") if f.is_file() and ".git" not in f.parts}


def refused(run, folder: Path, *args: str) -> str:
    """Run a command that must fail cleanly: exit 2, one line on stderr, nothing on stdout, nothing written."""
    before = snapshot(folder)
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
    assert snapshot(folder) == before
    return lines[0]


# --- rows 1-2, 6: the article path is confined to the repository --------------------------------

SECRET = "root:x:0:0:SECRET-LINE-FROM-OUTSIDE\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project that no claims file may make factcheck read."""
    path = tmp_path / "passwd"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
@pytest.mark.parametrize("how", ["absolute", "dot-dot"])
def test_rows_1_2_annotate_never_prints_a_file_outside_the_repository(
    run, project: Path, p: Path, outside: Path, how: str, fmt: str
) -> None:
    relative = str(outside) if how == "absolute" else "../" * 12 + str(outside).lstrip("/")
    set_article(p, path=relative)
    line = refused(run, project, "annotate", "--format", fmt)
    assert f"claims/{SEED}.json:9: article.path" in line
    assert ("not absolute" if how == "absolute" else "leads outside the repository") in line
    assert "SECRET" not in line


@pytest.mark.parametrize("relative", ["/etc/passwd", "../../../../../../etc/passwd"])
def test_rows_1_2_check_reports_the_path_and_does_not_read_it(run, project: Path, p: Path, relative: str) -> None:
    set_article(p, path=relative)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    invalid = [f for f in findings if f["rule"] == "invalid"]
    assert len(invalid) == 1 and invalid[0]["line"] == 9
    assert "article.path" in invalid[0]["message"]
    # The file was not read: no claim is said to be missing from "the article text" /etc/passwd.
    assert not [f for f in findings if f["rule"] == "anchor-lost"]


def test_rows_1_2_a_symlink_out_of_the_repository_is_followed_and_refused(
    run, project: Path, p: Path, outside: Path
) -> None:
    (project / "claims" / "innocent.txt").symlink_to(outside)
    set_article(p, path="innocent.txt")
    line = refused(run, project, "annotate")
    assert "'innocent.txt' leads outside the repository" in line
    (project / "linked").symlink_to(outside.parent, target_is_directory=True)
    set_article(p, path="../linked/passwd")
    assert "leads outside the repository" in refused(run, project, "annotate", "--format", "html")


def test_an_article_elsewhere_in_the_repository_is_fine(run, project: Path, p: Path) -> None:
    (project / "texts").mkdir()
    shutil.move(project / "claims" / f"{SEED}.txt", project / "texts" / "article.txt")
    set_article(p, path="../texts/article.txt")
    result = run("annotate", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.stdout


def test_without_a_repository_the_article_stays_in_the_claims_folder(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain" / "claims"
    shutil.copytree(SEED_CLAIMS, folder)
    monkeypatch.chdir(tmp_path / "plain")
    assert run("annotate").exit_code == 0
    (tmp_path / "plain" / "up.txt").write_text("text", encoding="utf-8")
    set_article(folder / f"{SEED}.json", path="../up.txt")
    assert "leads outside the claims file's folder" in refused(run, tmp_path / "plain", "annotate")


def test_row_6_a_nul_in_the_article_path(run, project: Path, p: Path) -> None:
    set_article(p, path="a\u0000b.txt")
    line = refused(run, project, "annotate")
    assert f"claims/{SEED}.json:9: article.path: " in line and "without control characters" in line
    result = run("check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "invalid" in result.stdout


def test_rows_1_2_nothing_is_written_with_an_article_path_outside(run, project: Path, p: Path) -> None:
    set_article(p, path="../../outside.txt")
    line = refused(run, project, "set", "crossroads", "--status", "false", "--note", "n")
    assert "refusing to write the claims file: article.path '../../outside.txt' leads outside" in line
    # The line of article.path in the file on disk, which is where a person goes to correct it.
    assert line.startswith(f"factcheck: error: claims/{SEED}.json:9: refusing"), line
    assert line.endswith("; nothing was written"), line


def test_rows_1_2_a_merge_that_would_write_an_invalid_file_is_refused_at_the_line_on_disk(
    run, project: Path, p: Path
) -> None:
    # Every claims file on disk is valid; merging an article whose name holds a control character
    # would record a path no reader takes. The refusal points at article.path as the file has it.
    article = project / "claims" / "brid\x01ge.txt"
    article.write_text("The bridge opened in March 2020 after four years of work and cost $2 billion.\n")
    # --force: the claims file annotates another article, still there, and extract refuses that first.
    line = refused(run, project, "extract", str(article), "--into", f"claims/{SEED}.json", "--force")
    assert line.startswith(
        f"factcheck: error: claims/{SEED}.json:9: refusing to write an invalid claims file: article.path: "
    ), line
    assert line.endswith("; nothing was written"), line


def test_rows_1_2_extract_does_not_record_an_article_outside_the_repository(run, project: Path, outside: Path) -> None:
    outside.write_text("The bridge opened in March 2020 after four years of work and cost $2 billion.\n")
    line = refused(run, project, "extract", str(outside), "--into", "claims/new.json")
    assert "is outside the repository" in line and "copy it beside its claims file first: cp " in line
    assert not (project / "claims" / "new.json").exists()


# --- a claims file that is a symlink is held to the repository as its article is ------------------


def link_to(p: Path, target: Path) -> Path:
    """Move the claims file ``p`` to ``target`` and leave a symlink to it in its place; the target."""
    p.rename(target)
    p.symlink_to(target)
    return target


def stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "crossroads"),
        ("set", "crossroads", "--status", "false"),
        ("source", "add", "crossroads", "https://example.org/a"),
        ("verify", "--all", "--offline"),
        ("diff",),
        ("--claims", f"claims/{SEED}.json", "report"),  # named on the command line, not found in a folder
    ],
)
def test_a_claims_file_linked_out_of_the_repository_is_neither_read_nor_written(
    run, project: Path, p: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    git(project, "add", ".")
    git(project, "commit", "-qm", "claims")
    target = link_to(p, tmp_path / "elsewhere.json")
    before = stamp(target)
    line = refused(run, project, *args)
    assert line == (
        f"factcheck: error: claims/{SEED}.json: is a symlink to {target.resolve()}, outside the repository "
        f"({project.resolve()}); factcheck reads and writes claims files only inside it"
    )
    assert stamp(target) == before


def test_check_reports_a_claims_file_linked_out_of_the_repository_without_opening_it(
    run, project: Path, p: Path, tmp_path: Path
) -> None:
    target = tmp_path / "settings.json"
    target.write_text('{"api_token": "SECRET"}\n', encoding="utf-8")
    p.unlink()
    p.symlink_to(target)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["file"], finding["line"]) == ("invalid", f"claims/{SEED}.json", None)
    assert finding["message"].startswith(f"is a symlink to {target.resolve()}, outside the repository")
    assert "api_token" not in result.stdout and "SECRET" not in result.stdout
    sarif = json.loads(run("check", "--format", "sarif").stdout)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["invalid"]


def test_extract_does_not_create_a_claims_file_through_a_link_out_of_the_repository(
    run, project: Path, tmp_path: Path
) -> None:
    planted = tmp_path / "planted.json"
    (project / "claims" / "new.json").symlink_to(planted)
    line = refused(run, project, "extract", f"claims/{SEED}.txt", "-o", "claims/new.json")
    assert "claims/new.json: is a symlink to" in line
    assert not planted.exists()


def test_a_claims_file_linked_inside_the_repository_reads_and_writes_as_before(run, project: Path, p: Path) -> None:
    git(project, "add", ".")
    git(project, "commit", "-qm", "claims")
    commands = [("list",), ("show", "crossroads"), ("check", "--format", "json"), ("report",)]
    before = [run(*args).stdout for args in commands]
    (project / "articles").mkdir()
    target = link_to(p, project / "articles" / f"{SEED}.json")
    assert [run(*args).stdout for args in commands] == before
    assert run("set", "crossroads", "--status", "false", "--note", "n").exit_code == 0
    assert p.is_symlink() and json.loads(target.read_text())["claims"][0]["status"] == "false"
    result = run("diff", "--format", "json")
    assert result.exit_code == 0 and "crossroads" in result.stdout


# --- rows 17-19: a bad Location fails one source; one deadline bounds a whole fetch ------------


class RawServer:
    """A raw HTTP server on 127.0.0.1: to every request it sends ``head`` at once, then ``drip``
    one byte every ``interval`` seconds (what no well-behaved server library will do)."""

    def __init__(self, head: bytes, drip: bytes = b"", interval: float = 0.05) -> None:
        self.head, self.drip, self.interval = head, drip, interval
        self.stopped = threading.Event()
        self.requests = 0  # how many requests it has read
        self.acceptor = Acceptor(self._answer)
        self.port = self.acceptor.port

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                self.requests += 1
                conn.sendall(self.head)
                for byte in self.drip:
                    if self.stopped.wait(self.interval):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return  # the client gave up: that is the point

    def close(self) -> None:
        self.stopped.set()
        self.acceptor.close()


@pytest.fixture
def raw_server() -> Iterator[Callable[..., RawServer]]:
    started: list[RawServer] = []

    def start(head: bytes, drip: bytes = b"", interval: float = 0.05) -> RawServer:
        started.append(RawServer(head, drip, interval))
        return started[-1]

    yield start
    for server in started:
        server.close()


def _policy(port: int, **changes: Any) -> fetch.Policy:
    settings: dict[str, Any] = {"timeout": 1.0, "retries": 0, "backoff": 0.01, "total": 1.5}
    settings.update(changes)
    return fetch.Policy(allow_hosts=frozenset({("127.0.0.1", port)}), **settings)


def _fetch_error(url: str, policy: fetch.Policy) -> fetch.FetchError:
    with fetch.session(policy) as client, pytest.raises(fetch.FetchError) as info:
        fetch.fetch(client, url, policy)
    return info.value


BAD_LOCATIONS = ["http://[::1", "http://[::1]:99999/", "http://e.org/\x1b]52;c;aGk=\x07", "http://[v1.x]/"]


def _redirect(location: str) -> bytes:
    return b"HTTP/1.1 302 Found\r\nLocation: " + location.encode("latin-1") + b"\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize("location", BAD_LOCATIONS)
def test_row_17_a_malformed_location_fails_that_fetch_as_bad_url(raw_server, location: str) -> None:
    server = raw_server(_redirect(location))
    error = _fetch_error(server.url("/hop"), _policy(server.port))
    assert error.kind == "bad-url", error.message


@pytest.mark.parametrize("url", ["http://[::1", "http://e.org/a\x00b", "http://e.org:99999/"])
def test_row_17_a_malformed_url_fails_as_bad_url(url: str) -> None:
    assert _fetch_error(url, fetch.Policy(timeout=1, retries=0)).kind == "bad-url"


def test_row_17_verify_records_the_bad_source_and_checks_the_others(run, raw_server, server, tmp_path: Path) -> None:
    bad = raw_server(_redirect("http://[::1"))
    server.expect_request("/fine").respond_with_data(
        "<html><body><p>The bridge opened in March 2020.</p></body></html>", content_type="text/html"
    )
    path = write_claims(
        tmp_path / "claims",
        "b",
        [
            make_claim("bad", "The bridge opened.", sources=[make_source(bad.url("/hop"), "opened")]),
            make_claim("good", "It opened in 2020.", sources=[make_source(server.url_for("/fine"), "opened")]),
        ],
    )
    allowed = ["--allow-host", f"127.0.0.1:{bad.port}", "--allow-host", f"127.0.0.1:{server.port}"]
    result = run("--claims", str(path), "verify", "--all", *allowed, "--retries", "0")
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    stored = read(path).claims_file
    checks = {c.id: c.sources[0].last_check for c in stored.claims}
    assert checks["bad"] is not None and checks["good"] is not None
    assert "cannot be parsed (Invalid IPv6 URL)" in (checks["bad"].error or "")
    assert checks["good"].outcome == "supported"


SLOW_HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", b"X-Pad: " + b"a" * 400 + b"\r\n\r\nok")
SLOW_BODY = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n\r\n", b"b" * 400)


@pytest.mark.parametrize(("head", "drip"), [SLOW_HEADERS, SLOW_BODY], ids=["headers", "body"])
def test_rows_18_19_a_server_dripping_bytes_is_cut_off_at_the_deadline(raw_server, head: bytes, drip: bytes) -> None:
    # Each byte comes well within the 1 s timeout; 400 of them would take 20 s.
    server = raw_server(head, drip, 0.05)
    start = time.monotonic()
    error = _fetch_error(server.url("/slow"), _policy(server.port, timeout=1.0, total=1.5))
    elapsed = time.monotonic() - start
    # Cut off by the whole fetch's deadline (1.5 s), not by a read's timeout: every byte came within 1 s.
    # The whole answer would take 20 s and succeed, so a timeout is the deadline at work.
    assert error.kind == "timeout", error.message
    assert elapsed > 1.4, elapsed


def test_rows_18_19_retries_do_not_extend_the_deadline(raw_server) -> None:
    server = raw_server(*SLOW_BODY)
    error = _fetch_error(server.url("/slow"), _policy(server.port, retries=3, total=1.5))
    assert error.kind == "timeout"
    assert server.requests == 1  # the deadline passed during the first try: no retry began after it


def test_rows_18_19_the_default_deadline_is_the_documented_one() -> None:
    # docs/reference/verify.md: "one fetch takes at most max(60, 6×S) seconds in all".
    assert fetch.Policy(timeout=3).deadline == 60
    assert fetch.Policy(timeout=20).deadline == 120
    assert fetch.Policy(timeout=3, total=2).deadline == 2


# --- row 25 and "also seen": URLs at `source add` ---------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://e.org/y\x1b]52;c;aGVsbG8=\x07",  # an OSC 52 clipboard write
        "http://e.org/a b",
        "http://e.org/\u202egpj.exe",  # a bidi override
        "http://e.org/\u2028next",
        "http://e.org/\x00",
        "http://e.org/\udcff",  # an undecodable byte from the command line
    ],
)
def test_row_25_urls_with_control_characters_or_white_space_are_refused(run, project: Path, url: str) -> None:
    line = refused(run, project, "source", "add", "crossroads", url)
    assert "white space or an invisible or control character" in line
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line


@pytest.mark.parametrize("url", ["http://[::1", "http://e.org:99999/", "https://[v1.x/"])
def test_a_malformed_url_is_one_clear_line(run, project: Path, url: str) -> None:
    assert "is not a valid URL" in refused(run, project, "source", "add", "crossroads", url)
    assert "does not cite" in refused(run, project, "source", "remove", "crossroads", url)


def test_urls_with_credentials_are_refused_at_source_add(run, project: Path) -> None:
    line = refused(run, project, "source", "add", "crossroads", "https://user:hunter2@e.org/page")
    assert "user name or password" in line and "hunter2" not in line


# --- rows 22-24 and "also seen": every output of hostile data is inert and parses ----------------

ESC_NAME = "a\x1b[31mb"  # row 23-24: a control character in a claims file name
NOTE = "first line\n::error file=x::forged\n  ::add-mask::secret\n##[warning]old style\u2028\u202eright-to-left"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028", "\u2029", "\u2066")
COMMAND_LINE = re.compile(r"^\s*(::|##\[)", re.MULTILINE)


def _hostile(document: dict[str, Any]) -> None:
    article = document["article"]
    article["title"] = "Title \u202eevil\u202c \x1b[2J"
    article["author"] = "A\x1b]0;pwned\x07uthor"
    claims = document["claims"]
    claims[0]["text"] = '=HYPERLINK("http://evil.example/","click")'
    claims[0]["note"] = NOTE
    claims[1]["text"] = "+cmd|' /C calc'!A0"
    claims[2]["text"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    claims[3]["text"] = "\t=1+1"
    claims[4]["text"] = "-2+3 \x1b]52;c;aGVsbG8=\x07 and \u2028 and \x9b31m"
    claims[5]["text"] = "\r=1+1"
    claims[0]["sources"][0]["url"] = "https://user:hunter2@example.org/page"
    claims[0]["sources"][0]["title"] = "::warning::in a title"
    claims[0]["history"].append(
        {"at": "2030-01-01T00:00:00Z", "from": claims[0]["status"], "to": "false", "by": "\x1b[31mMallory", "why": NOTE}
    )
    claims[0]["status"] = "false"


@pytest.fixture
def hostile(project: Path, p: Path) -> Path:
    """The project with the shipped claims committed, then made hostile, renamed and committed again."""
    from conftest import git

    git(project, "add", "-A")
    git(project, "commit", "-qm", "seed")
    edit(p, _hostile)
    renamed = p.with_name(ESC_NAME + ".json")
    p.rename(renamed)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "hostile \x1b[31m::error::x")
    return renamed


OUTPUTS = [
    ("list", "text"),
    ("list", "json"),
    ("list", "csv"),
    ("list", "md"),
    ("show crossroads", "text"),
    ("show crossroads", "json"),
    ("history crossroads", "text"),
    ("history crossroads", "json"),
    ("history crossroads --git", "text"),
    ("history crossroads --git", "json"),
    ("report", "text"),
    ("report", "md"),
    ("report", "html"),
    ("report", "json"),
    ("annotate", "text"),
    ("annotate", "md"),
    ("annotate", "html"),
    ("diff HEAD~1", "text"),
    ("diff HEAD~1", "md"),
    ("diff HEAD~1", "json"),
    ("check", "text"),
    ("check", "github"),
    ("check", "json"),
    ("check", "sarif"),
    ("check", "junit"),
]


def parses(fmt: str, out: str) -> None:
    """The output is a document of its format."""
    if fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ElementTree.fromstring(out.encode("utf-8"))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
        for row in rows[1:]:
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    elif fmt == "html":
        checker = _Html()
        checker.feed(out)
        checker.close()
        assert checker.tags and not checker.scripts


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        self.scripts += tag == "script" or any(name.startswith("on") for name, _ in attrs)


@pytest.mark.parametrize(("command", "fmt"), OUTPUTS, ids=[f"{c}-{f}" for c, f in OUTPUTS])
def test_rows_22_to_24_every_output_is_inert_and_parses(run, hostile: Path, command: str, fmt: str) -> None:
    result = run(*command.split(), "--format", fmt)
    assert result.exit_code in (0, 1), result.output
    out, err = result.stdout, result.stderr
    assert "Traceback" not in err
    for raw in RAW:
        assert raw not in out and raw not in err, (raw, out)
    assert "hunter2" not in out and "hunter2" not in err
    commands = COMMAND_LINE.findall(out)
    if fmt == "github":
        # Only factcheck's own commands, one per finding; no line of data reads as one.
        assert all(re.match(r"::(error|warning|notice)[ :]", line) for line in out.splitlines() if "::" in line[:3])
        assert "::error file=x::forged" not in out.replace("%0A", "\n").splitlines()
    else:
        assert not commands, out
    parses(fmt, out)


def test_row_23_junit_names_the_file_and_parses(run, hostile: Path) -> None:
    root = ElementTree.fromstring(run("check", "--format", "junit").stdout.encode("utf-8"))
    names = {suite.get("name") for suite in root.iter("testsuite")}
    assert "claims/a\\x1b[31mb.json" in names


def test_row_24_file_names_are_shown_escaped(run, hostile: Path) -> None:
    for args in (("show", "crossroads"), ("history", "crossroads", "--git"), ("list", "--format", "csv"), ("check",)):
        out = run(*args).stdout
        assert "a\\x1b[31mb.json" in out, args


NOT_GIT = [(c, f) for c, f in OUTPUTS if "--git" not in c and not c.startswith("diff")]


@pytest.mark.parametrize(("command", "fmt"), NOT_GIT, ids=[f"{c}-{f}" for c, f in NOT_GIT])
def test_row_24_a_file_name_that_is_not_utf8(run, project: Path, p: Path, command: str, fmt: str) -> None:
    try:
        os.rename(bytes(p), bytes(p.parent) + b"/\xffname.json")
    except OSError:  # pragma: no cover - a file system that wants UTF-8 names
        pytest.skip("this file system takes only UTF-8 names")
    result = run(*command.split(), "--format", fmt)
    assert result.exit_code in (0, 1), result.output
    assert "\udcff" not in result.stdout  # no raw surrogate: it would not encode
    parses(fmt, result.stdout)


def test_row_22_csv_formulas_are_inert(run, hostile: Path) -> None:
    rows = {r[0]: r[5] for r in csv.reader(io.StringIO(run("list", "--format", "csv").stdout))}
    assert rows["crossroads"] == '\'=HYPERLINK("http://evil.example/","click")'
    assert rows["ties-30y"].startswith("'+cmd")
    assert rows["strong-partnership"].startswith("'@SUM")
    assert rows["tokayev-visit"] == "'\t=1+1"
    assert rows["bri-partner"].startswith("'-2+3 \\x1b]52;c;aGVsbG8=\\x07")
    assert rows["infra-built"] == "\\x0d=1+1"  # a carriage return is shown, so the cell starts with a backslash


def test_also_seen_a_note_cannot_forge_a_workflow_command_in_show(run, hostile: Path) -> None:
    out = run("show", "crossroads").stdout
    assert "note: first line" in out
    assert "      \\x3a:error file=x::forged" in out  # indented under the note, and defused
    assert not COMMAND_LINE.search(out)


def test_also_seen_credentials_are_redacted_everywhere_they_are_shown(run, hostile: Path) -> None:
    for args in (("show", "crossroads"), ("annotate", "--format", "html"), ("report", "--format", "json")):
        out = run(*args).stdout
        assert "hunter2" not in out and "user:" not in out
    assert "https://***@example.org/page" in run("show", "crossroads").stdout


# --- also seen: a killed writer's temporary files are cleaned on the next write -------------------


def test_also_seen_stale_temporary_files_are_removed_by_the_next_write(run, project: Path, p: Path) -> None:
    old = time.time() - 3600
    folder = p.parent
    stale = folder / f".{p.name}.0123456789ab.tmp"
    fresh = folder / f".{p.name}.ba9876543210.tmp"
    other = folder / ".other.json.0123456789ab.tmp"  # another file's: not ours to judge
    odd = folder / f".{p.name}.not-ours.tmp"
    for path in (stale, fresh, other, odd):
        path.write_text("half a file")
    for path in (stale, other, odd):
        os.utime(path, (old, old))
    link = folder / f".{p.name}.aaaaaaaaaaaa.tmp"
    link.symlink_to(project / "elsewhere")
    os.utime(link, (old, old), follow_symlinks=False)
    assert run("set", "crossroads", "--status", "false", "--note", "n").exit_code == 0
    assert not stale.exists()
    assert fresh.exists() and other.exists() and odd.exists() and link.is_symlink()


def test_also_seen_extract_sweeps_when_it_creates_a_claims_file(run, project: Path) -> None:
    article = project / "claims" / "new.txt"
    article.write_text("The bridge opened in March 2020 after four years of work and cost $2 billion.\n")
    stale = project / "claims" / ".new.json.0123456789ab.tmp"
    stale.write_text("{")
    os.utime(stale, (time.time() - 3600,) * 2)
    assert run("extract", str(article), "--into", "claims/new.json").exit_code == 0
    assert not stale.exists()


def test_also_seen_verify_does_not_print_the_credentials_of_a_source_url(run, server, tmp_path: Path) -> None:
    server.expect_request("/page").respond_with_data(
        "<html><body><p>The bridge opened in March 2020.</p></body></html>", content_type="text/html"
    )
    url = server.url_for("/page").replace("http://", "http://user:hunter2@")
    path = write_claims(tmp_path / "claims", "b", [make_claim("c", "It opened.", sources=[make_source(url, "opened")])])
    allowed = ("--allow-host", f"127.0.0.1:{server.port}")
    for fmt in ("text", "json"):
        result = run("--claims", str(path), "verify", "--all", *allowed, "--format", fmt)
        assert result.exit_code in (0, 1), result.output
        assert "hunter2" not in result.stdout and "hunter2" not in result.stderr
        assert "http://***@127.0.0.1" in result.stdout


# --- rows 3-5, 7-13, 15, 16, 21, 27: fixed before, held here ------------------------------------


def factcheck(cwd: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """factcheck in a process of its own: for what could hang or grow, and to see a real exit."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


def _bigint(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    huge = "9" * 5000
    changed = re.sub(r'"start": \d+', f'"start": {huge}', text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--format", "csv"),
        ("show", "crossroads"),
        ("set", "crossroads", "--status", "false"),
        ("source", "add", "crossroads", "https://example.org/new"),
        ("report",),
        ("annotate",),
        ("history", "crossroads"),
        ("verify", "--all", "--offline"),
    ],
)
def test_row_3_a_5000_digit_offset_is_one_line_in_every_command(run, project: Path, p: Path, args) -> None:
    _bigint(p)
    line = refused(run, project, *args)
    assert f"claims/{SEED}.json:" in line and "number out of range" in line


def test_row_3_check_reports_it_in_one_process_and_in_many(run, project: Path, p: Path) -> None:
    _bigint(p)
    for i in range(70):  # more than PARALLEL_MIN_FILES: checked on several processes
        write_claims(project / "claims" / "many", f"f{i}", [make_claim(f"many-{i}", "A claim.", "opinion")])
    for processes in ("1", "2"):
        result = run("check", "--format", "json", "--processes", processes)
        assert result.exit_code == 1 and "Traceback" not in result.output
        invalid = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "invalid"]
        assert len(invalid) == 1 and "number out of range" in invalid[0]["message"]
    listed = run("list", "--format", "json")
    assert listed.exit_code == 2 and "number out of range" in listed.stderr


def test_row_3_diff_and_history_git_read_a_committed_huge_number(run, project: Path, p: Path) -> None:
    from conftest import git

    git(project, "add", "-A")
    git(project, "commit", "-qm", "seed")
    _bigint(p)
    git(project, "commit", "-qam", "huge")
    for args in (("diff", "HEAD~1", "HEAD"), ("history", "crossroads", "--git")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
        assert "number out of range" in result.stderr


def test_row_4_deep_nesting_is_an_error_not_a_recursion_error(run, project: Path) -> None:
    deep = project / "claims" / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    line = refused(run, project, "list")
    assert "claims/deep.json" in line
    deep.write_text('{"schema_version": 1, "article": ' + "{" * 100_000 + "}" * 100_000 + ', "claims": []}')
    assert "claims/deep.json" in refused(run, project, "show", "crossroads")
    result = run("check")
    assert result.exit_code == 1 and "Traceback" not in result.output and "invalid" in result.stdout


def test_row_5_a_lone_surrogate_is_one_line(run, project: Path, p: Path) -> None:
    text = p.read_text(encoding="utf-8").replace('"author": "Zaman Bajwa"', '"author": "\\ud800"')
    p.write_text(text, encoding="utf-8")
    for args in (("set", "crossroads", "--status", "false"), ("annotate",), ("annotate", "--format", "html")):
        assert f"claims/{SEED}.json:5" in refused(run, project, *args)


def test_row_5_an_undecodable_argument_is_not_written(run, project: Path, p: Path) -> None:
    # What Python makes of the byte 0xff on a command line (surrogateescape).
    line = refused(run, project, "set", "crossroads", "--status", "false", "--note", "bad \udcff byte")
    assert "not valid Unicode" in line


def test_row_7_a_symlink_loop(run, project: Path) -> None:
    (project / "claims" / "a.json").symlink_to("a.json")
    assert "claims/a.json: cannot read the claims file" in refused(run, project, "list")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_row_8_a_fifo_is_not_read(project: Path) -> None:
    os.mkfifo(project / "claims" / "a.json")
    result = factcheck(project, "list", timeout=30)
    assert result.returncode == 2 and "is not a regular file" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_row_9_a_device_is_not_read(project: Path) -> None:
    result = factcheck(project, "--claims", "/dev/zero", "list", timeout=30)
    assert result.returncode == 2 and "/dev/zero: is not a regular file" in result.stderr
    (project / "claims" / "z.json").symlink_to("/dev/zero")  # through a link, not even opened
    result = factcheck(project, "list", timeout=30)
    assert result.returncode == 2 and "claims/z.json: is a symlink to /dev/zero, outside the" in result.stderr


def test_row_9_a_file_over_the_size_cap_is_not_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.model.errors import InputError
    from factcheck.store import reading

    big = project / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(InputError, match="more than the 1,024"):
        reading.read_bytes(big, "claims file", 1024)


def test_row_10_duplicate_keys_are_refused_and_nothing_is_dropped(run, project: Path, p: Path) -> None:
    text = p.read_text(encoding="utf-8").replace('"id": "crossroads",', '"id": "crossroads", "id": "y",', 1)
    p.write_text(text, encoding="utf-8")
    where = text[: text.index('"id": "crossroads", "id"')].count("\n") + 1
    for args in (("list",), ("set", "crossroads", "--status", "false"), ("set", "y", "--status", "false")):
        line = refused(run, project, *args)
        assert f"claims/{SEED}.json:{where}: the key 'id' appears twice" in line


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "-0.5", "1.5"])
def test_row_11_a_score_that_is_not_a_number_in_range(run, project: Path, p: Path, number: str) -> None:
    text = re.sub(r'"score": [0-9.]+', f'"score": {number}', p.read_text(encoding="utf-8"), count=1)
    p.write_text(text, encoding="utf-8")
    refused(run, project, "list")
    refused(run, project, "set", "crossroads", "--status", "false")


def test_a_claims_folder_that_is_a_link_is_named_as_given_and_annotations_name_its_target(
    run, project: Path, p: Path
) -> None:
    (project / "data").mkdir()
    (project / "claims").rename(project / "data" / "real")
    (project / "claims").symlink_to("data/real", target_is_directory=True)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "claims kept elsewhere")
    given = f"claims/{SEED}.json"
    assert f",{given}," in run("list", "--format", "csv").stdout
    assert run("check").stdout.startswith(f"{given}\n")
    assert {f["file"] for f in json.loads(run("check", "--format", "json").stdout)["findings"]} == {given}
    assert f"\nclaims/{SEED}.txt · " in run("annotate").stdout
    assert f"{given}:120 · " in run("show", "ties-30y").stdout
    # Code scanning and GitHub name the file in the repository: where the link leads.
    assert f"file=data/real/{SEED}.json," in run("check", "--format", "github").stdout
    assert f'"uri": "data/real/{SEED}.json"' in run("check", "--format", "sarif").stdout


def test_row_12_a_symlinked_claims_file_is_changed_at_its_target(run, project: Path, p: Path) -> None:
    target = project / "elsewhere.json"
    p.rename(target)
    p.symlink_to(target)
    assert run("set", "crossroads", "--status", "false", "--note", "n").exit_code == 0
    assert p.is_symlink()
    assert json.loads(target.read_text())["claims"][0]["status"] == "false"


def test_row_13_an_empty_by_is_refused_and_the_file_stays_readable(run, project: Path) -> None:
    refused(run, project, "set", "crossroads", "--status", "false", "--by", "")
    refused(run, project, "set", "crossroads", "--status", "false", "--by", "   ")
    assert run("list").exit_code == 0


@pytest.mark.parametrize("tool", ["verify", "extract"])
def test_a_command_s_name_is_refused_as_a_person_s(run, project: Path, monkeypatch, tool: str) -> None:  # type: ignore[no-untyped-def]
    # Recorded under a command's name, a person's false would be read as that command's, and verify would move it.
    line = refused(run, project, "set", "crossroads", "--status", "false", "--by", tool)
    assert f"{tool!r} is what {tool} records" in line
    monkeypatch.setenv("FACTCHECK_USER", tool)
    refused(run, project, "set", "crossroads", "--status", "false")
    refused(run, project, "source", "remove", "crossroads", "https://example.org/", "--why", "w")
    # A login name that is a command's is refused too, and the message says where the name came from.
    monkeypatch.delenv("FACTCHECK_USER")
    monkeypatch.setenv("LOGNAME", tool)
    line = refused(run, project, "set", "crossroads", "--status", "false")
    assert f"your login name {tool!r} is what {tool} records" in line


def test_row_15_extract_does_not_overwrite_an_article_text(run, project: Path) -> None:
    other = project / "claims" / "other.txt"
    other.write_text("keep me\n")
    page = project / "page.html"
    page.write_text("<html><body><p>The bridge opened in March 2020 after four years of work.</p></body></html>")
    line = refused(run, project, "extract", str(page), "--into", "claims/other.json")
    assert "claims/other.txt: a different article text is already there" in line and "--force" in line
    assert run("extract", str(page), "--into", "claims/other.json", "--force").exit_code == 0
    assert "The bridge opened" in other.read_text()


def test_row_16_a_read_only_claims_file_is_refused_not_replaced(run, project: Path, p: Path) -> None:
    p.chmod(0o444)
    try:
        inode = p.stat().st_ino
        line = refused(run, project, "set", "crossroads", "--status", "false")
        assert "the claims file is read-only; make it writable to change it" in line
        assert p.stat().st_ino == inode and p.stat().st_mode & 0o777 == 0o444
    finally:
        p.chmod(0o644)


@pytest.mark.parametrize(
    "args",
    [
        ("verify", "--all", "--offline", "--timeout", "nan"),
        ("verify", "--all", "--offline", "--timeout", "inf"),
        ("verify", "--all", "--offline", "--timeout", "-1"),
        ("verify", "--all", "--offline", "--max-size", "nan"),
        ("verify", "--all", "--offline", "--backoff", "inf"),
        ("report", "--max-age", "99999999999999999999"),
        ("check", "--max-age", "99999999999999999999"),
        ("verify", "--all", "--offline", "--jobs", "99999999999999999999"),
    ],
)
def test_row_21_numbers_must_be_finite_and_in_range(run, project: Path, args) -> None:
    assert "Invalid value for" in refused(run, project, *args)


@pytest.mark.parametrize(
    "setting", ["timeout = nan", "timeout = inf", "max-size = nan", "max-age = 99999999999999999999"]
)
def test_row_21_the_same_in_setup_cfg(run, project: Path, setting: str) -> None:
    (project / "setup.cfg").write_text(f"[factcheck]\n{setting}\n")
    line = refused(run, project, "verify", "--all", "--offline") if "max-age" not in setting else None
    line = line or refused(run, project, "report")
    assert "setup.cfg:2: [factcheck]" in line


def test_row_27_an_impossible_date_is_refused(run, project: Path) -> None:
    line = refused(run, project, "source", "add", "crossroads", "https://example.org/d", "--date", "2023-13-45")
    assert "'2023-13-45' is not a real date" in line


# --- the second catalogue: one regression test (or more) per cause -----------------------------------

NOT_ASCII_DIGITS = ["²", "³", "①"]  # str.isdigit() takes each; int() refuses each


@pytest.mark.parametrize("digit", NOT_ASCII_DIGITS)
@pytest.mark.parametrize(
    "args",
    [("--shard", "1/{}"), ("--shard", "{}/3"), ("--allow-host", "localhost:{}"), ("--allow-host", "[::1]:8{}")],
    ids=["shard-n", "shard-i", "allow-host", "allow-host-v6"],
)
def test_digits_that_are_not_ascii_are_refused_on_the_command_line(run, project: Path, digit: str, args) -> None:
    option, value = args
    line = refused(run, project, "verify", "--all", "--offline", option, value.format(digit))
    assert f"Invalid value for '{option}'" in line


def test_digits_that_are_not_ascii_are_refused_in_the_environment(
    run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_ALLOW_HOSTS", "localhost:²")
    assert "'localhost:²' is not HOST:PORT" in refused(run, project, "verify", "--all", "--offline")


@pytest.mark.parametrize("command", [("list",), ("report",), ("check",), ("verify", "--all", "--offline")])
def test_digits_that_are_not_ascii_in_setup_cfg_are_one_line_for_every_command(run, project: Path, command) -> None:
    (project / "setup.cfg").write_text("[factcheck]\nallow-host = localhost:³\n", encoding="utf-8")
    line = refused(run, project, *command)
    assert line == "factcheck: error: setup.cfg:2: [factcheck] allow-host: 'localhost:³' is not HOST:PORT"


def _first_source(claim: dict[str, Any]) -> dict[str, Any]:
    return claim["sources"][0]


def _last_check(claim: dict[str, Any]) -> dict[str, Any]:
    source = _first_source(claim)
    source["last_check"] = source.get("last_check") or {"at": "2026-11-27T22:00:00Z", "outcome": "supported"}
    return source["last_check"]


#: Every timestamp field of the format: how to set it on the first claim (or the file), and its name in messages.
TIMESTAMP_FIELDS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "history[0].at": lambda d, v: d["claims"][0]["history"][0].update(at=v),
    "sources[0].last_check.at": lambda d, v: _last_check(d["claims"][0]).update(at=v),
    "sources[0].last_check.failing_since": lambda d, v: _last_check(d["claims"][0]).update(failing_since=v),
    "sources[0].last_check.archived.archived_at": lambda d, v: _last_check(d["claims"][0]).update(
        archived={"url": "https://web.archive.org/web/2026/https://example.org/", "archived_at": v, "score": 90}
    ),
    "sources[0].changed_at": lambda d, v: _first_source(d["claims"][0]).update(changed_at=v),
    "sources[0].archived_at": lambda d, v: _first_source(d["claims"][0]).update(
        archive_url="https://web.archive.org/web/2026/https://example.org/", archived_at=v
    ),
    "review.since": lambda d, v: d["claims"][0].update(review={"since": v, "why": "reworded"}),
    "set_aside[0].at": lambda d, v: d["set_aside"][0].update(at=v),
    "matches[0].accepted_at": lambda d, v: d["claims"][0].update(
        matches=[{"url": "https://example.org/check", "claim_reviewed": "The same.", "accepted_at": v, "by": "desk"}]
    ),
}
NOT_REAL_TIMES = ["2026-13-45T99:99:99Z", "2026-02-30T12:00:00Z", "2025-02-29T12:00:00Z", "2026-11-27T22:00:00Z\n"]


@pytest.mark.parametrize("stamp", NOT_REAL_TIMES)
@pytest.mark.parametrize("field", list(TIMESTAMP_FIELDS))
def test_a_timestamp_that_is_not_a_real_time_is_refused_when_the_file_is_read(
    run, project: Path, p: Path, field: str, stamp: str
) -> None:
    edit(p, lambda d: TIMESTAMP_FIELDS[field](d, stamp))
    where = "" if field.startswith("set_aside") else "claim 'crossroads': "
    for command in (("verify", "--all", "--offline"), ("list",)):
        line = refused(run, project, *command)
        assert re.fullmatch(
            rf"factcheck: error: claims/{SEED}\.json:\d+: {re.escape(where + field)}: must be a real UTC time .*", line
        ), line


def test_a_real_time_in_every_timestamp_field_is_read(run, project: Path, p: Path) -> None:
    def every_field(document: dict[str, Any]) -> None:
        for setter in TIMESTAMP_FIELDS.values():
            setter(document, "2024-02-29T23:59:59Z")

    edit(p, every_field)
    assert run("verify", "--all", "--offline").exit_code in (0, 1)
    assert run("list").exit_code == 0


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("id", lambda d: d["claims"][0].update(id="crossroads\n")),
        ("article.date", lambda d: d["article"].update(date="2021-10-01\n")),
        ("article.url", lambda d: d["article"].update(url="https://example.org/a\n")),
        ("article.sha256", lambda d: d["article"].update(sha256="0" * 64 + "\n")),
        ("sources[0].date", lambda d: d["claims"][0]["sources"][0].update(date="2021\n")),
    ],
)
def test_a_trailing_newline_does_not_satisfy_a_pattern(run, project: Path, p: Path, field: str, change) -> None:
    edit(p, change)
    line = refused(run, project, "list")
    assert f"claims/{SEED}.json:" in line and f"{field}: must be" in line


BAD_BASELINES = {
    "url-a-list": '{"version": 1, "findings": [\n  {"rule": "unsourced", "claim": "crossroads",\n   "url": [1]}\n]}\n',
    "reason-a-surrogate": (
        '{"version": 1, "findings": [\n  {"rule": "unsourced", "claim": "crossroads",\n   "reason": "\\ud800"}\n]}\n'
    ),
    "claim-a-number": '{"version": 1, "findings": [\n  {"rule": "unsourced",\n   "claim": 7}\n]}\n',
}
BAD_FIELDS = {"url-a-list": "url", "reason-a-surrogate": "reason", "claim-a-number": "claim"}


@pytest.mark.parametrize("case", list(BAD_BASELINES))
def test_a_malformed_baseline_stops_check_write_baseline_before_it_writes(run, project: Path, case: str) -> None:
    (project / "baseline.json").write_text(BAD_BASELINES[case], encoding="utf-8")
    line = refused(run, project, "check", "--baseline", "baseline.json", "--write-baseline", "baseline.json")
    assert line.startswith(f"factcheck: error: baseline.json:3: findings[0].{BAD_FIELDS[case]}: must be")
    refused(run, project, "check", "--baseline", "baseline.json", "--write-baseline", "new.json")
    assert not (project / "new.json").exists()


@pytest.mark.parametrize("case", list(BAD_BASELINES))
def test_a_malformed_baseline_stops_rename_before_the_claim_is_renamed(run, project: Path, case: str) -> None:
    (project / ".factcheck-baseline.json").write_text(BAD_BASELINES[case], encoding="utf-8")
    line = refused(run, project, "rename", "crossroads", "crossing")
    assert f".factcheck-baseline.json:3: findings[0].{BAD_FIELDS[case]}" in line
    assert run("show", "crossroads").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_to_a_fifo_is_written_into_it(run, project: Path) -> None:
    fifo = project / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    # A daemon: should the FIFO be replaced, the reader waits for ever, and must not hold up the run's exit.
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("list", "--format", "json", "-o", str(fifo))
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert os.path.exists(fifo) and not fifo.is_file()  # still a FIFO, not a regular file in its place
    assert json.loads(got[0].decode("utf-8"))[0]["id"] == "crossroads"


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="no /proc here")
def test_output_to_a_link_to_standard_output_goes_there(project: Path) -> None:
    (project / "stdout").symlink_to("/proc/self/fd/1")
    result = factcheck(project, "list", "--format", "csv", "-o", "stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id,") and "crossroads" in result.stdout
    assert (project / "stdout").is_symlink()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_output_through_a_link_to_a_device_leaves_both_as_they_were(run, project: Path) -> None:
    import stat

    (project / "null").symlink_to("/dev/null")
    assert run("report", "-o", "null").exit_code == 0
    assert (project / "null").is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_through_a_link_to_a_file_writes_the_file(run, project: Path) -> None:
    (project / "out").mkdir()
    target = project / "out" / "list.md"
    target.write_text("old\n")
    (project / "latest.md").symlink_to("out/list.md")
    assert run("list", "--format", "md", "-o", "latest.md").exit_code == 0
    assert (project / "latest.md").is_symlink()
    assert target.read_text(encoding="utf-8").startswith("| id |")


NAMED = '[project]\nname = "factcheck-desk"\n\n'  # a project that names factcheck: its file is read


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tool = 1\n", "pyproject.toml:1: tool must be a table ([tool] or tool.NAME keys), not an integer"),
        ('name = "factcheck"\ntool = "x"\n', "pyproject.toml:2: tool must be a table"),
        ("tool = [1, 2]\n", "pyproject.toml:1: tool must be a table ([tool] or tool.NAME keys), not an array"),
        (NAMED + "[tool]\nfactcheck = 1\n", "pyproject.toml: [tool.factcheck] must be a table, not an integer"),
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n[tool.factcheck]\n", "values nested too deeply"),
        (NAMED + "x = " + "{a = " * 20_000 + "1" + "}" * 20_000 + "\n", "values nested too deeply"),
    ],
    ids=["int", "string", "array", "factcheck-an-int", "deep-arrays", "deep-tables"],
)
def test_a_pyproject_toml_that_no_tool_can_read_is_one_line_for_every_command(
    run, project: Path, content: str, message: str
) -> None:
    # The top-level key tool comes first here: a project's own table must not make the test pass.
    if content.startswith("tool"):
        content = content + NAMED
    (project / "pyproject.toml").write_text(content, encoding="utf-8")
    for command in (("list",), ("check",), ("show", "crossroads")):
        assert message in refused(run, project, *command)


def test_a_pyproject_toml_that_never_names_factcheck_is_not_read(run, project: Path) -> None:
    (project / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    assert run("list").exit_code == 0


@pytest.mark.parametrize("number", ["nan", "NaN", "-nan", "inf", "+Infinity", "1e999"])
def test_min_score_must_be_finite_on_the_command_line(run, project: Path, number: str) -> None:
    line = refused(run, project, "extract", f"claims/{SEED}.txt", "--min-score", number)
    assert "Invalid value for '--min-score'" in line and "finite" in line


def test_min_score_must_be_finite_in_the_environment(run, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_MIN_SCORE", "nan")
    assert "Invalid value for '--min-score'" in refused(run, project, "extract", f"claims/{SEED}.txt")


def test_min_score_must_be_finite_in_setup_cfg(run, project: Path) -> None:
    (project / "setup.cfg").write_text("[factcheck]\nmin-score = nan\n", encoding="utf-8")
    line = refused(run, project, "extract", f"claims/{SEED}.txt")
    assert line == "factcheck: error: setup.cfg:2: [factcheck] min-score: 'nan' is not a finite number"


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_report_links_the_page_of_a_claims_file_whose_name_is_not_utf8(run, project: Path, p: Path, fmt: str) -> None:
    try:
        os.rename(bytes(p), bytes(p.parent) + b"/bad\xff.json")
    except OSError:  # pragma: no cover - a file system that wants UTF-8 names
        pytest.skip("this file system takes only UTF-8 names")
    result = run("report", "--annotation-url", "--format", fmt)
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.output
    assert "\udcff" not in result.stdout
    parses(fmt, result.stdout)
    if fmt == "html":
        assert 'href="bad%FF.annotated.html#crossroads"' in result.stdout


CLAIMREVIEW_UNSAFE = ["\u202e", "\u2028", "\u2029", "\x85", "\x9b", "\x7f", "\u2066", "\u200f"]


def test_claimreview_export_escapes_bidi_line_separators_and_c1_controls(run, project: Path, p: Path) -> None:
    hostile = "A\u202eB\u2028C\u2029D\x85E\x9b31mF\x7fG\u2066H\u200fI"

    def publishable(document: dict[str, Any]) -> None:
        document["article"].update(url="https://example.org/a", review_url="https://example.org/r")
        document["claims"][0]["text"] = hostile
        document["claims"][0]["status"] = "false"  # a published verdict, whatever the seed says today

    edit(p, publishable)
    result = run("export", "claimreview", "--publisher-name", "Desk")
    assert result.exit_code == 0, result.output
    for char in CLAIMREVIEW_UNSAFE:
        assert char not in result.stdout, repr(char)
    assert "\\u202e" in result.stdout and "\\u0085" in result.stdout
    reviews = {r["url"]: r for r in json.loads(result.stdout)}
    assert reviews["https://example.org/r#crossroads"]["claimReviewed"] == hostile
    annotated = run("annotate", "--format", "html", "--publisher-name", "Desk").stdout
    ld = annotated.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert not any(char in ld for char in CLAIMREVIEW_UNSAFE)


#: The commands and formats run on a terminal that takes only ASCII (the shipped claims hold ’ and —):
#: every output above but those that need git history.
NARROW = [(command, fmt) for command, fmt in OUTPUTS if "--git" not in command and not command.startswith("diff")]


def _run_with_encoding(project: Path, args: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=project,
        capture_output=True,
        timeout=60,
        env={
            **os.environ,
            "PYTHONIOENCODING": encoding,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        },
    )


# Every command and format in ASCII; Latin-1 (which has some of the characters) for list alone.
TERMINALS = [(c, f, "ascii", 0x7F) for c, f in NARROW] + [("list", f, "latin-1", 0xFF) for f in ("text", "json")]


@pytest.mark.parametrize(
    ("command", "fmt", "encoding", "limit"), TERMINALS, ids=[f"{c}-{f}-{e}" for c, f, e, _ in TERMINALS]
)
def test_a_terminal_that_cannot_encode_the_claims_gets_escapes(
    project: Path, command: str, fmt: str, encoding: str, limit: int
) -> None:
    args = [*command.split(), "--format", fmt]
    result = _run_with_encoding(project, args, encoding)
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)  # what the terminal shows: all of it in its encoding
    full = _run_with_encoding(project, args, "utf-8").stdout.decode("utf-8")
    beyond = {char for char in full if ord(char) > limit}
    for char in beyond:  # each is shown as an escape, not dropped
        assert f"\\u{ord(char):04x}" in out, char
    if fmt in ("json", "sarif"):
        # The escapes are JSON's own: the document means what the UTF-8 one means.
        same, utf8 = json.loads(out), json.loads(full)
        if isinstance(same, dict):  # the time the report was made is not the point
            same.pop("generated", None), utf8.pop("generated", None)
        assert same == utf8
    elif fmt != "text":
        parses(fmt, out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename", "crossroads", "crossing\n"), "'crossing\\n' is not a valid id"),
        (("source", "add", "crossroads", "https://example.org/d", "--date", "2021\n"), "'2021\\n' is not a date"),
        (("article", "set", "--date", "2021-01-01\n"), "'2021-01-01\\n' is not a date"),
    ],
    ids=["rename", "source-date", "article-date"],
)
def test_a_trailing_newline_is_refused_on_the_command_line_too(run, project: Path, args, message: str) -> None:
    assert message in refused(run, project, *args)


def test_messages_on_a_narrow_stderr_get_escapes_too(project: Path) -> None:
    args = ["set", "crossroads", "--status", "false", "--by", "Zoë’s desk"]
    result = _run_with_encoding(project, args, "ascii")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"crossroads: [a-z]+ \\u2192 false", result.stderr.decode("ascii").strip())
    shown = _run_with_encoding(project, ["history", "crossroads"], "ascii").stdout.decode("ascii")
    assert "by Zo\\u00eb\\u2019s desk" in shown
