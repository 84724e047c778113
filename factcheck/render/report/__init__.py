"""``factcheck report``: where the claims stand, for the terminal, a pull request, a browser or a program."""

from __future__ import annotations

from factcheck.report.figures import SourceRef, Summary

NEVER_CHECKED = "Sources never checked"


def share(part: int, whole: int) -> str:
    """``"3 of 4 (75%)"``; just ``"0"`` of nothing."""
    if not whole:
        return "0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def source_lists(s: Summary) -> list[tuple[str, list[SourceRef]]]:
    """The sources that need a look, list by list with a heading, the most pressing first."""
    return [
        ("Changed pages nobody acknowledged", s.changed),
        ("Dead sources", s.dead),
        ("Failing sources: not fetched on the last run", s.failing),
        ("Unconfirmed: the evidence leaves a key fact unstated", s.unconfirmed),
        ("Stale checks", s.stale),
        (NEVER_CHECKED, s.never_checked),
    ]
