"""How well the check-worthiness scorers rank and pick check-worthy sentences, side by side in one run.

    pip install -e '.[train]'
    python benchmarks/worthiness_quality.py [--quick] [--ablations] [--data DIR]

Reads ../shared/data/checkworthiness/ beside this repository (see that
folder's README), retrains the model for every held-out part, and compares it
with the hand-written rules (``worthiness.rules.score``), a digits-and-capitals
heuristic and a plain TF-IDF + logistic regression (the floor to beat):

(a) CLEF CheckThat! 2019 leave-one-debate-out MAP: for each of the 19 training
    debates, train on everything but that debate (the other debates are used by
    the floor; ClaimBuster minus every sentence that could come from the held-out
    debate by both), rank the held-out debate's sentences and take the average
    precision of its check-worthy ones; MAP is the mean over the debates.
    "TF-IDF + LR, CLEF debates only" learns from the other 18 debates alone
    (and, for (b), from all 19 less any sentence ClaimBuster holds).
(b) ClaimBuster 5-fold (stratified, seed 0): out-of-fold precision, recall and F1
    of the check-worthy class at each system's default threshold.  The training
    file is 25% positive while the held-out benchmark is balanced, so "F1 bal"
    counts each negative with weight positives/negatives (1,994/5,977): the F1 the
    same scores would get on a balanced set.  That is the F1 the targets speak
    of; "F1 raw" is the plain F1 on the 25%-positive folds.  "CB AP" is the
    average precision of the out-of-fold ranking.
(c) The threshold sweep of the shipped model (ClaimBuster out-of-fold, and the
    labelled articles of tests/data/extract scored by the shipped weights as
    extract scores them), from which the default threshold is chosen: on the
    ClaimBuster folds, never on the articles.

"+ context" is the model with its context weights (``train_worthiness.CONTEXT``):
a second logistic regression, on top of each sentence's own score, over the
neighbours' scores, whether it follows a question and its place in a speaker's
turn.  In (a) the context weights learn from the other 18 debates; in (b) from
all 19 (as shipped), applied to ClaimBuster's neighbours by sentence id (the
file holds about a third of them); in (d) from ClaimBuster alone.

Ties in a ranking are broken in a fixed random order (seed 0): the ClaimBuster
file lists its positives first, and scorers with few distinct values would
otherwise be credited with that order.  Targets: MAP >= 0.20 and ClaimBuster
F1 (balanced) >= 0.85 at the default threshold, both above the floor.

(d) Transfer, which the folds above do not tell: each system trained on
    ClaimBuster only (without 2016's debates and any sentence of a CLEF debate)
    and tested on the 19 CLEF debates (MAP), and trained on the CLEF debates
    only and tested on ClaimBuster (average precision, and F1 balanced at the
    system's threshold).  A scorer that does well on folds of its own data
    and poorly here will do poorly on another genre.

(e) The published news articles of tests/data/extract pooled, scored as extract scores them:
    every scorer at its default threshold, the average precision of its ranking,
    and the best precision any threshold would give at recall >= 0.95 (a ceiling,
    not a setting), and at the default threshold the development articles and the
    first three reports apart; the model trained as shipped less the quotation
    cues, and less the reported-view cue alone, each with and without context;
    the rules; TF-IDF + LR trained on ClaimBuster and on the CLEF debates.
(f) The model and the rules together, on the debates, ClaimBuster and the news articles: their mean, both
    agreeing (the lower score), and a logistic regression over the two logits learnt on ClaimBuster's or the
    debates' held-out scores (never on the articles).  Settings for news are chosen on the news development
    articles only (``"split": "development"`` in their labels), leave-one-article-out: for each, the threshold
    with the best precision at recall >= 0.95 on the other development articles, applied to it, the held-out
    articles pooled; and the setting itself (scorer, and the default or a news threshold) chosen so.  What
    is chosen on all of them is then confirmed on the first three news reports, which no choice saw, and on
    every published news article.  Only a held-out figure says what a setting for news would do on other news.

--quick runs (b) and (c) only (about a minute); --transfer runs (d) only, with the candidate settings;
--ablations adds the trained model's variants (what the rules' cues and score, the NB scaling and the CLEF
debates each bring) to (a) and (b), about 2 minutes each.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    import numpy as np
    import scipy.sparse as sp
    from scipy.special import expit
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
except ImportError:  # pragma: no cover - said in one line below
    sys.exit("this benchmark needs numpy, scipy and scikit-learn: pip install -e '.[train]'")

import train_worthiness as T  # noqa: E402 - beside this script

from factcheck.model.defaults import MIN_SCORE  # noqa: E402
from factcheck.text import segment, worthiness  # noqa: E402

ARTICLES = T.REPO / "tests" / "data" / "extract"
SEED = 0
FLOOR_THRESHOLD = 0.5  # a plain classifier's own
SWEEP = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


# --- the baselines ---------------------------------------------------------------------


def heuristic(text: str) -> float:
    """Digits and capitals: 0.6 for any digit, up to 0.4 for capitalised words after the first."""
    words = text.split()
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return 0.6 * bool(re.search(r"\d", text)) + 0.4 * min(caps, 3) / 3


class Floor:
    """TF-IDF (word 1-2 grams, sublinear tf) + logistic regression, classes balanced."""

    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray) -> Floor:
        self.vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self.lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000, solver="liblinear")
        self.lr.fit(self.vec.fit_transform(texts), y)
        return self

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.lr.predict_proba(self.vec.transform(texts))[:, 1]


# --- metrics ---------------------------------------------------------------------------


def average_precision(scores: Sequence[float] | np.ndarray, labels: Sequence[int] | np.ndarray) -> float:
    """Average precision of a ranking by score, ties in a fixed random order."""
    s = np.asarray(scores, float)
    y = np.asarray(labels)
    tiebreak = np.random.default_rng(SEED).permutation(len(s))
    order = np.lexsort((tiebreak, -s))
    hits = np.cumsum(y[order])
    pos = y[order] == 1
    ranks = np.arange(1, len(s) + 1)
    return float((hits[pos] / ranks[pos]).mean()) if pos.any() else 0.0


def prf(
    pred: Sequence[bool] | np.ndarray, labels: Sequence[int] | np.ndarray, neg_weight: float = 1.0
) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class, each negative counting ``neg_weight``."""
    p_ = np.asarray(pred, bool)
    y = np.asarray(labels) == 1
    tp = float((p_ & y).sum())
    fp = float((p_ & ~y).sum()) * neg_weight
    fn = float((~p_ & y).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- the benchmarks --------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A way to train the model: its settings and the weight of a CLEF sentence (0: not used)."""

    name: str
    cfg: T.Config = T.Config()
    w_clef: float = 0.0


class Bench:
    def __init__(self, data: Path, lodo: bool) -> None:
        self.cb = T.claimbuster(data)
        self.clef = T.clef(data) if lodo else []
        self.yb = np.array([s.label for s in self.cb])
        self.yc = np.array([s.label for s in self.clef], dtype=int)
        self.gc = np.array([s.group for s in self.clef])
        self.debates = sorted(set(self.gc))
        self.folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(np.zeros(len(self.cb)), self.yb))
        self.neg_weight = self.yb.sum() / (len(self.yb) - self.yb.sum())
        self._X: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
        self._cb_norm = [T.norm_text(s.text) for s in self.cb]
        self._clef_norm = [T.norm_text(s.text) for s in self.clef]

    def matrices(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The design matrices of ClaimBuster and the CLEF debates, built once."""
        if self._X is None:
            self._X = (T.featurize([s.text for s in self.cb]), T.featurize([s.text for s in self.clef]))
        return self._X

    def lodo_rows(self, debate: str) -> tuple[np.ndarray, np.ndarray]:
        """The ClaimBuster and CLEF rows that may train a model tested on ``debate``."""
        held = [s for s in self.clef if s.group == debate]
        return np.array(T.claimbuster_without(debate, held, self.cb)), self.gc != debate

    def fold_rows(self, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ClaimBuster training fold, and the CLEF sentences whose text is not in the test fold."""
        cb = np.zeros(len(self.cb), bool)
        cb[train] = True
        held = {self._cb_norm[i] for i in test}
        return cb, np.array([n not in held for n in self._clef_norm], dtype=bool)

    def static(self, fn: Callable[[str], float]) -> tuple[np.ndarray, np.ndarray]:
        return np.array([fn(s.text) for s in self.clef]), np.array([fn(s.text) for s in self.cb])

    def floor(self) -> tuple[np.ndarray, np.ndarray]:
        lodo = np.zeros(len(self.clef))
        for d in self.debates:
            cb_rows, clef_rows = self.lodo_rows(d)
            tr = [s for s, k in zip(self.cb, cb_rows) if k] + [s for s, k in zip(self.clef, clef_rows) if k]
            f = Floor().fit([s.text for s in tr], [s.label for s in tr])
            lodo[self.gc == d] = f.proba([s.text for s in self.clef if s.group == d])
        cbs = np.zeros(len(self.cb))
        for tr_i, te_i in self.folds:
            f = Floor().fit([self.cb[i].text for i in tr_i], self.yb[tr_i])
            cbs[te_i] = f.proba([self.cb[i].text for i in te_i])
        return lodo, cbs

    def floor_clef(self) -> tuple[np.ndarray, np.ndarray]:
        """The floor trained on the CLEF debates alone: on the other 18 for each debate, on all 19
        (less any sentence ClaimBuster holds) for ClaimBuster."""
        lodo = np.zeros(len(self.clef))
        for d in self.debates:
            tr = [s for s in self.clef if s.group != d]
            f = Floor().fit([s.text for s in tr], [s.label for s in tr])
            lodo[self.gc == d] = f.proba([s.text for s in self.clef if s.group == d])
        _, clef_ok = self.transfer_rows()
        tr = [s for s, k in zip(self.clef, clef_ok) if k]
        f = Floor().fit([s.text for s in tr], [s.label for s in tr])
        return lodo, f.proba([s.text for s in self.cb])

    def _fit(self, variant: Variant, cb_rows: np.ndarray, clef_rows: np.ndarray) -> T.Fitted:
        Xb, Xc = self.matrices()
        w_clef = variant.w_clef if len(self.clef) else 0.0
        X = sp.vstack([Xb[cb_rows], Xc[clef_rows]]).tocsr() if w_clef else Xb[cb_rows]
        y = np.concatenate([self.yb[cb_rows], self.yc[clef_rows]]) if w_clef else self.yb[cb_rows]
        w = np.concatenate([np.ones(cb_rows.sum()), np.full(clef_rows.sum(), w_clef)]) if w_clef else np.ones(len(y))
        return T.fit(X, y, w, variant.cfg)

    def trained(self, variant: Variant) -> tuple[np.ndarray, np.ndarray]:
        Xb, Xc = self.matrices()
        lodo = np.zeros(len(self.clef))
        for d in self.debates:
            held = self.gc == d
            lodo[held] = self._fit(variant, *self.lodo_rows(d)).proba(Xc[held])
        cbs = np.zeros(len(self.cb))
        for tr_i, te_i in self.folds:
            cbs[te_i] = self._fit(variant, *self.fold_rows(tr_i, te_i)).proba(Xb[te_i])
        return lodo, cbs

    def transfer_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """ClaimBuster rows that may train a model tested on every CLEF debate, and CLEF rows for one tested on
        ClaimBuster: none whose text is in the other source, and no ClaimBuster sentence of 2016's debates."""
        clef_texts = set(self._clef_norm)
        cb_texts = set(self._cb_norm)
        cb = np.array(
            [n not in clef_texts and s.sid < T.CB_2016_FIRST_ID for s, n in zip(self.cb, self._cb_norm)], dtype=bool
        )
        return cb, np.array([n not in cb_texts for n in self._clef_norm], dtype=bool)

    def transfer(
        self, fit: Callable[[np.ndarray, np.ndarray, int], Callable[[np.ndarray], np.ndarray]], threshold: float
    ) -> dict[str, float]:
        """Trained on one source, tested on the other: MAP over the CLEF debates of a model that saw only
        ClaimBuster, and AP and F1 (balanced) on ClaimBuster of one that saw only the CLEF debates.

        ``fit(cb_rows, clef_rows, which)`` trains on those rows and returns a scorer of row indices of
        ``which`` (0: ClaimBuster, 1: CLEF).
        """
        cb_ok, clef_ok = self.transfer_rows()
        none_cb, none_clef = np.zeros(len(self.cb), bool), np.zeros(len(self.clef), bool)
        to_clef = fit(cb_ok, none_clef, 1)(np.arange(len(self.clef)))
        aps = [average_precision(to_clef[self.gc == d], self.yc[self.gc == d]) for d in self.debates]
        clef_texts = set(self._clef_norm)
        test = np.array([i for i, n in enumerate(self._cb_norm) if n not in clef_texts])
        to_cb = fit(none_cb, clef_ok, 0)(test)
        _, _, f = prf(to_cb >= threshold, self.yb[test], self.neg_weight)
        return {
            "cb_to_clef_map": float(np.mean(aps)),
            "clef_to_cb_ap": average_precision(to_cb, self.yb[test]),
            "clef_to_cb_f1": f,
        }

    def floor_fit(self, cb_rows: np.ndarray, clef_rows: np.ndarray, which: int) -> Callable[[np.ndarray], np.ndarray]:
        tr = [s for s, k in zip(self.cb, cb_rows) if k] + [s for s, k in zip(self.clef, clef_rows) if k]
        f = Floor().fit([s.text for s in tr], [s.label for s in tr])
        pool = self.clef if which else self.cb
        return lambda rows: f.proba([pool[i].text for i in rows])

    def model_fit(
        self, variant: Variant
    ) -> Callable[[np.ndarray, np.ndarray, int], Callable[[np.ndarray], np.ndarray]]:
        def fit(cb_rows: np.ndarray, clef_rows: np.ndarray, which: int) -> Callable[[np.ndarray], np.ndarray]:
            # Trained on one source alone: the CLEF rows weigh as the variant says, or 1 when they are all there is.
            w_clef = variant.w_clef or 1.0
            Xb, Xc = self.matrices()
            X = sp.vstack([Xb[cb_rows], Xc[clef_rows]]).tocsr()
            y = np.concatenate([self.yb[cb_rows], self.yc[clef_rows]])
            w = np.concatenate([np.ones(cb_rows.sum()), np.full(clef_rows.sum(), w_clef)])
            fitted = T.fit(X, y, w, variant.cfg)
            pool = Xc if which else Xb
            return lambda rows: fitted.proba(pool[rows])

        return fit

    # --- context: the sentence scores moved by the neighbours' scores and the speakers' turns ---------

    def context_lodo(self, lodo: np.ndarray) -> np.ndarray:
        """Leave-one-debate-out with context: the context weights learn from the other 18 debates.

        ``lodo``: each debate's sentence probabilities from the model that did not see it.
        """
        logits = _logit(lodo)
        Z = T.context_matrix(self.clef, T.around_debates(self.clef), logits)
        out = np.zeros(len(self.clef))
        for d in self.debates:
            held = self.gc == d
            v = T.fit_context(logits[~held], Z[~held], self.yc[~held])
            out[held] = expit(logits[held] + Z[held] @ v)
        return out

    def context_folds(self, lodo: np.ndarray, cbs: np.ndarray) -> np.ndarray:
        """ClaimBuster's out-of-fold scores with context (the file's neighbours by sentence id), the
        context weights learnt from all 19 debates' leave-one-debate-out scores, as shipped."""
        logits = _logit(lodo)
        v = T.fit_context(logits, T.context_matrix(self.clef, T.around_debates(self.clef), logits), self.yc)
        cb_logits = _logit(cbs)
        return expit(cb_logits + T.context_matrix(self.cb, T.around_claimbuster(self.cb), cb_logits) @ v)

    def context_transfer(self, cbs: np.ndarray) -> float:
        """ClaimBuster -> CLEF MAP with context: the sentence model and the context weights both learn
        from ClaimBuster alone (its neighbours by sentence id, its out-of-fold scores; it has no speakers)."""
        cb_ok, _ = self.transfer_rows()
        none_clef = np.zeros(len(self.clef), bool)
        to_clef = _logit(self.model_fit(SHIPPED)(cb_ok, none_clef, 1)(np.arange(len(self.clef))))
        cb_logits = _logit(cbs)
        Zb = T.context_matrix(self.cb, T.around_claimbuster(self.cb), cb_logits)
        v = T.fit_context(cb_logits[cb_ok], Zb[cb_ok], self.yb[cb_ok])
        scores = to_clef + T.context_matrix(self.clef, T.around_debates(self.clef), to_clef) @ v
        return float(np.mean([average_precision(scores[self.gc == d], self.yc[self.gc == d]) for d in self.debates]))

    def row(self, name: str, lodo: np.ndarray, cbs: np.ndarray, threshold: float) -> dict[str, object]:
        aps = [average_precision(lodo[self.gc == d], self.yc[self.gc == d]) for d in self.debates]
        p, r, f = prf(cbs >= threshold, self.yb, self.neg_weight)
        _, _, f_raw = prf(cbs >= threshold, self.yb)
        return {
            "name": name,
            "map": float(np.mean(aps)) if aps else float("nan"),
            "aps": aps,
            "threshold": threshold,
            "p": p,
            "r": r,
            "f1": f,
            "f1_raw": f_raw,
            "cb_ap": average_precision(cbs, self.yb),
        }


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


# --- the labelled articles -------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    name: str
    units: list[segment.Segment]
    labels: list[int]
    names: set[str]
    genre: str = ""
    development: bool = False  # of the news development set: settings for news are chosen on these
    constructed: bool = False  # written for the tests, not published


def articles() -> list[Article]:
    out = []
    for path in sorted(ARTICLES.glob("*.labels.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        units = segment.segments((path.parent / spec["article"]).read_text(encoding="utf-8"))
        names = worthiness.known_names([u.text for u in units])
        out.append(
            Article(
                path.name.removesuffix(".labels.json"),
                units,
                [int(label) for label, _ in spec["units"]],
                names,
                spec.get("genre", ""),
                spec.get("split") == "development",
                "constructed" in spec,
            )
        )
    return out


def in_context(a: Article) -> np.ndarray:
    """The shipped scores of an article's units as extract scores them: each beside its neighbours,
    and a news page's furniture (never proposed) at 0 and no one's neighbour."""
    read = [i for i, u in enumerate(a.units) if u.kind not in segment.FURNITURE]
    scores = np.zeros(len(a.units))
    got = worthiness.score_units([(a.units[i].text, a.units[i].kind) for i in read], a.names)
    scores[read] = [s.score if s else 0.0 for s in got]
    return scores


def news_ablation(bench: Bench, labelled: list[Article]) -> None:
    """The published news articles pooled: each scorer at its default threshold, its ranking, and what its
    best threshold would give; and at the default threshold, the development articles and the first three
    reports apart.  The model's variants are trained as shipped, less a part each."""
    news = [a for a in labelled if a.genre.startswith("news")]
    if not news:
        return
    # Scored as extract scores: a news page's furniture never is, the rest beside their neighbours.
    units = [[u for u in a.units if u.kind not in segment.FURNITURE] for a in news]
    labels = np.concatenate(
        [[a.labels[i] for i, u in enumerate(a.units) if u.kind not in segment.FURNITURE] for a in news]
    )
    texts = [u.text for us in units for u in us]
    Xn = sp.vstack([T.featurize([u.text for u in us], [u.kind for u in us], a.names) for a, us in zip(news, units)])
    spans = np.cumsum([0] + [len(us) for us in units])

    def in_context(fitted: T.Fitted, v: np.ndarray | None) -> np.ndarray:
        logits = fitted.decision(Xn)
        if v is None:
            return expit(logits)
        out = []
        for k, us in enumerate(units):
            sents = [T.Sentence(u.text, 0, "news", str(k), i) for i, u in enumerate(us)]
            part = logits[spans[k] : spans[k + 1]]
            Z = T.context_matrix(sents, T.Around(*_neighbours(len(us)), [None] * len(us)), part)
            out.append(expit(part + Z @ v))
        return np.concatenate(out)

    Xb, Xc = bench.matrices()
    unseen = np.array([g not in T.CLEF_IN_CLAIMBUSTER for g in bench.gc])
    debates = [s for s, k in zip(bench.clef, unseen) if k]
    rows: list[tuple[str, np.ndarray, float]] = []
    for name, cfg in (
        ("model less the quotation cues", T.Config(drop=("quotation", "quoted_view", "reported_view"))),
        ("model less the reported-view cue", T.Config(drop=("reported_view",))),
        ("model", T.Config()),
    ):
        fitted = T.fit(Xb, bench.yb, np.ones(len(bench.yb)), cfg)
        rows.append((f"{name}, alone", in_context(fitted, None), MIN_SCORE))
        rows.append(
            (f"{name} + context", in_context(fitted, T.context_weights(fitted, debates, Xc[unseen])), MIN_SCORE)
        )
    rows.append(("hand-written rules", np.array([worthiness.rules.score(t).score for t in texts]), MIN_SCORE))
    cb_floor = Floor().fit([s.text for s in bench.cb], bench.yb)
    clef_floor = Floor().fit([s.text for s in bench.clef], bench.yc)
    rows.append(("TF-IDF + LR on ClaimBuster", cb_floor.proba(texts), FLOOR_THRESHOLD))
    rows.append(("TF-IDF + LR on the CLEF debates", clef_floor.proba(texts), FLOOR_THRESHOLD))
    # Which units belong to which pool: the published articles (the target's), the development set, the
    # first three reports (one constructed).
    of = np.concatenate([[k] * len(us) for k, us in enumerate(units)])
    pools = {
        name: np.isin(of, [k for k, a in enumerate(news) if keep(a)])
        for name, keep in (
            ("published", lambda a: not a.constructed),
            ("development", lambda a: a.development),
            ("first three", lambda a: not a.development),
        )
    }
    pub = pools["published"]
    print(
        f"\n== (e) published news articles pooled ({int(pub.sum())} units, {int(labels[pub].sum())} check-worthy; "
        "the development articles and the first three reports apart at the threshold)"
    )
    print(
        f"{'scorer':<44} {'thr':>5} {'P':>6} {'R':>6} {'AP':>6}   {'best P at R >= 0.95 (thr)':>26}"
        f" {'dev P/R':>11} {'first P/R':>11}"
    )
    for name, s, t in rows:
        p, r, _ = prf(s[pub] >= t, labels[pub])
        best = max(
            (
                (prf(s[pub] >= c, labels[pub])[0], c)
                for c in sorted(set(s[pub]))
                if prf(s[pub] >= c, labels[pub])[1] >= 0.95
            ),
            default=(0.0, 0.0),
        )
        apart = [prf(s[m] >= t, labels[m])[:2] for m in (pools["development"], pools["first three"])]
        print(
            f"{name:<44} {t:>5.2f} {p:>6.3f} {r:>6.3f} {average_precision(s[pub], labels[pub]):>6.2f}   "
            f"{best[0]:>19.2f} ({best[1]:.2f})" + "".join(f" {ap:>5.2f}/{ar:.2f}" for ap, ar in apart)
        )


# --- (f) the model and the rules together, and a threshold for news -------------------


def best_threshold(scores: np.ndarray, labels: np.ndarray, min_recall: float = 0.95) -> float:
    """The threshold giving the best precision at recall >= ``min_recall`` (the lowest of equals)."""
    best, chosen = -1.0, 0.0
    for c in sorted(set(scores.tolist())):
        p, r, _ = prf(scores >= c, labels)
        if r >= min_recall and p > best:
            best, chosen = p, c
    return chosen


def leave_one_article_out(scores: list[np.ndarray], labels: list[np.ndarray]) -> tuple[float, float, str]:
    """Pooled precision and recall with each article's threshold chosen on the others
    (``best_threshold``), and the thresholds chosen."""
    hits = proposed = worthy = 0
    chosen = []
    for k in range(len(scores)):
        t = best_threshold(np.concatenate(scores[:k] + scores[k + 1 :]), np.concatenate(labels[:k] + labels[k + 1 :]))
        pred = scores[k] >= t
        hits += int((pred & (labels[k] == 1)).sum())
        proposed += int(pred.sum())
        worthy += int(labels[k].sum())
        chosen.append(f"{t:.2f}")
    return (hits / proposed if proposed else 1.0), hits / worthy, " ".join(chosen)


def _blend(model: np.ndarray, rules: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A logistic regression over the model's and the rules' logits, classes balanced, learnt from ``y``."""
    lr = LogisticRegression(class_weight="balanced").fit(np.c_[_logit(model), _logit(rules)], y)
    return lambda m, r: lr.predict_proba(np.c_[_logit(m), _logit(r)])[:, 1]


def combined(
    bench: Bench, model: tuple[np.ndarray, np.ndarray], rules: tuple[np.ndarray, np.ndarray], labelled: list[Article]
) -> None:
    """(f): the model and the rules combined (learnt on held-out scores of the training data, never on the
    articles), and settings for news chosen leave-one-article-out over the news development articles, then
    confirmed on the first three news reports, which no choice saw."""
    news = [a for a in labelled if a.genre.startswith("news")]
    dev = [k for k, a in enumerate(news) if a.development]
    first = [k for k, a in enumerate(news) if not a.development]
    published = [k for k, a in enumerate(news) if not a.constructed]
    if not dev:
        return
    read = [[i for i, u in enumerate(a.units) if u.kind not in segment.FURNITURE] for a in news]
    n_model = [in_context(a)[keep] for a, keep in zip(news, read)]
    n_rules = [
        np.array([worthiness.rules.score(a.units[i].text, a.units[i].kind, a.names).score for i in keep])
        for a, keep in zip(news, read)
    ]
    n_labels = [np.array([a.labels[i] for i in keep]) for a, keep in zip(news, read)]

    # A learnt blend is fitted on out-of-sample scores only: for a held-out debate on the other debates'
    # (or ClaimBuster's folds), for a ClaimBuster fold on the other folds' (or the debates').
    def cb_fitted() -> tuple[np.ndarray, np.ndarray, Callable[[np.ndarray, np.ndarray], np.ndarray]]:
        cbs = np.zeros(len(bench.cb))
        for tr, te in bench.folds:
            cbs[te] = _blend(model[1][tr], rules[1][tr], bench.yb[tr])(model[1][te], rules[1][te])
        whole = _blend(model[1], rules[1], bench.yb)
        return whole(model[0], rules[0]), cbs, whole

    def clef_fitted() -> tuple[np.ndarray, np.ndarray, Callable[[np.ndarray, np.ndarray], np.ndarray]]:
        lodo = np.zeros(len(bench.clef))
        for d in bench.debates:
            held = bench.gc == d
            fit = _blend(model[0][~held], rules[0][~held], bench.yc[~held])
            lodo[held] = fit(model[0][held], rules[0][held])
        whole = _blend(model[0], rules[0], bench.yc)
        return lodo, whole(model[1], rules[1]), whole

    fixed: list[tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]]] = [
        ("trained model (shipped)", lambda m, r: m),
        ("hand-written rules", lambda m, r: r),
        ("mean of model and rules", lambda m, r: (m + r) / 2),
        ("both agree (the lower of the two)", np.minimum),
    ]
    systems = [(name, f(model[0], rules[0]), f(model[1], rules[1]), f) for name, f in fixed]
    for name, fitted in (
        ("blend learnt on ClaimBuster", cb_fitted()),
        ("blend learnt on the CLEF debates", clef_fitted()),
    ):
        systems.append((name, fitted[0], fitted[1], fitted[2]))

    def pooled(scores: list[np.ndarray], which: list[int], t: float) -> tuple[float, float]:
        p, r, _ = prf(np.concatenate([scores[k] for k in which]) >= t, np.concatenate([n_labels[k] for k in which]))
        return p, r

    print(
        f"\n== (f) the model and the rules combined; news at {MIN_SCORE}: the {len(dev)} development articles, the first "
        f"{len(first)} reports and the {len(published)} published articles pooled; and with the threshold chosen "
        "leave-one-article-out over the development articles (best precision at recall >= 0.95 on the "
        "other development articles, applied to the one left out); the threshold chosen on all of them, confirmed "
        f"on the first {len(first)} news reports and on the {len(published)} published ones"
    )
    print(
        f"{'scorer':<36} {'CLEF MAP':>8} {'CB F1 bal':>9} {'dev P/R':>11} {'first P/R':>11} {'publ. P/R':>13}"
        f" | {'held-out P/R':>12} {'thr':>5} {'first P/R':>11} {'publ. P/R':>11}  thresholds chosen"
    )
    # Every setting for news: a scorer at the default threshold, or at the threshold chosen on the articles.
    settings: list[tuple[str, list[np.ndarray], float | None]] = []
    for name, lodo, cbs, f in systems:
        row = bench.row(name, lodo, cbs, MIN_SCORE)
        scores = [f(m, r) for m, r in zip(n_model, n_rules)]
        dp, dr = pooled(scores, dev, MIN_SCORE)
        fp0, fr0 = pooled(scores, first, MIN_SCORE)
        pp0, pr0 = pooled(scores, published, MIN_SCORE)
        hp, hr, chosen = leave_one_article_out([scores[k] for k in dev], [n_labels[k] for k in dev])
        t = best_threshold(np.concatenate([scores[k] for k in dev]), np.concatenate([n_labels[k] for k in dev]))
        fp, fr = pooled(scores, first, t)
        pp, pr = pooled(scores, published, t)
        print(
            f"{name:<36} {row['map']:>8.3f} {row['f1']:>9.3f} {dp:>5.2f}/{dr:.2f} {fp0:>5.2f}/{fr0:.2f}"
            f" {pp0:>5.3f}/{pr0:.3f} | {hp:>6.2f}/{hr:.2f}"
            f" {t:>5.2f} {fp:>5.2f}/{fr:.2f} {pp:>5.2f}/{pr:.2f}  {chosen}"
        )
        settings += [(f"{name} at {MIN_SCORE}", scores, MIN_SCORE), (f"{name} at a news threshold", scores, None)]

    # The setting itself chosen the same way: for each development article, the scorer and threshold rule
    # whose proposals on the other development articles are the most precise at recall >= 0.95.
    def choose(which: list[int]) -> tuple[int, float]:
        best, pick = -1.0, (0, MIN_SCORE)
        for j, (_, scores, fixed_t) in enumerate(settings):
            t = fixed_t
            if t is None:
                t = best_threshold(
                    np.concatenate([scores[k] for k in which]), np.concatenate([n_labels[k] for k in which])
                )
            p, r = pooled(scores, which, t)
            if r >= 0.95 and p > best:
                best, pick = p, (j, t)
        return pick

    hits = proposed = worthy = 0
    picked = []
    for k in dev:
        j, t = choose([i for i in dev if i != k])
        pred = settings[j][1][k] >= t
        hits += int((pred & (n_labels[k] == 1)).sum())
        proposed += int(pred.sum())
        worthy += int(n_labels[k].sum())
        picked.append(f"{settings[j][0].replace(' at a news threshold', '')} {t:.2f}")
    j, t = choose(dev)
    fp, fr = pooled(settings[j][1], first, t)
    pp, pr = pooled(settings[j][1], published, t)
    print(
        f"the setting chosen per development article on the others: held-out precision "
        f"{hits / proposed if proposed else 1.0:.2f}, recall {hits / worthy:.2f} ({'; '.join(picked)})\n"
        f"chosen on all of them: {settings[j][0]} ({t:.2f}); the first {len(first)} reports "
        f"{fp:.2f} / {fr:.2f}, the published ones {pp:.2f} / {pr:.2f}"
    )


def _neighbours(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(n) - 1, np.where(np.arange(n) + 1 < n, np.arange(n) + 1, -1)


# --- printing --------------------------------------------------------------------------


def print_table(rows: list[dict]) -> None:  # type: ignore[type-arg]
    print(
        f"{'system':<36} {'CLEF LODO MAP':>13} {'thr':>5} {'CB P':>6} {'CB R':>6} {'F1 bal':>7} {'F1 raw':>7} {'CB AP':>6}"
    )
    for r in rows:
        print(
            f"{r['name']:<36} {r['map']:>13.3f} {r['threshold']:>5.2f} {r['p']:>6.3f} {r['r']:>6.3f} "
            f"{r['f1']:>7.3f} {r['f1_raw']:>7.3f} {r['cb_ap']:>6.3f}"
        )


def print_transfer(bench: Bench, candidates: bool = False) -> None:
    """(d): each system trained on one source only and tested on the other."""
    print("\n== (d) transfer: trained on one source only, tested on the other")
    print(f"{'system':<36} {'CB -> CLEF MAP':>14} {'CLEF -> CB AP':>14} {'F1 bal':>7}")
    transfers = [
        ("TF-IDF + LR floor", bench.floor_fit, FLOOR_THRESHOLD),
        ("trained model, sentence alone", bench.model_fit(SHIPPED), MIN_SCORE),
    ]
    if candidates:
        transfers += [(v.name, bench.model_fit(v), MIN_SCORE) for v in CANDIDATES]
    for name, fit, threshold in transfers:
        t = bench.transfer(fit, threshold)
        print(f"{name:<36} {t['cb_to_clef_map']:>14.3f} {t['clef_to_cb_ap']:>14.3f} {t['clef_to_cb_f1']:>7.3f}")


#: How the shipped weights are trained (``train_worthiness.build``).
SHIPPED = Variant("trained model", T.Config(), w_clef=T.CLEF_WEIGHT)

#: Other settings measured for the shipped model: a stronger L2 penalty, and the CLEF debates added at
#: weight 0.1.  Trained on the debates alone, a debate row weighs what the variant gives it, so the
#: CLEF -> ClaimBuster columns of "+ CLEF" rows show a model penalised ten times more on the debates.
CANDIDATES = (
    Variant("  C 0.5", T.Config(C=0.5)),
    Variant("  + CLEF debates (weight 0.1)", w_clef=0.1),
    Variant("  C 0.5 + CLEF debates (weight 0.1)", T.Config(C=0.5), w_clef=0.1),
)

ABLATIONS = (
    Variant("  n-grams only (no cues, no rules)", T.Config(cues=False)),
    Variant("  without the rules' score feature", T.Config(rules_feature=False)),
    Variant("  without NB scaling (plain LR)", T.Config(nb_alpha=0.0)),
    Variant("  + CLEF debates (weight 0.1)", w_clef=0.1),
    Variant("  + CLEF debates (weight 1)", w_clef=1.0),
    Variant("  C 0.5", T.Config(C=0.5)),
    Variant("  C 0.5 + CLEF debates (weight 0.1)", T.Config(C=0.5), w_clef=0.1),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=T.DATA, help="the checkworthiness data folder")
    parser.add_argument("--quick", action="store_true", help="ClaimBuster folds and the sweep only, no CLEF")
    parser.add_argument("--ablations", action="store_true", help="add the trained model's variants")
    parser.add_argument("--transfer", action="store_true", help="(d) only: trained on one source, tested on the other")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        bench = Bench(args.data, lodo=not args.quick)
    except T.MissingData as e:
        print(f"worthiness_quality: {e}", file=sys.stderr)
        return 2
    if args.transfer:
        print_transfer(bench, candidates=True)
        print(f"\n({time.perf_counter() - start:.0f} s)")
        return 0

    rules_scores = bench.static(lambda t: worthiness.rules.score(t).score)
    systems = [
        ("untrained rules", *rules_scores, MIN_SCORE),
        ("digits-and-capitals heuristic", *bench.static(heuristic), MIN_SCORE),
        ("TF-IDF + LR floor", *bench.floor(), FLOOR_THRESHOLD),
    ]
    if bench.debates:
        systems.append(("TF-IDF + LR, CLEF debates only", *bench.floor_clef(), FLOOR_THRESHOLD))
    alone = bench.trained(SHIPPED)
    shipped = " (shipped)" if not T.CONTEXT else ""
    systems.append((f"trained model, alone{shipped}", *alone, MIN_SCORE))
    model = alone
    if bench.debates:
        context = (bench.context_lodo(alone[0]), bench.context_folds(*alone))
        systems.append((f"trained model + context{'' if shipped else ' (shipped)'}", *context, MIN_SCORE))
        model = alone if shipped else context
    if args.ablations:
        systems.extend((v.name, *bench.trained(v), MIN_SCORE) for v in ABLATIONS)
    rows = [bench.row(name, lodo, cbs, t) for name, lodo, cbs, t in systems]

    what = "(b) ClaimBuster 5-fold" if args.quick else "(a) CLEF-2019 leave-one-debate-out MAP, (b) ClaimBuster 5-fold"
    print(f"== {what}, F1 at each system's default threshold")
    print_table(rows)
    if bench.debates:
        print("\n== per-debate average precision (leave-one-debate-out)")
        print(f"{'debate':<28}" + "".join(f"{n:>10}" for n in ("rules", "heuristic", "floor", "alone", "context")))
        for i, d in enumerate(bench.debates):
            print(f"{d:<28}" + "".join(f"{rows[k]['aps'][i]:>10.3f}" for k in (0, 1, 2, 4, 5)))  # type: ignore[index]
        wins = sum(rows[5]["aps"][i] > rows[2]["aps"][i] for i in range(len(bench.debates)))  # type: ignore[index]
        print(f"the model with context beats the floor on {wins} of {len(bench.debates)} debates")

    if bench.debates:
        print_transfer(bench, candidates=args.ablations)
        print(
            f"{'trained model + context':<36} {bench.context_transfer(alone[1]):>14.3f} {'(no turns in ClaimBuster)':>22}"
        )

    labelled = articles()
    print("\n== threshold sweep of the trained model: ClaimBuster out-of-fold; articles (precision/recall) as shipped")
    print(
        f"{'thr':>5} {'CB P':>6} {'CB R':>6} {'F1 bal':>7} {'F1 raw':>7}   "
        + "  ".join(f"{a.name[:13]:>13}" for a in labelled)
    )
    scores = {a.name: in_context(a) for a in labelled}
    for t in SWEEP:
        p, r, f = prf(model[1] >= t, bench.yb, bench.neg_weight)
        _, _, f_raw = prf(model[1] >= t, bench.yb)
        cells = []
        for a in labelled:
            ap, ar, _ = prf(scores[a.name] >= t, a.labels)
            cells.append(f"{ap:.2f}/{ar:.2f}".rjust(13))
        mark = " <- default" if t == MIN_SCORE else ""
        print(f"{t:>5.2f} {p:>6.3f} {r:>6.3f} {f:>7.3f} {f_raw:>7.3f}   " + "  ".join(cells) + mark)

    print(f"\n== the labelled articles at {MIN_SCORE}, as extract scores them: precision / recall / average precision")
    print(f"{'article':<16} {'units':>5} {'worthy':>6} {'untrained rules':>22} {'shipped model':>22}")
    for a in labelled:
        cells = []
        rules = [
            0.0 if u.kind in segment.FURNITURE else worthiness.rules.score(u.text, u.kind, a.names).score
            for u in a.units
        ]
        for s in (np.array(rules), in_context(a)):
            p, r, _ = prf(s >= MIN_SCORE, a.labels)
            cells.append(f"{p:.2f} / {r:.2f} / {average_precision(s, a.labels):.2f}".rjust(22))
        print(f"{a.name:<16} {len(a.units):>5} {sum(a.labels):>6} " + " ".join(cells))
    if bench.debates:
        news_ablation(bench, labelled)
        combined(bench, model, rules_scores, labelled)
    print(f"\n({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
