"""Finding the evidence in a source's text and comparing the key facts."""

from __future__ import annotations

import pytest

from factcheck.model.defaults import MATCH_THRESHOLD
from factcheck.text import match
from factcheck.verify import evidence

SOURCE = (
    "Home | News | Sport\n\n"
    "The city council said on Monday that the bridge opened in March 2020 after four years of work. "
    "It cost $2.6 billion, more than planned. Traffic has since grown by 12% a year.\n\n"
    "Critics called the project a waste of money."
)
CLAIM = "The bridge opened in March 2020 after four years of work."


def facts_of(found: evidence.Evidence) -> list[tuple[str, str, str | None]]:
    return [(c.fact, c.result, c.found) for c in found.facts]


def test_the_exact_quote_scores_100_and_reports_its_sentence() -> None:
    found = evidence.find(CLAIM, "the bridge opened in March 2020 after four years of work", SOURCE)
    assert found.exact and found.score == 100
    assert found.passage == (
        "The city council said on Monday that the bridge opened in March 2020 after four years of work."
    )
    assert facts_of(found) == [("March 2020", "agrees", "March 2020"), ("four years", "agrees", "four years")]
    assert found.supports()


def test_whitespace_quotes_dashes_and_case_do_not_matter() -> None:
    text = "He said: “It’s the city’s bridge — opened\n   in March\u00a02020.”"
    found = evidence.find("The bridge opened in March 2020.", "\"it's the city's bridge - opened in march 2020\"", text)
    assert found.exact and found.score == 100


def test_soft_hyphens_and_zero_width_characters_are_ignored() -> None:
    found = evidence.find("x", "international cooperation", "Inter\u00adnational co\u200boperation grew.")
    assert found.exact


def test_a_paraphrase_is_found_fuzzily() -> None:
    found = evidence.find(CLAIM, "The bridge was opened in March 2020, following four years of work", SOURCE)
    assert not found.exact
    assert MATCH_THRESHOLD <= found.score < 100
    assert found.passage == (
        "The city council said on Monday that the bridge opened in March 2020 after four years of work."
    )
    assert found.supports()


def test_a_changed_number_is_found_but_disagrees() -> None:
    found = evidence.find("It cost $2.4 billion, the city said.", "It cost $2.4 billion", SOURCE)
    assert found.found() and not found.exact
    assert found.passage == "It cost $2.6 billion, more than planned."
    assert facts_of(found) == [("$2.4 billion", "disagrees", "$2.6 billion")]
    assert not found.supports()


def test_a_changed_duration_disagrees() -> None:
    found = evidence.find(CLAIM, None, SOURCE.replace("four years", "five years"))
    assert found.found()
    assert ("four years", "disagrees", "five years") in facts_of(found)


def test_without_a_quote_the_claim_itself_is_looked_for() -> None:
    found = evidence.find("Traffic has grown by 12% a year since it opened.", None, SOURCE)
    assert found.passage == "Traffic has since grown by 12% a year."
    assert facts_of(found) == [("12% a year", "agrees", "12% a year")]  # a rate is one fact, with its period
    assert found.supports()


def test_an_absent_quote_scores_low() -> None:
    found = evidence.find(CLAIM, "The tunnel closed in June 2019 after a flood damaged its pumps", SOURCE)
    assert found.score < MATCH_THRESHOLD
    assert not found.supports()


def test_the_whole_page_is_searched_when_the_main_text_lacks_the_quote() -> None:
    main = "An unrelated main text about something else entirely."
    found = evidence.find(CLAIM, "opened in March 2020", main, lambda: SOURCE)
    assert found.exact and found.passage in SOURCE and found.passage not in main


def test_empty_text_finds_nothing() -> None:
    found = evidence.find(CLAIM, "opened", "")
    assert found.score == 0 and found.passage == ""
    assert [c.result for c in found.facts] == ["missing", "missing"]


def test_long_passages_are_cut_around_the_match() -> None:
    text = "word " * 400 + "the needle is here " + "word " * 400
    found = evidence.find("x", "the needle is here", text)
    assert found.exact
    assert "the needle is here" in found.passage
    assert len(found.passage) <= match.PASSAGE_CHARS + 2


def test_normalise() -> None:
    assert match.normalise("  “Don’t”\u2014stop\n\n NOW ") == '"don\'t"-stop now'


def test_a_passage_stops_where_the_page_menus_begin() -> None:
    page = (
        "Home | News | Subscribe\nMenu\n"
        "The city council said on Monday that the bridge opened in March 2020 after four years of work\n"
        "Share this · Twitter · Facebook\nRelated posts\n"
    )
    found = evidence.find("x", "the bridge opened in March 2020", page)
    assert "Home" not in found.passage and "Share" not in found.passage and "Menu" not in found.passage
    assert found.passage.startswith("The city council said on Monday")


def test_a_hard_wrapped_sentence_is_kept_whole() -> None:
    text = "The report, published in 2019 by the agency,\nsays that the bridge opened in March 2020 after\nfour years of work. Other things."
    found = evidence.find("x", "the bridge opened in March 2020", text)
    assert (
        found.passage
        == "The report, published in 2019 by the agency, says that the bridge opened in March 2020 after four years of work."
    )


NEWS = (
    "The Congressional Budget Office said the stimulus would cost $787.2 billion. "
    "The bill included a boost of $300 billion in military spending over fiscal years 2019–28. "
    "The bridge closed on Monday for repairs."
)


