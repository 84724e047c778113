"""Curating without editing JSON: reject, retire, restore, remove, rename, anchor, source edit, quote checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner
from werkzeug import Response

from factcheck.cli import cli
from factcheck.curate.sources import same_url, without_tracking
from factcheck.extract.ids import make_id, word_counts
from factcheck.store.folder import read

from conftest import make_claim, write_claims

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

ARTICLE = """# Bridge news

The Larkspur bridge opened in March 2020 after four years of work. It cost $2.4 billion, the city said.
Critics think it was a waste of money. The council voted 7 to 2 to approve a toll of $4.50 in 2021.
"""


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with an article and the claims extract made of it; commands run in it as Tess."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_USER", "tess")
    result = CliRunner().invoke(cli, ["extract", "claims/bridge.txt", "--into", "claims/bridge.json"])
    assert result.exit_code == 0, result.stderr
    return tmp_path


def ids(path: Path) -> list[str]:
    return [c.id for c in read(path).claims]


def saved(desk: Path) -> Any:
    return read(desk / "claims" / "bridge.json").claims_file


BRIDGE = "claims/bridge.json"


# --- reject, retire, restore, rejected -------------------------------------------------------


def test_a_rejected_proposal_is_kept_aside_and_never_proposed_again(run, desk: Path) -> None:
    assert ids(desk / BRIDGE) == ["larkspur-2020", "cost-billion", "council-2021"]
    result = run("reject", "cost-billion", "--note", "Attributed to the city; checked elsewhere.")
    assert result.exit_code == 0
    assert "cost-billion: rejected; extract will not propose it again" in result.stderr
    claims_file = saved(desk)
    assert [c.id for c in claims_file.claims] == ["larkspur-2020", "council-2021"]
    (entry,) = claims_file.set_aside
    assert (entry.kind, entry.by, entry.why) == ("rejected", "tess", "Attributed to the city; checked elsewhere.")
    assert entry.claim.text == "It cost $2.4 billion, the city said."
    # extract runs again: the sentence stays out, and so does its id.
    again = run("extract", "claims/bridge.txt", "--into", BRIDGE)
    assert again.exit_code == 0 and "0 new" in again.stderr
    preview = json.loads(run("extract", "claims/bridge.txt", "--format", "json").stdout)
    assert "It cost $2.4 billion, the city said." not in [p["text"] for p in preview]
    # The rejected claim is in no count, no list and no check.
    assert "cost-billion" not in run("list").stdout
    assert "cost-billion" not in run("check", "--format", "json").stdout


def test_rejected_lists_and_restore_brings_back_in_article_order(run, desk: Path) -> None:
    run("reject", "larkspur-2020")
    run("retire", "council-2021", "--note", "Cut from the article.")
    listed = run("rejected", "--format", "json")
    rows = json.loads(listed.stdout)
    assert [(r["claim"]["id"], r["kind"], r["why"], r["file"]) for r in rows] == [
        ("larkspur-2020", "rejected", None, BRIDGE),
        ("council-2021", "retired", "Cut from the article.", BRIDGE),
    ]
    text = run("rejected").stdout
    assert "council-2021  retired" in text and "why: Cut from the article." in text
    before = {entry.claim.id: entry.claim for entry in saved(desk).set_aside}
    assert run("restore", "council-2021").exit_code == 0
    assert run("restore", "larkspur-2020").exit_code == 0
    claims_file = saved(desk)
    assert [c.id for c in claims_file.claims] == ["larkspur-2020", "cost-billion", "council-2021"]
    assert claims_file.set_aside == []
    back, was = claims_file.get("council-2021"), before["council-2021"]
    assert msgspec.structs.replace(back, history=was.history) == was  # as it was, with one more event
    assert back.history[:-1] == was.history and back.history[-1].to_status == was.status
    assert re.fullmatch(r"restored; retired on \S+Z by \S+: Cut from the article\.", back.history[-1].why)
    assert run("rejected").stdout == "no rejected or retired claims\n"


def test_a_set_aside_id_is_named_as_such_and_stays_taken(run, desk: Path) -> None:
    run("reject", "cost-billion")
    shown = run("show", "cost-billion")
    assert shown.exit_code == 2
    assert "claim 'cost-billion' was rejected on " in shown.stderr
    assert "factcheck restore cost-billion brings it back" in shown.stderr
    assert run("rename", "larkspur-2020", "cost-billion").exit_code == 2
    # Another file using the id of a set-aside claim is an error, like any repeated id.
    write_claims(desk / "claims", "other", [make_claim("cost-billion", "Something else.")])
    result = run("list")
    assert result.exit_code == 2 and "claim id 'cost-billion' is used twice" in result.stderr
    findings = json.loads(run("check", "--format", "json").stdout)["findings"]
    assert [f["claim"] for f in findings if f["rule"] == "duplicate-id"] == ["cost-billion"]


def test_retire_needs_a_note_and_restore_needs_a_set_aside_claim(run, desk: Path) -> None:
    assert run("retire", "council-2021").exit_code == 2
    result = run("restore", "council-2021")
    assert result.exit_code == 2 and "is not set aside" in result.stderr
    assert run("restore", "council-2O21").exit_code == 2


def test_several_claims_at_once_and_nothing_written_when_one_id_is_unknown(run, desk: Path) -> None:
    path = desk / BRIDGE
    before = path.read_bytes()
    unknown = run("reject", "larkspur-2020", "cost-bilion", "--note", "x")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr and "cost-billion" in unknown.stderr
    assert path.read_bytes() == before
    result = run("reject", "larkspur-2020", "cost-billion", "larkspur-2020", "--note", "Framing.")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "larkspur-2020: rejected; extract will not propose it again (factcheck restore larkspur-2020 undoes this)",
        "cost-billion: rejected; extract will not propose it again (factcheck restore cost-billion undoes this)",
    ]
    assert [e.claim.id for e in saved(desk).set_aside] == ["larkspur-2020", "cost-billion"]
    assert run("restore", "cost-billion", "council-2021").exit_code == 2  # one is not set aside
    assert [e.claim.id for e in saved(desk).set_aside] == ["larkspur-2020", "cost-billion"]
    restored = run("restore", "cost-billion", "larkspur-2020")
    assert restored.exit_code == 0 and len(restored.stderr.splitlines()) == 2
    assert ids(path) == ["larkspur-2020", "cost-billion", "council-2021"]


def test_set_gives_several_claims_one_verdict_or_none(run, desk: Path) -> None:
    path = desk / BRIDGE
    before = path.read_bytes()
    refused = run("set", "larkspur-2020", "cost-billion", "--status", "verified", "--note", "x")
    assert refused.exit_code == 2 and "has no source that supports it" in refused.stderr
    assert path.read_bytes() == before  # neither claim took the verdict
    result = run("set", "larkspur-2020", "council-2021", "--status", "opinion", "--note", "Not checkable.")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["larkspur-2020: unverified → opinion", "council-2021: unverified → opinion"]
    claims_file = saved(desk)
    assert [(c.id, c.status) for c in claims_file.claims] == [
        ("larkspur-2020", "opinion"),
        ("cost-billion", "unverified"),
        ("council-2021", "opinion"),
    ]
    assert claims_file.get("council-2021").history[-1].why == "Not checkable."
    rest = run("set", "--all-unverified", "--status", "unsupported", "--note", "Nothing found.")
    assert rest.stderr.splitlines() == ["cost-billion: unverified → unsupported"]
    assert run("set", "--all-unverified", "--status", "opinion").exit_code == 2  # none left: nothing to do
    assert run("set", "--status", "opinion").exit_code == 2  # no id and no selection
    assert run("set", "cost-billion", "--all-unverified", "--status", "opinion").exit_code == 2


def test_reject_every_unverified_claim_below_a_score(run, desk: Path) -> None:
    scores = {c.id: c.worthiness.score for c in saved(desk).claims}
    bar = sorted(scores.values())[1]  # between the lowest score and the others
    low = sorted(i for i, score in scores.items() if score < bar)
    assert low and len(low) < len(scores)
    assert run("reject", "--below", str(bar)).exit_code == 2  # --below needs --all-unverified
    result = run("reject", "--all-unverified", "--below", str(bar), "--note", "Below the bar.")
    assert result.exit_code == 0
    assert sorted(e.claim.id for e in saved(desk).set_aside) == low


def test_retire_every_claim_the_article_no_longer_says(run, desk: Path) -> None:
    article = desk / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace(" The council voted 7 to 2 to approve a toll of $4.50 in 2021.", ""))
    result = run("retire", "--all-lost", "--note", "Cut in the second edition.")
    assert result.exit_code == 0, result.stderr
    assert [e.claim.id for e in saved(desk).set_aside] == ["council-2021"]
    assert run("retire", "--all-lost", "--note", "again").exit_code == 2  # nothing lost any more


# --- remove, rename ------------------------------------------------------------------------


def test_remove_deletes_and_extract_proposes_again(run, desk: Path) -> None:
    result = run("remove", "cost-billion")
    assert result.exit_code == 0 and result.stderr == "cost-billion: removed (unverified, 0 sources)\n"
    assert ids(desk / BRIDGE) == ["larkspur-2020", "council-2021"]
    assert saved(desk).set_aside == []
    assert "1 new" in run("extract", "claims/bridge.txt", "--into", BRIDGE).stderr
    assert "cost-billion" in ids(desk / BRIDGE)


def test_rename_records_the_old_id_and_the_baseline_follows(run, desk: Path) -> None:
    assert (
        run(
            "check", "--write-baseline", ".factcheck-baseline.json", "--severity", "unsourced-unverified=error"
        ).exit_code
        == 0
    )
    before = json.loads((desk / ".factcheck-baseline.json").read_text())["findings"]
    assert {"rule": "unsourced-unverified", "claim": "cost-billion", "url": None, "reason": None} in before
    result = run("rename", "cost-billion", "city-cost")
    assert result.exit_code == 0
    assert result.stderr == "cost-billion: renamed city-cost\n.factcheck-baseline.json: 1 entry now names city-cost\n"
    claim = saved(desk).get("city-cost")
    assert claim is not None and claim.history[-1].why == "renamed from cost-billion"
    assert claim.history[-1].by == "tess" and claim.status == "unverified"
    after = json.loads((desk / ".factcheck-baseline.json").read_text())["findings"]
    assert [e["claim"] for e in after].count("city-cost") == 1 and "cost-billion" not in [e["claim"] for e in after]
    checked = run("check", "--baseline", ".factcheck-baseline.json", "--severity", "unsourced-unverified=error")
    assert checked.exit_code == 0  # the renamed claim is still accepted


@pytest.mark.parametrize(
    ("new", "why"),
    [("Bad Id", "is not a valid id"), ("_x", "is not a valid id"), ("larkspur-2020", "is already taken")],
)
def test_rename_refuses_a_bad_or_taken_id_and_writes_nothing(run, desk: Path, new: str, why: str) -> None:
    before = (desk / BRIDGE).read_bytes()
    result = run("rename", "cost-billion", new)
    assert result.exit_code == 2 and why in result.stderr
    assert (desk / BRIDGE).read_bytes() == before


def test_rename_with_a_broken_baseline_changes_nothing(run, desk: Path) -> None:
    (desk / "base.json").write_text("{not json")
    before = (desk / BRIDGE).read_bytes()
    result = run("rename", "cost-billion", "city-cost", "--baseline", "base.json")
    assert result.exit_code == 2 and "base.json:1:2: invalid JSON" in result.stderr
    assert (desk / BRIDGE).read_bytes() == before


def _baseline_naming(desk: Path, claim_id: str) -> Path:
    path = desk / "base.json"
    entry = {"rule": "unsourced-unverified", "claim": claim_id, "url": None, "reason": "known"}
    path.write_text(json.dumps({"version": 1, "findings": [entry]}, indent=2) + "\n", encoding="utf-8")
    return path


def test_rename_with_a_read_only_baseline_changes_nothing(run, desk: Path) -> None:
    base = _baseline_naming(desk, "cost-billion")
    base.chmod(0o444)  # read-only on purpose: refused even for root, who could write it anyway
    before = {p: p.read_bytes() for p in (desk / BRIDGE, base)}
    result = run("rename", "cost-billion", "city-cost", "--baseline", "base.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "factcheck: error: base.json: the baseline is read-only; make it writable to rename the claim; nothing changed\n"
    )
    assert {p: p.read_bytes() for p in before} == before


def test_rename_with_a_baseline_in_a_folder_it_cannot_write_changes_nothing(run, desk: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes a folder whatever its mode")
    (desk / "ci").mkdir()
    base = _baseline_naming(desk, "cost-billion").rename(desk / "ci" / "base.json")
    (desk / "ci").chmod(0o555)
    try:
        before = {p: p.read_bytes() for p in (desk / BRIDGE, base)}
        result = run("rename", "cost-billion", "city-cost", "--baseline", "ci/base.json")
        assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: ci/base.json: cannot write")
        assert {p: p.read_bytes() for p in before} == before
    finally:
        (desk / "ci").chmod(0o755)


def test_rename_with_the_default_baseline_a_folder_changes_nothing(run, desk: Path) -> None:
    (desk / ".factcheck-baseline.json").mkdir()
    before = (desk / BRIDGE).read_bytes()
    result = run("rename", "cost-billion", "city-cost")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "factcheck: error: .factcheck-baseline.json: is a folder, not a baseline file\n"
    assert (desk / BRIDGE).read_bytes() == before


def test_rename_puts_the_baseline_back_when_the_claims_file_cannot_take_the_new_id(run, desk: Path) -> None:
    base = _baseline_naming(desk, "cost-billion")
    (desk / BRIDGE).chmod(0o444)  # refused even for root
    before = {p: p.read_bytes() for p in (desk / BRIDGE, base)}
    result = run("rename", "cost-billion", "city-cost", "--baseline", "base.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"factcheck: error: {BRIDGE}: the claims file is read-only")
    assert len(result.stderr.splitlines()) == 1
    assert {p: p.read_bytes() for p in before} == before


def _rename_with_files_capped(desk: Path, cap: int) -> subprocess.CompletedProcess[str]:
    """``factcheck rename`` in a process that cannot write a file past ``cap`` bytes: a full disk, for real."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "factcheck", "rename", "cost-billion", "city-cost", "--baseline", "base.json"],
        cwd=desk,
        preexec_fn=limit,
        capture_output=True,
        text=True,
    )


