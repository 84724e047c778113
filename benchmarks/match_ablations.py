"""What a few ideas for paraphrases add to ``match``'s re-ranking: offline measures, nothing here ships.

    pip install -e '.[train]'
    python benchmarks/match_ablations.py [--data DIR] [--only NAME,...]

Reads ../shared/data/claim-matching/ (see match_quality.py).  Each idea adds
features to the shipped ones, the model is refitted on train (as
match_quality.py fits it) and each line prints dev MAP@5 and the 5-fold
cross-validation on train beside the same figures without the idea:

  lsa       word vectors learnt without labels from the fact-checks' own text
            (claim and headline): a truncated SVD of their TF-IDF word-by-document
            matrix (LSA) or of the word-by-word PPMI matrix (each fact-check is one
            window); features: the cosine of the IDF-weighted mean word vectors of
            tweet and fact-check, its rank among the query's candidates, and a soft
            coverage (each tweet word's best cosine to a fact-check word, IDF-weighted)
  wordnet   coverage of the tweet's words where a word counts as shared when it
            shares a WordNet sense with one of the fact-check's (Debian's
            wordnet-base, /usr/share/wordnet; skipped without it)
  poster    the share of the words in common that come only from the poster's name
            in the "— Name (@handle) date" signature
  prf       pseudo-relevance feedback in the first stage (RM3-like): the query
            expanded with the distinctive words of its first candidates; the
            pool's recall and the first stage's MAP@5 as well

Without the data it says so and exits cleanly.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

try:
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.linalg import svds
except ImportError:  # pragma: no cover - said in one line
    sys.exit("the ablations need numpy and scipy: pip install -e '.[train]'")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import library_data as data  # noqa: E402
import train_library as training  # noqa: E402

from factcheck.library import finding, ranking, terms  # noqa: E402
from factcheck.library.index import Library  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
IDEAS = ("lsa", "wordnet", "poster", "prf")

Texts = dict[str, tuple[str, str]]  # a fact-check's URL -> its claim and headline
Extra = list[np.ndarray]  # one array of extra features per query, a row per candidate


class Bench:
    """The groups of train and dev, and how to measure them with extra features."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.train_queries, self.dev_queries = data.queries("train"), data.queries("dev")
        self.train = training.match_groups(library, self.train_queries)
        self.dev = training.match_groups(library, self.dev_queries)
        self.texts: Texts = {e.url or "": (e.claim, e.headline or "") for e, _ in library.factchecks()}

    def extra(self, features: Callable[[str, Sequence[str]], np.ndarray]) -> tuple[Extra, Extra]:
        """``features(tweet, candidate URLs)`` for every train and dev query."""
        return (
            [features(q.text, g.ids) for q, g in zip(self.train_queries, self.train, strict=True)],
            [features(q.text, g.ids) for q, g in zip(self.dev_queries, self.dev, strict=True)],
        )

    def measure(self, label: str, extra: tuple[Extra, Extra] | None = None, columns: Sequence[int] = ()) -> None:
        """Print dev MAP@5 (fitted on train) and the 5-fold cross-validation on train."""
        train, dev = self.train, self.dev
        if extra is not None:
            train, dev = (
                [
                    training.Group(np.hstack([g.features, e[:, list(columns)]]), g.relevant, g.ids)
                    for g, e in zip(gs, es, strict=True)
                ]
                for gs, es in ((self.train, extra[0]), (self.dev, extra[1]))
            )
        print(f"  {label:64s} dev {map_dev(train, dev):.3f}   cv {cross_validated(train):.3f}", flush=True)


def map_dev(train: list[training.Group], dev: list[training.Group]) -> float:
    weights, _ = training.fit(train)
    return training.map_at_5(dev, weights)


def cross_validated(train: list[training.Group]) -> float:
    """MAP@5 over five folds of train (every fifth tweet), as match_quality.py computes it."""
    total = 0.0
    for k in range(5):
        weights, _ = training.fit([g for i, g in enumerate(train) if i % 5 != k])
        held = [g for i, g in enumerate(train) if i % 5 == k]
        total += training.map_at_5(held, weights) * len(held)
    return total / len(train)


# --- word vectors from the fact-checks --------------------------------------------------------


def stems(text: str) -> list[str]:
    """The content words of ``text`` cut to five letters, as the re-ranking's coverage features cut them."""
    return [w[:5] for w in terms.content_words(text)]


