"""``match`` and ``search`` proper: candidates from the index, re-ranked by the shipped model."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from factcheck.library import meaning, ranking, terms
from factcheck.library.index import Backend, Candidate, PassageCandidate
from factcheck.library.records import FactCheckEntry, Passage

#: How many fact-checks BM25 is asked for, to re-rank, and how many of the nearest in meaning join them
#: (as many more of each as ``limit`` asks beyond ``POOL``): as deep as the re-ranking gains from reading.
POOL = 30
NEAREST = 20
#: How many passages BM25 is asked for, to re-rank, in ``search``.
PASSAGES = 50
#: How many queries ``match_many`` has the model of meaning read together.
ENCODE_TOGETHER = 256

#: The least score a fact-check or passage needs to be listed: below it, a candidate shows as 0.00 and has
#: nothing in common with the query that the ranking credits.
FLOOR = 0.005

T = TypeVar("T")

# A table's row in a passage: its cells between bars (``documents.passages`` leaves out the empty ones).
_ROW = re.compile(r"\|(?: [^|]+ \|)+")


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


@dataclass(frozen=True)
class SharedFact:
    """A key fact a passage shares with a claim, as the passage writes it, and which of the two denies it.

    ``denied_in`` is ``"claim"`` or ``"passage"`` when that one has a negator governing the fact and
    the other has none ("did not rise 3%" against "rose 3%"); None when both state it or both deny it.
    """

    text: str
    denied_in: str | None = None


def match_rows(query: str, candidates: Sequence[Candidate]) -> list[list[float]]:
    """The features of each fact-check for ``query``, in the index's order (``ranking.MATCH_FEATURES``)."""
    q = ranking.Text.of(terms.clean_post(query))
    texts = [(ranking.Text.of(c.entry.claim), ranking.Text.of(c.entry.headline or "")) for c in candidates]
    weight = ranking.rarity(q, texts)
    best = [max((getattr(c, f) for c in candidates), default=0.0) for f in ("bm25", "bm25_claim", "bm25_headline")]
    return [
        ranking.match_features(q, claim, headline, c.bm25, c.bm25_claim, c.bm25_headline, best, rank, weight)
        for rank, (c, (claim, headline)) in enumerate(zip(candidates, texts, strict=True))
    ]


def passage_rows(query: str, candidates: Sequence[PassageCandidate]) -> list[list[float]]:
    """The features of each passage for ``query``, in the index's order (``ranking.SEARCH_FEATURES``)."""
    q = ranking.Text.of(terms.clean_post(query))
    best = max((c.bm25 for c in candidates), default=0.0)
    titles = {c.passage.title: ranking.Text.of(c.passage.title or "") for c in candidates}
    return [
        ranking.search_features(q, ranking.Text.of(c.passage.text), titles[c.passage.title], c.bm25, best, rank)
        for rank, c in enumerate(candidates)
    ]


def _ranked(kind: str, rows: list[list[float]], items: Sequence[T]) -> list[tuple[float, T]]:
    """``items`` with the model's score of their features, best first (the index's order breaks ties)."""
    model = ranking.model(kind)
    scored = [(model.score(values), -rank, item) for rank, (values, item) in enumerate(zip(rows, items, strict=True))]
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [(score, item) for score, _, item in scored]


def match(backend: Backend, query: str, top: int, skip: Collection[str] = (), floor: float = FLOOR) -> list[Match]:
    """The ``top`` fact-checks in the library that best cover ``query`` and score ``floor`` or more.

    None of those at a URL in ``skip``: that is for a claim's own entry, as a desk that adds its
    claims files has each claim in the library.  Fewer than ``top``, or none, when too few come close.
    """
    return match_many(backend, [query], top, [skip], floor)[0]


def match_many(
    backend: Backend,
    queries: Sequence[str],
    top: int,
    skips: Sequence[Collection[str]] | None = None,
    floor: float = FLOOR,
) -> list[list[Match]]:
    """``match`` of each of ``queries`` in order, each without the URLs of its ``skips``.

    The model of meaning reads the queries a batch at a time (``ENCODE_TOGETHER``), which costs it
    about a third of what it takes to read them one by one.
    """
    found: list[list[Match]] = []
    for start in range(0, len(queries), ENCODE_TOGETHER):
        chunk = queries[start : start + ENCODE_TOGETHER]
        for i, vector in enumerate(query_vectors(backend, chunk), start):
            skip = skips[i] if skips else ()
            limit = max(POOL, top) + len(skip)
            # Whether to read the query by meaning was settled with its vector: no vector, no meaning.
            kind, candidates, rows = match_pool(backend, queries[i], limit, skip, by_meaning=False, vector=vector)
            ranked = _ranked(kind, rows, [c.entry for c in candidates])
            found.append([Match(entry, score) for score, entry in ranked[:top] if score >= floor])
    return found


def _skipped(url: str, skip: Collection[str]) -> bool:
    return url in skip or url.split("#", 1)[0] in skip


def query_vectors(backend: Backend, queries: Sequence[str]) -> list[Any]:
    """Each query's vector of meaning (read together), or None: no model, no vectors in the library, no content word."""
    texts = [terms.clean_post(q) for q in queries]
    # A text with no content word ("it is what it is") claims nothing to look for, by words or by meaning.
    wanted = [i for i, text in enumerate(texts) if terms.content_words(text)]
    encoder = meaning.encoder() if wanted and backend.meaning_model() == meaning.MODEL else None
    vectors: list[Any] = [None] * len(texts)
    if encoder is not None:
        for i, vector in zip(wanted, encoder.encode([texts[i] for i in wanted]), strict=True):
            vectors[i] = vector
    return vectors


