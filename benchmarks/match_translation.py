"""What a word-translation table learnt from matched pairs adds to ``match``: dev, cross-validation and transfer.

    pip install -e '.[train]'
    python benchmarks/match_translation.py [--data DIR] [--only NAME,...]

Reads ../shared/data/claim-matching/ (see match_quality.py).  A tweet and the
fact-check that covers it say one thing in two vocabularies ("jab" and
"vaccine", "POTUS" and "Trump").  IBM Model 1 (Brown et al. 1993), used for
retrieval as a translation language model (Berger and Lafferty 1999), learns
by EM how likely each fact-check word is to be written as each tweet word,
t(q|d), from the pairs themselves.  Features of a tweet and a candidate:

  tlm     the translation language model's log-likelihood of the tweet's
          words given the fact-check's, per word, minus the best candidate's
  gap     the share of the tweet's words the fact-check does not hold, each
          counted by its best translation from a fact-check word
  rgap    the same the other way: the fact-check's words the tweet lacks,
          through a table learnt from fact-check to tweet

Tables and models (``--only`` picks among them):

  none     the shipped features without the three translation ones
  shipped  the shipped features: the table ``train_library.py`` writes
           (claims and headlines, pruned; the likelihood not relative)
  pairs    learnt on train's tweet-fact-check pairs
  self     learnt on the library's own claim-headline pairs (no labels)
  both     the two tables averaged

Each line prints dev MAP@5 with the model and the table fitted on train, the
5-fold cross-validation on train with the table fitted on the four training
folds, and transfer: fitted on tweets dated up to 2018 and tested on those of
2019-2020; fitted on tweets whose covering fact-check is not about US
politics and tested on those whose is, and the other way; and dev split into
the tweets whose covering fact-check train also covers and those it does not.
The re-ranker's training features come from tables fitted on the other folds
of its own training tweets ("cross-fitted"), as a table fitted on a tweet
rates that tweet's pair too well.

With ``--speed`` it times instead ``finding.match`` (top 5) on every train
and dev tweet in the 10,375 fact-checks, each tweet with the table and with
the three features computed as zeros, one after the other, so the machine's
load weighs on both alike: the median and 95th percentile of each, and their
ratio.  Without the data it says so and exits.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

try:
    import numpy as np
except ImportError:  # pragma: no cover - said in one line
    sys.exit("the translation bench needs numpy and scipy: pip install -e '.[train]'")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import library_data as data  # noqa: E402
import train_library as training  # noqa: E402

from factcheck.library import ranking, terms  # noqa: E402

Table = dict[str, dict[str, float]]  # source word -> target word -> probability
NULL = ""
#: Words about US politics: a covering fact-check holding one puts its tweet on the "politics" side.
POLITICS = frozenset(
    "trump obama clinton hillary biden pelosi democrat democrats republican republicans gop senator senate"
    " congress congressman congresswoman president presidential white house mueller impeachment kavanaugh"
    " sanders bernie mcconnell ocasio cortez omar schiff comey election vote voters".split()
)
_YEAR = re.compile(r"[A-Z][a-z]+\.? \d{1,2}, (\d{4})\s*$")


def stems(text: str) -> frozenset[str]:
    """What the re-ranking compares: content words cut to five letters."""
    return ranking.Text.of(text).stems


ibm1 = training.ibm1


def invert(table: Table) -> Table:
    """target word -> source word -> t(target | source), for looking up a query's words."""
    out: Table = defaultdict(dict)
    for s, ws in table.items():
        for w, p in ws.items():
            out[w][s] = p
    return out


