"""JSON documents with one long list written one element per line, in pieces.

An indented ``json.dumps`` uses the pure-Python encoder and, for reports of
tens of thousands of findings, costs more than the checking itself; the
renderers write each row of the list as compact JSON text themselves (rows
of strings and numbers need only json's string quoting), and the rest of
the document goes through ``json.dumps``.  The document comes out in pieces
of whole lines, so that a big one is never copied into one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

#: Rows per piece.
ROWS_PER_PIECE = 1000


def pieces(document: dict[str, Any], key: str, rows: Iterable[str], path: tuple[Any, ...] = ()) -> Iterator[str]:
    """``document`` indented by two, with the list at ``path`` + ``key`` written one row per line.

    ``rows`` are JSON texts, put in as they are; they may come as they are
    made, and each piece is written once ``ROWS_PER_PIECE`` more have come.
    ``key`` must be a key that appears nowhere else in the document.  Each
    piece is whole lines.
    """
    container = document
    for step in path:
        container = container[step]
    container[key] = []
    head = json.dumps(document, indent=2, ensure_ascii=False)
    placeholder = f'"{key}": []'
    at = head.index(placeholder)
    end = head[at + len(placeholder) :] + "\n"
    indent = at - head.rindex("\n", 0, at) - 1
    pad = " " * (indent + 2)
    between = ",\n" + pad
    start = head[:at] + f'"{key}": [\n'
    held: list[str] = []
    for row in rows:
        if len(held) == ROWS_PER_PIECE:
            # Another row follows these: each ends with a comma.
            yield start + pad + between.join(held) + ",\n"
            start = ""
            held = []
        held.append(row)
    if held:
        yield start + pad + between.join(held) + "\n"
        yield " " * indent + "]" + end
    else:
        yield head[:at] + placeholder + end
