"""``factcheck annotate``: place every claim in its article's text.

When the text is the one the claims were anchored on (same sha256) the
stored offsets are used; otherwise each anchor is looked for again with
``anchor.locate``.  A claim that cannot be placed is kept in
``Annotation.unplaced`` with the reason, never dropped.

Claims may nest or overlap, so the text is cut into ``Segment``s at every
claim boundary; each segment knows which claims cover it and which end
there, which is all a renderer needs.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.model.claims import Anchor, Claim
from factcheck.model.errors import UsageError
from factcheck.store.folder import StoredFile
from factcheck.store.paths import display
from factcheck.text import anchor as anchors
from factcheck.text import article, segment


@dataclass(frozen=True)
class Placed:
    """A claim found in the text; ``how`` is "stored" or a ``Located.status``."""

    number: int
    claim: Claim
    start: int
    end: int
    how: str
    confidence: float


@dataclass(frozen=True)
class Unplaced:
    """A claim that could not be placed; ``reason`` is "no anchor", "not-found" or "ambiguous"."""

    number: int
    claim: Claim
    reason: str


@dataclass(frozen=True)
class Segment:
    """A piece of the text, the claims covering it (outermost first) and the claims ending with it."""

    start: int
    end: int
    covering: tuple[Placed, ...]
    ending: tuple[Placed, ...]

    @property
    def innermost(self) -> Placed | None:
        return self.covering[-1] if self.covering else None


@dataclass(frozen=True)
class Annotation:
    """The claims of one file placed in an article's text."""

    stored: StoredFile
    article_shown: str  # the article's path as messages show it
    text: str
    reanchored: bool  # the text is not the one the claims were anchored on
    placed: tuple[Placed, ...]
    unplaced: tuple[Unplaced, ...]
    # The claims' verdicts as schema.org ClaimReview, for the HTML page to embed (publish.claimreview).
    claim_reviews: tuple[dict[str, Any], ...] = ()

    def segments(self) -> list[Segment]:
        """The whole text cut at every claim boundary."""
        cuts = sorted({0, len(self.text)} | {p.start for p in self.placed} | {p.end for p in self.placed})
        segments = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = [p for p in self.placed if p.start <= a and p.end >= b]
            covering.sort(key=lambda p: (-(p.end - p.start), p.number))
            ending = tuple(p for p in self.placed if p.end == b)
            segments.append(Segment(a, b, tuple(covering), ending))
        return segments

    def sentence_ends(self) -> dict[int, int]:
        """Where each placed claim's sentence ends (by claim number): a footnote mark goes there.

        That is the end of the sentence, heading or list item the claim's last
        word is in, after its closing punctuation; the claim's own end when it
        is in none (a line the segmenter took for page furniture).
        """
        units = segment.segments(self.text)
        starts = [u.start for u in units]
        ends: dict[int, int] = {}
        for p in self.placed:
            at = bisect.bisect_right(starts, max(p.end - 1, p.start)) - 1
            unit = units[at] if at >= 0 else None
            ends[p.number] = unit.end if unit is not None and p.end <= unit.end else p.end
        return ends


def choose(files: list[StoredFile], article: Path | None) -> tuple[StoredFile, Path]:
    """The claims file to annotate and the text to annotate it on."""
    if article is not None:
        wanted = os.path.realpath(article)
        for stored in files:
            own = stored.article_path()
            if own is not None and os.path.realpath(own) == wanted:
                return stored, article
        if len(files) == 1:
            return files[0], article  # a new version of its article: re-anchor on it
        raise UsageError(
            f"no claims file names {display(article)} as its article; name the claims file that annotates it"
        )
    with_text = [f for f in files if f.article_path() is not None]
    if len(with_text) == 1:
        return with_text[0], with_text[0].article_path()  # type: ignore[return-value]
    if not with_text:
        raise UsageError("the claims name no article text; give the article: factcheck annotate ARTICLE")
    names = ", ".join(display(f.article_path()) for f in with_text)  # type: ignore[arg-type]
    raise UsageError(f"the claims annotate several articles; name one: {names}")


def annotate(stored: StoredFile, article_path: Path) -> Annotation:
    """Place the claims of ``stored`` in the text at ``article_path``."""
    text, digest = article.read(article_path)
    same = stored.claims_file.article.sha256 == digest
    found: list[tuple[Claim, int, int, str, float]] = []
    missing: list[tuple[Claim, str]] = []
    for claim in stored.claims:
        anchor = claim.anchor
        if anchor is not None and same and anchors.is_valid(anchor, text):
            found.append((claim, anchor.start, anchor.end, "stored", 1.0))
            continue
        # No anchor: look for the claim's own text, which is quoted exactly from the article.
        wanted = anchor or Anchor(exact=claim.text, prefix="", suffix="", start=0, end=0)
        located = anchors.locate(wanted, text)
        if located.found and located.start is not None and located.end is not None:
            found.append((claim, located.start, located.end, located.status, located.confidence))
        else:
            missing.append((claim, located.status if anchor is not None else "no anchor"))
    found.sort(key=lambda f: (f[1], -f[2]))
    placed = tuple(Placed(i, c, s, e, how, conf) for i, (c, s, e, how, conf) in enumerate(found, 1))
    unplaced = tuple(Unplaced(len(placed) + i, c, why) for i, (c, why) in enumerate(missing, 1))
    return Annotation(stored, display(article_path), text, not same, placed, unplaced)
