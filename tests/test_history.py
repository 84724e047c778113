"""factcheck history: the events of a claim, and with --git the commits that changed it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.history.timeline import claim_in
from factcheck.render.formats import choices

from conftest import git, init_repo, make_claim, write_claims

EVENTS = [
    {"at": "2026-01-01T00:00:00Z", "from": None, "to": "unverified", "by": "extract", "why": "proposed"},
    {
        "at": "2026-02-01T00:00:00Z",
        "from": "unverified",
        "to": "false",
        "by": "ann",
        "why": "It opened in 2021.\x1b[2J",
    },
]


def git_on(repo: Path, *args: str, date: str) -> str:
    """git, with the author and committer date set."""
    import os

    return git(repo, *args, env=dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date))


def test_events_exact(run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_claims(claims_dir, "bridge", [make_claim("opened", "The bridge opened in 2020.", "false", history=EVENTS)])
    monkeypatch.chdir(claims_dir.parent)
    result = run("history", "opened")
    assert result.exit_code == 0
    assert result.stdout == (
        "opened  now false  (claims/bridge.json)\n"
        "The bridge opened in 2020.\n"
        "\n"
        "Events\n"
        "2026-01-01T00:00:00Z  (new) → unverified  by extract\n"
        "    proposed\n"
        "2026-02-01T00:00:00Z  unverified → false  by ann\n"
        "    It opened in 2021.\\x1b[2J\n"
    )


def test_unknown_id_suggests(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "history", "bridge-cots")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: no claim with id 'bridge-cots'; did you mean bridge-cost")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four commits: add the claim, unrelated edit, status change, rename of the file."""
    repo = init_repo(tmp_path / "repo")
    other = make_claim("other", "Another claim.")
    write_claims(
        repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", history=EVENTS[:1]), other]
    )
    git(repo, "add", "-A")
    git_on(repo, "commit", "-q", "-m", "Add claims", date="2026-01-01T10:00:00+00:00")
    write_claims(
        repo / "claims",
        "bridge",
        [make_claim("opened", "The bridge opened in 2020.", history=EVENTS[:1]), dict(other, status="verified")],
    )
    git_on(repo, "commit", "-q", "-am", "Verify the other claim", date="2026-01-15T10:00:00+00:00")
    write_claims(
        repo / "claims",
        "bridge",
        [make_claim("opened", "The bridge opened in 2020.", "false", history=EVENTS), dict(other, status="verified")],
    )
    git_on(repo, "commit", "-q", "-am", "Opened: false", date="2026-02-01T10:00:00+00:00")
    git(repo, "mv", "claims/bridge.json", "claims/span.json")
    git_on(repo, "commit", "-q", "-m", "Rename", date="2026-02-02T10:00:00+00:00")
    write_claims(repo / "claims", "span", [dict(other, status="verified")])
    git_on(repo, "commit", "-q", "-am", "Drop opened", date="2026-03-01T10:00:00+00:00")
    write_claims(
        repo / "claims",
        "span",
        [make_claim("opened", "The bridge opened in 2021.", "false", history=EVENTS), dict(other, status="verified")],
    )
    git_on(repo, "commit", "-q", "-am", "Bring it back, reworded", date="2026-03-02T10:00:00+00:00")
    monkeypatch.chdir(repo)
    return repo


def test_git_commits_follow_renames(run, repo: Path) -> None:
    result = run("history", "opened", "--git", "--format", "json")
    assert result.exit_code == 0
    commits = json.loads(result.stdout)["commits"]
    assert [(c["date"][:10], c["subject"], c["path"], c["change"], c["status"], c["author"]) for c in commits] == [
        ("2026-01-01", "Add claims", "claims/bridge.json", "added", "unverified", "Tess Ter"),
        ("2026-02-01", "Opened: false", "claims/bridge.json", "status", "false", "Tess Ter"),
        ("2026-03-01", "Drop opened", "claims/span.json", "removed", None, "Tess Ter"),
        ("2026-03-02", "Bring it back, reworded", "claims/span.json", "added", "false", "Tess Ter"),
    ]


def test_git_text(run, repo: Path) -> None:
    out = run("history", "opened", "--git").stdout
    assert out.endswith(
        "Commits\n"
        f"2026-01-01  {git(repo, 'rev-parse', 'HEAD~5').strip()[:10]}  unverified  added\n"
        "    Add claims  (Tess Ter)\n"
        f"2026-02-01  {git(repo, 'rev-parse', 'HEAD~3').strip()[:10]}  false  status changed\n"
        "    Opened: false  (Tess Ter)\n"
        f"2026-03-01  {git(repo, 'rev-parse', 'HEAD~1').strip()[:10]}  (removed)  removed\n"
        "    Drop opened  (Tess Ter)\n"
        f"2026-03-02  {git(repo, 'rev-parse', 'HEAD').strip()[:10]}  false  added\n"
        "    Bring it back, reworded  (Tess Ter)\n"
    )


def test_git_outside_a_repository(run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(claims_dir.parent))
    monkeypatch.chdir(claims_dir.parent)
    result = run("history", "bridge-cost", "--git")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: claims/bridge.json: is not in a git repository; --git needs one\n",
    )


def test_extract_decodes_only_the_claim() -> None:
    blob = json.dumps(
        {
            "schema_version": 1,
            "article": {"title": "t"},
            "claims": [make_claim("a", "x"), make_claim("b", "y", "false")],
        },
        indent=2,
    ).encode()
    assert claim_in(blob, "b").status == "false"
    assert claim_in(blob, "c") is None
    # "id" not first: falls back to a full parse.
    odd = json.dumps(
        {"schema_version": 1, "article": {"title": "t"}, "claims": [{"text": "y", "status": "mixed", "id": "b"}]}
    )
    assert claim_in(odd.encode(), "b").status == "mixed"


def test_every_format(run, claims_dir: Path) -> None:
    names = choices("history")
    for fmt in names:
        result = run("--claims", str(claims_dir), "history", "bridge-opened", "--format", fmt)
        assert result.exit_code == 0 and "bridge-opened" in result.stdout


def test_a_retired_claim_still_tells_its_story(run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = make_claim("cost", "It cost $2.4 billion.", history=EVENTS[:1])
    write_claims(
        claims_dir, "bridge", [make_claim("opened", "The bridge opened in 2020.", "false", history=EVENTS), kept]
    )
    monkeypatch.chdir(claims_dir.parent)
    assert run("retire", "opened", "--note", "Cut from the article.", "--by", "bob").exit_code == 0
    result = run("history", "opened")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "opened  now false  (claims/bridge.json)"
    assert lines[2].startswith("retired on ") and lines[2].endswith(" by bob: Cut from the article.")
    assert lines[3] == "factcheck restore opened brings it back"
    assert "    It opened in 2021.\\x1b[2J" in lines
    document = json.loads(run("history", "opened", "--format", "json").stdout)
    assert document["set_aside"]["kind"] == "retired" and document["set_aside"]["by"] == "bob"
    assert [e["to"] for e in document["events"]][:2] == ["unverified", "false"]
    # a claim still in the fact-check says nothing of the kind
    assert json.loads(run("history", "cost", "--format", "json").stdout)["set_aside"] is None
    assert "restore" not in run("history", "cost").stdout
