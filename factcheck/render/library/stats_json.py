"""``library stats --format json``."""

from __future__ import annotations

import dataclasses
import json

from factcheck.render.library import Summary


def render(summary: Summary) -> str:
    return json.dumps({"library": summary.folder, **dataclasses.asdict(summary.stats)}, indent=2) + "\n"
