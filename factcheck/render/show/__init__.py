"""``factcheck show``: everything about one claim."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model.claims import Claim


@dataclass(frozen=True)
class ClaimView:
    """One claim and where it is stored."""

    file: str  # the claims file as messages show it
    line: int | None  # the line of the claim's "id" in it
    article_title: str
    article_path: str | None
    claim: Claim
