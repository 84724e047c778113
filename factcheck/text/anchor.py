"""Anchors: where a claim sits in its article, robust to edits of the article.

An anchor keeps the exact quote, some context before and after it, and its
character offsets, in the spirit of the W3C Web Annotation
TextQuoteSelector and TextPositionSelector.

``locate`` finds an anchor again in a (possibly edited) text, trying the
cheapest and surest evidence first:

1. the offsets still point at the exact quote -> ``exact``;
2. the exact quote occurs elsewhere, once, or several times with one
   occurrence clearly best by its prefix/suffix context -> ``moved``;
3. a fuzzy match above a threshold -> ``fuzzy``, with its score.

Two places that match (almost) equally well give ``ambiguous``, never a guess:
a confidently wrong re-anchoring is worse than an orphan that says so.

Steps 2 and 3 weigh every occurrence of the quote (or of its pieces) in the
whole text, so that a quote found twice is never taken for a quote found
once.  To locate many anchors in one text, pass a ``TextIndex`` of it instead
of the string: the answers are the same, found without reading the whole
text once per anchor.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable

import msgspec

from factcheck.model.claims import Anchor
from factcheck.text.occurrences import TextIndex

CONTEXT = 32


def _fuzz():  # type: ignore[no-untyped-def]
    """rapidfuzz's scorers, loaded only when an anchor must be looked for: an unedited article never needs them."""
    from rapidfuzz import fuzz

    return fuzz


#: Fuzzy matches scoring below this (in [0, 1]) are "not-found".
THRESHOLD = 0.75
#: Two candidates closer than this in score make the answer "ambiguous".
MARGIN = 0.05


class Located(msgspec.Struct, frozen=True):
    """The outcome of looking for an anchor in a text.

    ``status`` is one of ``exact`` (offsets still valid), ``moved`` (exact
    quote found elsewhere, unambiguously), ``fuzzy`` (fuzzy match above the
    threshold), ``ambiguous`` or ``not-found``.
    """

    status: str
    start: int | None
    end: int | None
    confidence: float

    @property
    def found(self) -> bool:
        """True when the anchor has a (new) span: exact, moved or fuzzy."""
        return self.status in ("exact", "moved", "fuzzy")


NOT_FOUND = Located("not-found", None, None, 0.0)


