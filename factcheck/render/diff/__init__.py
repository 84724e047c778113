"""``factcheck diff``: the changes between two versions of the claims."""

from __future__ import annotations

import difflib
import re

from factcheck.history.changes import ArticleChange, ClaimChange, ClaimRef, Diff
from factcheck.text.clean import clean

#: A run of a wording: its text, and whether the other side does not have it.
Run = tuple[str, bool]
_TOKENS = re.compile(r"\S+|\s+")


def summary(d: Diff) -> str:
    """One line: what was compared, and how many claims were added, removed and changed.

    The three numbers are of separate claims; the parenthesis breaks the
    changed ones down (a renamed claim or a status change is one of them),
    so no number reads as a total of the others.
    """
    if d.empty:
        return f"No changes to the claims between {d.old_label} and {d.new_label}."
    parts = [f"{len(d.added)} added", f"{len(d.removed)} removed", f"{len(d.changed)} changed"]
    if d.changed:
        of_them = [f"{len(d.transitions)} in status"]
        if renamed := d.renamed_claims:  # said only when there are some, as most diffs have none
            of_them.insert(0, f"{len(renamed)} renamed")
        parts[-1] += " (" + ", ".join(of_them) + ")"
    line = f"{d.old_label} → {d.new_label}: " + ", ".join(parts)
    if d.article:
        line += f"; {len(d.article)} article detail{'s' if len(d.article) != 1 else ''} changed"
    return line + "."


def articles(d: Diff) -> dict[str, list[ArticleChange]]:
    """The changes to the articles' own details, by claims file."""
    found: dict[str, list[ArticleChange]] = {}
    for change in d.article:
        found.setdefault(change.file, []).append(change)
    return found


def sides(change: ArticleChange) -> tuple[str, str | None]:
    """An article's detail before and after, on one line each ("(none)" where one side has none); a change of
    its text (the field ``text``, no sides given) is one line saying so, and no after."""
    if change.field == "text":
        return "the article's text changed", None
    old, new = (clean(v, single_line=True) if v else "(none)" for v in (change.old, change.new))
    return old, new


def aside_note(ref: ClaimRef, mark: str) -> str:
    """Why a claim left or came back: " (rejected: why)" for one set aside, " (restored, was rejected)" for one
    brought back; " as ID" after the kind when it is set aside under another id (renamed)."""
    if ref.aside is None:
        return ""
    # Renamed between the two sides as well: the id it has (or had) set aside.
    named = f" as {clean(ref.aside_id, single_line=True)}" if ref.aside_id else ""
    if mark == "+":
        return f" (restored, was {ref.aside}{named})"
    why = clean(ref.why, single_line=True) if ref.why else ""
    return f" ({ref.aside}{named}{': ' + why if why else ''})"


def source_lines(change: ClaimChange) -> list[tuple[str, str]]:
    """(+ or -, url) of each source added or removed."""
    return [("+", url) for url in change.sources_added] + [("-", url) for url in change.sources_removed]


def other(change: ClaimChange) -> list[str]:
    """The edits that are not status, wording, source or check changes, in words."""
    what = []
    if change.verdict_by is not None:
        what.append(f"now the verdict of {change.verdict_by}")
    if change.note_changed and not change.status_changed:
        what.append("note edited")
    if change.events_deleted:
        what.append(
            f"{change.events_deleted} history event{'s' if change.events_deleted > 1 else ''} deleted or edited"
        )
    if change.old_path:
        what.append(f"moved from {change.old_path}")
    if change.claimant_changed:
        what.append(f"claimant now {change.new_claimant}" if change.new_claimant else "claimant removed")
    what += [f"accepted the fact-check {url}" for url in change.accepted]
    what += [f"no longer accepts the fact-check {url}" for url in change.unaccepted]
    return what


def wording(old: str, new: str) -> tuple[list[Run], list[Run]]:
    """The old and the new wording of a claim as runs of words, those the other side lacks marked.

    Each wording is one clean line; the comparison is word by word, so a
    changed figure shows as that figure, not as the whole sentence.
    """
    a = _TOKENS.findall(clean(old, single_line=True))
    b = _TOKENS.findall(clean(new, single_line=True))
    before: list[Run] = []
    after: list[Run] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            before.append(("".join(a[i1:i2]), False))
            after.append(("".join(b[j1:j2]), False))
            continue
        if i2 > i1:
            before.append(("".join(a[i1:i2]), True))
        if j2 > j1:
            after.append(("".join(b[j1:j2]), True))
    return before, after


def edited(d: Diff) -> list[ClaimChange]:
    """The claims whose wording changed."""
    return [ch for ch in d.changed if ch.old_text is not None and ch.new_text is not None]
