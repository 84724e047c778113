"""An article with its claims placed in it: what the annotation renderers read, with nothing of the store.

``annotation`` reads the claims file and the article text and builds it.
Claims may nest or overlap, so the text is cut into ``Stretch``es at every
claim boundary; each stretch knows which claims cover it and which end
there, which is all a renderer needs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from factcheck.model.claims import Article, Claim
from factcheck.report import layout
from factcheck.text import segment


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
class Stretch:
    """A stretch of the text, the claims covering it (outermost first) and the claims ending with it."""

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

    article: Article  # the claims file's record of the article
    article_shown: str  # the article text's path as messages show it
    text: str
    reanchored: bool  # the text is not the one the claims were anchored on
    placed: tuple[Placed, ...]
    unplaced: tuple[Unplaced, ...]
    # The claims' verdicts as schema.org ClaimReview, for the HTML page to embed (publish.claimreview).
    claim_reviews: tuple[dict[str, Any], ...] = ()
    # Only the claims a person gave a verdict, for a page readers see: no internal detail.
    reviewed_only: bool = False

    @property
    def markdown(self) -> bool:
        """Whether the text is Markdown, where a line break inside a paragraph is a space."""
        return self.article_shown.lower().endswith((".md", ".markdown"))

    def blocks(self) -> list[layout.Block]:
        """The text's paragraphs, each with its kind: front matter, subhead or body (``layout``)."""
        return layout.blocks(self.text, self.article.title)

    def repeated_title(self) -> tuple[int, int] | None:
        """Where the text's headline is, with the white space after it, when it only repeats the title.

        The title heads every format; the text's own copy of it in the front
        matter, with no claim in it, would say it twice.  A headline holding a
        claim stays.
        """
        for block in self.blocks():
            if block.kind == layout.Kind.BODY:
                return None  # past the front matter
            if block.kind != layout.Kind.HEADLINE:
                continue
            if self.holds_claim(block):
                return None
            rest = self.text[block.end :]
            return block.start, len(self.text) - len(rest.lstrip())
        return None

    def visible(self, start: int, end: int) -> str:
        """The text from ``start`` to ``end``, less a headline that repeats the title."""
        cut = self.repeated_title()
        if cut is None or cut[1] <= start or cut[0] >= end:
            return self.text[start:end]
        return self.text[start : max(start, cut[0])] + self.text[min(end, cut[1]) : end]

    def holds_claim(self, block: layout.Block) -> bool:
        """Whether a claim placed in the text overlaps the block."""
        return any(p.start < block.end and p.end > block.start for p in self.placed)

    def covering(self, start: int, end: int) -> tuple[Placed, ...]:
        """The claims covering the whole stretch from ``start`` to ``end``, outermost first."""
        found = [p for p in self.placed if p.start <= start and p.end >= end]
        return tuple(sorted(found, key=lambda p: (-(p.end - p.start), p.number)))

    def segments(self) -> list[Stretch]:
        """The whole text cut at every claim boundary."""
        cuts = sorted({0, len(self.text)} | {p.start for p in self.placed} | {p.end for p in self.placed})
        return [
            Stretch(a, b, self.covering(a, b), tuple(p for p in self.placed if p.end == b))
            for a, b in zip(cuts, cuts[1:], strict=False)
        ]

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
