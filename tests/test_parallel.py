"""Worker processes: big folders give the same results in one process, in forked workers and in spawned ones."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from factcheck.check import run as check
from factcheck.check.rules import Options
from factcheck.report import listing
from factcheck.store import parallel
from factcheck.store.folder import discover

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


def length_or_die(path: Path) -> int:
    """A file's size; article-007.json makes the worker reading it end at once, as one the system kills would."""
    if path.name == "article-007.json":
        os._exit(9)
    return path.stat().st_size


class CannotStart:
    """Work that a spawned worker cannot take: taking it ends the worker (exit code 3) as it starts."""

    def __call__(self, path: Path) -> int:
        return path.stat().st_size

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (os._exit, (3,))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
def test_a_worker_that_dies_ends_the_run_with_an_error(folder: Path) -> None:
    # The pool replaces the dead worker but never answers its files: waiting for them would never end.
    paths = discover(folder)
    with pytest.raises(parallel.WorkerLost) as info:
        list(parallel.map_files(paths, length_or_die, processes=2))
    assert "exit code 9" in info.value.message
    assert "--processes 1" in (info.value.tip or "")
    assert info.value.exit_code == 1


def test_workers_that_cannot_start_end_the_run_with_an_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each worker ends as it starts, and the pool starts another, for ever: no file is ever read.
    monkeypatch.setattr(parallel, "start_method", lambda: "spawn")  # the work is unpickled as a worker starts
    with pytest.raises(parallel.WorkerLost) as info:
        list(parallel.map_files(discover(folder), CannotStart(), processes=2))
    assert "exit code 3" in info.value.message


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
def test_check_says_in_one_line_that_a_worker_was_lost(folder: Path, monkeypatch: pytest.MonkeyPatch, run: Any) -> None:
    real = check._check_file_packed

    def check_or_die(path: Path, **options: Any) -> Any:
        if path.name == "article-007.json":
            os._exit(9)
        return real(path, **options)

    monkeypatch.setattr(check, "_check_file_packed", check_or_die)  # the forked workers have it too
    report = folder.parent / "report.json"
    result = run("--claims", str(folder), "check", "--processes", "2")
    assert result.exit_code == 1
    assert result.stdout == ""  # no report that a reader could take for the whole
    assert result.stderr.startswith("factcheck: error: a worker process ended unexpectedly (exit code 9)")
    assert "Traceback" not in result.stderr
    result = run("--claims", str(folder), "check", "--processes", "2", "--format", "json", "--output", str(report))
    assert result.exit_code == 1
    assert not report.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
@pytest.mark.parametrize(("command", "work", "ok"), [("list", "_rows_of", 0), ("check", "_check_file_packed", 1)])
def test_what_a_lost_worker_tip_says_works_for_the_command_that_lost_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch, run: Any, command: str, work: str, ok: int
) -> None:
    # Every command whose workers map_files starts can print the tip: it must be one it takes.
    module = listing if command == "list" else check
    real = getattr(module, work)
    parent = os.getpid()

    def work_or_die(path: Any, **options: Any) -> Any:
        if os.getpid() != parent:  # a worker: the system ended it
            os._exit(9)
        return real(path, **options)

    monkeypatch.setattr(module, work, work_or_die)
    lost = run("--claims", str(folder), command, "--format", "json")
    assert lost.exit_code == 1 and lost.stdout == ""
    tip = re.search(r"; run again, with (--processes \d+) to read every file in one process$", lost.stderr.strip())
    assert tip is not None, lost.stderr
    again = run("--claims", str(folder), command, "--format", "json", *tip[1].split())
    assert again.exit_code == ok, again.stderr
    document = json.loads(again.stdout)
    assert document["findings"] if command == "check" else len(document) == 2 * len(list(folder.iterdir()))


def end_at_once() -> None:
    os._exit(5)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the work is defined in this test module, which a fork has")
def test_the_pool_watches_every_worker_it_started_even_one_already_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker may end before worker_pool returns (here: at once, as it starts). It is the one to
    # watch; a pool that forgot it would leave its results waited on for ever.
    monkeypatch.setattr(parallel, "start_method", lambda: "fork")
    with parallel.worker_pool(3, len, prepare=end_at_once) as workers:
        assert len(workers.workers) == 3
        for worker in workers.workers:
            worker.join(timeout=30)
        assert workers.lost() == 5


def test_list_takes_the_processes_setting_check_takes(folder: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # One key for both commands: from the command line, the environment and the configuration, checked alike.
    monkeypatch.chdir(folder.parent)
    for command in ("list", "check"):
        result = run("--claims", str(folder), command, "--processes", "0")
        assert result.exit_code == 2 and "'0' is not between 1 and 256" in result.stderr
    (folder.parent / "setup.cfg").write_text("[factcheck]\nprocesses = 300\n")
    for command in ("list", "check"):
        result = run("--claims", str(folder), command)
        assert (result.exit_code, result.stderr) == (
            2,
            "factcheck: error: setup.cfg:2: [factcheck] processes: '300' is not between 1 and 256\n",
        )
    (folder.parent / "setup.cfg").write_text("[factcheck]\nprocesses = 1\n")
    alone = run("--claims", str(folder), "list", "--format", "csv")
    assert (
        alone.exit_code == 0
        and alone.stdout == run("--claims", str(folder), "list", "--format", "csv", "--processes", "2").stdout
    )


def test_workers_give_every_result_in_order_across_chunks(tmp_path: Path) -> None:
    names = [tmp_path / f"{n:04d}" for n in range(300)]
    assert list(parallel.map_files(names, os.fspath, processes=2)) == [os.fspath(name) for name in names]
