"""A person makes the verdict verify set their own: ``set ID --status S`` on a claim whose S a tool set.

The confirmation is an event that keeps the status, by the person, its reason
the model's CONFIRMED wording (and the note): from then on the verdict is the
person's, so verify flags it for review rather than changing it, export
publishes it dated by that event, and history, diff, report and show say so.
A note edited alone never does this.  Everything runs through the CLI on real
files, verify against a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_verify import COST, OPENED, claims, saved, serve

from factcheck.model.claims import CONFIRMED, Claim, Event
from factcheck.model.vocab import Status

from conftest import git, init_repo, make_claim, make_source

QUOTE = "the bridge opened in March 2020"
ARTICLE = {"title": "Bridge news", "author": "Ann Lee", "url": "https://news.example.org/bridge"}
PUBLISH = ("--publisher-name", "Desk", "--review-url", "https://desk.example.org/{id}")
REWRITTEN = "<html><body><p>This page has been rewritten about a different topic entirely.</p></body></html>"


def verified_by_verify(verify, server: HTTPServer, tmp_path: Path, *more: dict) -> Path:  # type: ignore[no-untyped-def]
    """A claims file whose claim ``opened`` verify has just verified against the test server."""
    url = serve(server, "/bridge")
    path = claims(tmp_path, make_claim("opened", OPENED, sources=[make_source(url, QUOTE)]), *more)
    document = json.loads(path.read_text())
    document["article"] = dict(ARTICLE)
    path.write_text(json.dumps(document, indent=2) + "\n")
    assert verify(path, "opened").exit_code == 0
    claim = saved(path, "opened")
    assert claim.status == "verified" and claim.history[-1].by == "verify"
    return path


def set_(run, path: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("--claims", str(path), "set", *args)


def exported(run, path: Path) -> tuple[list[dict], str]:  # type: ignore[no-untyped-def]
    result = run("--claims", str(path), "export", "claimreview", *PUBLISH)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


# --- set: the confirmation and what it says -----------------------------------------------


def test_set_makes_verifys_verdict_the_persons_and_export_publishes_it(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    reviews, notes = exported(run, path)
    assert reviews == [] and "whose status only verify set left out" in notes
    result = set_(run, path, "opened", "--status", "verified", "--note", "Checked the minutes.", "--by", "desk")
    assert result.exit_code == 0
    assert result.stderr == "opened: verified, now the verdict of desk (verify had set it)\n"
    claim = saved(path, "opened")
    event = claim.history[-1]
    assert (event.from_status, event.to_status, event.by) == ("verified", "verified", "desk")
    assert event.why == f"{CONFIRMED}: Checked the minutes." and claim.note == "Checked the minutes."
    assert claim.verdict_by_person() and claim.publishable() and claim.verdict_event() == event
    [review], notes = exported(run, path)
    assert review["url"] == "https://desk.example.org/opened"
    assert review["datePublished"] == event.at  # the person's verdict is dated when they gave it
    assert review["reviewRating"]["alternateName"] == "True"
    assert "left out" not in notes
    # Said again, it is already theirs: nothing is written.
    before = path.read_bytes()
    again = set_(run, path, "opened", "--status", "verified", "--by", "desk")
    assert again.stderr == "opened: already verified; nothing changed\n"
    assert path.read_bytes() == before


def test_a_confirmation_without_a_note_records_the_wording_alone(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    assert set_(run, path, "opened", "--status", "verified", "--by", "desk").exit_code == 0
    claim = saved(path, "opened")
    assert claim.history[-1].why == CONFIRMED and claim.note is None and claim.verdict_by_person()


def test_a_note_alone_never_makes_the_verdict_the_persons(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    result = set_(run, path, "opened", "--note", "Looks right.", "--by", "desk")
    assert result.stderr == "opened: note updated (status stays verified)\n"
    # Not even a note worded as a confirmation: it is recorded as a note.
    worded = set_(run, path, "opened", "--note", f"{CONFIRMED}: by phone", "--by", "desk")
    assert worded.stderr == "opened: note updated (status stays verified)\n"
    claim = saved(path, "opened")
    assert [e.why for e in claim.history[-2:]] == ["Looks right.", f"note: {CONFIRMED}: by phone"]
    assert claim.note == f"{CONFIRMED}: by phone"
    assert not claim.verdict_by_person() and claim.verdict_event() == claim.history[0]
    reviews, notes = exported(run, path)
    assert reviews == [] and "whose status only verify set left out" in notes


def test_several_ids_each_say_what_was_recorded(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    url = server.url_for("/bridge")
    judged = make_claim(
        "judged",
        "The bridge has two lanes.",
        "verified",
        sources=[make_source(url, "two lanes")],
        history=[{"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": "verified", "by": "ann"}],
    )
    cost = make_claim("cost", COST, sources=[make_source(url, "It cost $2.4 billion")])
    path = verified_by_verify(verify, server, tmp_path, judged, cost)
    result = set_(run, path, "opened", "judged", "cost", "--status", "verified", "--by", "desk")
    assert result.exit_code == 0
    assert result.stderr == (
        "opened: verified, now the verdict of desk (verify had set it)\n"
        "judged: already verified; nothing changed\n"
        "cost: unverified → verified\n"
    )
    assert saved(path, "judged").history[-1].by == "ann"  # ann's verdict stays hers
    assert [saved(path, i).verdict_by_person() for i in ("opened", "judged", "cost")] == [True, True, True]


def test_all_unverified_never_confirms_what_verify_set(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    url = server.url_for("/bridge")
    cost = make_claim("cost", COST, sources=[make_source(url, "It cost $2.4 billion")])
    path = verified_by_verify(verify, server, tmp_path, cost)
    result = set_(run, path, "--all-unverified", "--status", "verified", "--by", "desk")
    assert result.stderr == "cost: unverified → verified\n"
    assert not saved(path, "opened").verdict_by_person()  # verify's verified is not unverified: not chosen


def test_confirming_verified_with_no_supporting_source_needs_force(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    url = server.url_for("/bridge")
    assert run("--claims", str(path), "source", "remove", "opened", url, "--why", "paywalled").exit_code == 0
    before = path.read_bytes()
    refused = set_(run, path, "opened", "--status", "verified", "--by", "desk")
    assert refused.exit_code == 2
    assert "opened has no source that supports it, so it cannot be verified; nothing changed" in refused.stderr
    assert path.read_bytes() == before
    forced = set_(run, path, "opened", "--status", "verified", "--force", "--by", "desk")
    assert forced.stderr == "opened: verified, now the verdict of desk (verify had set it)\n"
    assert saved(path, "opened").verdict_by_person()


def test_a_review_flag_cleared_by_the_same_verdict_is_said(run, tmp_path: Path) -> None:
    history = [{"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": "false", "by": "ann"}]
    flag = {"since": "2026-02-01T00:00:00Z", "why": "its wording changed after the verdict"}
    path = claims(tmp_path, make_claim("cost", COST, "false", history=history, review=flag))
    result = set_(run, path, "cost", "--status", "false", "--by", "ann")
    assert result.stderr == "cost: review flag cleared (status stays false)\n"
    claim = saved(path, "cost")
    assert claim.review is None and claim.verdict_by_person()
    # Her verdict was hers already: no confirmation; who looked again, and when, is on record.
    assert [(e.from_status, e.to_status, e.by, e.why) for e in claim.history[1:]] == [
        ("false", "false", "ann", "review flag cleared: the verdict stands")
    ]


# --- verify: a confirmed verdict is flagged, never changed ---------------------------------


def test_verify_flags_a_confirmed_verdict_whose_page_changed(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    assert set_(run, path, "opened", "--status", "verified", "--note", "Seen.", "--by", "desk").exit_code == 0
    server.clear()
    serve(server, "/bridge", REWRITTEN)
    result = verify(path, "opened")
    assert result.exit_code == 1
    claim = saved(path, "opened")
    assert claim.status == "verified"  # without the confirmation verify makes it unsupported
    assert claim.review is not None and claim.review.by == "verify"
    assert result.stdout.splitlines()[0].startswith("opened  verified  a person's verdict (verified) is kept")
    checked = run("--claims", str(path), "check")
    assert checked.exit_code == 1 and "needs-review" in checked.stdout
    reviews, notes = exported(run, path)
    assert reviews == [] and "1 claim flagged for review left out" in notes
    # Looking again and keeping the verdict clears the flag; the confirmation still dates the review.
    kept = set_(run, path, "opened", "--status", "verified", "--by", "desk")
    assert kept.stderr == "opened: review flag cleared (status stays verified)\n"
    [review], _ = exported(run, path)
    assert review["datePublished"] == saved(path, "opened").verdict_event().at


def test_set_back_to_unverified_hands_the_claim_back_to_verify(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    set_(run, path, "opened", "--status", "verified", "--by", "desk")
    assert set_(run, path, "opened", "--status", "unverified", "--by", "desk").stderr == (
        "opened: verified → unverified\n"
    )
    assert verify(path, "opened").exit_code == 0
    claim = saved(path, "opened")
    assert claim.status == "verified" and claim.history[-1].by == "verify" and not claim.verdict_by_person()
    assert exported(run, path)[0] == []


# --- what history, show, report and diff say -------------------------------------------------


def test_history_and_show_tell_the_confirmation(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    set_(run, path, "opened", "--status", "verified", "--note", "Checked the minutes.", "--by", "desk")
    at = saved(path, "opened").history[-1].at
    text = run("--claims", str(path), "history", "opened").stdout
    assert text.endswith(f"{at}  verified (status unchanged)  by desk\n    {CONFIRMED}: Checked the minutes.\n")
    events = json.loads(run("--claims", str(path), "history", "opened", "--format", "json").stdout)["events"]
    assert [(e["from"], e["to"], e["by"]) for e in events] == [
        ("unverified", "verified", "verify"),
        ("verified", "verified", "desk"),
    ]
    assert events[-1]["why"] == f"{CONFIRMED}: Checked the minutes."
    shown = run("--claims", str(path), "show", "opened").stdout
    assert f"  {at}  verified (status unchanged)  by desk\n      {CONFIRMED}: Checked the minutes.\n" in shown


def test_report_lists_the_confirmation_among_the_changes(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    reviewed = ("--claims", str(path), "report", "--reviewed-only", "--format", "json")
    assert json.loads(run(*reviewed).stdout)["articles"][0]["verdicts"] == []
    set_(run, path, "opened", "--status", "verified", "--note", "Checked.", "--by", "desk")
    at = saved(path, "opened").history[-1].at
    text = run("--claims", str(path), "report").stdout
    assert f"  {at[:10]}  opened  verified confirmed  by desk\n" in text
    md = run("--claims", str(path), "report", "--format", "md").stdout
    assert "| (confirmed) | **verified** | desk |" in md and "verified → verified" not in md
    html = run("--claims", str(path), "report", "--format", "html").stdout
    assert '<td class="nowrap"><span class="status s-verified">verified</span> confirmed</td>' in html
    data = json.loads(run("--claims", str(path), "report", "--format", "json").stdout)
    [verdict] = json.loads(run(*reviewed).stdout)["articles"][0]["verdicts"]  # the readers' report has it now
    assert (verdict["claim_id"], verdict["status"], verdict["note"]) == ("opened", "verified", "Checked.")
    [confirmed] = [c for c in data["changes"] if c["by"] == "desk"]
    assert (confirmed["claim_id"], confirmed["from"], confirmed["to"], confirmed["by"], confirmed["why"]) == (
        "opened",
        "verified",
        "verified",
        "desk",
        f"{CONFIRMED}: Checked.",
    )


def test_diff_says_whose_verdict_it_now_is(run, verify, server: HTTPServer, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    path = verified_by_verify(verify, server, repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "verified by verify")
    set_(run, path, "opened", "--status", "verified", "--by", "desk")  # no note: only the history changed
    folder = str(path.parent)
    text = run("--claims", folder, "diff").stdout
    assert text == (
        "HEAD → working tree: 0 added, 0 removed, 1 changed (0 in status).\n\n"
        "Other edits\n"
        "opened  now the verdict of desk\n"
    )
    [change] = json.loads(run("--claims", folder, "diff", "--format", "json").stdout)["changed"]
    assert (change["from"], change["to"], change["verdict_by"], change["note_changed"]) == (
        "verified",
        "verified",
        "desk",
        False,
    )
    # A note edited alone is a note, not a new owner of the verdict.
    git(repo, "checkout", "-q", "--", ".")
    set_(run, path, "opened", "--note", "Looks right.", "--by", "desk")
    [change] = json.loads(run("--claims", folder, "diff", "--format", "json").stdout)["changed"]
    assert (change["verdict_by"], change["note_changed"]) == (None, True)


# --- the model -----------------------------------------------------------------------------


def _event(frm: str, to: str, by: str, why: str | None = None) -> Event:
    return Event(at="2026-01-01T00:00:00Z", from_status=Status(frm), to_status=Status(to), by=by, why=why)


@pytest.mark.parametrize(
    ("last", "by_person"),
    [
        (_event("verified", "verified", "desk", CONFIRMED), True),
        (_event("verified", "verified", "desk", f"{CONFIRMED}: a note"), True),
        (_event("verified", "verified", "verify", CONFIRMED), False),  # a tool cannot confirm
        (_event("verified", "verified", "desk", f"{CONFIRMED}, by phone"), False),  # not the wording
        (_event("verified", "verified", "desk", "a note"), False),
        (_event("verified", "verified", "desk", None), False),
    ],
)
def test_only_a_persons_confirmation_makes_a_tools_verdict_theirs(last: Event, by_person: bool) -> None:
    claim = Claim(id="c", text="t", status=Status.VERIFIED, history=[_event("unverified", "verified", "verify"), last])
    assert claim.verdict_by_person() is by_person
    assert claim.verdict_event() == (last if by_person else claim.history[0])


def test_a_confirmation_before_a_later_change_by_verify_is_spent() -> None:
    claim = Claim(
        id="c",
        text="t",
        status=Status.UNSUPPORTED,
        history=[
            _event("unverified", "verified", "verify"),
            _event("unverified", "unverified", "desk", CONFIRMED),  # a hand-made file: confirms nothing it has now
            _event("verified", "unsupported", "verify"),
        ],
    )
    assert not claim.verdict_by_person()
    assert claim.confirm("desk", None)
    assert claim.verdict_by_person() and not claim.confirm("desk", None)  # the second adds nothing
    assert not Claim(id="u", text="t").confirm("desk", None)  # unverified is no verdict


@pytest.mark.parametrize("status", ["false", "opinion", "verified"])
def test_a_status_edited_in_by_hand_after_verifys_is_a_persons(status: str) -> None:
    # verify's change is not what gave the claim its status, and no command writes a status without its
    # event: a person did, whatever the status (verify's own ones included).
    claim = Claim(id="c", text="t", status=Status(status), history=[_event("unverified", "unsupported", "verify")])
    assert claim.verdict_by_person()


def test_verify_keeps_a_false_edited_in_by_hand_after_its_own_verdict(
    verify, server: HTTPServer, tmp_path: Path
) -> None:
    path = verified_by_verify(verify, server, tmp_path)
    document = json.loads(path.read_text())
    document["claims"][0]["status"] = "false"  # a person's verdict, written into the file by hand
    path.write_text(json.dumps(document, indent=2) + "\n")
    result = verify(path, "opened")
    assert result.exit_code == 1 and "a person's verdict (false) is kept" in result.stdout, result.output
    claim = saved(path, "opened")
    assert claim.status == "false" and claim.history[-1].to_status == "false"
    assert claim.review is not None and claim.review.by == "verify"  # the sources support it: flagged, not changed


def test_verify_keeps_a_verdict_whose_event_a_merge_resolution_dropped(
    run, verify, server: HTTPServer, tmp_path: Path
) -> None:
    # bob judges the claim on a branch while ann notes it on hers; resolving the conflict, ann takes bob's
    # status and note and keeps her own event, as a person resolving hunk by hunk would.
    path = verified_by_verify(verify, server, tmp_path)
    init_repo(tmp_path)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "claims")
    git(tmp_path, "switch", "-qc", "bob")
    assert (
        set_(run, path, "opened", "--status", "unsupported", "--note", "The city gives 2021.", "--by", "bob").exit_code
        == 0
    )
    git(tmp_path, "commit", "-qam", "bob's verdict")
    git(tmp_path, "switch", "-q", "-")
    assert set_(run, path, "opened", "--note", "Asked the city.", "--by", "ann").exit_code == 0
    git(tmp_path, "commit", "-qam", "ann's note")
    merged = subprocess.run(["git", "merge", "bob"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert merged.returncode == 1 and "CONFLICT" in merged.stdout
    blocks = re.compile(r"<<<<<<< .*?\n(.*?)=======\n(.*?)>>>>>>> .*?\n", re.S)
    text = path.read_text()
    assert len(blocks.findall(text)) == 2  # the status and note; the last event of each side
    picks = iter([2, 1])  # theirs, then ours
    path.write_text(blocks.sub(lambda m: m.group(next(picks)), text))
    claim = saved(path, "opened")
    assert (claim.status, claim.note, claim.history[-1].by) == ("unsupported", "The city gives 2021.", "ann")
    result = verify(path, "opened")
    assert result.exit_code == 1 and "a person's verdict (unsupported) is kept" in result.stdout, result.output
    claim = saved(path, "opened")
    assert claim.status == "unsupported" and claim.review is not None
