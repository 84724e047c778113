"""facts.extract finds and normalises key facts; facts.compare tells agreement from mismatch."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text import facts
from factcheck.text.facts import Fact


def only(text: str) -> Fact:
    found = facts.extract(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$2.4 billion", 2.4e9, "USD"),
        ("US$ 300", 300.0, "USD"),
        ("2.4bn dollars", 2.4e9, "USD"),
        ("USD 5m", 5e6, "USD"),
        ("€3.5 million", 3.5e6, "EUR"),
        ("£120,000", 120_000.0, "GBP"),
        ("two million tenge", 2e6, "KZT"),
        ("1.79 billion yuan", 1.79e9, "CNY"),
        ("RMB 10 million", 1e7, "CNY"),
        ("$30,000", 30_000.0, "USD"),
    ],
)
def test_money(text: str, value: float, currency: str) -> None:
    fact = only(f"It cost {text} in the end.")
    assert (fact.kind, fact.text, fact.value, fact.currency) == ("money", text, pytest.approx(value), currency)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.5%", 1.5), ("42 percent", 42.0), ("12 per cent", 12.0), ("forty percent", 40.0), ("-3%", -3.0)],
)
def test_percent(text: str, value: float) -> None:
    fact = only(f"Sales changed by {text} last year")
    assert (fact.kind, fact.text, fact.value) == ("percent", text, value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("10 days", 10, "day"),
        ("25 days", 25, "day"),
        ("three decades", 3, "decade"),
        ("four years", 4, "year"),
        ("30-year", 30, "year"),
        ("18-month", 18, "month"),
        ("40 minutes", 40, "minute"),
        ("two centuries", 2, "century"),
        ("twenty-six weeks", 26, "week"),
    ],
)
def test_durations(text: str, value: float, unit: str) -> None:
    fact = only(f"It took {text} of work")
    assert (fact.kind, fact.text, fact.value, fact.unit) == ("duration", text, value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("May 18th", "--05-18"),
        ("October 2021", "2021-10"),
        ("Oct. 2021", "2021-10"),
        ("Oct 2021", "2021-10"),
        ("1992", "1992"),
        ("18 May 2023", "2023-05-18"),
        ("3 January 1992", "1992-01-03"),
        ("May 18, 2023", "2023-05-18"),
        ("the 5th of June", "--06-05"),
        ("2023-05-18", "2023-05-18"),
        ("September 2022", "2022-09"),
    ],
)
def test_dates(text: str, value: str) -> None:
    fact = only(f"It happened in {text}.")
    assert fact.kind == "date"
    assert fact.value == value
    assert text.endswith(fact.text)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three", 3),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("two thousand three hundred", 2300),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a million", 1e6),
        ("seventy two", 72),
        ("nineteen", 19),
    ],
)
def test_numbers_in_words(words: str, value: float) -> None:
    fact = only(f"They counted {words} boats.")
    assert (fact.kind, fact.text, fact.value) == ("number", words, value)


def test_parse_words_rejects_non_numbers() -> None:
    assert facts.parse_words("three") == 3
    assert facts.parse_words("many") is None
    assert facts.parse_words("and") is None


@pytest.mark.parametrize(
    "text",
    [
        "One way to achieve this goal is to talk.",  # "one" as a pronoun
        "It may rain and we march on.",  # "may" and "march" are verbs
        "It was a decade of change.",  # no count
        "The cables failed.",
    ],
)
def test_no_facts(text: str) -> None:
    assert facts.extract(text) == []


def test_numbers_with_separators_and_decimals() -> None:
    found = facts.extract("The bridge carried 58,000 vehicles and 1.2 million tonnes; 96 cables, No. 5.")
    assert [(f.kind, f.text, f.value) for f in found] == [
        ("number", "58,000", 58_000),
        ("number", "1.2 million", 1.2e6),
        ("number", "96", 96),
        ("number", "5", 5),
    ]


def test_seed_sentence_facts_with_spans() -> None:
    text = (
        "A new freight train service was launched in October 2021, between China’s Shandong province and "
        "Kazakhstan’s Almaty City, cutting transportation time from 25 days by sea to just 10 days by rail."
    )
    found = facts.extract(text)
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("date", "2021-10", None),
        ("duration", 25, "day"),
        ("duration", 10, "day"),
    ]
    for fact in found:
        assert text[fact.start : fact.end] == fact.text


def test_specific_reading_wins_over_number() -> None:
    # a year is a date, the figure of money or a percentage is not a bare number too
    found = facts.extract("In 2019 it raised $5 million, 12% more than in 2018.")
    assert [f.kind for f in found] == ["date", "money", "percent", "date"]


@given(st.integers(min_value=1000, max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    written = f"{n:,}"
    fact = only(f"a total of {written} units")
    assert fact.text == written
    assert fact.value == n


@given(st.text(alphabet=st.sampled_from(list("abc 0123456789$%.,-May Oct years days")), max_size=80))
def test_spans_are_exact_and_disjoint(text: str) -> None:
    found = facts.extract(text)
    for fact in found:
        assert text[fact.start : fact.end] == fact.text
        assert fact.kind in facts.KINDS
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


# --- compare --------------------------------------------------------------------


def results(claim: str, passage: str) -> list[tuple[str, str, str | None]]:
    return [
        (c.text, result, p.text if p else None)
        for c, result, p in facts.compare(facts.extract(claim), facts.extract(passage))
    ]


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        ("$2.4 billion", "a deal worth $2.6 billion", ("$2.4 billion", "disagrees", "$2.6 billion")),
        ("$2.4 billion", "a deal worth 2.4bn dollars", ("$2.4 billion", "agrees", "2.4bn dollars")),
        ("$2.4 billion", "a deal worth $2,412 million", ("$2.4 billion", "agrees", "$2,412 million")),
        ("$2.4 billion", "a deal worth 2.4 billion", ("$2.4 billion", "agrees", "2.4 billion")),
        ("$2.4 billion", "a deal worth €2.4 billion", ("$2.4 billion", "missing", None)),
        ("10 days", "it takes 12 days", ("10 days", "disagrees", "12 days")),
        ("10 days", "it takes ten days", ("10 days", "agrees", "ten days")),
        ("three decades", "for 30 years", ("three decades", "agrees", "30 years")),
        ("October 2021", "launched in Oct. 2021", ("October 2021", "agrees", "Oct. 2021")),
        ("October 2021", "launched on 31 October 2021", ("October 2021", "agrees", "31 October 2021")),
        ("October 2021", "launched in October 2018", ("October 2021", "disagrees", "October 2018")),
        ("May 18th", "on 18 May 2023", ("May 18th", "agrees", "18 May 2023")),
        ("May 18th", "on 17 May 2023", ("May 18th", "disagrees", "17 May 2023")),
        ("1992", "since January 1992", ("1992", "agrees", "January 1992")),
        ("42%", "some 42 per cent", ("42%", "agrees", "42 per cent")),
        ("42%", "about 40%", ("42%", "disagrees", "40%")),
        ("42%", "no figures here", ("42%", "missing", None)),
    ],
)
def test_compare(claim: str, passage: str, expected: tuple[str, str, str | None]) -> None:
    assert results(claim, passage) == [expected]


def test_compare_picks_the_closest_disagreeing_fact() -> None:
    found = results("$2.4 billion", "of $100 million in 2019 and $2.6 billion later")
    assert found == [("$2.4 billion", "disagrees", "$2.6 billion")]


def test_keys_equal_for_the_same_value() -> None:
    a, b = only("$2.4 billion"), only("2.4bn dollars")
    assert a.key() == b.key()
    assert only("three decades").key() == only("30 years").key()
    assert only("October 2021").key() == only("Oct. 2021").key()
    assert only("$2.4 billion").key() != only("$2.6 billion").key()
    assert only("$2.4 billion").describe() == "2.4e+09 USD"
