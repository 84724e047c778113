"""``factcheck report --format md``: the report as Markdown, fit for a pull-request comment."""

from __future__ import annotations

import itertools

from factcheck.model.vocab import Status
from factcheck.render import dates, markdown, theme
from factcheck.render.html import change
from factcheck.render.report import share, source_lists
from factcheck.report.figures import Report, SourceRef, Summary
from factcheck.text.clean import quoted, shorten

cell = markdown.escape
_code = markdown.code
_link = markdown.link


def render(report: Report) -> str:
    """Tables of counts and sourcing, the sources needing attention, and the status changes."""
    several = len(report.articles) != 1
    columns = report.articles + ([report.total] if several else [])
    out = [
        "## Fact-check report",
        "",
        f"Generated {dates.human(report.generated)}"
        + ("." if report.reviewed_only else f"; checks older than {report.max_age} days are stale."),
        "",
    ]
    out.append("| status | " + " | ".join(_title(report, s) for s in columns) + " |")
    out.append("| --- |" + " ---: |" * len(columns))
    for status in Status:
        if report.reviewed_only and status == Status.UNVERIFIED:
            continue  # a report for publication holds verdicts only
        out.append(f"| {status} | " + " | ".join(str(s.counts[status]) for s in columns) + " |")
    out.append("| **claims** | " + " | ".join(f"**{s.claims}**" for s in columns) + " |")
    for s in report.articles:
        if s.correction:
            out += ["", f"**The article's correction{': ' + cell(s.title) if several else ''}:** {cell(s.correction)}"]
        out += _verdicts(report, s, several)
    if report.reviewed_only:
        return "\n".join(out) + "\n"
    out += [
        "",
        "| article | check-worthy | sourced | verified | sources | never checked | stale | failing | dead | drift | archived |",
    ]
    out.append("| --- |" + " ---: |" * 10)
    for s in columns:
        out.append(
            f"| {cell(s.title)} | {s.worthy} | {share(s.worthy_sourced, s.worthy)} | "
            f"{share(s.worthy_verified, s.worthy)} | {s.sources} | {len(s.never_checked)} | "
            f"{len(s.stale)} | {len(s.failing)} | {len(s.dead)} | {len(s.drift)} | {s.archived} |"
        )
    out += _attention(report, report.total)
    since = f"### Status changes since {dates.human(report.since)}" if report.since else "### Latest status changes"
    out += ["", since, ""]
    if not report.changes:
        out.append("None.")
    else:
        out += ["| when | claim | from | to | by | why |", "| --- | --- | --- | --- | --- | --- |"]
        for c in report.changes:
            # A change that keeps the status is a person confirming the verdict a tool set.
            before = "(confirmed)" if c.from_status == c.to_status else c.from_status or "(new)"
            out.append(
                f"| {dates.human(c.at)} | {_claim(report, c.claim_id, 60)} | {before} | "
                f"**{c.to_status}** | {cell(c.by)} | {cell(c.why)} |"
            )
    return "\n".join(out) + "\n"


# A pull-request comment resolves a relative link against the pull request's own page,
# where it leads nowhere: Markdown links the annotated pages only at an http(s) address.


def _title(report: Report, s: Summary) -> str:
    """An article's title, linking its annotated page when the report knows its web address."""
    page = report.annotation_page(s.file_stem)
    return markdown.link(page, s.title) if page and markdown.is_web(page) else cell(s.title)


def _claim(report: Report, claim_id: str, width: int = 90) -> str:
    """`id`, linking the claim on its annotated page when that has a web address, and the start of its text."""
    ident = f"`{_code(claim_id)}`"
    href = report.annotation_link(claim_id)
    if href and markdown.is_web(href):
        ident = f"[{ident}]({markdown.destination(href)})"
    text = report.text_of(claim_id)
    return ident + (" " + quoted(text, lambda t: cell(shorten(t, width))) if text else "")


def _verdicts(report: Report, s: Summary, several: bool) -> list[str]:
    """The claims the verdicts name, status by status, each with its note."""
    if not s.verdicts:
        return _elsewhere(report, s, several)
    heading = "Verdicts" if report.reviewed_only else "Claims found mixed, misleading, false or unsupported"
    out = ["", f"### {heading}" + (f": {cell(s.title)}" if several else ""), ""]
    for v in sorted(s.verdicts, key=lambda v: list(Status).index(v.status)):
        note = f" {cell(v.note)}" if v.note else ""
        if v.was and v.updated:
            note += f" Updated {dates.human(v.updated, time=False)}: {change(v.was, v.status)}"
        out.append(f"- **{v.status}** · {_claim(report, v.claim_id, 200)}{note}")
    return out + _elsewhere(report, s, several)


def _elsewhere(report: Report, s: Summary, several: bool) -> list[str]:
    """The claims a fact-check published elsewhere already covers, as a person accepted it."""
    if not s.elsewhere:
        return []
    out = ["", "### Already checked elsewhere" + (f": {cell(s.title)}" if several else ""), ""]
    for e in s.elsewhere:
        by = " · ".join(cell(x) for x in (e.publisher, e.rating) if x)
        out.append(f"- {_claim(report, e.claim_id, 200)}: {_link(e.url, e.publisher)}" + (f" ({by})" if by else ""))
    return out


def _attention(report: Report, s: Summary) -> list[str]:
    out: list[str] = []
    if s.drift:
        out += ["", "### Drift: verdicts whose sources no longer say what their stance expects", ""]
        for d in s.drift:
            out.append(f"- {_claim(report, d.claim_id)} ({d.status})")
            for r in d.sources:
                detail = "; " + cell(r.detail) if r.detail else ""
                out.append(
                    f"  - {_link(r.url, r.title)} (now {theme.found(r.stance, r.outcome or '')}{detail}){_archived(r)}"
                )
    for title, flagged in (("Needs review", s.review), ("Anchor lost", s.lost)):
        if flagged:
            out += ["", f"### {title}", ""]
            out += [f"- {_claim(report, f.claim_id)} ({f.status}): {cell(f.why)}" for f in flagged]
    for title, refs in source_lists(s):
        if refs:
            out += ["", f"<details><summary>{title}: {len(refs)}</summary>", ""]
            for claim_id, group in itertools.groupby(refs, key=lambda r: r.claim_id):
                out.append(f"- {_claim(report, claim_id)}")
                out += [_ref(r) for r in group]
            out += ["", "</details>"]
    return out


def _ref(r: SourceRef) -> str:
    when = f", last checked {dates.day(r.checked_at)}" if r.checked_at else ""
    detail = f"; {cell(r.detail)}" if r.detail else ""
    return f"  - {_link(r.url, r.title)}{when}{detail}{_archived(r)}"


def _archived(r: SourceRef) -> str:
    if not r.archive_url:
        return ""
    when = f" {dates.day(r.archived_at)}" if r.archived_at else ""
    return f", {_link(r.archive_url, 'archived copy')}{when}"
