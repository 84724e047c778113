"""``factcheck report``: where the claims stand, for the terminal, a pull request, a browser or a program."""

from __future__ import annotations


def share(part: int, whole: int) -> str:
    """``"3 of 4 (75%)"``; just ``"0"`` of nothing."""
    if not whole:
        return "0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"