@pytest.mark.skipif(resource is None, reason="needs RLIMIT_FSIZE")
def test_a_baseline_that_cannot_be_written_stops_the_rename_before_the_claims_file(desk: Path) -> None:
    base = _baseline_naming(desk, "cost-billion")
    entries = [{"rule": "r", "claim": f"other-{n}", "url": None, "reason": "x" * 40} for n in range(2000)]
    entries.append({"rule": "unsourced-unverified", "claim": "cost-billion", "url": None, "reason": None})
    base.write_text(json.dumps({"version": 1, "findings": entries}, indent=2) + "\n", encoding="utf-8")
    claims_size = (desk / BRIDGE).stat().st_size
    assert claims_size * 2 < base.stat().st_size
    before = {p: p.read_bytes() for p in (desk / BRIDGE, base)}
    done = _rename_with_files_capped(desk, claims_size * 2)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("factcheck: error: base.json: cannot write") and done.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in before} == before  # the claims file was not renamed alone


@pytest.mark.skipif(resource is None, reason="needs RLIMIT_FSIZE")
def test_a_claims_file_that_cannot_be_written_leaves_the_baseline_as_it_was(desk: Path) -> None:
    base = _baseline_naming(desk, "cost-billion")
    before = {p: p.read_bytes() for p in (desk / BRIDGE, base)}
    done = _rename_with_files_capped(desk, base.stat().st_size * 2)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"factcheck: error: {BRIDGE}: cannot write") and done.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in before} == before  # written first, then put back