def match_pool(
    backend: Backend,
    query: str,
    limit: int,
    skip: Collection[str] = (),
    by_meaning: bool = True,
    vector: Any = None,
) -> tuple[str, list[Candidate], list[list[float]]]:
    """The model to rank ``query``'s candidates with, the candidates, and their features.

    BM25's ``limit`` best; and where the query has a ``vector`` of meaning (given, or else worked out
    here when ``by_meaning``: see ``query_vectors``), as many more of the nearest in meaning
    as ``limit`` asks beyond ``POOL`` and ``NEAREST``, with what the model makes of each
    (``meaning.features``).  None at a URL in ``skip``, or on a page in it (the URL without its ``#id``).
    """
    if vector is None and by_meaning:
        vector = query_vectors(backend, [query])[0]
    candidates = backend.factcheck_candidates(terms.clean_post(query), limit)
    if vector is not None:
        found = {c.entry.key for c in candidates}
        nearest = backend.nearest_factchecks(vector, limit - POOL + NEAREST)
        candidates += [c for c in nearest if c.entry.key not in found]
    # Left out before the ranking: the features compare each candidate with the best of the others.
    candidates = [c for c in candidates if c.entry.url is None or not _skipped(c.entry.url, skip)]
    rows = match_rows(query, candidates)
    encoder = None if vector is None else meaning.encoder()
    if encoder is None:
        return "match", candidates, rows
    extra = meaning.features(encoder, vector, candidates)
    return "match_meaning", candidates, [row + more for row, more in zip(rows, extra, strict=True)]


def search(backend: Backend, query: str, top: int, skip: Collection[str] = (), floor: float = FLOOR) -> list[Found]:
    """The ``top`` passages of the library's documents that best match ``query`` and score ``floor`` or more.

    None from a location or URL in ``skip``: that is for the article a claim comes from, which states the
    claim and is not its evidence.  Fewer than ``top``, or none, when too few come close.
    """
    candidates = backend.passage_candidates(terms.clean_post(query), max(PASSAGES, top) + (PASSAGES if skip else 0))
    candidates = [c for c in candidates if c.passage.location not in skip and c.passage.url not in skip]
    ranked = _ranked("search", passage_rows(query, candidates), [c.passage for c in candidates])
    return [Found(passage, score) for score, passage in _distinct(ranked)[:top] if score >= floor]


def _distinct(ranked: list[tuple[float, Passage]]) -> list[tuple[float, Passage]]:
    """``ranked`` with each passage text once, at its best score, from a copy that has a URL when one does.

    One document is often in the library twice, a saved file and its page (or verify's cache of it):
    the same passage twice would take two places, and only a copy with a URL can be cited as it is.
    """
    kept: dict[str, tuple[float, Passage]] = {}
    for score, passage in ranked:
        key = " ".join(passage.text.split())
        if key not in kept:
            kept[key] = (score, passage)
        elif kept[key][1].url is None and passage.url is not None:
            kept[key] = (kept[key][0], passage)
    return list(kept.values())


def shared_facts(claim: str, passage: str) -> list[SharedFact]:
    """The key facts of ``passage`` that agree with one of ``claim``'s, with which side denies each, if one does.

    Agreeing figures are not agreement: "X did not rise 13%" and "X rose 13%" share their fact and
    say opposite things, which a person weighing the passage must see.  The ranking does not use it.
    """
    from factcheck.text import facts, polarity

    claim_facts = facts.extract(claim)
    if not claim_facts:
        return []
    shared = []
    for pair in facts.align(claim, claim_facts, passage, facts.extract(passage)):
        if pair.result != facts.AGREES or pair.found is None:
            continue
        in_claim = polarity.negated(claim, pair.claim.start, pair.claim.end)
        in_passage = polarity.negated(passage, pair.found.start, pair.found.end)
        denied_in = None if in_claim == in_passage else "claim" if in_claim else "passage"
        shared.append(SharedFact(pair.found.text, denied_in))
    return shared


def quote(claim: str, passage: str) -> str:
    """The sentences of ``passage`` that state ``claim``'s key facts: what a person would quote from it.

    The shortest stretch of sentences that states every figure, amount or date of the claim's that
    a sentence of the passage agrees with, as the passage writes it ("in 1996" said of another figure
    too does not bring its sentence in); without one, the sentence sharing most of the claim's words.
    """
    from factcheck.text import facts, segment

    # A table's row ("| Private renters | 33.1% | 37.9% |") is a sentence of its own.
    cuts = sorted(
        {0, *segment.sentence_ends(passage), *(i for m in _ROW.finditer(passage) for i in m.span()), len(passage)}
    )
    sentences = [(a, b) for a, b in zip(cuts, cuts[1:]) if passage[a:b].strip()]
    claim_facts = facts.extract(claim)
    stated = [
        {
            p.claim
            for p in facts.align(claim, claim_facts, passage[a:b], facts.extract(passage[a:b]))
            if p.result == facts.AGREES
        }
        for a, b in sentences
    ]
    wanted = set().union(*stated)
    windows = [
        (j - i, i, j)
        for i in range(len(sentences))
        for j in range(i, len(sentences))
        if stated[i] and stated[j] and set().union(*stated[i : j + 1]) == wanted
    ]
    if windows:
        _, i, j = min(windows)
        chosen = sentences[i : j + 1]
    else:
        words = ranking.Text.of(claim).stems
        chosen = [
            max(sentences, key=lambda s: len(words & ranking.Text.of(passage[s[0] : s[1]]).stems), default=(0, -1))
        ]
    return passage[chosen[0][0] : chosen[-1][1]].strip(" |")
