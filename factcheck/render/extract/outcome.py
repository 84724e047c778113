"""``extract --into --format json``: what the merge did, with every id (the message on stderr names only a few)."""

from __future__ import annotations

from typing import Any


def render(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON object: the claims file, created/updated/unchanged, and the ids of each kind of outcome."""
    return record
