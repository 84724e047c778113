"""``report --format html``: one self-contained page.

Each article's claims are counted by status in one table, a bar beside each
count; the claims a reader asks after (mixed, misleading, false,
unsupported) are then named one by one with the note on each.  The desk's
own view (the default) goes on to the figures of sourcing, the sources that
need a look, drift, flags and the latest changes; a report for publication
(``Report.reviewed_only``) holds only the claims a person gave a verdict,
and all of them are named.

No external assets and no JavaScript.  Every string from a claims file goes
through ``html.escape``; only http(s) URLs become links.  Each claim shows
its id and the start of its text, its id linking to the annotated article
when the report knows where that is (``Report.annotation_url``).  On a
narrow screen the tables scroll in their own box and the table of changes
becomes one block per change, so the page never scrolls sideways.
"""

from __future__ import annotations

import itertools

from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.html import (
    archive_link,
    badge,
    claim_ref,
    direction,
    escape,
    json_ld,
    lang,
    page,
    scroll,
    source_link,
    time,
    updated,
)
from factcheck.render.report import NEVER_CHECKED, share, source_lists
from factcheck.report.figures import Report, SourceRef, Summary

CSS = """
td.bar { width: 16rem; min-width: 5rem; background: none; vertical-align: middle; }
.counts .meaning { font-size: .8rem; }
.counts td { vertical-align: middle; }
td.bar > span { display: block; height: .9rem; border-radius: 3px; background: currentColor; }
ul.verdicts > li { margin: .6rem 0; }
/* The named claims and their notes are prose: on a wide screen they keep a reading measure, not the page's width. */
ul.refs { max-width: 46rem; }
.label { font-weight: 600; }
.changes td { vertical-align: top; }
.changes .claim { min-width: 13rem; }
.changes .why { min-width: 18rem; overflow-wrap: anywhere; }
ul.refs > li { margin: .35rem 0; }
ul.refs ul { margin: .15rem 0; padding-left: 1.1rem; }
@media (max-width: 40rem) {
  .changes, .changes tbody, .changes tr, .changes td { display: block; }
  .changes thead { display: none; }
  .changes tr { border-bottom: 1px solid #e5e7eb; padding: .4rem 0; }
  .changes td { border: 0; padding: .1rem 0; }
  .changes .claim, .changes .why { min-width: 0; }
  .changes td[data-label]::before { content: attr(data-label) ": "; color: #6b7280; font-size: .85rem; }
}
"""


def render(report: Report) -> str:
    """The report page: a chart and figures per article, sources needing attention, changes."""
    several = len(report.articles) != 1
    stale = "" if report.reviewed_only else f" · checks older than {report.max_age} days are stale"
    parts = ["<h1>Fact-check report</h1>\n", f'<p class="meta">Generated {time(report.generated)}{stale}</p>\n']
    if report.reviewed_only:
        parts.append('<p class="muted">The claims a fact-checker gave a verdict, and the verdicts.</p>\n')
    if several:
        parts.append(_section(report, report.total))
    for s in report.articles:
        parts.append(_section(report, s))
    if not report.reviewed_only:
        parts.append(_changes(report))
    if report.claim_reviews:
        parts.append(json_ld(report.claim_reviews))
    return page("Fact-check report", "".join(parts), CSS)


