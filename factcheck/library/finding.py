"""``match`` and ``search`` proper: candidates from the index, re-ranked by the shipped model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.library import ranking, terms
from factcheck.library.index import Backend, Candidate, PassageCandidate
from factcheck.library.records import FactCheckEntry, Passage

#: How many candidates the index is asked for, to re-rank: the first stage's recall at this depth is
#: what the second stage can reach.
POOL = 50


@dataclass(frozen=True)
class Match:
    """A published fact-check that may cover a claim, and how sure the ranking is (0 to 1)."""

    entry: FactCheckEntry
    score: float


@dataclass(frozen=True)
class Found:
    """A passage that may be a claim's evidence, and how sure the ranking is (0 to 1)."""

    passage: Passage
    score: float


def rank_matches(query: str, candidates: Sequence[Candidate], model: ranking.Model | None = None) -> list[Match]:
    """``candidates`` (in the index's order) re-ranked for ``query``, best first."""
    if not candidates:
        return []
    model = model or ranking.model("match")
    q = ranking.Text.of(terms.clean_post(query))
    best = max(c.bm25 for c in candidates)
    best_claim = max(c.bm25_claim for c in candidates)
    best_headline = max(c.bm25_headline for c in candidates)
    scored = []
    for rank, c in enumerate(candidates):
        headline = ranking.Text.of(c.entry.headline) if c.entry.headline else None
        values = ranking.match_features(
            q, ranking.Text.of(c.entry.claim), headline, c.bm25, best, c.bm25_claim, c.bm25_headline,
            best_claim, best_headline, rank,
        )  # fmt: skip
        scored.append((model.score(values), -rank, c.entry))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [Match(entry, score) for score, _, entry in scored]


def match(backend: Backend, query: str, top: int, pool: int = POOL) -> list[Match]:
    """The ``top`` fact-checks in the library that best cover ``query``."""
    cleaned = terms.clean_post(query)
    return rank_matches(query, backend.factcheck_candidates(cleaned, max(pool, top)))[:top]


def rank_passages(
    query: str, candidates: Sequence[PassageCandidate], model: ranking.Model | None = None
) -> list[Found]:
    """``candidates`` (in the index's order) re-ranked for ``query``, best first."""
    if not candidates:
        return []
    model = model or ranking.model("search")
    q = ranking.Text.of(terms.clean_post(query))
    best = max(c.bm25 for c in candidates)
    titles: dict[str | None, ranking.Text] = {}
    scored = []
    for rank, c in enumerate(candidates):
        title = titles.setdefault(c.passage.title, ranking.Text.of(c.passage.title or ""))
        values = ranking.search_features(q, ranking.Text.of(c.passage.text), title, c.bm25, best, rank)
        scored.append((model.score(values), -rank, c.passage))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [Found(passage, score) for score, _, passage in scored]


def search(backend: Backend, query: str, top: int, pool: int = POOL) -> list[Found]:
    """The ``top`` passages of the library's documents that best match ``query``."""
    cleaned = terms.clean_post(query)
    return rank_passages(query, backend.passage_candidates(cleaned, max(pool, top)))[:top]
