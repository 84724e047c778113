"""``factcheck merge`` as git's merge driver: real repositories, real ``git merge`` of two branches.

Each test commits a claims file, edits it on a branch and on main with the
desk's commands, and merges the branch with the driver configured as the
documentation says.  The property at the end runs the merge itself on many
pairs of edits: a merge it completes keeps every verdict either side gave.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.history.merge import Conflict, merge
from factcheck.model.claims import Anchor, ClaimsFile, LastCheck, Review, SetAside, Source
from factcheck.model.vocab import Aside, Status
from factcheck.store import codec
from factcheck.store.edit import update

from conftest import git, init_repo, make_claim, make_source, write_claims

Edit = list[str] | Callable[[Path], None]


def claims() -> list[dict]:
    return [
        make_claim("cost", "The bridge cost $2 million.", sources=[make_source("https://example.org/cost")]),
        make_claim("opened", "The bridge opened in 2020."),
        make_claim("span", "The bridge spans 300 metres."),
    ]


NEWSROOM = (Path(__file__).parent.parent / "docs" / "how-to" / "newsroom.md").read_text()
# The driver as the documentation sets it up, run by this Python.
[DRIVER] = re.findall(r'git config merge.factcheck.driver "factcheck (merge [^"]*)"', NEWSROOM)
MARKER = re.compile(r"^([<|=>])\1{6,}(?: |\r?$)")


def driven(repo: Path) -> Path:
    git(repo, "config", "merge.factcheck.driver", f"'{sys.executable}' -m factcheck {DRIVER}")
    git(repo, "config", "merge.conflictStyle", "merge")  # whatever one's own git config says
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = driven(init_repo(tmp_path / "repo"))
    (repo / ".gitattributes").write_text("claims/*.json merge=factcheck\n")
    write_claims(repo / "claims", "bridge", claims())
    factcheck(repo, ["set", "span", "--status", "false", "--by", "ann"])  # canonical bytes, and a history
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "branch", "-M", "main")
    return repo


def factcheck(repo: Path, args: list[str]) -> str:
    result = CliRunner().invoke(cli, ["--claims", str(repo / "claims"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def apply(repo: Path, edits: list[Edit]) -> None:
    for edit in edits:
        if callable(edit):
            edit(repo / "claims" / "bridge.json")
        else:
            factcheck(repo, edit)
    git(repo, "commit", "-qam", "edit")


def merged(repo: Path, ours: list[Edit], theirs: list[Edit]) -> subprocess.CompletedProcess[str]:
    """Edit a branch with ``theirs`` and main with ``ours``, then merge the branch into main."""
    git(repo, "checkout", "-qb", "theirs")
    apply(repo, theirs)
    git(repo, "checkout", "-q", "main")
    apply(repo, ours)
    return subprocess.run(["git", "merge", "--no-edit", "theirs"], cwd=repo, capture_output=True, text=True)


def read(repo: Path) -> ClaimsFile:
    raw = (repo / "claims" / "bridge.json").read_bytes()
    claims_file = codec.decode(raw, "bridge.json")
    assert codec.encode(claims_file) == raw  # written as factcheck writes it
    return claims_file


def add_claim(claim_id: str, text: str) -> Callable[[Path], None]:
    claim = codec.decode_claim(json.dumps(make_claim(claim_id, text)).encode())
    return lambda path: update(path, lambda claims_file: claims_file.claims.append(claim)) and None


def test_a_verdict_and_a_source_on_one_claim_merge_with_both_histories(repo: Path) -> None:
    done = merged(
        repo,
        [["set", "cost", "--status", "false", "--note", "It cost $3 million.", "--by", "ann"]],
        [["source", "add", "cost", "https://example.org/budget", "--quote", "three million", "--by", "bob"]],
    )
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("cost")
    assert claim is not None
    assert (claim.status, claim.note) == (Status.FALSE, "It cost $3 million.")
    assert [source.url for source in claim.sources] == ["https://example.org/cost", "https://example.org/budget"]
    assert claim.verdict_by_person()
    assert git(repo, "status", "--porcelain") == ""  # the merge is committed
    assert "cost" in factcheck(repo, ["list", "--format", "json"])


def resolved(text: str, keep: Callable[[int], int]) -> str:
    """The file as a person leaves it who keeps, of the n-th conflict, side ``keep(n)``: 0 ours, 2 theirs."""
    lines, side, n = [], None, -1
    for line in text.splitlines(keepends=True):
        marker = MARKER.match(line)
        if marker is None:
            lines += [line] if side is None or side == keep(n) else []
            continue
        sign = marker.group(1)
        n += sign == "<"
        side = {"<": 0, "|": 1, "=": 2}.get(sign)
    return "".join(lines)


def conflicts(text: str) -> list[list[str]]:
    """The ids each conflict's sides hold."""
    hunks: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        marker = MARKER.match(line)
        if marker is not None:
            hunks += [[]] if marker.group(1) == "<" else []
            inside = marker.group(1) != ">"
        elif inside and (found := re.match(r'      "id": "(.*)"', line)):
            hunks[-1].append(found.group(1))
    return hunks


