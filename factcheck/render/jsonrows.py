"""JSON documents with one long list written one element per line.

An indented ``json.dumps`` uses the pure-Python encoder and, for reports of
tens of thousands of findings, costs more than the checking itself; compact
rows go through json's C encoder and still read well, one per line.
"""

from __future__ import annotations

import json
from typing import Any


class Raw(str):
    """A row already written as JSON text; ``dumps`` puts it in as it is."""


def dumps(document: dict[str, Any], key: str, rows: list[Any], path: tuple[Any, ...] = ()) -> str:
    """``document`` indented by two, with the list at ``path`` + ``key`` written one row per line.

    ``key`` must be a key that appears nowhere else in the document.  Rows are
    encoded by json, except ``Raw`` rows, which are JSON text already.
    """
    container = document
    for step in path:
        container = container[step]
    container[key] = []
    head = json.dumps(document, indent=2, ensure_ascii=False)
    placeholder = f'"{key}": []'
    at = head.index(placeholder)
    indent = at - head.rindex("\n", 0, at) - 1
    encode = json.JSONEncoder(ensure_ascii=False).encode
    if rows:
        pad = " " * (indent + 2)
        body = ",\n".join(pad + (row if isinstance(row, Raw) else encode(row)) for row in rows)
        listing = f'"{key}": [\n{body}\n{" " * indent}]'
    else:
        listing = placeholder
    container[key] = rows
    return head[:at] + listing + head[at + len(placeholder) :] + "\n"
