"""The second stage of ``match`` and ``search``: re-ranking what BM25 found, with weights shipped as data.

Each candidate gets a few features that a lexical index cannot see — fuzzy
similarity of the whole texts (rapidfuzz), how much of each text the other
covers (words cut to a stem of five letters, so "vaccines" meets
"vaccinated"), the numbers and names they share or do not, word pairs in
common, and the words of one that the other says in other words — and a
linear model learnt on public data (``benchmarks/train_library.py``) turns
them into a score between 0 and 1.  Scoring is pure Python: the weights are a
small JSON file, ``weights.json``, and so is the word-translation table,
``translations.json.gz``.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz

from factcheck.library import terms
from factcheck.text import segment

#: The features of a (query, fact-check) pair, in the order the weights are stored.
MATCH_FEATURES = (
    "bm25_share",
    "bm25_claim_share",
    "bm25_headline_share",
    "rank",
    "set_ratio",
    "sort_ratio",
    "partial_ratio",
    "headline_set_ratio",
    "covers_claim",
    "covers_query",
    "covers_headline",
    "pairs",
    "numbers_shared",
    "numbers_unmatched",
    "names_shared",
    "names_unmatched",
    "length_ratio",
    "weighted_covers_query",
    "weighted_covers_factcheck",
    "translation_likelihood",
    "translates_query",
    "translates_factcheck",
)
#: What ``match`` adds where the library has vectors of meaning (``meaning.features``).
MEANING_FEATURES = ("cosine", "cosine_rank", "cosine_gap")
#: The features of a (claim, passage) pair.
SEARCH_FEATURES = (
    "bm25_share",
    "rank",
    "set_ratio",
    "partial_ratio",
    "covers_query",
    "covers_title",
    "pairs",
    "numbers_shared",
    "names_shared",
    "sentence_covers_query",
    "sentence_set_ratio",
)


#: Each model's features: ``match`` by words alone, ``match_meaning`` with meaning, and ``search``.
FEATURES = {"match": MATCH_FEATURES, "match_meaning": MATCH_FEATURES + MEANING_FEATURES, "search": SEARCH_FEATURES}


@dataclass(frozen=True)
class Model:
    """A linear model over named features, squashed to 0..1 by the logistic function."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    def score(self, values: Sequence[float]) -> float:
        """The probability-like score of one feature vector."""
        z = self.bias + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def model(kind: str) -> Model:
    """The shipped model for ``match`` (by words alone), ``match_meaning`` (with meaning) or ``search``."""
    data = json.loads(resources.files("factcheck.library").joinpath("weights.json").read_text("utf-8"))
    entry = data[kind]
    names = FEATURES[kind]
    weights = tuple(float(entry["weights"][n]) for n in names)
    return Model(names, weights, float(entry["bias"]))


@dataclass(frozen=True, eq=False)
class Translations:
    """How likely one word stem is to be written as another when the same claim is worded again.

    ``table[a][b]`` is t(b | a), learnt by IBM Model 1 from fact-checks' claims and headlines, each
    said once in the other's words (``benchmarks/train_library.py``); the table is symmetric in what
    it was learnt from, so one table serves both ways.  ``counts`` is how many fact-checks hold each
    stem of it, and ``total`` the same summed over every stem they hold: a stem's share of the words of
    fact-checks, so that a translation counts for more into a rare word than into a common one.
    """

    table: dict[str, dict[str, float]]
    into: dict[str, dict[str, float]]  # b -> a -> t(b | a): what a query word may stand for
    counts: dict[str, int]
    total: int

    @classmethod
    def of(cls, table: dict[str, dict[str, float]], counts: dict[str, int], total: int) -> Translations:
        """The table with its reverse index worked out."""
        into: dict[str, dict[str, float]] = {}
        for a, row in table.items():
            for b, p in row.items():
                into.setdefault(b, {})[a] = p
        return cls(table, into, counts, total)

    def background(self, stem: str) -> float:
        """``stem``'s share of the stems of fact-checks (half of one for a stem the table never met)."""
        return max(self.counts.get(stem, 0), 0.5) / self.total


@functools.cache
def translations() -> Translations:
    """The shipped word-translation table."""
    packed = resources.files("factcheck.library").joinpath("translations.json.gz").read_bytes()
    data = json.loads(gzip.decompress(packed))
    return Translations.of(data["table"], data["counts"], int(data["total"]))


@dataclass(frozen=True)
class _Bridge:
    """What the translation features need of one query, gathered once for all its candidates."""

    order: tuple[str, ...]
    from_words: dict[str, tuple[tuple[int, float], ...]]  # fact-check stem -> (query word, t(query word | it))
    to_words: dict[str, float]  # fact-check stem -> its best t(it | query word)
    background: tuple[float, ...]


@functools.lru_cache(maxsize=4)
def _bridge(table: Translations, stems: frozenset[str]) -> _Bridge:
    # Every candidate of a query is compared with the same words: the table is read once per query.
    order = tuple(sorted(stems))
    from_words: dict[str, list[tuple[int, float]]] = {}
    for i, q in enumerate(order):
        for d, p in table.into.get(q, {}).items():
            from_words.setdefault(d, []).append((i, p))
    to_words: dict[str, float] = {}
    for q in order:
        for d, p in table.table.get(q, {}).items():
            to_words[d] = max(to_words.get(d, 0.0), p)
    return _Bridge(
        order,
        {d: tuple(v) for d, v in from_words.items()},
        to_words,
        tuple(table.background(q) for q in order),
    )


