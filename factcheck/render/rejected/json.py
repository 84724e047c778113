"""``rejected --format json``: an array of the set-aside claims, each with its claims file."""

from __future__ import annotations

import json

import msgspec

from factcheck.render.rejected import AsideRow


def render(rows: list[AsideRow]) -> str:
    # A set-aside entry's fields (kind, at, by, why, claim) are written in their order, after the file.
    items = [{"file": row.file, **msgspec.to_builtins(row.entry)} for row in rows]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
