"""Train the check-worthiness model from the shared data and write the weights file the package ships.

    pip install -e '.[train]'
    python benchmarks/train_worthiness.py [--data DIR] [--out FILE]

Reads ../shared/data/checkworthiness/ beside this repository (see that
folder's README for the sources, licences and attribution) and writes
factcheck/text/worthiness/weights.bin.gz.  The same data give the same bytes:
no step is random (L-BFGS starts from zero, the rows keep the file's order) and
the gzip header carries no time or file name.

The model is an L2 logistic regression over hashed word and character n-grams
scaled by naive-Bayes log-count ratios (NBSVM, Wang & Manning 2012) plus the
dense cue features of ``factcheck.text.worthiness.features``; the scaling is
folded into the exported weights, so the scorer is a plain linear model.  The
classes are weighted to equal total weight, so that the probabilities suit a
balanced set.  It learns from the ClaimBuster sentences, and from the CLEF
debates at ``CLEF_WEIGHT`` (0 today: ``worthiness_quality.py`` measures adding them).
With ``CONTEXT``, a second, small logistic regression learns from the CLEF
debates how a sentence's score moves with its neighbours' scores and its place
in a speaker's turn (off today: ``worthiness_quality.py`` measures it).

numpy, scipy and scikit-learn (the ``train`` extra) are needed here and in
``worthiness_quality.py`` only; scoring is pure Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

try:
    import numpy as np
    import scipy.sparse as sp
    from scipy.optimize import minimize
    from scipy.special import expit
except ImportError:  # pragma: no cover - said in one line below
    sys.exit("training needs numpy and scipy: pip install -e '.[train]'")

from factcheck.model.defaults import MIN_SCORE
from factcheck.text.worthiness import features as F
from factcheck.text.worthiness import model

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "checkworthiness"
WEIGHTS = model.WEIGHTS
NC = len(F.NAMES)
SCALE_BITS = 15

# ClaimBuster's sentence ids run through the debates in order; the 2016 general-election
# debates (three of which are CLEF training debates too) are the ids from here on.
CB_2016_FIRST_ID = 29100
# The CLEF debates that ClaimBuster holds too (found by matching sentence text).
CLEF_IN_CLAIMBUSTER = ("20160926_1pres", "20161010_2pres", "20161019_3pres")
#: A CLEF debate sentence's weight relative to a ClaimBuster one in the shipped model (0: not used).
#: ``worthiness_quality.py`` measures 0.1: better transfer from the debates to ClaimBuster, but a worse
#: ranking of the labelled articles, so the shipped weights learn from ClaimBuster alone.
CLEF_WEIGHT = 0.0
#: Whether the shipped weights score a unit in its context (the neighbours' scores and the speaker's turn,
#: learnt from the CLEF debates).  ``worthiness_quality.py`` measures it beside the sentence alone: it
#: moves neither the debates' MAP, nor ClaimBuster's F1, nor the labelled news reports, so it is off.
CONTEXT = False
#: The hand-written rules' weights for cues that the training data never show: debates have no headings.
UNSEEN_CUE_WEIGHTS = {"heading": -2.0}


class MissingData(Exception):
    """The shared training data are not where they were looked for."""


# --- data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int
    source: str  # "claimbuster" or "clef"
    group: str  # the CLEF debate, or "claimbuster"
    sid: int  # ClaimBuster's sentence id, or the CLEF line number
    speaker: str = ""  # who says it, in a CLEF debate


def _need(path: Path) -> Path:
    if not path.exists():
        raise MissingData(
            f"no training data at {path}: the check-worthiness data belong in "
            f"../shared/data/checkworthiness/ beside the repository (or pass --data DIR)"
        )
    return path


def claimbuster(data: Path = DATA) -> list[Sentence]:
    """ClaimBuster's crowd-labelled training sentences, in the file's order."""
    rows = json.loads(_need(data / "claimbuster-train.json").read_text(encoding="utf-8"))
    return [Sentence(r["text"], int(r["label"]), "claimbuster", "claimbuster", int(r["sentence_id"])) for r in rows]


def clef(data: Path = DATA) -> list[Sentence]:
    """The CLEF CheckThat! 2019 training debates, one sentence a row, debate by debate."""
    out = []
    for path in sorted(_need(data / "clef2019-train").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                number, speaker, text, label = line.split("\t")
                out.append(Sentence(text, int(label), "clef", path.stem, int(number), speaker))
    return out


def norm_text(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def claimbuster_without(debate: str, held_out: Sequence[Sentence], cb: Sequence[Sentence]) -> list[bool]:
    """Which ClaimBuster rows may train a model tested on a CLEF debate.

    Not a row whose text is one of the debate's, and, when the debate is one of
    the 2016 presidential debates ClaimBuster also holds, none of 2016's.
    """
    seen = {norm_text(s.text) for s in held_out}
    return [
        norm_text(s.text) not in seen and not (debate in CLEF_IN_CLAIMBUSTER and s.sid >= CB_2016_FIRST_ID) for s in cb
    ]


# --- features --------------------------------------------------------------------


def featurize(
    texts: Sequence[str], kinds: Sequence[str] | None = None, names: Collection[str] | None = None
) -> sp.csr_matrix:
    """The design matrix: the n-gram buckets, then the cue columns (``features.NAMES`` order).

    ``names``: the capitalised words of the text the sentences come from (``worthiness.known_names``).
    """
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    dense = np.zeros((len(texts), NC))
    for i, text in enumerate(texts):
        norm, _ = F.tokens(text)
        grams = F.sparse(norm)
        rows.extend([i] * len(grams))
        cols.extend(grams)
        vals.extend(grams.values())
        dense[i] = F.cues(text, kinds[i] if kinds else "sentence", names).values
    X = sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), F.SIZE))
    return sp.hstack([X, sp.csr_matrix(dense)]).tocsr()


# --- context ---------------------------------------------------------------------


@dataclass(frozen=True)
class Around:
    """Each sentence's neighbours (row indices, -1 for none) and its place in a speaker's turn (or None)."""

    before: np.ndarray
    after: np.ndarray
    turns: list[tuple[int, int] | None]


def around_debates(sentences: Sequence[Sentence]) -> Around:
    """The CLEF debates' neighbours, line by line within a debate, and the speakers' turns."""
    n = len(sentences)
    before, after = np.full(n, -1), np.full(n, -1)
    turns: list[tuple[int, int] | None] = [None] * n
    start = 0
    for i in range(n + 1):
        new_turn = (
            i == n
            or i == 0
            or sentences[i].group != sentences[i - 1].group
            or sentences[i].speaker != sentences[i - 1].speaker
        )
        if new_turn and i > start:
            for k in range(start, i):
                turns[k] = (k - start, i - start)
            start = i
        if 0 < i < n and sentences[i].group == sentences[i - 1].group:
            before[i], after[i - 1] = i - 1, i
    return Around(before, after, turns)


def around_claimbuster(sentences: Sequence[Sentence]) -> Around:
    """ClaimBuster's neighbours where the file holds them: the sentences whose ids are one apart.

    The file is a sample of the debates' sentences, so about a third have a
    neighbour; who speaks is not given.
    """
    at = {s.sid: i for i, s in enumerate(sentences)}
    before = np.array([at.get(s.sid - 1, -1) for s in sentences])
    after = np.array([at.get(s.sid + 1, -1) for s in sentences])
    return Around(before, after, [None] * len(sentences))


def context_matrix(sentences: Sequence[Sentence], around: Around, logits: np.ndarray) -> np.ndarray:
    """The context features (``features.CONTEXT_NAMES`` columns) from the sentences' logits taken alone."""
    rows = []
    for i in range(len(sentences)):
        b, a = around.before[i], around.after[i]
        rows.append(
            F.context_values(
                float(logits[b]) if b >= 0 else None,
                float(logits[a]) if a >= 0 else None,
                sentences[b].text if b >= 0 else None,
                around.turns[i],
            )
        )
    return np.array(rows, float).reshape(len(sentences), len(F.CONTEXT_NAMES))


