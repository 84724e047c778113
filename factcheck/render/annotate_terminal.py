"""``factcheck annotate --format terminal``: the article with claims in their status colours."""

from __future__ import annotations

from typing import Any

from factcheck import sanitize
from factcheck.annotate import Annotation, Placed, Unplaced
from factcheck.model import STATUS_STYLES, Claim
from factcheck.paths import display

HOW = {"moved": "re-anchored: moved", "fuzzy": "re-anchored: fuzzy match"}


def placement(p: Placed) -> str | None:
    """How a claim was placed, when that is worth saying."""
    if p.how == "fuzzy":
        return f"{HOW[p.how]}, confidence {p.confidence:.2f}"
    if p.how in HOW:
        return HOW[p.how]
    return None


def unplaced_reason(u: Unplaced) -> str:
    return {
        "no anchor": "it has no anchor and its text is not in the article",
        "ambiguous": "its anchor matches several places equally well",
    }.get(u.reason, "its anchor was not found in the article")


def as_terminal(a: Annotation) -> Any:
    """rich renderables: a header, the marked-up text, the numbered claims, the unplaced ones."""
    from rich.console import Group
    from rich.text import Text

    c = sanitize.clean
    article = a.claims_file.article
    parts: list[Any] = []
    head = Text(c(article.title, single_line=True), style="bold")
    byline = [c(x, single_line=True) for x in (article.author, article.publisher, article.date) if x]
    if byline:
        head.append("\n" + " · ".join(byline), style="dim")
    head.append(f"\n{display(a.article_path)} · {len(a.placed)} claims marked", style="dim")
    parts.append(head)
    if a.reanchored:
        parts.append(
            Text(
                "The article text differs from the one the claims were anchored on; claims were re-anchored.",
                style="bold yellow",
            )
        )
    parts.append(Text(""))

    body = Text()
    for segment in a.segments():
        piece = c(a.text[segment.start : segment.end])
        inner = segment.innermost
        if inner is None:
            body.append(piece)
        else:
            body.append(piece, style=f"{STATUS_STYLES[inner.claim.status]} underline")
        for p in segment.ending:
            body.append(f"[{p.number}]", style=f"bold {STATUS_STYLES[p.claim.status]}")
    body.rstrip()
    parts.append(body)

    if a.placed:
        parts += [Text(""), Text("Claims", style="bold underline")]
        for p in a.placed:
            parts.append(_claim(p.number, p.claim, placement(p)))
    if a.unplaced:
        parts += [Text(""), Text("Claims not placed in the text", style="bold underline")]
        for u in a.unplaced:
            parts.append(_claim(u.number, u.claim, "not placed: " + unplaced_reason(u)))
    return Group(*parts)


def _claim(number: int, claim: Claim, remark: str | None) -> Any:
    from rich.text import Text

    from factcheck.render.console import status_text

    c = sanitize.clean
    t = Text(f"\n[{number}] ", style="bold")
    t.append_text(status_text(claim.status))
    t.append(f"  {c(claim.id, single_line=True)}", style="dim")
    if remark:
        t.append(f"  ({remark})", style="yellow")
    t.append("\n    " + c(claim.text, single_line=True))
    if claim.note:
        t.append("\n    note: ", style="bold")
        t.append(c(claim.note, single_line=True))
    if not claim.sources:
        t.append("\n    no sources", style="dim")
    for source in claim.sources:
        t.append("\n    - ")
        t.append(c(source.url, single_line=True), style="underline")
        label = " · ".join(c(x, single_line=True) for x in (source.title, source.publisher) if x)
        if label:
            t.append(f"  {label}", style="dim")
        if source.quote:
            t.append("\n      “" + c(source.quote, single_line=True) + "”", style="italic")
        if source.last_check:
            t.append(f"\n      last check {source.last_check.at[:10]}: {source.last_check.outcome}", style="dim")
    return t