def test_a_read_only_baseline_that_does_not_name_the_claim_does_not_stop_the_rename(run, desk: Path) -> None:
    base = _baseline_naming(desk, "larkspur-2020")
    base.chmod(0o444)
    before = base.read_bytes()
    result = run("rename", "cost-billion", "city-cost", "--baseline", "base.json")
    assert result.exit_code == 0 and result.stderr == "cost-billion: renamed city-cost\n"
    assert base.read_bytes() == before and "city-cost" in ids(desk / BRIDGE)


# --- anchor ----------------------------------------------------------------------------------


NEW = "A $4.50 toll won a 7-2 council vote in 2021."


def test_a_lost_claim_is_re_attached_and_a_verdict_on_other_words_flagged(run, desk: Path) -> None:
    run("set", "council-2021", "--status", "false", "--note", "The vote was 6 to 3.")
    article = desk / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace("The council voted 7 to 2 to approve a toll of $4.50 in 2021.", NEW))
    run("extract", "claims/bridge.txt", "--into", BRIDGE)
    assert "anchor-lost" in run("check", "--format", "json").stdout
    new = NEW
    result = run("anchor", "council-2021", new)
    assert result.exit_code == 0, result.stderr
    assert "council-2021: anchored at characters" in result.stderr
    assert "flagged for review" in result.stderr
    claims_file = saved(desk)
    claim = claims_file.get("council-2021")
    text = article.read_text()
    assert claim.text == new and text[claim.anchor.start : claim.anchor.end] == new
    assert claim.review is not None and "was: The council voted 7 to 2" in claim.review.why
    assert claim.status == "false"
    assert "anchor-lost" not in run("check", "--format", "json").stdout
    # extract proposed the edited sentence anew meanwhile: anchor says so.
    assert any(c.id != "council-2021" and c.text == new for c in claims_file.claims)
    assert "covers the same text; if it is the same claim, factcheck remove" in result.stderr
    # Anchoring where it already is changes nothing.
    before = (desk / BRIDGE).read_bytes()
    again = run("anchor", "council-2021", new)
    assert "already anchored at" in again.stderr and (desk / BRIDGE).read_bytes() == before


