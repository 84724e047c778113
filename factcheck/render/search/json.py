"""``search --format json``: one object per query, in input order."""

from __future__ import annotations

import json

from factcheck.render.search import SearchResult


def render(results: list[SearchResult]) -> str:
    document = [
        {
            "id": r.id,
            "query": r.query,
            "passages": [
                {
                    "passage": f.passage.text,
                    "title": f.passage.title,
                    "url": f.passage.url or f.passage.location,
                    "score": round(f.score, 4),
                    "shared_facts": shared,
                }
                for f, shared in zip(r.passages, r.shared, strict=True)
            ],
        }
        for r in results
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