def fit_context(offset: np.ndarray, Z: np.ndarray, y: np.ndarray, C: float = 1.0) -> np.ndarray:
    """The context weights: a logistic regression over ``Z`` on top of the sentences' own logits.

    The sentence logit enters as a fixed offset, so the context can only move a
    score, not rescale it; the classes weigh equally (as in ``fit``), and the
    intercept, which only absorbs the other source's share of positives, is not kept.
    """
    y = np.asarray(y, float)
    n, npos = len(y), y.sum()
    if not 0 < npos < n:
        return np.zeros(Z.shape[1])  # one class only: nothing to learn
    w = np.where(y == 1, n / (2 * npos), n / (2 * (n - npos)))
    ys = 2.0 * y - 1.0

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        v, b = params[:-1], params[-1]
        m = ys * (offset + Z @ v + b)
        g = -w * ys * expit(-m)
        return w @ np.logaddexp(0.0, -m) + 0.5 / C * (v @ v), np.append(Z.T @ g + v / C, g.sum())

    res = minimize(loss, np.zeros(Z.shape[1] + 1), jac=True, method="L-BFGS-B")
    return np.asarray(res.x[:-1])


def context_weights(fitted: Fitted, debates: Sequence[Sentence], X: sp.csr_matrix | None = None) -> np.ndarray:
    """The context weights learnt from debate lines in order (``X``: their design matrix, if built)."""
    logits = fitted.decision(featurize([s.text for s in debates]) if X is None else X)
    Z = context_matrix(debates, around_debates(debates), logits)
    return fit_context(logits, Z, np.array([s.label for s in debates]))