def settle(repo: Path, keep: Callable[[int], int]) -> None:
    path = repo / "claims" / "bridge.json"
    path.write_bytes(resolved(path.read_bytes().decode(), keep).encode())


TWO_VERDICTS = (
    [["set", "cost", "--status", "false", "--by", "ann"], ["source", "add", "opened", "https://example.org/opened"]],
    [["set", "cost", "--status", "mixed", "--by", "bob"], ["rename", "opened", "opening", "--by", "bob"]],
)


@pytest.mark.parametrize(("keep", "verdict"), [(0, ("false", "ann")), (2, ("mixed", "bob"))])
def test_two_verdicts_on_one_claim_leave_that_claim_alone_between_markers_and_either_side_reads(
    repo: Path, keep: int, verdict: tuple[str, str]
) -> None:
    done = merged(repo, *TWO_VERDICTS)
    assert done.returncode == 1 and "CONFLICT (content): Merge conflict in claims/bridge.json" in done.stdout
    assert done.stderr.splitlines() == [
        "factcheck: claims/bridge.json: claim cost: status changed on both sides, differently",
        "factcheck: claims/bridge.json: each claim in conflict is left whole between <<<<<<< and >>>>>>>, ours above "
        "=======, theirs below, every other change merged: keep one side of each (or edit it), delete the markers, "
        "then git add the file",
    ]
    text = (repo / "claims" / "bridge.json").read_text()
    assert conflicts(text) == [["cost", "cost"]]
    line = text.splitlines().index("<<<<<<< ours") + 1
    result = CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "list"])
    assert result.exit_code == 2 and f"bridge.json:{line}:1: a git merge conflict is not resolved" in result.output
    assert git(repo, "status", "--porcelain") == "UU claims/bridge.json\n"
    assert git(repo, "diff").startswith("diff --cc claims/bridge.json")

    settle(repo, lambda _: keep)
    claims_file = read(repo)  # one side kept whole: the file as factcheck writes it
    cost, opening = claims_file.get("cost"), claims_file.get("opening")
    assert cost is not None and opening is not None
    assert (cost.status, cost.history[-1].by) == verdict and cost.verdict_by_person()
    assert [source.url for source in opening.sources] == ["https://example.org/opened"]  # both sides' changes
    assert [claim.id for claim in claims_file.claims] == ["cost", "opening", "span"]
    assert CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "check"]).exit_code == 1  # unsourced: findings
    git(repo, "commit", "-qam", "merged")
    history = json.loads(factcheck(repo, ["history", "cost", "--git", "--format", "json"]))
    assert verdict[1] in json.dumps(history)


def test_a_merge_tool_and_git_add_take_the_file_a_person_resolved(repo: Path) -> None:
    merged(repo, *TWO_VERDICTS)
    keep = "import sys, test_merge as t; p = t.Path(sys.argv[1]); p.write_text(t.resolved(p.read_text(), lambda n: 2))"
    tests = Path(__file__).parent
    git(repo, "config", "mergetool.keep.cmd", f"PYTHONPATH='{tests}' '{sys.executable}' -c '{keep}' \"$MERGED\"")
    git(repo, "config", "mergetool.keep.trustExitCode", "true")
    git(repo, "mergetool", "--tool", "keep", "--no-prompt")
    assert git(repo, "status", "--porcelain", "--untracked-files=no") == "M  claims/bridge.json\n"
    claim = read(repo).get("cost")
    assert claim is not None and claim.status == Status.MIXED


def test_every_conflicting_claim_is_named_and_any_choice_of_sides_reads(repo: Path) -> None:
    # cost: two verdicts; span, the last claim: removed on one side, judged on the other; opened: no conflict.
    done = merged(
        repo,
        [["set", "cost", "--status", "false", "--by", "ann"], ["remove", "span"], ["reject", "opened", "--by", "ann"]],
        [["set", "cost", "--status", "mixed", "--by", "bob"], ["set", "span", "--status", "mixed", "--by", "bob"]],
    )
    assert done.returncode == 1
    assert [line.split(": ", 2)[2] for line in done.stderr.splitlines()[:-1]] == [
        "claim cost: status changed on both sides, differently",
        "claim span removed on one side, changed on the other",
    ]
    text = (repo / "claims" / "bridge.json").read_text()
    assert conflicts(text) == [["cost", "cost"], ["span"]]
    for first, second in [(0, 0), (0, 2), (2, 0), (2, 2)]:
        claims_file = codec.decode(resolved(text, (first, second).__getitem__).encode(), "bridge.json")
        assert [claim.id for claim in claims_file.claims] == ["cost", "span"][: 1 + (second == 2)]
        assert [entry.claim.id for entry in claims_file.set_aside] == ["opened"]


