"""Two factcheck processes editing one claims file at the same moment lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factcheck.store.folder import read

from conftest import make_claim, write_claims


def _start(claims: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims", str(claims), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_parallel_edits_of_different_claims_are_all_kept(tmp_path: Path) -> None:
    ids = [f"c{i}" for i in range(8)]
    folder = tmp_path / "claims"
    path = write_claims(folder, "many", [make_claim(i, f"Claim {i}.") for i in ids])
    for round_ in range(2):
        procs = [_start(folder, "source", "add", i, f"https://example.org/{i}/{round_}") for i in ids]
        procs += [_start(folder, "set", i, "--status", "mixed", "--note", f"round {round_}") for i in ids]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
    final = read(path).claims_file
    for i in ids:
        claim = final.get(i)
        assert [s.url for s in claim.sources] == [f"https://example.org/{i}/0", f"https://example.org/{i}/1"]
        assert claim.status == "mixed"
        assert claim.note == "round 1"
    assert sorted(p.name for p in folder.iterdir()) == ["many.json"]