def _section(report: Report, s: Summary) -> str:
    out = [f"<section>\n<h2{direction(s.lang)}{lang(s.lang)}>{escape(s.title)}</h2>\n"]
    if s.file:
        meta = [] if report.reviewed_only else [f"<code>{escape(s.file)}</code>"]
        annotated = report.annotation_page(s.file_stem)
        if annotated:
            meta.append(f'<a href="{escape(annotated)}">the article with its claims marked</a>')
        if meta:
            out.append(f'<p class="meta">{" · ".join(meta)}</p>\n')
        if s.correction:
            out.append(
                f'<p class="note"><span class="label">The article\'s correction:</span> {escape(s.correction)}</p>\n'
            )
    out.append(scroll(_counts(s, report.reviewed_only)))
    if s.file:  # the total names no claims: each article does, under it
        out.append(_verdicts(report, s))
    if report.reviewed_only:
        out.append("</section>\n")
        return "".join(out)
    out.append(
        scroll(
            "<table>\n<tbody>\n"
            f'<tr><th>check-worthy claims</th><td class="n">{s.worthy}</td></tr>\n'
            f'<tr><th>… with sources</th><td class="n">{escape(share(s.worthy_sourced, s.worthy))}</td></tr>\n'
            f'<tr><th>… verified</th><td class="n">{escape(share(s.worthy_verified, s.worthy))}</td></tr>\n'
            f'<tr><th>sources</th><td class="n">{s.sources}</td></tr>\n'
            f'<tr><th>never checked</th><td class="n">{len(s.never_checked)}</td></tr>\n'
            f'<tr><th>stale checks</th><td class="n">{len(s.stale)}</td></tr>\n'
            f'<tr><th>failing sources</th><td class="n">{len(s.failing)}</td></tr>\n'
            f'<tr><th>dead sources</th><td class="n">{len(s.dead)}</td></tr>\n'
            f'<tr><th>unconfirmed sources</th><td class="n">{len(s.unconfirmed)}</td></tr>\n'
            f'<tr><th>archived sources</th><td class="n">{s.archived}</td></tr>\n'
            f'<tr><th>drifted verdicts</th><td class="n">{len(s.drift)}</td></tr>\n'
            f'<tr><th>needing review</th><td class="n">{len(s.review)}</td></tr>\n'
            f'<tr><th>anchors lost</th><td class="n">{len(s.lost)}</td></tr>\n'
            "</tbody>\n</table>\n"
        )
    )
    if s.drift:
        out.append(
            '<h3>Drift: verdicts whose sources no longer say what their stance expects</h3>\n<ul class="refs">\n'
        )
        for d in s.drift:
            out.append(f"<li>{_claim(report, d.claim_id)} {badge(d.status)}\n<ul>\n")
            for r in d.sources:
                detail = f"; {escape(r.detail)}" if r.detail else ""
                out.append(
                    f"<li>{source_link(r.url, r.title)} (now {escape(theme.found(r.stance, r.outcome or ''))}{detail})"
                    f"{archive_link(r.archive_url, r.archived_at)}</li>\n"
                )
            out.append("</ul>\n</li>\n")
        out.append("</ul>\n")
    for title, flagged in (("Needs review", s.review), ("Anchor lost", s.lost)):
        if flagged:
            out.append(f'<h3>{title}</h3>\n<ul class="refs">\n')
            out.extend(
                f"<li>{_claim(report, f.claim_id)} {badge(f.status)}<br>"
                f'<span class="muted">{escape(f.why)}</span></li>\n'
                for f in flagged
            )
            out.append("</ul>\n")
    for title, refs in source_lists(s):
        if refs:
            opened = " open" if title != NEVER_CHECKED else ""  # the long list of routine work starts closed
            out.append(f'<details{opened}><summary>{title}: {len(refs)}</summary>\n<ul class="refs">\n')
            out.extend(_by_claim(report, refs))
            out.append("</ul>\n</details>\n")
    out.append("</section>\n")
    return "".join(out)


def _counts(s: Summary, reviewed_only: bool) -> str:
    """The claims by status: the count, a bar as long as its share of the biggest, and what it means.

    A report for publication has no row for ``unverified``: it holds verdicts only.
    """
    biggest = max(s.counts.values(), default=0) or 1
    rows = [
        '<table class="counts">\n<thead><tr><th>status</th><th class="n">claims</th><th class="bar"></th>'
        "</tr></thead>\n<tbody>\n"
    ]
    for status, n in s.counts.items():
        if reviewed_only and status == Status.UNVERIFIED:
            continue
        bar = f'<span style="width: {round(100 * n / biggest)}%"></span>' if n else ""
        rows.append(
            # the meaning under the status, not in a column of its own, so that a narrow screen keeps it
            f'<tr><td>{badge(status)}<div class="meaning muted">{escape(Status(status).meaning)}</div></td>'
            f'<td class="n">{n}</td><td class="bar s-{escape(status)}">{bar}</td></tr>\n'
        )
    rows.append(f'<tr><th>all</th><th class="n">{s.claims}</th><th></th></tr>\n</tbody>\n</table>\n')
    return "".join(rows)


