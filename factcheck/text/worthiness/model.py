"""The trained check-worthiness scorer: a linear model over n-grams and cues, in pure Python.

    m = model.default()                                  # loaded once per process
    m.score("Unemployment fell to 4.1% in 2017.")        # Scored(score, reasons, facts)

The score is a logistic function of a bias, the hashed word and character
n-gram weights (see ``features``) and the cue weights.  Every part of it is
named in words in the reasons: a cue by its label and the words that fired it
("states a sum of money: $310 million", "lowered by opinion marker: I think"),
the n-grams by the words they came from, compared with a typical word.

The weights file (``weights.bin.gz``, written by ``benchmarks/train_worthiness.py``)
is gzip: one JSON header line (format, feature settings, int16 scale, bias, the
cue weights, the threshold, the training settings, a typical word's share), then
the ``2**bits`` n-gram weights as little-endian int16 (times ``scale``).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import sys
import zlib
from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.text.clean import number
from factcheck.text.facts import Fact
from factcheck.text.worthiness import features as F
from factcheck.text.worthiness.rules import Scored

__all__ = ["FORMAT", "Alone", "Model", "WEIGHTS", "default", "load"]

WEIGHTS = Path(__file__).resolve().with_name("weights.bin.gz")
FORMAT = "worthiness-linear/1"

# Words never named as reasons on their own: they carry grammar, not content.
_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being it its
    this that these those there here he she they them his her their we us our you your i me my
    not no so if then than do does did have has had will would can could should may might must
    shall up out about into over after before very just also which who whom what when where why
    how all any some such only own same too s t 's n't ' , . ? ! $ % mr mrs ms""".split()
)
_CUE_MIN = 0.1  # a cue moving the logit less than this is not worth a reason
_WORD_MIN = 0.15  # nor is a word whose share is this close to a typical word's
_CACHE_LIMIT = 200_000
_SAID_APART = frozenset(["length", "rules"])  # not cues a reason names with words
_RULES = F.NAMES.index("rules")
_C_PREFIX = zlib.crc32(b"c:")
_W_PREFIX = zlib.crc32(b"w:")


