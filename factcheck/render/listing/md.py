"""``list --format md``: a GitHub-flavoured Markdown table."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.render import markdown
from factcheck.render.listing import Listing


def render(listing: Listing) -> Iterator[str]:
    """Columns id, status, sources, claim."""
    # The header goes out with the first row: a file refused before any row leaves stdout empty.
    header = "| id | status | sources | claim |\n| --- | --- | ---: | --- |\n"
    for row in listing.rows:
        yield f"{header}| `{markdown.code(row.id)}` | {row.status} | {row.sources} | {markdown.escape(row.text)} |\n"
        header = ""
    if header:
        yield header
