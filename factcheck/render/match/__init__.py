"""``factcheck match``: for each claim or text, the published fact-checks that may cover it."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.library.finding import Match


@dataclass(frozen=True)
class MatchResult:
    """One query and what the library holds for it, best first."""

    id: str | None  # the claim's id, for a claim
    query: str
    matches: list[Match]
    accepted: frozenset[str] = frozenset()  # the URLs a person accepted on the claim already
