"""`factcheck check` on 100,000 claims against the floor of json.load-ing them.

    python benchmarks/check_speed.py [--files 1000] [--claims 100] [--runs 5] [--keep DIR]

Uses the folder of the scale benchmark (generate.py) and times, interleaved,
the json.load floor, `check` (text), `check --format json` and
`check --format sarif`, after
one untimed run that validates every file.  Target: at most 3x the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from scale import FLOOR, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
        # check exits 1 on findings, which the generated claims have.
        commands = {
            "floor (json.load)": ([sys.executable, "-c", FLOOR, str(folder)], 0),
            "check (text)": ([*factcheck, "--claims", str(folder), "check"], 1),
            "check --format json": ([*factcheck, "--claims", str(folder), "check", "--format", "json"], 1),
            "check --format sarif": ([*factcheck, "--claims", str(folder), "check", "--format", "sarif"], 1),
        }
        for command, expected in commands.values():
            timed(command, expected)
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, expected) in commands.items():
                samples[name].append(timed(command, expected))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"{args.files} files x {args.claims} claims = {args.files * args.claims:,} claims\n")
    floor = statistics.median(t for t, _ in samples["floor (json.load)"])
    print(f"{'command':<22} {'median':>8} {'x floor':>8} {'peak MiB':>9}")
    for name, runs in samples.items():
        median = statistics.median(t for t, _ in runs)
        print(f"{name:<22} {median:>7.2f}s {median / floor:>8.2f} {max(m for _, m in runs):>9}")
    print("\ntarget: check at most 3.00 x floor")


if __name__ == "__main__":
    main()
