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

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import Run, against_floor  # noqa: E402

# The closing line of the text format: "1 error, 4 warnings in 3 files".
SUMMARY = re.compile(rb"\n\d+ errors?, \d+ warnings? in (\d+) files?\n\Z")


def summary(files: int) -> Callable[[bytes], str | None]:
    """The text format's output ends with its summary of findings in every file."""

    def check(out: bytes) -> str | None:
        found = SUMMARY.search(out)
        if found is None:
            return f"no summary line at the end: {out[-120:]!r}"
        return None if int(found[1]) == files else f"the summary counts {found[1].decode()} files, not {files}"

    return check


def json_report(files: int) -> Callable[[bytes], str | None]:
    """The JSON format's report: of every file, with findings."""

    def check(out: bytes) -> str | None:
        try:
            report = json.loads(out)
        except ValueError as error:
            return f"the output is not JSON ({error})"
        if report.get("files") != files or not report.get("findings"):
            return f"a report of {report.get('files')} files with {len(report.get('findings') or [])} findings"
        return None

    return check


def sarif_log(out: bytes) -> str | None:
    """The SARIF format's log: one run, with results."""
    try:
        runs = json.loads(out)["runs"]
    except (ValueError, KeyError, TypeError) as error:
        return f"the output is not a SARIF log ({error!r})"
    return None if len(runs) == 1 and runs[0].get("results") else "a SARIF log without results"


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

    def commands(folder: Path, factcheck: list[str], counts: Counter[str]) -> dict[str, Run]:
        # check exits 1 on findings, which the generated claims have.
        files = len(list(folder.rglob("*.json")))
        formats = (
            (" (text)", [], summary(files)),
            (" --format json", ["--format", "json"], json_report(files)),
            (" --format sarif", ["--format", "sarif"], sarif_log),
        )
        timed = {
            f"check{suffix}": Run([*factcheck, "--claims", str(folder), "check", *args], 1, output)
            for suffix, args, output in formats
        }
        if against:
            timed.update(
                (f"against{suffix}", Run([against, "--claims", str(folder), "check", *args], 1, output))
                for suffix, args, output in formats
            )
        return timed

    against_floor(__doc__.splitlines()[0], commands, "check at most 1.5 x floor")
    print("load average: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
