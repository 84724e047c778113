"""``factcheck annotate``: the article with every claim marked by status, then the claims and sources."""

from __future__ import annotations

from factcheck.model.vocab import Stance
from factcheck.report.annotated import Placed, Unplaced
from factcheck.text.clean import number

#: A source that does not support the claim says so, in every format.
STANCE_WORDS = {Stance.CONTRADICTS: "contradicts the claim", Stance.CONTEXT: "context"}

HOW = {"moved": "re-anchored: moved", "fuzzy": "re-anchored: fuzzy match"}
REANCHORED = "The article text differs from the one the claims were anchored on; claims were re-anchored."


def placement(p: Placed) -> str | None:
    """How a claim was placed, when that is worth saying."""
    if p.how == "fuzzy":
        return f"{HOW[p.how]}, confidence {number(p.confidence, 2)}"
    return HOW.get(p.how)


def unplaced_reason(u: Unplaced) -> str:
    """Why a claim could not be placed, in words."""
    return {
        "no anchor": "it has no anchor and its text is not in the article",
        "ambiguous": "its anchor matches several places equally well",
    }.get(u.reason, "its anchor was not found in the article")
