"""Whether a static model of meaning, distilled from the shipped one, could take its place in ``match``.

    python benchmarks/match_static.py [--data DIR] [--dev]      # needs '.[train]'

A static model keeps one vector per word piece of the model's vocabulary; a
text's vector is the weighted mean of its pieces' vectors, at unit length: no
transformer runs when a text is encoded.  The table is distilled here from the
shipped int8 model: each piece goes through it alone ("[CLS] piece [SEP]",
mean-pooled as the model is read), the vectors are centred and cut to fewer
dimensions by PCA, and a piece weighs a / (a + p(piece)) (SIF), p counted on
the train tweets and the fact-checks' claims (never dev).  Each variant
replaces the shipped model in ``finding.match_pool`` (BM25's first and the
nearest in meaning, three features), and the re-ranking is refitted on train.

Prints each variant's 5-fold cross-validation on train, which chooses among
them; with ``--dev``, dev MAP@5 for the variant chosen and for the shipped
model beside it, and what each costs: ms per claim encoded in batches, and
for one query (median).  On a shared machine read the costs by their ratio.

With ``--asymmetric``, whether ``library add`` alone could take the static
model while queries keep the shipped one: the library is encoded by the
static table at full dimensions, in the model's own space, as it is and
through a linear map fitted (ridge) to the model's vectors of sentences from
outside the matching data (ClaimBuster and CLIMATE-FEVER); dev MAP@5 and CV.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Each exits with one line saying what to install where numpy or scipy is missing.
import library_data as data  # noqa: E402
import train_library as training  # noqa: E402
from match_ablations import cross_validated, map_dev  # noqa: E402

#: The variants measured: dimensions, SIF's a (0: every piece weighs the same), a word's pieces averaged
#: first, and how many nearest in meaning join BM25's candidates.
VARIANTS = [
    *((dims, a, False, 50) for dims in (128, 256, 384) for a in (1e-3, 1e-4, 0.0)),
    (256, 1e-3, True, 50),
    (256, 1e-4, True, 50),
    (256, 1e-3, False, 100),
]


def distil(model: Any) -> Any:
    """Each vocabulary piece's vector from the loaded ``meaning.Encoder``, encoded alone between [CLS] and [SEP]."""
    import numpy as np

    size = model.tokenizer.get_vocab_size()
    first, last = (model.tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]"))
    raw = np.zeros((size, model.session.get_outputs()[0].shape[-1]), dtype=np.float32)
    for start in range(0, size, 1024):
        ids = np.arange(start, min(size, start + 1024))
        batch = np.stack([np.full_like(ids, first), ids, np.full_like(ids, last)], axis=1).astype(np.int64)
        feeds = {"input_ids": batch, "attention_mask": np.ones_like(batch), "token_type_ids": np.zeros_like(batch)}
        raw[ids] = model.session.run(None, feeds)[0].mean(axis=1)
    return raw


def reduced(raw: Any, dims: int) -> Any:
    """The pieces' vectors centred and projected on their ``dims`` principal axes (SVD)."""
    import numpy as np

    centred = raw - raw.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return (centred @ axes[:dims].T).astype(np.float32)


class Static:
    """A table of piece vectors and piece weights, encoding as ``meaning.Encoder`` does (unit vectors)."""

    def __init__(self, tokenizer: Any, table: Any, weights: Any, by_word: bool, mapping: Any = None) -> None:
        self.tokenizer, self.table, self.weights, self.by_word = tokenizer, table, weights, by_word
        self.mapping = mapping  # a matrix the weighted mean is multiplied by, before it is made unit length

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        cut = self.tokenizer.encode_batch([" ".join(t.split()) for t in texts], add_special_tokens=False)
        for row, encoding in enumerate(cut):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            weights = self.weights[ids]
            if self.by_word and len(ids):
                # A word's pieces count as one: each weighs its share of the word's mean weight.
                _, word = np.unique([-1 if w is None else w for w in encoding.word_ids], return_inverse=True)
                pieces = np.bincount(word)
                weights = (np.bincount(word, weights) / pieces / pieces)[word]
            vector = weights @ self.table[ids]
            if self.mapping is not None:
                vector = vector / max(len(ids), 1) @ self.mapping
            out[row] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        return out


@contextlib.contextmanager
def in_place_of_the_model(encoder: Any) -> Iterator[None]:
    """``encoder`` as the model of meaning ``match`` asks, under a name of its own, for the block."""
    from factcheck.library import meaning

    kept = meaning.encoder, meaning.MODEL
    meaning.encoder, meaning.MODEL = (lambda: encoder), f"static {id(encoder)}"  # type: ignore[assignment]
    try:
        yield
    finally:
        meaning.encoder, meaning.MODEL = kept  # type: ignore[assignment]


