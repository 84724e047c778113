"""What a review-url pattern may say: its placeholders, and the check of a pattern a desk sets.

Apart from ``claimreview`` because Click checks the option's default too,
on every ``report`` and ``annotate``.
"""

from __future__ import annotations

from factcheck.text import placeholders

#: The placeholders a review-url pattern may use.
PLACEHOLDERS = {
    "page": "the article's fact-check page (factcheck article set --review-url)",
    "id": "the claim's id",
    "file": "the claims file's name without .json",
}


def check_pattern(pattern: str) -> str | None:
    """What is wrong with a review-url pattern, or None."""
    wrong = placeholders.problem(pattern, PLACEHOLDERS)
    if wrong is not None:
        return wrong
    if not pattern.startswith("{page}") and not pattern.lower().startswith(("http://", "https://")):
        return "must start with {page} or with http:// or https://"
    return None
