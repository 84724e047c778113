"""``factcheck diff``: the changes between two versions of the claims."""

from __future__ import annotations

from factcheck.history.diff import ClaimChange, Diff


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


def source_lines(change: ClaimChange) -> list[tuple[str, str]]:
    """(+ or -, url) of each source added or removed."""
    return [("+", url) for url in change.sources_added] + [("-", url) for url in change.sources_removed]


def other(change: ClaimChange) -> list[str]:
    """The edits that are not status, source or check changes, in words."""
    what = []
    if change.text_changed:
        what.append("text edited")
    if change.note_changed and not change.status_changed:
        what.append("note edited")
    if change.old_file:
        what.append(f"moved from {change.old_file}")
    return what
