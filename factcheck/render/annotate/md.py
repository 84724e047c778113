"""``annotate --format md``: the article's own Markdown, a footnote for each claim at the end of its sentence.

The article is written out as it is, headings, emphasis and links
included; only what could act in a reader's browser (raw HTML, links to
``javascript:`` and the like) is made literal (``markdown.inert``).  Each
claim gets a footnote named by its id, marked where the sentence its last
word is in ends, and the footnote says the claim's status, its words, the
note and the sources as links.  Everything taken from the claims file is
escaped.
"""

from __future__ import annotations

from factcheck.model.claims import Claim
from factcheck.render import dates, markdown, theme
from factcheck.render.annotate import REANCHORED, STANCE_WORDS, placement, unplaced_reason
from factcheck.report.annotated import Annotation
from factcheck.report.facts import facts_note
from factcheck.text.clean import quoted

escape = markdown.escape


def render(a: Annotation) -> str:
    """The article with ``[^id]`` marks, one footnote per claim, then the claims not placed."""
    article = a.article
    out = [f"# {escape(article.title)}", ""]
    byline = [escape(x) for x in (article.author, article.publisher) if x]
    if article.date:
        byline.append(dates.human(article.date))
    if article.url:
        byline.append(markdown.link(article.url, "the article as published"))
    if byline:
        out += [" · ".join(byline), ""]
    if a.reanchored and not a.reviewed_only:
        out += [f"> {REANCHORED}", ""]
    out += [_body(a).rstrip(), ""]
    if a.unplaced:
        out += ["## Claims not placed in the text", ""]
        for u in a.unplaced:
            why = "" if a.reviewed_only else f": not placed, {unplaced_reason(u)}"
            out.append(f"- {quoted(u.claim.text, escape)}[^{u.claim.id}]{why}.")
        out.append("")
    for p in a.placed:
        out += _footnote(p.claim, None if a.reviewed_only else placement(p), a.reviewed_only)
    for u in a.unplaced:
        out += _footnote(u.claim, None, a.reviewed_only)
    return "\n".join(out).rstrip() + "\n"


def _body(a: Annotation) -> str:
    """The article's text, inert, with each claim's footnote mark at the end of its sentence."""
    ends = a.sentence_ends()
    marks: dict[int, list[str]] = {}
    for p in a.placed:  # in order of their number: where they start
        marks.setdefault(ends[p.number], []).append(p.claim.id)
    out = []
    at = 0
    for where in sorted(marks):  # a headline that repeats the title is left out: the title heads the page
        out.append(markdown.inert(a.visible(at, where)))
        out.append("".join(f"[^{claim_id}]" for claim_id in marks[where]))
        at = where
    out.append(markdown.inert(a.visible(at, len(a.text))))
    return "".join(out)


def _footnote(claim: Claim, remark: str | None, reviewed_only: bool) -> list[str]:
    """``[^id]: **status** · `id`: “text” *(remark)*``, the note, then the sources, indented under it."""
    first = f"[^{claim.id}]: **{claim.status}** · `{markdown.code(claim.id)}`: {quoted(claim.text, escape)}"
    if remark:
        first += f" *({escape(remark)})*"
    lines = [first]
    if claim.note:
        lines += ["", "    **Note:** " + escape(claim.note)]
    if claim.review is not None:
        lines += ["", "    **Needs review:** " + escape(claim.review.why)]
    if claim.sources:
        lines.append("")
    for source in claim.sources:
        about = [escape(x) for x in (source.publisher,) if x] + ([dates.human(source.date)] if source.date else [])
        line = "    - " + markdown.link(source.url, source.title)
        if about:
            line += f" ({', '.join(about)})"
        if source.stance in STANCE_WORDS:  # a reader must not take context for support
            line += f" · *{STANCE_WORDS[source.stance]}*"
        if source.quote:
            line += ": " + quoted(source.quote, escape)
        check = source.last_check
        if check is not None and not reviewed_only:  # the desk's own detail
            line += f" · last check {dates.day(check.at)}: {theme.found(source.stance, check.outcome)}"
            if said := facts_note(check):
                line += f", {escape(said)}"
        if source.archive_url:
            when = f", {dates.day(source.archived_at)}" if source.archived_at else ""
            line += f" · {markdown.link(source.archive_url, 'archived copy')}{when}"
        lines.append(line)
    for m in claim.accepted_matches():
        rating = f", rated **{escape(m.rating)}**" if m.rating else ""
        lines += ["", f"    Already checked by {markdown.link(m.url, m.publisher)}{rating}."]
    lines.append("")
    return lines
