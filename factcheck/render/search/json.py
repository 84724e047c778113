"""``search --format json``: one object per query, in input order."""

from __future__ import annotations

from typing import Any

from factcheck.library.finding import Found, SharedFact
from factcheck.render.match.json import queries
from factcheck.render.search import SearchResult


def _passage(f: Found, shared: list[SharedFact]) -> dict[str, Any]:
    p = f.passage
    return {
        "passage": p.text,
        "title": p.title,
        "url": p.url or p.location,
        "score": round(f.score, 4),
        "shared_facts": [s.text for s in shared],
        # The shared facts one side denies and the other states: same figures, opposite statements.
        "opposite_facts": [{"fact": s.text, "denied_in": s.denied_in} for s in shared if s.denied_in],
    }


def render(results: list[SearchResult]) -> list[dict[str, Any]]:
    return queries(results, "passages", lambda r: [_passage(f, s) for f, s in zip(r.passages, r.shared, strict=True)])