class Space:
    """Unit word vectors of ``k`` dimensions learnt from ``documents`` (lists of words), and each word's IDF."""

    def __init__(self, documents: list[list[str]], k: int, kind: str = "lsa") -> None:
        df = Counter(w for d in documents for w in set(d))
        vocabulary = sorted(w for w, c in df.items() if c >= 2)
        self.index = {w: i for i, w in enumerate(vocabulary)}
        self.idf = {w: math.log(len(documents) / df[w]) for w in vocabulary}
        rows, cols, values = [], [], []
        for j, d in enumerate(documents):
            for w, c in Counter(d).items():
                if w in self.index:
                    rows.append(self.index[w])
                    cols.append(j)
                    values.append((1 + math.log(c)) * self.idf[w])
        if kind == "lsa":
            matrix = csr_matrix((values, (rows, cols)), shape=(len(vocabulary), len(documents)))
        else:  # PPMI of two words in one fact-check
            b = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocabulary), len(documents)))
            co = (b @ b.T).tocoo()
            margins = np.asarray((b @ b.T).sum(1)).ravel()
            pmi = np.log(co.data * co.data.sum() / (margins[co.row] * margins[co.col]))
            keep = (pmi > 0) & (co.row != co.col)
            matrix = csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(len(vocabulary), len(vocabulary)))
        u, s, _ = svds(matrix, k=k, random_state=0)
        vectors = u * np.sqrt(s)
        self.vectors = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12)
        self.k = k

    def mean(self, words: Sequence[str]) -> np.ndarray:
        """The IDF-weighted mean of the vectors of ``words``, of unit length."""
        v = np.zeros(self.k)
        for w in set(words):
            if w in self.index:
                v += self.idf[w] * self.vectors[self.index[w]]
        n = np.linalg.norm(v)
        return v / n if n else v

    def soft_cover(self, query: Sequence[str], other: Sequence[str]) -> float:
        """The IDF-weighted mean over ``query``'s words of each one's best cosine to a word of ``other``."""
        known = [w for w in set(query) if w in self.index]
        found = self.vectors[[self.index[w] for w in set(other) if w in self.index]]
        if not known or not len(found):
            return 0.0
        weights = np.array([self.idf[w] for w in known])
        best = (found @ self.vectors[[self.index[w] for w in known]].T).max(0)
        return float(best @ weights / weights.sum())


def lsa(bench: Bench) -> None:
    documents = [stems(f"{c} {h}") for c, h in bench.texts.values()]
    for kind, k in (("lsa", 150), ("lsa", 300), ("ppmi", 200)):
        space = Space(documents, k, kind)

        def features(tweet: str, ids: Sequence[str], space: Space = space) -> np.ndarray:
            query = stems(terms.clean_post(tweet))
            q = space.mean(query)
            others = [stems(" ".join(bench.texts[i])) for i in ids]
            cos = np.array([float(q @ space.mean(d)) for d in others])
            rank = np.empty(len(ids))
            rank[np.argsort(-cos, kind="stable")] = np.arange(len(ids))
            soft = [space.soft_cover(query, d) for d in others]
            return np.column_stack([cos, 1 / (rank + 1), soft]).reshape(len(ids), 3)

        extra = bench.extra(features)
        name = f"{'LSA' if kind == 'lsa' else 'PPMI + SVD'}, {k} dimensions:"
        bench.measure(f"{name} cosine of the mean word vectors", extra, [0])
        bench.measure(f"{name} rank of that cosine among the candidates", extra, [1])
        bench.measure(f"{name} soft coverage", extra, [2])
        bench.measure(f"{name} all three", extra, [0, 1, 2])


# --- WordNet ----------------------------------------------------------------------------------


