"""The words around a fact, which tell what it is about (weighted by distance, within its
clause), and restatements: a fact given again in other units ("110.6 metres (363 ft)").
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .fact import Fact, dimension
from .patterns import PER
from .vocabulary import STOPWORDS, TIME_UNITS

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLAUSE_END = re.compile(
    r"[.!?;](?<!\b[^\W\d_][.!?;])(?=\s|$)|\n"
)  # not after a lone letter ("U.S."); the sign first, which is rare, so the look-behind runs only there
_WINDOW = 8  # content words on each side
_HEAD = 2  # content words right after a figure: what it counts
_DECAY = 2.0  # a word d content words away weighs 1 / (1 + d / _DECAY)
_WEIGHTS = tuple(1.0 / (1.0 + d / _DECAY) for d in range(_WINDOW))  # worked out once, not per word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to tell "emissions" and "emitted" from "temperature"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("our") and len(w) > 4:
        w = w[:-3] + "or"  # vapour, colour
    elif w.endswith("ours") and len(w) > 5:
        w = w[:-4] + "ors"
    if w.endswith("tre") or w.endswith("tres"):
        w = w.replace("tre", "ter")  # metre, centre
    w = w.replace("isation", "ization").replace("ise", "ize") if "is" in w else w
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w[:6]


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str | None:
    """The stem of a word as a context word; None for a stopword or a single letter, which say nothing.

    Kept per word, as set_context meets the same words on every page."""
    low = word.lower()
    if low in STOPWORDS or len(low) < 2:
        return None
    return stem(low)


def link_restatements(text: str, facts: list[Fact]) -> None:
    """Mark each fact that restates the one before it in other units, and give both what either
    says of change and rate: "rose by 2 °F (1 °C)", "1.8 mm (0.07 in) per year". (The facts are
    new, so setting their fields here is safe.)"""
    for previous, fact in zip(facts, facts[1:]):
        if not _restates(text, previous, fact):
            continue
        change, per = previous.change or fact.change, previous.per or fact.per
        closing = _CLOSING.match(text, fact.end)
        if per is None and closing:
            rate = PER.match(text, closing.end())
            if rate:
                word = (rate.group("p") or "year").lower()
                per = {"y": "year", "annum": "year"}.get(word) or TIME_UNITS.get(word, "year")
        for f in (previous, fact):
            object.__setattr__(f, "change", change)
            if f.per is None:
                object.__setattr__(f, "per", per)
        object.__setattr__(fact, "restates", True)


def set_context(text: str, facts: list[Fact]) -> None:
    """Work out the words around each of ``facts`` (read from ``text``, in order) and keep them on the facts."""
    spans = [(f.start, f.end) for f in facts]
    lo = max(0, spans[0][0] - 400)
    hi = min(len(text), max(e for _, e in spans) + 400)
    starts: list[int] = []  # where each content word starts, and its stem
    stems: list[str] = []
    k, n = 0, len(spans)
    for m in _WORD_RE.finditer(text, lo, hi):
        s = m.start()
        while k < n and spans[k][1] <= s:
            k += 1
        if k < n and spans[k][0] <= s:
            continue  # inside a fact ("October" of "October 2021")
        word = _content_stem(m.group())
        if word is not None:
            starts.append(s)
            stems.append(word)
    clauses = []
    for m in _CLAUSE_END.finditer(text, lo, hi):
        k = bisect.bisect_left(spans, (m.start() + 1,)) - 1  # a full stop inside a fact ("9:32 a.m.") ends nothing
        if k < 0 or not spans[k][0] <= m.start() < spans[k][1]:
            clauses.append(m.end())
    clause_of = [bisect.bisect_right(clauses, s) for s in starts]
    for fact in facts:
        clause = bisect.bisect_right(clauses, fact.start)
        weights: dict[str, float] = {}
        first = bisect.bisect_left(starts, fact.end)
        # Back from the fact, then on after it (where ``i`` ends: the head's end).
        for i, step in ((bisect.bisect_left(starts, fact.start) - 1, -1), (first, 1)):
            for w in _WEIGHTS:  # nearest first, up to _WINDOW words each way within the clause
                if not 0 <= i < len(stems) or clause_of[i] != clause:
                    break
                if weights.get(stems[i], 0.0) < w:
                    weights[stems[i]] = w
                i += step
        object.__setattr__(fact, "context", tuple(weights.items()))
        object.__setattr__(fact, "head", tuple(stems[first : min(i, first + _HEAD)]))


_CLOSING = re.compile(r"\s*[)\]]")
_RESTATE_GAP = re.compile(
    r"\s*[(\[]\s*(?:(?:or|about|approximately|roughly|around|some|up\s+to|nearly|almost|over|more\s+than|less\s+than|~|≈)\s*)*$",
    re.IGNORECASE,
)


_TIME_GAP = re.compile(
    r"\s*(?:(?:Eastern|Central|Mountain|Pacific|Atlantic)(?:\s+(?:Standard|Daylight))?(?:\s+[Tt]ime)?|local\s+time)?"
    r"\s*[(\[]\s*"
)


def _restates(text: str, previous: Fact, fact: Fact) -> bool:
    """Whether ``fact`` gives ``previous`` again in other units: "110.6 metres (363 ft)", or a time of
    day in another zone: "10 a.m. (1500 GMT)"."""
    if fact.kind != previous.kind or fact.kind not in ("measure", "money", "duration", "time"):
        return False
    if fact.kind == "time":
        # the zone of the first may be spelt out before the bracket: "5 p.m. Eastern (2100 GMT)", "noon local time (0400 GMT)"
        gap = _TIME_GAP.fullmatch(text, previous.end, fact.start) if fact.start - previous.end < 40 else None
        return fact.unit != previous.unit and gap is not None
    if fact.kind == "measure" and dimension(fact) != dimension(previous):
        return False
    return bool(_RESTATE_GAP.fullmatch(text, previous.end, fact.start)) if fact.start - previous.end < 30 else False