# --- learner ---------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    C: float = 1.0  # inverse L2 strength
    nb_alpha: float = 1.0  # smoothing of the naive-Bayes ratios; 0: no NB scaling (plain LR)
    balanced: bool = True  # classes to equal total weight (probabilities for a balanced set)
    cues: bool = True  # use the cue features
    rules_feature: bool = True  # use the rules' own score as a feature
    unseen_cue_prior: bool = True  # cues the training data never show keep the rules' weight
    drop: tuple[str, ...] = ()  # cues left out (for ablations)


@dataclass
class Fitted:
    """Weights in the space of the raw features (the NB scaling folded in)."""

    coef: np.ndarray  # F.SIZE n-gram buckets, then the NC cue weights
    bias: float

    def decision(self, X: sp.csr_matrix) -> np.ndarray:
        return X @ self.coef + self.bias

    def proba(self, X: sp.csr_matrix) -> np.ndarray:
        return expit(self.decision(X))


def _nb_ratio(X: sp.csr_matrix, y: np.ndarray, w: np.ndarray, alpha: float) -> np.ndarray:
    """The naive-Bayes log-count ratio of each n-gram bucket (1 for the cue columns)."""
    B = X[:, : F.SIZE].copy()
    B.data = np.ones_like(B.data)
    p = alpha + np.asarray(B.T @ (w * (y == 1))).ravel()
    q = alpha + np.asarray(B.T @ (w * (y == 0))).ravel()
    r = np.log((p / p.sum()) / (q / q.sum()))
    return np.concatenate([r, np.ones(X.shape[1] - F.SIZE)])


