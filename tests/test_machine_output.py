"""What programs read: the same idea in the same form in every command's machine output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_claim, write_claims


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
