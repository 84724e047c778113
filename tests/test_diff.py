"""factcheck diff: files, folders and git revisions (real commits in a temporary repository)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from factcheck.render.formats import choices

from conftest import git, init_repo, make_claim, make_source, write_claims


def old_claims() -> list[dict]:
    return [
        make_claim("opened", "The bridge opened in 2020.", sources=[make_source("https://example.org/a")]),
        make_claim(
            "cost",
            "It cost $2.4 billion.",
            "verified",
            sources=[
                make_source(
                    "https://example.org/cost", last_check={"at": "2026-01-01T00:00:00Z", "outcome": "supported"}
                )
            ],
        ),
        make_claim("gone", "A claim that will be dropped.", "opinion"),
    ]


def new_claims() -> list[dict]:
    return [
        make_claim(
            "opened",
            "The bridge opened in 2020.",
            "false",
            note="It opened in 2021.",
            sources=[make_source("https://example.org/b")],
            history=[
                {
                    "at": "2026-11-01T00:00:00Z",
                    "from": "unverified",
                    "to": "false",
                    "by": "ann",
                    "why": "It opened in 2021.",
                }
            ],
        ),
        make_claim(
            "cost",
            "It cost $2.4 billion.",
            "verified",
            sources=[
                make_source("https://example.org/cost", last_check={"at": "2026-11-01T00:00:00Z", "outcome": "dead"})
            ],
        ),
        make_claim("fresh", "A new claim.", "unverified"),
    ]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of claims/bridge.json; the cwd is the repository."""
    repo = init_repo(tmp_path / "repo")
    write_claims(repo / "claims", "bridge", old_claims())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    write_claims(repo / "claims", "bridge", new_claims())
    git(repo, "commit", "-q", "-am", "second")
    monkeypatch.chdir(repo)
    return repo


JSON_EXPECTED = {
    "old": "HEAD~1",
    "new": "HEAD",
    "added": [
        {
            "id": "fresh",
            "file": "HEAD:claims/bridge.json",
            "status": "unverified",
            "text": "A new claim.",
            "aside": None,
            "why": None,
            "aside_id": None,
        }
    ],
    "removed": [
        {
            "id": "gone",
            "file": "HEAD~1:claims/bridge.json",
            "status": "opinion",
            "text": "A claim that will be dropped.",
            "aside": None,
            "why": None,
            "aside_id": None,
        }
    ],
    "changed": [
        {
            "id": "opened",
            "old_id": None,
            "file": "HEAD:claims/bridge.json",
            "old_file": None,
            "from": "unverified",
            "to": "false",
            "why": "It opened in 2021.",
            "text_changed": False,
            "old_text": None,
            "new_text": None,
            "note_changed": True,
            "events_deleted": 0,
            "verdict_by": None,
            "sources_added": ["https://example.org/b"],
            "sources_removed": ["https://example.org/a"],
            "checks": [],
            "claimant_changed": False,
            "claimant": None,
            "accepted": [],
            "unaccepted": [],
        },
        {
            "id": "cost",
            "old_id": None,
            "file": "HEAD:claims/bridge.json",
            "old_file": None,
            "from": "verified",
            "to": "verified",
            "why": None,
            "text_changed": False,
            "old_text": None,
            "new_text": None,
            "note_changed": False,
            "events_deleted": 0,
            "verdict_by": None,
            "sources_added": [],
            "sources_removed": [],
            "checks": [
                {"url": "https://example.org/cost", "old": "supported", "new": "dead", "at": "2026-11-01T00:00:00Z"}
            ],
            "claimant_changed": False,
            "claimant": None,
            "accepted": [],
            "unaccepted": [],
        },
    ],
    "renamed": [],
    "other_edits": 0,
    "article": [],
}


def test_two_revisions_json(run, repo: Path) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == JSON_EXPECTED


def test_table_format_exact(run, repo: Path) -> None:
    result = run("diff", "HEAD~1", "HEAD")
    assert result.stdout == (
        "HEAD~1 → HEAD: 1 added, 1 removed, 2 changed (1 in status).\n"
        "\n"
        "Status changes\n"
        "opened  unverified → false\n"
        "        It opened in 2021.\n"
        "\n"
        "Added claims\n"
        "+ fresh  unverified  A new claim.\n"
        "\n"
        "Removed claims\n"
        "- gone  opinion  A claim that will be dropped.\n"
        "\n"
        "Sources\n"
        "opened  + https://example.org/b\n"
        "opened  - https://example.org/a\n"
        "\n"
        "Evidence checks\n"
        "cost  supported → dead  https://example.org/cost\n"
    )


def test_markdown(run, repo: Path) -> None:
    md = run("diff", "HEAD~1", "HEAD", "--format", "md").stdout
    assert md.startswith("**HEAD\\~1 → HEAD: 1 added, 1 removed, 2 changed (1 in status).**\n")
    assert "| `opened` | unverified | **false** | It opened in 2021. |" in md
    assert "| `cost` | supported | dead | `https://example.org/cost` |" in md


def test_the_articles_own_details_show_one_line_each(run, repo: Path) -> None:
    # A correction published: the headline, the url and the notice change, the claims do not.
    git(repo, "tag", "published-1")
    article = {"title": "Bridge opens", "url": "https://example.org/bridge", "author": "Ann Lee"}
    write_claims(repo / "claims", "bridge", new_claims(), article)
    git(repo, "commit", "-q", "-am", "metadata")
    article |= {"title": "Bridge opens a year late", "url": "https://example.org/bridge-late"}
    write_claims(repo / "claims", "bridge", new_claims(), article | {"correction": "Correction: it opened in 2021."})
    assert run("diff", "HEAD").stdout == (
        "HEAD → working tree: 0 added, 0 removed, 0 changed; 3 article details changed.\n"
        "\n"
        "Article (claims/bridge.json)\n"
        "title       Bridge opens → Bridge opens a year late\n"
        "url         https://example.org/bridge → https://example.org/bridge-late\n"
        "correction  (none) → Correction: it opened in 2021.\n"
    )
    data = json.loads(run("diff", "published-1", "--format", "json").stdout)
    assert [(a["field"], a["old"], a["new"]) for a in data["article"]] == [
        ("title", "Article bridge", "Bridge opens a year late"),
        ("url", None, "https://example.org/bridge-late"),
        ("author", None, "Ann Lee"),
        ("correction", None, "Correction: it opened in 2021."),
    ]
    md = run("diff", "published-1", "--format", "md").stdout
    assert "| title | Article bridge | Bridge opens a year late |" in md
    git(repo, "commit", "-q", "-am", "corrected")
    assert run("diff", "HEAD~1", "HEAD").stdout.startswith("HEAD~1 → HEAD: 0 added, 0 removed, 0 changed; 3 ")


