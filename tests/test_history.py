"""factcheck history: the events of a claim, and with --git the commits that changed it."""

from __future__ import annotations

import json
import subprocess
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


def test_git_in_a_shallow_clone_does_not_call_its_oldest_commit_the_claims_addition(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As CI checks a branch out, one or two commits deep: git shows every file as added in the oldest
    # commit the clone has, and the claim's story read "added" there, by whoever made that commit.
    origin = init_repo(tmp_path / "origin")
    for status in ("unverified", "false", "misleading"):
        write_claims(origin / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", status)])
        git(origin, "add", "-A")
        git(origin, "commit", "-q", "-m", status)
    git(tmp_path, "clone", "-q", "--depth", "2", origin.as_uri(), "ci")
    monkeypatch.chdir(tmp_path / "ci")
    commits = json.loads(run("history", "opened", "--git", "--format", "json").stdout)["commits"]
    assert [(c["subject"], c["change"], c["status"]) for c in commits] == [
        ("false", "fetched", "false"),
        ("misleading", "status", "misleading"),
    ]
    assert (
        "false  the oldest commit this shallow clone has (git fetch --unshallow for the rest)\n"
        in run("history", "opened", "--git").stdout
    )
    monkeypatch.chdir(origin)  # the whole history: the first commit added it
    commits = json.loads(run("history", "opened", "--git", "--format", "json").stdout)["commits"]
    assert [c["change"] for c in commits] == ["added", "status", "status"]


def test_git_outside_a_repository(run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(claims_dir.parent))
    monkeypatch.chdir(claims_dir.parent)
    result = run("history", "bridge-cost", "--git")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: claims/bridge.json is not in a git repository; --git needs one\n",
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


@pytest.fixture
def renamed_then_removed(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four commits: the claims, a verdict, `factcheck rename`, `factcheck remove`."""
    repo = init_repo(tmp_path / "repo")
    write_claims(
        repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020."), make_claim("other", "Another.")]
    )
    git(repo, "add", "-A")
    git_on(repo, "commit", "-q", "-m", "Add claims", date="2026-01-01T10:00:00+00:00")
    monkeypatch.chdir(repo)
    assert run("set", "opened", "--status", "false", "--note", "It opened in 2021.").exit_code == 0
    git_on(repo, "commit", "-q", "-am", "Opened: false", date="2026-01-02T10:00:00+00:00")
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    assert run("set", "bridge-opened", "--status", "mixed").exit_code == 0
    git_on(repo, "commit", "-q", "-am", "Rename and mixed", date="2026-01-03T10:00:00+00:00")
    return repo


def test_git_follows_a_claim_back_through_its_former_ids(run, renamed_then_removed: Path) -> None:
    result = run("history", "bridge-opened", "--git")
    assert result.exit_code == 0, result.stderr
    sha = [git(renamed_then_removed, "rev-parse", f"HEAD~{n}").strip()[:10] for n in (2, 1, 0)]
    assert result.stdout.endswith(
        "Commits\n"
        f"2026-01-01  {sha[0]}  unverified  added (as opened)\n"
        "    Add claims  (Tess Ter)\n"
        f"2026-01-02  {sha[1]}  false  status changed (as opened)\n"
        "    Opened: false  (Tess Ter)\n"
        f"2026-01-03  {sha[2]}  mixed  renamed from opened\n"
        "    Rename and mixed  (Tess Ter)\n"
    )
    commits = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)["commits"]
    assert [(c["change"], c["id"], c["former_id"], c["status"]) for c in commits] == [
        ("added", "opened", None, "unverified"),
        ("status", "opened", None, "false"),
        ("renamed", "bridge-opened", "opened", "mixed"),
    ]


def test_git_tells_the_story_of_a_removed_claim_up_to_its_removal(run, renamed_then_removed: Path) -> None:
    assert run("remove", "bridge-opened").exit_code == 0
    gone = run("history", "bridge-opened")  # without git, it is gone, and the error says where to look
    assert (gone.exit_code, gone.stderr) == (
        2,
        "factcheck: error: no claim with id 'bridge-opened'; it left the claims and git still has it: "
        "factcheck history bridge-opened --git\n",
    )
    pending = run("history", "bridge-opened", "--git")
    assert pending.exit_code == 0, pending.stderr
    assert pending.stdout.endswith("\nRemoved in the working tree; no commit has removed it yet.\n")
    git_on(renamed_then_removed, "commit", "-q", "-am", "Drop it", date="2026-01-04T10:00:00+00:00")
    result = run("history", "bridge-opened", "--git")
    assert result.exit_code == 0, result.stderr
    head = git(renamed_then_removed, "rev-parse", "HEAD").strip()[:10]
    lines = result.stdout.splitlines()
    assert lines[0] == "bridge-opened  was mixed  (claims/bridge.json)"
    assert lines[-4:] == [
        f"2026-01-04  {head}  (removed)  removed",
        "    Drop it  (Tess Ter)",
        "",
        f"Removed on 2026-01-04 by commit {head}: Drop it",
    ]
    document = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)
    assert document["removed"] is True and document["status"] == "mixed"
    assert [c["change"] for c in document["commits"]] == ["added", "status", "renamed", "removed"]


def test_git_the_story_of_a_former_id_ends_with_its_rename(run, renamed_then_removed: Path) -> None:
    result = run("history", "opened", "--git")
    assert result.exit_code == 0, result.stderr
    head = git(renamed_then_removed, "rev-parse", "HEAD").strip()[:10]
    lines = result.stdout.splitlines()
    assert lines[0] == "opened  was false  (claims/bridge.json)"
    assert lines[-5:] == [
        f"2026-01-03  {head}  mixed  renamed bridge-opened",
        "    Rename and mixed  (Tess Ter)",
        "",
        f"Renamed bridge-opened on 2026-01-03 by commit {head}: Rename and mixed",
        "factcheck history bridge-opened --git goes on from there",
    ]


def test_git_a_claim_no_commit_had_is_still_unknown(run, renamed_then_removed: Path) -> None:
    result = run("history", "bridge-opend", "--git")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: no claim with id 'bridge-opend'; did you mean bridge-opened")


def test_git_a_withdrawn_claims_file(run, renamed_then_removed: Path) -> None:
    git(renamed_then_removed, "mv", "claims/bridge.json", "claims/span.json")
    git_on(renamed_then_removed, "commit", "-q", "-m", "Rename the article", date="2026-01-04T10:00:00+00:00")
    git(renamed_then_removed, "rm", "-q", "claims/span.json")
    git_on(renamed_then_removed, "commit", "-q", "-m", "Withdraw the article", date="2026-01-05T10:00:00+00:00")
    (renamed_then_removed / "claims").mkdir(exist_ok=True)
    write_claims(renamed_then_removed / "claims", "next", [make_claim("next", "Another article's claim.")])
    document = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)
    assert [(c["change"], c["path"]) for c in document["commits"]] == [
        ("added", "claims/bridge.json"),
        ("status", "claims/bridge.json"),
        ("renamed", "claims/bridge.json"),
        ("removed", "claims/span.json"),
    ]
    assert document["file"] == "claims/span.json"
    withdrawn = run("history", "bridge-opened")
    assert withdrawn.stderr.endswith("it left the claims and git still has it: factcheck history bridge-opened --git\n")
    assert run("history", "never-was").stderr == "factcheck: error: no claim with id 'never-was'\n"


def test_git_a_claims_file_renamed_and_not_committed_yet(run, renamed_then_removed: Path) -> None:
    # git mv alone: the new path has no commits, but git knows the claim under the old one.
    git(renamed_then_removed, "mv", "claims/bridge.json", "claims/span.json")
    result = run("history", "bridge-opened", "--git", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["file"] == "claims/span.json"
    assert [(c["change"], c["status"], c["path"]) for c in document["commits"]] == [
        ("added", "unverified", "claims/bridge.json"),
        ("status", "false", "claims/bridge.json"),
        ("renamed", "mixed", "claims/bridge.json"),
    ]
    # A claim only the working tree has, in a file no commit had: still an error, saying why.
    write_claims(renamed_then_removed / "claims", "new", [make_claim("fresh", "Not committed.")])
    fresh = run("history", "fresh", "--git")
    assert (fresh.exit_code, fresh.stderr) == (
        2,
        "factcheck: error: claims/new.json: has no commits in git yet; commit it (git add claims/new.json, then "
        "git commit), or leave out --git\n",
    )


def test_git_in_a_repository_with_no_commits_yet(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_claims(init_repo(tmp_path) / "claims", "new", [make_claim("fresh", "Not committed.")])
    monkeypatch.chdir(tmp_path)
    fresh = run("history", "fresh", "--git")
    assert (fresh.exit_code, fresh.stderr) == (
        2,
        "factcheck: error: claims/new.json: has no commits in git yet; commit it (git add claims/new.json, then "
        "git commit), or leave out --git\n",
    )


def test_git_a_rejected_claim_is_set_aside_not_removed(run, renamed_then_removed: Path) -> None:
    # The file keeps a rejected or retired claim, status and all: the commit says so, not "removed".
    assert run("reject", "bridge-opened", "--note", "Not a claim.").exit_code == 0
    git_on(renamed_then_removed, "commit", "-q", "-am", "Reject it", date="2026-01-04T10:00:00+00:00")
    assert run("restore", "bridge-opened").exit_code == 0
    git_on(renamed_then_removed, "commit", "-q", "-am", "Restore it", date="2026-01-05T10:00:00+00:00")
    assert run("retire", "other", "--note", "Cut.").exit_code == 0
    git_on(renamed_then_removed, "commit", "-q", "-am", "Retire the other", date="2026-01-06T10:00:00+00:00")
    commits = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)["commits"]
    assert [(c["change"], c["status"]) for c in commits] == [
        ("added", "unverified"),
        ("status", "false"),
        ("renamed", "mixed"),
        ("rejected", "mixed"),
        ("restored", "mixed"),
    ]
    text = run("history", "other", "--git").stdout
    head = git(renamed_then_removed, "rev-parse", "HEAD").strip()[:10]
    assert text.endswith(f"2026-01-06  {head}  unverified  retired\n    Retire the other  (Tess Ter)\n")


def test_git_follows_a_claim_into_a_claims_file_git_saw_as_new(run, renamed_then_removed: Path) -> None:
    # Renamed in git and changed so much in one commit that git sees a removal and an addition.
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    path = renamed_then_removed / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"] += [make_claim(f"span-{n}", f"Span {n} is {n * 70} metres long.") for n in range(1, 9)]
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    git(renamed_then_removed, "mv", "claims/bridge.json", "claims/span.json")
    git(renamed_then_removed, "add", "-A")
    git_on(renamed_then_removed, "commit", "-q", "-m", "Span", date="2026-01-04T10:00:00+00:00")
    assert "D\tclaims/bridge.json" in git(renamed_then_removed, "show", "--name-status", "--format=", "HEAD")
    expected = [
        ("added", "opened", "claims/bridge.json"),
        ("status", "opened", "claims/bridge.json"),
        ("renamed", "bridge-opened", "claims/bridge.json"),
        ("renamed", "span-opened", "claims/span.json"),
    ]
    for asked in ("span-opened", "bridge-opened"):  # from the claim now, and from the id it lost there
        commits = json.loads(run("history", asked, "--git", "--format", "json").stdout)["commits"]
        assert [(c["change"], c["id"], c["path"]) for c in commits] == expected, asked
    # A claim that only moved with the file keeps its story from before the move.
    commits = json.loads(run("history", "other", "--git", "--format", "json").stdout)["commits"]
    assert [(c["change"], c["path"]) for c in commits] == [("added", "claims/bridge.json")]


def test_git_a_claim_renamed_away_in_the_working_tree_after_its_file_was_renamed(
    run, renamed_then_removed: Path
) -> None:
    git(renamed_then_removed, "mv", "claims/bridge.json", "claims/span.json")
    git_on(renamed_then_removed, "commit", "-q", "-m", "Rename the file", date="2026-01-04T10:00:00+00:00")
    assert run("set", "bridge-opened", "--status", "false", "--note", "It opened in 2021.").exit_code == 0
    git_on(renamed_then_removed, "commit", "-q", "-am", "False after all", date="2026-01-05T10:00:00+00:00")
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    # The story of the id the working tree no longer has goes on in the renamed file, where it was last.
    document = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)
    assert [(c["change"], c["status"], c["path"]) for c in document["commits"]] == [
        ("added", "unverified", "claims/bridge.json"),
        ("status", "false", "claims/bridge.json"),
        ("renamed", "mixed", "claims/bridge.json"),
        ("status", "false", "claims/span.json"),
    ]
    assert (document["file"], document["status"]) == ("claims/span.json", "false")


def test_git_follows_a_rename_not_committed_yet(run, renamed_then_removed: Path) -> None:
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    expected = [("added", "opened", "unverified"), ("status", "opened", "false"), ("renamed", "bridge-opened", "mixed")]
    commits = json.loads(run("history", "span-opened", "--git", "--format", "json").stdout)["commits"]
    assert [(c["change"], c["id"], c["status"]) for c in commits] == expected
    git(renamed_then_removed, "mv", "claims/bridge.json", "claims/span.json")  # and its file, neither committed
    commits = json.loads(run("history", "span-opened", "--git", "--format", "json").stdout)["commits"]
    assert [(c["change"], c["id"], c["status"]) for c in commits] == expected


# --- a claim moved by hand to another claims file; an id a rename freed, taken again ---------------


def move_claim(repo: Path, claim_id: str, source: str, target: str) -> None:
    """Move a claim by hand from one claims file to another, id, status and history kept."""
    documents = {name: json.loads((repo / name).read_text(encoding="utf-8")) for name in (source, target)}
    (claim,) = [c for c in documents[source]["claims"] if c["id"] == claim_id]
    documents[source]["claims"].remove(claim)
    documents[target]["claims"].append(claim)
    for name, document in documents.items():
        (repo / name).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


@pytest.fixture
def two_files(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two claims files, and a verdict on a claim of the first."""
    repo = init_repo(tmp_path / "repo")
    write_claims(
        repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020."), make_claim("other", "Another.")]
    )
    write_claims(repo / "claims", "tunnel", [make_claim("dug", "The tunnel was dug in 2019.")])
    git(repo, "add", "-A")
    git_on(repo, "commit", "-q", "-m", "Add claims", date="2026-01-01T10:00:00+00:00")
    monkeypatch.chdir(repo)
    assert run("set", "opened", "--status", "false", "--note", "It opened in 2021.").exit_code == 0
    git_on(repo, "commit", "-q", "-am", "Opened: false", date="2026-01-02T10:00:00+00:00")
    return repo


def changes(run, claim_id: str) -> list[tuple[str, str | None, str | None, str]]:
    result = run("history", claim_id, "--git", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(c["change"], c["id"], c["former_id"], c["path"]) for c in json.loads(result.stdout)["commits"]]


def test_git_follows_a_claim_moved_by_hand_to_another_claims_file(run, two_files: Path) -> None:
    move_claim(two_files, "opened", "claims/bridge.json", "claims/tunnel.json")
    story = [("added", "opened", None, "claims/bridge.json"), ("status", "opened", None, "claims/bridge.json")]
    assert changes(run, "opened") == story  # not committed yet: git knows it in the file it left
    git_on(two_files, "commit", "-q", "-am", "Move it", date="2026-01-03T10:00:00+00:00")
    assert changes(run, "opened") == story  # the move changed nothing in the claim
    assert run("set", "opened", "--status", "mixed").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Mixed", date="2026-01-04T10:00:00+00:00")
    assert changes(run, "opened") == [*story, ("status", "opened", None, "claims/tunnel.json")]


def test_git_a_claim_renamed_and_moved_to_another_claims_file(run, two_files: Path) -> None:
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    move_claim(two_files, "bridge-opened", "claims/bridge.json", "claims/tunnel.json")
    before = [("added", "opened", None, "claims/bridge.json"), ("status", "opened", None, "claims/bridge.json")]
    assert changes(run, "bridge-opened") == before  # neither committed yet
    git_on(two_files, "commit", "-q", "-am", "Rename and move", date="2026-01-03T10:00:00+00:00")
    renamed = ("renamed", "bridge-opened", "opened", "claims/tunnel.json")
    assert changes(run, "bridge-opened") == [*before, renamed]
    # The former id's story ends with the rename, in the file the claim went to, not with a removal.
    assert changes(run, "opened") == [*before, renamed]
    result = run("history", "opened", "--git")
    assert "factcheck history bridge-opened --git goes on from there" in result.stdout
    assert "removed" not in result.stdout


@pytest.mark.parametrize("same_commit", [False, True], ids=["commit-after", "same-commit"])
def test_git_a_new_claim_under_an_id_a_rename_freed_has_a_story_of_its_own(
    run, two_files: Path, same_commit: bool
) -> None:
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    if not same_commit:
        git_on(two_files, "commit", "-q", "-am", "Rename", date="2026-01-03T10:00:00+00:00")
    path = two_files / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    if not same_commit:
        pending = run("history", "opened", "--git")
        assert pending.exit_code == 0, pending.stderr
        assert pending.stdout.endswith("No commit changed this claim.\n")  # new, not the renamed claim's story
    git_on(two_files, "commit", "-q", "-am", "A new claim", date="2026-01-04T10:00:00+00:00")
    assert changes(run, "opened") == [("added", "opened", None, "claims/bridge.json")]
    assert changes(run, "bridge-opened")[-1] == ("renamed", "bridge-opened", "opened", "claims/bridge.json")
    assert run("remove", "opened").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Drop the new one", date="2026-01-05T10:00:00+00:00")
    # Removed, the id's story is still the new claim's, from its addition to its removal.
    assert [c[0] for c in changes(run, "opened")] == ["added", "removed"]


# --- a rename not committed yet: the former id's story, and a new claim under it -------------------


def test_git_a_former_id_renamed_in_the_working_tree_ends_with_the_rename(run, two_files: Path) -> None:
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    result = run("history", "opened", "--git")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "opened  was false  (claims/bridge.json)"
    assert result.stdout.endswith(
        "\nRenamed bridge-opened in the working tree; no commit has renamed it yet.\n"
        "factcheck history bridge-opened --git goes on from there\n"
    )
    assert "Removed" not in result.stdout
    document = json.loads(run("history", "opened", "--git", "--format", "json").stdout)
    assert document["removed"] is True
    assert document["renamed_to"] == "bridge-opened"
    # Renamed and moved by hand to the other claims file, neither committed: the same ending.
    move_claim(two_files, "bridge-opened", "claims/bridge.json", "claims/tunnel.json")
    assert run("history", "opened", "--git").stdout.endswith(
        "\nRenamed bridge-opened in the working tree; no commit has renamed it yet.\n"
        "factcheck history bridge-opened --git goes on from there\n"
    )
    # Removed by hand, not renamed: the working tree has no claim whose rename event names it.
    assert run("remove", "bridge-opened").exit_code == 0
    assert run("history", "opened", "--git").stdout.endswith(
        "\nRemoved in the working tree; no commit has removed it yet.\n"
    )


def test_git_a_new_claim_under_an_id_renamed_away_in_the_working_tree(run, two_files: Path) -> None:
    # Renamed and the freed id given to a new claim, neither committed: the new claim has no commits yet.
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    path = two_files / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    result = run("history", "opened", "--git")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("opened  now unverified  (claims/bridge.json)\nThe tunnel opened in 2022.\n")
    assert result.stdout.endswith("No commit changed this claim.\n")
    # The renamed claim's story is its own still.
    assert [c[0] for c in changes(run, "bridge-opened")] == ["added", "status"]
    # The same with the new claim in the other claims file.
    document["claims"].pop()
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    tunnel = two_files / "claims" / "tunnel.json"
    document = json.loads(tunnel.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    tunnel.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    assert changes(run, "opened") == []


def test_git_a_set_aside_claim_restored_and_renamed_in_the_working_tree(run, renamed_then_removed: Path) -> None:
    assert run("reject", "bridge-opened", "--note", "Not a claim.").exit_code == 0
    git_on(renamed_then_removed, "commit", "-q", "-am", "Reject it", date="2026-01-04T10:00:00+00:00")
    assert run("restore", "bridge-opened").exit_code == 0
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    # HEAD has the claim set aside under the id: the working tree's rename of it still ends its story.
    result = run("history", "bridge-opened", "--git")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "\nRenamed span-opened in the working tree; no commit has renamed it yet.\n"
        "factcheck history span-opened --git goes on from there\n"
    )
    expected = [("added", "opened"), ("status", "opened"), ("renamed", "bridge-opened"), ("rejected", "bridge-opened")]
    for asked in ("bridge-opened", "span-opened"):
        assert [c[:2] for c in changes(run, asked)] == expected, asked


# --- renamed or added, and set aside, in one commit ----------------------------------------------


@pytest.mark.parametrize("kind", ["reject", "retire"])
def test_git_a_claim_renamed_and_set_aside_in_one_commit(run, two_files: Path, kind: str) -> None:
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    assert run(kind, "bridge-opened", "--note", "Not a claim.").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Rename and set aside", date="2026-01-03T10:00:00+00:00")
    done = f"{kind}ed".replace("ee", "e")
    before = [("added", "opened", None, "claims/bridge.json"), ("status", "opened", None, "claims/bridge.json")]
    both = (done, "bridge-opened", "opened", "claims/bridge.json")
    # The claim set aside under its new id: its story goes back through the rename.
    assert changes(run, "bridge-opened") == [*before, both]
    head = git(two_files, "rev-parse", "HEAD").strip()[:10]
    text = run("history", "bridge-opened", "--git").stdout
    assert f"2026-01-03  {head}  false  renamed from opened, {done}\n" in text
    # The former id's story ends with that commit, which renamed it (not a removal).
    assert changes(run, "opened") == [*before, both]
    document = json.loads(run("history", "opened", "--git", "--format", "json").stdout)
    assert (document["removed"], document["renamed_to"]) == (True, "bridge-opened")
    text = run("history", "opened", "--git").stdout
    assert f"2026-01-03  {head}  false  renamed bridge-opened, {done}\n" in text
    assert text.endswith(
        f"\nRenamed bridge-opened and {done} on 2026-01-03 by commit {head}: Rename and set aside\n"
        "factcheck history bridge-opened --git goes on from there\n"
    )
    # Restored since: the story goes on.
    assert run("restore", "bridge-opened").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Restore it", date="2026-01-04T10:00:00+00:00")
    assert changes(run, "bridge-opened") == [*before, both, ("restored", "bridge-opened", None, "claims/bridge.json")]


def test_git_a_claim_added_and_set_aside_in_one_commit(run, two_files: Path) -> None:
    path = two_files / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("fresh", "The bridge is 2 km long."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    assert run("reject", "fresh", "--note", "Page furniture.").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Add and reject", date="2026-01-03T10:00:00+00:00")
    assert changes(run, "fresh") == [("rejected", "fresh", None, "claims/bridge.json")]
    head = git(two_files, "rev-parse", "HEAD").strip()[:10]
    assert run("history", "fresh", "--git").stdout.endswith(
        f"Commits\n2026-01-03  {head}  unverified  added, rejected\n    Add and reject  (Tess Ter)\n"
    )
    # Removed by hand from those set aside since: git still tells its story, up to the removal.
    document = json.loads(path.read_text(encoding="utf-8"))
    document["set_aside"] = []
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    git_on(two_files, "commit", "-q", "-am", "Drop it", date="2026-01-04T10:00:00+00:00")
    result = run("history", "fresh", "--git", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [c["change"] for c in json.loads(result.stdout)["commits"]] == ["rejected", "removed"]


def test_git_a_claim_restored_and_renamed_in_one_commit(run, two_files: Path) -> None:
    assert run("reject", "opened", "--note", "Not a claim.").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Reject it", date="2026-01-03T10:00:00+00:00")
    assert run("restore", "opened").exit_code == 0
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    git_on(two_files, "commit", "-q", "-am", "Restore and rename", date="2026-01-04T10:00:00+00:00")
    story = [
        ("added", "opened", None, "claims/bridge.json"),
        ("status", "opened", None, "claims/bridge.json"),
        ("rejected", "opened", None, "claims/bridge.json"),
        ("restored", "bridge-opened", "opened", "claims/bridge.json"),
    ]
    assert changes(run, "bridge-opened") == story
    head = git(two_files, "rev-parse", "HEAD").strip()[:10]
    assert (
        f"2026-01-04  {head}  false  restored, renamed from opened\n" in run("history", "bridge-opened", "--git").stdout
    )
    assert changes(run, "opened") == [*story[:3], ("renamed", "bridge-opened", "opened", "claims/bridge.json")]


def test_git_dates_are_utc_as_every_other_date(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Committed at 19:51 UTC on 7 December from a desk 14 hours ahead, where it was already the 8th.
    repo = init_repo(tmp_path / "repo")
    write_claims(repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", history=EVENTS[:1])])
    git(repo, "add", "-A")
    git_on(repo, "commit", "-q", "-m", "Add claims", date="2026-12-08T09:51:06+14:00")
    monkeypatch.chdir(repo)
    assert run("history", "opened", "--git").stdout.endswith(
        "Commits\n2026-12-07  "
        + git(repo, "rev-parse", "HEAD")[:10]
        + "  unverified  added\n    Add claims  (Tess Ter)\n"
    )
    commits = json.loads(run("history", "opened", "--git", "--format", "json").stdout)["commits"]
    assert [c["date"] for c in commits] == ["2026-12-07T19:51:06Z"]


def test_git_commits_through_a_merge_are_the_branchs_own(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ann renames the claim on her branch while bob gives it a verdict on his, later; ann merges his branch and
    # resolves the conflict by hand: her rename, his verdict and both events.  The claim's story on her branch
    # goes through the merge, which brought bob's verdict to it.
    repo = init_repo(tmp_path / "repo")
    path = write_claims(repo / "claims", "tolls", [make_claim("trucks", "Trucks pay $14.50.", history=EVENTS[:1])])
    git(repo, "add", "-A")
    git_on(repo, "commit", "-q", "-m", "Add claims", date="2026-01-01T10:00:00+00:00")
    monkeypatch.chdir(repo)
    git(repo, "switch", "-q", "-c", "bob")
    assert run("set", "trucks", "--status", "mixed", "--note", "Off-peak not stated.", "--by", "bob").exit_code == 0
    git_on(repo, "commit", "-q", "-am", "Trucks: mixed", date="2026-01-03T10:00:00+00:00")
    git(repo, "switch", "-q", "-")
    assert run("rename", "trucks", "truck-tolls").exit_code == 0
    git_on(repo, "commit", "-q", "-am", "Rename trucks", date="2026-01-02T10:00:00+00:00")
    merged = subprocess.run(["git", "merge", "bob"], cwd=repo, capture_output=True, text=True, check=False)
    assert merged.returncode == 1 and "CONFLICT" in merged.stdout
    ours, theirs = (json.loads(git(repo, "show", f":{stage}:claims/tolls.json")) for stage in (2, 3))
    claim, verdict = ours["claims"][0], theirs["claims"][0]
    claim.update(status=verdict["status"], note=verdict["note"], history=[*claim["history"], verdict["history"][-1]])
    path.write_text(json.dumps(ours, indent=2) + "\n")
    git_on(repo, "commit", "-q", "-am", "Merge bob", date="2026-01-04T10:00:00+00:00")
    story = [("Add claims", "added", "unverified"), ("Rename trucks", "renamed", "unverified")]
    for claim_id, expected in (("truck-tolls", [*story, ("Merge bob", "status", "mixed")]), ("trucks", story)):
        result = run("history", claim_id, "--git", "--format", "json")
        assert result.exit_code == 0, result.output
        commits = json.loads(result.stdout)["commits"]
        assert [(c["subject"], c["change"], c["status"]) for c in commits] == expected, claim_id
    assert run("history", "trucks", "--git").stdout.endswith("factcheck history truck-tolls --git goes on from there\n")
