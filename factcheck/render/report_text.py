"""``factcheck report --format text``: the report for the terminal, with a bar chart."""

from __future__ import annotations

from typing import Any

from factcheck import sanitize
from factcheck.model import STATUS_STYLES, STATUSES
from factcheck.report import Report, SourceRef, Summary

BAR_WIDTH = 40
LISTED = 10  # list at most this many sources of a kind; the count says the rest


def share(part: int, whole: int) -> str:
    """``"3 of 4 (75%)"``; just ``"0"`` of nothing."""
    if not whole:
        return "0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def as_text(report: Report) -> Any:
    """rich renderables: one block per article (and the total when there are several), then changes."""
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = [
        Text(f"Claims report · {report.generated} · stale after {report.stale_days} days", style="bold")
    ]
    blocks = report.articles + ([report.total] if len(report.articles) != 1 else [])
    for summary in blocks:
        parts.append(Text(""))
        parts.extend(_block(summary))
    parts.append(Text(""))
    parts.extend(_changes(report))
    return Group(*parts)


def _block(s: Summary) -> list[Any]:
    from rich.text import Text

    c = sanitize.clean
    title = Text(c(s.title, single_line=True), style="bold underline")
    if s.file:
        title.append(f"  {c(s.file)}", style="dim")
    lines: list[Any] = [title]
    biggest = max(s.counts.values(), default=0) or 1
    width = max(len(status) for status in STATUSES)
    for status, n in s.counts.items():
        line = Text(f"  {status:<{width}} ", style=STATUS_STYLES[status])
        bar = round(BAR_WIDTH * n / biggest)
        line.append("█" * bar or ("▏" if n else ""), style=STATUS_STYLES[status])
        line.append(f" {n}")
        lines.append(line)
    lines.append(Text(f"  {s.claims} claims"))
    lines.append(
        Text(
            f"  check-worthy {s.worthy}: sourced {share(s.worthy_sourced, s.worthy)}, "
            f"verified {share(s.worthy_verified, s.worthy)}"
        )
    )
    lines.append(
        Text(f"  sources {s.sources}: never checked {len(s.never_checked)}, stale {len(s.stale)}, dead {len(s.dead)}")
    )
    if s.drift:
        verdicts = "verdict" if len(s.drift) == 1 else "verdicts"
        lines.append(Text(f"  drift: {len(s.drift)} {verdicts} whose evidence changed", style="bold red"))
        for d in s.drift:
            line = Text(f"    {c(d.claim_id)} ({d.status}): ")
            line.append(", ".join(f"{c(r.url, single_line=True)} {r.outcome}" for r in d.sources))
            lines.append(line)
    for label, refs in (("dead sources", s.dead), ("stale checks", s.stale)):
        if refs:
            lines.append(Text(f"  {label}:", style="bold"))
            lines.extend(_refs(refs))
    return lines


def _refs(refs: list[SourceRef]) -> list[Any]:
    from rich.text import Text

    c = sanitize.clean
    lines = [
        Text(f"    {c(r.claim_id)}  {c(r.url, single_line=True)}  last checked {(r.checked_at or '')[:10]}")
        for r in refs[:LISTED]
    ]
    if len(refs) > LISTED:
        lines.append(Text(f"    … and {len(refs) - LISTED} more", style="dim"))
    return lines


def _changes(report: Report) -> list[Any]:
    from rich.text import Text

    from factcheck.render.console import status_text

    c = sanitize.clean
    if report.since:
        title = f"Status changes since {report.since}"
    else:
        title = "Latest status changes"
    lines: list[Any] = [Text(title, style="bold underline")]
    if not report.changes:
        lines.append(Text("  none", style="dim"))
    for change in report.changes:
        line = Text(f"  {change.at[:10]}  {c(change.claim_id)}  ")
        line.append(change.from_status or "(new)")
        line.append(" → ")
        line.append_text(status_text(change.to_status))
        line.append(f"  by {c(change.by, single_line=True)}", style="dim")
        lines.append(line)
    return lines