class Features:
    """The translation features of a query's candidates, from a table each way and the library's word counts."""

    def __init__(self, forward: Table, backward: Table, background: Counter[str], texts: dict[str, frozenset[str]]):
        self.forward = invert(forward)  # tweet word -> fact-check word -> t(tweet word | fact-check word)
        self.backward = backward  # tweet word -> fact-check word -> t(fc word | tweet word)
        total = sum(background.values())
        self.background = {w: c / total for w, c in background.items()}
        self.floor = 0.5 / total
        self.texts = texts

    def rows(self, query: frozenset[str], ids: Sequence[str]) -> np.ndarray:
        # What each fact-check word may stand for among the query's words, gathered once per query.
        order = sorted(query)
        into: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, q in enumerate(order):
            for d, p in self.forward.get(q, {}).items():
                into[d].append((i, p))
        back: dict[str, float] = defaultdict(float)
        for q in order:
            for d, p in self.backward.get(q, {}).items():
                back[d] = max(back[d], p)
        prior = [0.2 * self.background.get(q, self.floor) for q in order]
        out = []
        for url in ids:
            words = self.texts[url]
            n_d = max(len(words), 1)
            total = [0.0] * len(order)
            best = [0.0] * len(order)
            for d in words & into.keys():
                for i, p in into[d]:
                    total[i] += p
                    best[i] = max(best[i], p)
            tlm = gap = 0.0
            for i, q in enumerate(order):
                p = total[i] / n_d
                if q in words:
                    p = 0.5 * p + 0.5 / n_d
                else:
                    gap += best[i]
                tlm += math.log(0.8 * p + prior[i])
            rgap = sum(back.get(d, 0.0) for d in words - query)
            n = max(len(order), 1)
            out.append([tlm / n, gap / n, rgap / n_d])
        rows = np.array(out, dtype=float).reshape(len(ids), 3)
        if len(ids):
            rows[:, 0] -= rows[:, 0].max()
        return rows


class Bench:
    """Train and dev groups, the texts of the fact-checks, and what a query is about and when."""

    def __init__(self) -> None:
        self.tmp = data.temporary_folder()
        library = data.matching_library(Path(self.tmp.__enter__()))
        self.train_q, self.dev_q = data.queries("train"), data.queries("dev")
        self.train = training.match_groups(library, self.train_q)
        self.dev = training.match_groups(library, self.dev_q)
        entries = [e for e, _ in library.factchecks()]
        self.claims = {e.url or "": e for e in entries}
        self.texts = {u: stems(e.claim) | stems(e.headline or "") for u, e in self.claims.items()}
        self.background: Counter[str] = Counter(w for ws in self.texts.values() for w in ws)
        self.query_stems = {q.id: stems(terms.clean_post(q.text)) for q in (*self.train_q, *self.dev_q)}
        self._self: tuple[Table, Table] | None = None
        library.close()

    def self_tables(self) -> tuple[Table, Table]:
        """t learnt on the library's claim-headline pairs, each way round (no labels: fitted once)."""
        if self._self is None:
            pairs = []
            for e in self.claims.values():
                a, b = stems(e.claim), stems(e.headline or "")
                pairs += [(a, b), (b, a)]
            table = ibm1(pairs)
            self._self = (table, table)
        return self._self

    def features(self, queries: Sequence[data.Query], kind: str) -> Features:
        """The features with tables of ``kind`` fitted on ``queries`` (and the library, for self and both)."""
        tables: list[tuple[Table, Table]] = []
        if kind in ("pairs", "both"):
            forward = [(self.texts[u], self.query_stems[q.id]) for q in queries for u in q.relevant if u in self.texts]
            tables.append((ibm1(forward), ibm1([(t, s) for s, t in forward])))
        if kind in ("self", "both"):
            tables.append(self.self_tables())
        return Features(mixed([f for f, _ in tables]), mixed([b for _, b in tables]), self.background, self.texts)


def mixed(tables: Sequence[Table]) -> Table:
    """The mean of ``tables``: each translation's probability averaged over them."""
    out: Table = defaultdict(dict)
    for table in tables:
        for s, ws in table.items():
            for w, p in ws.items():
                out[s][w] = out[s].get(w, 0.0) + p / len(tables)
    return out


#: The features before the translation ones: the model the variants add to.
BASE = ranking.MATCH_FEATURES.index("translation_likelihood")


