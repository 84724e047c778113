"""``list --format json``: a JSON array with one object per claim, one per line, written as it goes."""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]

from factcheck.render.listing import Listing


def render(listing: Listing) -> Iterator[str]:
    """Objects with id, status, sources (a count), score, file and text.

    The shape is flat and fixed, so each line is put together here with
    json's string quoting; a json.dumps call per row would cost more than
    reading the files.
    """
    q = encode_basestring
    first = True
    for row in listing.rows:
        score = "null" if row.score is None else float.__repr__(float(row.score))
        line = (
            f'{{"id": {q(row.id)}, "status": {q(str(row.status))}, "sources": {row.sources}, '
            f'"score": {score}, "file": {q(row.file)}, "text": {q(row.text)}}}'
        )
        yield ("[\n" if first else ",\n") + line
        first = False
    yield "[]\n" if first else "\n]\n"
