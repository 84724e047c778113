"""Text nobody controls: a pathological run of characters reads as ordinary text does, in time that grows with it.

Each input here is long enough that the reading it guards took minutes while it was
quadratic (a search tried from every character of a run, each reading to the run's
end) and takes a moment now; the tests pin what is read, not how long it takes.
``benchmarks/adversarial_text.py`` prints the times.
"""

from __future__ import annotations

from test_convert import pages_pdf

from factcheck.text import convert, facts, segment
from factcheck.text.worthiness import rules
from factcheck.verify import evidence


def test_a_line_of_full_stops_is_one_sentence_end() -> None:
    # 60,000 dots: the end of a sentence was sought from each dot, each time to the end of the run.
    text = "It fell" + "." * 60_000 + " Then it rose. And so on."
    assert segment.sentence_ends(text) == [60_007, 60_021]
    assert [(s.start, s.end) for s in segment.segments(text)] == [(0, 60_007), (60_008, 60_021), (60_022, 60_032)]


def test_a_run_of_marks_inside_a_word_ends_no_sentence() -> None:
    assert segment.sentence_ends("It fell" + "." * 60_000 + "x and so on.") == []
    assert segment.sentence_ends("Wait... What?!) Yes. ") == [7, 15, 20]


def test_a_search_that_starts_inside_a_run_of_marks_finds_its_end() -> None:
    text = "He paused... Then went on."
    assert segment.sentence_ends(text, 10) == segment.sentence_ends(text, 11) == [12]


def test_a_line_of_names_joined_by_and_that_is_no_by_line_is_told_at_once() -> None:
    # 60 names: "and" was both a word of a job ("Health and science reporter") and what joins two people, so a
    # line that was no by-line was tried every way of reading each "and", twice as many ways for each name.
    assert segment.byline("By Ann Lee" + " and Tom Reed" * 60 + " 1") is None
    assert segment.byline("By Ann Lee" + " and Tom Reed" * 60) == ("Ann Lee" + " and Tom Reed" * 60, None)
    assert segment.byline("By Jane Doe, Health and science reporter") == ("Jane Doe, Health and science reporter", None)
    assert segment.byline("By Ann Lee and Tom Reed | March 3, 2026") == ("Ann Lee and Tom Reed", "March 3, 2026")


def test_markup_that_never_closes_is_left_as_written() -> None:
    # 40,000 characters on one line: each "[" or "*" was read to the line's end in search of its close.
    for unit in ("[a ", "![a ", "*a ", "**a ", "_a ", "__a "):
        text = unit * (40_000 // len(unit))
        assert segment.reading_text(text) == text


def test_markup_still_comes_off_around_long_runs_of_it() -> None:
    text = "[a *a " * 5000 + "\nthe **port** [authority](https://example.org) said"
    assert segment.reading_text(text) == "[a *a " * 5000 + "\nthe port authority said"


def test_a_long_run_of_number_words_is_read_word_by_word() -> None:
    # 15,000 number words: each was read to the end of the run, which was then split into words again.
    text = "one " * 15_000 + "It cost three hundred and five dollars."
    assert [(f.kind, f.text, f.value) for f in facts.extract(text)] == [
        ("money", "three hundred and five dollars", 305.0)
    ]
    assert [
        f.value for f in facts.extract("It employs nine hundred and ninety-nine thousand nine hundred people.")
    ] == [999_900.0]


def test_a_figure_before_a_long_run_of_spaces_is_read_at_once() -> None:
    # 100,000 spaces after a figure: the spaces before a percent sign were split every way in search of one.
    for gap in (" ", "\n"):
        found = facts.extract("It was 5" + gap * 100_000 + "x. It rose 5 - per cent.")
        assert [(f.kind, f.text, f.value) for f in found] == [("number", "5", 5.0), ("percent", "5 - per cent", 5.0)]


def test_a_figure_too_long_for_a_float_is_a_number_not_a_crash() -> None:
    found = facts.extract("The code is " + "7" * 1000 + ". It cost $3.")
    assert [(f.kind, f.value) for f in found] == [("number", float("inf")), ("money", 3.0)]
    assert evidence.find("It cost $3.", None, "7" * 1000 + " it cost $3.").score == 100.0


def test_many_names_are_each_found_once_in_order() -> None:
    # 30,000 capitalised words in one name: its leading "A"s were dropped one list copy at a time.
    assert rules.entities("x " + "A " * 30_000 + "Bank") == ["Bank"]
    text = " and ".join(f"the Bank{i}" for i in range(5000)) + " and the Bank0"
    assert rules.entities(text) == [f"Bank{i}" for i in range(5000)]


def test_a_pdf_line_of_one_long_word_cut_at_its_end_is_made_whole() -> None:
    # A word of 80,000 letters: a cut word was sought from each of its letters, each time to the word's end.
    lines = ["a" * 80_000 + "-", "word and the sav-", "ing", "rate"] + ["the sav-", "ing"] * 2000
    text = convert.to_text(pages_pdf([lines]), "application/pdf").text
    assert text.split() == ["a" * 80_000 + "word", "and", "the", "saving", "rate"] + ["the", "saving"] * 2000