def _elsewhere(report: Report, s: Summary) -> str:
    """The claims a fact-check published elsewhere already covers, as a person accepted it."""
    if not s.elsewhere:
        return ""
    out = ['<h3>Already checked elsewhere</h3>\n<ul class="refs">\n']
    for e in s.elsewhere:
        rating = f' <span class="muted">rated {escape(e.rating)}</span>' if e.rating else ""
        out.append(f"<li>{_claim(report, e.claim_id)}<br>{source_link(e.url, e.publisher)}{rating}</li>\n")
    out.append("</ul>\n")
    return "".join(out)


def _verdicts(report: Report, s: Summary) -> str:
    """The claims the verdicts name, status by status, each with its note."""
    if not s.verdicts:
        return _elsewhere(report, s)
    heading = "Verdicts" if report.reviewed_only else "Claims found mixed, misleading, false or unsupported"
    out = [f'<h3>{heading}</h3>\n<ul class="verdicts refs">\n']
    for v in sorted(s.verdicts, key=lambda v: list(Status).index(v.status)):
        note = f'<br><span class="label">Note:</span> <bdi>{escape(v.note)}</bdi>' if v.note else ""
        if v.was and v.updated:
            note += f"<br>{updated(v.updated, v.was, v.status)}"
        out.append(f"<li>{badge(v.status)} {_claim(report, v.claim_id, 200)}{note}</li>\n")
    out.append("</ul>\n")
    return "".join(out) + _elsewhere(report, s)


def _claim(report: Report, claim_id: str, width: int = 90) -> str:
    listed = report.claims.get(claim_id)
    return claim_ref(
        claim_id, report.text_of(claim_id), report.annotation_link(claim_id), width, listed.lang if listed else None
    )


def _by_claim(report: Report, refs: list[SourceRef]) -> list[str]:
    """One item per claim, its sources listed under it (refs come claim by claim)."""
    out: list[str] = []
    for claim_id, group in itertools.groupby(refs, key=lambda r: r.claim_id):
        out.append(f"<li>{_claim(report, claim_id)}\n<ul>\n")
        for r in group:
            when = f' <span class="muted">last checked {time(r.checked_at, clock=False)}</span>' if r.checked_at else ""
            detail = f"<br><strong>{escape(r.detail)}</strong>" if r.detail else ""
            out.append(
                f"<li>{source_link(r.url, r.title)}{when}{detail}{archive_link(r.archive_url, r.archived_at)}</li>\n"
            )
        out.append("</ul>\n</li>\n")
    return out


def _changes(report: Report) -> str:
    since = f"Status changes since {time(report.since)}" if report.since else "Latest status changes"
    out = [f"<section>\n<h2>{since}</h2>\n"]
    if not report.changes:
        out.append('<p class="muted">None.</p>\n')
    else:
        rows = [
            '<table class="changes">\n<thead><tr><th>when</th><th class="claim">claim</th><th>change</th><th>by</th>'
            '<th class="why">why</th></tr></thead>\n<tbody>\n'
        ]
        for c in report.changes:
            before = badge(c.from_status) if c.from_status else '<span class="muted">(new)</span>'
            # A change that keeps the status is a person confirming the verdict a tool set.
            change = f"{before} → " if c.from_status != c.to_status else ""
            change += badge(c.to_status) + (" confirmed" if c.from_status == c.to_status else "")
            rows.append(
                f'<tr><td class="nowrap">{time(c.at, clock=False)}</td>'
                f'<td class="claim" data-label="claim">{_claim(report, c.claim_id, 60)}</td>'
                f'<td class="nowrap">{change}</td><td data-label="by">{escape(c.by)}</td>'
                f'<td class="why muted">{escape(c.why or "")}</td></tr>\n'
            )
        rows.append("</tbody>\n</table>\n")
        out.append(scroll("".join(rows)))
    out.append("</section>\n")
    return "".join(out)