@pytest.mark.parametrize("style", ["diff3", "zdiff3"])
def test_the_ancestors_claim_is_shown_in_the_diff3_styles(repo: Path, style: str) -> None:
    git(repo, "config", "merge.conflictStyle", style)
    done = merged(repo, *TWO_VERDICTS)
    assert done.returncode == 1
    text = (repo / "claims" / "bridge.json").read_text()
    assert conflicts(text) == [["cost", "cost", "cost"]]  # ours, the ancestor's, theirs: whole claims
    claim = codec.decode(resolved(text, lambda _: 1).encode(), "bridge.json").get("cost")
    assert claim is not None and claim.status == Status.UNVERIFIED and not claim.history


def test_the_markers_have_git_s_labels_and_size(repo: Path, tmp_path: Path) -> None:
    (repo / ".gitattributes").write_text("claims/*.json merge=factcheck conflict-marker-size=9\n")
    git(repo, "commit", "-qam", "longer markers")
    done = merged(repo, *TWO_VERDICTS)
    assert done.returncode == 1
    lines = (repo / "claims" / "bridge.json").read_text().splitlines()
    # git fills in its labels from 2.44 on (HEAD, the branch); before, the driver gets none and says ours, theirs.
    version = tuple(int(part) for part in re.findall(r"\d+", git(repo, "--version"))[:2])
    ours, theirs = ("HEAD", "theirs") if version >= (2, 44) else ("ours", "theirs")
    assert [line for line in lines if line[:1] in "<=>"] == ["<" * 9 + " " + ours, "=" * 9, ">" * 9 + " " + theirs]
    result = CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "list"])
    assert result.exit_code == 2 and "a git merge conflict is not resolved" in result.output
    # What git 2.44 and later pass, %X, %S and %Y, named on the markers.
    files = [tmp_path / name for name in ("base", "ours", "theirs")]
    for path, rev in zip(files, ["HEAD~1", "HEAD", "theirs"], strict=True):
        path.write_bytes(
            subprocess.run(["git", "show", f"{rev}:claims/bridge.json"], cwd=repo, capture_output=True).stdout
        )
    labels = ["-L", "HEAD", "-L", "3b18e51", "-L", "feature"]
    result = CliRunner().invoke(cli, ["merge", *labels, *map(str, files)])
    marks = [line for line in files[1].read_text().splitlines() if line[:1] in "<=>"]
    assert result.exit_code == 1 and marks == ["<<<<<<< HEAD", "=======", ">>>>>>> feature"]


def test_a_crlf_file_keeps_its_line_ends_markers_included(repo: Path) -> None:
    def crlf(args: list[str]) -> Callable[[Path], None]:
        def edit(path: Path) -> None:
            factcheck(repo, args)
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

        return edit

    path = repo / "claims" / "bridge.json"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    git(repo, "commit", "-qam", "written on Windows")
    done = merged(
        repo, [crlf(TWO_VERDICTS[0][0]), crlf(TWO_VERDICTS[0][1])], [crlf(TWO_VERDICTS[1][0]), crlf(TWO_VERDICTS[1][1])]
    )
    assert done.returncode == 1
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and b"\r\n<<<<<<< ours\r\n" in raw
    result = CliRunner().invoke(cli, ["--claims", str(path), "list"])
    assert result.exit_code == 2 and "a git merge conflict is not resolved" in result.output
    kept = resolved(raw.decode(), lambda _: 0).encode()
    assert kept.replace(b"\r\n", b"\n") == codec.encode(codec.decode(kept, "bridge.json"))


def test_a_conflict_outside_the_claims_is_merged_as_text_naming_every_conflict(repo: Path) -> None:
    done = merged(
        repo,
        [["article", "set", "--title", "The bridge"], ["set", "cost", "--status", "false", "--by", "ann"]],
        [["article", "set", "--title", "A bridge"], ["set", "cost", "--status", "mixed", "--by", "bob"]],
    )
    assert done.returncode == 1
    assert [line.split(": ", 2)[2] for line in done.stderr.splitlines()] == [
        "the article: title changed on both sides, differently",
        "claim cost: status changed on both sides, differently",
        "merged as text, not claim by claim, as the conflict is not in the claims alone: git's text merge, with "
        "its markers, is left in the file: keep what each side should, then git add it",
    ]
    text = (repo / "claims" / "bridge.json").read_text()
    assert '<<<<<<< ours\n    "title": "The bridge",\n=======\n    "title": "A bridge",\n>>>>>>> theirs' in text


