"""Cells of meaning: past a size, the library groups its vectors around centroids and reads only the nearest cells.

Random unit vectors stand in for the model's: what is tested is where the library keeps them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from factcheck.library import index
from factcheck.library.index import Library
from factcheck.library.records import FactCheckEntry

MODEL = "random unit vectors"
DIMENSIONS = 16


@pytest.fixture(autouse=True)
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "CELLS_FROM", 40)
    monkeypatch.setattr(index, "MIN_CELLS", 4)


def _random(texts: list[str]) -> np.ndarray:
    """A unit vector per text, the same for the same text."""
    seeds = [int.from_bytes(t.encode()[-4:].rjust(4, b"\0"), "big") for t in texts]
    vectors = np.array([np.random.default_rng(s).standard_normal(DIMENSIONS) for s in seeds], dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _grow(library: Library, upto: int) -> int:
    """The library made to hold fact-checks 0 to ``upto`` - 1, with their vectors; how many were encoded."""
    entries = [FactCheckEntry(claim=f"claim {i:04d}", url=f"https://checks.example.org/{i}") for i in range(upto)]
    library.add_factchecks(entries, "feed.json")
    return library.add_meanings(_random, MODEL)


def _cells(library: Library) -> dict[int, np.ndarray]:
    rows = library.db.execute("SELECT id, centroid FROM cells ORDER BY id")
    return {r[0]: np.frombuffer(r[1], "<f4") for r in rows}


def _stored(library: Library) -> tuple[list[str], np.ndarray, list[int | None]]:
    """Each vector's claim, the vectors as stored, and each one's cell (None where it has none)."""
    columns = {r[1] for r in library.db.execute("PRAGMA table_info(meanings)")}
    cell = "m.cell" if "cell" in columns else "NULL"
    rows = library.db.execute(f"SELECT f.claim, m.vector, {cell} FROM meanings m JOIN factchecks f USING (id)")
    claims, vectors, cells = zip(*rows, strict=True)
    return list(claims), np.array([np.frombuffer(v, "<f2") for v in vectors], dtype=np.float32), list(cells)


def _exact(library: Library, query: np.ndarray, limit: int) -> list[str]:
    claims, vectors, _ = _stored(library)
    return [claims[i] for i in np.argsort(-(vectors @ query))[:limit]]


def _nearest(library: Library, query: np.ndarray, limit: int) -> list[str]:
    return [c.entry.claim for c in library.nearest_factchecks(query, limit)]


def _queries() -> np.ndarray:
    return _random([f"query {i}" for i in range(10)])


def test_cells_are_made_past_the_size_and_every_vector_gets_its_nearest_centroids(tmp_path: Path) -> None:
    library = Library(tmp_path)
    _grow(library, 39)
    assert library._cells() is None
    assert "cell" not in {r[1] for r in library.db.execute("PRAGMA table_info(meanings)")}
    _grow(library, 49)  # 49 vectors: 7 cells, the square root
    centroids = _cells(library)
    assert len(centroids) == 7
    ids = np.array(list(centroids))
    _, vectors, cells = _stored(library)
    assert all(c is not None for c in cells)
    assert cells == ids[np.argmax(vectors @ np.array(list(centroids.values())).T, axis=1)].tolist()
    assert len(set(cells)) > 1
    library.close()


def test_a_vector_added_later_gets_the_cell_of_its_nearest_centroid(tmp_path: Path) -> None:
    library = Library(tmp_path)
    _grow(library, 49)
    before = _cells(library)
    assert _grow(library, 60) == 11
    assert _cells(library).keys() == before.keys()  # learnt once, below four times the size
    claims, vectors, cells = _stored(library)
    nearest = np.array(list(before))[np.argmax(vectors @ np.array(list(before.values())).T, axis=1)]
    assert cells == nearest.tolist()
    library.close()


def test_the_same_library_gets_the_same_cells(tmp_path: Path) -> None:
    one, two = Library(tmp_path / "one"), Library(tmp_path / "two")
    _grow(one, 49), _grow(two, 49)
    assert [c.tolist() for c in _cells(one).values()] == [c.tolist() for c in _cells(two).values()]
    one.close(), two.close()


def test_with_every_cell_probed_the_nearest_are_the_exact_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path)
    _grow(library, 49)
    library.add_factchecks([FactCheckEntry(claim="claim 9999", url="https://checks.example.org/late")], "late.json")
    library.add_meanings(_random, MODEL)
    library.db.execute("UPDATE meanings SET cell = NULL WHERE id = (SELECT max(id) FROM meanings)")
    monkeypatch.setattr(index, "PROBES", 7)
    for query in _queries():
        assert _nearest(library, query, 10) == _exact(library, query, 10)
    # Probing one cell reads fewer vectors, yet a vector without a cell (one an older version added) is read.
    monkeypatch.setattr(index, "PROBES", 1)
    late = _random(["claim 9999"])[0]
    assert _nearest(library, late, 1) == ["claim 9999"]
    assert any(_nearest(library, q, 20) != _exact(library, q, 20) for q in _queries())
    library.close()


def test_the_centroids_are_learnt_again_past_four_times_the_size(tmp_path: Path) -> None:
    library = Library(tmp_path)
    _grow(library, 40)
    first = _cells(library)
    assert len(first) == 6
    _grow(library, 159)
    assert _cells(library).keys() == first.keys()
    other = Library(tmp_path)  # another process, whose centroids are cached before they are learnt again
    assert other._cells() is not None
    _grow(library, 160)
    again = _cells(library)
    assert len(again) == 13 and min(again) > max(first)
    assert library.db.execute("SELECT value FROM info WHERE key = 'cells_learnt_from'").fetchone()[0] == "160"
    assert set(_stored(library)[2]) <= set(again)
    cached = other._cells()
    assert cached is not None and cached[0].tolist() == list(again)
    other.close(), library.close()


def test_an_interrupted_learning_leaves_the_library_as_it_was_and_the_next_add_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path)
    _grow(library, 30)
    calls = []
    cell_of = index._cell_of

    def interrupted(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
        calls.append(1)
        if len(calls) > index.KMEANS_ROUNDS:  # the centroids learnt, the vectors being given cells
            raise KeyboardInterrupt
        return cell_of(vectors, centroids)

    monkeypatch.setattr(index, "_cell_of", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _grow(library, 50)
    assert library._cells() is None
    with pytest.raises(sqlite3.OperationalError):
        library.db.execute("SELECT cell FROM meanings")
    assert library.stats().with_meaning == 50
    for query in _queries():
        assert len(_nearest(library, query, 5)) == 5
    monkeypatch.setattr(index, "_cell_of", cell_of)
    assert library.add_meanings(_random, MODEL) == 0
    assert len(_cells(library)) == 7
    assert None not in _stored(library)[2]
    library.close()


def test_a_library_of_schema_4_without_cells_still_answers_and_gets_them_past_the_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "CELLS_FROM", 1_000)
    library = Library(tmp_path)
    _grow(library, 60)
    assert not library.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'cells'").fetchone()
    for query in _queries():
        assert _nearest(library, query, 5) == _exact(library, query, 5)
    library.close()
    monkeypatch.setattr(index, "CELLS_FROM", 40)
    library = Library(tmp_path)
    _grow(library, 61)
    assert len(_cells(library)) == 8 and None not in _stored(library)[2]
    library.close()


def test_vectors_of_another_model_lose_their_cells_too(tmp_path: Path) -> None:
    library = Library(tmp_path)
    _grow(library, 49)
    assert list(_cells(library)) == list(range(1, 8))
    library.add_meanings(lambda texts: _random(texts)[:, ::-1].copy(), "another model")
    assert list(_cells(library)) == list(range(8, 15))  # learnt anew, from the new model's vectors
    library.close()
