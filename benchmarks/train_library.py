"""Train the library's re-ranking weights from the shared data and write the weights file the package ships.

    pip install -e '.[train]'
    python benchmarks/train_library.py [--data DIR] [--out FILE]

``match``: the CLEF CheckThat! 2020 Task 2 tweets (train and dev) against the
10,375 Snopes fact-checks, once by words alone (``match``) and once with the
vectors of meaning (``match_meaning``, which needs the model installed); ``search``: the CLIMATE-FEVER dev claims against
one page per Wikipedia article holding their evidence sentences (see
``library_data.py``).  For each query the index's first ``finding.POOL``
candidates (and, with meaning, the ``finding.NEAREST`` nearest) are the list
to re-rank (for search, ``finding.PASSAGES``); the model is linear over
``ranking.MATCH_FEATURES`` / ``SEARCH_FEATURES``, fitted with a listwise loss
(the softmax over a query's candidates against its relevant ones, ListNet's
top-one form) and an L2 penalty, by L-BFGS from zero: the same data give the
same weights.  The features are standardised while fitting and the scaling is
folded into the exported weights, and so is a logistic calibration of the
scores (Platt scaling), so that a match's score reads as a chance.  The quality scripts measure on data the
weights they report did not see: match on dev with a model fitted on train,
search by two folds.

First it learns the word-translation table that three of the match features
read (``translation_table``: IBM Model 1 on the fact-checks' claims and
headlines, no labels) and writes it beside the weights, ``translations.json.gz``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    import numpy as np
    from scipy.optimize import minimize
except ImportError:  # pragma: no cover - said in one line below
    sys.exit("training needs numpy and scipy: pip install -e '.[train]'")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import library_data as data  # noqa: E402

from factcheck.library import finding, meaning, ranking, terms  # noqa: E402
from factcheck.library.index import Candidate, Library  # noqa: E402
from factcheck.library.records import FactCheckEntry  # noqa: E402

WEIGHTS = Path(ranking.__file__).with_name("weights.json")
TRANSLATIONS = Path(ranking.__file__).with_name("translations.json.gz")
#: The least t(b | a) the shipped table keeps, and its digits: what keeps the file small.
TRANSLATION_FLOOR = 0.02
TRANSLATION_DIGITS = 3
#: A word in fewer fact-checks than this is not in the table: what EM learns of it is mostly chance.
TRANSLATION_MIN_COUNT = 2
#: The most translations kept of one word.
TRANSLATION_TOP = 8
L2 = 1.0
Table = dict[str, dict[str, float]]  # word a -> word b -> t(b | a)
#: What an ablation computes for each of a query's candidates besides ``ranking.MATCH_FEATURES``.
Extra = Callable[[str, Sequence[Candidate]], list[list[float]]]


@dataclass(frozen=True)
class Group:
    """One query's candidates: their features, and which are relevant."""

    features: np.ndarray
    relevant: np.ndarray  # bool per candidate
    ids: tuple[str, ...]  # what each candidate is (a URL, or a passage's text)
    extra: np.ndarray | None = None  # match: columns an ablation adds (``Extra``), one row per candidate


@dataclass(frozen=True)
class Sampled:
    """The groups of one query in a small library drawn at random, with and without its covering fact-check."""

    size: int
    held: Group  # the library holds the covering fact-check (in place of one of the drawn ones)
    gone: Group  # the library as drawn: nothing covering the query


def _group(rows: list[list[float]], names: Sequence[str], ids: tuple[str, ...], relevant: list[bool]) -> Group:
    return Group(np.array(rows, dtype=float).reshape(len(rows), len(names)), np.array(relevant, dtype=bool), ids)


def match_groups(
    library: Library,
    queries: Sequence[data.Query],
    absent: bool = False,
    extra: Extra | None = None,
    by_meaning: bool = False,
) -> list[Group]:
    """The features of each tweet's candidates (as ``finding.match_pool`` computes them).

    With ``absent``, the candidates of each tweet that has a covering fact-check among them, without
    those: what a library that has nothing on the claim proposes, as a desk's library mostly does.
    With ``by_meaning``, the pool and features of the model of meaning, where the library has vectors.
    """
    out = []
    for q in queries:
        kind, candidates, rows = finding.match_pool(library, q.text, finding.POOL, by_meaning=by_meaning)
        if absent:
            if not any((c.entry.url or "") in q.relevant for c in candidates):
                continue
            kind, candidates, rows = finding.match_pool(library, q.text, finding.POOL, q.relevant, by_meaning)
        out.append(_match_group(q, kind, candidates, rows, extra))
    return out