def cost(encode: Callable[[list[str]], Any], claims: list[str], queries: list[str]) -> tuple[float, float]:
    """ms per claim encoded in batches, and the median ms to encode one query."""
    encode(claims[:64])
    started = time.perf_counter()
    encode(claims)
    batched = (time.perf_counter() - started) / len(claims)
    times = []
    for text in queries:
        started = time.perf_counter()
        encode([text])
        times.append(time.perf_counter() - started)
    return batched * 1000, statistics.median(times) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    import numpy as np

    from factcheck.library import meaning, terms

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="dev MAP@5 of the variant chosen, and the costs")
    parser.add_argument("--asymmetric", action="store_true", help="the library static, the queries the model")
    args = data.arguments(parser, argv)
    try:
        train_q, dev_q = data.queries("train"), data.queries("dev")
    except data.MissingData as exc:
        print(f"match_static: {exc}; nothing measured")
        return 0
    model = meaning.encoder()  # None where it is not installed
    if model is None:
        print("match_static: the model of meaning is not installed; nothing to distil")
        return 0
    claims = [e.claim for e in data.verified_claims()]
    started = time.perf_counter()
    raw = distil(model)
    print(f"distilled {len(raw):,} pieces in {time.perf_counter() - started:.0f} s")
    counts = np.zeros(len(raw))
    for encoding in model.tokenizer.encode_batch(
        [terms.clean_post(q.text) for q in train_q] + claims, add_special_tokens=False
    ):
        np.add.at(counts, encoding.ids, 1)
    share = counts / counts.sum()

    def measured(encoder: Any, nearest: int) -> tuple[list[training.Group], list[training.Group]]:
        with data.temporary_folder() as tmp, in_place_of_the_model(encoder):
            library = data.matching_library(Path(tmp), meanings=True)
            found = library.nearest_factchecks
            library.nearest_factchecks = lambda vector, limit: found(vector, nearest)  # type: ignore[method-assign]
            train, dev = (training.match_groups(library, q, by_meaning=True) for q in (train_q, dev_q))
            library.close()
        return train, dev

    if args.asymmetric:
        try:
            return asymmetric(model, raw, train_q, dev_q)
        except data.MissingData as exc:
            print(f"match_static: {exc}; nothing measured")
            return 0
    best: tuple[float, Static, int, str] | None = None
    print("variant (dimensions, SIF a, pieces of a word averaged first, nearest)   5-fold CV on train")
    for dims, a, by_word, nearest in VARIANTS:
        weights = a / (a + share) if a else np.ones_like(share)
        encoder = Static(model.tokenizer, reduced(raw, dims), weights.astype(np.float32), by_word)
        train, _ = measured(encoder, nearest)
        cv = cross_validated(train)
        label = f"{dims:3d}  a={a:g}  {'by word' if by_word else 'by piece'}  {nearest}"
        print(f"  {label:40s} {cv:.3f}", flush=True)
        if best is None or cv > best[0] + 5e-4:  # a tie keeps the one listed first: the smaller, the simpler
            best = cv, encoder, nearest, label
    if not args.dev or best is None:
        return 0
    _, encoder, nearest, label = best
    queries = [terms.clean_post(q.text) for q in dev_q]
    print(f"  {'':38s} dev MAP@5  5-fold CV  ms per claim, batched  ms for one query (median)")
    for name, chosen, near in ((f"static {label}", encoder, nearest), ("shipped model", model, 50)):
        train, dev = measured(chosen, near)
        batched, one = cost(chosen.encode, claims[:3000], queries)
        print(f"  {name:38s} {map_dev(train, dev):9.3f}  {cross_validated(train):9.3f}  {batched:21.3f}  {one:26.3f}")
    return 0


def asymmetric(model: Any, raw: Any, train_q: list[data.Query], dev_q: list[data.Query]) -> int:
    """The library encoded by the static table (as it is, and mapped), the queries by the shipped model."""
    import json

    import numpy as np

    from factcheck.library import meaning

    texts = [row["text"] for row in json.loads(data.need(data.CHECKWORTHINESS).read_text(encoding="utf-8"))]
    for line in data.need(data.EVIDENCE).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts += [row["claim"], *(e["evidence"] for e in row["evidences"])]
    counts = np.ones(len(raw))
    for encoding in model.tokenizer.encode_batch(texts, add_special_tokens=False):
        np.add.at(counts, encoding.ids, 1)
    weights = (1e-3 / (1e-3 + counts / counts.sum())).astype(np.float32)
    plain = Static(model.tokenizer, raw, weights, False, np.eye(raw.shape[1], dtype=np.float32))
    means, targets = plain.encode(texts), model.encode(texts)
    fitted = np.linalg.solve(means.T @ means + 0.1 * np.eye(len(means.T)), means.T @ targets)
    print(f"{len(texts):,} sentences from outside the matching data;  dev MAP@5  5-fold CV  cosine to the model")
    for name, encoder in (
        ("library static, as it is", plain),
        ("library static, mapped", Static(model.tokenizer, raw, weights, False, fitted.astype(np.float32))),
        ("the shipped model on both sides", model),
    ):
        with data.temporary_folder() as tmp:
            with in_place_of_the_model(encoder):
                library = data.matching_library(Path(tmp), meanings=True)
            # The library's vectors answer to the shipped model's name, so the queries are encoded by it.
            library.db.execute("UPDATE info SET value = ? WHERE key = 'meaning_model'", (meaning.MODEL,))
            train, dev = (training.match_groups(library, q, by_meaning=True) for q in (train_q, dev_q))
            library.close()
        near = float(np.mean(np.sum(encoder.encode(texts[:2000]) * targets[:2000], axis=1)))
        print(f"  {name:38s} {map_dev(train, dev):9.3f}  {cross_validated(train):9.3f}  {near:18.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
