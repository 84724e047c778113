"""What programs read: the same idea in the same form in every command's machine output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


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
