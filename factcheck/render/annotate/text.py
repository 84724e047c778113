"""``annotate --format text``: the article with claims in their status colours, then the numbered claims."""

from __future__ import annotations

from factcheck.model.claims import Claim
from factcheck.render import theme
from factcheck.render.annotate import REANCHORED, STANCE_WORDS, placement, unplaced_reason
from factcheck.render.styled import Line, Part, Styled, line, one_line
from factcheck.report.annotated import Annotation
from factcheck.report.facts import facts_note
from factcheck.text.clean import clean, quoted


def render(a: Annotation) -> Styled:
    """A header, the marked-up text, the numbered claims, the claims not placed."""
    article = a.article
    out = Styled()
    out.add((one_line(article.title), "bold"))
    byline = [one_line(x) for x in (article.author, article.publisher, article.date) if x]
    if byline:
        out.add((" · ".join(byline), "dim"))
    if not a.reviewed_only:
        out.add((f"{clean(a.article_shown)} · {len(a.placed)} claims marked", "dim"))
    if a.reanchored and not a.reviewed_only:
        out.add((REANCHORED, "bold yellow"))
    out.blank()
    out.extend(_body(a))
    if a.placed:
        out.blank()
        out.add(("Claims", "bold underline"))
        for p in a.placed:
            out.extend(_claim(p.number, p.claim, None if a.reviewed_only else placement(p), a.reviewed_only))
    if a.unplaced:
        out.blank()
        out.add(("Claims not placed in the text", "bold underline"))
        for u in a.unplaced:
            remark = None if a.reviewed_only else "not placed: " + unplaced_reason(u)
            out.extend(_claim(u.number, u.claim, remark, a.reviewed_only))
    return out


def _body(a: Annotation) -> list[Line]:
    """The article's lines, each claim's text in its status colour and its number and status after its last word."""
    lines: list[list[Part]] = [[]]
    for segment in a.segments():
        piece = clean(a.visible(segment.start, segment.end))  # the headline is the title, printed above
        inner = segment.innermost
        style = f"{theme.status_style(inner.claim.status)} underline" if inner is not None else ""
        for i, chunk in enumerate(piece.split("\n")):
            if i:
                lines.append([])
            if chunk:
                lines[-1].append((chunk, style) if style else chunk)
        for p in segment.ending:
            # The status in words as well as colour: a pipe, or a reader who cannot tell red from green, reads it.
            lines[-1].append((f"[{p.number} {one_line(p.claim.status)}]", f"bold {theme.status_style(p.claim.status)}"))
    while lines and not lines[-1]:
        lines.pop()
    return [line(*parts) for parts in lines]


def _claim(number: int, claim: Claim, remark: str | None, reviewed_only: bool) -> Styled:
    out = Styled()
    out.blank()
    head: list[Part] = [(f"[{number}] ", "bold"), theme.status_part(claim.status), (f"  {one_line(claim.id)}", "dim")]
    if remark:
        head.append((f"  ({remark})", "yellow"))
    out.add(*head)
    out.add("    " + one_line(claim.text))
    if claim.note:
        out.add(("    note: ", "bold"), one_line(claim.note))
    if claim.review is not None:
        out.add(("    needs review: ", "bold yellow"), one_line(claim.review.why))
    if not claim.sources:
        out.add(("    no sources", "dim"))
    for source in claim.sources:
        label = " · ".join(one_line(x) for x in (source.title, source.publisher, STANCE_WORDS.get(source.stance)) if x)
        out.add("    - ", (one_line(source.url), "underline"), (f"  {label}", "dim") if label else "")
        if source.quote:
            out.add(("      " + quoted(source.quote, one_line), "italic"))
        if source.last_check and not reviewed_only:  # the desk's own detail
            found = theme.found(source.stance, source.last_check.outcome)
            out.add((f"      last check {source.last_check.at[:10]}: {found}", "dim"))
            if said := facts_note(source.last_check):
                out.add(("      " + one_line(said), theme.outcome_style(source.stance, source.last_check.outcome)))
        if source.archive_url:
            out.add((f"      archived {(source.archived_at or '')[:10]}: {one_line(source.archive_url)}", "dim"))
    for m in claim.accepted_matches():
        by = " · ".join(one_line(x) for x in (m.publisher, m.rating and f"rated {m.rating}") if x)
        out.add(("    already checked: ", "bold"), (one_line(m.url), "underline"), (f"  {by}", "dim") if by else "")
    return out
