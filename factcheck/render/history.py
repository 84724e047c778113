"""``factcheck history``: a claim's timeline as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcheck import sanitize
from factcheck.history import Commit
from factcheck.model import Claim, ClaimsFile
from factcheck.paths import display


@dataclass(frozen=True)
class Timeline:
    """What the history command shows: the claim, its events, and (with --git) its commits."""

    claims_file: ClaimsFile
    claim: Claim
    commits: list[Commit] | None  # None: --git not asked for


_CHANGE = {"added": "added", "status": "status changed", "edited": "edited", "removed": "removed"}


def as_text(t: Timeline) -> Any:
    """rich renderables: the claim, its events, then its commits."""
    from rich.console import Group
    from rich.text import Text

    from factcheck.render.console import event_text, status_text

    c = sanitize.clean
    claim = t.claim
    head = Text()
    head.append(c(claim.id, single_line=True), style="bold")
    head.append("  now ")
    head.append_text(status_text(claim.status))
    head.append(f"  ({display(t.claims_file.path)})", style="dim")
    parts: list[Any] = [head, Text(c(claim.text, single_line=True)), Text("")]

    if not claim.history:
        parts.append(Text("No status changes recorded.", style="dim"))
    else:
        parts.append(Text("Events", style="bold underline"))
        for event in claim.history:
            parts.append(event_text(event))
            if event.why:
                parts.append(Text("    " + c(event.why, single_line=True), style="dim"))

    if t.commits is not None:
        parts.append(Text(""))
        if not t.commits:
            parts.append(Text("No commit changed this claim.", style="dim"))
        else:
            parts.append(Text("Commits", style="bold underline"))
            for commit in t.commits:
                line = Text(f"{commit.date[:10]}  ")
                line.append(commit.sha[:10], style="dim")
                line.append("  ")
                line.append_text(status_text(commit.status) if commit.status else Text("(removed)", style="dim"))
                line.append(f"  {_CHANGE[commit.change]}", style="dim")
                parts.append(line)
                detail = Text("    " + c(commit.subject, single_line=True))
                detail.append(f"  ({c(commit.author, single_line=True)})", style="dim")
                parts.append(detail)
    return Group(*parts)


def as_json(t: Timeline) -> str:
    """The events and commits, for programs."""
    document: dict[str, Any] = {
        "id": t.claim.id,
        "file": display(t.claims_file.path),
        "status": t.claim.status,
        "events": [e.to_dict() for e in t.claim.history],
        "commits": None
        if t.commits is None
        else [
            {
                "sha": k.sha,
                "date": k.date,
                "author": k.author,
                "subject": k.subject,
                "path": k.path,
                "change": k.change,
                "status": k.status,
            }
            for k in t.commits
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Timeline], Any]] = {"text": as_text, "json": as_json}
