"""``factcheck search``: for each claim or text, passages of the library's documents that may be its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.library.finding import Found, SharedFact
from factcheck.render.match import Query


@dataclass(frozen=True)
class SearchResult(Query):
    """One query, the passages found for it (best first) and the key facts each shares with it."""

    passages: list[Found]
    shared: list[list[SharedFact]]  # per passage, the key facts it shares with the query, as the passage writes them
