"""What programs read: the same idea in the same form in every command's machine output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_claim, write_claims

AT = "2026-11-01T00:00:00Z"


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
    aside = {"kind": "rejected", "at": AT, "by": "ana", "claim": make_claim("quote", "A quote.")}
    path = write_claims(tmp_path / "claims", "tolls", claims)
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**document, "set_aside": [aside]}), encoding="utf-8")

    def shown(claim_id: str) -> list:
        return json.loads(run("--claims", str(path), "show", claim_id, "--format", "json").stdout)["matches"]

    assert shown("bare") == []
    assert [m["url"] for m in shown("matched")] == ["https://checks.example.org/toll"]
    rejected = json.loads(run("--claims", str(path), "rejected", "--format", "json").stdout)
    assert rejected[0]["claim"]["matches"] == []
