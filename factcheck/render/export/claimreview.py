"""``export claimreview``: a JSON-LD document, one schema.org ClaimReview per published verdict."""

from __future__ import annotations

import json

from factcheck.publish.reviews import Reviews


def render(reviews: Reviews) -> str:
    """A JSON array of ClaimReview objects, each with its ``@context``: what a page's JSON-LD block holds."""
    return json.dumps(reviews.items, indent=2, ensure_ascii=False) + "\n"
