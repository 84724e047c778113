"""Anchors: where a claim sits in its article, robust to edits of the article.

An anchor keeps the exact quote, some context before and after it, and its
character offsets, in the spirit of the W3C Web Annotation
TextQuoteSelector and TextPositionSelector.
"""

from __future__ import annotations

from factcheck.model import Anchor

CONTEXT = 32


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
