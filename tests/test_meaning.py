"""The model of meaning: its vectors, where the library keeps them, and what ``match`` finds with them."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from factcheck.library import finding, index, meaning
from factcheck.library.index import Library
from factcheck.library.records import FactCheckEntry

REFERENCE = Path(__file__).parent / "data" / "meaning" / "reference.json"

pytestmark = pytest.mark.skipif(not meaning.available(), reason="the model of meaning is not installed")


@pytest.fixture(scope="module")
def model() -> meaning.Encoder:
    encoder = meaning.encoder()
    assert encoder is not None
    return encoder


def _entries(*claims: str) -> list[FactCheckEntry]:
    return [
        FactCheckEntry(claim=c, url=f"https://checks.example.org/{i}", rating="False") for i, c in enumerate(claims)
    ]


def _feed(tmp_path: Path) -> Path:
    """A CSV feed of the fact-checks below."""
    feed = tmp_path / "checks.csv"
    feed.write_text("claim,rating,url\n" + "".join(f'"{e.claim}",False,{e.url}\n' for e in _entries(VACCINES, *OTHERS)))
    return feed


@contextlib.contextmanager
def _model_at(monkeypatch: pytest.MonkeyPatch, path: Path) -> Iterator[None]:
    """The model of meaning taken from ``path`` (no file there: no model) for the block, loaded anew each way."""
    monkeypatch.setenv(meaning.ENVIRONMENT, str(path))
    meaning.encoder.cache_clear()
    try:
        yield
    finally:
        monkeypatch.delenv(meaning.ENVIRONMENT)
        meaning.encoder.cache_clear()


VACCINES = "Vaccines cause autism in children."
OTHERS = (
    "The new river bridge cost $2.4 billion to build.",
    "Bus fares doubled in 2022 across the city.",
    "The Great Wall of China is visible from the Moon.",
    "Carrots help you see in the dark.",
)


def test_the_vectors_are_the_models_in_full_precision(model: meaning.Encoder) -> None:
    # The reference: the same model in float32, as sentence-transformers reads it (tokens, mean, unit length).
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = model.encode(reference["texts"])
    assert vectors.shape == (len(reference["texts"]), meaning.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * np.array(reference["vectors"])).sum(axis=1)
    assert cosines.min() > 0.99, cosines


def test_a_batch_gives_each_text_what_it_gives_alone(model: meaning.Encoder) -> None:
    texts = [VACCINES, "Short.", " ".join(OTHERS), *OTHERS]
    alone = np.vstack([model.encode([t]) for t in texts])
    assert np.allclose(model.encode(texts), alone, atol=1e-4)


def test_a_claim_worded_apart_is_nearer_than_one_on_another_subject(model: meaning.Encoder) -> None:
    vaccines, jabs, bridge = model.encode([VACCINES, "Jabs make kids autistic", OTHERS[0]])
    assert vaccines @ jabs > vaccines @ bridge + 0.3


def test_fact_checks_get_vectors_and_lose_them_when_reworded_or_removed(tmp_path: Path, model: meaning.Encoder) -> None:
    library = Library(tmp_path)
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json", whole=True)
    assert library.meaning_model() is None
    assert library.add_meanings(model.encode, meaning.MODEL) == 5
    assert library.meaning_model() == meaning.MODEL
    assert library.add_meanings(model.encode, meaning.MODEL) == 0

    def count() -> int:
        return int(library.db.execute("SELECT count(*) FROM meanings").fetchone()[0])

    reworded = _entries(VACCINES, *OTHERS)
    reworded[1] = FactCheckEntry(claim=OTHERS[0], url=reworded[1].url, rating="True")  # the rating alone changed
    reworded[2] = FactCheckEntry(claim=OTHERS[1], url=reworded[2].url, rating="False", headline="Fares: the facts")
    library.add_factchecks(reworded, "feed.json", whole=True)
    assert count() == 4  # the new headline drops the vector; a new rating keeps it
    library.add_factchecks(reworded[:3], "feed.json", whole=True)
    assert count() == 2
    assert library.add_meanings(model.encode, meaning.MODEL) == 1
    library.close()


def test_an_interrupted_encoding_keeps_what_it_made_and_the_next_finishes(
    tmp_path: Path, model: meaning.Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "ENCODE_BLOCK", 2)
    library = Library(tmp_path)
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json")
    blocks = []

    def interrupted(texts: list[str]) -> np.ndarray:
        if blocks:
            raise KeyboardInterrupt
        blocks.append(texts)
        return model.encode(texts)

    with pytest.raises(KeyboardInterrupt):
        library.add_meanings(interrupted, meaning.MODEL)
    assert library.db.execute("SELECT count(*) FROM meanings").fetchone()[0] == 2
    assert library.add_meanings(model.encode, meaning.MODEL) == 3
    library.close()


def test_vectors_of_another_model_are_made_again(tmp_path: Path, model: meaning.Encoder) -> None:
    library = Library(tmp_path)
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json")
    library.add_meanings(lambda texts: np.zeros((len(texts), meaning.DIMENSIONS)), "another model")
    assert library.meaning_model() == "another model"
    assert library.add_meanings(model.encode, meaning.MODEL) == 5
    assert library.meaning_model() == meaning.MODEL
    library.close()


def test_the_nearest_are_found_a_block_at_a_time(
    tmp_path: Path, model: meaning.Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path)
    claims = (VACCINES, *OTHERS)
    library.add_factchecks(_entries(*claims), "feed.json")
    library.add_meanings(model.encode, meaning.MODEL)
    query = model.encode(["Jabs make kids autistic"])[0]
    expected = [claims[i] for i in np.argsort(-(model.encode(list(claims)) @ query))[:3]]
    assert expected[0] == VACCINES
    for block in (2, 3, 100):
        monkeypatch.setattr(index, "NEAREST_BLOCK", block)
        assert [c.entry.claim for c in library.nearest_factchecks(query, 3)] == expected
    library.close()


def test_match_finds_a_fact_check_that_shares_no_word_with_the_claim(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path)
    args = ["--library", str(tmp_path / "lib")]
    added = run("library", "add", str(feed), *args)
    assert added.exit_code == 0, added.stderr
    stats = run("library", "stats", "--format", "json", *args)
    assert json.loads(stats.stdout)["with_meaning"] == 5
    found = run("match", "--text", "Jabs make kids autistic", "--format", "json", *args)
    assert found.exit_code == 0, found.stderr
    assert json.loads(found.stdout)[0]["matches"][0]["claim_reviewed"] == VACCINES
    # By words alone (the model taken away), nothing is found: the words differ.
    with _model_at(monkeypatch, tmp_path / "missing.onnx"):
        by_words = run("match", "--text", "Jabs make kids autistic", "--format", "json", *args)
    assert by_words.exit_code == 0, by_words.stderr
    assert json.loads(by_words.stdout)[0]["matches"] == []


def test_queries_asked_together_find_what_each_finds_alone_in_one_run_of_the_model(
    tmp_path: Path, model: meaning.Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "lib")
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json")
    library.add_meanings(model.encode, meaning.MODEL)
    # The third has no content word, so nothing to read; the last leaves the Moon's fact-check out.
    queries = ["Jabs make kids autistic", "The river bridge cost billions", "it is what it is", "Seen from the Moon"]
    skips = [(), (), (), ("https://checks.example.org/3",)]
    alone = [finding.match(library, q, 3, skip) for q, skip in zip(queries, skips, strict=True)]
    runs: list[int] = []
    loaded = meaning.encoder()  # the one match uses: another test may have loaded it anew since the fixture's
    assert loaded is not None
    encode = loaded.encode

    def counted(texts: list[str]) -> np.ndarray:
        runs.append(len(texts))
        return encode(texts)

    monkeypatch.setattr(loaded, "encode", counted)
    together = finding.match_many(library, queries, 3, skips)
    assert runs == [3]
    assert [[(m.entry.url, m.score) for m in found] for found in together] == [
        [(m.entry.url, m.score) for m in found] for found in alone
    ]
    assert alone[0][0].entry.claim == VACCINES and alone[2] == []
    assert "https://checks.example.org/3" not in {m.entry.url for m in alone[3]}
    library.close()


def test_a_library_without_the_model_is_matched_by_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(meaning.ENVIRONMENT, str(tmp_path / "missing.onnx"))
    assert not meaning.available()
    library = Library(tmp_path / "lib")
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json")
    kind, candidates, _ = finding.match_pool(library, "Do vaccines cause autism?", finding.POOL)
    assert kind == "match" and candidates[0].entry.claim == VACCINES
    library.close()


def test_the_vectors_kept_between_queries_follow_every_change(tmp_path: Path, model: meaning.Encoder) -> None:
    library = Library(tmp_path)
    library.add_factchecks(_entries(VACCINES, *OTHERS), "feed.json")
    library.add_meanings(model.encode, meaning.MODEL)
    jabs, moon = model.encode(["Jabs make kids autistic", "Astronauts saw a wall from the Moon"])

    def nearest(vector: np.ndarray) -> str:
        return library.nearest_factchecks(vector, 1)[0].entry.claim

    assert nearest(jabs) == VACCINES
    with Library(tmp_path) as other:  # another process takes the fact-check out
        assert other.remove("https://checks.example.org/0") == 1
    assert nearest(jabs) != VACCINES
    # Put in and rolled back twice, as a benchmark asks a library with a fact-check and without it:
    # what the first put in is never found after the second.
    for claim in ("Vaccines are dangerous for children", "The Moon landing was filmed in a studio"):
        vector = model.encode([claim])[0]
        library.db.execute("BEGIN")
        row = library.db.execute(
            "INSERT INTO factchecks (key, claim, origin, added) VALUES (?, ?, 'put in', 'now')", (claim, claim)
        ).lastrowid
        library.db.execute("INSERT INTO meanings (id, vector) VALUES (?, ?)", (row, vector.astype("<f2").tobytes()))
        assert nearest(vector) == claim
        library.db.execute("ROLLBACK")
    assert nearest(moon) == OTHERS[2]
    library.close()


def test_a_library_without_vectors_is_said_to_be_matched_by_words_until_added_again(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path)
    args = ["--library", str(tmp_path / "lib")]
    # Added where the model could not be loaded (or by a factcheck from before it): no vectors.
    with _model_at(monkeypatch, tmp_path / "missing.onnx"):
        assert run("library", "add", str(feed), *args).exit_code == 0
    asked = run("match", "--text", "Jabs make kids autistic", *args)
    assert "have no vectors of meaning yet" in asked.stderr
    assert run("library", "add", str(feed), *args).exit_code == 0
    again = run("match", "--text", "Jabs make kids autistic", *args)
    assert "vectors of meaning" not in again.stderr
    assert VACCINES in again.stdout


def test_a_large_encoding_says_how_far_it_is(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "ENCODE_BLOCK", 2)
    feed = _feed(tmp_path)
    added = run("library", "add", str(feed), "--library", str(tmp_path / "lib"))
    assert added.exit_code == 0, added.stderr
    said = [line for line in added.stderr.splitlines() if "encoded for matching by meaning" in line]
    assert said == [f"library: {n} of 5 fact-checks encoded for matching by meaning" for n in (2, 4, 5)]
    quiet = run("-q", "library", "add", str(feed), "--library", str(tmp_path / "other"))
    assert "encoded" not in quiet.stderr


def test_a_model_file_that_is_no_model_is_one_line_naming_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path)
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(feed), *args).exit_code == 0
    bogus = tmp_path / "model.onnx"
    bogus.write_bytes(b"not a model at all\n")
    with _model_at(monkeypatch, bogus):
        result = run("match", "--text", "Jabs make kids autistic", *args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert str(bogus) in result.stderr and "cannot load the model of meaning" in result.stderr
