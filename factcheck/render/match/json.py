"""``match --format json``: one object per query, in input order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from factcheck.library.finding import Match
from factcheck.render.match import MatchResult, Query

Q = TypeVar("Q", bound=Query)


def queries(results: Sequence[Q], key: str, found: Callable[[Q], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One object per query, in input order: its id, its words, and under ``key`` what ``found`` lists for it.

    The document is returned as data; ``render.formats`` writes it, as it does every JSON format.
    """
    return [{"id": r.id, "query": r.query, key: found(r)} for r in results]


#: The fields of a fact-check that a match shows, under their names in the output.
_FIELDS = {"claim_reviewed": "claim", "rating": "rating", "url": "url", "publisher": "publisher", "date": "date"}


def _match(m: Match, accepted: frozenset[str]) -> dict[str, Any]:
    fields = {key: getattr(m.entry, name) for key, name in _FIELDS.items()}
    return fields | {"score": round(m.score, 4), "accepted": m.entry.url in accepted}


def render(results: list[MatchResult]) -> list[dict[str, Any]]:
    return queries(results, "matches", lambda r: [_match(m, r.accepted) for m in r.matches])
