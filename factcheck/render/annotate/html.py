"""``annotate --format html``: the article as one self-contained page.

Each claim is a ``<mark>`` in its status colour.  Its number, with its
status's sign (``theme.SIGN``) so that colour is never the only cue, follows its
last word (and the punctuation closing it) as a ``<details>`` disclosure:
selecting it (by click, tap or keyboard; no JavaScript) opens the claim's
status and note in the text, with a link to its full entry below (the
claim's id is that entry's id, which ClaimReview's url and the report's
links point at).  Overlapping claims are cut into segments, each coloured
by the innermost claim covering it.

The text's front matter (a label, the headline, a standfirst, the byline)
heads the page as such and its subheads stand out (``report.layout``); the
headline is not repeated under the title.  The desk's own view (the
default) also says how each claim was placed and what each source's last
check found; a page for readers (``Annotation.reviewed_only``) leaves that
out.
"""

from __future__ import annotations

import bisect
import itertools
import re

from factcheck.model.claims import Claim, Source
from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.annotate import REANCHORED, STANCE_WORDS, placement, unplaced_reason
from factcheck.render.html import (
    archive_link,
    badge,
    direction,
    escape,
    isolated,
    json_ld,
    lang,
    link,
    own,
    page,
    quote,
    rtl,
    source_link,
    time,
    updated,
)
from factcheck.report.annotated import Annotation, Placed
from factcheck.report.facts import facts_note
from factcheck.report.layout import Block, Kind, unmarked
from factcheck.text import language

CSS = """
header.front .kicker { margin: 0 0 .3rem; font: 600 .8rem/1.4 system-ui, sans-serif; letter-spacing: .06em;
  text-transform: uppercase; color: #6b7280; }
header.front .title { font-size: 1.6rem; font-weight: 700; line-height: 1.25; margin: 0 0 .25rem; }
header.front .standfirst { font: 1.15rem/1.5 Georgia, "Times New Roman", serif; color: #374151; margin: .5rem 0; }
header.front .byline { margin: .5rem 0 .25rem; font-weight: 600; }
article.text { font: 18px/1.7 Georgia, "Times New Roman", serif; max-width: 42rem; }
article.text .para { margin: 0 0 1rem; }
article.text .subhead { font: 700 1.15rem/1.4 system-ui, sans-serif; margin: 1.75rem 0 .6rem; }
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
/* The claims below the text keep the article's column, a reading measure, on a wide screen. */
ol.claims { padding-left: 0; list-style: none; max-width: 42rem; }
ol.claims > li { border-top: 1px solid #e5e7eb; padding: .75rem 0; }
ol.claims > li:target { background: #fffbeb; }
ul.sources > li { margin: .4rem 0; }
.num { font-weight: 700; margin-right: .4em; }
.label { font-weight: 600; }
.stance { font-size: .85rem; font-weight: 600; color: #374151; }
blockquote { margin: .4rem 0; padding-inline-start: .8rem; border-inline-start: 3px solid #d1d5db; color: #374151; }
.notice { background: #fef3c7; padding: .5rem .75rem; border-radius: .3rem; }
.review { background: #fef3c7; padding: .3rem .6rem; border-radius: .3rem; }
.legend .key { margin-right: .6rem; white-space: nowrap; }
.legend .sign { margin-right: .2rem; font-weight: 700; }
/* A tap target of its own beside the claim's id: one piece, never split across two lines, 24 px tall at least. */
.back { font-size: .85rem; display: inline-block; white-space: nowrap; padding: .2rem 0; }
"""
CSS += "".join(
    f"mark.s-{s} {{ background: {bg}; border-color: {fg}; }}\n.pop.p-{s} {{ border-left-color: {fg}; }}\n"
    for s, (_, fg, bg) in theme.STATUS.items()
)
# A claim nobody has checked yet is underlined, not shaded: shading it grey would read as text switched off.
CSS += "mark.s-unverified { background: transparent; border-bottom-style: dashed; }\n"