def test_renamed_on_one_side_and_judged_on_the_other_is_one_claim(repo: Path) -> None:
    done = merged(
        repo,
        [["rename", "opened", "opening-year", "--by", "ann"]],
        [["set", "opened", "--status", "false", "--note", "It opened in 2021.", "--by", "bob"]],
    )
    assert done.returncode == 0, done.stderr
    claims_file = read(repo)
    assert [claim.id for claim in claims_file.claims] == ["cost", "opening-year", "span"]
    claim = claims_file.get("opening-year")
    assert claim is not None and claim.status == Status.FALSE and claim.note == "It opened in 2021."
    assert {(event.by, event.why) for event in claim.history} == {
        ("ann", "renamed from opened"),
        ("bob", "It opened in 2021."),
    }
    assert [event.at for event in claim.history] == sorted(event.at for event in claim.history)
    assert claim.verdict_by_person()


def test_an_id_a_rename_freed_and_a_new_claim_took_is_two_claims(repo: Path) -> None:
    done = merged(
        repo,
        [["rename", "opened", "opening", "--by", "ann"], add_claim("opened", "The bridge opened to trains.")],
        [["set", "opened", "--status", "false", "--by", "bob"]],
    )
    assert done.returncode == 0, done.stderr
    claims_file = read(repo)
    assert [(claim.id, claim.text, claim.status) for claim in claims_file.claims] == [
        ("cost", "The bridge cost $2 million.", Status.UNVERIFIED),
        ("opening", "The bridge opened in 2020.", Status.FALSE),
        ("span", "The bridge spans 300 metres.", Status.FALSE),
        ("opened", "The bridge opened to trains.", Status.UNVERIFIED),
    ]


def test_the_same_new_id_for_two_claims_is_a_conflict(repo: Path) -> None:
    done = merged(
        repo,
        [add_claim("length", "The bridge is 300 metres long.")],
        [add_claim("length", "The bridge is 20 metres wide.")],
    )
    assert done.returncode != 0
    assert "claim length added on both sides, differently" in done.stderr


def test_the_same_new_claim_on_both_sides_is_added_once(repo: Path) -> None:
    done = merged(repo, [add_claim("length", "The bridge is long.")], [add_claim("length", "The bridge is long.")])
    assert done.returncode == 0, done.stderr
    assert [claim.id for claim in read(repo).claims] == ["cost", "opened", "span", "length"]


def test_removed_rejected_and_changed_on_either_side_each_merge(repo: Path) -> None:
    done = merged(
        repo,
        [["remove", "opened"], ["article", "set", "--title", "The new bridge"]],
        [["reject", "span", "--by", "bob"], ["set", "cost", "--status", "false", "--by", "bob"]],
    )
    assert done.returncode == 0, done.stderr
    claims_file = read(repo)
    assert [claim.id for claim in claims_file.claims] == ["cost"]
    assert [(entry.kind, entry.claim.id, entry.claim.status) for entry in claims_file.set_aside] == [
        (Aside.REJECTED, "span", Status.FALSE)
    ]
    assert claims_file.article.title == "The new bridge"
    assert claims_file.claims[0].status == Status.FALSE


@pytest.mark.parametrize(
    ("ours", "said"),
    [(["remove", "opened"], "removed"), (["reject", "opened", "--by", "ann"], "set aside or restored")],
)
def test_a_claim_removed_or_set_aside_on_one_side_and_judged_on_the_other_is_a_conflict(
    repo: Path, ours: list[str], said: str
) -> None:
    done = merged(repo, [ours], [["set", "opened", "--status", "false", "--by", "bob"]])
    assert done.returncode != 0
    assert f"claim opened {said} on one side, changed on the other" in done.stderr


def test_a_claim_moved_to_another_file_and_judged_in_its_old_one_is_a_conflict(repo: Path) -> None:
    def move(path: Path) -> None:
        claims_file = codec.decode(path.read_bytes(), "bridge.json")
        claim = claims_file.get("opened")
        assert claim is not None
        claims_file.claims.remove(claim)
        path.write_bytes(codec.encode(claims_file))
        claims_file.claims, claims_file.set_aside = [claim], []
        (path.parent / "tunnel.json").write_bytes(codec.encode(claims_file))
        git(repo, "add", "claims")

    done = merged(repo, [move], [["set", "opened", "--status", "false", "--by", "bob"]])
    assert done.returncode != 0
    assert "claim opened removed on one side, changed on the other" in done.stderr