def _match_group(
    q: data.Query, kind: str, candidates: Sequence[Candidate], rows: list[list[float]], extra: Extra | None
) -> Group:
    ids = tuple(c.entry.url or "" for c in candidates)
    g = _group(rows, ranking.FEATURES[kind], ids, [i in q.relevant for i in ids])
    if extra is None:
        return g
    columns = np.array(extra(q.text, candidates), dtype=float).reshape(len(ids), -1)
    return Group(g.features, g.relevant, g.ids, columns)


def sampled_groups(
    folder: Path,
    queries: Sequence[data.Query],
    sizes: Sequence[int],
    draws: int,
    seed: int = 0,
    neighbours: Mapping[str, Sequence[FactCheckEntry]] | None = None,
    extra: Extra | None = None,
    by_meaning: bool = False,
) -> list[Sampled]:
    """Each query's candidates in libraries of ``sizes`` fact-checks drawn at random, ``draws`` of each size.

    A desk's library starts with tens of fact-checks. Each draw is one library of fact-checks that cover
    none of ``queries``; for each query it is asked with the query's ``neighbours`` (by query id) put in
    place of as many drawn ones (what a library with nothing on the claim proposes), and again with its
    covering fact-checks put in too; each change is rolled back after, so the two differ only by those.
    With ``by_meaning``, every fact-check has its vector of meaning and the model of meaning ranks.
    """
    entries = data.verified_claims()
    covering = frozenset(u for q in queries for u in q.relevant)
    by_url = {e.url: e for e in entries}
    pool = [e for e in entries if e.url not in covering]
    rng = random.Random(seed)
    out = []
    for size in sizes:
        for draw in range(draws):
            drawn = rng.sample(pool, size)
            library = Library(folder / f"{size}-{draw}")
            library.add_factchecks(drawn, "drawn")
            if by_meaning:
                library.add_meanings(encoded, meaning.MODEL)
            there = {e.url for e in drawn}
            for q in queries:
                near = [e for e in (neighbours or {}).get(q.id, ()) if e.url not in there][: size // 2]
                answer = [by_url[u] for u in sorted(q.relevant) if u in by_url]
                gone = _with(library, drawn, near, q, extra, by_meaning)
                held = _with(library, drawn, [*near, *answer], q, extra, by_meaning)
                out.append(Sampled(size, held, gone))
            library.close()
    return out


def _with(
    library: Library,
    drawn: Sequence[FactCheckEntry],
    put_in: Sequence[FactCheckEntry],
    q: data.Query,
    extra: Extra | None,
    by_meaning: bool = False,
) -> Group:
    """The query's group in the library with ``put_in`` in place of as many of ``drawn``, the library left as it was."""
    if not put_in:
        return _candidates_group(library, q, extra, by_meaning)
    library.db.execute("BEGIN")
    try:
        library.db.execute("DELETE FROM word_counts")
        for e in drawn[-len(put_in) :]:
            library.db.execute("DELETE FROM factchecks WHERE url = ?", (e.url,))
        now = _dt.datetime.now(_dt.UTC).isoformat()
        for e in put_in:
            row = library.db.execute(
                "INSERT OR IGNORE INTO factchecks (key, claim, url, publisher, headline, origin, added)"
                " VALUES (?, ?, ?, ?, ?, 'put in', ?)",
                (e.key, e.claim, e.url, e.publisher, e.headline, now),
            ).lastrowid
            if by_meaning and row:
                vector = encoded([e.claim])[0].astype("<f2").tobytes()
                library.db.execute("INSERT OR REPLACE INTO meanings (id, vector) VALUES (?, ?)", (row, vector))
        return _candidates_group(library, q, extra, by_meaning)
    finally:
        library.db.execute("ROLLBACK")


_ENCODED: dict[str, np.ndarray] = {}


def encoded(texts: list[str]) -> np.ndarray:
    """The model of meaning's vectors of ``texts``, each text encoded once per run."""
    model = meaning.encoder()
    if model is None:
        sys.exit("the model of meaning is not installed (see factcheck/library/meaning.py)")
    todo = [t for t in dict.fromkeys(texts) if t not in _ENCODED]
    if todo:
        _ENCODED.update(zip(todo, model.encode(todo), strict=True))
    return np.array([_ENCODED[t] for t in texts], dtype=np.float32).reshape(len(texts), meaning.DIMENSIONS)


def nearest(library: Library, queries: Sequence[data.Query], k: int) -> dict[str, list[FactCheckEntry]]:
    """Each query's ``k`` nearest fact-checks by the first stage in ``library``, none that covers it.

    What a desk's library holds on its beat: fact-checks on the claim's subject that do not check it.
    """
    out = {}
    for q in queries:
        candidates = library.factcheck_candidates(terms.clean_post(q.text), k + len(q.relevant))
        out[q.id] = [c.entry for c in candidates if c.entry.url not in q.relevant][:k]
    return out


def _candidates_group(library: Library, q: data.Query, extra: Extra | None, by_meaning: bool = False) -> Group:
    kind, candidates, rows = finding.match_pool(library, q.text, finding.POOL, by_meaning=by_meaning)
    return _match_group(q, kind, candidates, rows, extra)


def search_groups(library: Library, claims: Sequence[data.EvidenceClaim]) -> list[Group]:
    """The features of each claim's candidate passages; relevant: holding a SUPPORTS or REFUTES sentence."""
    out = []
    for claim in claims:
        candidates = library.passage_candidates(terms.clean_post(claim.text), finding.PASSAGES)
        ids = tuple(c.passage.text for c in candidates)
        relevant = [any(e in i for e in claim.evidence) for i in ids]
        out.append(_group(finding.passage_rows(claim.text, candidates), ranking.SEARCH_FEATURES, ids, relevant))
    return out


def fit(groups: Sequence[Group], l2: float = L2) -> tuple[np.ndarray, float]:
    """Weights (in the features' own units) and a bias, fitted to put each query's relevant candidates first."""
    useful = [g for g in groups if g.relevant.any()]
    stacked = np.vstack([g.features for g in useful])
    mean, scale = stacked.mean(0), stacked.std(0) + 1e-9
    lists = [((g.features - mean) / scale, g.relevant / g.relevant.sum()) for g in useful]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(w @ w), 2 * l2 * w
        for z, target in lists:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            total -= float(target @ np.log(p + 1e-12))
            grad = grad + z.T @ (p - target)
        return total, grad

    result = minimize(loss, np.zeros(stacked.shape[1]), jac=True, method="L-BFGS-B")
    weights = result.x / scale
    # The softmax fixes the order, not the scale: a logistic fit of the score against relevance
    # (Platt scaling) makes the shown score read as a chance that the candidate is the one.
    scores = np.concatenate([g.features @ weights for g in useful])
    labels = np.concatenate([g.relevant for g in useful]).astype(float)

    def platt(ab: np.ndarray) -> tuple[float, np.ndarray]:
        z = ab[0] * scores + ab[1]
        p = 1 / (1 + np.exp(-z))
        total = -float(labels @ np.log(p + 1e-12) + (1 - labels) @ np.log(1 - p + 1e-12))
        return total, np.array([float((p - labels) @ scores), float((p - labels).sum())])

    a, b = minimize(platt, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B").x
    return weights * a, float(b)


def ranked(group: Group, weights: np.ndarray | None) -> list[str]:
    """The group's candidates in the model's order (the index's order without weights)."""
    if weights is None or not len(group.ids):
        return list(group.ids)
    scores = group.features @ weights
    return [group.ids[i] for i in sorted(range(len(group.ids)), key=lambda i: (-scores[i], i))]


def map_at_5(groups: Sequence[Group], weights: np.ndarray | None) -> float:
    """MAP@5 over the groups; a relevant item outside the pool counts in the denominator as in the data."""
    total = 0.0
    for g in groups:
        relevant = frozenset(i for i, r in zip(g.ids, g.relevant, strict=True) if r) or frozenset({"\x00"})
        total += data.average_precision(ranked(g, weights), relevant)
    return total / len(groups)


def recall_at_5(groups: Sequence[Group], weights: np.ndarray | None) -> float:
    """The share of queries with a relevant candidate in the top five."""
    hits = 0
    for g in groups:
        order = ranked(g, weights)[:5]
        hits += any(g.relevant[g.ids.index(i)] for i in order)
    return hits / len(groups)


def folds(items: Sequence[data.EvidenceClaim]) -> tuple[list[int], list[int]]:
    """Two halves by position: every other claim."""
    return [i for i in range(len(items)) if i % 2 == 0], [i for i in range(len(items)) if i % 2 == 1]


def ibm1(pairs: Sequence[tuple[Iterable[str], Iterable[str]]], rounds: int = 8, floor: float = 0.01) -> Table:
    """t(b | a) by IBM Model 1's EM from pairs (words a, words b), with an empty word among each pair's a.

    Each b of a pair is taken to be written for one of the pair's a (or for none, the empty word); EM
    shares each b among its pair's a by the current table and re-estimates the table from the shares.
    """
    ids: dict[str, int] = {"": 0}
    keys: dict[tuple[int, int], int] = {}
    key_of, cell_of = [], []  # per co-occurrence: which (a, b) entry, which (pair, b) it shares
    cell = 0
    for source, target in pairs:
        s_ids = [0, *(ids.setdefault(w, len(ids)) for w in sorted(set(source)))]
        for w in sorted(set(target)):
            t_id = ids.setdefault(w, len(ids))
            for s_id in s_ids:
                key_of.append(keys.setdefault((s_id, t_id), len(keys)))
                cell_of.append(cell)
            cell += 1
    if not keys:
        return {}
    k, c = np.array(key_of), np.array(cell_of)
    source_of = np.array([s for s, _ in keys])
    t = np.ones(len(keys))
    for _ in range(rounds):
        v = t[k]
        share = v / np.bincount(c, v)[c]
        counts = np.bincount(k, share, minlength=len(keys))
        t = counts / np.bincount(source_of, counts)[source_of]
    words = {i: w for w, i in ids.items()}
    out: Table = {}
    for (s_id, t_id), i in keys.items():
        if s_id and t[i] >= floor:
            out.setdefault(words[s_id], {})[words[t_id]] = float(t[i])
    return out


def translation_table(entries: Iterable[FactCheckEntry]) -> dict[str, object]:
    """The word-translation table ``ranking.translations`` reads, learnt from fact-checks' claims and headlines.

    A claim and its headline say one thing twice, so each pair is read both ways; no query and no
    label is needed, so the table carries over to any library's fact-checks and says nothing of the
    tweets the quality scripts measure on.
    """
    pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    counts: Counter[str] = Counter()
    for e in entries:
        claim, headline = ranking.Text.of(e.claim).stems, ranking.Text.of(e.headline or "").stems
        counts.update(claim | headline)
        if claim and headline:
            pairs += [(claim, headline), (headline, claim)]
    table = {}
    for a, row in sorted(ibm1(pairs, floor=TRANSLATION_FLOOR).items()):
        if counts[a] < TRANSLATION_MIN_COUNT:
            continue
        kept = sorted(((p, b) for b, p in row.items() if counts[b] >= TRANSLATION_MIN_COUNT), reverse=True)
        if kept:
            table[a] = {b: round(p, TRANSLATION_DIGITS) for p, b in sorted(kept[:TRANSLATION_TOP], key=lambda x: x[1])}
    used = {a for a in table} | {b for row in table.values() for b in row}
    return {"total": sum(counts.values()), "counts": {w: counts[w] for w in sorted(used)}, "table": table}


def exported(names: Sequence[str], weights: np.ndarray, bias: float) -> dict[str, object]:
    return {"bias": round(bias, 6), "weights": {n: round(float(w), 6) for n, w in zip(names, weights, strict=True)}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS, help=f"where to write the weights (default: {WEIGHTS})")
    args = data.arguments(parser, argv)
    try:
        # The match features read the shipped table: it is learnt and written first.
        table = translation_table(data.verified_claims())
        text = json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n"
        # Without a time stamp in the header, the same data give the same file.
        TRANSLATIONS.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        ranking.translations.cache_clear()
        print(f"wrote {TRANSLATIONS} ({TRANSLATIONS.stat().st_size:,} bytes)")
        with data.temporary_folder() as tmp:
            library = data.matching_library(Path(tmp) / "match")
            train = match_groups(library, data.queries("train"))
            dev = match_groups(library, data.queries("dev"))
            w, _ = fit(train)
            print(
                f"match, dev MAP@5: BM25 {map_at_5(dev, None):.3f}, re-ranked (fitted on train) {map_at_5(dev, w):.3f}"
            )
            match_w, match_b = fit(train + dev)
            # With meaning: the same tweets, BM25's candidates and the nearest in meaning together.
            library.add_meanings(encoded, meaning.MODEL)
            train = match_groups(library, data.queries("train"), by_meaning=True)
            dev = match_groups(library, data.queries("dev"), by_meaning=True)
            w, _ = fit(train)
            print(f"match with meaning, dev MAP@5: re-ranked (fitted on train) {map_at_5(dev, w):.3f}")
            meaning_w, meaning_b = fit(train + dev)
            claims, articles = data.evidence_claims()
            pages = Path(tmp) / "pages"
            pages.mkdir()
            data.write_pages(articles, pages)
            library = data.document_library(pages, Path(tmp) / "search")
            groups = search_groups(library, claims)
            a, b = folds(claims)
            half = [(a, b), (b, a)]
            cv = 0.0
            for fit_on, test_on in half:
                w, _ = fit([groups[i] for i in fit_on])
                cv += recall_at_5([groups[i] for i in test_on], w) * len(test_on)
            print(
                f"search, recall@5: BM25 {recall_at_5(groups, None):.3f}, re-ranked (two folds) {cv / len(claims):.3f}"
            )
            search_w, search_b = fit(groups)
    except data.MissingData as exc:
        print(f"train_library: {exc}; nothing written", file=sys.stderr)
        return 0
    weights = {
        "match": exported(ranking.MATCH_FEATURES, match_w, match_b),
        "match_meaning": exported(ranking.FEATURES["match_meaning"], meaning_w, meaning_b),
        "search": exported(ranking.SEARCH_FEATURES, search_w, search_b),
    }
    args.out.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
