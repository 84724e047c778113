"""``diff --format text``: a summary line, then one aligned block per kind of change."""

from __future__ import annotations

from factcheck.history.diff import Diff
from factcheck.render import theme
from factcheck.render.diff import other, source_lines, summary
from factcheck.render.styled import Part, Styled
from factcheck.text.clean import clean


def render(d: Diff) -> Styled:
    out = Styled()
    out.add((clean(summary(d), single_line=True), "bold"))

    def section(title: str, rows: list[tuple[str, list[Part]]], detail: list[str | None] | None = None) -> None:
        # rows: (first column, the rest); the first column padded to one width.
        if not rows:
            return
        out.blank()
        out.add((title, "bold underline"))
        width = max(len(first) for first, _ in rows)
        for i, (first, rest) in enumerate(rows):
            out.add(first.ljust(width) + "  ", *rest)
            note = detail[i] if detail else None
            if note:
                out.add((" " * (width + 2) + note, "dim"))

    section(
        "Status changes",
        [
            (clean(ch.id), [theme.status_part(ch.old_status), " → ", theme.status_part(ch.new_status)])
            for ch in d.transitions
        ],
        [clean(ch.why, single_line=True) if ch.why else None for ch in d.transitions],
    )
    for title, refs, mark in (("Added claims", d.added, "+"), ("Removed claims", d.removed, "-")):
        section(
            title,
            [
                (f"{mark} {clean(r.id)}", [theme.status_part(r.status), "  " + clean(r.text, single_line=True)])
                for r in refs
            ],
        )
    section(
        "Sources",
        [
            (clean(ch.id), [f"{mark} {clean(url, single_line=True)}"])
            for ch in d.changed
            for mark, url in source_lines(ch)
        ],
    )
    section(
        "Evidence checks",
        [
            (clean(ch.id), [f"{k.old or 'never checked'} → {k.new or 'no check'}  {clean(k.url, single_line=True)}"])
            for ch in d.changed
            for k in ch.checks
        ],
    )
    section("Other edits", [(clean(ch.id), [clean(", ".join(other(ch)))]) for ch in d.changed if other(ch)])
    section("Renamed files", [(clean(old), ["→ " + clean(new)]) for old, new in d.renamed])
    return out
