"""``factcheck show``: everything about one claim."""

from __future__ import annotations

import json
from typing import Any

from factcheck import sanitize
from factcheck.model import STATUSES, Claim, ClaimsFile, Source
from factcheck.paths import display


def as_json(claims_file: ClaimsFile, claim: Claim, line: int | None) -> str:
    """The claim as stored, plus where it is stored."""
    document: dict[str, Any] = {"file": display(claims_file.path), "line": line}
    document.update(claim.to_dict())
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def print_text(claims_file: ClaimsFile, claim: Claim, line: int | None) -> None:
    """A readable page about the claim on stdout."""
    from rich.text import Text

    from factcheck.render import console

    out = console.out()
    c = sanitize.clean

    head = Text()
    head.append(c(claim.id), style="bold")
    head.append("  ")
    head.append_text(console.status_text(claim.status))
    head.append(f"  ({STATUSES[claim.status]})", style="dim")
    out.print(head)
    where = display(claims_file.path) + (f":{line}" if line else "")
    out.print(Text(f"{where} · {c(claims_file.article.title, single_line=True)}", style="dim"))
    out.print()
    out.print(Text(c(claim.text)))
    out.print()

    fields = Text()
    if claim.note:
        _field(fields, "note", c(claim.note))
    if claim.worthiness:
        reasons = ", ".join(c(r) for r in claim.worthiness.reasons) or "no reasons recorded"
        _field(fields, "check-worthiness", f"{claim.worthiness.score:.2f} ({reasons})")
    if claim.anchor:
        a = claim.anchor
        _field(fields, "anchor", f"characters {a.start}–{a.end} of {c(claims_file.article.path or 'the article')}")
    if fields:
        out.print(fields)
    if not claim.sources:
        out.print(Text("sources: none (unsourced)", style="bold"))
    else:
        out.print(Text(f"sources ({len(claim.sources)}):", style="bold"))
        for number, source in enumerate(claim.sources, 1):
            out.print(_source(number, source))

    out.print()
    if not claim.history:
        out.print(Text("history: no status changes recorded", style="bold"))
    else:
        out.print(Text("history:", style="bold"))
        for event in claim.history:
            out.print(Text("  ").append_text(console.event_text(event)))
            if event.why:
                out.print(Text("      " + c(event.why, single_line=True), style="dim"))


def _field(text: Any, name: str, value: str) -> None:
    text.append(f"{name}: ", style="bold")
    text.append(value + "\n")


def _source(number: int, source: Source) -> Any:
    from rich.text import Text

    c = sanitize.clean
    t = Text(f"  [{number}] ")
    t.append(c(source.url, single_line=True), style="underline")
    details = [c(x, single_line=True) for x in (source.title, source.publisher, source.date) if x]
    if source.stance != "supports":
        details.append(source.stance)
    if details:
        t.append("\n      " + " · ".join(details))
    if source.quote:
        t.append("\n      “" + c(source.quote, single_line=True) + "”", style="italic")
    else:
        t.append("\n      no evidence quote", style="dim")
    check = source.last_check
    if check is None:
        t.append("\n      never checked", style="dim")
    else:
        summary = f"last checked {check.at}: {check.outcome}"
        if check.http_status is not None:
            summary += f", HTTP {check.http_status}"
        if check.score is not None:
            summary += f", match {check.score:.0f}"
        if check.error:
            summary += f", {c(check.error, single_line=True)}"
        t.append("\n      " + summary, style="dim")
    return t