def test_a_moved_article_a_new_review_url_and_a_changed_text_are_article_details(run, repo: Path) -> None:
    before = {"title": "Bridge opens", "path": "bridge.txt", "sha256": "a" * 64}
    write_claims(repo / "claims", "bridge", new_claims(), before)
    git(repo, "commit", "-q", "-am", "article")
    after = before | {"path": "texts/bridge.txt", "sha256": "b" * 64, "review_url": "https://desk.example.org/bridge"}
    write_claims(repo / "claims", "bridge", new_claims(), after)
    assert run("diff").stdout == (
        "HEAD → working tree: 0 added, 0 removed, 0 changed; 3 article details changed.\n"
        "\n"
        "Article (claims/bridge.json)\n"
        "review_url  (none) → https://desk.example.org/bridge\n"
        "path        bridge.txt → texts/bridge.txt\n"
        "text        the article's text changed\n"
    )
    md = run("diff", "--format", "md").stdout
    assert "| path | bridge.txt | texts/bridge.txt |\n" in md and "| text | the article's text changed |  |\n" in md
    assert "a" * 64 not in md
    data = json.loads(run("diff", "--format", "json").stdout)
    assert [(a["field"], a["old"], a["new"]) for a in data["article"]] == [
        ("review_url", None, "https://desk.example.org/bridge"),
        ("path", "bridge.txt", "texts/bridge.txt"),
        ("text", None, None),  # the text's hashes are no detail for a reader
    ]


