"""``factcheck merge`` as git's merge driver: real repositories, real ``git merge`` of two branches.

Each test commits a claims file, edits it on a branch and on main with the
desk's commands, and merges the branch with the driver configured as the
documentation says.  The property at the end runs the merge itself on many
pairs of edits: a merge it completes keeps every verdict either side gave.
"""

from __future__ import annotations

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


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "repo")
    git(repo, "config", "merge.factcheck.driver", f"'{sys.executable}' -m factcheck merge %O %A %B %P")
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


def test_two_verdicts_on_one_claim_are_a_conflict_with_git_markers(repo: Path) -> None:
    done = merged(
        repo,
        [["set", "cost", "--status", "false", "--by", "ann"]],
        [["set", "cost", "--status", "mixed", "--by", "bob"]],
    )
    assert done.returncode != 0
    assert "CONFLICT" in done.stdout
    assert "claim cost: status changed on both sides, differently" in done.stderr
    assert "keep the status and note that should stand and the events of both sides, then git add it" in done.stderr
    text = (repo / "claims" / "bridge.json").read_text()
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text
    result = CliRunner().invoke(cli, ["--claims", str(repo / "claims"), "list"])
    line = text.splitlines().index("<<<<<<< ours") + 1
    assert result.exit_code == 2 and f"bridge.json:{line}:1: a git merge conflict is not resolved" in result.output


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
        claim = codec.decode(merge(base, one, other, "one.json"), "one.json").get("cost")
        assert claim is not None and claim.sources[0].last_check is not None
        assert (claim.sources[0].last_check.at, claim.sources[0].last_check.outcome) == (
            "2026-12-03T09:00:00Z",
            "failing",
        )
    # A source both sides edited otherwise is still a conflict.
    quoted = [codec.decode(base, "one.json") for _ in range(2)]
    for claims_file, quote in zip(quoted, ("two million", "2 million"), strict=True):
        claims_file.claims[0].sources[0].quote = quote
    with pytest.raises(Conflict, match="quote added on both sides, differently"):
        merge(base, codec.encode(quoted[0]), codec.encode(quoted[1]), "one.json")


def test_an_article_edited_on_both_sides_and_extracted_again_on_each_merges(tmp_path: Path) -> None:
    # Each side's extract placed the claims in its own text: neither anchor, nor sha256, fits the merged
    # article, so there is nothing to choose; check names what extract must place again after the merge.
    repo = init_repo(tmp_path / "repo")
    git(repo, "config", "merge.factcheck.driver", f"'{sys.executable}' -m factcheck merge %O %A %B %P")
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
    docs = Path(__file__).parent.parent / "docs" / "how-to" / "newsroom.md"
    [line] = re.findall(r'echo "(.* merge=factcheck)" >> .gitattributes', docs.read_text())
    assert line in CliRunner().invoke(cli, ["merge", "--help"]).output
    repo = init_repo(tmp_path / "repo")
    git(repo, "config", "merge.factcheck.driver", f"'{sys.executable}' -m factcheck merge %O %A %B %P")
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
    claim = codec.decode(merge(base, judged, reworded_by_hand, "a.json"), "a.json").claims[0]
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
def test_a_completed_merge_keeps_every_verdict_either_side_gave(ours: list, theirs: list) -> None:
    base = codec.encode(
        codec.decode(json.dumps({"schema_version": 2, "article": {"title": "A"}, "claims": claims()}).encode(), "base")
    )
    mine, my_verdicts, mine_touched = edited(base, ours, "ann")
    yours, your_verdicts, yours_touched = edited(base, theirs, "bob")
    try:
        result = codec.decode(merge(base, mine, yours, "bridge.json"), "merged")
    except Conflict:
        assert mine_touched & yours_touched  # edits of different claims always merge
        return
    every = {claim.text: claim for claim in result.claims} | {
        entry.claim.text: entry.claim for entry in result.set_aside
    }
    for text, (status, note, event) in [*my_verdicts.items(), *your_verdicts.items()]:
        claim = every[text]
        assert (claim.status, claim.note) == (status, note)
        assert event in claim.history
    assert len({claim.id for claim in every.values()}) == len(every)
