"""``diff --format text``: a summary line, then one aligned block per kind of change."""

from __future__ import annotations

from factcheck.history.changes import Diff
from factcheck.render import theme
from factcheck.render.diff import Run, articles, aside_note, edited, other, sides, source_lines, summary, wording
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

    for file, changes in articles(d).items():
        section(
            f"Article ({clean(file, single_line=True)})",
            [(c.field, [" → ".join(s for s in sides(c) if s is not None)]) for c in changes],
        )
    section(
        "Status changes",
        [
            (clean(ch.id), [theme.status_part(ch.old_status), " → ", theme.status_part(ch.new_status)])
            for ch in d.transitions
        ],
        [clean(ch.why, single_line=True) if ch.why else None for ch in d.transitions],
    )
    for title, refs, mark in (("Added claims", d.added, "+"), ("Removed claims", d.removed, "-")):
        notes = [aside_note(r, mark) for r in refs]
        # The texts start in one column too, after the longest status and note.
        width = max((len(str(r.status)) + len(note) for r, note in zip(refs, notes, strict=True)), default=0)
        section(
            title,
            [
                (
                    f"{mark} {clean(r.id)}",
                    [
                        theme.status_part(r.status),
                        note.ljust(width - len(str(r.status))),
                        "  " + clean(r.text, single_line=True),
                    ],
                )
                for r, note in zip(refs, notes, strict=True)
            ],
        )
    section("Renamed claims", [(clean(ch.old_id or ""), ["→ " + clean(ch.id)]) for ch in d.renamed_claims])
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
    changed_words = [(ch, *wording(ch.old_text or "", ch.new_text or "")) for ch in edited(d)]
    if changed_words:
        out.blank()
        out.add(("Text edited", "bold underline"))
        width = max(len(clean(ch.id)) for ch, _, _ in changed_words)
        for ch, before, after in changed_words:
            out.add(clean(ch.id).ljust(width) + "  was: ", *_runs(before, "red", "[-", "-]", d.coloured))
            out.add(" " * width + "  now: ", *_runs(after, "green", "{+", "+}", d.coloured))
    section("Other edits", [(clean(ch.id), [clean(", ".join(other(ch)))]) for ch in d.changed if other(ch)])
    section("Renamed files", [(clean(old), ["→ " + clean(new)]) for old, new in d.renamed])
    return out


def _runs(runs: list[Run], style: str, opening: str, closing: str, coloured: bool) -> list[Part]:
    """A wording's runs, the changed ones in ``style``, and without colour between marks, as
    ``git diff --word-diff=plain`` marks them (``[-removed-]``, ``{+added+}``)."""
    if not coloured:
        runs = [(f"{opening}{text}{closing}", True) if changed else (text, False) for text, changed in runs]
    return [(text, f"bold {style}") if changed else text for text, changed in runs]