def base(groups: Sequence[training.Group]) -> list[training.Group]:
    """The groups without the shipped translation features."""
    return [training.Group(g.features[:, :BASE], g.relevant, g.ids) for g in groups]


def with_extra(
    groups: Sequence[training.Group], queries: Sequence[data.Query], f: Features, bench: Bench, cols: Sequence[int]
) -> list[training.Group]:
    out = []
    for g, q in zip(groups, queries, strict=True):
        extra = f.rows(bench.query_stems[q.id], g.ids)[:, list(cols)]
        out.append(training.Group(np.hstack([g.features[:, :BASE], extra]), g.relevant, g.ids))
    return out


def cross_fitted(
    bench: Bench, groups: Sequence[training.Group], queries: Sequence[data.Query], kind: str, cols: Sequence[int]
) -> list[training.Group]:
    """The groups with features from tables fitted on the other four fifths of them (the library's own part kept)."""
    out: list[training.Group | None] = [None] * len(groups)
    for k in range(5):
        others = [q for i, q in enumerate(queries) if i % 5 != k]
        f = bench.features(others, kind)
        held = [i for i in range(len(groups)) if i % 5 == k]
        for i, g in zip(held, with_extra([groups[i] for i in held], [queries[i] for i in held], f, bench, cols)):
            out[i] = g
    return [g for g in out if g is not None]


def evaluate(
    bench: Bench,
    fit_on: Sequence[int],
    test_on: Sequence[int] | None,
    kind: str | None,
    cols: Sequence[int],
    test_dev: Sequence[int] | None = None,
) -> float:
    """MAP@5 on train's ``test_on`` (or dev's ``test_dev``), model and table fitted on train's ``fit_on``."""
    fit_q = [bench.train_q[i] for i in fit_on]
    fit_g = [bench.train[i] for i in fit_on]
    if test_dev is not None:
        test_q, test_g = [bench.dev_q[i] for i in test_dev], [bench.dev[i] for i in test_dev]
    else:
        assert test_on is not None
        test_q, test_g = [bench.train_q[i] for i in test_on], [bench.train[i] for i in test_on]
    if kind is None:
        w, _ = training.fit(base(fit_g))
        return training.map_at_5(base(test_g), w)
    if kind == "shipped":
        w, _ = training.fit(fit_g)
        return training.map_at_5(test_g, w)
    f = bench.features(fit_q, kind)
    w, _ = training.fit(cross_fitted(bench, fit_g, fit_q, kind, cols))
    return training.map_at_5(with_extra(test_g, test_q, f, bench, cols), w)


def splits(bench: Bench) -> dict[str, tuple[list[int], list[int] | None, list[int] | None]]:
    """name -> (train tweets to fit on, train tweets to test on, dev tweets to test on)."""
    n, every = len(bench.train_q), range(len(bench.train_q))
    years = {}
    for i, q in enumerate(bench.train_q):
        m = _YEAR.search(q.text)
        years[i] = int(m.group(1)) if m else None
    political = {
        i
        for i, q in enumerate(bench.train_q)
        if any(
            set(terms.words(bench.claims[u].claim + " " + (bench.claims[u].headline or ""))) & POLITICS
            for u in q.relevant
            if u in bench.claims
        )
    }
    covered = {u for q in bench.train_q for u in q.relevant}
    seen = [i for i, q in enumerate(bench.dev_q) if q.relevant & covered]
    unseen = [i for i, q in enumerate(bench.dev_q) if not q.relevant & covered]
    out: dict[str, tuple[list[int], list[int] | None, list[int] | None]] = {
        "dev": (list(every), None, list(range(len(bench.dev_q)))),
        f"dev, covering fact-check also in train ({len(seen)})": (list(every), None, seen),
        f"dev, covering fact-check new ({len(unseen)})": (list(every), None, unseen),
    }
    early = [i for i in every if years[i] is not None and years[i] <= 2018]
    late = [i for i in every if years[i] is not None and years[i] >= 2019]
    out[f"time: fit <= 2018 ({len(early)}), test 2019-20 ({len(late)})"] = (early, late, None)
    other = [i for i in every if i not in political]
    out[f"topic: fit not politics ({len(other)}), test politics ({len(political)})"] = (other, sorted(political), None)
    out[f"topic: fit politics ({len(political)}), test not politics ({len(other)})"] = (sorted(political), other, None)
    del n
    return out


