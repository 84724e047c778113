"""Start-up time of `factcheck list` against bare Python and eager imports.

    python benchmarks/startup.py [--runs 20]

Runs, interleaved so that machine noise hits all three alike:
  1. python -c pass
  2. python -c "import click, rich.console, rich.table, requests, rapidfuzz"
  3. factcheck --claims claims list   (on the shipped claims, output discarded)
and prints the median and best times and the ratio of (3) to (2).
Target: (3) takes at most 0.6 x (2).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    entry = shutil.which("factcheck")
    factcheck = [entry] if entry else [sys.executable, "-m", "factcheck"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "eager imports": [sys.executable, "-c", "import click, rich.console, rich.table, requests, rapidfuzz"],
        "factcheck list": [*factcheck, "--claims", str(REPO / "claims"), "list"],
    }
    # One untimed run of each fills the OS file cache and factcheck's validation cache.
    for command in commands.values():
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)

    print(f"{'command':<16} {'median':>9} {'best':>9}")
    for name, samples in times.items():
        print(f"{name:<16} {statistics.median(samples) * 1000:>7.1f}ms {min(samples) * 1000:>7.1f}ms")
    eager = statistics.median(times["eager imports"])
    ratio = statistics.median(times["factcheck list"]) / eager
    bare = statistics.median(times["python -c pass"]) / eager
    print(f"\nfactcheck list / eager imports = {ratio:.2f}  (target <= 0.60)")
    print(f"python -c pass / eager imports = {bare:.2f}")


if __name__ == "__main__":
    main()
