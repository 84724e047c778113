"""``library list --format json``: the fact-checks and the documents."""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.render.library import Contents


def render(contents: Contents) -> dict[str, Any]:
    return {
        "factchecks": [{**msgspec.to_builtins(e), "origin": origin} for e, origin in contents.factchecks],
        "documents": [{"location": loc, "title": t, "passages": n} for loc, t, n in contents.documents],
    }
