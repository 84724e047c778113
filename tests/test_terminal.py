"""What a terminal shows: rows cut to its width in cells, whatever the script, and never mid-character."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from factcheck.render.styled import table

from conftest import REPO

WIDTH = 40


@pytest.mark.parametrize(
    "unit",
    ["地", "다", "🚄", "e\u0301", "👨\u200d👩\u200d👧", "👍🏽", "🇯🇵", "a"],
    ids=["han", "hangul", "emoji", "combining", "zwj", "skin-tone", "flag", "ascii"],
)
def test_a_row_cut_to_the_width_fits_its_cells_and_keeps_each_character_whole(unit: str) -> None:
    header, row = table([["id-1", "verified", unit * 60]], header=["id", "status", "claim"], width=WIDTH)
    assert cell_len(header.text) <= WIDTH
    assert cell_len(row.text) <= WIDTH
    kept = row.text.split("  ")[-1]
    assert kept.endswith("…")
    assert kept[:-1] == unit * (len(kept[:-1]) // len(unit))
    assert cell_len(row.text) >= WIDTH - 2  # cut where it reaches the width, not sooner


def test_columns_line_up_when_a_cell_holds_wide_characters() -> None:
    lines = table([["東京", "x"], ["tokyo", "y"]], header=["place", "z"])
    assert len({cell_len(line.text[: line.text.rindex("  ")]) for line in lines}) == 1


def _in_a_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """What ``factcheck ARGS`` shows on a terminal ``columns`` wide, escapes left out."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    with subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args], stdin=secondary, stdout=secondary, stderr=secondary, env=env
    ) as process:
        os.close(secondary)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            out += chunk
    os.close(main)
    assert process.returncode == 0, out
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode("utf-8")).replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_list_on_a_terminal_takes_its_width_from_columns_when_set(claims_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    wide = _in_a_terminal(["--claims", str(claims_dir), "list"], 100, env)
    assert max(map(len, wide.splitlines())) == 90  # on 100 columns the rows are whole
    narrow = _in_a_terminal(["--claims", str(claims_dir), "list"], 100, {**env, "COLUMNS": "50"})
    assert max(map(len, narrow.splitlines())) == 50, narrow
    assert "bridge-cost    unverified     0  It cost $2.4 bil…\n" in narrow


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_report_s_bars_fit_a_narrow_terminal_and_keep_their_width_on_a_wide_one() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    claims = str(REPO / "claims")
    narrow = _in_a_terminal(["--claims", claims, "report"], 100, {**env, "COLUMNS": "40"})
    rows = [line for line in narrow.splitlines() if "█" in line]
    assert len(rows) == 6 and max(map(cell_len, rows)) == 40, narrow  # the longest bar takes the room left
    assert "  verified    " + "█" * 23 + " 11\n" in narrow
    wide = _in_a_terminal(["--claims", claims, "report"], 100, env)
    assert "  verified    " + "█" * 40 + " 11\n" in wide  # as on a pipe: a longer bar would say no more
