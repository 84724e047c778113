"""``rejected --format json``: an array of the set-aside claims, each with its claims file."""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.render.rejected import AsideRow
from factcheck.render.show.json import claim_record


def render(rows: list[AsideRow]) -> list[dict[str, Any]]:
    # A set-aside entry's fields (kind, at, by, why, claim) are written in their order, after the file.
    return [
        {"file": row.file, **msgspec.to_builtins(row.entry), "claim": claim_record(row.entry.claim)} for row in rows
    ]
