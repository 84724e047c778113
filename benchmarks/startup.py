"""Start-up time of factcheck's everyday commands against bare Python and eager imports.

    python benchmarks/startup.py [--runs 20]

Runs, interleaved so that machine noise hits all alike:
  - python -c pass
  - python -c "import click, rich.console, rich.table, requests, rapidfuzz"
  - factcheck list, show, report and check on the shipped claims (output
    discarded, so not a terminal)
and prints the median and best times and each command's ratio to the eager
imports.  Target: each command at most 0.5 x the eager imports.

Run it with the environment that has factcheck installed active (a venv's
``bin`` first on PATH): it runs the ``factcheck`` found on PATH, which it
names, and a pyenv shim or another checkout's entry point measures
something else.  The untimed first run of each command may write cached
bytecode even where PYTHONDONTWRITEBYTECODE is set (as on some CI images),
as a first run does on a user's machine: click, rich and requests got theirs
when pip installed them, and an editable factcheck would otherwise be
compiled from source on every timed run.  The script says when there is
still none.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
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
    claims = ["--claims", str(REPO / "claims")]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "eager imports": [sys.executable, "-c", "import click, rich.console, rich.table, requests, rapidfuzz"],
        "factcheck list": [*factcheck, *claims, "list"],
        "factcheck show": [*factcheck, *claims, "show", "cpec-invest"],
        "factcheck report": [*factcheck, *claims, "report"],
        "factcheck check": [*factcheck, *claims, "check", "--fail-on", "never"],
    }
    print(f"factcheck: {' '.join(factcheck)}")
    # One untimed run of each fills the OS file cache and writes bytecode, as a first run would.
    first_run = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=first_run)
    source = REPO / "factcheck" / "cli" / "__init__.py"
    if not Path(importlib.util.cache_from_source(str(source))).exists():
        print("note: factcheck has no cached bytecode here, so every run compiles it from source")
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
    print()
    for name in commands:
        if name.startswith("factcheck"):
            ratio = statistics.median(times[name]) / eager
            print(f"{name + ' / eager imports':<34} = {ratio:.2f}  (target <= 0.50)")
    bare = statistics.median(times["python -c pass"]) / eager
    print(f"{'python -c pass / eager imports':<34} = {bare:.2f}")


if __name__ == "__main__":
    main()
