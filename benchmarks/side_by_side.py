"""`benchmarks/verify_speed.py` on two checkouts of factcheck, run in turn, with the median of each figure.

    python benchmarks/side_by_side.py OLD NEW [--runs 3] [-- ARGS FOR verify_speed.py]

OLD and NEW are folders holding a checkout (``../main`` and ``.``, say).  The
benchmark (this checkout's script, the same harness for both) runs ``--runs``
times for each, alternately (OLD, NEW, NEW, OLD, ...), each run with
PYTHONPATH pointing at one checkout, so that both meet the same load on a
shared machine; then each timed line's median is printed for both, with the
ratio NEW / OLD and the load average before and after.  Compare only figures
made side by side like this: a busy machine lengthens every wall time.
``--no-linkchecker`` is passed unless ARGS are given.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A timed line of verify_speed.py: "verify --all (cold cache)    2.06 s   1.32 x floor".
TIMED = re.compile(r"^(?P<name>\S.*?)\s+(?P<seconds>[0-9.]+) s\s+[0-9.]+ x floor$")
FLOOR = re.compile(r"latency floor at \d+ connections: (?P<floor>[0-9.]+) s")


def load_average() -> str:
    """The system's load averages, as uptime shows them ('n/a' where the system keeps none)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def run_once(tree: Path, args: list[str]) -> tuple[dict[str, float], float]:
    """One run of the benchmark with ``tree``'s factcheck: each timed line's seconds, and the floor."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [sys.executable, str(HERE / "verify_speed.py"), *args], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        sys.exit(f"verify_speed.py with {tree} exited {done.returncode}:\n{done.stderr[-2000:]}")
    figures: dict[str, float] = {}
    floor = 0.0
    for line in done.stdout.splitlines():
        if timed := TIMED.match(line.strip()):
            figures[timed["name"]] = float(timed["seconds"])
        elif found := FLOOR.search(line):
            floor = float(found["floor"])
    return figures, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the checkout to compare against (e.g. ../main)")
    parser.add_argument("new", type=Path, help="the checkout to measure (e.g. .)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the benchmark for each checkout")
    parser.add_argument("rest", nargs="*", help="arguments for verify_speed.py, after --")
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    for tree in trees.values():
        if not (tree / "factcheck" / "__init__.py").is_file():
            sys.exit(f"{tree} holds no factcheck checkout")
    bench_args = args.rest or ["--no-linkchecker"]
    before = load_average()
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    floor = 0.0
    for n in range(args.runs):
        for which in ("old", "new") if n % 2 == 0 else ("new", "old"):
            figures, floor = run_once(trees[which], bench_args)
            runs[which].append(figures)
    print(f"old: {trees['old']}\nnew: {trees['new']}")
    print(f"{args.runs} runs of verify_speed.py {' '.join(bench_args)} for each, alternately")
    # Wall times on a machine others may share: the load says how busy it was.
    print(f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {before} before, {load_average()} after\n")
    print(f"{'median of':<40} {'old':>8} {'new':>8} {'new/old':>8}   {'new x floor':>11}")
    for name in runs["old"][0]:
        old = statistics.median(r[name] for r in runs["old"])
        new = statistics.median(r[name] for r in runs["new"])
        shown = f"{new / floor:>9.2f} x" if floor else ""
        print(f"{name:<40} {old:>6.2f} s {new:>6.2f} s {new / old:>8.2f}   {shown}")
        each = " ".join(f"{r[name]:.2f}" for r in runs["old"]), " ".join(f"{r[name]:.2f}" for r in runs["new"])
        print(f"{'':<4}runs: old {each[0]}; new {each[1]}")


if __name__ == "__main__":
    main()
