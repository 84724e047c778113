"""A repository with no claims yet: the default claims folder not there, or there and empty.

Every command that reads all the claims gives the output of an empty set of
claims, in each of its formats, and exits 0; the default folder not being
there is said in one note on stderr.  A command that names a claim still
finds none, and a claims path someone named must exist.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck.render.formats import choices

from conftest import git, init_repo, make_claim, write_claims

DATA = Path(__file__).parent / "data"
NOTE = "factcheck: note: the claims folder claims/ does not exist yet; "


def _json(out: str) -> object:
    return json.loads(out)


def _xml(out: str) -> object:
    return ET.fromstring(out)


def _html(out: str) -> object:
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    return out


def _csv(out: str) -> object:
    (header,) = list(csv.reader(io.StringIO(out)))  # the header, and no row
    return header


def _any(out: str) -> object:
    return out


PARSE = {"json": _json, "sarif": _json, "junit": _xml, "html": _html, "csv": _csv, "claimreview": _json}

#: Every command that reads all the claims: its arguments, and the formats it has.
COMMANDS = [
    ("list", ["list"]),
    ("report", ["report"]),
    ("verify", ["verify", "--all", "--offline"]),
    ("archive", ["archive", "--all"]),
    ("check", ["check"]),
    ("rejected", ["rejected"]),
    ("match", ["match", "--all"]),
    ("search", ["search", "--all"]),
    ("export", ["export", "--publisher-name", "Desk"]),
]
CASES = [(name, args, fmt) for name, args in COMMANDS for fmt in choices(name)]


def _with_format(name: str, args: list[str], fmt: str) -> list[str]:
    # export takes its format as its argument; the others as --format.
    return [args[0], fmt, *args[1:]] if name == "export" else [*args, "--format", fmt]


def _empty(out: str, name: str, fmt: str) -> None:
    """``out`` is ``fmt``'s output for no claims at all: parsed, and holding nothing."""
    document = PARSE.get(fmt, _any)(out)
    if name == "list" and fmt == "json" or name in ("rejected", "export"):
        assert document in ([], "", "no rejected or retired claims\n")
    if name in ("verify", "archive") and fmt == "json":
        assert document["ok"] is True and document["claims" if name == "verify" else "results"] == []
    if name == "check" and fmt == "sarif":
        assert document["runs"][0]["results"] == []
    if name == "report" and fmt == "json":
        assert document["total"]["claims"] == 0


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> Path:
    """A content repository without claims, with a library (match and search need one)."""
    repo = init_repo(tmp_path / "newsroom")
    monkeypatch.chdir(repo)
    library = repo / ".factcheck"
    added = run("--claims", "claims", "library", "add", str(DATA / "library" / "feed.json"), "--library", str(library))
    assert added.exit_code == 0, added.stderr
    shutil.copytree(DATA / "library" / "desk-documents", repo / "docs-in")
    added = run("library", "add", "docs-in", "--library", str(library))
    assert added.exit_code == 0, added.stderr
    return repo


@pytest.mark.parametrize(("name", "args", "fmt"), CASES, ids=[f"{n}-{f}" for n, _, f in CASES])
def test_the_default_claims_folder_not_there_yet_is_no_claims(run, newsroom: Path, name, args, fmt) -> None:
    result = run(*_with_format(name, args, fmt))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(NOTE) and result.stderr.count(NOTE) == 1
    _empty(result.stdout, name, fmt)
    assert not (newsroom / "claims").exists()  # reading made nothing


@pytest.mark.parametrize(("name", "args", "fmt"), CASES, ids=[f"{n}-{f}" for n, _, f in CASES])
def test_an_empty_claims_folder_is_no_claims(run, newsroom: Path, name, args, fmt) -> None:
    (newsroom / "claims").mkdir()
    result = run(*_with_format(name, args, fmt))
    assert result.exit_code == 0, result.stderr
    assert "does not exist" not in result.stderr and "Traceback" not in result.stderr
    _empty(result.stdout, name, fmt)


