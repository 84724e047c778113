"""``search --format text``: each query, then its passages, numbered for ``search ID --add N``."""

from __future__ import annotations

from factcheck.render.match.text import line
from factcheck.render.search import SearchResult


def render(results: list[SearchResult]) -> str:
    out: list[str] = []
    for r in results:
        head = f"{r.id}: " if r.id else ""
        out.append(f"{head}{line(r.query, 160)}")
        if not r.passages:
            out.append("  no passage in the library matches")
        for n, (f, shared) in enumerate(zip(r.passages, r.shared, strict=True), 1):
            p = f.passage
            where = line(p.url or p.location, 300)
            title = line(p.title, 100)
            out.append(f"  {n}. [{f.score:.2f}] {title + ' · ' if title else ''}{where}")
            out.append(f"     “{line(p.text, 600)}”")
            if shared:
                out.append(f"     shares: {line(', '.join(shared), 200)}")
        out.append("")
    # A blank line between queries, none after the last.
    return "\n".join(out[:-1]) + "\n" if out else ""