class Model:
    """A loaded linear check-worthiness model."""

    def __init__(self, header: dict[str, Any], weights: array[int]) -> None:
        if header.get("format") != FORMAT:
            raise ValueError(f"unknown weights format {header.get('format')!r}")
        if header["bits"] != F.BITS or tuple(header["char_ngrams"]) != (F.CHAR_MIN, F.CHAR_MAX):
            raise ValueError("the weights were trained with other n-gram settings")
        if set(header["cues"]) != set(F.NAMES):
            raise ValueError("the weights were trained with other cues")
        if len(weights) != F.SIZE:
            raise ValueError("the weights file is truncated")
        self.header = header
        #: The default threshold the weights were measured at.
        self.threshold: float = header["threshold"]
        self._w = weights
        self._scale: float = header["scale"]
        self._bias: float = header["bias"]
        self._cue_w: list[float] = [header["cues"][n] for n in F.NAMES]
        self._baseline: float = header.get("word_baseline", 0.0)
        # Weights trained before the context features were added have none: the unit alone is scored.
        context = header.get("context", {})
        if context and set(context) != set(F.CONTEXT_NAMES):
            raise ValueError("the weights were trained with other context features")
        self._ctx_w: list[float] = [context.get(n, 0.0) for n in F.CONTEXT_NAMES]
        #: Whether the score of a unit depends on the units around it.
        self.uses_context = any(self._ctx_w)
        # Per distinct token and bigram, what its n-grams weigh: most words of an article repeat.
        self._tokens: dict[str, tuple[int, int, int]] = {}
        self._bigrams: dict[str, int] = {}

    # --- n-grams ---------------------------------------------------------------

    def _token(self, token: str) -> tuple[int, int, int]:
        """(unigram weight, sum of its character n-gram weights, number of character n-grams), unscaled."""
        w = self._w
        crc = zlib.crc32
        padded = " " + token + " "
        if padded.isascii():  # features.bucket("c:" + gram) without building the strings
            raw = padded.encode("ascii")
            n = len(raw)
            grams = [raw[i : i + k] for k in range(F.CHAR_MIN, min(F.CHAR_MAX, n) + 1) for i in range(n - k + 1)]
            chars = sum(w[crc(g, _C_PREFIX) & F.MASK] for g in grams)
            count = len(grams)
        else:
            strings = F.char_grams(token)
            chars = sum(w[F.bucket(g)] for g in strings)
            count = len(strings)
        got = (w[crc(token.encode("utf-8"), _W_PREFIX) & F.MASK], chars, count)
        self._tokens[token] = got
        return got

    def _shares(self, norm: list[str]) -> list[float]:
        """Each token's share of the n-gram part of the logit (its n-grams, half of each bigram it is in)."""
        n = len(norm)
        if not n:
            return []
        tokens, bigrams = self._tokens, self._bigrams
        if len(tokens) > _CACHE_LIMIT or len(bigrams) > _CACHE_LIMIT:
            tokens.clear()
            bigrams.clear()
        info = [tokens.get(t) or self._token(t) for t in norm]
        n_chars = sum(c for _, _, c in info)
        vw = self._scale / math.sqrt(2 * n)  # n unigrams and n bigrams
        vc = self._scale / math.sqrt(n_chars) if n_chars else 0.0
        shares = [vw * uni + vc * chars for uni, chars, _ in info]
        w, crc, mask = self._w, zlib.crc32, F.MASK
        prev = F.START
        for i, token in enumerate(norm):
            key = prev + " " + token
            b = bigrams.get(key)
            if b is None:
                b = bigrams[key] = w[crc(key.encode("utf-8"), _W_PREFIX) & mask]
            if i:
                half = 0.5 * vw * b
                shares[i - 1] += half
                shares[i] += half
            else:
                shares[0] += vw * b
            prev = token
        return shares

    def word_shares(self, text: str) -> list[tuple[str, float]]:
        """Each word of a text as written, and its share of the n-gram part of the logit."""
        norm, shown = F.tokens(text)
        return list(zip(shown, self._shares(norm)))

    # --- scoring ---------------------------------------------------------------

    def logit(self, text: str, kind: str = "sentence", names: Collection[str] | None = None) -> float:
        """The score of a unit taken alone, before the logistic function."""
        norm, _ = F.tokens(text)
        cues = F.cues(text, kind, names)
        return self._bias + sum(self._shares(norm)) + sum(w * v for w, v in zip(self._cue_w, cues.values))

    def sentence(self, text: str, kind: str = "sentence", names: Collection[str] | None = None) -> Alone:
        """The parts of a unit's score taken alone, without its context."""
        norm, shown = F.tokens(text)
        shares = self._shares(norm)
        cues = F.cues(text, kind, names)
        parts = [w * v for w, v in zip(self._cue_w, cues.values)]
        return Alone(self._bias + sum(shares) + sum(parts), cues.facts, self._items(shown, shares, cues, parts))

    def score(
        self,
        text: str,
        kind: str = "sentence",
        names: Collection[str] | None = None,
        context: F.Context | None = None,
    ) -> Scored:
        """The check-worthiness of one sentence (or heading, or list item), with reasons and key facts.

        ``names`` is the set of capitalised words of the whole text
        (``rules.known_names``), which tells a name at the start of a sentence
        from a capitalised common word.  ``context``: the units around it and
        its place in a speaker's turn (``score_units`` scores a whole text).
        """
        alone = self.sentence(text, kind, names)
        if context is None or not self.uses_context:
            return self.combine(alone)
        before = self.logit(*context.before, names) if context.before else None
        after = self.logit(*context.after, names) if context.after else None
        return self.combine(alone, F.context_values(before, after, context.before and context.before[0], context.turn))

    def score_units(
        self,
        units: Sequence[tuple[str, str]],
        names: Collection[str] | None = None,
        turns: Sequence[tuple[int, int] | None] | None = None,
        wanted: Sequence[bool] | None = None,
    ) -> list[Scored | None]:
        """The units of one text, (text, kind) in reading order, each scored in its context.

        ``turns``: each unit's (index in its speaker's turn, the turn's length)
        where the text marks speakers.  A unit not ``wanted`` is not scored
        (None), and is read alone only when a wanted neighbour needs it.  A
        unit said again is read once.
        """
        n = len(units)
        alone: dict[tuple[str, str], Alone] = {}

        def get(i: int) -> Alone:
            key = units[i]
            got = alone.get(key)
            if got is None:
                got = alone[key] = self.sentence(key[0], key[1], names)
            return got

        out: list[Scored | None] = []
        # A unit said again (a refrain, boilerplate) in a like context is scored once.
        done: dict[tuple[tuple[str, str], tuple[float, ...]], Scored] = {}
        for i in range(n):
            if wanted is not None and not wanted[i]:
                out.append(None)
                continue
            values: tuple[float, ...] = ()
            if self.uses_context:
                values = F.context_values(
                    get(i - 1).logit if i else None,
                    get(i + 1).logit if i + 1 < n else None,
                    units[i - 1][0] if i else None,
                    turns[i] if turns is not None else None,
                )
            key = (units[i], values)
            scored = done.get(key)
            if scored is None:
                scored = done[key] = self.combine(get(i), values)
            out.append(scored)
        return out

    def combine(self, alone: Alone, context: Sequence[float] = ()) -> Scored:
        """A unit's score from its parts taken alone and its context features (``features.context_values``)."""
        items = alone.items
        total = alone.logit
        if context:
            ctx_parts = [w * v for w, v in zip(self._ctx_w, context)]
            total += sum(ctx_parts)
            items = items + [
                (part, _context_reason(name, part))
                for name, part in zip(F.CONTEXT_NAMES, ctx_parts)
                if abs(part) >= _CUE_MIN
            ]
        value = round(1.0 / (1.0 + math.exp(-max(min(total, 40.0), -40.0))), 3)
        # What raised the score most (up to 5), then what lowered it most (up to 4), in words.
        raised = sorted((i for i in items if i[0] > 0), key=lambda i: -i[0])[:5]
        lowered = sorted((i for i in items if i[0] < 0), key=lambda i: i[0])[:4]
        reasons = tuple(r for _, r in raised) + tuple(f"lowered by {r}" for _, r in lowered)
        return Scored(value, reasons, alone.facts)

    def _items(
        self, shown: list[str], shares: list[float], cues: F.Cues, parts: list[float]
    ) -> list[tuple[float, str]]:
        """What moved a unit's score taken alone, each as (its part of the logit, in words)."""
        items: list[tuple[float, str]] = []
        for i, name in enumerate(F.NAMES):
            part = parts[i]
            if not cues.values[i] or name in _SAID_APART or -_CUE_MIN < part < _CUE_MIN:
                continue
            evidence = cues.evidence.get(name)
            items.append((part, f"{F.CUES[name]}: {evidence}" if evidence else F.CUES[name]))
        if abs(parts[_RULES]) >= 2 * _CUE_MIN:
            items.append((parts[_RULES], f"hand-written rules score it {number(cues.rules_score, 2)}"))
        # Words: their n-grams' share, against a typical word's share in the training data.
        by_word: dict[str, float] = {}
        for word, share in zip(shown, shares):
            share -= self._baseline
            if -_WORD_MIN / 2 < share < _WORD_MIN / 2:
                continue
            key = word.lower()
            if key in _STOPWORDS or len(key) < 2 and not key.isdigit():
                continue
            by_word[word] = by_word.get(word, 0.0) + share
        up = sorted(((s, w) for w, s in by_word.items() if s >= _WORD_MIN), reverse=True)[:4]
        down = sorted((s, w) for w, s in by_word.items() if s <= -_WORD_MIN)[:4]
        if up:
            items.append((sum(s for s, _ in up), "words typical of checked claims: " + ", ".join(w for _, w in up)))
        if down:
            items.append(
                (sum(s for s, _ in down), "words typical of opinion or talk: " + ", ".join(w for _, w in down))
            )
        return items


@dataclass(frozen=True)
class Alone:
    """A unit's score taken alone: its logit, its key facts, and what moved it (part of the logit, in words)."""

    logit: float
    facts: tuple[Fact, ...]
    items: list[tuple[float, str]]


def _context_reason(name: str, part: float) -> str:
    """A context feature's part in a score, in words."""
    if name in ("before", "after"):
        # The part has the sign of the neighbour's own score when its weight is positive, as trained.
        where = F.CONTEXT[name]
        return f"{where} is check-worthy too" if part > 0 else f"{where}: not check-worthy"
    return F.CONTEXT[name]  # "lowered by being a speaker's whole turn"


def read(data: bytes) -> Model:
    """A model from the bytes of a weights file."""
    raw = gzip.decompress(data)
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    weights = array("h")
    weights.frombytes(raw[end + 1 :])
    if sys.byteorder == "big":
        weights.byteswap()
    return Model(header, weights)


def load(path: str | Path = WEIGHTS) -> Model:
    """A model from a weights file (by default the one shipped with the package)."""
    return read(Path(path).read_bytes())


@functools.cache
def default() -> Model:
    """The shipped model, loaded on first use and kept for the life of the process."""
    return load()
