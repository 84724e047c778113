"""``match --format text``: each query, then its matches with rating, publisher, URL and score."""

from __future__ import annotations

from factcheck.render.match import MatchResult
from factcheck.text.clean import clean


def line(text: str | None, limit: int = 300) -> str:
    """One line of untrusted text, safe for a terminal, cut at ``limit`` characters."""
    if not text:
        return ""
    text = clean(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(results: list[MatchResult]) -> str:
    out: list[str] = []
    for r in results:
        head = f"{r.id}: " if r.id else ""
        out.append(f"{head}{line(r.query, 160)}")
        if not r.matches:
            out.append("  no fact-check in the library matches")
        for n, m in enumerate(r.matches, 1):
            e = m.entry
            rating = line(e.rating, 40) or "no rating"
            who = ", ".join(x for x in (line(e.publisher, 60), line(e.date, 20)) if x)
            out.append(f"  {n}. [{m.score:.2f}] {rating}: {line(e.claim, 200)}")
            details = " · ".join(x for x in (who, line(e.url, 300)) if x)
            if e.url in r.accepted:
                details += " (accepted)"
            if details:
                out.append(f"     {details}")
        out.append("")
    # A blank line between queries, none after the last.
    return "\n".join(out[:-1]) + "\n" if out else ""
