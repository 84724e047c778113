"""``annotate --format html``: the article as one self-contained page.

Each claim is a ``<mark>`` in its status colour.  Its number follows its
last word as a ``<details>`` disclosure: selecting it (by click, tap or
keyboard; no JavaScript) opens the claim's status and note in the text,
with a link to its full entry below (the claim's id is that entry's id,
which ClaimReview's url and the report's links point at).  Overlapping
claims are cut into segments, each coloured by the innermost claim
covering it.
"""

from __future__ import annotations

import re

from factcheck.model.claims import Claim
from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.annotate import REANCHORED, placement, unplaced_reason
from factcheck.render.html import archive_link, badge, escape, json_ld, link, page, source_link, time
from factcheck.report.annotated import Annotation, Placed
from factcheck.report.facts import facts_note

_PARAGRAPH = re.compile(r"(\n[ \t]*\n\s*)")

CSS = """
article.text { font: 18px/1.7 Georgia, "Times New Roman", serif; max-width: 42rem; }
article.text .para { margin: 0 0 1rem; }
mark.claim { padding: .05em 0; border-bottom: 2px solid currentColor; color: inherit; }
details.ref { display: inline; margin: 0; }
details.ref > summary { display: inline; list-style: none; cursor: pointer; vertical-align: super;
  font: 700 .75rem/1 system-ui, sans-serif; margin-left: .1em; padding: .15em .35em; border-radius: .25em;
  position: relative; }
details.ref > summary::after { content: ""; position: absolute; inset: -.4rem -.2rem; }
details.ref > summary::-webkit-details-marker { display: none; }
details.ref::details-content { display: contents; }
details.ref:not([open]) .pop { display: none; }
details.ref[open] > summary { outline: 2px solid currentColor; }
details.ref .pop { display: block; margin: .35rem 0 .75rem; padding: .5rem .75rem; background: #f9fafb;
  border: 1px solid #d1d5db; border-left-width: 4px; border-radius: .3rem; font: 15px/1.5 system-ui, sans-serif; }
ol.claims { padding-left: 0; list-style: none; }
ol.claims > li { border-top: 1px solid #e5e7eb; padding: .75rem 0; }
ol.claims > li:target { background: #fffbeb; }
ul.sources > li { margin: .4rem 0; }
.num { font-weight: 700; margin-right: .4em; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #d1d5db; color: #374151; }
.notice { background: #fef3c7; padding: .5rem .75rem; border-radius: .3rem; }
.legend span { margin-right: .4rem; }
.back { font-size: .85rem; }
"""
CSS += "".join(
    f"mark.s-{s} {{ background: {bg}; border-color: {fg}; }}\n.pop.p-{s} {{ border-left-color: {fg}; }}\n"
    for s, (_, fg, bg) in theme.STATUS.items()
)

#: Ids of the page's own elements start with a capital letter: a claim id cannot.
UNPLACED = "Not-placed"


def render(a: Annotation) -> str:
    """The page: header, legend, the marked-up text, the claims' details, the unplaced claims."""
    article = a.article
    out = [f"<h1>{escape(article.title)}</h1>\n"]
    byline = [escape(x) for x in (article.author, article.publisher) if x]
    if article.date:
        byline.append(time(article.date))
    if article.url:
        byline.append(link(article.url, "the article as published"))
    if byline:
        out.append(f'<p class="meta">{" · ".join(byline)}</p>\n')
    out.append(f'<p class="meta"><code>{escape(a.article_shown)}</code> · {len(a.placed)} claims marked')
    if a.unplaced:
        out.append(f' · <a href="#{UNPLACED}">{len(a.unplaced)} not placed</a>')
    out.append("</p>\n")
    if a.reanchored:
        out.append(f'<p class="notice">{escape(REANCHORED)}</p>\n')
    statuses = sorted({p.claim.status for p in a.placed} | {u.claim.status for u in a.unplaced}, key=list(Status).index)
    out.append('<p class="legend">' + "".join(badge(s) for s in statuses) + "</p>\n")
    if a.placed:
        out.append(
            "<p class=\"muted\">Select a claim's number for its verdict; every claim's sources follow the text.</p>\n"
        )
    out.append('<article class="text">\n<div class="para">' + _body(a) + "</div>\n</article>\n")
    if a.placed:
        out.append('<h2>Claims</h2>\n<ol class="claims">\n')
        for p in a.placed:
            out.append(_details(p.number, p.claim, placement(p), placed=True))
        out.append("</ol>\n")
    if a.unplaced:
        out.append(f'<h2 id="{UNPLACED}">Claims not placed in the text</h2>\n<ol class="claims">\n')
        for u in a.unplaced:
            out.append(_details(u.number, u.claim, "not placed: " + unplaced_reason(u), placed=False))
        out.append("</ol>\n")
    if a.claim_reviews:
        out.append(json_ld(list(a.claim_reviews)))
    return page(article.title, "".join(out), CSS)


