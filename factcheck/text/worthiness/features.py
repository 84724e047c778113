"""The features of a unit of text for the trained check-worthiness scorer (stdlib only).

Three groups, shared by the scorer (``model``, pure Python) and the training
script (``benchmarks/train_worthiness.py``, which builds a sparse matrix from
them), so that a sentence has the same features at training and at run time:

- **word n-grams**: lowercase word unigrams and bigrams (with a start-of-sentence
  mark), every digit written as ``0`` so that "2016" and "1980" are one word;
- **character n-grams** of 3 to 5 characters inside each word padded with
  spaces (like scikit-learn's ``char_wb``): they carry inflections and rare words;
- **cues**: dense, named features read by the hand-written rules (``rules.read``:
  key facts, named entities, verbs of record, hedges, evaluative words, first
  person, questions, ...), a few of our own (opinion markers, the second person,
  quotations and reported views without a figure, length), and the rules' own
  score as one more feature.

A fourth group, the **context** (``context_values``), is read only by weights
that have context weights: the neighbouring units' scores taken alone, whether
the unit follows a question, and its place in a speaker's turn.

Each n-gram is hashed with ``zlib.crc32`` (stable across runs and Python
versions, unlike ``hash()``) into ``2**BITS`` buckets.  Within a group every
occurrence of an n-gram counts ``1 / sqrt(n)``, ``n`` being the number of
n-gram occurrences of that group in the unit, so long and short units weigh
alike and a word's share of the score is the sum over its own n-grams (which is
how ``model`` turns n-gram weights back into words for the reasons).
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass

from factcheck.text.facts import Fact
from factcheck.text.segment import HAN, word_count
from factcheck.text.worthiness import rules

BITS = 20
SIZE = 1 << BITS
MASK = SIZE - 1
CHAR_MIN, CHAR_MAX = 3, 5
START = "<s>"

# --- tokens ----------------------------------------------------------------------

# Words (with inner apostrophes), numbers (with separators), and the symbols that matter for claims.  Chinese
# and Japanese write no spaces between words: each of their characters is a token.
_LETTERS = rf"[^\W\d_{HAN}]+"
_TOKEN = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*|[{HAN}]|\d+(?:[.,:/]\d+)*|[$€£¥%?!]")
_DIGIT = re.compile(r"\d")


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The normalised tokens of a text (lowercase, digits as ``0``) and the same tokens as written."""
    shown = _TOKEN.findall(text)
    norm = []
    for token in shown:
        token = token.lower()
        if token[0].isdigit():  # numbers are the only tokens with digits
            token = _DIGIT.sub("0", token)
        elif "’" in token:
            token = token.replace("’", "'")
        norm.append(token)
    return norm, shown


def bucket(feature: str) -> int:
    """The hash bucket of one n-gram (``w:`` word n-grams, ``c:`` character n-grams)."""
    return zlib.crc32(feature.encode("utf-8")) & MASK


def word_grams(norm: list[str]) -> list[str]:
    """Word unigrams and bigrams of normalised tokens, the first bigram starting at ``START``."""
    out = ["w:" + t for t in norm]
    prev = START
    for token in norm:
        out.append("w:" + prev + " " + token)
        prev = token
    return out


def char_grams(token: str) -> list[str]:
    """Character n-grams of one normalised token, padded with spaces."""
    padded = " " + token + " "
    n = len(padded)
    out: list[str] = []
    for size in range(CHAR_MIN, CHAR_MAX + 1):
        if size > n:
            break
        out.extend("c:" + padded[i : i + size] for i in range(n - size + 1))
    return out


def sparse(norm: list[str]) -> dict[int, float]:
    """The hashed word and character n-gram features of normalised tokens: bucket -> value."""
    out: dict[int, float] = {}
    words = word_grams(norm)
    if words:
        value = 1.0 / math.sqrt(len(words))
        for feature in words:
            b = bucket(feature)
            out[b] = out.get(b, 0.0) + value
    chars = [g for t in norm for g in char_grams(t)]
    if chars:
        value = 1.0 / math.sqrt(len(chars))
        for feature in chars:
            b = bucket(feature)
            out[b] = out.get(b, 0.0) + value
    return out


