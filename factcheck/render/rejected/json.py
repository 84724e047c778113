"""``rejected --format json``: an array of the set-aside claims, each with its claims file."""

from __future__ import annotations

import json

import msgspec

from factcheck.render.rejected import AsideRow


def render(rows: list[AsideRow]) -> str:
    items = [
        {
            "file": row.file,
            "kind": row.entry.kind,
            "at": row.entry.at,
            "by": row.entry.by,
            "why": row.entry.why,
            "claim": msgspec.to_builtins(row.entry.claim),
        }
        for row in rows
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
