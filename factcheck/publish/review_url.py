"""What a review-url pattern may say: its placeholders, and the check of a pattern a desk sets.

Apart from ``claimreview`` because Click checks the option's default too,
on every ``report`` and ``annotate``.
"""

from __future__ import annotations

import string

#: The placeholders a review-url pattern may use.
PLACEHOLDERS = {
    "page": "the article's fact-check page (factcheck article set --review-url)",
    "id": "the claim's id",
    "file": "the claims file's name without .json",
}


def check_pattern(pattern: str) -> str | None:
    """What is wrong with a review-url pattern, or None."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        return f"not a pattern ({exc})"
    unknown = [name for name, _, _ in fields if name not in PLACEHOLDERS]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}; use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}"
    if any(spec or conv for _, spec, conv in fields):
        return "placeholders take no format"
    if not pattern.startswith("{page}") and not pattern.lower().startswith(("http://", "https://")):
        return "must start with {page} or with http:// or https://"
    return None
