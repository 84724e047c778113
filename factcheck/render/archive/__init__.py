"""``factcheck archive``: what became of each URL, and a summary."""

from __future__ import annotations

from factcheck.publish.archived import CAPTURED, FAILED, FOUND, OLDER, Archived, Run
from factcheck.text.clean import clean

#: How each outcome reads, and its style.
HOW = {
    FOUND: ("found", "green"),
    CAPTURED: ("captured", "green"),
    OLDER: ("older copy", "yellow"),
    FAILED: ("no copy", "red"),
}


def result_line(result: Archived) -> str:
    """One URL's outcome in a few words: how, when the copy was taken, the copy or why there is none."""
    how = HOW[result.how][0]
    parts = [how]
    if result.snapshot is not None:
        parts.append(f"{result.snapshot.archived_at[:10]} {clean(result.snapshot.url, single_line=True)}")
    if result.error:
        parts.append(f"({clean(result.error, single_line=True)})")
    return " ".join(parts)


def summary(run: Run) -> str:
    """The closing line: how many URLs came out which way, and how long it took."""
    total = len(run.results)
    counts = ", ".join(f"{run.count(how)} {HOW[how][0]}" for how in (FOUND, CAPTURED, OLDER, FAILED) if run.count(how))
    already = f"; {run.already} sources had a copy already" if run.already else ""
    if not total:
        return f"nothing to archive{already}"
    return f"{total} URLs archived: {counts}{already}; {run.seconds:.1f} s"