def test_a_claims_file_both_branches_added_merges_their_claims(repo: Path) -> None:
    def add(claim_id: str) -> Callable[[Path], None]:
        def edit(path: Path) -> None:
            write_claims(path.parent, "tunnel", [make_claim(claim_id, f"The tunnel is {claim_id}.")])
            git(repo, "add", "claims")

        return edit

    done = merged(repo, [add("long")], [add("deep")])
    assert done.returncode == 0, done.stderr
    tunnel = codec.decode((repo / "claims" / "tunnel.json").read_bytes(), "tunnel.json")
    assert [claim.id for claim in tunnel.claims] == ["long", "deep"]


def test_a_file_that_is_no_claims_file_is_merged_as_text(repo: Path) -> None:
    def broken(path: Path) -> None:
        path.write_text(path.read_text().replace('"schema_version": 2', '"schema_version": 9'))

    done = merged(repo, [["set", "cost", "--status", "false", "--by", "ann"]], [broken])
    assert done.returncode == 0, done.stderr
    assert "merged as text, not claim by claim" in done.stderr
    text = (repo / "claims" / "bridge.json").read_text()
    assert '"schema_version": 9' in text and '"to": "false"' in text


def test_the_result_is_in_the_canonical_layout_and_a_canonical_file_is_not_rewritten(tmp_path: Path) -> None:
    path = write_claims(tmp_path, "one", claims())
    canonical = codec.encode(codec.decode(path.read_bytes(), "one.json"))
    assert path.read_bytes() != canonical
    result = CliRunner().invoke(cli, ["merge", str(path), str(path), str(path)])
    assert result.exit_code == 0 and path.read_bytes() == canonical
    inode = path.stat().st_ino
    assert CliRunner().invoke(cli, ["merge", str(path), str(path), str(path)]).exit_code == 0
    assert path.stat().st_ino == inode  # not replaced


def test_sources_checked_on_both_sides_keep_the_newer_check(tmp_path: Path) -> None:
    # verify ran on both branches: each recorded its own last check of the same source. That is no
    # person's choice to make: the newer check is the source's last one, as verify never lets an older win.
    base = codec.encode(codec.decode(write_claims(tmp_path, "one", claims()).read_bytes(), "one.json"))

    def checked(at: str, outcome: str) -> bytes:
        claims_file = codec.decode(base, "one.json")
        claim = claims_file.get("cost")
        assert claim is not None
        claim.sources[0].last_check = msgspec.convert({"at": at, "outcome": outcome}, LastCheck)
        return codec.encode(claims_file)

    ours, theirs = checked("2026-12-02T10:00:00Z", "supported"), checked("2026-12-03T09:00:00Z", "failing")
    for one, other in ((ours, theirs), (theirs, ours)):
        claim = codec.decode(merge(base, one, other, "one.json").data, "one.json").get("cost")
        assert claim is not None and claim.sources[0].last_check is not None
        assert (claim.sources[0].last_check.at, claim.sources[0].last_check.outcome) == (
            "2026-12-03T09:00:00Z",
            "failing",
        )
    # A source both sides edited otherwise is still a conflict.
    quoted = [codec.decode(base, "one.json") for _ in range(2)]
    for claims_file, quote in zip(quoted, ("two million", "2 million"), strict=True):
        claims_file.claims[0].sources[0].quote = quote
    assert merge(base, codec.encode(quoted[0]), codec.encode(quoted[1]), "one.json").conflicts == [
        "claim cost: sources https://example.org/cost: quote added on both sides, differently"
    ]


def test_an_article_edited_on_both_sides_and_extracted_again_on_each_merges(tmp_path: Path) -> None:
    # Each side's extract placed the claims in its own text: neither anchor, nor sha256, fits the merged
    # article, so there is nothing to choose; check names what extract must place again after the merge.
    repo = driven(init_repo(tmp_path / "repo"))
    (repo / ".gitattributes").write_text("claims/*.json merge=factcheck\n")
    (repo / "claims").mkdir()
    article, into = repo / "claims" / "harbour.txt", repo / "claims" / "harbour.json"
    article.write_text("The harbour cost $48 million.\n\nIt has 40 berths.\n\nUnemployment fell to 6.4% in 2023.\n")
    extract = ["extract", str(article), "--into", str(into), "--min-score", "0"]
    factcheck(repo, extract)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "branch", "-M", "main")

    def edit(old: str, new: str) -> Callable[[Path], None]:
        return lambda _: article.write_text(article.read_text().replace(old, new)) and factcheck(repo, extract) and None

    done = merged(repo, [edit("$48 million", "$48.5 million")], [edit("6.4%", "6.5%")])
    assert done.returncode == 0, done.stderr
    texts = [claim.text for claim in codec.decode(into.read_bytes(), "harbour.json").claims]
    assert texts == ["The harbour cost $48.5 million.", "It has 40 berths.", "Unemployment fell to 6.5% in 2023."]
    result = CliRunner().invoke(cli, ["--claims", str(into), "check"])
    assert result.exit_code == 1 and "anchor-lost" in result.output and "extract the article" in result.output
    factcheck(repo, extract)
    assert CliRunner().invoke(cli, ["--claims", str(into), "check"]).exit_code == 0