def test_anchor_sends_a_status_verify_set_for_other_words_back_to_verify(run, desk: Path) -> None:
    path = desk / BRIDGE
    document = json.loads(path.read_text(encoding="utf-8"))
    claim = next(c for c in document["claims"] if c["id"] == "council-2021")
    claim["status"] = "verified"
    claim["history"].append(
        {"at": "2026-01-02T00:00:00Z", "from": "unverified", "to": "verified", "by": "verify", "why": "supported"}
    )
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    article = desk / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace("The council voted 7 to 2 to approve a toll of $4.50 in 2021.", NEW))
    result = run("anchor", "council-2021", NEW)
    assert result.exit_code == 0, result.stderr
    assert "council-2021: back to unverified: verify found it verified for other words" in result.stderr
    assert "flagged for review" not in result.stderr
    claim = saved(desk).get("council-2021")
    assert (claim.status, claim.review, claim.text) == ("unverified", None, NEW)
    last = claim.history[-1]
    assert (last.from_status, last.to_status, last.by) == ("verified", "unverified", "tess")


def test_anchor_on_a_sentence_joined_to_the_next_keeps_the_verdict_unflagged(run, desk: Path) -> None:
    # Only the capital and the full stop changed, as extract sees it too: the verdict still fits.
    run("set", "council-2021", "--status", "false", "--note", "The vote was 6 to 3.")
    old = "The council voted 7 to 2 to approve a toll of $4.50 in 2021."
    article = desk / "claims" / "bridge.txt"
    article.write_text(
        ARTICLE.replace(old, "Then the council voted 7 to 2 to approve a toll of $4.50 in 2021, it said.")
    )
    result = run("anchor", "council-2021", "the council voted 7 to 2 to approve a toll of $4.50 in 2021")
    assert result.exit_code == 0, result.stderr
    assert "flagged for review" not in result.stderr
    claim = saved(desk).get("council-2021")
    assert (claim.status, claim.review) == ("false", None)
    assert claim.history[-1].why == f"re-attached to the article; was: {old}"


