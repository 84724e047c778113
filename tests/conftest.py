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
    """Every test gets its own empty cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.delenv("FACTCHECK_CLAIMS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
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
    """Two threaded HTTP servers on 127.0.0.1, on two ports, for a test module."""
    from pytest_httpserver import HTTPServer

    pair = (HTTPServer(host="127.0.0.1", port=0, threaded=True), HTTPServer(host="127.0.0.1", port=0, threaded=True))
    for server in pair:
        server.start()
    yield pair
    for server in pair:
        server.clear()
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