#: Ids of the page's own elements start with a capital letter: a claim id cannot.
UNPLACED = "Not-placed"
#: What may follow a claim's last word before its number: the punctuation that closes the claim's words.
_CLOSING = re.compile(r"[.,;:!?…)\]”’\"']*")
#: The kinds of front matter that head the page; the rest of the text is the article's body.
_FRONT = frozenset({Kind.LABEL, Kind.HEADLINE, Kind.STANDFIRST, Kind.BYLINE})


def render(a: Annotation) -> str:
    """The page: header, legend, the marked-up text, the claims' details, the unplaced claims."""
    article = a.article
    # A Markdown text's headings and byline show as such, without the markup around their whole line.
    blocks = [unmarked(a.text, b) for b in a.blocks()]
    front = list(itertools.takewhile(lambda b: b.kind in _FRONT, blocks))
    body = blocks[len(front) :]
    # The page speaks English around the article; the article's words are marked with their own language,
    # and an Arabic or Hebrew text runs right to left whatever a paragraph starts with ("BBC", a figure).
    code = language.guess(a.text)
    spoken, way = lang(code), direction(code)
    words = spoken + way
    text = _Text(a, blocks, own(code))
    out = ['<header class="front">\n']
    labels = [text.inline(b) for b in front if b.kind == Kind.LABEL]
    if labels:
        out.append(f'<p class="kicker">{" · ".join(labels)}</p>\n')
    # The text's headline is the title: shown once, as the title, with any claim in its words marked
    # (a heading that holds a claim's disclosure is a div with the heading's role).
    marked = [b for b in front if b.kind == Kind.HEADLINE and a.holds_claim(b)]
    if marked:
        out.append(f'<div class="title"{way}{spoken} role="heading" aria-level="1">{text.inline(marked[0])}</div>\n')
    else:
        out.append(f"<h1{way}{spoken}>{escape(article.title)}</h1>\n")
    bylines = []
    for b in front:
        if b.kind == Kind.STANDFIRST or (b.kind == Kind.HEADLINE and a.holds_claim(b) and b is not marked[0]):
            out.append(f'<div class="standfirst"{way}>{text.inline(b)}</div>\n')
        elif b.kind == Kind.BYLINE:
            bylines.append(a.text[b.start : b.end])
            out.append(f'<div class="byline"{way}>{text.inline(b)}</div>\n')
    # The author goes without saying where the text's own byline names them.
    named = article.author is not None and any(article.author in line for line in bylines)
    meta = [isolated(x) for x in (None if named else article.author, article.publisher) if x]
    if article.date:
        meta.append(time(article.date))
    if article.url:
        meta.append(link(article.url, "the article as published"))
    if meta:
        out.append(f'<p class="meta">{" · ".join(meta)}</p>\n')
    out.append("</header>\n")
    checked = f"{len(a.placed)} claim{'' if len(a.placed) == 1 else 's'}"
    if a.reviewed_only:
        out.append(f'<p class="meta">{checked} checked')
    else:
        out.append(f'<p class="meta"><code>{escape(a.article_shown)}</code> · {checked} marked')
    if a.unplaced:
        out.append(f' · <a href="#{UNPLACED}">{len(a.unplaced)} not placed in the text</a>')
    out.append("</p>\n")
    if a.reanchored and not a.reviewed_only:
        out.append(f'<p class="notice">{escape(REANCHORED)}</p>\n')
    statuses = sorted({p.claim.status for p in a.placed} | {u.claim.status for u in a.unplaced}, key=list(Status).index)
    out.append(
        '<p class="legend">' + "".join(f'<span class="key">{_sign(s)}{badge(s)}</span>' for s in statuses) + "</p>\n"
    )
    if a.placed:
        out.append(
            "<p class=\"muted\">Select a claim's number for its verdict; every claim's sources follow the text.</p>\n"
        )
    out.append(f'<article class="text"{spoken}{rtl(code)}>\n')
    for b in body:
        if b.kind == Kind.SUBHEAD:
            out.append(f'<div class="subhead"{way} role="heading" aria-level="2">{text.inline(b)}</div>\n')
        else:
            out.append(f'<div class="para"{way}>{text.inline(b)}</div>\n')
    out.append("</article>\n")
    if a.placed:
        out.append('<h2>Claims</h2>\n<ol class="claims">\n')
        for p in a.placed:
            out.append(_details(p.number, p.claim, placement(p), a.reviewed_only, words, placed=True))
        out.append("</ol>\n")
    if a.unplaced:
        heading = "Other claims checked" if a.reviewed_only else "Claims not placed in the text"
        out.append(f'<h2 id="{UNPLACED}">{heading}</h2>\n<ol class="claims">\n')
        for u in a.unplaced:
            out.append(_details(u.number, u.claim, "not placed: " + unplaced_reason(u), a.reviewed_only, words))
        out.append("</ol>\n")
    if a.claim_reviews:
        out.append(json_ld(list(a.claim_reviews)))
    return page(article.title, "".join(out), CSS, code)