def test_anchor_in_markdown_gives_the_claim_its_words_as_extract_reads_them(run, desk: Path) -> None:
    article = desk / "claims" / "ferry.md"
    article.write_text("Fares rose 12% on Monday, the port said.\n", encoding="utf-8")
    run("extract", "claims/ferry.md", "--into", "claims/ferry.json")
    (claim_id,) = ids(desk / "claims" / "ferry.json")
    run("set", claim_id, "--status", "false", "--note", "They rose 10%.")
    article.write_text("Fares rose **12%** on Monday, the port authority said.\n", encoding="utf-8")
    result = run("anchor", claim_id, "Fares rose **12%** on Monday, the port authority said.")
    assert result.exit_code == 0, result.stderr
    (claim,) = read(desk / "claims" / "ferry.json").claims_file.claims
    assert claim.text == "Fares rose 12% on Monday, the port authority said."
    assert claim.anchor is not None and claim.anchor.exact == "Fares rose **12%** on Monday, the port authority said."
    assert "0 new, 1 kept" in run("extract", "claims/ferry.md", "--into", "claims/ferry.json").stderr


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("No such words.", "the article has no such text"),
        ("of", "places; quote more of the sentence"),
        ("  ", "give the claim's text"),
    ],
)
def test_anchor_needs_one_place(run, desk: Path, text: str, why: str) -> None:
    before = (desk / BRIDGE).read_bytes()
    result = run("anchor", "cost-billion", text)
    assert result.exit_code == 2 and why in result.stderr
    assert (desk / BRIDGE).read_bytes() == before


def test_anchor_accepts_other_white_space(run, desk: Path) -> None:
    result = run("anchor", "cost-billion", "It  cost\n$2.4 billion,   the city said.")
    assert result.exit_code == 0 and "already anchored at" in result.stderr


# --- verdicts ---------------------------------------------------------------------------------


def test_verified_needs_a_supporting_source_unless_forced(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    result = run(*at, "set", "bridge-cost", "--status", "verified")
    assert result.exit_code == 2 and "bridge-cost has no source that supports it" in result.stderr
    run(*at, "source", "add", "bridge-cost", "https://example.org/b", "--quote", "q", "--stance", "context")
    assert run(*at, "set", "bridge-cost", "--status", "verified").exit_code == 2  # context does not support
    run(*at, "source", "add", "bridge-cost", "https://example.org/c", "--quote", "q")
    assert run(*at, "set", "bridge-cost", "--status", "verified").exit_code == 0
    assert run(*at, "set", "bridge-waste", "--status", "verified", "--force").exit_code == 0


# --- sources: the same page, editing, quote checks ---------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a", "https://example.org/a?utm_source=x&utm_medium=y"),
        ("https://example.org/a", "https://EXAMPLE.org/a/#section"),
        ("https://example.org/a", "http://www.example.org:80/a"),
        ("https://example.org/a?id=1&p=2", "https://example.org/a?p=2&id=1&fbclid=abc"),
        ("https://example.org/a?id=1", "https://example.org/a?id=1&gclid=1&mc_eid=2"),
    ],
)
def test_urls_of_one_page(a: str, b: str) -> None:
    assert same_url(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org/a?id=1", "https://example.org/a?id=2"),
        ("https://example.org/a", "https://example.org:8443/a"),
        ("https://example.org/a", "https://example.com/a"),
    ],
)
def test_urls_of_different_pages(a: str, b: str) -> None:
    assert not same_url(a, b)