def cv(bench: Bench, kind: str | None, cols: Sequence[int]) -> float:
    total = 0.0
    n = len(bench.train_q)
    for k in range(5):
        fit_on = [i for i in range(n) if i % 5 != k]
        test_on = [i for i in range(n) if i % 5 == k]
        total += evaluate(bench, fit_on, test_on, kind, cols) * len(test_on)
    return total / n


def speed() -> int:
    """Time ``finding.match`` per tweet with the translation features and with them as zeros, interleaved."""
    import time

    from factcheck.library import finding

    queries = [*data.queries("train"), *data.queries("dev")]
    with data.temporary_folder() as tmp:
        library = data.matching_library(Path(tmp))
        size = library.stats().factchecks
        real = ranking.translated
        times: dict[str, list[float]] = {"with the table": [], "without": []}
        for q in queries[:20]:  # the words of the library counted, the table read: as a running desk has them
            finding.match(library, q.text, 5)
        try:
            for q in queries:
                for name in times:
                    ranking.translated = real if name == "with the table" else _zeros  # type: ignore[assignment]
                    start = time.perf_counter()
                    finding.match(library, q.text, 5)
                    times[name].append((time.perf_counter() - start) * 1000)
        finally:
            ranking.translated = real  # type: ignore[assignment]
        library.close()
    figures = {name: (float(np.median(t)), float(np.percentile(t, 95))) for name, t in times.items()}
    for name, (median, p95) in figures.items():
        print(
            f"match, {name:15s} median {median:6.2f} ms, p95 {p95:6.2f} ms ({len(queries)} tweets, {size:,} fact-checks)"
        )
    ratio = figures["with the table"][0] / figures["without"][0]
    print(f"ratio of the medians, with / without: {ratio:.2f}")
    return 0


def _zeros(query: frozenset[str], words: frozenset[str], table: object = None) -> tuple[float, float, float]:
    return 0.0, 0.0, 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        default="none,shipped,pairs,self,both",
        help="tables and models to try (default: all)",
    )
    parser.add_argument("--cols", default="0,1,2;0;1;2", help="feature columns, ';' between variants")
    parser.add_argument("--speed", action="store_true", help="time match with and without the table instead")
    args = data.arguments(parser)
    if args.speed:
        try:
            return speed()
        except data.MissingData as exc:
            print(f"match_translation: {exc}; nothing measured")
            return 0
    try:
        bench = Bench()
    except data.MissingData as exc:
        print(f"match_translation: {exc}; nothing measured")
        return 0
    variants: list[tuple[str, str | None, list[int]]] = []
    names = ("tlm", "gap", "rgap")
    for kind in args.only.split(","):
        if kind == "none":
            variants.append(("without translation features", None, []))
            continue
        if kind == "shipped":
            variants.append(("shipped: table of claims and headlines", "shipped", []))
            continue
        for cols in args.cols.split(";"):
            chosen = [int(c) for c in cols.split(",")]
            variants.append((f"+ {kind}: {' '.join(names[c] for c in chosen)}", kind, chosen))
    cases = splits(bench)
    print(f"{'':40s} {'cv':>6s} " + " ".join(f"{i:>6d}" for i in range(len(cases))), flush=True)
    for i, name in enumerate(cases):
        print(f"  column {i}: {name}")
    for label, kind, chosen in variants:
        figures = [cv(bench, kind, chosen)]
        for fit_on, test_on, test_dev in cases.values():
            figures.append(evaluate(bench, fit_on, test_on, kind, chosen, test_dev))
        print(f"{label:40s} " + " ".join(f"{x:6.3f}" for x in figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
