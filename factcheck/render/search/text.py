"""``search --format text``: each query, then its passages, numbered for ``search ID --add N``."""

from __future__ import annotations

from factcheck.library.finding import Found
from factcheck.render.match.text import line, queries
from factcheck.render.search import SearchResult


def _passage(f: Found, shared: list[str]) -> list[str]:
    p = f.passage
    title = line(p.title, 100)
    shown = [
        f"[{f.score:.2f}] {title + ' · ' if title else ''}{line(p.url or p.location, 300)}",
        f"“{line(p.text, 600)}”",
    ]
    return shown + ([f"shares: {line(', '.join(shared), 200)}"] if shared else [])


def render(results: list[SearchResult]) -> str:
    return queries(
        results,
        "no passage in the library matches",
        lambda r: [_passage(f, shared) for f, shared in zip(r.passages, r.shared, strict=True)],
    )