def test_a_verdict_flagged_for_review_on_both_sides_merges_flagged_since_the_first(repo: Path) -> None:
    # verify ran on both branches and found the sources against ann's verdict: each flagged it, at its own time.
    def flagged(at: str) -> Callable[[Path], None]:
        def flag(claims_file: ClaimsFile) -> None:
            claim = claims_file.get("span")
            assert claim is not None
            claim.review = Review(since=at, why="the sources do not support it", by="verify")
            claim.record("verify", "flagged for review: the sources do not support it", at)

        return lambda path: update(path, flag) and None

    done = merged(repo, [flagged("2026-12-03T09:00:00Z")], [flagged("2026-12-02T10:00:00Z")])
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("span")
    assert claim is not None and claim.review is not None and claim.review.since == "2026-12-02T10:00:00Z"
    assert [event.at for event in claim.history[-2:]] == ["2026-12-02T10:00:00Z", "2026-12-03T09:00:00Z"]
    verdict = claim.verdict_event()
    assert claim.status == Status.FALSE and verdict is not None and verdict.by == "ann"


def test_a_verdict_on_one_side_and_a_status_verify_set_on_the_other_keep_the_verdict(repo: Path) -> None:
    def verified(path: Path) -> None:  # what verify does to a claim no person judged: a status and its event
        def verify(claims_file: ClaimsFile) -> None:
            claim = claims_file.get("cost")
            assert claim is not None and claim.set_status(
                Status.VERIFIED, "verify", "quote found", "2026-12-09T10:00:00Z"
            )

        update(path, verify)

    done = merged(
        repo, [["set", "cost", "--status", "false", "--note", "It cost $3 million.", "--by", "ann"]], [verified]
    )
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("cost")
    assert claim is not None and (claim.status, claim.note) == (Status.FALSE, "It cost $3 million.")
    verdict = claim.verdict_event()
    assert claim.verdict_by_person() and verdict is not None and verdict.by == "ann"
    assert [event.by for event in claim.history[-2:]] == ["ann", "verify"]  # verify's event kept, and newer


@pytest.mark.parametrize("at", ["2026-12-01T10:00:00Z", "2099-12-01T10:00:00Z"])  # before bob's verdict, after
def test_a_flag_verify_raised_against_a_verdict_a_person_replaced_on_the_other_side_is_dropped(
    repo: Path, at: str
) -> None:
    # verify found the sources against ann's false on one branch; bob gave the claim mixed on the other.
    def flag(claims_file: ClaimsFile) -> None:
        claim = claims_file.get("span")
        assert claim is not None
        why = "the sources support it, against the verdict false: quote found"
        claim.review = Review(since=at, why=why, by="verify")
        claim.record("verify", f"flagged for review: {why}", at)

    done = merged(
        repo, [lambda path: update(path, flag) and None], [["set", "span", "--status", "mixed", "--by", "bob"]]
    )
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("span")
    assert claim is not None and claim.status == Status.MIXED and claim.review is None
    assert sorted(event.by for event in claim.history[1:]) == ["bob", "verify"]  # the flag's event stays on record
    assert "needs-review" not in CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "check"]).output


def test_new_claims_from_the_other_branch_follow_the_claim_before_them_there(repo: Path) -> None:
    def insert(at: int, claim_id: str) -> Callable[[Path], None]:
        claim = codec.decode_claim(json.dumps(make_claim(claim_id, f"The bridge is {claim_id}.")).encode())
        return lambda path: update(path, lambda claims_file: claims_file.claims.insert(at, claim)) and None

    done = merged(repo, [insert(3, "ours-last")], [insert(0, "first"), insert(2, "after-cost"), insert(3, "next")])
    assert done.returncode == 0, done.stderr
    assert [claim.id for claim in read(repo).claims] == [
        "first", "cost", "after-cost", "next", "opened", "span", "ours-last"
    ]  # fmt: skip


