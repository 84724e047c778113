"""``library stats --format json``."""

from __future__ import annotations

import dataclasses
from typing import Any

from factcheck.render.library import Summary


def render(summary: Summary) -> dict[str, Any]:
    return {"library": summary.folder, **dataclasses.asdict(summary.stats)}
