"""``factcheck report --format md``: the report as Markdown, fit for a pull-request comment."""

from __future__ import annotations

from factcheck.model.vocab import Status
from factcheck.render import markdown
from factcheck.render.report import share
from factcheck.report.summary import Report, SourceRef, Summary

cell = markdown.escape
_code = markdown.code


def render(report: Report) -> str:
    """Tables of counts and sourcing, the sources needing attention, and the status changes."""
    several = len(report.articles) != 1
    columns = report.articles + ([report.total] if several else [])
    out = [
        "## Fact-check report",
        "",
        f"Generated {report.generated}; checks older than {report.max_age} days are stale.",
        "",
    ]
    out.append("| status | " + " | ".join(cell(s.title) for s in columns) + " |")
    out.append("| --- |" + " ---: |" * len(columns))
    for status in Status:
        out.append(f"| {status} | " + " | ".join(str(s.counts[status]) for s in columns) + " |")
    out.append("| **claims** | " + " | ".join(f"**{s.claims}**" for s in columns) + " |")
    out += [
        "",
        "| article | check-worthy | sourced | verified | sources | never checked | stale | dead | drift | archived |",
    ]
    out.append("| --- |" + " ---: |" * 9)
    for s in columns:
        out.append(
            f"| {cell(s.title)} | {s.worthy} | {share(s.worthy_sourced, s.worthy)} | "
            f"{share(s.worthy_verified, s.worthy)} | {s.sources} | {len(s.never_checked)} | "
            f"{len(s.stale)} | {len(s.dead)} | {len(s.drift)} | {s.archived} |"
        )
    out += _attention(report.total)
    out += ["", f"### Status changes since {report.since}" if report.since else "### Latest status changes", ""]
    if not report.changes:
        out.append("None.")
    else:
        out += ["| when | claim | from | to | by | why |", "| --- | --- | --- | --- | --- | --- |"]
        for c in report.changes:
            out.append(
                f"| {c.at} | `{_code(c.claim_id)}` | {c.from_status or '(new)'} | **{c.to_status}** | "
                f"{cell(c.by)} | {cell(c.why)} |"
            )
    return "\n".join(out) + "\n"


def _attention(s: Summary) -> list[str]:
    out: list[str] = []
    if s.drift:
        out += ["", "### Drift: verdicts whose sources no longer say what their stance expects", ""]
        for d in s.drift:
            sources = ", ".join(
                f"`{_code(r.url)}` ({r.stance}, now {r.outcome}{'; ' + cell(r.detail) if r.detail else ''}{_archived(r)})"
                for r in d.sources
            )
            out.append(f"- `{_code(d.claim_id)}` ({d.status}): {sources}")
    for title, flagged in (("Needs review", s.review), ("Anchor lost", s.lost)):
        if flagged:
            out += ["", f"### {title}", ""]
            out += [f"- `{_code(f.claim_id)}` ({f.status}): {cell(f.why)}" for f in flagged]
    for title, refs in (
        ("Changed pages nobody acknowledged", s.changed),
        ("Dead sources", s.dead),
        ("Stale checks", s.stale),
        ("Sources never checked", s.never_checked),
    ):
        if refs:
            out += ["", f"<details><summary>{title}: {len(refs)}</summary>", ""]
            out += [_ref(r) for r in refs]
            out += ["", "</details>"]
    return out


def _ref(r: SourceRef) -> str:
    when = f", last checked {r.checked_at[:10]}" if r.checked_at else ""
    return f"- `{_code(r.claim_id)}`: `{_code(r.url)}`{when}{_archived(r)}"


def _archived(r: SourceRef) -> str:
    return f", archived copy `{_code(r.archive_url)}`" if r.archive_url else ""
