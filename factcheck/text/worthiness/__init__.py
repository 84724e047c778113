"""Check-worthiness: how much a sentence states a checkable fact, in [0, 1], and why.

``score`` is the trained scorer (``model``): a logistic regression learnt from
public data (ClaimBuster's crowd-labelled debate sentences, see docs/contributing.md)
over word and character n-grams and the cues of the hand-written rules
(``rules``: key facts, named entities, verbs of record, hedges, evaluative
words, first person, questions, ...), quotations and reported views, and then
the unit's context: how check-worthy the units before and after it are taken
alone and, in a transcript that marks its speakers, its place in a speaker's
turn (weights learnt from the CLEF debates).  Its reasons say in words what
raised the score most and then what lowered it ("states a sum of money: $310
million", "lowered by opinion marker: I think").  ``score_units`` scores the
units of a whole text, each in its context; ``score`` one unit.

The weights are read on the first call to ``score`` and kept for the life of
the process; importing this package does not read them.

- ``rules``: the hand-written rules (``rules.score`` is the untrained baseline);
- ``features``: the n-grams and cues the model reads;
- ``model``: the scorer and its weights file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from factcheck.text.worthiness import rules
from factcheck.text.worthiness.features import Context
from factcheck.text.worthiness.rules import Scored, entities, known_names

__all__ = ["PENDING_MOST", "Context", "Scored", "entities", "known_names", "rules", "score", "score_units"]


def score(
    text: str, kind: str = "sentence", names: Collection[str] | None = None, context: Context | None = None
) -> Scored:
    """The check-worthiness of one sentence (or heading, or list item), with reasons and key facts.

    ``names`` is the set of capitalised words of the whole text (``known_names``),
    which tells a name at the start of a sentence from a capitalised common word.
    ``context``: the units before and after it, and its place in a speaker's turn;
    without it the unit is scored alone.
    """
    from factcheck.text.worthiness import model  # the weights are read on first use only

    return _settled(text, model.default().score(text, kind, names, context))


def score_units(
    units: Sequence[tuple[str, str]],
    names: Collection[str] | None = None,
    turns: Sequence[tuple[int, int] | None] | None = None,
    wanted: Sequence[bool] | None = None,
) -> list[Scored | None]:
    """The units of one text, as (text, kind) in reading order, each scored in its context.

    ``turns``: each unit's (index in its speaker's turn, the turn's length) when
    the text marks speakers.  Units not ``wanted`` are not scored (None).
    """
    from factcheck.text.worthiness import model

    scored = model.default().score_units(units, names, turns, wanted)
    return [s if s is None else _settled(text, s) for (text, _), s in zip(units, scored)]


#: The most a sentence that says only what is not known yet can score: below any threshold a desk would propose at.
PENDING_MOST = 0.2


def _settled(text: str, scored: Scored) -> Scored:
    """The model's score, held to ``PENDING_MOST`` for a sentence that says only what is not known yet.

    The debates the model learnt from hardly hold such sentences, and their
    words ("investigation", a name, "said") are those of claims: news copy's
    "the cause of the fire was still under investigation" scored 0.82.  The
    rule is kept out of the model's features, so that training is unchanged.
    """
    phrase = rules.pending(text) if scored.score > PENDING_MOST else None
    if phrase is None:
        return scored
    raised = [r for r in scored.reasons if not r.startswith("lowered by ")]
    lowered = [r for r in scored.reasons if r.startswith("lowered by ")]
    reason = f"lowered by saying only what is not known yet: {phrase}"
    return Scored(PENDING_MOST, (*raised, reason, *lowered), scored.facts)