def translated(
    query: frozenset[str], words: frozenset[str], table: Translations | None = None
) -> tuple[float, float, float]:
    """How well a fact-check's stems ``words`` say the query's ``query`` in other words (by the shipped ``table``).

    Of the query's words that the fact-check lacks: their log-likelihood by the translation language
    model, beyond what each word's own frequency gives, per query word; and their share, each counted
    by its best translation from one of the fact-check's words.  Then the fact-check's words that the
    query lacks, each counted by its best translation from one of the query's, per fact-check word.
    """
    if not query or not words:
        return 0.0, 0.0, 0.0
    bridge = _bridge(table or translations(), query)
    # Only the query's words the fact-check holds or translates add to the sums: the rest add zero.
    # Every sum is math.fsum's, exact whatever the order: a set's order changes from process to process.
    parts: dict[int, list[float]] = {}
    for d in words & bridge.from_words.keys():
        for i, p in bridge.from_words[d]:
            parts.setdefault(i, []).append(p)
    n = len(words)
    # The words the fact-check holds as they are count in the other features; these count only the rest.
    rest = [i for i in parts if bridge.order[i] not in words]
    likelihood = math.fsum(math.log1p(4.0 * math.fsum(parts[i]) / n / bridge.background[i]) for i in rest)
    gap = math.fsum(max(parts[i]) for i in rest)
    back = math.fsum(bridge.to_words.get(d, 0.0) for d in words - query)
    return likelihood / len(bridge.order), gap / len(bridge.order), back / n


@dataclass(frozen=True)
class Text:
    """What the features need of one text, worked out once."""

    text: str
    lower: str
    stems: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Text:
        """The parts of ``text`` the features compare."""
        words = terms.words(text)
        stems = [w[:5] for w in terms.content(words)]
        return cls(
            text=text,
            lower=" ".join(words),
            stems=frozenset(stems),
            pairs=frozenset(zip(stems, stems[1:], strict=False)),
            numbers=frozenset(terms.numbers(text)),
            names=frozenset(terms.names(text)),
        )


def _cover(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _shared(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    """How many of ``b``'s items ``a`` has (capped), and the share of ``a``'s that ``b`` lacks."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return min(common, 3) / 3, (len(a) - common) / len(a)


def match_features(
    query: Text,
    claim: Text,
    headline: Text,
    bm25: float,
    claim_bm25: float,
    headline_bm25: float,
    best: Sequence[float],
    rank: int,
    weight: dict[str, float],
) -> list[float]:
    """The features of one fact-check for one query (see ``MATCH_FEATURES``).

    ``best`` is the highest of each BM25 score (overall, claim, headline) among the query's candidates.

    ``weight`` tells how rare each word stem is among the query's candidates (``rarity``): a word
    every candidate shares says nothing about which one is meant.
    """
    words = claim.stems | headline.stems
    shared = math.fsum(weight.get(s, 0.0) for s in query.stems & words)
    numbers_shared, numbers_unmatched = _shared(query.numbers, claim.numbers)
    names_shared, names_unmatched = _shared(claim.names, query.names)
    q_len = max(len(query.stems), 1)
    return [
        *(score / top if top > 0 else 0.0 for score, top in zip((bm25, claim_bm25, headline_bm25), best, strict=True)),
        1.0 / (rank + 1),
        fuzz.token_set_ratio(query.lower, claim.lower) / 100,
        fuzz.token_sort_ratio(query.lower, claim.lower) / 100,
        fuzz.partial_ratio(claim.lower, query.lower) / 100 if claim.lower and query.lower else 0.0,
        fuzz.token_set_ratio(query.lower, headline.lower) / 100 if headline.lower else 0.0,
        _cover(claim.stems, query.stems),
        _cover(query.stems, words),
        _cover(headline.stems, query.stems),
        min(len(query.pairs & (claim.pairs | headline.pairs)), 4) / 4,
        numbers_shared,
        numbers_unmatched,
        names_shared,
        names_unmatched,
        min(len(claim.stems) / q_len, 3.0) / 3,
        shared / (math.fsum(weight.get(s, 0.0) for s in query.stems) or 1.0),
        shared / (math.fsum(weight.get(s, 0.0) for s in words) or 1.0),
        *translated(query.stems, words),
    ]


def rarity(query: Text, candidates: Sequence[tuple[Text, Text]]) -> dict[str, float]:
    """An inverse document frequency of each stem over the candidates of one query (claim and headline)."""
    seen = Counter(s for claim, headline in candidates for s in claim.stems | headline.stems)
    n = len(candidates)
    return {s: math.log(1 + n / (1 + seen[s])) for s in query.stems | seen.keys()}


def search_features(query: Text, passage: Text, title: Text, bm25: float, best: float, rank: int) -> list[float]:
    """The features of one passage for one claim (see ``SEARCH_FEATURES``)."""
    numbers_shared, _ = _shared(query.numbers, passage.numbers)
    names_shared, _ = _shared(query.names, passage.names)
    # A passage of a few sentences may hold the evidence in one: how close its best one comes.
    best_cover = best_ratio = 0.0
    for start, end in itertools.pairwise([0, *segment.sentence_ends(passage.text), len(passage.text)]):
        sentence = passage.text[start:end]
        words = frozenset(w[:5] for w in terms.content_words(sentence))
        best_cover = max(best_cover, _cover(query.stems, words))
        best_ratio = max(best_ratio, fuzz.token_set_ratio(query.lower, " ".join(terms.words(sentence))) / 100)
    return [
        bm25 / best if best > 0 else 0.0,
        1.0 / (rank + 1),
        fuzz.token_set_ratio(query.lower, passage.lower) / 100,
        fuzz.partial_ratio(query.lower, passage.lower) / 100 if query.lower and passage.lower else 0.0,
        _cover(query.stems, passage.stems),
        _cover(query.stems, title.stems),
        min(len(query.pairs & passage.pairs), 4) / 4,
        numbers_shared,
        names_shared,
        best_cover,
        best_ratio,
    ]