def test_tracking_parameters_are_dropped_and_the_same_page_is_refused(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    assert without_tracking("https://example.org/a?id=1&utm_source=x") == "https://example.org/a?id=1"
    assert without_tracking("https://example.org/a?utm_source=x") == "https://example.org/a"
    result = run(*at, "source", "add", "bridge-cost", "https://example.org/cost?utm_campaign=z&page=2", "--quote", "q")
    assert result.stderr == "bridge-cost: added https://example.org/cost?page=2\n"
    again = run(*at, "source", "add", "bridge-cost", "https://www.example.org/cost/?page=2#x", "--quote", "q")
    assert again.exit_code == 2 and "bridge-cost already cites https://example.org/cost?page=2" in again.stderr


def test_source_edit_changes_fields_and_forgets_a_stale_check(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    path = claims_dir / "bridge.json"
    document = json.loads(path.read_text())
    document["claims"][0]["sources"][0]["last_check"] = {"at": "2026-11-01T00:00:00Z", "outcome": "supported"}
    path.write_text(json.dumps(document, indent=2))
    result = run(*at, "source", "edit", "bridge-opened", "https://example.org/bridge", "--title", "Opening day",
                 "--stance", "context")  # fmt: skip
    assert result.exit_code == 0 and result.stderr.endswith("changed title, stance\n")
    source = read(path).claims_file.get("bridge-opened").sources[0]
    assert (source.title, source.stance) == ("Opening day", "context")
    assert source.last_check is not None  # the evidence is the same: the check still holds
    moved = "https://news.example.org/bridge?utm_source=feed"
    result = run(*at, "source", "edit", "bridge-opened", "example.org/bridge", "--url", moved)
    assert result.exit_code == 2  # not a URL the claim cites
    result = run(*at, "source", "edit", "bridge-opened", "https://example.org/bridge/", "--url", moved, "--title", "")
    assert result.stderr == "bridge-opened: https://news.example.org/bridge: changed url, title\n"
    source = read(path).claims_file.get("bridge-opened").sources[0]
    assert (source.url, source.title, source.last_check) == ("https://news.example.org/bridge", None, None)
    assert run(*at, "source", "edit", "bridge-opened", "https://news.example.org/bridge").exit_code == 2
    result = run(*at, "source", "edit", "bridge-opened", "https://news.example.org/bridge", "--title", "")
    assert result.stderr == "bridge-opened: https://news.example.org/bridge unchanged\n"


def test_source_edit_refuses_a_url_the_claim_cites_already(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    run(*at, "source", "add", "bridge-opened", "https://example.org/second", "--quote", "q")
    before = (claims_dir / "bridge.json").read_bytes()
    result = run(
        *at, "source", "edit", "bridge-opened", "https://example.org/second", "--url", "https://example.org/bridge"
    )
    assert result.exit_code == 2 and "already cites" in result.stderr
    assert (claims_dir / "bridge.json").read_bytes() == before


def test_source_changes_can_say_why_in_the_history(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    by = ("--by", "tess")
    run(*at, "source", "add", "bridge-cost", "https://example.org/mirror?utm_source=x", "--quote", "q",
        "--why", "The city's figure.", *by)  # fmt: skip
    run(*at, "source", "edit", "bridge-cost", "https://example.org/mirror", "--url", "https://city.example.org/budget",
        "--why", "The original, not a mirror.", *by)  # fmt: skip
    run(*at, "source", "remove", "bridge-cost", "https://city.example.org/budget", "--why", "Withdrawn.", *by)
    history = read(claims_dir / "bridge.json").claims_file.get("bridge-cost").history
    assert [(e.by, e.from_status, e.to_status, e.why) for e in history] == [
        ("tess", "unverified", "unverified", "cited https://example.org/mirror: The city's figure."),
        ("tess", "unverified", "unverified",
         "changed the url of https://city.example.org/budget: The original, not a mirror."),
        ("tess", "unverified", "unverified", "stopped citing https://city.example.org/budget: Withdrawn."),
    ]  # fmt: skip
    # Without --why, no event: a source change alone is not a verdict.
    run(*at, "source", "add", "bridge-waste", "https://example.org/w", "--quote", "q")
    assert read(claims_dir / "bridge.json").claims_file.get("bridge-waste").history == []


PAGE = "<html><body><article><p>The Larkspur bridge opened on 2 March 2020, the city said.</p></article></body></html>"


def test_check_quote_adds_only_what_the_page_says(run, claims_dir: Path, server: Any) -> None:
    server.expect_request("/bridge").respond_with_data(PAGE, content_type="text/html")
    url = server.url_for("/bridge")
    at = ("--claims", str(claims_dir))
    net = ("--allow-host", f"127.0.0.1:{server.port}", "--retries", "0", "--timeout", "2")
    path = claims_dir / "bridge.json"
    before = path.read_bytes()
    missing = run(*at, "source", "add", "bridge-cost", url, "--quote", "It cost $2.4 billion", "--check-quote", *net)
    assert missing.exit_code == 1
    assert "the quote is not on the page" in missing.stderr and "nothing changed" in missing.stderr
    assert path.read_bytes() == before
    found = run(*at, "source", "add", "bridge-cost", url, "--quote", "opened on 2 March 2020", "--check-quote", *net)
    assert found.exit_code == 0, found.stderr
    assert "the quote is on the page" in found.stderr
    assert read(path).claims_file.get("bridge-cost").sources[0].quote == "opened on 2 March 2020"
    nearly = run(*at, "source", "edit", "bridge-cost", url, "--quote", "opened on 2 March, 2020", "--check-quote", *net)
    assert nearly.exit_code == 0, nearly.stderr
    page_words = "opened on 2 March 2020"
    assert nearly.stderr.splitlines()[0] == (
        f"the quote is nearly on the page (match {_score(nearly.stderr)}); stored the page's words, "
        f"“{page_words}”, instead of “opened on 2 March, 2020”"
    )
    assert read(path).claims_file.get("bridge-cost").sources[0].quote == page_words
    # The same for a new source: a misquote is never what is kept.
    added = run(*at, "source", "add", "bridge-waste", url, "--quote", "opened on 2 Mar 2020", "--check-quote", *net)
    assert added.exit_code == 0 and "stored the page's words" in added.stderr
    kept = read(path).claims_file.get("bridge-waste").sources[0].quote
    assert kept is not None and kept != "opened on 2 Mar 2020" and kept in PAGE


BUDGET = (
    "<html><body><article><p>The Milwaukee Common Council has adopted an amended city budget for next year "
    "in the amount of $1.72 billion.</p></article></body></html>"
)


def test_check_quote_refuses_a_quote_whose_figure_differs_from_the_page(run, claims_dir: Path, server: Any) -> None:
    server.expect_request("/budget").respond_with_data(BUDGET, content_type="text/html")
    url = server.url_for("/budget")
    at = ("--claims", str(claims_dir))
    net = ("--allow-host", f"127.0.0.1:{server.port}", "--retries", "0", "--timeout", "2")
    path = claims_dir / "bridge.json"
    before = path.read_bytes()
    said = "adopted an amended city budget for next year in the amount of $1.80 billion"
    wrong = run(*at, "source", "add", "bridge-cost", url, "--quote", said, "--check-quote", *net)
    assert wrong.exit_code == 2, wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith(
        f"factcheck: error: the quote says $1.80 billion, where the page says $1.72 billion ({url}): "
    )
    assert "nothing changed" in wrong.stderr
    assert path.read_bytes() == before
    # The page's wording is what a fact-checker cites.
    right = said.replace("$1.80", "$1.72")
    cited = run(*at, "source", "add", "bridge-cost", url, "--quote", right, "--check-quote", *net)
    assert cited.exit_code == 0, cited.stderr
    assert read(path).claims_file.get("bridge-cost").sources[0].quote == right


def _score(message: str) -> str:
    return message.split("(match ", 1)[1].split(")", 1)[0]


def test_two_passages_of_one_page_are_two_sources_told_apart_by_fragment(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    page = "https://example.org/report"
    first = run(*at, "source", "add", "bridge-cost", f"{page}#cost", "--quote", "It cost $2.4 billion")
    second = run(*at, "source", "add", "bridge-cost", f"{page}#:~:text=opened", "--quote", "It opened in 2020")
    assert (first.exit_code, second.exit_code) == (0, 0), second.stderr
    cited = [s.url for s in read(claims_dir / "bridge.json").claims_file.get("bridge-cost").sources]
    assert cited == [f"{page}#cost", f"{page}#:~:text=opened"]
    again = run(*at, "source", "add", "bridge-cost", f"{page}#cost", "--quote", "other words")
    assert again.exit_code == 2 and f"bridge-cost already cites {page}#cost" in again.stderr
    assert "#fragment of its own" in again.stderr
    same_quote = run(*at, "source", "add", "bridge-cost", f"{page}#three", "--quote", "It cost $2.4 billion")
    assert same_quote.exit_code == 2 and "with that quote" in same_quote.stderr
    # Without its fragment the URL names neither of them.
    which = run(*at, "source", "remove", "bridge-cost", page)
    assert which.exit_code == 2 and "cites https://example.org/report 2 times" in which.stderr
    # A fragment it does not cite is not said to be cited twice: the page is.
    other = run(*at, "source", "remove", "bridge-cost", f"{page}#other")
    assert other.exit_code == 2 and "cites https://example.org/report 2 times" in other.stderr
    assert run(*at, "source", "remove", "bridge-cost", f"{page}#cost").exit_code == 0
    cited = [s.url for s in read(claims_dir / "bridge.json").claims_file.get("bridge-cost").sources]
    assert cited == [f"{page}#:~:text=opened"]
    # One source left on that page: the plain URL finds it again.
    assert run(*at, "source", "edit", "bridge-cost", page, "--title", "The report").exit_code == 0


def test_check_quote_when_the_page_cannot_be_read(run, claims_dir: Path, server: Any) -> None:
    server.expect_request("/gone").respond_with_response(Response("gone", status=404))
    at = ("--claims", str(claims_dir))
    net = ("--allow-host", f"127.0.0.1:{server.port}", "--retries", "0", "--timeout", "2")
    before = (claims_dir / "bridge.json").read_bytes()
    result = run(*at, "source", "add", "bridge-cost", server.url_for("/gone"), "--quote", "q", "--check-quote", *net)
    assert result.exit_code == 1 and "cannot check the quote" in result.stderr and "404" in result.stderr
    assert (claims_dir / "bridge.json").read_bytes() == before
    assert run(*at, "source", "add", "bridge-cost", "https://example.org/x", "--check-quote").exit_code == 2


# --- ids, folders, completion ------------------------------------------------------------------


def test_default_ids_are_two_telling_words() -> None:
    text = ARTICLE
    common = word_counts(text)
    taken: set[str] = set()
    assert (
        make_id("The Larkspur bridge opened in March 2020 after four years of work.", taken, common) == "larkspur-2020"
    )
    # The same words again: a third word (a key noun before a month or a manner word), then a fourth.
    assert make_id("The Larkspur bridge opened in March 2020 after four years of work.", taken, common) == (
        "larkspur-2020-work"
    )
    assert make_id("The Larkspur bridge opened in March 2020 after four years of work.", taken, common) == (
        "larkspur-bridge-2020-work"
    )
    assert make_id("The Larkspur bridge opened in March 2020 after four years of work.", taken, common) == (
        "larkspur-2020-2"
    )
    assert make_id("In 2020 and 2021 the toll rose.", set(), common) == "2020-rose"  # never years alone
    assert make_id("It was so.", set(), common) == "claim"
    assert all(len(i.split("-")) <= 4 for i in taken)


def test_ids_never_begin_with_the_article_name(run, desk: Path) -> None:
    assert not any(i.startswith("bridge-") for i in ids(desk / BRIDGE))


def test_output_and_into_create_missing_folders(run, desk: Path) -> None:
    result = run("report", "--format", "md", "-o", "out/reports/today.md")
    assert result.exit_code == 0 and (desk / "out" / "reports" / "today.md").read_text().startswith("#")
    result = run("extract", "claims/bridge.txt", "--into", "claims/more/bridge-2.json", "--claims", "claims/more")
    assert result.exit_code == 0, result.stderr
    assert (desk / "claims" / "more" / "bridge-2.json").exists()


def test_a_failed_extract_leaves_no_new_folder(run, desk: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "article.txt"
    outside.write_text(ARTICLE)
    result = run("extract", str(outside), "--into", "claims/new/deeper/x.json")
    assert result.exit_code == 2 and "outside the repository" in result.stderr
    assert not (desk / "claims" / "new").exists()


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    environ = {"_FACTCHECK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword, **(env or {})}
    result = CliRunner().invoke(cli, [], env=environ, prog_name="factcheck")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line.startswith("plain,")]


def test_the_shell_completes_ids(run, desk: Path) -> None:
    assert _complete("factcheck show c") == ["cost-billion", "council-2021"]
    assert _complete("factcheck source add l") == ["larkspur-2020"]
    run("reject", "cost-billion")
    assert _complete("factcheck show c") == ["council-2021"]
    assert _complete("factcheck restore ") == ["cost-billion"]
    os.chdir(desk.parent)
    assert _complete("factcheck --claims " + str(desk / "claims") + " show la") == ["larkspur-2020"]
    assert _complete("factcheck show la", {"FACTCHECK_CLAIMS": str(desk / "claims")}) == ["larkspur-2020"]
    assert _complete("factcheck show la") == []  # no claims here: nothing, and no traceback
