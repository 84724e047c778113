"""`factcheck check` on 100,000 claims against the floor of json.load-ing them.

    python benchmarks/check_speed.py [--files 1000] [--claims 100] [--runs 5] [--keep DIR]

Uses the folder of the scale benchmark (generate.py) and times, interleaved,
the json.load floor, `check` (text), `check --format json` and
`check --format sarif`, after a first round on cold caches.
Target: at most 1.5x the floor.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import against_floor  # noqa: E402


def main() -> None:
    # check exits 1 on findings, which the generated claims have.
    against_floor(
        __doc__.splitlines()[0],
        lambda folder, factcheck: {
            f"check{suffix}": ([*factcheck, "--claims", str(folder), "check", *args], 1)
            for suffix, args in (
                (" (text)", []),
                (" --format json", ["--format", "json"]),
                (" --format sarif", ["--format", "sarif"]),
            )
        },
        "check at most 1.5 x floor",
    )


if __name__ == "__main__":
    main()
