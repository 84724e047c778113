"""``annotate --format html``: the article as one self-contained page.

Each claim is a ``<mark>`` in its status colour with its number; hovering
shows its status and note (the ``title`` attribute, no JavaScript), and the
full details follow the text.  Overlapping claims are cut into segments,
each coloured by the innermost claim covering it.
"""

from __future__ import annotations

import re

from factcheck.model.claims import Claim
from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.annotate import REANCHORED, placement, unplaced_reason
from factcheck.render.html import badge, escape, json_ld, page
from factcheck.report.annotation import Annotation, Segment
from factcheck.report.summary import conflict

_PARAGRAPH = re.compile(r"(\n[ \t]*\n\s*)")

CSS = """
article.text { font: 18px/1.7 Georgia, "Times New Roman", serif; max-width: 42rem; }
mark.claim { padding: .05em 0; border-bottom: 2px solid currentColor; color: inherit; }
mark.claim:hover { outline: 2px solid #111827; }
sup.ref { font: 700 .7rem system-ui, sans-serif; margin-left: .05em; }
sup.ref a { text-decoration: none; padding: 0 .15em; border-radius: .25em; }
ol.claims { padding-left: 0; list-style: none; }
ol.claims > li { border-top: 1px solid #e5e7eb; padding: .75rem 0; }
ol.claims > li:target { background: #fffbeb; }
.num { font-weight: 700; margin-right: .4em; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #d1d5db; color: #374151; }
.notice { background: #fef3c7; padding: .5rem .75rem; border-radius: .3rem; }
.legend span { margin-right: .4rem; }
"""
CSS += "".join(f"mark.s-{s} {{ background: {bg}; border-color: {fg}; }}\n" for s, (_, fg, bg) in theme.STATUS.items())


def render(a: Annotation) -> str:
    """The page: header, legend, the marked-up text, the claims' details, the unplaced claims."""
    article = a.stored.claims_file.article
    out = [f"<h1>{escape(article.title)}</h1>\n"]
    byline = " · ".join(escape(x) for x in (article.author, article.publisher, article.date) if x)
    if byline:
        out.append(f'<p class="meta">{byline}</p>\n')
    out.append(f'<p class="meta"><code>{escape(a.article_shown)}</code> · {len(a.placed)} claims marked')
    if a.unplaced:
        out.append(f' · <a href="#unplaced">{len(a.unplaced)} not placed</a>')
    out.append("</p>\n")
    if a.reanchored:
        out.append(f'<p class="notice">{escape(REANCHORED)}</p>\n')
    statuses = sorted({p.claim.status for p in a.placed} | {u.claim.status for u in a.unplaced}, key=list(Status).index)
    out.append('<p class="legend">' + "".join(badge(s) for s in statuses) + "</p>\n")
    out.append('<article class="text">\n<p>' + _body(a) + "</p>\n</article>\n")
    if a.placed:
        out.append('<h2>Claims</h2>\n<ol class="claims">\n')
        for p in a.placed:
            out.append(_details(p.number, p.claim, placement(p)))
        out.append("</ol>\n")
    if a.unplaced:
        out.append('<h2 id="unplaced">Claims not placed in the text</h2>\n<ol class="claims">\n')
        for u in a.unplaced:
            out.append(_details(u.number, u.claim, "not placed: " + unplaced_reason(u)))
        out.append("</ol>\n")
    if a.claim_reviews:
        out.append(json_ld(list(a.claim_reviews)))
    return page(article.title, "".join(out), CSS)


def _tooltip(segment: Segment) -> str:
    lines = []
    for p in segment.covering:
        line = f"[{p.number}] {p.claim.status} · {p.claim.id}"
        if p.claim.note:
            line += f": {p.claim.note}"
        lines.append(line)
    return "\n".join(lines)


def _body(a: Annotation) -> str:
    out = []
    for segment in a.segments():
        inner = segment.innermost
        for piece in _PARAGRAPH.split(a.text[segment.start : segment.end]):
            if not piece:
                continue
            if _PARAGRAPH.fullmatch(piece):
                out.append("</p>\n<p>")
                continue
            html = escape(piece).replace("\n", "<br>\n")
            if inner is not None:
                numbers = " ".join(str(p.number) for p in segment.covering)
                html = (
                    f'<mark class="claim s-{escape(inner.claim.status)}" data-claims="{numbers}" '
                    f'title="{escape(_tooltip(segment))}">{html}</mark>'
                )
            out.append(html)
        for p in segment.ending:
            out.append(
                f'<sup class="ref"><a class="s-{escape(p.claim.status)}" href="#claim-{p.number}" '
                f'title="{escape(p.claim.status)}">{p.number}</a></sup>'
            )
    return "".join(out).rstrip()


def _details(number: int, claim: Claim, remark: str | None) -> str:
    out = [
        f'<li id="claim-{number}"><span class="num">{number}</span>{badge(claim.status)} '
        f"<code>{escape(claim.id)}</code>"
    ]
    if remark:
        out.append(f' <span class="muted">({escape(remark)})</span>')
    # The claim's id names it on the page: ClaimReview's url is the page and #id.
    out.append(f'\n<blockquote id="{escape(claim.id)}">{escape(claim.text)}</blockquote>\n')
    if claim.note:
        out.append(f"<p>{escape(claim.note)}</p>\n")
    if not claim.sources:
        out.append('<p class="muted">No sources.</p>\n')
    else:
        out.append("<ul>\n")
        for s in claim.sources:
            label = " · ".join(escape(x) for x in (s.title, s.publisher, s.date) if x)
            item = f'<li><a class="url" href="{escape(s.url)}" rel="noreferrer noopener">{escape(s.url)}</a>'
            if label:
                item += f' <span class="muted">{label}</span>'
            if s.quote:
                item += f"<blockquote>“{escape(s.quote)}”</blockquote>"
            if s.last_check:
                item += (
                    f'<span class="muted">last check {escape(s.last_check.at[:10])}: '
                    f"{escape(s.last_check.outcome)}</span>"
                )
            if s.last_check and (said := conflict(s.last_check)):
                item += f" <strong>{escape(said)}</strong>"
            if s.archive_url:
                item += (
                    f' <span class="muted">· <a class="archived" href="{escape(s.archive_url)}" '
                    f'rel="noreferrer noopener">archived copy</a> {escape((s.archived_at or "")[:10])}</span>'
                )
            out.append(item + "</li>\n")
        out.append("</ul>\n")
    out.append("</li>\n")
    return "".join(out)