class _Text:
    """The article's text as HTML, a paragraph at a time: claims marked, each number after its claim."""

    def __init__(self, a: Annotation, blocks: list[Block], own: str) -> None:
        self.a = a
        self.own = own  # the page's own language, for a claim's verdict opened inside the article's words
        self.cuts = sorted({p.start for p in a.placed} | {p.end for p in a.placed})
        # Each claim's number goes after its last word and the punctuation closing it, in the paragraph
        # it ends in (one ending between paragraphs goes at the end of the one before).
        starts = [b.start for b in blocks]
        self.refs: dict[int, list[Placed]] = {}
        for p in sorted(a.placed, key=lambda p: (p.end, p.number)):
            closing = _CLOSING.match(a.text, p.end)
            at = closing.end() if closing else p.end
            index = max(0, bisect.bisect_right(starts, at) - 1)
            if blocks:
                at = min(max(at, blocks[index].start), blocks[index].end)
            self.refs.setdefault(at, []).append(p)

    def inline(self, b: Block) -> str:
        """One paragraph: its text, the claims in it marked, the numbers of the claims that end in it."""
        points = sorted({b.start, b.end} | {c for c in (*self.cuts, *self.refs) if b.start < c < b.end})
        out: list[str] = []
        for x, y in zip(points, points[1:], strict=False):
            out.extend(_ref(p, self.own) for p in self.refs.get(x, ()))
            html = _breaks(escape(self.a.text[x:y]), self.a.markdown)
            covering = self.a.covering(x, y)
            if covering:
                numbers = " ".join(str(p.number) for p in covering)
                status = escape(covering[-1].claim.status)
                html = f'<mark class="claim s-{status}" data-claims="{numbers}">{html}</mark>'
            out.append(html)
        out.extend(_ref(p, self.own) for p in self.refs.get(b.end, ()))
        return "".join(out)


def _breaks(html: str, markdown: bool) -> str:
    """The text's line breaks: each kept, or in Markdown only those it marks with two spaces or a backslash
    (a paragraph wrapped at 72 columns reads as one on a phone, not as lines long and short)."""
    if not markdown:
        return html.replace("\n", "<br>\n")
    return re.sub(r"(?: {2,}|\\)\n", "<br>\n", html)


def _note(note: str) -> str:
    return f'<span class="label">Note:</span> <bdi>{escape(note)}</bdi>'


def _sign(status: str) -> str:
    """A status's sign, hidden from screen readers (they read the status's name)."""
    sign = theme.SIGN.get(status)  # type: ignore[call-overload]
    return f'<span class="sign" aria-hidden="true">{sign}</span>' if sign else ""


