"""``factcheck show``: everything about one claim."""

from __future__ import annotations

from typing import NamedTuple

from factcheck.model.claims import Claim


class ClaimView(NamedTuple):
    """One claim and where it is stored."""

    file: str  # the claims file as messages show it
    line: int | None  # the line of the claim's "id" in it
    article_title: str
    article_path: str | None
    claim: Claim