def wordnet_senses(folder: Path) -> dict[str, set[str]]:
    """Each single-word lemma of WordNet's data files with the synsets it belongs to."""
    senses: dict[str, set[str]] = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        with open(folder / f"data.{pos}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):  # the licence at the top
                    continue
                fields = line.split(" | ")[0].split()
                for i in range(int(fields[3], 16)):
                    lemma = fields[4 + 2 * i].lower().split("(")[0]
                    if "_" not in lemma:
                        senses[lemma].add(pos[0] + fields[0])
    return senses


def wordnet(bench: Bench) -> None:
    if not (WORDNET / "data.noun").exists():
        print(f"  wordnet: no WordNet at {WORDNET} (apt-get install wordnet-base); not measured")
        return
    senses = wordnet_senses(WORDNET)

    def synsets(word: str) -> set[str]:
        # The word, or the word without a plural or verb ending (WordNet lists base forms).
        for suffix, tail in (("", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", "")):
            if word.endswith(suffix) and word[: len(word) - len(suffix)] + tail in senses:
                return senses[word[: len(word) - len(suffix)] + tail]
        return set()

    def features(tweet: str, ids: Sequence[str]) -> np.ndarray:
        text = terms.clean_post(tweet)
        words = terms.content_words(text)
        candidates = [(ranking.Text.of(bench.texts[i][0]), ranking.Text.of(bench.texts[i][1])) for i in ids]
        weight = ranking.rarity(ranking.Text.of(text), candidates)
        total = sum(weight.get(w[:5], 0.0) for w in words) or 1.0
        rows = []
        for i in ids:
            other = terms.content_words(" ".join(bench.texts[i]))
            cut = {w[:5] for w in other}
            meanings = set().union(*(synsets(w) for w in other))
            bridged = sum(weight.get(w[:5], 0.0) for w in words if w[:5] not in cut and synsets(w) & meanings)
            rows.append([bridged / total])
        return np.array(rows).reshape(len(ids), 1)

    bench.measure(
        "WordNet: weighted share of the tweet's words met only through a shared sense", bench.extra(features), [0]
    )


# --- the poster's name ------------------------------------------------------------------------


def poster(bench: Bench) -> None:
    def features(tweet: str, ids: Sequence[str]) -> np.ndarray:
        whole = ranking.Text.of(terms.clean_post(tweet))
        body = ranking.Text.of(terms.clean_post(terms._SIGNATURE.sub(" ", tweet)))
        name_only = whole.stems - body.stems
        candidates = [(ranking.Text.of(bench.texts[i][0]), ranking.Text.of(bench.texts[i][1])) for i in ids]
        weight = ranking.rarity(whole, candidates)
        rows = []
        for claim, headline in candidates:
            words = claim.stems | headline.stems
            shared = sum(weight.get(s, 0.0) for s in whole.stems & words) or 1.0
            rows.append([sum(weight.get(s, 0.0) for s in name_only & words) / shared])
        return np.array(rows).reshape(len(ids), 1)

    bench.measure("poster's name: share of the words in common met only in it", bench.extra(features), [0])


# --- pseudo-relevance feedback ------------------------------------------------------------------


def prf(bench: Bench) -> None:
    df = Counter(w for c, h in bench.texts.values() for w in set(terms.content_words(f"{c} {h}")))
    n = len(bench.texts)

    def groups(queries: Sequence[data.Query], top: int, extra_words: int) -> list[training.Group]:
        out = []
        for q in queries:
            text = terms.clean_post(q.text)
            first = bench.library.factcheck_candidates(text, finding.POOL)
            own = {w[:5] for w in terms.content_words(text)}
            best = first[0].bm25 if first else 1.0
            # A word's weight: its share of each of the first candidates, weighed by their BM25, times its IDF.
            score: Counter[str] = Counter()
            for c in first[:top]:
                words = terms.content_words(f"{c.entry.claim} {c.entry.headline or ''}")
                for w in words:
                    if w[:5] not in own and df.get(w, 0) >= 2:
                        score[w] += c.bm25 / best / len(words) * math.log(n / df[w])
            expanded = f"{text} {' '.join(w for w, _ in score.most_common(extra_words))}"
            candidates = bench.library.factcheck_candidates(expanded, finding.POOL)
            ids = tuple(c.entry.url or "" for c in candidates)
            rows = finding.match_rows(q.text, candidates)
            out.append(training._group(rows, ranking.MATCH_FEATURES, ids, [i in q.relevant for i in ids]))
        return out

    for top, extra_words in ((3, 5), (5, 10), (10, 10)):
        train, dev = groups(bench.train_queries, top, extra_words), groups(bench.dev_queries, top, extra_words)
        pool = sum(g.relevant.any() for g in dev) / len(dev)
        label = f"PRF, {extra_words} words from the first {top}"
        print(f"  {label}: the first {finding.POOL} hold the answer for {pool:.1%} of dev tweets", end="")
        print(f", first stage dev {training.map_at_5(dev, None):.3f}")
        print(f"  {label + ', re-ranked':64s} dev {map_dev(train, dev):.3f}   cv {cross_validated(train):.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(IDEAS), help=f"which ideas, comma-separated ({', '.join(IDEAS)})")
    args = data.arguments(parser, argv)
    chosen = [i.strip() for i in args.only.split(",") if i.strip()]
    if unknown := [i for i in chosen if i not in IDEAS]:
        parser.error(f"unknown idea {unknown[0]!r}: choose from {', '.join(IDEAS)}")
    try:
        data.queries("train")
    except data.MissingData as exc:
        print(f"match_ablations: {exc}; nothing measured")
        return 0
    run = {"lsa": lsa, "wordnet": wordnet, "poster": poster, "prf": prf}
    with data.temporary_folder() as tmp:
        bench = Bench(data.matching_library(Path(tmp)))
        bench.measure("shipped features only")
        for idea in chosen:
            run[idea](bench)
    return 0


if __name__ == "__main__":
    sys.exit(main())
