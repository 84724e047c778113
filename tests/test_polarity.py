"""``text.polarity``: whether a clause denies what it says of a key fact, and ``search``'s opposite facts."""

from __future__ import annotations

import pytest

from factcheck.library.finding import SharedFact, shared_facts
from factcheck.text import facts, polarity


def _denied(sentence: str) -> dict[str, bool]:
    """Each key fact of ``sentence``, as written, and whether its clause denies it."""
    return {f.text: polarity.negated(sentence, f.start, f.end) for f in facts.extract(sentence)}


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("Arctic sea ice did not decline 13% per decade.", {"13% per decade": True}),
        ("Unemployment hasn't risen above 5% since 2010.", {"5%": True, "2010": True}),
        ("Unemployment hasn’t risen above 5% since 2010.", {"5%": True, "2010": True}),  # a typographic apostrophe
        ("The city never spent $2.4 billion on the bridge.", {"$2.4 billion": True}),
        ("None of the 12 reactors shut down in 2011.", {"12": True, "2011": True}),
        ("Neither the 2018 nor the 2019 budget paid for it.", {"2018": True, "2019": True}),
        ("There has been no warming since 1998.", {"1998": True}),
        ("Global temperatures have not yet risen 1.5 °C above pre-industrial levels.", {"1.5 °C": True}),
        # The clause ends at a comma before a space, or a conjunction that turns the sentence.
        ("Prices did not fall in 2019, but rose 4% in 2020.", {"2019": True, "4%": False, "2020": False}),
        ("Crime fell 10% in 2021 while arrests didn't change.", {"10%": False, "2021": False}),
        ("Sea levels rose 20 cm, not 2 metres as claimed.", {"20 cm": False, "2 metres": True}),
        # A bound on a figure, or a figure of 1,200 with its comma, is no denial.
        ("The bridge cost no more than $2.6 billion.", {"$2.6 billion": False}),
        ("Not only did 1,200 people attend in 2019, the hall was full.", {"1,200": False, "2019": False}),
        (
            "Arctic sea ice extent has declined by about 13% per decade since 1979.",
            {"13% per decade": False, "1979": False},
        ),
    ],
)
def test_a_negator_denies_the_facts_of_its_clause(sentence: str, denied: dict[str, bool]) -> None:
    assert _denied(sentence) == denied


# Claims and Wikipedia sentences from CLIMATE-FEVER (Diggelmann et al., 2020), where the figure or date
# agrees and one side denies what the other states.
REAL = [
    (
        "The sun has not warmed since 1970 and so cannot be driving global warming.",
        "It is a major aspect of climate change, and has been demonstrated by the instrumental temperature record"
        " which shows global warming of around 1 °C since the pre-industrial period, although the bulk of this"
        " (0.9°C) has occurred since 1970.",
        [SharedFact("1970", "claim")],
    ),
    (
        "Various independent measurements of solar activity all confirm the sun has shown a slight cooling trend"
        " since 1978.",
        "These measurements indicate that the Sun's total solar irradiance has not increased since 1978, so the"
        " warming during the past 30 years cannot be directly attributed to an increase in total solar energy"
        " reaching the Earth.",
        [SharedFact("1978", "passage")],
    ),
    (
        "We simply could never release enough CO2 into the atmosphere to cause the pH to go below 7.",
        "When an acid is dissolved in water, the pH will be less than 7 (25 °C).",
        [SharedFact("7", "claim")],
    ),
    (
        "Arctic sea ice has declined by about 13% per decade since 1979.",
        "Arctic sea ice extent in September has declined by about 13% per decade since 1979.",
        [SharedFact("13% per decade"), SharedFact("1979")],
    ),
]


@pytest.mark.parametrize(("claim", "passage", "expected"), REAL)
def test_shared_facts_say_which_side_denies_them_on_real_sentences(
    claim: str, passage: str, expected: list[SharedFact]
) -> None:
    assert shared_facts(claim, passage) == expected


def test_both_denying_or_both_stating_is_no_opposition() -> None:
    assert shared_facts("Fares did not rise 5% in 2022.", "Fares did not rise by 5% in 2022.") == [
        SharedFact("5%"),
        SharedFact("2022"),
    ]
    assert shared_facts("Fares rose 5% in 2022.", "In 2022 fares rose 5%.") == [SharedFact("5%"), SharedFact("2022")]
