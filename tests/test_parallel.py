"""Worker processes: big folders give the same results in one process, in forked workers and in spawned ones."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from factcheck.check import run as check
from factcheck.check.rules import Options
from factcheck.report import listing
from factcheck.store import parallel

from conftest import make_claim, make_source, write_claims


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """More claims files than one process is used for, with findings of several rules."""
    root = tmp_path / "claims"
    for n in range(parallel.PARALLEL_MIN_FILES + 6):
        sourced = make_claim(f"a{n}-sourced", f"Claim {n}.", "verified", sources=[make_source("https://example.org/x")])
        bare = make_claim(f"a{n}-bare", f"Claim {n} cites nothing.", "false" if n % 3 else "unverified")
        write_claims(root, f"article-{n:03d}", [sourced, bare])
    return root


def test_the_start_method_is_fork_only_where_fork_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    assert parallel.start_method() == "fork"
    for platform in ("darwin", "win32"):
        monkeypatch.setattr("sys.platform", platform)
        assert parallel.start_method() == "spawn"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_find_what_one_process_finds(folder: Path, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    alone_rows = list(listing.rows(folder, unsourced=True, processes=1))
    alone = check.run(folder, Options(), processes=1)
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    assert list(listing.rows(folder, unsourced=True, processes=2)) == alone_rows
    assert msgspec.to_builtins(check.run(folder, Options(), processes=2)) == msgspec.to_builtins(alone)
    assert len(alone_rows) == parallel.PARALLEL_MIN_FILES + 6  # one unsourced claim per file
    assert {f.rule for f in alone.findings} >= {"unsourced", "unsourced-unverified"}