def test_a_round_figure_is_supported_by_the_precise_one() -> None:
    found = evidence.find("The stimulus cost $800 billion.", "the stimulus would cost $787.2 billion", NEWS)
    assert facts_of(found) == [("$800 billion", "agrees", "$787.2 billion")]
    assert found.supports()


def test_a_change_written_with_another_verb_is_supported() -> None:
    claim = "The bill raised military spending by $300 billion over ten years."
    found = evidence.find(claim, "The bill included a boost of $300 billion in military spending", NEWS)
    assert facts_of(found) == [("$300 billion", "agrees", "$300 billion"), ("ten years", "agrees", "2019–28")]
    assert found.supports()


def test_a_rank_is_not_asked_of_the_source() -> None:
    found = evidence.find("It was the first time the bridge closed for repairs.", "The bridge closed", NEWS)
    assert found.facts == ()
    assert found.supports()
    assert evidence.find("It was the first time the bridge closed.", "absent", "").facts == ()


def test_a_passage_runs_past_an_abbreviation_to_the_end_of_its_sentence() -> None:
    from factcheck.text.match import passage_around

    text = "The jobless rate edged down to 3.9 percent, the U.S. Labor Department said on Friday. Wages rose."
    at = text.index("3.9")
    assert passage_around(text, at, at + 3) == (
        "The jobless rate edged down to 3.9 percent, the U.S. Labor Department said on Friday."
    )


def test_a_passage_of_hard_wrapped_text_runs_past_a_line_that_starts_with_a_figure() -> None:
    from factcheck.text.match import passage_around

    # A PDF's text layer, or a note wrapped by hand: the line breaks fall where the lines were full.
    text = (
        "Exports rose to 1,234.5 billion pounds in 2025, an increase of 2.3% compared with\n"
        "2024. The number in work was estimated at\n33.4 million.\n1. A numbered item\n2) and another"
    )
    at = text.index("1,234.5")
    assert passage_around(text, at, at + 7) == (
        "Exports rose to 1,234.5 billion pounds in 2025, an increase of 2.3% compared with 2024."
    )
    at = text.index("33.4")
    assert passage_around(text, at, at + 4) == "The number in work was estimated at 33.4 million."
    at = text.index("numbered")
    assert "million" not in passage_around(text, at, at + 8)  # a numbered item still starts anew


def test_extract_and_verify_end_sentences_by_one_rule() -> None:
    from factcheck.text import segment

    text = "Dr. Okafor spoke. George W. Bush said no. The U.S. The plan failed.\n\nA new paragraph"
    after = ["spoke.", "no.", "The U.S.", "failed.", "failed.\n\n"]  # not after "Dr." or "W."
    assert [text.index(word) + len(word) for word in after] == segment.sentence_ends(text)


def test_a_vote_tally_is_one_fact_that_the_source_must_state_whole() -> None:
    # https://cbs58.com/news/milwaukee-common-council-approves-2023-amended-city-budget
    claim = "In a 9-2 vote, the Milwaukee Common Council passed the 2023 city budget."
    same = evidence.find(
        claim, None, "The Milwaukee Common Council passed the 2023 city budget by a vote of nine to two."
    )
    assert facts_of(same) == [("9-2", "agrees", "nine to two"), ("2023", "agrees", "2023")]
    assert same.supports()
    other = evidence.find(claim, None, "In an 8-3 vote, the Milwaukee Common Council passed the 2023 city budget.")
    assert facts_of(other) == [("9-2", "disagrees", "8-3"), ("2023", "agrees", "2023")]
    assert other.found() and not other.supports()


def folded_by_hand(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, where it came from: one character at a time."""
    chars: list[str] = []
    origins: list[int] = []
    for k, c in enumerate(text):
        if c in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
            continue
        if c.isspace():
            if k > 0 and text[k - 1].isspace():
                continue  # the run's first character stands for it
            c = " "
        chars.append(c)
        origins.append(k)
    return "".join(chars), origins


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\u00ad",
        "   ",
        "  lead and trail  ",
        "a\u00adb\u200b\u200bc",
        "one \u00ad two",
        "x  \u00ad",
        "\u200b  x\n\n\u00ad y\t\tz",
        "Inter\u00adnational\r\nco\u200boperation\u00a0\u00a0grew",
    ],
)
def test_every_normalised_offset_maps_back_to_where_it_came_from(text: str) -> None:
    folded, origins = folded_by_hand(text.lower())
    normalised = match.Normalised(text)
    assert normalised.text == folded
    assert [normalised.origin(i) for i in range(len(folded))] == origins
    if folded:
        assert normalised.span(0, len(folded)) == (origins[0], origins[-1] + 1)


@pytest.mark.parametrize(
    ("quote", "page_words"),
    [
        # The alignment began inside the first word: the page's words were stored as "e crossing ...".
        ("The crossing was closed on 2 Mar 2020 for repairs", "The crossing was closed on 2 March 2020 for repairs"),
        ("crossing was shut on 2 March 2020 for repair", "crossing was closed on 2 March 2020 for repairs"),
    ],
)
def test_a_near_match_is_whole_words_of_the_page(quote: str, page_words: str) -> None:
    page = "Officials said so. The crossing was closed on 2 March 2020 for repairs, the council said. Other news."
    score, start, end, exact = match.locate(quote, page)
    assert not exact and score >= MATCH_THRESHOLD
    found = page[start:end]
    assert page_words in found
    assert (start == 0 or not page[start - 1].isalnum()) and (end == len(page) or not page[end].isalnum()), found
