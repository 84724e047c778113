"""TextIndex finds exactly the occurrences a scan of the whole text finds, without scanning it."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text import occurrences
from factcheck.text.occurrences import SHORTEST, TextIndex, scan


def every_occurrence(needle: str, text: str) -> list[int]:
    """The brute-force answer: every offset where the text starts with the needle."""
    return [at for at in range(len(text) + 1) if text.startswith(needle, at)]


# Few letters, so that pieces repeat and hashes of pieces meet often.
letters = st.sampled_from(list("ab ."))


@st.composite
def text_and_needle(draw):
    """A needle, and a text with it in a few places (some overlapping), near misses of it, and noise."""
    needle = draw(st.text(alphabet=letters, min_size=SHORTEST - 3, max_size=SHORTEST + 30))
    near = [needle, needle[:-1], needle[1:], needle + needle[-9:], needle[:10] + "." + needle[11:]]
    parts = draw(st.lists(st.sampled_from(near) | st.text(alphabet=letters, max_size=30), max_size=12))
    return "".join(parts), needle


@settings(max_examples=300, deadline=None)
@given(text_and_needle(), st.sampled_from([1, 2, 50, 1000]))
def test_same_offsets_as_a_scan_and_as_brute_force(case, limit: int) -> None:
    text, needle = case
    index = TextIndex(text)
    # Never give up on the index, however many candidates: the answer must not depend on it.
    with mock.patch.object(occurrences, "SCAN_COST", 0):
        found = index.occurrences(needle, limit)
    assert found == scan(needle, text, limit) == every_occurrence(needle, text)[:limit]


def test_overlapping_occurrences_and_the_ends_of_the_text() -> None:
    text = "x" * 5 + "abababababababababababababab" + "yy"
    needle = "abababababababababababab"  # 24 characters, found at three overlapping places
    with mock.patch.object(occurrences, "SCAN_COST", 0):
        assert TextIndex(text).occurrences(needle, 1000) == [5, 7, 9]
        assert TextIndex(text).occurrences(text, 1000) == [0]
        assert TextIndex(text).occurrences(text + "z", 1000) == []


def test_long_quotes_are_looked_up_without_scanning() -> None:
    sentences = [f"Sentence number {i} says that {i * 7} people came on day {i % 31}." for i in range(3000)]
    text = " ".join(sentences)
    index = TextIndex(text)
    with mock.patch.object(occurrences, "scan", side_effect=AssertionError("scanned")):
        for i in range(0, 3000, 97):
            assert index.occurrences(sentences[i], 1000) == [text.index(sentences[i])]
        assert index.occurrences("Sentence number 12 says that 85 people came", 1000) == []


@pytest.mark.parametrize("needle", ["", "a", "short quote"])
def test_short_strings_are_scanned(needle: str) -> None:
    text = "a short quote, and a short quote again"
    assert TextIndex(text).occurrences(needle, 1000) == scan(needle, text, 1000)


def test_without_the_index_it_only_scans() -> None:
    index = TextIndex("a text that is long enough for the index to help", indexed=False)
    assert index.occurrences("long enough for the index", 10) == [15]
    assert index._pieces is None
