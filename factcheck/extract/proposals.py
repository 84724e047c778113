"""Proposing claims: the units of an article that score high enough for check-worthiness, anchored.

``propose`` segments the article (skipping site chrome), scores every unit
for check-worthiness and anchors it to its place in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model import defaults
from factcheck.model.claims import Anchor
from factcheck.text import anchor as anchors
from factcheck.text import segment, worthiness


@dataclass(frozen=True)
class Proposal:
    """A unit of the article proposed as a claim: where it is, how check-worthy, and why."""

    anchor: Anchor
    kind: str
    scored: worthiness.Scored

    @property
    def text(self) -> str:
        return self.anchor.exact


def propose(text: str, min_score: float = defaults.MIN_SCORE) -> list[Proposal]:
    """The article's units scoring at least ``min_score``, in reading order (all of them at 0)."""
    units = segment.segments(text)
    names = worthiness.known_names([u.text for u in units])
    out = []
    for unit in units:
        scored = worthiness.score(unit.text, unit.kind, names)
        if scored.score >= min_score:
            out.append(Proposal(anchors.make(text, unit.start, unit.end), unit.kind, scored))
    return out
