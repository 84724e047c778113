"""`factcheck list` on 100,000 claims against the floor of json.load-ing them, and its memory.

    python benchmarks/scale.py [--files 1000] [--claims 100] [--runs 5] [--keep DIR]
    python benchmarks/scale.py --claims 1000 --runs 1     # a million claims: peak memory

Generates FILES claims files of CLAIMS claims each in a temporary folder
(see generate.py), then times, interleaved:
  floor   one Python process that json.load()s every file
  json    factcheck --claims DIR list --format json
  json -p 1  the same with --processes 1 (every file read in one process)
  status  factcheck --claims DIR list --status unverified
and prints median times, each command's ratio to the floor, and each one's
peak memory (the largest resident size of the process and its workers).
The first round (cold caches) is timed apart.  Targets: at most 1.5x the
floor, the first run at most 2x, and at most 512 MiB at a million claims.

A run counts only when it exits as expected, its stderr has no traceback,
and its output is what the command prints for that folder (every claim, or
every claim of the status asked for): a crash that happens to exit with the
expected code is refused, not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent

FLOOR = """
import json, os, sys
for root, _, files in os.walk(sys.argv[1]):
    for name in sorted(files):
        if name.endswith(".json"):
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                json.load(fh)
"""


class Run(NamedTuple):
    """One command to time: its command line, the exit status it must end with, and what its output must be."""

    command: list[str]
    expected: int = 0
    # The output (stdout) -> what is wrong with it, or None when it is what the command prints.
    output: Callable[[bytes], str | None] = lambda out: None


# Starts each timed command and waits for it.  Linux counts in a process's peak memory the
# resident size of the process it was forked from, so the commands are started by this small
# process, not by the benchmark, which holds the output it reads and checks.
LAUNCHER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    command, env, out, err = json.loads(line)
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    print(json.dumps([elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss]), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def launch(command: list[str], out: Path, err: Path) -> tuple[float, int, int]:
    """Run ``command`` from the launcher, in this process's environment, its output into ``out`` and ``err``:
    wall time, exit status, peak KiB."""
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _launcher.stdin is not None and _launcher.stdout is not None
    _launcher.stdin.write(json.dumps([command, dict(os.environ), str(out), str(err)]) + "\n")
    _launcher.stdin.flush()
    elapsed, code, peak = json.loads(_launcher.stdout.readline())
    return elapsed, code, peak


def timed(run: Run) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one run; a run that did not do its work is refused.

    Output goes to files, not pipes, so that reading it costs the timed
    process nothing; it is looked at once the run is over.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        elapsed, code, peak = launch(run.command, out, err)
        problem = refused(code, out.read_bytes(), err.read_bytes(), run)
    if problem is not None:
        raise SystemExit(f"refused: {' '.join(run.command)}: {problem}")
    return elapsed, peak // 1024


def refused(code: int, out: bytes, err: bytes, run: Run) -> str | None:
    """Why a run does not count (a crash, whatever its exit status, or output the command would not print), or None."""
    if b"Traceback (most recent call last)" in err:
        # A traceback exits 1 too, which is what check exits with on findings.
        return "it crashed: " + err.decode("utf-8", "replace").strip().splitlines()[-1]
    if code != run.expected:
        return f"exit status {code}, not {run.expected}: " + err.decode("utf-8", "replace").strip()[-500:]
    return run.output(out)


def json_rows(count: int) -> Callable[[bytes], str | None]:
    """The output of ``list --format json`` for ``count`` claims: a JSON array of that many rows, each with an id."""

    def check(out: bytes) -> str | None:
        try:
            rows = json.loads(out)
        except ValueError as error:
            return f"the output is not JSON ({error})"
        if not isinstance(rows, list) or not all(isinstance(r, dict) and "id" in r for r in rows):
            return "the output is not a list of rows"
        return None if len(rows) == count else f"{len(rows)} rows, not {count}"

    return check


def table_rows(status: str, count: int) -> Callable[[bytes], str | None]:
    """The output of ``list --status STATUS`` (a table): the header, then ``count`` rows, every one of that status."""

    def check(out: bytes) -> str | None:
        header, *rows = out.decode("utf-8", "replace").splitlines() or [""]
        if header.split()[:2] != ["id", "status"]:
            return f"no table header: {header[:80]!r}"
        if any(row.split()[1:2] != [status] for row in rows):
            return f"a row of another status than {status}"
        return None if len(rows) == count else f"{len(rows)} rows, not {count}"

    return check


Commands = dict[str, Run]


# Run in a process of its own, like the generating: see ``generate``.
COUNT = """
import collections, json, pathlib, sys
counts = collections.Counter()
for path in pathlib.Path(sys.argv[1]).rglob("*.json"):
    counts.update(claim["status"] for claim in json.loads(path.read_bytes())["claims"])
