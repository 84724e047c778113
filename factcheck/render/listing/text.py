"""``list --format text``: aligned columns, the status in its colour; cut to the width when given one."""

from __future__ import annotations

from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.listing import Listing
from factcheck.render.styled import Part, Styled, table
from factcheck.text.clean import clean


def render(listing: Listing) -> Styled:
    """A table: id, status, number of sources, the claim's text."""
    rows: list[list[Part]] = [
        [clean(row.id, single_line=True), theme.status_part(row.status), str(row.sources),
         clean(row.text, single_line=True)]
        for row in listing.rows
    ]  # fmt: skip
    lines = table(
        rows,
        header=["id", "status", "src", "claim"],
        right=frozenset({2}),
        min_widths={1: max(len(s) for s in Status), 2: 3},
        width=listing.width,
    )
    return Styled(lines)