@pytest.mark.parametrize("fmt", choices("list"))
def test_a_named_claims_path_that_is_not_there_is_an_error(run, newsroom: Path, fmt: str) -> None:
    # Naming a path says claims are expected there: a typo must not pass as "no claims".
    for named in (["--claims", "claims"], ["--claims", "stories"]):
        result = run(*named, "list", "--format", fmt)
        assert result.exit_code == 2
        assert result.stderr.startswith("factcheck: error: no such file or folder: ")
        assert result.stdout == ""


def test_the_configured_claims_path_must_exist(run, newsroom: Path) -> None:
    (newsroom / "setup.cfg").write_text("[factcheck]\nclaims = stories\n")
    result = run("report", "--format", "md")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: setup.cfg:2: [factcheck] claims: no such file or folder: stories\n",
    )


@pytest.mark.parametrize("folder", ["missing", "empty"])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "bridge-cost"],
        ["history", "bridge-cost"],
        ["set", "bridge-cost", "--status", "verified"],
        ["verify", "bridge-cost"],
        ["source", "add", "bridge-cost", "https://example.org/"],
        ["reject", "bridge-cost"],
        ["match", "bridge-cost"],
    ],
    ids=lambda a: "-".join(a[:2]) if isinstance(a, list) else a,
)
def test_a_claim_named_is_not_found(run, newsroom: Path, folder: str, args: list[str]) -> None:
    if folder == "empty":
        (newsroom / "claims").mkdir()
    result = run(*args)
    assert result.exit_code == 2
    assert "factcheck: error: no claim with id 'bridge-cost'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_annotate_without_claims_says_which_claims_file_is_needed(run, newsroom: Path, folder: str) -> None:
    # Nothing sensible to show: no claims file names an article.
    if folder == "empty":
        (newsroom / "claims").mkdir()
    (newsroom / "article.txt").write_text("The bridge opened in 2020.\n")
    for fmt in choices("annotate"):
        for args in (["annotate"], ["annotate", "article.txt"]):
            result = run(*args, "--format", fmt)
            assert result.exit_code == 2 and result.stdout == ""
            error = [line for line in result.stderr.splitlines() if line.startswith("factcheck: error: ")]
            assert len(error) == 1 and "claims" in error[0], result.stderr