def make(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is not inside a text of {len(text)} characters")
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def is_valid(anchor: Anchor, text: str) -> bool:
    """Whether the anchor's offsets still point at its exact quote."""
    return text[anchor.start : anchor.end] == anchor.exact


def _index(text: str | TextIndex) -> TextIndex:
    return text if isinstance(text, TextIndex) else TextIndex(text, indexed=False)


def locate(
    anchor: Anchor,
    text: str | TextIndex,
    within: tuple[int, int] | None = None,
) -> Located:
    """Find the anchor's quote in ``text`` (a string, or an index of one); see the module docstring for the statuses.

    ``within`` confines the search to ``text[lo:hi]``: where the claims
    before and after this one now are, when the quote also occurs (word for
    word) elsewhere, as a sentence repeated in a transcript does.
    """
    index = _index(text)
    if not anchor.exact:
        return NOT_FOUND
    lo, hi = within if within is not None else (0, len(index.text))
    if is_valid(anchor, index.text) and lo <= anchor.start and anchor.end <= hi:
        return Located("exact", anchor.start, anchor.end, 1.0)
    n = len(anchor.exact)
    hits = [h for h in index.occurrences(anchor.exact, limit=1000) if lo <= h and h + n <= hi]
    if len(hits) == 1:
        return Located("moved", hits[0], hits[0] + n, 1.0)
    if hits:
        return _pick_exact(anchor, index.text, hits)
    return _fuzzy(anchor, index, (lo, hi))


def why_unplaced(anchor: Anchor | None, claim_text: str, text: str | TextIndex) -> str | None:
    """Why a claim (its anchor, or its text when it has none) cannot be placed in ``text``; None when it can."""
    index = _index(text)
    if anchor is None:
        return None if claim_text in index.text else "is not in the article text"
    if is_valid(anchor, index.text):
        return None
    located = locate(anchor, index)
    if located.found:
        return None
    if located.status == "ambiguous":
        return "matches several places of the edited article equally well"
    return "can no longer be found in the article"


def same_words(before: str, after: str) -> bool:
    """Whether two wordings of a claim differ only by the capital and closing stop that joining or splitting its
    sentence adds or takes: a verdict on one still fits the other."""

    def bare(text: str) -> str:
        text = text.rstrip(".;:, ")  # not "?" or "!": a statement made a question is another claim
        return text[:1].lower() + text[1:]

    return bare(before) == bare(after)


def relocate(anchor: Anchor, text: str, located: Located) -> Anchor:
    """The anchor rebuilt at a found location (new exact text, context and offsets)."""
    if not located.found or located.start is None or located.end is None:
        raise ValueError(f"cannot relocate an anchor that was {located.status}")
    return make(text, located.start, located.end)


# --- exact quote elsewhere ------------------------------------------------------


def context_scorer(anchor: Anchor, text: str) -> Callable[[int, int], float]:
    """How well the text around a span matches the anchor's prefix and suffix, in [0, 1], as a function of the span.

    Made once per anchor and text, for scoring many spans (a quote repeated hundreds of times).
    """
    ratio = _fuzz().ratio
    prefix, suffix = anchor.prefix, anchor.suffix
    before, after = len(prefix), len(suffix)

    def score(start: int, end: int) -> float:
        parts = []
        if prefix:
            parts.append(ratio(prefix, text[max(0, start - before) : start]) / 100)
        if suffix:
            parts.append(ratio(suffix, text[end : end + after]) / 100)
        return sum(parts) / len(parts) if parts else 0.0

    return score


def _pick_exact(anchor: Anchor, text: str, hits: list[int]) -> Located:
    n = len(anchor.exact)
    score = context_scorer(anchor, text)
    (best, at), (second, _) = heapq.nlargest(2, ((score(h, h + n), h) for h in hits))
    # Context decides only when it clearly prefers one place; identical
    # paragraphs repeated verbatim stay ambiguous.
    if best - second >= 0.1:
        return Located("moved", at, at + n, 1.0)
    return Located("ambiguous", None, None, 0.0)


# --- fuzzy ----------------------------------------------------------------------


class _Candidate(msgspec.Struct, frozen=True):
    start: int
    end: int
    score: float  # similarity of text[start:end] to the quote, in [0, 1]
    rank: float  # score plus a little for matching context, to order candidates


def _fuzzy(anchor: Anchor, index: TextIndex, within: tuple[int, int]) -> Located:
    exact = anchor.exact
    text = index.text
    lo, hi = within
    # When no piece of the quote survived verbatim, look where it was, as if the text around it shifted uniformly.
    starts = _seed_starts(exact, index, within=within) or [min(len(text) - 1, anchor.start)]
    candidates: list[_Candidate] = []
    for guess in (min(max(lo, g), max(lo, hi - 1)) for g in starts):
        cand = _refine(anchor, text, guess, within)
        if cand is not None and not any(cand.start < c.end and c.start < cand.end for c in candidates):
            candidates.append(cand)
    candidates.sort(key=lambda c: c.rank, reverse=True)
    if not candidates or candidates[0].score < THRESHOLD:
        return NOT_FOUND
    best = candidates[0]
    if any(other.score >= THRESHOLD and best.rank - other.rank < MARGIN for other in candidates[1:]):
        return Located("ambiguous", None, None, 0.0)
    return Located("fuzzy", best.start, best.end, round(best.score, 4))


def _seed_starts(exact: str, index: TextIndex, max_groups: int = 6, within: tuple[int, int] | None = None) -> list[int]:
    """Likely start offsets of the quote in the index's text, from verbatim pieces of it.

    Seed-and-extend, as in sequence alignment: an edit inside the quote
    breaks only the pieces it touches; each surviving piece votes for where
    the quote starts.  Votes close together are one candidate.
    """
    n = len(exact)
    size = max(6, min(24, n // 4))
    votes: list[int] = []
    for offset in range(0, max(1, n - size + 1), size):
        piece = exact[offset : offset + size]
        if len(piece.strip()) < 4:
            continue
        hits = index.occurrences(piece, limit=50)
        if len(hits) >= 50:
            continue  # too common to say anything (" the " and friends)
        votes.extend(h - offset for h in hits)
    if within is not None:
        # Pieces found outside the window vote for places that are not wanted.
        votes = [v for v in votes if within[0] - n <= v < within[1]]
    if not votes:
        return []
    votes.sort()
    spread = max(16, n // 5)
    groups: list[list[int]] = [[votes[0]]]
    for v in votes[1:]:
        if v - groups[-1][-1] <= spread:
            groups[-1].append(v)
        else:
            groups.append([v])
    groups.sort(key=len, reverse=True)
    return [max(0, g[len(g) // 2]) for g in groups[:max_groups]]


def _refine(anchor: Anchor, text: str, guess: int, within: tuple[int, int]) -> _Candidate | None:
    """The best span near ``guess`` (inside ``within``) and its similarity to the quote."""
    fuzz = _fuzz()
    exact = anchor.exact
    n = len(exact)
    slack = n // 3 + 24
    lo = max(within[0], guess - slack)
    hi = min(within[1], guess + n + slack)
    if hi <= lo:
        return None
    # partial_ratio is exact for short needles only, so align the quote's head
    # and tail separately (each short) to find the two ends of the span.
    edge = min(n, 32)
    head = fuzz.partial_ratio_alignment(exact[:edge], text[lo:hi])
    tail = fuzz.partial_ratio_alignment(exact[-edge:], text[lo:hi])
    start = lo + head.dest_start if head and head.score >= 60 else max(lo, guess)
    end = lo + tail.dest_end if tail and tail.score >= 60 else min(hi, start + n)
    if end <= start:
        return None
    start, end, placed = _by_context(anchor, text, *_tighten(exact, text, start, end), slack)
    if not placed and _WHOLE.search(exact) and not _WHOLE.search(text, start, end):
        end = _sentence_end(text, end, n)
    score = fuzz.ratio(exact, text[start:end]) / 100
    context = context_scorer(anchor, text)(start, end)
    return _Candidate(start, end, score, score + 0.1 * context)


#: Characters of the context next to the quote that, found word for word beside a span, fix where it begins or ends.
EDGE = 12
#: A sentence's end or a line break inside a stretch of text.
_BOUNDARY = re.compile(r"[.!?…][\"'’”)\]]*\s|\n")
#: The end of a sentence, as a quote that was one whole sentence ends.
_WHOLE = re.compile(r"[.!?…][\"'’”»)\]]*$")


def _sentence_end(text: str, end: int, reach: int) -> int:
    """Where the sentence a span ends in ends, within ``reach``: a sentence lengthened by an edit is
    still one claim, not its first words up to the quote's old length."""
    from factcheck.text import segment  # here: report and annotate place claims without loading it

    hi = min(len(text), end + reach)
    stops = segment.sentence_ends(text, end, hi) or ([hi] if hi == len(text) else [])
    if not stops or "\n" in text[end : stops[0]]:  # the sentence lost its full stop: the next one is another's
        return end
    stop = stops[0]
    while stop > end and text[stop - 1].isspace():
        stop -= 1
    return stop


def _by_context(anchor: Anchor, text: str, start: int, end: int, slack: int) -> tuple[int, int, bool]:
    """The span's ends moved to where the anchor's context, still word for word in the text, says they are, and
    whether the context placed the end.

    Similarity alone leaves out words edited at an edge ("over the past three
    decades" edited to "three and a half decades" would end at "three and"),
    and an edge is where a figure often sits.  The text that followed the quote
    (and the text before it), found unchanged within ``slack`` of where
    similarity put the end (the start), marks it; nearest wins.  An end never
    moves across a sentence's end or a line break: a sentence added beside an
    edited quote is not taken into it (a span may shrink across one).
    """

    def edge(piece: str, after: bool, at: int, lo: int, hi: int) -> int | None:
        """Where ``piece`` found nearest ``at`` puts the edge: its start (the text after), or its end (before)."""
        if len(piece.strip()) < 6:  # a full stop and a space say nothing about where a quote ends
            return None
        found = text.find(piece, lo, hi + len(piece))
        best: int | None = None
        while found != -1:
            place = found if after else found + len(piece)
            if best is None or abs(place - at) < abs(best - at):
                best = place
            found = text.find(piece, found + 1, hi + len(piece))
        if best is None or _BOUNDARY.search(text[at:best] if after else text[best:at]):  # empty when it shrinks
            return None
        return best

    after = edge(anchor.suffix[:EDGE], True, end, start + 1, min(len(text), end + slack))
    end = end if after is None else after
    begin = edge(anchor.prefix[-EDGE:], False, start, max(0, start - slack), end - 1)
    return (begin if begin is not None and begin < end else start), end, after is not None


def _tighten(exact: str, text: str, start: int, end: int, reach: int = 12) -> tuple[int, int]:
    """Nudge each end of the span by a few characters to where the similarity peaks.

    Window alignment of the head can start a little early (it happily eats
    the end of the previous sentence when the quote's first words changed).
    """
    fuzz = _fuzz()

    def best(options: range, span: Callable[[int], tuple[int, int]]) -> int:
        top, pick = -1.0, options.start
        for option in options:
            s, e = span(option)
            if e <= s:
                continue
            score = fuzz.ratio(exact, text[s:e])
            # Strictly better only: ties keep the earlier, so the scan is stable.
            if score > top:
                top, pick = score, option
        return pick

    n = len(text)
    start = best(range(max(0, start - reach), min(end, start + reach + 1)), lambda s: (s, end))
    end = best(range(max(start + 1, end - reach), min(n, end + reach) + 1), lambda e: (start, e))
    # Similarity alone would rather drop an edited word at the edge than keep
    # it; a quote that began and ended on whole words should do so again.
    if exact[0].isalnum():
        for _ in range(reach):
            if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
                start -= 1
    if exact[-1].isalnum():
        for _ in range(reach):
            if end < n and text[end].isalnum() and text[end - 1].isalnum():
                end += 1
    if not exact[0].isspace():
        while start < end - 1 and text[start].isspace():
            start += 1
    if not exact[-1].isspace():
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
    return start, end
