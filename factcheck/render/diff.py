"""``factcheck diff``: the changes as a terminal table, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from factcheck import sanitize
from factcheck.diff import ClaimChange, Diff


def summary(d: Diff) -> str:
    """One line: what was compared and how much changed."""
    if d.empty:
        return f"No changes to the claims between {d.old_label} and {d.new_label}."
    parts = [
        f"{len(d.added)} added",
        f"{len(d.removed)} removed",
        f"{len(d.transitions)} status change" + ("" if len(d.transitions) == 1 else "s"),
        f"{len(d.changed)} changed in all",
    ]
    return f"{d.old_label} → {d.new_label}: " + ", ".join(parts) + "."


def _source_lines(change: ClaimChange) -> list[tuple[str, str]]:
    lines = [("+", url) for url in change.sources_added]
    lines += [("-", url) for url in change.sources_removed]
    return lines


def _other(change: ClaimChange) -> list[str]:
    what = []
    if change.text_changed:
        what.append("text edited")
    if change.note_changed and not change.status_changed:
        what.append("note edited")
    if change.old_file:
        what.append(f"moved from {change.old_file}")
    return what


# --- terminal ---------------------------------------------------------------------------


def as_table(d: Diff) -> Any:
    """rich renderables: a summary line, then one aligned block per kind of change."""
    from rich.console import Group
    from rich.text import Text

    from factcheck.render.console import status_text

    c = sanitize.clean
    parts: list[Any] = [Text(summary(d), style="bold")]

    def section(title: str, rows: list[tuple[str, Any]], detail: list[str | None] | None = None) -> None:
        # rows: (claim id or first column, the rest as Text); ids padded to one width.
        if not rows:
            return
        parts.extend([Text(""), Text(title, style="bold underline")])
        width = max(len(first) for first, _ in rows)
        for i, (first, rest) in enumerate(rows):
            line = Text(first.ljust(width) + "  ")
            line.append_text(rest)
            parts.append(line)
            note = detail[i] if detail else None
            if note:
                parts.append(Text(" " * (width + 2) + note, style="dim"))

    section(
        "Status changes",
        [(c(ch.id), status_text(ch.old_status) + Text(" → ") + status_text(ch.new_status)) for ch in d.transitions],
        [c(ch.why, single_line=True) if ch.why else None for ch in d.transitions],
    )
    for title, refs, mark in (("Added claims", d.added, "+"), ("Removed claims", d.removed, "-")):
        rows = []
        for ref in refs:
            rest = status_text(ref.status) + Text("  " + c(ref.text, single_line=True))
            rows.append((f"{mark} {c(ref.id)}", rest))
        section(title, rows)
    section(
        "Sources",
        [(c(ch.id), Text(f"{mark} {c(url, single_line=True)}")) for ch in d.changed for mark, url in _source_lines(ch)],
    )
    section(
        "Evidence checks",
        [
            (c(ch.id), Text(f"{k.old or 'never checked'} → {k.new or 'no check'}  {c(k.url, single_line=True)}"))
            for ch in d.changed
            for k in ch.checks
        ],
    )
    section("Other edits", [(c(ch.id), Text(c(", ".join(_other(ch))))) for ch in d.changed if _other(ch)])
    section("Renamed files", [(c(old), Text("→ " + c(new))) for old, new in d.renamed])
    return Group(*parts)


# --- Markdown ---------------------------------------------------------------------------


_cell = sanitize.markdown


def as_markdown(d: Diff) -> str:
    """Markdown for a pull-request comment: a summary line and one table per kind of change."""
    out = [f"**{_cell(summary(d))}**"]

    def section(title: str, header: str, rule: str, rows: list[str]) -> None:
        if rows:
            out.extend(["", f"### {title}", "", header, rule, *rows])

    section(
        "Status changes",
        "| claim | from | to | why |",
        "| --- | --- | --- | --- |",
        [f"| `{_code(ch.id)}` | {ch.old_status} | **{ch.new_status}** | {_cell(ch.why)} |" for ch in d.transitions],
    )
    for title, refs in (("Added claims", d.added), ("Removed claims", d.removed)):
        section(
            title,
            "| claim | status | text |",
            "| --- | --- | --- |",
            [f"| `{_code(r.id)}` | {r.status} | {_cell(r.text)} |" for r in refs],
        )
    section(
        "Sources",
        "| claim | change | url |",
        "| --- | --- | --- |",
        [
            f"| `{_code(ch.id)}` | {'added' if mark == '+' else 'removed'} | `{_code(url)}` |"
            for ch in d.changed
            for mark, url in _source_lines(ch)
        ],
    )
    section(
        "Evidence checks",
        "| claim | before | now | url |",
        "| --- | --- | --- | --- |",
        [
            f"| `{_code(ch.id)}` | {k.old or 'never checked'} | {k.new or 'no check'} | `{_code(k.url)}` |"
            for ch in d.changed
            for k in ch.checks
        ],
    )
    section(
        "Other edits",
        "| claim | what |",
        "| --- | --- |",
        [f"| `{_code(ch.id)}` | {_cell(', '.join(_other(ch)))} |" for ch in d.changed if _other(ch)],
    )
    section(
        "Renamed files",
        "| before | after |",
        "| --- | --- |",
        [f"| {_cell(o)} | {_cell(n)} |" for o, n in d.renamed],
    )
    return "\n".join(out) + "\n"


_code = sanitize.markdown_code


# --- JSON -------------------------------------------------------------------------------


def as_json(d: Diff) -> str:
    """Everything, for programs."""
    document: dict[str, Any] = {
        "old": d.old_label,
        "new": d.new_label,
        "added": [vars(r) for r in d.added],
        "removed": [vars(r) for r in d.removed],
        "changed": [
            {
                "id": ch.id,
                "file": ch.file,
                "old_file": ch.old_file,
                "from": ch.old_status,
                "to": ch.new_status,
                "why": ch.why,
                "text_changed": ch.text_changed,
                "note_changed": ch.note_changed,
                "sources_added": ch.sources_added,
                "sources_removed": ch.sources_removed,
                "checks": [vars(k) for k in ch.checks],
            }
            for ch in d.changed
        ],
        "renamed": [{"old": o, "new": n} for o, n in d.renamed],
        "other_edits": d.other_edits,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Diff], Any]] = {
    "table": as_table,
    "md": as_markdown,
    "json": as_json,
}
