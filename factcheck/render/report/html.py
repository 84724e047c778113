"""``report --format html``: one self-contained page with an inline SVG chart.

No external assets and no JavaScript.  Every string from a claims file goes
through ``html.escape``.
"""

from __future__ import annotations

from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.html import badge, escape, json_ld, page
from factcheck.render.report import share
from factcheck.report.summary import Report, SourceRef, Summary


def chart(s: Summary) -> str:
    """A horizontal bar chart of the claims by status, as inline SVG."""
    label_w, bar_w, row_h, count_w = 110, 420, 26, 50
    width = label_w + bar_w + count_w
    height = row_h * len(Status) + 8
    biggest = max(s.counts.values(), default=0) or 1
    rows = []
    for i, (status, n) in enumerate(s.counts.items()):
        y = 4 + i * row_h
        w = round(bar_w * n / biggest, 1)
        _, fg, _ = theme.STATUS[status]
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(status)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" rx="3" fill="{fg}">'
            f"<title>{escape(status)}: {n}</title></rect>"
            f'<text x="{label_w + w + 6}" y="{y + 17}">{n}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="14" fill="#111827">'
        f"<title>Claims by status: {escape(s.title)}</title>{''.join(rows)}</svg>"
    )


def render(report: Report) -> str:
    """The report page: a chart and figures per article, sources needing attention, changes."""
    several = len(report.articles) != 1
    parts = [
        "<h1>Fact-check report</h1>\n",
        f'<p class="meta">Generated {escape(report.generated)} · checks older than '
        f"{report.max_age} days are stale</p>\n",
    ]
    if several:
        parts.append(_section(report.total, "h2"))
    for s in report.articles:
        parts.append(_section(s, "h2"))
    parts.append(_changes(report))
    if report.claim_reviews:
        parts.append(json_ld(report.claim_reviews))
    return page("Fact-check report", "".join(parts))


def _section(s: Summary, tag: str) -> str:
    out = [f"<section>\n<{tag}>{escape(s.title)}</{tag}>\n"]
    if s.file:
        out.append(f'<p class="meta"><code>{escape(s.file)}</code></p>\n')
    out.append(f"<figure>{chart(s)}</figure>\n")
    out.append('<table>\n<thead><tr><th>status</th><th class="n">claims</th><th>meaning</th></tr></thead>\n<tbody>\n')
    for status, n in s.counts.items():
        out.append(
            f'<tr><td>{badge(status)}</td><td class="n">{n}</td>'
            f'<td class="muted">{escape(Status(status).meaning)}</td></tr>\n'
        )
    out.append(f'<tr><th>all</th><th class="n">{s.claims}</th><th></th></tr>\n</tbody>\n</table>\n')
    out.append(
        "<table>\n<tbody>\n"
        f'<tr><th>check-worthy claims</th><td class="n">{s.worthy}</td></tr>\n'
        f'<tr><th>… with sources</th><td class="n">{escape(share(s.worthy_sourced, s.worthy))}</td></tr>\n'
        f'<tr><th>… verified</th><td class="n">{escape(share(s.worthy_verified, s.worthy))}</td></tr>\n'
        f'<tr><th>sources</th><td class="n">{s.sources}</td></tr>\n'
        f'<tr><th>never checked</th><td class="n">{len(s.never_checked)}</td></tr>\n'
        f'<tr><th>stale checks</th><td class="n">{len(s.stale)}</td></tr>\n'
        f'<tr><th>dead sources</th><td class="n">{len(s.dead)}</td></tr>\n'
        f'<tr><th>archived sources</th><td class="n">{s.archived}</td></tr>\n'
        f'<tr><th>drifted verdicts</th><td class="n">{len(s.drift)}</td></tr>\n'
        f'<tr><th>needing review</th><td class="n">{len(s.review)}</td></tr>\n'
        f'<tr><th>anchors lost</th><td class="n">{len(s.lost)}</td></tr>\n'
        "</tbody>\n</table>\n"
    )
    if s.drift:
        out.append("<h3>Drift: verdicts whose sources no longer say what their stance expects</h3>\n<ul>\n")
        for d in s.drift:
            sources = ", ".join(
                f'<span class="url">{escape(r.url)}</span> ({escape(r.stance)}, now {escape(r.outcome or "")}'
                + (f"; {escape(r.detail)}" if r.detail else "")
                + ")"
                + _archived(r)
                for r in d.sources
            )
            out.append(f"<li><code>{escape(d.claim_id)}</code> {badge(d.status)}: {sources}</li>\n")
        out.append("</ul>\n")
    for title, flagged in (("Needs review", s.review), ("Anchor lost", s.lost)):
        if flagged:
            out.append(f"<h3>{title}</h3>\n<ul>\n")
            out.extend(
                f"<li><code>{escape(f.claim_id)}</code> {badge(f.status)}: {escape(f.why)}</li>\n" for f in flagged
            )
            out.append("</ul>\n")
    for title, refs in (
        ("Changed pages nobody acknowledged", s.changed),
        ("Dead sources", s.dead),
        ("Stale checks", s.stale),
        ("Sources never checked", s.never_checked),
    ):
        if refs:
            opened = " open" if title != "Sources never checked" else ""
            out.append(f"<details{opened}><summary>{title}: {len(refs)}</summary>\n<ul>\n")
            out.extend(_ref(r) for r in refs)
            out.append("</ul>\n</details>\n")
    out.append("</section>\n")
    return "".join(out)


def _ref(r: SourceRef) -> str:
    when = f' <span class="muted">last checked {escape(r.checked_at[:10])}</span>' if r.checked_at else ""
    return f'<li><code>{escape(r.claim_id)}</code> <span class="url">{escape(r.url)}</span>{when}{_archived(r)}</li>\n'


def _archived(r: SourceRef) -> str:
    if not r.archive_url:
        return ""
    return f' <a class="archived" href="{escape(r.archive_url)}" rel="noreferrer noopener">archived copy</a>'


def _changes(report: Report) -> str:
    title = f"Status changes since {report.since}" if report.since else "Latest status changes"
    out = [f"<section>\n<h2>{escape(title)}</h2>\n"]
    if not report.changes:
        out.append('<p class="muted">None.</p>\n')
    else:
        out.append(
            "<table>\n<thead><tr><th>when</th><th>claim</th><th>change</th><th>by</th><th>why</th></tr></thead>\n<tbody>\n"
        )
        for c in report.changes:
            before = badge(c.from_status) if c.from_status else '<span class="muted">(new)</span>'
            out.append(
                f'<tr><td class="nowrap">{escape(c.at[:10])}</td>'
                f'<td class="nowrap"><code>{escape(c.claim_id)}</code></td>'
                f'<td class="nowrap">{before} → {badge(c.to_status)}</td><td>{escape(c.by)}</td>'
                f'<td class="muted">{escape(c.why or "")}</td></tr>\n'
            )
        out.append("</tbody>\n</table>\n")
    out.append("</section>\n")
    return "".join(out)
