"""`factcheck check` on 100,000 claims against the floor of json.load-ing them.

    python benchmarks/check_speed.py [--files 1000] [--claims 100] [--runs 5] [--keep DIR] [--against FACTCHECK]

Uses the folder of the scale benchmark (generate.py) and times, interleaved,
the json.load floor, `check` (text), `check --format json` and
`check --format sarif`, after a first round on cold caches.
``--against`` times another factcheck executable's three commands in the
same rounds (another checkout's, behind a small wrapper script), so that a
change is measured before and after on one machine state.  The load
average is printed after the figures: a busy machine slows the commands
that use every CPU more than the one-process floor.
Target: at most 1.5x the floor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import against_floor  # noqa: E402

FORMATS: tuple[tuple[str, list[str]], ...] = (
    (" (text)", []),
    (" --format json", ["--format", "json"]),
    (" --format sarif", ["--format", "sarif"]),
)


def _take_against(args: list[str]) -> str | None:
    """The value of ``--against``, taken out of ``args`` (the other options are the scale benchmark's)."""
    for index, arg in enumerate(args):
        if arg == "--against" and index + 1 < len(args):
            value = args[index + 1]
            del args[index : index + 2]
            return value
        if arg.startswith("--against="):
            del args[index]
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    against = _take_against(sys.argv)

    def commands(folder: Path, factcheck: list[str]) -> dict[str, tuple[list[str], int]]:
        # check exits 1 on findings, which the generated claims have.
        timed = {
            f"check{suffix}": ([*factcheck, "--claims", str(folder), "check", *args], 1) for suffix, args in FORMATS
        }
        if against:
            timed.update(
                (f"against{suffix}", ([against, "--claims", str(folder), "check", *args], 1))
                for suffix, args in FORMATS
            )
        return timed

    against_floor(__doc__.splitlines()[0], commands, "check at most 1.5 x floor")
    print("load average: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
