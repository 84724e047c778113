"""`factcheck list` on 100,000 claims against the floor of json.load-ing them, and its memory.

    python benchmarks/scale.py [--files 1000] [--claims 100] [--runs 5] [--keep DIR]
    python benchmarks/scale.py --claims 1000 --runs 1     # a million claims: peak memory

Generates FILES claims files of CLAIMS claims each in a temporary folder
(see generate.py), then times, interleaved:
  floor   one Python process that json.load()s every file
  json    factcheck --claims DIR list --format json
  status  factcheck --claims DIR list --status unverified
and prints median times, each command's ratio to the floor, and each one's
peak memory (the largest resident size of the process and its workers).
The first round (cold caches) is timed apart.  Targets: at most 1.5x the
floor, the first run at most 2x, and at most 512 MiB at a million claims.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

FLOOR = """
import json, os, sys
for root, _, files in os.walk(sys.argv[1]):
    for name in sorted(files):
        if name.endswith(".json"):
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                json.load(fh)
"""


def timed(command: list[str], expected: int = 0) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one run, which must exit ``expected``."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != expected:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


Commands = dict[str, tuple[list[str], int]]  # name: (command line, expected exit status)


def against_floor(description: str, commands: Callable[[Path, list[str]], Commands], target: str) -> None:
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
        timings: Commands = {"floor (json.load)": ([sys.executable, "-c", FLOOR, str(folder)], 0)}
        timings.update(commands(folder, factcheck))
        # The first, untimed round fills the OS file cache and validates every file once.
        first = {name: timed(command, expected) for name, (command, expected) in timings.items()}
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in timings}
        for _ in range(args.runs):
            for name, (command, expected) in timings.items():
                samples[name].append(timed(command, expected))
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
        lambda folder, factcheck: {
            "list --format json": ([*factcheck, "--claims", str(folder), "list", "--format", "json"], 0),
            "list --status unverified": ([*factcheck, "--claims", str(folder), "list", "--status", "unverified"], 0),
        },
        "list at most 1.5 x floor (first run at most 2 x); at most 512 MiB at 1,000,000 claims",
    )


if __name__ == "__main__":
    main()