def test_a_claim_rejected_on_both_sides_is_rejected_once_as_first_it_was(repo: Path) -> None:
    done = merged(
        repo,
        [["reject", "opened", "--by", "ann"], ["set", "cost", "--status", "false", "--by", "ann"]],
        [["reject", "opened", "--by", "bob"]],
    )
    assert done.returncode == 0, done.stderr
    claims_file = read(repo)
    [entry] = claims_file.set_aside
    assert (entry.kind, entry.claim.id, entry.claim.status) == (Aside.REJECTED, "opened", Status.UNVERIFIED)
    assert entry.by in ("ann", "bob") and claims_file.claims[0].status == Status.FALSE
    assert "opened" in factcheck(repo, ["rejected"])


def test_the_documented_attributes_reach_claims_files_in_sub_folders_with_spaces(tmp_path: Path) -> None:
    [line] = re.findall(r'echo "(.* merge=factcheck)" >> .gitattributes', NEWSROOM)
    assert line in CliRunner().invoke(cli, ["merge", "--help"]).output
    repo = driven(init_repo(tmp_path / "repo"))
    (repo / ".gitattributes").write_text(line + "\n")
    write_claims(repo / "claims" / "city desk", "bridge", claims())
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "branch", "-M", "main")
    done = merged(
        repo, [["rename", "opened", "opening", "--by", "ann"]], [["set", "opened", "--status", "false", "--by", "bob"]]
    )
    assert done.returncode == 0, done.stdout
    claim = codec.decode((repo / "claims" / "city desk" / "bridge.json").read_bytes(), "bridge.json").get("opening")
    assert claim is not None and claim.status == Status.FALSE


def test_two_statuses_verify_set_one_on_each_side_keep_the_newer(repo: Path) -> None:
    def verified(status: Status, at: str) -> Callable[[Path], None]:
        def verify(claims_file: ClaimsFile) -> None:
            claim = claims_file.get("cost")
            assert claim is not None and claim.set_status(status, "verify", "checked", at)

        return lambda path: update(path, verify) and None

    done = merged(
        repo,
        [verified(Status.UNSUPPORTED, "2026-12-09T10:00:00Z")],
        [verified(Status.VERIFIED, "2026-12-08T10:00:00Z")],
    )
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("cost")
    assert claim is not None and claim.status == Status.UNSUPPORTED and not claim.verdict_by_person()


@pytest.mark.parametrize("ours", [["reject", "opened", "--by", "ann"], ["remove", "opened"]])
def test_a_claim_set_aside_or_removed_on_one_side_and_only_placed_anew_on_the_other_merges(
    repo: Path, ours: list[str]
) -> None:
    def placed(path: Path) -> None:  # what extract does to the claims after an edit of the article above them
        def move(claims_file: ClaimsFile) -> None:
            claim = claims_file.get("opened")
            assert claim is not None
            claim.anchor = Anchor(exact=claim.text, prefix="", suffix="", start=40, end=40 + len(claim.text))

        update(path, move)

    done = merged(repo, [ours], [placed])
    assert done.returncode == 0, done.stderr
    assert [claim.id for claim in read(repo).claims] == ["cost", "span"]


def test_a_verdict_on_one_side_on_words_the_other_side_changed_is_flagged_for_review(repo: Path) -> None:
    def reworded(claims_file: ClaimsFile) -> None:  # what extract does after the article's figure was corrected
        claim = claims_file.get("cost")
        assert claim is not None
        claim.text = "The bridge cost $3 million."
        claim.record("extract", "text changed in the article; was: The bridge cost $2 million.")

    done = merged(
        repo,
        [["set", "cost", "--status", "false", "--note", "It cost $3 million.", "--by", "ann"]],
        [lambda path: update(path, reworded) and None],
    )
    assert done.returncode == 0, done.stderr
    claim = read(repo).get("cost")
    assert claim is not None and (claim.status, claim.text) == (Status.FALSE, "The bridge cost $3 million.")
    assert claim.review is not None and "was: The bridge cost $2 million." in claim.review.why
    assert "review" in CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "check"]).output
    # Claims written by hand, with no history: flagged all the same.
    base, judged, reworded_by_hand = (
        codec.encode(
            codec.decode(json.dumps({"schema_version": 2, "article": {"title": "A"}, "claims": [c]}).encode(), "a")
        )
        for c in (
            {"id": "a", "text": "Old."},
            {"id": "a", "text": "Old.", "status": "false"},
            {"id": "a", "text": "New."},
        )
    )
    claim = codec.decode(merge(base, judged, reworded_by_hand, "a.json").data, "a.json").claims[0]
    assert (claim.status, claim.text) == (Status.FALSE, "New.") and claim.review is not None


# --- the property: a merge that completes keeps every verdict either side gave ---------------------------

