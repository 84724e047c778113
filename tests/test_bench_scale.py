"""benchmarks/scale.py times only runs that did their work: a crash is refused whatever its exit status."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def scale() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("scale", BENCHMARKS / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_crash_that_exits_with_the_expected_status_is_refused(scale: ModuleType) -> None:
    # check exits 1 on findings; an uncaught exception exits 1 too.
    crash = scale.Run(python("import sys; sys.stdout.write('[]'); raise RuntimeError('boom')"), 1)
    with pytest.raises(SystemExit, match="crashed: RuntimeError: boom"):
        scale.timed(crash)


def test_output_that_is_not_what_the_command_prints_is_refused(scale: ModuleType) -> None:
    empty = scale.Run(python("print('[]')"), 0, scale.json_rows(3))
    with pytest.raises(SystemExit, match="0 rows, not 3"):
        scale.timed(empty)
    cut = scale.Run(python('print(\'[{"id": "a"},\')'), 0, scale.json_rows(1))
    with pytest.raises(SystemExit, match="not JSON"):
        scale.timed(cut)


def test_the_peak_is_the_command_s_not_the_benchmark_s(scale: ModuleType) -> None:
    # A process counts in its peak the memory of the one it was forked from: a benchmark that
    # holds a big output it checked must not charge it to the next command it times.
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"1" * len(held[::4096])
    _, small = scale.timed(scale.Run(python("pass")))
    _, large = scale.timed(scale.Run(python("x = bytearray(200 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])")))
    del held
    assert small < 100 and 200 <= large < 300


def test_a_wrong_exit_status_is_refused(scale: ModuleType) -> None:
    with pytest.raises(SystemExit, match="exit status 2, not 0: bad usage"):
        scale.timed(scale.Run(python("import sys; sys.stderr.write('bad usage'); sys.exit(2)")))


def test_the_real_listing_is_accepted(scale: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    scale.generate(folder, 3, 5)
    counts = scale.statuses(folder)
    assert counts.total() == 15
    factcheck = [sys.executable, "-m", "factcheck", "--claims", str(folder), "list"]
    runs = [
        scale.Run([*factcheck, "--format", "json"], 0, scale.json_rows(15)),
        scale.Run([*factcheck, "--status", "unverified"], 0, scale.table_rows("unverified", counts["unverified"])),
    ]
    for run in runs:
        seconds, mib = scale.timed(run)
        assert seconds > 0 and mib > 0
    # The same listing said to be of another size, or of another status, is refused.
    with pytest.raises(SystemExit, match="15 rows, not 16"):
        scale.timed(scale.Run([*factcheck, "--format", "json"], 0, scale.json_rows(16)))
    if counts["unverified"] < 15:
        with pytest.raises(SystemExit, match="another status"):
            scale.timed(scale.Run(factcheck, 0, scale.table_rows("unverified", 15)))