def _ref(p: Placed) -> str:
    """A claim's number after its last word: opens its status and note in place."""
    claim = p.claim
    status = escape(claim.status)
    note = f" {escape(claim.note)}" if claim.note else ""
    sources = len(claim.sources)
    more = f"{sources} source{'' if sources == 1 else 's'} and details" if sources else "details"
    return (
        f'<details class="ref" id="Ref-{p.number}"><summary class="s-{status}" '
        f'aria-label="claim {p.number}, {status}">{p.number}</summary>'
        f'<span class="pop p-{status}">{badge(claim.status)} <code>{escape(claim.id)}</code>{note} '
        f'<a href="#{escape(claim.id)}">{more} ↓</a></span></details>'
    )


def _body(a: Annotation) -> str:
    out = []
    for segment in a.segments():
        inner = segment.innermost
        for piece in _PARAGRAPH.split(a.text[segment.start : segment.end]):
            if not piece:
                continue
            if _PARAGRAPH.fullmatch(piece):
                out.append('</div>\n<div class="para">')
                continue
            html = escape(piece).replace("\n", "<br>\n")
            if inner is not None:
                numbers = " ".join(str(p.number) for p in segment.covering)
                html = f'<mark class="claim s-{escape(inner.claim.status)}" data-claims="{numbers}">{html}</mark>'
            out.append(html)
        out.extend(_ref(p) for p in segment.ending)
    return "".join(out).rstrip()


def _details(number: int, claim: Claim, remark: str | None, *, placed: bool) -> str:
    # The claim's id names its entry: ClaimReview's url and the report's links are the page and #id.
    out = [
        f'<li id="{escape(claim.id)}"><span class="num">{number}</span>{badge(claim.status)} <code>{escape(claim.id)}</code>'
    ]
    if remark:
        out.append(f' <span class="muted">({escape(remark)})</span>')
    if placed:
        out.append(f' <a class="back" href="#Ref-{number}">↑ in the text</a>')
    out.append(f"\n<blockquote>{escape(claim.text)}</blockquote>\n")
    if claim.note:
        out.append(f"<p>{escape(claim.note)}</p>\n")
    if not claim.sources:
        out.append('<p class="muted">No sources.</p>\n')
    else:
        out.append('<ul class="sources">\n')
        for s in claim.sources:
            item = f"<li>{source_link(s.url, s.title)}"
            about = [escape(x) for x in (s.publisher,) if x] + ([time(s.date)] if s.date else [])
            if about:
                item += f' <span class="muted">· {" · ".join(about)}</span>'
            if s.quote:
                item += f"<blockquote>“{escape(s.quote)}”</blockquote>"
            if s.last_check:
                # a line of its own, whether or not a quote comes before it
                check = (
                    f'<span class="muted">last check {time(s.last_check.at, clock=False)}: '
                    f"{escape(theme.found(s.stance, s.last_check.outcome))}</span>"
                )
                if said := facts_note(s.last_check):
                    check += f" <strong>{escape(said)}</strong>"
                item += f"<div>{check}</div>"
            item += archive_link(s.archive_url, s.archived_at)
            out.append(item + "</li>\n")
        out.append("</ul>\n")
    out.append("</li>\n")
    return "".join(out)
