"""``diff --format md``: a summary line and one table per kind of change, for a pull-request comment."""

from __future__ import annotations

from factcheck.history.changes import Diff
from factcheck.render import markdown
from factcheck.render.diff import Run, articles, aside_note, edited, other, sides, source_lines, summary, wording

_cell = markdown.escape
_code = markdown.code


def render(d: Diff) -> str:
    out = [f"**{_cell(summary(d))}**"]

    def section(title: str, header: str, rows: list[str]) -> None:
        if rows:
            rule = "|" + " --- |" * (header.count("|") - 1)
            out.extend(["", f"### {title}", "", header, rule, *rows])

    for file, changes in articles(d).items():
        rows = [f"| {c.field} | {' | '.join(_cell(s or '') for s in sides(c))} |" for c in changes]
        section(f"Article ({_cell(file)})", "| detail | before | after |", rows)
    section(
        "Status changes",
        "| claim | from | to | why |",
        [f"| `{_code(ch.id)}` | {ch.old_status} | **{ch.new_status}** | {_cell(ch.why)} |" for ch in d.transitions],
    )
    for title, refs, mark in (("Added claims", d.added, "+"), ("Removed claims", d.removed, "-")):
        section(
            title,
            "| claim | status | text |",
            [f"| `{_code(r.id)}` | {r.status}{_cell(aside_note(r, mark))} | {_cell(r.text)} |" for r in refs],
        )
    section(
        "Renamed claims",
        "| before | after |",
        [f"| `{_code(ch.old_id or '')}` | `{_code(ch.id)}` |" for ch in d.renamed_claims],
    )
    section(
        "Sources",
        "| claim | change | url |",
        [
            f"| `{_code(ch.id)}` | {'added' if mark == '+' else 'removed'} | `{_code(url)}` |"
            for ch in d.changed
            for mark, url in source_lines(ch)
        ],
    )
    section(
        "Evidence checks",
        "| claim | before | now | url |",
        [
            f"| `{_code(ch.id)}` | {k.old or 'never checked'} | {k.new or 'no check'} | `{_code(k.url)}` |"
            for ch in d.changed
            for k in ch.checks
        ],
    )
    rows = []
    for ch in edited(d):
        before, after = wording(ch.old_text or "", ch.new_text or "")
        rows.append(f"| `{_code(ch.id)}` | {_marked(before, '~~')} | {_marked(after, '**')} |")
    section("Text edited", "| claim | before | after |", rows)
    section(
        "Other edits",
        "| claim | what |",
        [f"| `{_code(ch.id)}` | {_cell(', '.join(other(ch)))} |" for ch in d.changed if other(ch)],
    )
    section("Renamed files", "| before | after |", [f"| {_cell(o)} | {_cell(n)} |" for o, n in d.renamed])
    return "\n".join(out) + "\n"


def _marked(runs: list[Run], mark: str) -> str:
    """A wording as a table cell, its changed words between ``mark``s (``~~`` struck, ``**`` bold)."""
    out = []
    for text, changed in runs:
        core = text.strip()
        if not changed or not core:
            out.append(_cell(text))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{_cell(core)}{mark}{trail}")
    return "".join(out)
