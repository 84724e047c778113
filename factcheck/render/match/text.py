"""``match --format text``: each query, then its matches with rating, publisher, URL and score."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from factcheck.library.finding import Match
from factcheck.render.match import MatchResult, Query
from factcheck.text.clean import clean, number

Q = TypeVar("Q", bound=Query)


def line(text: str | None, limit: int = 300) -> str:
    """One line of untrusted text, safe for a terminal, cut at ``limit`` characters."""
    if not text:
        return ""
    text = clean(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def queries(results: Sequence[Q], nothing: str, found: Callable[[Q], list[list[str]]]) -> str:
    """Each query, then what ``found`` lists for it, numbered, one item's lines under each other; else ``nothing``."""
    blocks = []
    for r in results:
        head = f"{r.id}: " if r.id else ""
        out = [f"{head}{line(r.query, 160)}"]
        items = found(r)
        if not items:
            out.append(f"  {nothing}")
        for n, (first, *more) in enumerate(items, 1):
            out.append(f"  {n}. {first}")
            out += [f"     {text}" for text in more]
        blocks.append("".join(f"{text}\n" for text in out))
    # A blank line between queries, none after the last.
    return "\n".join(blocks)


def _match(m: Match, accepted: frozenset[str]) -> list[str]:
    e = m.entry
    rating = line(e.rating, 40) or "no rating"
    who = ", ".join(x for x in (line(e.publisher, 60), line(e.date, 20)) if x)
    details = " · ".join(x for x in (who, line(e.url, 300)) if x)
    if e.url in accepted:
        details += " (accepted)"
    return [f"[{number(m.score, 2)}] {rating}: {line(e.claim, 200)}"] + ([details] if details else [])


def render(results: list[MatchResult]) -> str:
    return queries(
        results,
        "no fact-check in the library comes close",
        lambda r: [_match(m, r.accepted) for m in r.matches],
    )
