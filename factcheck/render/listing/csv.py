"""``list --format csv``: the same columns as JSON, with a header row, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from factcheck.render.listing import Listing
from factcheck.text.clean import clean

# Cells a spreadsheet would read as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Untrusted text as a CSV cell: unsafe characters visible, a leading formula character made inert."""
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(listing: Listing) -> Iterator[str]:
    """Rows of id, status, sources, score, file, text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "status", "sources", "score", "file", "text"])
    for row in listing.rows:
        score = "" if row.score is None else row.score
        writer.writerow([cell(row.id), str(row.status), row.sources, score, cell(row.file), cell(row.text)])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
