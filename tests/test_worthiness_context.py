"""The check-worthiness scorer's reading of quotations and reported views, and of a unit's context.

Weights with context weights score a unit beside the units before and after
it and, where a transcript marks its speakers, by its place in a speaker's
turn.  The shipped weights have none (``CONTEXT`` in train_worthiness: the
benchmarks found no gain), so the context tests load the shipped weights with
context weights of the signs the CLEF debates teach, and hold the scorer to
scoring each unit the same way whether a text is scored whole, unit by unit,
or with some units skipped.
"""

from __future__ import annotations

import gzip
import json
import math

import pytest

from factcheck.extract import proposals
from factcheck.text import worthiness
from factcheck.text.worthiness import features, model

FACT = "The repair programme cost $310 million and ran two months over schedule, the department said."
TALK = "I think that is a shame, and we all feel it."
MIDDLE = "Engineers replaced all 96 cables and resurfaced the deck."


# Of the signs and sizes that training on the CLEF debates gives (worthiness_quality.py prints them).
CONTEXT_WEIGHTS = {
    "before": 0.2, "after": -0.05, "after_question": -0.1, "turn_start": -0.7, "turn_end": -0.3, "turn_alone": -1.9,
}  # fmt: skip


def _with_header(change: dict[str, object] | None = None, drop: str | None = None) -> model.Model:
    raw = gzip.decompress(model.WEIGHTS.read_bytes())
    end = raw.index(b"\n")
    header = {**json.loads(raw[:end]), **(change or {})}
    header.pop(drop or "", None)
    return model.read(gzip.compress(json.dumps(header).encode() + raw[end:]))


@pytest.fixture(scope="module")
def m() -> model.Model:
    return _with_header({"context": CONTEXT_WEIGHTS})


def _fired(text: str) -> dict[str, float]:
    return {n: v for n, v in zip(features.NAMES, features.cues(text).values) if v}


# --- quotations and reported views ------------------------------------------------


def test_a_quoted_view_is_told_from_a_quoted_figure() -> None:
    view = _fired('"We did not cut corners to save time," she said.')
    assert {"quotation", "quoted_view", "reported_view"} <= set(view)
    figure = _fired("“In 2023, responding agencies hired nearly 30 percent more officers,” the think tank said.")
    assert "quotation" in figure
    assert "quoted_view" not in figure and "reported_view" not in figure


def test_a_reported_view_has_no_figure() -> None:
    assert "reported_view" in _fired("Some departments are still struggling, Mr. Wexler said.")
    assert "reported_view" not in _fired("Revenue grew 18% in 2023, the company said.")
    assert "reported_view" not in _fired("The bridge reopened on Tuesday.")


def test_an_apostrophe_or_a_lone_quoted_word_is_no_quotation() -> None:
    assert "quotation" not in _fired("The council's decision was 'final', the mayor's office confirmed.")
    assert "quotation" not in _fired('He called it a "scandal".')
    assert "quotation" in _fired('He called the overrun "a scandal" on Tuesday.')


def test_the_reasons_name_a_quoted_view(m: model.Model) -> None:
    reasons = m.score('"We are proud of what our teams have built," she said.').reasons
    assert any(r.startswith("lowered by quotes someone: We are proud") for r in reasons), reasons


def test_the_shipped_weights_know_every_cue_and_score_a_unit_alone() -> None:
    shipped = model.default()
    assert set(shipped.header["cues"]) == set(features.NAMES)
    # Learnt from ClaimBuster: a quotation without a figure is less often a checkable claim.
    assert shipped.header["cues"]["quoted_view"] < 0 and shipped.header["cues"]["quotation"] < 0
    assert not shipped.uses_context
    units = [(FACT, "sentence"), (MIDDLE, "sentence"), (TALK, "sentence")]
    assert shipped.score_units(units) == [shipped.score(*u) for u in units]
    assert worthiness.score_units(units) == [worthiness.score(*u) for u in units]


# --- context ------------------------------------------------------------------------


def test_a_sentence_beside_claims_scores_higher_than_beside_talk(m: model.Model) -> None:
    among_claims = m.score(MIDDLE, context=features.Context(before=(FACT, "sentence"), after=(FACT, "sentence")))
    among_talk = m.score(MIDDLE, context=features.Context(before=(TALK, "sentence"), after=(TALK, "sentence")))
    assert among_claims.score > among_talk.score
    assert any(r == "the sentence before is check-worthy too" for r in among_claims.reasons), among_claims.reasons


def test_without_context_a_unit_is_scored_alone(m: model.Model) -> None:
    alone = m.sentence(MIDDLE)
    assert m.score(MIDDLE) == m.combine(alone)
    assert m.score(MIDDLE).score == round(1 / (1 + math.exp(-alone.logit)), 3)


def test_scoring_a_text_whole_is_scoring_each_unit_in_its_context(m: model.Model) -> None:
    units = [(FACT, "sentence"), (MIDDLE, "sentence"), (TALK, "sentence"), ("Key facts", "heading")]
    whole = m.score_units(units)
    for i, got in enumerate(whole):
        context = features.Context(
            before=units[i - 1] if i else None, after=units[i + 1] if i + 1 < len(units) else None
        )
        assert got == m.score(*units[i], context=context)


def test_skipped_units_are_not_scored_and_change_no_other_score(m: model.Model) -> None:
    units = [(FACT, "sentence"), (MIDDLE, "sentence"), (TALK, "sentence")]
    wanted = [False, True, False]
    got = m.score_units(units, wanted=wanted)
    assert got[0] is None and got[2] is None
    assert got[1] == m.score_units(units)[1]


def test_a_speakers_place_in_a_turn_moves_the_score(m: model.Model) -> None:
    units = [(MIDDLE, "sentence")]
    alone_turn = m.score_units(units, turns=[(0, 1)])[0]
    mid_turn = m.score_units(units, turns=[(1, 3)])[0]
    no_speakers = m.score_units(units)[0]
    assert alone_turn is not None and mid_turn is not None and no_speakers is not None
    assert alone_turn.score < mid_turn.score == no_speakers.score
    assert "lowered by being a speaker's whole turn" in alone_turn.reasons


def test_a_question_before_is_read_from_the_neighbour() -> None:
    values = features.context_values(None, None, "Is that true?”", None)
    assert values[features.CONTEXT_NAMES.index("after_question")] == 1.0
    assert features.context_values(9.0, -9.0, "It is.", None)[:2] == (1.0, -1.0)


def test_weights_without_context_score_each_unit_alone(m: model.Model) -> None:
    older = _with_header(drop="context")
    assert not older.uses_context
    units = [(FACT, "sentence"), (MIDDLE, "sentence")]
    assert older.score_units(units) == [older.score(*u) for u in units]
    assert m.score_units(units) != older.score_units(units)
    with pytest.raises(ValueError, match="context"):
        _with_header({"context": {"before": 1.0}})


def test_extract_skips_covered_units_without_changing_the_others(
    m: model.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "default", lambda: m)  # weights with context weights
    text = f"{FACT} {MIDDLE} {TALK}\n\nThe toll is $4.50 for cars, the same as in 2019.\n"
    every = proposals.propose(text, min_score=0)
    assert [p.scored for p in every] == m.score_units([(p.text, p.kind) for p in every])
    covered = every[0].anchor
    rest = proposals.propose(text, min_score=0, skip=lambda a, b: a == covered.start)
    assert [p.text for p in rest] == [p.text for p in every[1:]]
    assert [p.scored for p in rest] == [p.scored for p in every[1:]]
