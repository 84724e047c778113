"""anchor.locate finds a claim again after the article is edited, and says so when it cannot."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from seed_edits import SEED_ANCHORS, edited_seed

from factcheck.text import anchor, occurrences
from factcheck.text.anchor import Located
from factcheck.text.occurrences import TextIndex

REPO = Path(__file__).resolve().parent.parent
SEED_NAME = "china-kazakhstan-30-years"
SEED = (REPO / "claims" / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
TRAIN = (
    "A new freight train service was launched in October 2021, between China’s Shandong province "
    "and Kazakhstan’s Almaty City"
)


def seed_anchor(quote: str = TRAIN):
    start = SEED.index(quote)
    return anchor.make(SEED, start, start + len(quote))


def found_text(located: Located, text: str) -> str:
    assert located.found, located
    assert located.start is not None and located.end is not None
    return text[located.start : located.end]


def test_make_keeps_context_and_offsets() -> None:
    a = anchor.make("0123456789", 3, 6, context=2)
    assert (a.exact, a.prefix, a.suffix, a.start, a.end) == ("345", "12", "67", 3, 6)
    with pytest.raises(ValueError):
        anchor.make("abc", 2, 9)


def test_exact_when_offsets_still_valid() -> None:
    a = seed_anchor()
    assert anchor.locate(a, SEED) == Located("exact", a.start, a.end, 1.0)
    assert anchor.is_valid(a, SEED)


def test_moved_when_text_inserted_before() -> None:
    edited = "An editor's note was added.\n\n" + SEED
    located = anchor.locate(seed_anchor(), edited)
    assert located.status == "moved"
    assert located.confidence == 1.0
    assert found_text(located, edited) == TRAIN


def test_fuzzy_when_the_quote_itself_was_edited() -> None:
    edited = SEED.replace("October 2021", "November 2021").replace("freight train service", "cargo rail link")
    located = anchor.locate(seed_anchor(), edited)
    assert located.status == "fuzzy"
    assert 0.75 <= located.confidence < 1.0
    assert found_text(located, edited) == TRAIN.replace("October 2021", "November 2021").replace(
        "freight train service", "cargo rail link"
    )


def test_not_found_when_the_sentence_is_gone() -> None:
    edited = SEED.replace(TRAIN, "")
    located = anchor.locate(seed_anchor(), edited)
    assert located == Located("not-found", None, None, 0.0)
    assert not located.found


def test_not_found_when_rewritten_beyond_recognition() -> None:
    edited = SEED.replace(TRAIN, "Rail links between the two countries improved somewhat in recent years")
    assert anchor.locate(seed_anchor(), edited).status == "not-found"


def test_ambiguous_when_the_exact_quote_appears_twice_and_context_does_not_decide() -> None:
    quote = "The park opened in 2021."
    a = anchor.make("Q" * 40 + quote + "W" * 40, 40, 40 + len(quote))
    text = "A" * 30 + quote + "B" * 40 + quote + "B" * 40
    assert anchor.locate(a, text) == Located("ambiguous", None, None, 0.0)


def test_context_picks_between_two_exact_occurrences() -> None:
    original = "Alpha beta gamma. The vote was 7 to 2. Delta epsilon."
    a = anchor.make(original, original.index("The vote"), original.index("2.") + 2)
    edited = "The vote was 7 to 2. Unrelated words here.\n\n" + original
    located = anchor.locate(a, edited)
    assert located.status == "moved"
    assert located.start == edited.index("Alpha") + original.index("The vote")


def test_ambiguous_when_an_edited_quote_matches_two_places_equally() -> None:
    para = SEED[SEED.index(TRAIN) - 300 : SEED.index(TRAIN) + 400]
    edited = SEED.replace("October 2021", "November 2021")
    edited_para = para.replace("October 2021", "November 2021")
    assert anchor.locate(seed_anchor(), edited + "\n\n" + edited_para).status == "ambiguous"


def test_relocate_rebuilds_the_anchor() -> None:
    edited = "New lead.\n\n" + SEED
    located = anchor.locate(seed_anchor(), edited)
    moved = anchor.relocate(seed_anchor(), edited, located)
    assert anchor.is_valid(moved, edited)
    assert moved.exact == TRAIN
    with pytest.raises(ValueError):
        anchor.relocate(seed_anchor(), edited, Located("not-found", None, None, 0.0))


# --- properties -----------------------------------------------------------------

QUOTES = [
    TRAIN,
    "the $2.4 billion agreement signed by Zhongmei Engineering Group",
    (
        "Through the China-Pakistan Economic Corridor (CPEC), Beijing has invested generously in Pakistan’s "
        "infrastructure projects."
    ),
    "10 days by rail",
]
filler = st.text(alphabet=st.sampled_from(list("abcdefghij klmnop.,\n")), min_size=1, max_size=60)


@st.composite
def edits_elsewhere(draw):
    """The seed with random insertions and deletions that do not touch the quote."""
    quote = draw(st.sampled_from(QUOTES))
    start = SEED.index(quote)
    end = start + len(quote)
    text = SEED
    # Edit from the end backwards so earlier positions stay meaningful.
    positions = sorted(
        draw(st.lists(st.integers(0, len(SEED)), min_size=1, max_size=6).filter(lambda ps: True)), reverse=True
    )
    at, stop = start, end  # where the quote is in the text as edited so far
    for pos in positions:
        if at - 5 <= pos <= stop + 5:
            continue
        before = text
        if draw(st.booleans()):
            text = text[:pos] + draw(filler) + text[pos:]
        else:
            cut = draw(st.integers(1, 40))
            if pos < at and pos + cut >= at - 5:
                continue
            text = text[:pos] + text[pos + cut :]
        if pos < at:  # an edit before the quote moves it
            at, stop = at + len(text) - len(before), stop + len(text) - len(before)
    assert text[at:stop] == quote
    return quote, start, text


@settings(max_examples=150, deadline=None)
@given(edits_elsewhere())
def test_refound_after_random_edits_elsewhere(case) -> None:
    quote, start, edited = case
    a = anchor.make(SEED, start, start + len(quote))
    located = anchor.locate(a, edited)
    assert located.status in ("exact", "moved")
    assert found_text(located, edited) == quote


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, len(TRAIN) - 1),  # 0 would insert before the quote, not in it
    st.text(alphabet=st.sampled_from(list("xyz ")), min_size=1, max_size=3),
)
def test_small_edit_inside_quote_is_found_fuzzily_at_the_right_place(at: int, inserted: str) -> None:
    a = seed_anchor()
    pos = a.start + at
    edited = SEED[:pos] + inserted + SEED[pos:]
    assume(TRAIN not in edited)  # "y" inserted before "y" leaves the quote as it was
    located = anchor.locate(a, edited)
    assert located.status == "fuzzy"
    assert located.confidence >= 0.9
    # The span found is the edited quote, to the character: the words around it, unchanged, say where it ends.
    assert (located.start, located.end) == (a.start, a.end + len(inserted))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("three decades", "three and a half decades"),  # words added before the last
        ("three decades", "30 years"),  # the last words replaced
        ("has witnessed", "has long witnessed"),  # a word added after the first
        ("has witnessed a remarkable", "has seen a notable"),  # the first words replaced
    ],
)
def test_an_edit_at_an_edge_of_the_quote_stays_in_it(before: str, after: str) -> None:
    """Similarity alone would end the span at "three and" or start it at "witnessed"; the context places it."""
    quote = "has witnessed a remarkable journey of diplomacy over the past three decades"
    edited = SEED.replace(quote, quote.replace(before, after))
    located = anchor.locate(seed_anchor(quote), edited)
    assert located.status == "fuzzy"
    assert found_text(located, edited) == quote.replace(before, after)


def test_a_sentence_that_lost_its_full_stop_is_not_run_on_into_the_next() -> None:
    # The words that followed it, unchanged, say where it ends; the next full stop is another sentence's.
    quote = SEED[SEED.index("As the President of Kazakhstan") : SEED.index("this meeting.") + len("this meeting.")]
    edited = quote.replace("this meeting.", "this summit")
    text = SEED.replace(quote, edited)
    assert found_text(anchor.locate(seed_anchor(quote), text), text) == edited


def test_the_last_words_of_a_paragraph_edited_leave_its_line_break_out() -> None:
    quote = SEED[SEED.index("The park, located") : SEED.index("industrialization.") + len("industrialization.")]
    edited = quote.replace("and industrialization.", "and industry")
    text = SEED.replace(quote, edited)
    assert found_text(anchor.locate(seed_anchor(quote), text), text) == edited


@pytest.mark.parametrize("edited", ["{}. It runs weekly", "It was news. {}", "{}\n\nIt runs weekly"])
def test_a_sentence_added_beside_an_edited_quote_stays_out_of_it(edited: str) -> None:
    quote = TRAIN.replace("October", "November")
    text = SEED.replace(TRAIN, edited.format(quote))
    assert found_text(anchor.locate(seed_anchor(), text), text) == quote


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(QUOTES), st.text(alphabet=st.sampled_from(list("qwrtz ")), min_size=0, max_size=30))
def test_never_confidently_wrong(quote: str, noise: str) -> None:
    """With the quote removed, the answer is never a confident exact/moved match elsewhere."""
    start = SEED.index(quote)
    a = anchor.make(SEED, start, start + len(quote))
    edited = SEED[:start] + noise + SEED[start + len(quote) :]
    located = anchor.locate(a, edited)
    assert located.status not in ("exact", "moved")
    if located.found:
        assert located.confidence < 0.9


# --- many anchors in one text: TextIndex ---------------------------------------


@settings(max_examples=80, deadline=None)
@given(edited_seed(filler))
def test_an_index_gives_the_same_answers_as_scanning_the_text(edited: str) -> None:
    index = TextIndex(edited)
    # The index answers every lookup it can, however common the pieces (the seed is small).
    with mock.patch.object(occurrences, "SCAN_COST", 0):
        for a in SEED_ANCHORS:
            assert anchor.locate(a, index) == anchor.locate(a, edited), a.exact


def _long_article(sentences: int = 4000) -> str:
    return "\n\n".join(f"Report {i}: the count on day {i % 28} was {i * 37 % 1009} visitors." for i in range(sentences))


def test_an_index_still_sees_a_quote_repeated_far_away() -> None:
    quote = "The park opened in 2021 with 3,000 trees."
    block = "Lead.\n\n" + quote + "\n\n" + _long_article()
    a = anchor.make(block, 7, 7 + len(quote))
    # Moved by a note before it, and repeated, in the same words around it, 300 kB further on.
    edited = "Note.\n\n" + block + "\n\n" + block
    assert anchor.locate(a, TextIndex(edited)) == anchor.locate(a, edited) == Located("ambiguous", None, None, 0.0)
    # Context still decides when it clearly prefers one place: here the far one, in its old words.
    edited = "A new lead.\n\n" + quote + " Unrelated words here.\n\n" + block
    located = anchor.locate(a, TextIndex(edited))
    assert located == anchor.locate(a, edited)
    assert located.status == "moved" and located.start == edited.rindex(quote)


def test_an_index_finds_a_paragraph_moved_to_the_other_end() -> None:
    body = _long_article()
    para = "The council voted 7 to 2 to approve a toll of $4.50 in 2021, the clerk said."
    original = para + "\n\n" + body
    a = anchor.make(original, 0, len(para))
    edited = body + "\n\n" + para
    assert anchor.locate(a, TextIndex(edited)) == Located("moved", len(body) + 2, len(edited), 1.0)
    reworded = body + "\n\n" + para.replace("7 to 2", "seven to two")
    located = anchor.locate(a, TextIndex(reworded))
    assert located.status == "fuzzy" and located.end == len(reworded)


@pytest.mark.parametrize("last", ["\n", ""])
def test_a_whole_sentence_lengthened_at_its_end_is_found_whole(last: str) -> None:
    """Similarity would stop at "…and a cafe, the mayor", about the quote's old length, mid-phrase."""
    quote = "The library will open in March 2027 with 40,000 books, the mayor said."
    text = f"The council approved a budget of $5 million on Tuesday.\n\n{quote}{last}"
    edited = quote.replace("the mayor said", "and a cafe, the mayor told local reporters on Monday")
    a = anchor.make(text, text.index(quote), text.index(quote) + len(quote))
    new = text.replace(quote, edited)
    located = anchor.locate(a, new)
    assert located.status == "fuzzy"
    assert found_text(located, new) == edited
