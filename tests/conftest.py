"""Shared fixtures: an isolated cache folder, and small claims folders built in tmp_path."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED_CLAIMS = REPO / "claims"

ARTICLE_TEXT = (
    "The bridge opened in March 2020 after four years of work. "
    "It cost $2.4 billion, the city said. "
    "Critics think it was a waste of money.\n"
)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty cache folder, a known user, no colour and no real web archive."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.delenv("FACTCHECK_CLAIMS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # No test may reach the real web archive: unless a test names its own, the archive refuses at once.
    monkeypatch.setenv("FACTCHECK_ARCHIVE_API", "http://127.0.0.1:9")
    yield folder


def make_claim(claim_id: str, text: str, status: str = "unverified", **extra: Any) -> dict[str, Any]:
    """A claim as stored in a claims file, with empty sources and history unless given."""
    claim: dict[str, Any] = {"id": claim_id, "text": text, "status": status, "sources": [], "history": []}
    claim.update(extra)
    return claim


def make_source(url: str, quote: str | None = None, **extra: Any) -> dict[str, Any]:
    source: dict[str, Any] = {"url": url, "quote": quote}
    source.update(extra)
    return source


def write_claims(folder: Path, name: str, claims: list[dict[str, Any]], article: dict[str, Any] | None = None) -> Path:
    """Write a claims file (pretty-printed like factcheck writes them) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "schema_version": 2,
        "article": article or {"title": f"Article {name}"},
        "claims": claims,
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def claims_dir(tmp_path: Path) -> Path:
    """A folder with one claims file of three claims: sourced, unsourced, and opinion."""
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "bridge-opened",
                "The bridge opened in March 2020 after four years of work.",
                "verified",
                sources=[make_source("https://example.org/bridge", "opened in March 2020")],
            ),
            make_claim("bridge-cost", "It cost $2.4 billion, the city said."),
            make_claim("bridge-waste", "Critics think it was a waste of money.", "opinion"),
        ],
    )
    return folder


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Invoke the CLI in-process; the Result has ``stdout``, ``stderr`` and ``exit_code``."""

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False, prog_name="factcheck")

    return invoke


#: JSON values that are a claim or a check as stored (the schema describes them), or keyed by status or claim id.
_STORED = {"claim", "last_check", "by_status", "statuses", "claim_texts"}


def _fields(document: object) -> set[str]:
    """Every key in a JSON document, but not inside the values ``_STORED`` names."""
    if isinstance(document, list):
        return set().union(*map(_fields, document)) if document else set()
    if not isinstance(document, dict):
        return set()
    return set(document).union(*(_fields(v) for k, v in document.items() if k not in _STORED))


def unnamed_fields(output: str, page: str) -> set[str]:
    """The fields of the JSON ``output`` that docs/reference/``page``.md names nowhere (in backticks or quotes)."""
    text = (REPO / "docs" / "reference" / f"{page}.md").read_text(encoding="utf-8")
    return {f for f in _fields(json.loads(output)) if f"`{f}`" not in text and f'"{f}"' not in text}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in ``repo`` and return its output; a failure fails the test."""
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def init_repo(repo: Path) -> Path:
    """A new, empty git repository with a committer set, for tests that commit."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Tess Ter")
    git(repo, "config", "user.email", "tess@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


# --- HTTP servers on 127.0.0.1 -------------------------------------------------------------


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[Any, Any]]:
    """Two threaded HTTP servers on 127.0.0.1, on two ports, for a test module.

    They stop within a bound whatever a test's clients did (``loopback.py``), so
    teardown fails with a message instead of hanging the run.
    """
    from loopback import LoopbackHTTPServer

    pair = (LoopbackHTTPServer(), LoopbackHTTPServer())
    for server in pair:
        server.start()
    yield pair
    for server in pair:
        server.clear()
    for server in pair:
        server.stop()


@pytest.fixture
def server(servers: tuple[Any, Any]) -> Iterator[Any]:
    """The first server, with its expectations cleared after the test."""
    yield servers[0]
    servers[0].clear()


@pytest.fixture
def other(servers: tuple[Any, Any]) -> Iterator[Any]:
    """The second server (another port), cleared after the test."""
    yield servers[1]
    servers[1].clear()


@pytest.fixture
def verify(run, server: Any):
    """Run `factcheck --claims PATH verify ARGS` with the server allowed, short timeouts and backoffs."""

    def invoke(path: Path, *args: str):
        return run(
            "--claims",
            str(path),
            "verify",
            *args,
            "--allow-host",
            f"127.0.0.1:{server.port}",
            "--timeout",
            "2",
            "--retries",
            "1",
            "--backoff",
            "0.01",
            "--refresh",  # the tests change their pages between runs
        )

    return invoke


# --- a Wayback Machine on 127.0.0.1 ------------------------------------------------------------


class FakeWayback:
    """The availability API, Save Page Now and snapshots, served by a test server.

    ``snapshots`` maps an original URL to the timestamps of its copies;
    ``pages`` holds what a copy of a URL shows.  Each Save Page Now request
    takes the next answer from ``plan`` ("ok" once it is empty):

    - "ok": a new snapshot, named the way ``naming`` says ("location" for a
      302, "content-location" or "link");
    - "429:N" or "429": rate-limited, with ``Retry-After: N`` when given;
    - "503", "502", "520": a server error;
    - "robots": the runtime-error header Save Page Now sends for robots.txt;
    - "pending": 200 and no snapshot named (the capture finishes meanwhile);
    - "slow:S": sleep S seconds, then as "ok".
    """

    def __init__(self, server: Any) -> None:
        import re

        from werkzeug import Request, Response

        self.server = server
        self.snapshots: dict[str, list[str]] = {}
        self.pages: dict[str, str] = {}
        self.plan: list[str] = []
        self.naming = "location"
        self.saves: list[str] = []
        self.lookups: list[str] = []
        self.clock = 20260101000000
        self._lock = __import__("threading").Lock()

        def handler(request: Request) -> Response:
            path = request.path
            if path == "/wayback/available":
                return self._available(request, Response)
            if path.startswith("/save/"):
                target = path[len("/save/") :] + (f"?{request.query_string.decode()}" if request.query_string else "")
                return self._save(target, Response)
            match = re.match(r"^/web/([0-9]{14})(id_)?/(.+)$", path)
            if match:
                original = match.group(3) + (f"?{request.query_string.decode()}" if request.query_string else "")
                if match.group(1) in self.snapshots.get(original, []) and original in self.pages:
                    return Response(self.pages[original], content_type="text/html; charset=utf-8")
            return Response("not here", status=404)

        server.expect_request(re.compile(r"^/.*$")).respond_with_handler(handler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def snapshot_url(self, url: str, timestamp: str) -> str:
        return f"{self.base}/web/{timestamp}/{url}"

    def add(self, url: str, timestamp: str, page: str | None = None) -> str:
        self.snapshots.setdefault(url, []).append(timestamp)
        if page is not None:
            self.pages[url] = page
        return self.snapshot_url(url, timestamp)

    def _new_timestamp(self) -> str:
        """A new snapshot's time: now, or a second after the last one; always a real time (no second 60)."""
        import datetime as _dt

        form = "%Y%m%d%H%M%S"
        with self._lock:
            after_last = _dt.datetime.strptime(str(self.clock), form) + _dt.timedelta(seconds=1)
            now = _dt.datetime.now(_dt.UTC).replace(tzinfo=None, microsecond=0)
            self.clock = int(max(after_last, now).strftime(form))
            return str(self.clock)

    def _available(self, request: Any, Response: Any) -> Any:
        import json

        url = request.args.get("url", "")
        self.lookups.append(url)
        wanted = int(request.args.get("timestamp") or "99991231235959")
        found = sorted(self.snapshots.get(url, []), key=lambda ts: abs(int(ts) - wanted))
        body: dict[str, Any] = {"url": url, "archived_snapshots": {}}
        if found:
            # The real API answers http:// links to its snapshots.
            body["archived_snapshots"]["closest"] = {
                "available": True,
                "url": self.snapshot_url(url, found[0]),
                "timestamp": found[0],
                "status": "200",
            }
        return Response(json.dumps(body), content_type="application/json")

    def _save(self, target: str, Response: Any) -> Any:
        import time as _time

        with self._lock:  # requests come in on several threads at once
            self.saves.append(target)
            step = self.plan.pop(0) if self.plan else "ok"
        if step.startswith("429"):
            headers = {"Retry-After": step.split(":")[1]} if ":" in step else {}
            return Response("Too Many Requests", status=429, headers=headers)
        if step in ("502", "503", "520"):
            return Response("error", status=int(step))
        if step == "robots":
            return Response(
                "",
                status=200,
                headers={"X-Archive-Wayback-Runtime-Error": "RobotAccessControlException: Blocked By Robots"},
            )
        if step.startswith("slow:"):
            _time.sleep(float(step.split(":")[1]))
        timestamp = self._new_timestamp()
        self.snapshots.setdefault(target, []).append(timestamp)
        if step == "pending":
            return Response("<html>Saving page now...</html>", content_type="text/html")
        path = f"/web/{timestamp}/{target}"
        if self.naming == "location":
            return Response("", status=302, headers={"Location": path})
        if self.naming == "content-location":
            return Response("<html>saved</html>", headers={"Content-Location": path})
        return Response(
            "<html>saved</html>",
            headers={"Link": f'<{target}>; rel="original", <{self.base}{path}>; rel="memento"; datetime="x"'},
        )


@pytest.fixture
def wayback(server: Any) -> FakeWayback:
    """A fake Wayback Machine on the first test server."""
    return FakeWayback(server)
