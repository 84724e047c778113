"""Claim ids a person can type and read: names, figures and key nouns, never a reshuffle of another id."""

from __future__ import annotations

from itertools import permutations

from factcheck.extract.ids import make_id, word_counts
from factcheck.extract.proposals import propose

ARTICLE = """Obama signed the stimulus bill in February 2009, two weeks after taking office.

In 2009, Obama said the recovery act would save or create 3.5 million jobs.

It is a fact that voters feel the economy grew within the due time, the senator said.

Unemployment fell to 4.2% in 2019, the statistics office said, down from 9.9% in 2009.

The mayor said the council approved 40 new homes at a cost of $3 million in 2021.
"""


def ids_of(text: str) -> list[str]:
    taken: set[str] = set()
    common = word_counts(text)
    return [make_id(p.text, taken, common) for p in propose(text, 0.0)]


def test_ids_are_made_of_names_figures_and_key_nouns() -> None:
    ids = ids_of(ARTICLE)
    assert len(ids) == len(set(ids)) == 5
    for vague in ("within", "due", "fact", "feel", "said", "time"):
        assert not any(vague in i.split("-") for i in ids), (vague, ids)
    assert ids == ["stimulus-2009", "2009-obama", "voters-economy", "unemployment-2019", "mayor-2021"]


def test_no_two_ids_are_the_same_words_in_another_order() -> None:
    ids = ids_of(ARTICLE)
    seen = {frozenset(i.split("-")) for i in ids}
    assert len(seen) == len(ids)
    # "obama-2009" taken: a sentence whose telling words are 2009 and Obama, in that order, gets a third word.
    taken = {"obama-2009"}
    made = make_id("In 2009, Obama met the governors.", taken)
    assert made not in {"2009-obama", "obama-2009"} and set(made.split("-")) > {"2009", "obama"}
    for words in permutations(["council", "homes", "2021"]):
        taken = {"-".join(words)}
        assert set(make_id("In 2021 the council built homes.", taken).split("-")) != {"council", "homes", "2021"}


def test_ids_are_stable_across_runs() -> None:
    assert ids_of(ARTICLE) == ids_of(ARTICLE)


def test_a_claim_of_vague_words_only_gets_a_plain_id() -> None:
    assert make_id("I feel that it is a fact within the due time.", set()) == "claim"


def test_ids_of_the_default_proposals_are_short() -> None:
    for claim_id in ids_of(ARTICLE):
        assert 2 <= len(claim_id.split("-")) <= 4 and len(claim_id) <= 64


def test_an_id_never_carries_the_credentials_of_a_url_in_the_claim() -> None:
    # An id is shown and written everywhere, unredacted: the user name and password of a URL the
    # claim quotes must not become its telling words, even when every other word is taken.
    text = "The bridge opened in 2020, https://user:hunter2@example.org/x says."
    taken = {"bridge-2020", "2020-bridge", "bridge-2020-example", "bridge-2020-https"}
    for _ in range(4):
        made = make_id(text, taken)
        assert "hunter2" not in made and "user" not in made.split("-"), made


def test_an_id_of_a_claim_in_cyrillic_is_made_of_its_words_read_in_latin_letters() -> None:
    article = (
        "Правительство Москвы выделило 45,6 млрд рублей на строительство трёх новых станций метро.\n\n"
        "Депутат Мосгордумы Ирина Ёлкина назвала сроки нереалистичными.\n\n"
        "Bahnchef Günther Weiß sagte, die Straße bleibe bis 2027 gesperrt.\n"
    )
    ids = ids_of(article)
    # Not "claim" or a year alone: the words are there, written in another alphabet.
    assert ids == ["pravitelstvo-moskvy", "mosgordumy-irina", "gunther-weiss"]


def test_a_dash_parts_the_words_of_an_id() -> None:
    # "Halvorsen–Ost" is two names, as "Halvorsen-Ost" is: not "halvorsenost".
    assert make_id("Halvorsen–Ost Fjordline will run the ferry from 2027.", set()) == make_id(
        "Halvorsen-Ost Fjordline will run the ferry from 2027.", set()
    )


def test_the_little_words_of_other_languages_make_no_id() -> None:
    # "Las tarifas subieron" gave "las-2026": an article, as "the" would be in English.
    assert make_id("Las tarifas del metro subieron un 12 % en 2026.", set()) == "tarifas-2026"
    assert make_id("Le prix du billet a augmenté de 12 % en 2026.", set()) == "prix-2026"
