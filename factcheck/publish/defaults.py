"""What is published, and how, unless a desk configures otherwise: plain data.

Apart from the types that use it (``ratings``, ``claimreview``) so that the
options of ``report`` and ``annotate`` can show these defaults in their help
without loading ClaimReview.
"""

from __future__ import annotations

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
