"""What programs read: the same idea in the same form in every command's machine output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git, init_repo, make_claim, make_source, unnamed_fields, write_claims

AT = "2026-11-01T00:00:00Z"
#: A proposal set aside: every claims file below has one.
ASIDE = {"kind": "rejected", "at": AT, "by": "ana", "claim": make_claim("quote", "A quote.")}


def _with_aside(path: Path) -> Path:
    """The claims file at ``path`` with ``ASIDE`` among its set-aside claims."""
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**document, "set_aside": [ASIDE]}), encoding="utf-8")
    return path


def test_every_command_names_a_claims_file_alike_from_inside_the_folder(
    run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dashboard joins check's findings to list's rows by file; run in the claims folder with
    # `--claims .`, list said "./bridge.json" where check said "bridge.json".
    monkeypatch.chdir(claims_dir)

    def files(*args: str) -> set[str]:
        result = run("--claims", ".", *args, "--format", "json")
        document = json.loads(result.stdout)
        return {row["file"] for row in (document if args[0] == "list" else document["findings"])}

    assert files("list") == files("check") == {"bridge.json"}
    shown = json.loads(run("--claims", ".", "show", "bridge-cost", "--format", "json").stdout)
    assert shown["file"] == "bridge.json"


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_a_reader_that_stops_early_is_no_failure(tmp_path: Path, fmt: str) -> None:
    # `factcheck list --format json | head -c 100` in a script with pipefail: the listing exited 1,
    # the status of findings, when the reader left while it was still writing.
    claims = [make_claim(f"claim-{n}", f"The bridge cost ${n} million in 2024.") for n in range(3000)]
    write_claims(tmp_path / "claims", "big", claims)
    command = [sys.executable, "-m", "factcheck", "--claims", "claims", "list", "--format", fmt]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as listing:
        assert listing.stdout is not None and listing.stderr is not None
        assert listing.stdout.read(100)
        listing.stdout.close()
        errors = listing.stderr.read()
    assert (listing.returncode, errors) == (0, b"")


def test_a_claim_in_json_has_its_accepted_fact_checks_as_a_list_even_when_none(run, tmp_path: Path) -> None:
    # A review queue read `claim["matches"]` from show and failed on every claim nobody had
    # accepted a fact-check for: the key was left out, as the claims file leaves it out.
    accepted = {
        "url": "https://checks.example.org/toll",
        "claim_reviewed": "Tolls rose.",
        "accepted_at": AT,
        "by": "ana",
    }
    claims = [
        make_claim("bare", "Tolls rose 12% in 2025."),
        make_claim("matched", "Tolls rose 9%.", matches=[accepted]),
    ]
    path = _with_aside(write_claims(tmp_path / "claims", "tolls", claims))

    def shown(claim_id: str) -> list:
        return json.loads(run("--claims", str(path), "show", claim_id, "--format", "json").stdout)["matches"]

    assert shown("bare") == []
    assert [m["url"] for m in shown("matched")] == ["https://checks.example.org/toll"]
    rejected = json.loads(run("--claims", str(path), "rejected", "--format", "json").stdout)
    assert rejected[0]["claim"]["matches"] == []


def test_every_field_of_the_json_documents_is_named_in_the_reference(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dashboard's author reads the reference: diff's `renamed` (claims files, not claims) and
    # `other_edits`, list's fields and most of report's were named nowhere.
    repo = init_repo(tmp_path / "desk")
    monkeypatch.chdir(repo)
    event = {"at": AT, "from": "unverified", "to": "false", "by": "ana", "why": "No."}
    source = make_source("https://example.org/tolls", "tolls rose 9%")
    claim = make_claim("tolls", "Tolls rose 12% in 2025.", "false", history=[event], sources=[source])
    _with_aside(write_claims(repo / "claims", "tolls", [claim]))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "tolls")
    assert run("set", "tolls", "--status", "misleading", "--note", "Partly.").exit_code == 0
    assert run("rename", "tolls", "toll-rise").exit_code == 0
    git(repo, "commit", "-qam", "verdict")
    for page, args in {
        "list": ["list"],
        "diff": ["diff", "HEAD~1", "HEAD"],
        "history": ["history", "toll-rise", "--git"],
        "report": ["report"],
        "aside": ["rejected"],
        "verify": ["verify", "toll-rise", "--offline"],
    }.items():
        result = run(*args, "--format", "json")
        assert result.exit_code in (0, 1), result.stderr
        assert (page, unnamed_fields(result.stdout, page)) == (page, set())


def test_the_report_in_json_has_the_words_of_each_claim_it_names(run, claims_dir: Path) -> None:
    # The text report quotes each claim it names; a dashboard reading the JSON had only ids, and
    # a second command to run for the words.
    report = json.loads(run("--claims", str(claims_dir), "report", "--format", "json").stdout)
    assert [source["claim_id"] for source in report["total"]["never_checked"]] == ["bridge-opened"]
    assert report["claim_texts"] == {"bridge-opened": "The bridge opened in March 2020 after four years of work."}


def test_history_in_json_has_the_claims_words(run, claims_dir: Path) -> None:
    # The text timeline starts with the claim's words; a bot posting it from the JSON had only the id.
    timeline = json.loads(run("--claims", str(claims_dir), "history", "bridge-cost", "--format", "json").stdout)
    assert timeline["text"] == "It cost $2.4 billion, the city said."


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs a device that is always full")
@pytest.mark.parametrize("args", [("list", "--format", "json"), ("show", "bridge-cost"), ("report",)])
def test_output_that_cannot_be_written_is_one_line_not_a_traceback(claims_dir: Path, args: tuple[str, ...]) -> None:
    # A nightly job whose output file's disk had filled up got a Python traceback, where
    # `-o FILE` on the same disk says what went wrong in one line.
    command = [sys.executable, "-m", "factcheck", "--claims", str(claims_dir), *args]
    with open("/dev/full", "w") as full:
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (
        2,
        "factcheck: error: stdout: cannot write: No space left on device\n",
    )


def test_verify_counts_every_status_as_report_does(run, claims_dir: Path) -> None:
    # A dashboard read summary["statuses"]["verified"] after each run and failed on the first run that
    # verified nothing: verify left a status none ended with out, where report counts it 0.
    summary = json.loads(run("--claims", str(claims_dir), "verify", "bridge-cost", "--format", "json").stdout)[
        "summary"
    ]
    report = json.loads(run("--claims", str(claims_dir), "report", "--format", "json").stdout)
    assert list(summary["statuses"]) == list(report["total"]["by_status"])
    assert (summary["statuses"]["unverified"], summary["statuses"]["verified"]) == (1, 0)
