"""``factcheck match``: for each claim or text, the published fact-checks that may cover it."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.library.finding import Match


@dataclass(frozen=True)
class Query:
    """What was looked up in the library: a claim (by its id) or a text (id None), and its words."""

    id: str | None
    query: str


@dataclass(frozen=True)
class MatchResult(Query):
    """One query and what the library holds for it, best first."""

    matches: list[Match]
    accepted: frozenset[str] = frozenset()  # the URLs a person accepted on the claim already