def test_the_first_claims_file_ends_the_note(run, newsroom: Path) -> None:
    write_claims(newsroom / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    result = run("list", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert [row["id"] for row in json.loads(result.stdout)] == ["bridge-cost"]


def test_quiet_leaves_out_the_note(run, newsroom: Path) -> None:
    result = run("-q", "report", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["total"]["claims"] == 0


# --- diff reads git: what each side holds -------------------------------------------------------


def _no_changes(out: str, fmt: str, old: str, new: str) -> None:
    """``out`` is ``diff --format fmt``'s output for nothing changed between ``old`` and ``new``."""
    if fmt == "json":
        document = json.loads(out)
        assert (document["old"], document["new"]) == (old, new)
        assert document["added"] == document["removed"] == document["changed"] == document["renamed"] == []
    else:
        if fmt == "md":  # markdown escapes the ~ of a revision
            old, new = old.replace("~", "\\~"), new.replace("~", "\\~")
        line = f"No changes to the claims between {old} and {new}."
        assert out == (f"**{line}**\n" if fmt == "md" else f"{line}\n")


def _commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


@pytest.mark.parametrize("fmt", choices("diff"))
def test_diff_before_the_first_commit_and_the_first_claims_file(run, newsroom: Path, fmt: str) -> None:
    # The repository has no commit yet (the library is not committed): HEAD holds nothing.
    result = run("diff", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(NOTE) and result.stderr.count(NOTE) == 1
    assert "nothing to compare" in result.stderr
    _no_changes(result.stdout, fmt, "HEAD (no commits yet)", "working tree")
    assert not (newsroom / "claims").exists()
    # A revision named that is not there is still a mistake.
    named = run("diff", "HEAD", "--format", fmt)
    assert (named.exit_code, named.stdout) == (2, "")
    assert named.stderr == "factcheck: error: 'HEAD' is neither a claims file or folder nor a git revision\n"


@pytest.mark.parametrize("fmt", choices("diff"))
def test_diff_of_commits_without_the_claims_folder_is_no_claims(run, newsroom: Path, fmt: str) -> None:
    _commit(newsroom, "The library")
    _commit(newsroom, "An unrelated change")
    for args, old, new in (
        ([], "HEAD", "working tree"),
        (["HEAD~1"], "HEAD~1", "working tree"),
        (["HEAD~1", "HEAD"], "HEAD~1", "HEAD"),
    ):
        result = run("diff", *args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(NOTE) and result.stderr.count(NOTE) == 1
        _no_changes(result.stdout, fmt, old, new)
    # A claims path someone named must be there on one side at least.
    for named in (["--claims", "claims"], ["--claims", "stories"]):
        result = run(*named, "diff", "--format", fmt)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("factcheck: error: ") and "does not exist at HEAD" in result.stderr
    # An empty folder holds no claims, and says nothing of it.
    (newsroom / "claims").mkdir()
    result = run("diff", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    _no_changes(result.stdout, fmt, "HEAD", "working tree")


@pytest.mark.parametrize("fmt", choices("diff"))
def test_diff_of_the_claims_folder_in_one_revision_only_is_every_claim_added_or_removed(
    run, newsroom: Path, fmt: str
) -> None:
    _commit(newsroom, "Before the claims")
    write_claims(newsroom / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    write_claims(newsroom / "claims", "tunnel", [make_claim("tunnel-dug", "The tunnel was dug in 2019.")])
    added = run("diff", "--format", fmt)  # HEAD has no claims folder yet; the working tree has one
    _commit(newsroom, "The first claims")
    git(newsroom, "rm", "-q", "-r", "claims")
    removed = run("diff", "--format", fmt)  # the working tree withdrew them all
    for result, what in ((added, "added"), (removed, "removed")):
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        if fmt == "json":
            document = json.loads(result.stdout)
            assert sorted(row["id"] for row in document[what]) == ["bridge-cost", "tunnel-dug"]
            assert document["added" if what == "removed" else "removed"] == []
        else:
            counts = "2 added, 0 removed" if what == "added" else "0 added, 2 removed"
            assert counts in result.stdout.splitlines()[0]
            assert "bridge-cost" in result.stdout and "tunnel-dug" in result.stdout
    # Before the first commit, what the working tree holds is all new.
    fresh = init_repo(newsroom.parent / "fresh")
    write_claims(fresh / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    result = run("--claims", str(fresh / "claims"), "diff", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "bridge-cost" in result.stdout and "HEAD (no commits yet)" in result.stdout


def test_diff_of_two_revisions_without_claims_says_so_once_the_folder_exists(run, newsroom: Path) -> None:
    _commit(newsroom, "One")
    _commit(newsroom, "Two")
    write_claims(newsroom / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    result = run("diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        "factcheck: note: the claims folder claims/ holds no claims file at HEAD~1 or HEAD; nothing to compare\n"
    )
    # The same revision on both sides is named once; a folder there without a claims file reads alike.
    same = run("diff", "HEAD", "HEAD", "--format", "json")
    assert same.exit_code == 0
    assert (
        same.stderr == "factcheck: note: the claims folder claims/ holds no claims file at HEAD; nothing to compare\n"
    )
    _no_changes(result.stdout, "json", "HEAD~1", "HEAD")
    assert run("-q", "diff", "HEAD~1", "HEAD").stderr == ""


@pytest.mark.parametrize("where", ["claims", "docs/notes"])
def test_a_sub_folder_of_the_repository_names_the_folder_to_run_from(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    repo = init_repo(tmp_path / "desk")
    write_claims(repo / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    (repo / where).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(repo / where)
    result = run("show", "bridge-cost")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{NOTE}nothing to read; {repo} holds one, above this folder: cd {repo}\n"
        "factcheck: error: no claim with id 'bridge-cost'\n"
    )