print(json.dumps(counts))
"""


def generate(folder: Path, files: int, claims: int) -> None:
    """Write the folder with generate.py, in a process of its own (this one stays small)."""
    command = [sys.executable, str(HERE / "generate.py"), str(folder), "--files", str(files), "--claims", str(claims)]
    subprocess.run(command, check=True)


def statuses(folder: Path) -> Counter[str]:
    """How many claims of each status the folder holds (to know what a listing must print)."""
    out = subprocess.run([sys.executable, "-c", COUNT, str(folder)], check=True, capture_output=True).stdout
    return Counter(json.loads(out))


def against_floor(description: str, commands: Callable[[Path, list[str], Counter[str]], Commands], target: str) -> None:
    """Parse the common options, generate the folder, time the floor and ``commands`` interleaved, print."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    cache = Path(tempfile.mkdtemp(prefix="factcheck-cache-"))
    os.environ["FACTCHECK_CACHE_DIR"] = str(cache)
    try:
        if not any(folder.glob("*.json")):
            generate(folder, args.files, args.claims)
        entry = shutil.which("factcheck")
        factcheck = [entry] if entry else [sys.executable, "-m", "factcheck"]
        timings: Commands = {"floor (json.load)": Run([sys.executable, "-c", FLOOR, str(folder)])}
        timings.update(commands(folder, factcheck, statuses(folder)))
        # The first round (cold caches, timed apart) fills the OS file cache and validates every file once.
        first = {name: timed(run) for name, run in timings.items()}
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in timings}
        for _ in range(args.runs):
            for name, run in timings.items():
                samples[name].append(timed(run))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"{args.files} files x {args.claims} claims = {args.files * args.claims:,} claims\n")
    floor = statistics.median(t for t, _ in samples["floor (json.load)"])
    first_floor = first["floor (json.load)"][0]
    print(f"{'command':<26} {'first run':>10} {'x floor':>8} {'median':>8} {'x floor':>8} {'peak MiB':>9}")
    for name, runs in samples.items():
        median = statistics.median(t for t, _ in runs)
        peak = max(m for _, m in runs)
        print(
            f"{name:<26} {first[name][0]:>9.2f}s {first[name][0] / first_floor:>8.2f} "
            f"{median:>7.2f}s {median / floor:>8.2f} {peak:>9}"
        )
    print(f"\ntarget: {target}")


def main() -> None:
    against_floor(
        __doc__.splitlines()[0],
        lambda folder, factcheck, counts: {
            "list --format json": Run(
                [*factcheck, "--claims", str(folder), "list", "--format", "json"], 0, json_rows(counts.total())
            ),
            # The same in one process: what reading the files on every CPU saves.
            "list --format json -p 1": Run(
                [*factcheck, "--claims", str(folder), "list", "--format", "json", "--processes", "1"],
                0,
                json_rows(counts.total()),
            ),
            "list --status unverified": Run(
                [*factcheck, "--claims", str(folder), "list", "--status", "unverified"],
                0,
                table_rows("unverified", counts["unverified"]),
            ),
        },
        "list at most 1.5 x floor (first run at most 2 x); at most 512 MiB at 1,000,000 claims",
    )


if __name__ == "__main__":
    main()
