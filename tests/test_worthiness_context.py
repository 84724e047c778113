"""The check-worthiness scorer's reading of quotations and reported views, and of a unit's context.

A unit is scored beside the units before and after it and, where a transcript
marks its speakers, by its place in a speaker's turn; these tests hold the
scorer to what the shipped weights say and to scoring each unit the same way
whether a text is scored whole, unit by unit, or with some units skipped.
"""

from __future__ import annotations

import gzip
import json

import pytest

from factcheck.extract import proposals
from factcheck.text import worthiness
from factcheck.text.worthiness import features, model

FACT = "The repair programme cost $310 million and ran two months over schedule, the department said."
TALK = "I think that is a shame, and we all feel it."
MIDDLE = "Engineers replaced all 96 cables and resurfaced the deck."


@pytest.fixture(scope="module")
def m() -> model.Model:
    return model.default()


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


def test_the_weights_know_every_cue_and_context_feature(m: model.Model) -> None:
    assert set(m.header["cues"]) == set(features.NAMES)
    assert set(m.header["context"]) == set(features.CONTEXT_NAMES)
    assert m.uses_context


# --- context ------------------------------------------------------------------------


def test_a_sentence_beside_claims_scores_higher_than_beside_talk(m: model.Model) -> None:
    # The trained weight of the sentence before is positive: claims come in runs in the debates.
    assert m.header["context"]["before"] > 0
    among_claims = m.score(MIDDLE, context=features.Context(before=(FACT, "sentence"), after=(FACT, "sentence")))
    among_talk = m.score(MIDDLE, context=features.Context(before=(TALK, "sentence"), after=(TALK, "sentence")))
    assert among_claims.score > among_talk.score
    assert any(r == "the sentence before is check-worthy too" for r in among_claims.reasons), among_claims.reasons


def test_without_context_a_unit_is_scored_alone(m: model.Model) -> None:
    alone = m.sentence(MIDDLE)
    assert m.score(MIDDLE) == m.combine(alone)
    assert m.score(MIDDLE).score == round(1 / (1 + __import__("math").exp(-alone.logit)), 3)
    assert worthiness.score(MIDDLE) == m.score(MIDDLE)


def test_scoring_a_text_whole_is_scoring_each_unit_in_its_context(m: model.Model) -> None:
    units = [(FACT, "sentence"), (MIDDLE, "sentence"), (TALK, "sentence"), ("Key facts", "heading")]
    whole = m.score_units(units)
    for i, got in enumerate(whole):
        context = features.Context(
            before=units[i - 1] if i else None, after=units[i + 1] if i + 1 < len(units) else None
        )
        assert got == m.score(*units[i], context=context)
    assert worthiness.score_units(units) == whole


def test_skipped_units_are_not_scored_and_change_no_other_score(m: model.Model) -> None:
    units = [(FACT, "sentence"), (MIDDLE, "sentence"), (TALK, "sentence")]
    wanted = [False, True, False]
    got = m.score_units(units, wanted=wanted)
    assert got[0] is None and got[2] is None
    assert got[1] == m.score_units(units)[1]


def test_a_speakers_place_in_a_turn_moves_the_score(m: model.Model) -> None:
    # Learnt from the debates: a one-line turn is an interjection more often than a claim.
    assert m.header["context"]["turn_alone"] < 0
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
    raw = gzip.decompress(model.WEIGHTS.read_bytes())
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    del header["context"]
    older = model.read(gzip.compress(json.dumps(header).encode() + raw[end:]))
    assert not older.uses_context
    units = [(FACT, "sentence"), (MIDDLE, "sentence")]
    assert older.score_units(units) == [older.score(*u) for u in units]
    header["context"] = {"before": 1.0}
    with pytest.raises(ValueError, match="context"):
        model.read(gzip.compress(json.dumps(header).encode() + raw[end:]))


def test_extract_skips_covered_units_without_changing_the_others() -> None:
    text = f"{FACT} {MIDDLE} {TALK}\n\nThe toll is $4.50 for cars, the same as in 2019.\n"
    every = proposals.propose(text, min_score=0)
    covered = every[0].anchor
    rest = proposals.propose(text, min_score=0, skip=lambda a, b: a == covered.start)
    assert [p.text for p in rest] == [p.text for p in every[1:]]
    assert [p.scored for p in rest] == [p.scored for p in every[1:]]
