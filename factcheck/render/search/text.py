"""``search --format text``: each query, then its passages, numbered for ``search ID --add N``."""

from __future__ import annotations

from factcheck.library.finding import Found, SharedFact
from factcheck.render.match.text import line, queries
from factcheck.render.search import SearchResult
from factcheck.text.clean import number

#: What a shared fact is followed by when one side denies it and the other states it.
_OPPOSITE = {
    "claim": " (denied in the claim, stated in the passage)",
    "passage": " (stated in the claim, denied in the passage)",
}


def _passage(f: Found, shared: list[SharedFact]) -> list[str]:
    p = f.passage
    title = line(p.title, 100)
    shown = [
        f"[{number(f.score, 2)}] {title + ' · ' if title else ''}{line(p.url or p.location, 300)}",
        f"“{line(p.text, 600)}”",
    ]
    facts = ", ".join(line(s.text, 60) + _OPPOSITE.get(s.denied_in or "", "") for s in shared)
    return shown + ([f"shares: {line(facts, 300)}"] if shared else [])


def render(results: list[SearchResult]) -> str:
    return queries(
        results,
        "no passage in the library comes close",
        lambda r: [_passage(f, shared) for f, shared in zip(r.passages, r.shared, strict=True)],
    )
