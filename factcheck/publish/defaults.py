"""What is published, and how, unless a desk configures otherwise; and what a review-url pattern may say.

Apart from the types that use it (``ratings``, ``claimreview``) so that the
options of ``report`` and ``annotate`` can show these defaults in their help,
and check the review-url pattern, without loading ClaimReview.
"""

from __future__ import annotations

import string

from factcheck.model.vocab import Status

#: The statuses that are a published verdict.  ``unverified`` (nobody has
#: checked it) and ``opinion`` (nothing to check) are never published.
PUBLISHED: tuple[str, ...] = (
    Status.VERIFIED,
    Status.MIXED,
    Status.MISLEADING,
    Status.FALSE,
    Status.UNSUPPORTED,
)

#: Each published status's rating: its words and its number.  A five-point
#: truth scale, 1 = False to 5 = True.  ``unsupported`` (no evidence found,
#: or the evidence is gone) says nothing of how true a claim is, so it has
#: words and no number.
RATINGS: dict[str, tuple[str, int | None]] = {
    Status.VERIFIED: ("True", 5),
    Status.MIXED: ("Mixed", 3),
    Status.MISLEADING: ("Misleading", 2),
    Status.FALSE: ("False", 1),
    Status.UNSUPPORTED: ("Unsupported", None),
}
BEST = 5
WORST = 1

#: Where each review is: the article's fact-check page, the claim's id as its fragment.
DEFAULT_PATTERN = "{page}#{id}"
#: The placeholders a review-url pattern may use.
PLACEHOLDERS = {
    "page": "the article's fact-check page (factcheck article set --review-url)",
    "id": "the claim's id",
    "file": "the claims file's name without .json",
}


def check_pattern(pattern: str) -> str | None:
    """What is wrong with a review-url pattern, or None."""
    try:
        fields = [name for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
        specs = [(spec, conv) for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        return f"not a pattern ({exc})"
    unknown = [name for name in fields if name not in PLACEHOLDERS]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}; use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}"
    if any(spec or conv for spec, conv in specs):
        return "placeholders take no format"
    if not pattern.startswith("{page}") and not pattern.lower().startswith(("http://", "https://")):
        return "must start with {page} or with http:// or https://"
    return None
