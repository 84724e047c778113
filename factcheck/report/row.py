"""A row of ``factcheck list``: what the listing renderers read, with nothing of the store."""

from __future__ import annotations

import msgspec

from factcheck.model.vocab import Status


class Row(msgspec.Struct, frozen=True, array_like=True):
    """One claim as the listing shows it."""

    file: str  # as messages show it
    id: str
    status: Status
    sources: int
    score: float | None
    text: str