# --- cues ------------------------------------------------------------------------

#: The dense cue features, in column order: name -> how a reason names it.
CUES: dict[str, str] = {
    "money": "states a sum of money",
    "percent": "states a percentage",
    "date": "gives a date",
    "duration": "gives a duration",
    "number": "states a number",
    "statistic": "states a measured figure",
    "measure": "states a measurement",
    "time": "gives a time of day",
    "ordinal": "gives a rank",
    "entities": "names people, places or organisations",
    "record": "verb of record",
    "attribution": "attributes a source",
    "quotation": "quotes someone",
    "quoted_view": "quotes words that hold no figure",
    "reported_view": "reports what someone said, with no figure",
    "instrument": "names a concrete subject",
    "comparison": "makes a comparison",
    "past": "says what is or was",
    "institution": "names an institution or programme",
    "hedge": "hedge or prediction",
    "evaluative": "evaluative words",
    "rhetoric": "rhetoric or interpretation",
    "first_singular": "first person",
    "first_plural": "first person plural",
    "opinion_marker": "opinion marker",
    "second_person": "addresses the listener",
    "question": "question",
    "exclamation": "exclamation",
    "imperative": "addresses the reader",
    "heading": "a heading, not a sentence",
    "short": "too short to state a fact",
    "length": "sentence length",
    "rules": "hand-written rules",
}
NAMES = tuple(CUES)

_OPINION_MARKER = re.compile(
    r"\b(?:I|we)(?:['’](?:m|re|d))?\s+(?:really\s+|do\s+|don['’]t\s+|strongly\s+|just\s+)?"
    r"(?:think|believe|feel|guess|hope|want|wish|suppose|mean|agree|disagree|doubt|fear|trust|"
    r"sure|convinced|confident|proud|glad|pleased)\b"
    r"|\b(?:in my (?:view|opinion)|it seems to me|frankly|honestly)\b",
    re.IGNORECASE,
)
# A cheap test before the regular expression: most sentences hold none of these.
_MARKER_LEADS = re.compile(r"\bi\b|\bwe\b|in my|seems to me|frankly|honestly")
# A direct quotation: words between quotation marks (straight or curly), or an opening mark with no
# close (a quotation running on into the next sentence).  Single marks are left out: they are apostrophes.
_QUOTED = re.compile(r'["“”]([^"“”]+)(?:["“”]|$)')
# Reporting verbs: what someone said, as against what happened.
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|adding|added|argued|argues|warned|warns|insisted|insists|"
    r"claimed|claims|called for|calls for|according to|believes?|contends?)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset("one two three four five six seven eight nine ten".split())
# A count of n enters as log(1 + n), n capped at 6: the first of a kind says the most.
_LOG1P = [math.log1p(i) for i in range(7)]
_AT = {name: i for i, name in enumerate(NAMES)}


@dataclass(frozen=True)
class Cues:
    """A unit's dense cue values (in ``NAMES`` order), the words behind each, its key facts and rules score."""

    values: tuple[float, ...]
    evidence: dict[str, str]
    facts: tuple[Fact, ...]
    rules_score: float


def _logit(p: float) -> float:
    p = min(max(p, 0.0025), 0.9975)
    return math.log(p / (1 - p))


