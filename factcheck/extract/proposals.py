"""Proposing claims: the units of an article that score high enough for check-worthiness, anchored.

``propose`` segments the article (skipping site chrome), scores every unit
for check-worthiness and anchors it to its place in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.model import defaults
from factcheck.model.claims import Anchor
from factcheck.text import anchor as anchors
from factcheck.text import segment, worthiness

if TYPE_CHECKING:
    from factcheck.text.facts import Fact


@dataclass(frozen=True)
class Proposal:
    """A unit of the article proposed as a claim: where it is, how check-worthy, and why."""

    anchor: Anchor
    kind: str
    scored: worthiness.Scored

    @property
    def text(self) -> str:
        return self.anchor.exact

    @property
    def key_facts(self) -> tuple[Fact, ...]:
        """The facts verify asks a source to state: its figures and dates, not its ranks (``Fact.is_key``).

        A rank ("the first death since 2015") is a reason to check the claim,
        among its ``scored.reasons``, but sources word ranks their own way, so
        listing one as a key fact would promise a check verify never makes.
        """
        return tuple(f for f in self.scored.facts if f.is_key)


@lru_cache(maxsize=2)
def units(text: str, marked: tuple[tuple[str, str], ...] = ()) -> tuple[list[segment.Segment], frozenset[str]]:
    """The article's units and the names it uses, read once however many steps of one run ask.

    ``marked``: what the page's structure says some paragraphs are (``segment.segments``).
    """
    found = segment.segments(text, dict(marked))
    return found, frozenset(worthiness.known_names([segment.reading_text(u.text) for u in found]))


def propose(
    text: str,
    min_score: float = defaults.MIN_SCORE,
    marked: Mapping[str, str] | None = None,
    furniture: bool = False,
    skip: Callable[[int, int], bool] | None = None,
) -> list[Proposal]:
    """The article's units scoring at least ``min_score``, in reading order (all of them at 0).

    A news page's furniture (headline, subheads, standfirst, captions,
    corrections and editor's notes: ``segment.FURNITURE``) frames the story
    rather than states it, and is left out unless ``furniture``.  Each unit is
    scored beside the units before and after it (which moves its score when
    the weights have context weights).  Units for
    which ``skip(start, end)`` is true (a claim covers them already) are
    neither scored nor proposed (scoring is most of extract's time); they are
    read alone only where a neighbour's score needs them.
    """
    found, names = units(text, tuple(sorted((marked or {}).items())))
    # A unit is scored beside the units around it that extract reads: not the page's furniture.
    read = [u for u in found if furniture or u.kind not in segment.FURNITURE]
    wanted = [skip is None or not skip(u.start, u.end) for u in read]
    # Scored as read, the claim's text (``merge.as_read``): its key facts and reasons are then the claim's
    # own ("$4", not the "4" left between "_$4_"'s marks), and a link's address lends it no figure.
    scores = worthiness.score_units([(segment.reading_text(u.text), u.kind) for u in read], names, wanted=wanted)
    return [
        Proposal(anchors.make(text, unit.start, unit.end), unit.kind, scored)
        for unit, scored in zip(read, scores)
        if scored is not None and scored.score >= min_score
    ]


def notices(text: str, marked: Mapping[str, str] | None = None) -> list[str]:
    """The article's corrections and editor's notes, in order: facts about the article, kept as its metadata."""
    found, _ = units(text, tuple(sorted((marked or {}).items())))
    return [" ".join(u.text.split()) for u in found if u.kind == segment.NOTICE]
