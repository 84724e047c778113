"""``export claimreview``: a JSON-LD document, one schema.org ClaimReview per published verdict."""

from __future__ import annotations

from typing import Any

from factcheck.publish.reviews import Reviews


def render(reviews: Reviews) -> list[dict[str, Any]]:
    """A JSON array of ClaimReview objects, each with its ``@context``: what a page's JSON-LD block holds."""
    return reviews.items