def _logreg(X: sp.csr_matrix, y: np.ndarray, w: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """L2 logistic regression with sample weights, by L-BFGS from zero; the intercept is not penalised."""
    used = np.unique(X.indices)
    Xu = X[:, used].tocsr()
    ys = 2.0 * y - 1.0

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        coef, b = params[:-1], params[-1]
        m = ys * (Xu @ coef + b)
        value = w @ np.logaddexp(0.0, -m) + 0.5 / C * (coef @ coef)
        g = -w * ys * expit(-m)
        return value, np.append(Xu.T @ g + coef / C, g.sum())

    res = minimize(loss, np.zeros(len(used) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 3000, "gtol": 1e-6})
    coef = np.zeros(X.shape[1])
    coef[used] = res.x[:-1]
    return coef, float(res.x[-1])


def fit(X: sp.csr_matrix, y: np.ndarray, w: np.ndarray, cfg: Config = Config()) -> Fitted:
    """Fit on the rows of positive weight ``w`` (a row's weight relative to a ClaimBuster sentence)."""
    y = np.asarray(y, float)
    w = np.asarray(w, float)
    keep = w > 0
    X, y, w = X[keep], y[keep], w[keep]
    if not cfg.cues or not cfg.rules_feature or cfg.drop:
        mask = np.ones(X.shape[1])
        if not cfg.cues:
            mask[F.SIZE :] = 0.0
        if not cfg.rules_feature:
            mask[F.SIZE + F.NAMES.index("rules")] = 0.0
        for name in cfg.drop:
            mask[F.SIZE + F.NAMES.index(name)] = 0.0
        X = (X @ sp.diags(mask)).tocsr()
    n, npos = w.sum(), (w * y).sum()
    if cfg.balanced and 0 < npos < n:  # a sample of one class has nothing to balance
        w = w * np.where(y == 1, n / (2 * npos), n / (2 * (n - npos)))
    r = _nb_ratio(X, y, w, cfg.nb_alpha) if cfg.nb_alpha > 0 else np.ones(X.shape[1])
    coef, bias = _logreg((X @ sp.diags(r)).tocsr(), y, w, cfg.C)
    coef = coef * r
    for name, weight in UNSEEN_CUE_WEIGHTS.items():
        col = F.SIZE + F.NAMES.index(name)
        if cfg.cues and cfg.unseen_cue_prior and X[:, col].nnz == 0:
            coef[col] = weight / math.log(2)  # a cue that fires once has the value log(1 + 1)
    return Fitted(coef, bias)


# --- the weights file ------------------------------------------------------------


def export(fitted: Fitted, cfg: Config, path: Path, extra: dict[str, object] | None = None) -> None:
    """Write the weights: a JSON header line, then the n-gram weights as little-endian int16; gzip."""
    grams = fitted.coef[: F.SIZE]
    top = float(np.abs(grams).max()) or 1.0
    scale = top / ((1 << SCALE_BITS) - 1)
    header = {
        "format": model.FORMAT,
        "bits": F.BITS,
        "char_ngrams": [F.CHAR_MIN, F.CHAR_MAX],
        "scale": scale,
        "bias": fitted.bias,
        "cues": {n: float(v) for n, v in zip(F.NAMES, fitted.coef[F.SIZE :])},
        "threshold": MIN_SCORE,
        "config": asdict(cfg),
        **(extra or {}),
    }
    blob = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + np.round(grams / scale).astype("<i2").tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(blob)


def word_baseline(path: Path, texts: Sequence[str]) -> float:
    """A typical word's share of the score: the median over the words of some training sentences.

    The reasons name words whose share is well above or below it.
    """
    loaded = model.load(path)
    shares = [share for text in texts for _, share in loaded.word_shares(text)]
    return float(np.median(shares)) if shares else 0.0


def build(
    data: Path = DATA,
    out: Path = WEIGHTS,
    cfg: Config = Config(),
    sample: int | None = None,
    clef_weight: float = CLEF_WEIGHT,
    context: bool = CONTEXT,
) -> Fitted:
    """Train on the ClaimBuster sentences and the CLEF debates and write the weights to ``out``.

    ``sample`` keeps about that many ClaimBuster sentences (and a like share of
    the debates), evenly spread; ``clef_weight`` is a debate sentence's weight
    relative to a ClaimBuster one (0: ClaimBuster only); ``context``: whether
    to learn the context weights from the CLEF debates ClaimBuster does not hold.
    """
    sentences = claimbuster(data)
    all_debates = clef(data)
    debates = all_debates if clef_weight > 0 else []
    if sample:
        step = max(1, len(sentences) // sample)
        sentences, debates = sentences[::step], debates[::step]
    X = featurize([s.text for s in sentences + debates])
    y = np.array([s.label for s in sentences + debates])
    w = np.concatenate([np.ones(len(sentences)), np.full(len(debates), clef_weight)])
    fitted = fit(X, y, w, cfg)
    extra: dict[str, object] = {}
    if context:
        # The context weights learn from the debates ClaimBuster does not hold, where the
        # sentence scores are as on unseen text; every line there has its neighbours and speaker.
        unseen = [s for s in all_debates if s.group not in CLEF_IN_CLAIMBUSTER]
        if sample:
            unseen = unseen[:: max(1, len(claimbuster(data)) // sample)]
        v = context_weights(fitted, unseen)
        extra["context"] = {n: float(x) for n, x in zip(F.CONTEXT_NAMES, v)}
    export(fitted, cfg, out, extra=extra)
    baseline = word_baseline(out, [s.text for s in sentences[::3][:3000]])
    export(fitted, cfg, out, extra={**extra, "word_baseline": baseline})
    return fitted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the checkworthiness data folder")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights")
    args = parser.parse_args(argv)
    try:
        fitted = build(args.data, args.out)
    except MissingData as e:
        print(f"train_worthiness: {e}", file=sys.stderr)
        return 2
    used = int((fitted.coef[: F.SIZE] != 0).sum())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {used:,} n-gram buckets used)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