def test_default_is_head_against_working_tree(run, repo: Path) -> None:
    assert run("diff").stdout == "No changes to the claims between HEAD and working tree.\n"
    claims = new_claims()
    claims[2]["status"] = "verified"
    write_claims(repo / "claims", "bridge", claims)
    result = run("diff", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("HEAD", "working tree")
    assert [(c["id"], c["from"], c["to"], c["file"]) for c in data["changed"]] == [
        ("fresh", "unverified", "verified", "claims/bridge.json")
    ]
    one = json.loads(run("diff", "HEAD~1", "--format", "json").stdout)
    assert [c["id"] for c in one["added"]] == ["fresh"]


def test_rename_is_followed(run, repo: Path) -> None:
    git(repo, "mv", "claims/bridge.json", "claims/span.json")
    git(repo, "commit", "-q", "-m", "rename")
    data = json.loads(run("--claims", "claims/span.json", "diff", "HEAD~2", "HEAD", "--format", "json").stdout)
    assert data["renamed"] == [{"old": "claims/bridge.json", "new": "claims/span.json"}]
    assert [c["id"] for c in data["added"]] == ["fresh"]  # not all three claims
    assert [c["id"] for c in data["changed"]] == ["opened", "cost"]
    assert run("--claims", "claims/span.json", "diff", "HEAD~1", "HEAD").stdout.endswith(
        "Renamed files\nclaims/bridge.json  → claims/span.json\n"
    )


def test_files_and_folders_without_git(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_claims(tmp_path / "old", "bridge", old_claims())
    write_claims(tmp_path / "new", "bridge", new_claims())
    data = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    assert [c["id"] for c in data["changed"]] == ["opened", "cost"]
    assert data["added"][0]["file"] == "new/bridge.json"
    data = json.loads(run("diff", "old/bridge.json", "new/bridge.json", "--format", "json").stdout)
    assert [c["id"] for c in data["removed"]] == ["gone"]


def test_claim_moved_between_files(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_claims(tmp_path / "old", "a", old_claims())
    write_claims(tmp_path / "new", "a", old_claims()[:2])
    write_claims(tmp_path / "new", "b", old_claims()[2:])
    data = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    assert (data["added"], data["removed"]) == ([], [])
    assert [(c["id"], c["old_file"]) for c in data["changed"]] == [("gone", "old/a.json")]


def test_a_claim_moved_in_git_names_its_old_file_as_the_repository_knows_it(run, repo: Path) -> None:
    # "fresh" moves to a claims file of its own; the comment's header names both revisions already.
    write_claims(repo / "claims", "bridge", new_claims()[:2])
    write_claims(repo / "claims", "fresh", new_claims()[2:])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move a claim")
    text = run("diff", "HEAD~1", "HEAD").stdout
    assert text == (
        "HEAD~1 → HEAD: 0 added, 0 removed, 1 changed (0 in status).\n\nOther edits\nfresh  moved from claims/bridge.json\n"
    )
    md = run("diff", "HEAD~1", "HEAD", "--format", "md").stdout
    assert md.endswith("| claim | what |\n| --- | --- |\n| `fresh` | moved from claims/bridge.json |\n"), md
    # A program gets both sides as REV:path, the new side's file as the old one's.
    data = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert [(c["id"], c["file"], c["old_file"]) for c in data["changed"]] == [
        ("fresh", "HEAD:claims/fresh.json", "HEAD~1:claims/bridge.json")
    ]


def test_the_summary_counts_added_removed_and_changed_claims_apart(run, repo: Path) -> None:
    # Three claims dropped, two changed in status: "changed" counts neither the added nor the removed.
    write_claims(repo / "claims", "bridge", [new_claims()[0]])
    git(repo, "commit", "-q", "-am", "drop")
    summary = run("diff", "HEAD~2", "HEAD").stdout.split("\n")[0]
    assert summary == "HEAD~2 → HEAD: 0 added, 2 removed, 1 changed (1 in status)."
    md = run("diff", "HEAD~2", "HEAD", "--format", "md").stdout.split("\n")[0]
    assert md == "**HEAD\\~2 → HEAD: 0 added, 2 removed, 1 changed (1 in status).**"


def test_unknown_revision_and_path(run, repo: Path) -> None:
    result = run("diff", "no-such-branch")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: 'no-such-branch' is neither a claims file or folder nor a git revision\n",
    )
    result = run("diff", "HEAD:elsewhere")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: elsewhere does not exist at HEAD, or holds no claims files\n",
    )


def test_not_a_repository(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_claims(tmp_path / "claims", "bridge", old_claims())
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run("diff")
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: claims is not in a git repository; name two claims files or folders to compare\n"
    )


def test_bad_json_at_a_revision_names_it(run, repo: Path) -> None:
    (repo / "claims" / "bridge.json").write_text("{ not json", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: HEAD:claims/bridge.json:1:3: invalid JSON")


def test_non_canonical_layout_is_parsed_whole(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_claims(tmp_path / "old", "bridge", old_claims())
    (tmp_path / "new").mkdir()
    document = {"schema_version": 1, "article": {"title": "x"}, "claims": new_claims()}
    (tmp_path / "new" / "bridge.json").write_text(json.dumps(document), encoding="utf-8")  # one line
    data = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    assert [c["id"] for c in data["changed"]] == ["opened", "cost"]


def test_every_format(run, repo: Path, tmp_path: Path) -> None:
    names = choices("diff")
    for fmt in names:
        target = tmp_path / f"diff.{fmt}"
        result = run("diff", "HEAD~1", "HEAD", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0 and result.stdout == ""
        assert "opened" in target.read_text(encoding="utf-8")


PARK = "The industrial park broke ground on its second phase in December 2021."
CREATED = {"at": "2026-11-01T00:00:00Z", "from": None, "to": "unsupported", "by": "maintainers", "why": "No source."}
VERDICT = {"at": "2026-11-02T00:00:00Z", "from": "unsupported", "to": "false", "by": "ann", "why": "It was 2019."}
REANCHORED = {"at": "2026-11-03T00:00:00Z", "from": "false", "to": "false", "by": "extract", "why": "text changed"}


@pytest.fixture
def verdict_then_extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three commits: a claim; a person's verdict on it; extract re-reading it, its status kept."""
    repo = init_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    steps = [
        ("unsupported", PARK, [CREATED], "No source."),
        ("false", PARK, [CREATED, VERDICT], "It was 2019."),
        ("false", PARK.replace("in December 2021", "in late 2021"), [CREATED, VERDICT, REANCHORED], "It was 2019."),
    ]
    for number, (status, text, history, note) in enumerate(steps):
        write_claims(repo / "claims", "park", [make_claim("park", text, status, note=note, history=history)])
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"step {number}")
    return repo


def test_over_a_range_the_verdicts_reason_is_the_persons_not_a_later_note(run, verdict_then_extract: Path) -> None:
    data = json.loads(run("diff", "HEAD~2", "HEAD", "--format", "json").stdout)
    assert [(c["from"], c["to"], c["why"]) for c in data["changed"]] == [("unsupported", "false", "It was 2019.")]
    assert "| `park` | unsupported | **false** | It was 2019. |" in run("diff", "HEAD~2", "--format", "md").stdout
    assert "park  unsupported → false\n      It was 2019.\n" in run("diff", "HEAD~2", "HEAD").stdout
    # One commit at a time says the same.
    assert json.loads(run("diff", "HEAD~2", "HEAD~1", "--format", "json").stdout)["changed"][0]["why"] == "It was 2019."
    assert json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)["changed"][0]["from"] == "false"


def test_an_edited_claim_shows_its_old_and_new_wording(run, verdict_then_extract: Path) -> None:
    assert run("diff", "HEAD~1", "HEAD").stdout == (
        "HEAD~1 → HEAD: 0 added, 0 removed, 1 changed (0 in status).\n"
        "\n"
        "Text edited\n"
        "park  was: The industrial park broke ground on its second phase in [-December-] 2021.\n"
        "      now: The industrial park broke ground on its second phase in {+late+} 2021.\n"
    )
    md = run("diff", "HEAD~1", "HEAD", "--format", "md").stdout
    assert md.endswith(
        "### Text edited\n\n| claim | before | after |\n| --- | --- | --- |\n"
        "| `park` | The industrial park broke ground on its second phase in ~~December~~ 2021. "
        "| The industrial park broke ground on its second phase in **late** 2021. |\n"
    )
    (change,) = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)["changed"]
    assert (change["text_changed"], change["old_text"], change["new_text"]) == (
        True,
        PARK,
        PARK.replace("in December 2021", "in late 2021"),
    )


@pytest.mark.parametrize("force, no_color", [("1", None), ("1", "1"), (None, None)])
def test_changed_words_are_told_by_colour_on_a_colour_terminal_and_by_marks_without_colour(
    run, verdict_then_extract: Path, monkeypatch: pytest.MonkeyPatch, force: str | None, no_color: str | None
) -> None:
    # As git diff --word-diff=plain marks them: with NO_COLOR, or on a pipe, colour cannot tell the words.
    for name, value in (("FORCE_COLOR", force), ("NO_COLOR", no_color)):
        monkeypatch.delenv(name, raising=False)
        if value is not None:
            monkeypatch.setenv(name, value)
    out = run("diff", "HEAD~1", "HEAD").stdout
    if force and not no_color:
        assert "in \x1b[1;31mDecember\x1b[0m 2021" in out and "in \x1b[1;32mlate\x1b[0m 2021" in out
        assert "[-" not in out and "{+" not in out
    else:
        assert "in [-December-] 2021" in re.sub("\x1b\\[[0-9;]*m", "", out)
        assert "in {+late+} 2021" in re.sub("\x1b\\[[0-9;]*m", "", out)
    written = Path("diff.txt")
    run("diff", "HEAD~1", "HEAD", "-o", str(written))
    assert "in {+late+} 2021" in written.read_text()  # a file is read without colour


def test_changed_words_are_marked_and_escaped() -> None:
    from factcheck.render.diff import wording

    before, after = wording("It cost $2.4 billion in 2020.", "It cost $2.6 billion *in* 2020.")
    assert before == [("It cost ", False), ("$2.4", True), (" billion ", False), ("in", True), (" 2020.", False)]
    assert after == [("It cost ", False), ("$2.6", True), (" billion ", False), ("*in*", True), (" 2020.", False)]
    from factcheck.render.diff.md import _marked

    assert _marked(after, "**") == "It cost **$2.6** billion **\\*in\\*** 2020."
    assert _marked(before, "~~") == "It cost ~~$2.4~~ billion ~~in~~ 2020."


# --- claims set aside -------------------------------------------------------------------


@pytest.fixture
def rejected_in_git(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose claims file already holds a set-aside claim, then has one more rejected."""
    repo = init_repo(tmp_path / "repo")
    path = write_claims(repo / "claims", "bridge", old_claims())
    monkeypatch.chdir(repo)
    assert run("reject", "gone", "--note", "not a claim").exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    assert run("reject", "opened", "--note", "framing").exit_code == 0
    git(repo, "commit", "-q", "-am", "second")
    assert '"set_aside"' in path.read_text(encoding="utf-8")
    return repo


def test_a_rejected_claim_shows_as_set_aside_across_commits(run, rejected_in_git: Path) -> None:
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "HEAD~1 → HEAD: 0 added, 1 removed, 0 changed.",
        "",
        "Removed claims",
        "- opened  unverified (rejected: framing)  The bridge opened in 2020.",
    ]
    as_json = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert as_json["removed"][0]["aside"] == "rejected" and as_json["removed"][0]["why"] == "framing"


def test_the_working_tree_and_a_restore_with_set_aside_claims(run, rejected_in_git: Path) -> None:
    assert run("diff").stdout.startswith("No changes to the claims between HEAD and working tree.")
    assert run("restore", "opened").exit_code == 0
    result = run("diff")
    assert result.exit_code == 0, result.output
    assert "+ opened  unverified (restored, was rejected)  The bridge opened in 2020." in result.stdout


def test_file_against_file_with_set_aside_claims(run, rejected_in_git: Path) -> None:
    old = rejected_in_git / "old.json"
    old.write_text(git(rejected_in_git, "show", "HEAD~1:claims/bridge.json"), encoding="utf-8")
    result = run("diff", str(old), "claims/bridge.json")
    assert result.exit_code == 0, result.output
    assert "- opened  unverified (rejected: framing)  The bridge opened in 2020." in result.stdout


def test_a_repeated_key_is_refused_as_list_refuses_it(run, repo: Path) -> None:
    path = repo / "claims" / "bridge.json"
    text = path.read_text(encoding="utf-8")
    assert '"set_aside"' not in text  # the layout diff cuts without parsing the whole file
    path.write_text(text.replace('"id": "cost",\n', '"id": "cost",\n      "status": "false",\n', 1), encoding="utf-8")
    listed = run("list")
    result = run("diff")
    assert listed.exit_code == 2 and result.exit_code == 2
    assert result.stderr == listed.stderr
    assert "claims/bridge.json:" in result.stderr and "the key 'status' appears twice" in result.stderr


def test_the_texts_of_added_and_removed_claims_start_in_one_column(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    old = [
        make_claim("larkspur-harbour", "The bridge reopened.", "unverified"),
        make_claim("budget", "It cost $245 million.", "verified", sources=[make_source("https://example.org/r")]),
    ]
    write_claims(repo / "claims", "bridge", old)
    write_claims(repo / "claims", "tolls", [make_claim("tolls", "Tolls return in April.")])
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "bridge")
    git(repo, "rm", "-q", "claims/bridge.json")
    git(repo, "commit", "-qm", "withdrawn")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0
    assert result.stdout.split("Removed claims\n")[1].splitlines() == [
        "- larkspur-harbour  unverified  The bridge reopened.",
        "- budget            verified    It cost $245 million.",
    ]


def test_a_claims_folder_missing_at_one_revision_is_empty_there(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pull request that adds the first article, and the commit that withdraws the last."""
    repo = init_repo(tmp_path / "repo")
    (repo / "README").write_text("The desk's checks.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "start")
    write_claims(repo / "claims", "bridge", [make_claim("reopened", "The bridge reopened.")])
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first article")
    git(repo, "rm", "-q", "claims/bridge.json")
    git(repo, "commit", "-qm", "withdrawn")
    monkeypatch.chdir(repo)
    added = run("diff", "HEAD~2", "HEAD~1")
    assert added.exit_code == 0, added.stderr
    assert added.stdout.startswith("HEAD~2 → HEAD~1: 1 added, 0 removed")
    removed = run("diff", "HEAD~1", "HEAD", "--format", "json")
    assert removed.exit_code == 0, removed.stderr
    assert [c["id"] for c in json.loads(removed.stdout)["removed"]] == ["reopened"]
    git(repo, "reset", "-q", "HEAD~1")
    git(repo, "rm", "-q", "claims/bridge.json")  # withdrawn, not committed yet: git removes the folder
    assert not (repo / "claims").exists()
    uncommitted = run("diff")
    assert uncommitted.exit_code == 0, uncommitted.stderr
    assert uncommitted.stdout.startswith("HEAD → working tree: 0 added, 1 removed")
    # Nothing on either side: the default folder holds no claims yet, as every command takes it.
    neither = run("diff", "HEAD~1", "HEAD~1")
    assert neither.exit_code == 0
    assert neither.stdout == "No changes to the claims between HEAD~1 and HEAD~1.\n"
    assert neither.stderr.startswith("factcheck: note: the claims folder claims/ does not exist yet")
    # A claims path someone named must be there.
    named = run("--claims", "claims", "diff", "HEAD~1", "HEAD~1")
    assert named.exit_code == 2
    assert named.stderr == "factcheck: error: claims does not exist at HEAD~1, or holds no claims files\n"


@pytest.fixture
def renamed_claim(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits: the claims, then `factcheck rename` of one claim and a verdict on it."""
    repo = init_repo(tmp_path / "repo")
    write_claims(
        repo / "claims",
        "bridge",
        [make_claim("opened", "The bridge opened in 2020."), make_claim("cost", "It cost $2.4 billion.")],
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "claims")
    monkeypatch.chdir(repo)
    assert run("rename", "opened", "bridge-opened", "--by", "ann").exit_code == 0
    assert run("set", "bridge-opened", "--status", "false", "--note", "It opened in 2021.").exit_code == 0
    git(repo, "commit", "-q", "-am", "rename and verdict")
    return repo


def test_a_renamed_claim_is_one_change_with_its_status_change(run, renamed_claim: Path) -> None:
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0
    assert result.stdout == (
        "HEAD~1 → HEAD: 0 added, 0 removed, 1 changed (1 renamed, 1 in status).\n"
        "\n"
        "Status changes\n"
        "bridge-opened  unverified → false\n"
        "               It opened in 2021.\n"
        "\n"
        "Renamed claims\n"
        "opened  → bridge-opened\n"
    )
    md = run("diff", "HEAD~1", "HEAD", "--format", "md").stdout
    assert "1 renamed" in md.splitlines()[0]
    assert "### Renamed claims\n\n| before | after |\n| --- | --- |\n| `opened` | `bridge-opened` |\n" in md
    data = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert (data["added"], data["removed"]) == ([], [])
    [change] = data["changed"]
    assert (change["old_id"], change["id"], change["from"], change["to"]) == (
        "opened",
        "bridge-opened",
        "unverified",
        "false",
    )
    assert change["why"] == "It opened in 2021."


def test_a_rename_alone_is_shown_and_renamed_twice_is_one_rename(run, renamed_claim: Path) -> None:
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    only = json.loads(run("diff", "HEAD", "--format", "json").stdout)
    assert [(c["old_id"], c["id"], c["from"], c["to"]) for c in only["changed"]] == [
        ("bridge-opened", "span-opened", "false", "false")
    ]
    both = json.loads(run("diff", "HEAD~1", "--format", "json").stdout)
    assert [(c["old_id"], c["id"]) for c in both["changed"]] == [("opened", "span-opened")]
    assert (both["added"], both["removed"]) == ([], [])


def test_an_id_freed_by_a_rename_and_taken_again_is_not_the_renamed_claim(run, renamed_claim: Path) -> None:
    # A new claim takes the old id, and the renamed one is deleted: no rename between the two
    # versions, since the claim under "opened" now is not the one that was renamed.
    git(renamed_claim, "checkout", "-q", "HEAD~1")
    git(renamed_claim, "checkout", "-q", "-b", "other")
    assert run("rename", "opened", "bridge-opened").exit_code == 0
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "A new claim under the freed id."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    git(renamed_claim, "commit", "-q", "-am", "a new claim takes the old id")
    assert run("remove", "bridge-opened").exit_code == 0
    data = json.loads(run("diff", "HEAD", "--format", "json").stdout)
    assert [c["id"] for c in data["removed"]] == ["bridge-opened"]
    assert data["changed"] == [] and data["added"] == []


@pytest.mark.parametrize("same_commit", [False, True], ids=["commit-after", "same-commit"])
def test_a_new_claim_under_an_id_a_rename_freed_is_added_not_the_old_claim_changed(
    run, renamed_claim: Path, same_commit: bool
) -> None:
    # The rename records that "opened" left the claim now called bridge-opened: a claim that takes
    # the id afterwards is a claim of its own, whichever way round the versions are compared.
    if same_commit:
        git(renamed_claim, "reset", "-q", "--soft", "HEAD~1")
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    git(renamed_claim, "commit", "-q", "-am", "a new claim takes the freed id")
    old = "HEAD~1" if same_commit else "HEAD~2"
    forward = json.loads(run("diff", old, "HEAD", "--format", "json").stdout)
    assert [(c["id"], c["text"]) for c in forward["added"]] == [("opened", "The tunnel opened in 2022.")]
    assert [(c["old_id"], c["id"], c["from"], c["to"]) for c in forward["changed"]] == [
        ("opened", "bridge-opened", "unverified", "false")
    ]
    assert forward["removed"] == []
    back = json.loads(run("diff", "HEAD", old, "--format", "json").stdout)
    assert [(c["id"], c["text"]) for c in back["removed"]] == [("opened", "The tunnel opened in 2022.")]
    assert [(c["old_id"], c["id"]) for c in back["changed"]] == [("bridge-opened", "opened")]
    assert back["added"] == []
    text = run("diff", old, "HEAD").stdout
    assert text.startswith(f"{old} → HEAD: 1 added, 0 removed, 1 changed (1 renamed, 1 in status).")
    assert "Text edited" not in text


def test_a_renamed_claim_in_a_claims_file_renamed_in_git(run, renamed_claim: Path) -> None:
    git(renamed_claim, "mv", "claims/bridge.json", "claims/span.json")
    git(renamed_claim, "commit", "-q", "-m", "rename the article")
    data = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert data["renamed"] == [{"old": "claims/bridge.json", "new": "claims/span.json"}]
    assert (data["added"], data["removed"], data["changed"]) == ([], [], [])
    # Across both commits git no longer sees a rename of so small a file (it changed too much),
    # but claims are matched by id across files: the claim was renamed and moved.
    data = json.loads(run("diff", "HEAD~2", "HEAD", "--format", "json").stdout)
    assert (data["added"], data["removed"]) == ([], [])
    assert [(c["old_id"], c["id"], c["old_file"]) for c in data["changed"]] == [
        ("opened", "bridge-opened", "HEAD~2:claims/bridge.json"),
        (None, "cost", "HEAD~2:claims/bridge.json"),
    ]
    history = json.loads(run("history", "bridge-opened", "--git", "--format", "json").stdout)
    assert [(c["change"], c["id"], c["path"]) for c in history["commits"]] == [
        ("added", "opened", "claims/bridge.json"),
        ("renamed", "bridge-opened", "claims/bridge.json"),
    ]


def test_a_rename_seen_from_the_newer_side_is_one_rename_back(run, renamed_claim: Path) -> None:
    # OLD newer than NEW: the claim goes back to the id it had, and its verdict is undone.
    data = json.loads(run("diff", "HEAD", "HEAD~1", "--format", "json").stdout)
    assert (data["added"], data["removed"]) == ([], [])
    assert [(c["old_id"], c["id"], c["from"], c["to"]) for c in data["changed"]] == [
        ("bridge-opened", "opened", "false", "unverified")
    ]
    text = run("diff", "HEAD", "HEAD~1").stdout
    assert text.startswith("HEAD → HEAD~1: 0 added, 0 removed, 1 changed (1 renamed, 1 in status).\n")
    assert "Renamed claims\nbridge-opened  → opened\n" in text


def test_a_claim_under_a_freed_id_edited_is_not_taken_by_a_rename_made_before(run, renamed_claim: Path) -> None:
    # A new claim with no history takes the freed id and is committed; the renamed claim is set aside.
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    assert run("reject", "bridge-opened", "--note", "Not a claim.").exit_code == 0
    git(renamed_claim, "commit", "-q", "-am", "a new claim takes the freed id; the renamed one rejected")
    # Then the renamed claim comes back under another id, and the new claim's wording is edited.
    assert run("restore", "bridge-opened").exit_code == 0
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    [new] = [c for c in document["claims"] if c["id"] == "opened"]
    new["text"] = "The tunnel opened in 2023."
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    # "opened" is one claim on both sides: no rename between them freed it (its rename record is
    # on both sides), however little its empty history tells.  span-opened was set aside in HEAD.
    forward = json.loads(run("diff", "HEAD", "--format", "json").stdout)
    assert [(c["id"], c["old_id"], c["text_changed"]) for c in forward["changed"]] == [("opened", None, True)]
    assert [c["id"] for c in forward["added"]] == ["span-opened"]
    assert forward["removed"] == []
    back = json.loads(run("diff", "claims", "HEAD", "--format", "json").stdout)  # the working tree as OLD
    assert [(c["id"], c["old_id"], c["text_changed"]) for c in back["changed"]] == [("opened", None, True)]
    assert [c["id"] for c in back["removed"]] == ["span-opened"]
    assert back["added"] == []


# --- cutting the files the store writes ------------------------------------------------


def test_a_file_as_the_store_writes_it_is_cut_claim_by_claim(tmp_path: Path) -> None:
    from factcheck.store import codec

    path = write_claims(tmp_path, "bridge", old_claims())
    raw = codec.encode(codec.decode(path.read_bytes(), str(path)))
    assert raw.endswith(b'\n  ],\n  "set_aside": []\n}\n')  # what every file the store writes ends with
    cut = codec.split_claims(raw)
    assert cut is not None and list(cut) == ["opened", "cost", "gone"]
    assert [codec.decode_claim(claim).text for claim in cut.values()] == [c["text"] for c in old_claims()]
    # A top-level set_aside before the claims as well: a repeated key, left to the whole decode.
    repeated = raw.replace(b'\n  "claims": [', b'\n  "set_aside": [],\n  "claims": [', 1)
    assert codec.split_claims(repeated) is None


def test_a_file_with_set_aside_claims_is_not_cut(run, rejected_in_git: Path) -> None:
    from factcheck.store import codec

    raw = (rejected_in_git / "claims" / "bridge.json").read_bytes()
    assert b'"set_aside": [\n' in raw
    assert codec.split_claims(raw) is None


# --- a rename followed into the claims set aside, and an id freed by a claim removed since ---------


def test_a_claim_renamed_and_set_aside_is_followed_to_its_new_id(run, renamed_claim: Path) -> None:
    assert run("reject", "bridge-opened", "--note", "framing").exit_code == 0
    git(renamed_claim, "commit", "-q", "-am", "reject it")
    # Renamed in one commit, set aside in the next: seen across both, the claim left as rejected, renamed.
    forward = run("diff", "HEAD~2", "HEAD")
    assert forward.exit_code == 0, forward.output
    assert "- opened  unverified (rejected as bridge-opened: framing)  The bridge opened in 2020." in forward.stdout
    [removed] = json.loads(run("diff", "HEAD~2", "HEAD", "--format", "json").stdout)["removed"]
    assert (removed["id"], removed["aside"], removed["why"], removed["aside_id"]) == (
        "opened",
        "rejected",
        "framing",
        "bridge-opened",
    )
    md = run("diff", "HEAD~2", "HEAD", "--format", "md").stdout
    assert "| `opened` | unverified (rejected as bridge-opened: framing) | The bridge opened in 2020. |" in md
    # The other way round: brought back (and renamed back) from the claims set aside.
    back = run("diff", "HEAD", "HEAD~2").stdout
    assert "+ opened  unverified (restored, was rejected as bridge-opened)  The bridge opened in 2020." in back
    # Set aside under the id it has: no other id to name.
    assert "- bridge-opened  false (rejected: framing)" in run("diff", "HEAD~1", "HEAD").stdout
    # Restored and renamed again, not committed: the claim comes back under its new id.
    assert run("restore", "bridge-opened").exit_code == 0
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    restored = run("diff", "HEAD").stdout
    assert "+ span-opened  false (restored, was rejected as bridge-opened)  The bridge opened in 2020." in restored
    assert "- span-opened  false (rejected as bridge-opened: framing)" in run("diff", "claims", "HEAD").stdout


def test_a_claim_renamed_and_set_aside_with_its_freed_id_taken(run, renamed_claim: Path) -> None:
    assert run("reject", "bridge-opened", "--note", "framing").exit_code == 0
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    data = json.loads(run("diff", "HEAD~1", "--format", "json").stdout)
    assert [(r["id"], r["text"], r["aside"], r["aside_id"]) for r in data["removed"]] == [
        ("opened", "The bridge opened in 2020.", "rejected", "bridge-opened")
    ]
    assert [(r["id"], r["text"], r["aside"]) for r in data["added"]] == [("opened", "The tunnel opened in 2022.", None)]
    assert data["changed"] == []


def free_the_id_again(repo: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The renamed claim removed, and a new claim, with no history, given the id it had."""
    assert run("remove", "bridge-opened").exit_code == 0
    path = repo / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("opened", "The tunnel opened in 2022."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("committed", [False, True], ids=["working-tree", "committed"])
def test_an_id_a_rename_freed_taken_after_the_renamed_claim_was_removed(
    run, renamed_claim: Path, committed: bool
) -> None:
    # Neither side holds the rename's event any more; the commit between them does.
    free_the_id_again(renamed_claim, run)
    args = ["HEAD~1"]
    if committed:
        git(renamed_claim, "commit", "-q", "-am", "drop it, and a new claim")
        args = ["HEAD~2", "HEAD"]
    forward = json.loads(run("diff", *args, "--format", "json").stdout)
    assert [(r["id"], r["text"]) for r in forward["removed"]] == [("opened", "The bridge opened in 2020.")]
    assert [(r["id"], r["text"]) for r in forward["added"]] == [("opened", "The tunnel opened in 2022.")]
    assert forward["changed"] == []
    text = run("diff", *args).stdout
    assert text.startswith(f"{args[0]} → {'HEAD' if committed else 'working tree'}: 1 added, 1 removed, 0 changed.")
    assert "Text edited" not in text
    if committed:
        back = json.loads(run("diff", "HEAD", "HEAD~2", "--format", "json").stdout)
        assert [(r["id"], r["text"]) for r in back["removed"]] == [("opened", "The tunnel opened in 2022.")]
        assert [(r["id"], r["text"]) for r in back["added"]] == [("opened", "The bridge opened in 2020.")]
        assert back["changed"] == []
    # From the commit that has the renamed claim: it was removed, and the new claim added.
    since = json.loads(
        run("diff", "HEAD~1" if committed else "HEAD", *(["HEAD"] if committed else []), "--format", "json").stdout
    )
    assert [r["id"] for r in since["removed"]] == ["bridge-opened"]
    assert [r["id"] for r in since["added"]] == ["opened"]


def test_a_claim_edited_by_hand_with_no_history_is_one_claim_still(run, renamed_claim: Path) -> None:
    # No rename from the id between the two sides: a claim with no history reworded is the same claim.
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"][1]["text"] = "It cost $2.5 billion."
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    git(renamed_claim, "commit", "-q", "-am", "reword cost")
    data = json.loads(run("diff", "HEAD~2", "HEAD", "--format", "json").stdout)
    assert [(c["id"], c["text_changed"]) for c in data["changed"] if c["old_id"] is None] == [("cost", True)]
    assert data["added"] == [] and data["removed"] == []


def test_a_claim_restored_and_renamed_with_its_freed_id_taken(run, renamed_claim: Path) -> None:
    assert run("reject", "bridge-opened", "--note", "framing").exit_code == 0
    git(renamed_claim, "commit", "-q", "-am", "reject it")
    assert run("restore", "bridge-opened").exit_code == 0
    assert run("rename", "bridge-opened", "span-opened").exit_code == 0
    path = renamed_claim / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"].append(make_claim("bridge-opened", "The new bridge opened in 2024."))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    # The claim that came back is the renamed one; the new claim under its old id was never set aside.
    for args, side in ((["HEAD"], "added"), (["claims", "HEAD"], "removed")):
        data = json.loads(run("diff", *args, "--format", "json").stdout)
        assert sorted((r["id"], r["aside"], r["aside_id"]) for r in data[side]) == [
            ("bridge-opened", None, None),
            ("span-opened", "rejected", "bridge-opened"),
        ], args


def test_history_events_deleted_by_hand_are_shown_not_only_counted(run, repo: Path) -> None:
    # History is never rewritten: a verdict's event deleted in an editor must not pass for "No changes".
    claims = new_claims()
    claims[0]["history"] = []
    write_claims(repo / "claims", "bridge", claims)
    assert run("diff").stdout == (
        "HEAD → working tree: 0 added, 0 removed, 1 changed (0 in status).\n"
        "\n"
        "Other edits\n"
        "opened  1 history event deleted or edited\n"
    )
    [changed] = json.loads(run("diff", "--format", "json").stdout)["changed"]
    assert changed["events_deleted"] == 1
    assert run("diff", "HEAD~1", "HEAD").stdout.count("deleted") == 0  # events appended are no deletion


def test_a_claimant_and_accepted_fact_checks_are_shown_not_only_counted(run, repo: Path) -> None:
    # Both are published with the verdict (ClaimReview's claimant and associated reviews): "No changes" would hide them.
    accepted = {
        "url": "https://checks.example.org/2023/bridge",
        "claim_reviewed": "The bridge opened in 2020.",
        "rating": "False",
        "accepted_at": "2026-11-02T00:00:00Z",
        "by": "ann",
    }
    claims = new_claims()
    claims[0]["claimant"] = "The mayor"
    claims[1]["matches"] = [accepted]
    write_claims(repo / "claims", "bridge", claims)
    git(repo, "commit", "-q", "-am", "third")
    claims[0].pop("claimant")
    claims[1].pop("matches")
    write_claims(repo / "claims", "bridge", claims)

    assert run("diff", "HEAD~1", "HEAD").stdout == (
        "HEAD~1 → HEAD: 0 added, 0 removed, 2 changed (0 in status).\n"
        "\n"
        "Other edits\n"
        "opened  claimant now The mayor\n"
        "cost    accepted the fact-check https://checks.example.org/2023/bridge\n"
    )
    assert run("diff").stdout == (
        "HEAD → working tree: 0 added, 0 removed, 2 changed (0 in status).\n"
        "\n"
        "Other edits\n"
        "opened  claimant removed\n"
        "cost    no longer accepts the fact-check https://checks.example.org/2023/bridge\n"
    )
    changed = {c["id"]: c for c in json.loads(run("diff", "--format", "json").stdout)["changed"]}
    assert (changed["opened"]["claimant_changed"], changed["opened"]["claimant"]) == (True, None)
    assert (changed["cost"]["accepted"], changed["cost"]["unaccepted"]) == (
        [],
        ["https://checks.example.org/2023/bridge"],
    )
    md = run("diff", "--format", "md").stdout
    assert "| `opened` | claimant removed |" in md


# --- nothing differs: "no changes" vouches only for files every other command takes ----------------


def _break(path: Path) -> None:
    """Give the file's claim 'cost' a status no claims file may have, keeping the layout factcheck writes."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"status": "verified"', '"status": "bogus"', 1), encoding="utf-8")


def test_a_broken_file_against_itself_is_refused_as_list_refuses_it(run, repo: Path) -> None:
    path = repo / "claims" / "bridge.json"
    _break(path)
    listed = run("--claims", "claims/bridge.json", "list")
    assert listed.exit_code == 2 and "claims/bridge.json:" in listed.stderr and "status" in listed.stderr
    shutil.copy(path, repo / "copy.json")
    for args in (["claims/bridge.json", "claims/bridge.json"], ["claims/bridge.json", "copy.json"]):
        result = run("diff", *args)
        assert result.exit_code == 2, result.stdout
        assert result.stdout == ""
        # One line, the same as list's, naming the new side's file (the bytes, and so the line, are the same).
        assert result.stderr == listed.stderr.replace("claims/bridge.json", args[1]), result.stderr


def test_the_same_broken_blob_on_both_sides_is_refused(run, repo: Path) -> None:
    _break(repo / "claims" / "bridge.json")
    git(repo, "commit", "-q", "-am", "broken")
    listed = run("list")
    assert listed.exit_code == 2
    at_head = run("diff", "HEAD", "HEAD")
    assert at_head.exit_code == 2 and at_head.stderr == listed.stderr.replace(
        "claims/bridge.json", "HEAD:claims/bridge.json"
    )
    # A clean working tree against HEAD: the file on disk, as list names it.
    assert run("diff").stderr == listed.stderr


@pytest.mark.parametrize("second", ["b", "a"])
def test_a_claim_id_twice_is_refused_as_list_refuses_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: str
) -> None:
    monkeypatch.chdir(tmp_path)
    again = make_claim("cost", "It cost $3 billion.")
    write_claims(tmp_path / "claims", "a", old_claims() + ([again] if second == "a" else []))
    if second == "b":
        write_claims(tmp_path / "claims", "b", [again])
    listed = run("list")
    result = run("diff", "claims", "claims")
    assert listed.exit_code == 2 and result.exit_code == 2
    # The store's message, as list gives it: the line of each use.
    assert f"claims/{second}.json:" in result.stderr and "(also at claims/a.json:" in result.stderr
    assert result.stderr == listed.stderr


def test_unchanged_valid_files_are_still_no_changes(run, repo: Path) -> None:
    assert run("diff", "HEAD", "HEAD").stdout == "No changes to the claims between HEAD and HEAD.\n"
    assert run("diff", "claims", "claims").stdout == "No changes to the claims between claims and claims.\n"


def test_a_claim_renamed_on_one_branch_and_judged_on_another_is_one_claim(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Neither branch is older: both histories go on from the one the claim had where they parted.
    repo = init_repo(tmp_path / "repo")
    proposed = {"at": "2026-01-01T00:00:00Z", "from": None, "to": "unverified", "by": "extract", "why": "proposed"}
    write_claims(repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", history=[proposed])])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "claims")
    monkeypatch.chdir(repo)
    git(repo, "switch", "-q", "-c", "bob")
    assert run("set", "opened", "--status", "false", "--note", "It opened in 2021.", "--by", "bob").exit_code == 0
    git(repo, "commit", "-q", "-am", "verdict")
    git(repo, "switch", "-q", "-c", "ann", "HEAD~1")
    assert run("rename", "opened", "bridge-opened", "--by", "ann").exit_code == 0
    git(repo, "commit", "-q", "-am", "rename")
    for old, new, change in (
        ("bob", "ann", ("opened", "bridge-opened", "false", "unverified")),
        ("ann", "bob", ("bridge-opened", "opened", "unverified", "false")),
    ):
        data = json.loads(run("diff", old, new, "--format", "json").stdout)
        assert (data["added"], data["removed"]) == ([], []), (old, new)
        assert [(c["old_id"], c["id"], c["from"], c["to"]) for c in data["changed"]] == [change], (old, new)


def test_three_dots_compare_a_branch_with_where_it_parted(run, repo: Path) -> None:
    # As git diff reads A...B: the merge base of A and B against B, not what A changed since.
    main = git(repo, "branch", "--show-current").strip()
    git(repo, "switch", "-q", "-c", "feature", "HEAD~1")
    write_claims(repo / "claims", "bridge", [*old_claims(), make_claim("later", "A later claim.")])
    git(repo, "commit", "-q", "-am", "feature adds a claim")
    base = git(repo, "rev-parse", "--short", "HEAD~1").strip()
    for arg in (f"{main}...feature", f"{main}..."):
        data = json.loads(run("diff", arg, "--format", "json").stdout)
        assert (data["old"], data["new"]) == (base, "feature" if arg.endswith("feature") else "HEAD"), arg
        assert [c["id"] for c in data["added"]] == ["later"], arg
        assert (data["removed"], data["changed"]) == ([], []), arg
    result = run("diff", "feature...no-such-branch")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: 'no-such-branch' is not a git revision here\n")


def test_a_revision_a_shallow_clone_lacks_says_the_clone_is_shallow(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As CI checks a pull request out: one commit deep, without the base branch.
    origin = init_repo(tmp_path / "origin")
    for status in ("unverified", "false"):
        write_claims(origin / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", status)])
        git(origin, "add", "-A")
        git(origin, "commit", "-q", "-m", status)
    git(tmp_path, "clone", "-q", "--depth", "1", (origin.as_uri()), "ci")
    monkeypatch.chdir(tmp_path / "ci")
    hint = "this clone is shallow: fetch the history it lacks (git fetch --unshallow; fetch-depth: 0 in CI)"
    for args, said in (
        (["diff", "HEAD~1"], "'HEAD~1' is neither a claims file or folder nor a git revision"),
        (["check", "--changed-since", "HEAD~1"], "'HEAD~1' is not a revision of this repository"),
    ):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (2, f"factcheck: error: {said}; {hint}\n"), args


def test_an_id_freed_by_a_withdrawn_article_and_taken_again_is_not_the_old_claim(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An article is withdrawn with its verdict; months later extract gives a new article's claim
    # the id that left with it. Across that range, diff read a verdict taken back by extract, in
    # the wrong article ("misleading → unverified", "moved from" the withdrawn file).
    repo = init_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    (repo / "claims").mkdir()
    sentence = "Ferry fares to the islands tripled in 2023, the port authority said.\n"
    (repo / "claims" / "ferries.txt").write_text(sentence, encoding="utf-8")
    assert run("extract", "claims/ferries.txt", "--into", "claims/ferries.json").exit_code == 0
    [claim_id] = [c["id"] for c in json.loads((repo / "claims" / "ferries.json").read_text())["claims"]]
    assert run("set", claim_id, "--status", "misleading", "--note", "They doubled.").exit_code == 0
    first = repo / "claims" / "ferries.json"  # checked in January, not the second the next one is proposed
    first.write_text(re.sub(r'"at": "[^"]+"', '"at": "2026-01-05T09:00:00Z"', first.read_text()), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ferries, checked")
    git(repo, "rm", "-q", "claims/ferries.json", "claims/ferries.txt")
    git(repo, "commit", "-q", "-m", "ferries withdrawn")
    (repo / "claims").mkdir()  # git took the emptied folder
    (repo / "claims" / "port.txt").write_text(sentence, encoding="utf-8")
    assert run("extract", "claims/port.txt", "--into", "claims/port.json").exit_code == 0
    assert [c["id"] for c in json.loads((repo / "claims" / "port.json").read_text())["claims"]] == [claim_id]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "port")
    data = json.loads(run("diff", "HEAD~2", "HEAD", "--format", "json").stdout)
    assert [(c["id"], c["file"], c["status"]) for c in data["removed"]] == [
        (claim_id, "HEAD~2:claims/ferries.json", "misleading")
    ]
    assert [(c["id"], c["file"], c["status"]) for c in data["added"]] == [
        (claim_id, "HEAD:claims/port.json", "unverified")
    ]
    assert data["changed"] == []
