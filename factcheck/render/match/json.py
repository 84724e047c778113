"""``match --format json``: one object per query, in input order."""

from __future__ import annotations

import json

from factcheck.render.match import MatchResult


def render(results: list[MatchResult]) -> str:
    document = [
        {
            "id": r.id,
            "query": r.query,
            "matches": [
                {
                    "claim_reviewed": m.entry.claim,
                    "rating": m.entry.rating,
                    "url": m.entry.url,
                    "publisher": m.entry.publisher,
                    "date": m.entry.date,
                    "score": round(m.score, 4),
                }
                for m in r.matches
            ],
        }
        for r in results
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