IDS = ["cost", "opened", "span", "fresh"]
NAMES = ["ann", "bob"]
edits = st.lists(
    st.tuples(
        st.sampled_from(["verdict", "source", "rename", "remove", "reject", "add"]),
        st.sampled_from(IDS),
        st.sampled_from([Status.FALSE, Status.MIXED, Status.OPINION]),
        st.integers(0, 59),
    ),
    max_size=4,
)


def edited(
    base: bytes, changes: list[tuple[str, str, Status, int]], by: str
) -> tuple[bytes, dict[str, tuple], set[str]]:
    """The file after ``changes``, the verdicts given by them (claim text -> status, note, event), and the ids
    of the claims they touched."""
    claims_file = codec.decode(base, "base")
    verdicts: dict[str, tuple] = {}
    touched: set[str] = set()
    for op, claim_id, status, second in changes:
        touched.add(claim_id)
        at = f"2026-12-0{1 + NAMES.index(by)}T10:00:{second:02d}Z"
        claim = claims_file.get(claim_id)
        if op == "add" and claim is None and claims_file.aside(claim_id) is None:
            claims_file.claims.append(codec.decode_claim(json.dumps(make_claim(claim_id, f"{by} {at}")).encode()))
        if claim is None:
            continue
        if op == "verdict" and claim.set_status(status, by, f"{by}'s note", at):
            claim.note = f"{by}'s note"
            verdicts[claim.text] = (claim.status, claim.note, claim.history[-1])
        elif op == "source" and not claim.sources:
            claim.sources.append(Source(url=f"https://example.org/{by}"))
            claim.record(by, "cited", at)
        elif op == "rename" and claims_file.get(claim_id + "-" + by) is None:
            claim.id = claim_id + "-" + by
            claim.record(by, "renamed from " + claim_id, at)
        elif op in ("remove", "reject"):
            claims_file.claims.remove(claim)
            verdicts.pop(claim.text, None)
            if op == "reject":
                claims_file.set_aside.append(SetAside(kind=Aside.REJECTED, at=at, by=by, claim=claim))
    return codec.encode(claims_file), verdicts, touched


@settings(max_examples=150, deadline=None, derandomize=True)
@given(edits, edits)
def test_a_merge_keeps_every_verdict_of_the_side_a_person_keeps_and_any_choice_reads(ours: list, theirs: list) -> None:
    base = codec.encode(
        codec.decode(json.dumps({"schema_version": 2, "article": {"title": "A"}, "claims": claims()}).encode(), "base")
    )
    mine, my_verdicts, mine_touched = edited(base, ours, "ann")
    yours, your_verdicts, yours_touched = edited(base, theirs, "bob")
    try:
        done = merge(base, mine, yours, "bridge.json")
    except Conflict:
        assert mine_touched & yours_touched  # edits of different claims always merge
        return
    text = done.data.decode()
    count = len(conflicts(text))
    assert bool(count) == bool(done.conflicts) and (not count or mine_touched & yours_touched)
    for keep in itertools.product((0, 2), repeat=count):
        result = codec.decode(resolved(text, keep.__getitem__).encode(), "merged")  # any choice reads
        if len(set(keep)) > 1:
            continue
        every = {claim.text: claim for claim in result.claims} | {
            entry.claim.text: entry.claim for entry in result.set_aside
        }
        verdicts = {0: my_verdicts, 2: your_verdicts}[keep[0]] if keep else my_verdicts | your_verdicts
        for text_, (status, note, event) in verdicts.items():
            claim = every[text_]
            assert (claim.status, claim.note) == (status, note)
            assert event in claim.history
        assert len({claim.id for claim in every.values()}) == len(every)


def test_a_conflict_in_a_clone_without_the_driver_says_how_to_set_it_up(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # .gitattributes asks for the driver, but this clone was never told what it is: git merged as text.
    repo = init_repo(tmp_path / "desk")
    (repo / ".gitattributes").write_text("claims/**/*.json merge=factcheck\n")
    (repo / "claims").mkdir()
    (repo / "claims" / "bridge.json").write_text('{\n<<<<<<< HEAD\n  "a": 1\n=======\n  "a": 2\n>>>>>>> b1\n}\n')
    monkeypatch.chdir(repo)
    refused = run("list")
    assert refused.exit_code == 2
    assert refused.stderr.endswith(
        "then commit the merge; this clone merged it as text: .gitattributes names the merge driver factcheck, "
        "which git config does not define: git config merge.factcheck.driver "
        '"factcheck merge %O %A %B %P -L %X -L %S -L %Y --marker-size %L"\n'
    )
    git(repo, "config", "merge.factcheck.driver", "factcheck merge %O %A %B %P")
    assert run("list").stderr.endswith("then commit the merge\n")
