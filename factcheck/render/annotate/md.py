"""``annotate --format md``: the article in Markdown, each claim bold with a footnote."""

from __future__ import annotations

from factcheck.model.claims import Claim
from factcheck.render import markdown
from factcheck.render.annotate import REANCHORED, placement, unplaced_reason
from factcheck.report.annotation import Annotation
from factcheck.text.clean import clean


def escape(text: str) -> str:
    """Article or claims text made literal in Markdown (line breaks kept)."""
    return markdown.escape(text, single_line=False)


def _bold(text: str) -> str:
    # ** must hug non-space characters on each line to be bold; keep spaces outside.
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()) :]
        out.append(f"{lead}**{core}**{trail}")
    return "\n".join(out)


def render(a: Annotation) -> str:
    """The text with **claims**[^n], then one footnote per claim, then the claims not placed."""
    article = a.stored.claims_file.article
    out = [f"# {escape(article.title)}", ""]
    byline = " · ".join(escape(x) for x in (article.author, article.publisher, article.date) if x)
    if byline:
        out += [f"*{byline}*", ""]
    if a.reanchored:
        out += [f"> {REANCHORED}", ""]

    body: list[str] = []
    run: list[str] = []  # a stretch of text covered by claims, footnote marks included

    def flush() -> None:
        if run:
            body.append(_bold("".join(run)))
            run.clear()

    for segment in a.segments():
        piece = escape(a.text[segment.start : segment.end])
        marks = "".join(f"[^{p.number}]" for p in segment.ending)
        if segment.covering:
            run.append(piece + marks)
            if not any(p.end > segment.end for p in segment.covering):
                flush()
        else:
            flush()
            body.append(piece)
    flush()
    out += ["".join(body).rstrip(), ""]

    for p in a.placed:
        out += _footnote(p.number, p.claim, placement(p))
    if a.unplaced:
        out += ["", "## Claims not placed in the text", ""]
        for u in a.unplaced:
            out.append(f"{u.number}. **{u.claim.status}** `{_code(u.claim.id)}`: {escape(u.claim.text)}  ")
            out.append(f"   Not placed: {unplaced_reason(u)}.")
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    return clean(text, single_line=True).replace("`", "'")


def _footnote(number: int, claim: Claim, remark: str | None) -> list[str]:
    first = f"[^{number}]: **{claim.status}** · `{_code(claim.id)}`"
    if claim.note:
        first += " — " + escape(clean(claim.note, single_line=True))
    if remark:
        first += f" *({remark})*"
    lines = [first]
    if claim.sources:
        lines.append("")
    for source in claim.sources:
        label = " · ".join(escape(x) for x in (source.title, source.publisher) if x)
        line = f"    - `{_code(source.url)}`" + (f" ({label})" if label else "")
        if source.quote:
            line += " — “" + escape(clean(source.quote, single_line=True)) + "”"
        if source.archive_url:
            line += f" (archived {escape((source.archived_at or '')[:10])}: `{_code(source.archive_url)}`)"
        lines.append(line)
    lines.append("")
    return lines