def _ref(p: Placed, own: str) -> str:
    """A claim's number after its last word: opens its status and note in place, in the page's language (``own``)."""
    claim = p.claim
    status = escape(claim.status)
    note = f" {_note(claim.note)}" if claim.note else ""
    sources = len(claim.sources)
    more = f"{sources} source{'' if sources == 1 else 's'} and details" if sources else "details"
    return (
        f'<details class="ref" id="Ref-{p.number}"{own}><summary class="s-{status}" '
        f'aria-label="claim {p.number}, {status}">{p.number}{_sign(claim.status)}</summary>'
        f'<span class="pop p-{status}">{badge(claim.status)} <code>{escape(claim.id)}</code>{note} '
        f'<a href="#{escape(claim.id)}">{more} ↓</a></span></details>'
    )


#: What a claim without sources says instead of its sources.
_NO_SOURCES = {
    Status.UNVERIFIED: "Not checked yet.",
    Status.OPINION: "An opinion: not a checkable statement of fact, so it needs no source.",
}


def _details(
    number: int, claim: Claim, remark: str | None, reviewed_only: bool, words: str, *, placed: bool = False
) -> str:
    """A claim's entry below the text; ``words``: the language and direction of the article's words."""
    # The claim's id names its entry: ClaimReview's url and the report's links are the page and #id.
    out = [
        f'<li id="{escape(claim.id)}"><span class="num">{number}</span>{badge(claim.status)} <code>{escape(claim.id)}</code>'
    ]
    if remark and not reviewed_only:
        out.append(f' <span class="muted">({escape(remark)})</span>')
    if placed:
        out.append(f' <a class="back" href="#Ref-{number}">↑ in the text</a>')
    out.append(f"\n<blockquote{words}>{escape(claim.text)}</blockquote>\n")
    if claim.note:
        out.append(f'<p class="note">{_note(claim.note)}</p>\n')
    if (replaced := claim.replaced_verdict()) is not None and replaced.from_status is not None:
        out.append(f'<p class="note">{updated(replaced.at, replaced.from_status, claim.status)}</p>\n')
    if claim.review is not None:
        # The verdict may no longer fit: say so beside it, where the desk reads the claim.
        out.append(f'<p class="review"><span class="label">Needs review:</span> {escape(claim.review.why)}</p>\n')
    if not claim.sources:
        out.append(f'<p class="muted">{_NO_SOURCES.get(claim.status, "No sources cited.")}</p>\n')
    else:
        out.append('<ul class="sources">\n')
        out.extend(_source(s, reviewed_only) for s in claim.sources)
        out.append("</ul>\n")
    for m in claim.accepted_matches():
        rating = f", rated <strong>{escape(m.rating)}</strong>" if m.rating else ""
        out.append(f'<p class="elsewhere">Already checked by {source_link(m.url, m.publisher)}{rating}.</p>\n')
    out.append("</li>\n")
    return "".join(out)


def _source(s: Source, reviewed_only: bool) -> str:
    item = f"<li>{source_link(s.url, s.title)}"
    about = [isolated(x) for x in (s.publisher,) if x] + ([time(s.date)] if s.date else [])
    if about:
        item += f' <span class="muted">· {" · ".join(about)}</span>'
    if s.stance in STANCE_WORDS:
        item += f' <span class="stance">· {STANCE_WORDS[s.stance]}</span>'
    if s.quote:
        said = language.guess(s.quote)  # a source may be in another language than the article
        item += f"<blockquote{lang(said)}{direction(said)}>{quote(s.quote, said)}</blockquote>"
    archived = archive_link(s.archive_url, s.archived_at)
    if s.last_check and not reviewed_only:
        # The desk's own view: what the last check found, a line of its own whether or not a quote comes before.
        check = (
            f"last check {time(s.last_check.at, clock=False)}: {escape(theme.found(s.stance, s.last_check.outcome))}"
        )
        if said := facts_note(s.last_check):
            check += f"; {escape(said)}"
        item += f'<div class="muted">{check}{archived}</div>'
    elif s.quote and archived:
        # After the quote's block the copy starts a line: no separator left hanging at its start.
        item += f"<div>{archive_link(s.archive_url, s.archived_at, first=True)}</div>"
    else:
        item += archived
    return item + "</li>\n"
