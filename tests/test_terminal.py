"""What a terminal shows: rows cut to its width in cells, whatever the script, and never mid-character."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from factcheck.render.styled import table

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