def cues(text: str, kind: str = "sentence", names: Collection[str] | None = None) -> Cues:
    """The cue features of one unit of text: one pass of the hand-written rules, plus cues of our own."""
    reading = rules.read(text, kind, names)
    hits: dict[str, list[str]] = {name: list(words) for name, words in reading.cues.items()}
    for fact in reading.facts:
        if fact.kind == "number" and fact.text.lower() in _SMALL_WORDS:
            continue  # "the two countries": a reference, not a figure
        hits.setdefault(fact.kind, []).append(fact.text)
        if fact.kind == "number" and isinstance(fact.value, float) and (abs(fact.value) >= 100 or fact.value % 1):
            hits.setdefault("statistic", []).append(fact.text)
    lower = text.lower()
    if _MARKER_LEADS.search(lower):
        markers = [m.group() for m in _OPINION_MARKER.finditer(text)]
        if markers:
            hits["opinion_marker"] = markers
    # Figures make a quotation or a report checkable: quoted or reported words without one are a view.
    figures = [f for f in reading.facts if f.kind != "ordinal" and f.text.lower() not in _SMALL_WORDS]
    quoted = (
        [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text) if word_count(m.group(1)) >= 2]
        if '"' in text or "“" in text or "”" in text
        else None
    )
    if quoted:
        hits["quotation"] = [text[a:b].strip()[:40] for a, b in quoted]
        if not any(a <= f.start and f.end <= b for f in figures for a, b in quoted):
            hits["quoted_view"] = hits["quotation"]
    if not figures:
        reporting = [m.group().lower() for m in _REPORTING.finditer(text)]
        if reporting:
            hits["reported_view"] = reporting
    if "you" in lower:
        you = [w.lower() for w in _SECOND_PERSON.findall(text)]
        if you:
            hits["second_person"] = you
    values = [0.0] * len(NAMES)
    evidence: dict[str, str] = {}
    for name, words in hits.items():
        values[_AT[name]] = _LOG1P[min(len(words) or 1, 6)]
        if words:
            evidence[name] = ", ".join(list(dict.fromkeys(words))[:3])
    values[_AT["length"]] = math.log1p(word_count(text)) / 3.0
    values[_AT["rules"]] = _logit(reading.score) / 3.0
    return Cues(tuple(values), evidence, reading.facts, reading.score)


# --- context ---------------------------------------------------------------------

#: The context features, in column order: name -> how a reason names it.  They weigh a unit's
#: sentence score (``Model.sentence``) by where it sits: what its neighbours' scores are, and,
#: in a transcript that marks its speakers, its place in the speaker's turn.
CONTEXT: dict[str, str] = {
    "before": "the sentence before",
    "after": "the sentence after",
    "after_question": "following a question",
    "turn_start": "opening a speaker's turn",
    "turn_end": "closing a speaker's turn",
    "turn_alone": "being a speaker's whole turn",
}
CONTEXT_NAMES = tuple(CONTEXT)
_CLIP = 4.0  # a neighbour's sentence logit enters clipped to +-4 and scaled to +-1


@dataclass(frozen=True)
class Context:
    """Where a unit sits: the units before and after it, and its place in a speaker's turn.

    ``before`` and ``after`` are the neighbouring units as (text, kind), None at
    either end; ``turn`` is (the unit's index in its speaker's turn, the turn's
    number of units) when the text marks who speaks, else None.
    """

    before: tuple[str, str] | None = None
    after: tuple[str, str] | None = None
    turn: tuple[int, int] | None = None


def context_values(
    before_logit: float | None, after_logit: float | None, before_text: str | None, turn: tuple[int, int] | None
) -> tuple[float, ...]:
    """The context features (``CONTEXT_NAMES`` order) from the neighbours' sentence logits and the turn."""
    values = [0.0] * len(CONTEXT_NAMES)
    if before_logit is not None:
        values[0] = max(-_CLIP, min(_CLIP, before_logit)) / _CLIP
    if after_logit is not None:
        values[1] = max(-_CLIP, min(_CLIP, after_logit)) / _CLIP
    if before_text is not None and before_text.rstrip().rstrip("\"'”’)").endswith("?"):
        values[2] = 1.0
    if turn is not None:
        index, length = turn
        values[3] = float(index == 0 and length > 1)
        values[4] = float(index == length - 1 and length > 1)
        values[5] = float(length == 1)
    return tuple(values)
