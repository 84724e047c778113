"""The library's index: one SQLite file, with FTS5 full-text search ranked by BM25.

Nothing to install or start: SQLite ships with Python.  Every change is one
transaction, so an import that is interrupted (or that fails on a bad file)
leaves the library as it was before that file.  ``Backend`` is what ``match``
and ``search`` need of an index; a newsroom whose archive outgrows one machine
implements it over its search server (OpenSearch, Elasticsearch) instead.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import itertools
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from factcheck.library import FILE_NAME, terms
from factcheck.library.records import Document, FactCheckEntry, Passage
from factcheck.model.errors import InputError

#: The schema's version, kept in the file; a newer one is refused rather than misread.
#: 2: Chinese and Japanese text is indexed as character pairs (``terms.spaced``); 3: Korean too;
#: 4: fact-checks have vectors of meaning (``meanings``). A library of an earlier version is brought
#: up to date when opened (``_UPGRADE``); the next ``library add`` gives its fact-checks their vectors.
SCHEMA_VERSION = 4
#: BM25 weights of the fact-check columns (claim, headline) and passage columns (text, title).
FACTCHECK_WEIGHTS = (1.0, 0.6)
PASSAGE_WEIGHTS = (1.0, 0.3)
#: A query is made of its rarest words, up to about this many index entries in all (at least
#: ``MIN_WORDS`` words): BM25 weighs frequent words little, and reading their long lists of
#: entries is what would make a query slow in a big library.
POSTINGS_BUDGET = 4_000
MIN_WORDS = 4
#: A word in more entries than this is left out of a query that has a rarer one, whatever the budget.
COMMON_WORD = 25_000
#: Vectors of meaning read at a time when looking for the nearest, and fact-checks encoded at a time.
NEAREST_BLOCK = 8_192
ENCODE_BLOCK = 512
#: From this many vectors of meaning on, the nearest are looked for in cells (an inverted file): the
#: vectors are grouped around centroids that k-means learns from a sample of them, and a query reads
#: only the vectors of the ``PROBES`` cells whose centroids are nearest it.  Below, it reads them all,
#: which costs no more than the cells of a million vectors (16 of about 1,000) do.
CELLS_FROM = 20_000
#: About the square root of the number of vectors, and at least this many.
MIN_CELLS = 256
PROBES = 16
#: The centroids are learnt again once the library holds this many times the vectors they were learnt from.
RELEARN = 4
#: Vectors k-means learns from for each cell, and its rounds.
SAMPLE_PER_CELL = 40
KMEANS_ROUNDS = 10
_TOKENIZER = "porter unicode61 remove_diacritics 2"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS factchecks (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    claim TEXT NOT NULL,
    rating TEXT, url TEXT, publisher TEXT, date TEXT, claimant TEXT, headline TEXT,
    origin TEXT NOT NULL,
    added TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS factchecks_url ON factchecks (url);
CREATE INDEX IF NOT EXISTS factchecks_origin ON factchecks (origin);
CREATE VIRTUAL TABLE IF NOT EXISTS factcheck_words USING fts5 (
    claim, headline, content='factchecks', content_rowid='id', tokenize='{_TOKENIZER}'
);
CREATE TRIGGER IF NOT EXISTS factchecks_added AFTER INSERT ON factchecks BEGIN
    INSERT INTO factcheck_words (rowid, claim, headline) VALUES (new.id, fts_text(new.claim), fts_text(new.headline));
END;
CREATE TRIGGER IF NOT EXISTS factchecks_removed AFTER DELETE ON factchecks BEGIN
    INSERT INTO factcheck_words (factcheck_words, rowid, claim, headline)
    VALUES ('delete', old.id, fts_text(old.claim), fts_text(old.headline));
END;
CREATE TRIGGER IF NOT EXISTS factchecks_changed AFTER UPDATE ON factchecks BEGIN
    INSERT INTO factcheck_words (factcheck_words, rowid, claim, headline)
    VALUES ('delete', old.id, fts_text(old.claim), fts_text(old.headline));
    INSERT INTO factcheck_words (rowid, claim, headline) VALUES (new.id, fts_text(new.claim), fts_text(new.headline));
END;
-- Each fact-check's vector of meaning (``meaning.MODEL``, stored as float16), made after it is added:
-- a fact-check without one yet is found by its words alone.  Changing its claim or headline drops it.
CREATE TABLE IF NOT EXISTS meanings (
    id INTEGER PRIMARY KEY REFERENCES factchecks (id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
-- A new mark at each vector added or removed, so that one kept in memory is known to be out of date;
-- random, so that one a transaction rolled back is never given again.
CREATE TRIGGER IF NOT EXISTS meanings_added AFTER INSERT ON meanings BEGIN
    INSERT OR REPLACE INTO info (key, value) VALUES ('meanings_mark', hex(randomblob(8)));
END;
CREATE TRIGGER IF NOT EXISTS meanings_removed AFTER DELETE ON meanings BEGIN
    INSERT OR REPLACE INTO info (key, value) VALUES ('meanings_mark', hex(randomblob(8)));
END;
CREATE TRIGGER IF NOT EXISTS factchecks_reworded AFTER UPDATE OF claim, headline ON factchecks
WHEN old.claim IS NOT new.claim OR old.headline IS NOT new.headline BEGIN
    DELETE FROM meanings WHERE id = old.id;
END;
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, date TEXT,
    digest TEXT NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_document ON passages (document);
-- How many entries hold each indexed word: counting them means reading the word's whole list,
-- so each count is kept until the next change to the library.
CREATE TABLE IF NOT EXISTS word_counts (
    vocabulary TEXT NOT NULL, term TEXT NOT NULL, entries INTEGER NOT NULL, PRIMARY KEY (vocabulary, term)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS passage_rows AS
    SELECT passages.id AS id, passages.text AS text, documents.title AS title
    FROM passages JOIN documents ON documents.id = passages.document;
CREATE VIRTUAL TABLE IF NOT EXISTS passage_words USING fts5 (
    text, title, content='passage_rows', content_rowid='id', tokenize='{_TOKENIZER}'
);
CREATE TRIGGER IF NOT EXISTS passages_added AFTER INSERT ON passages BEGIN
    INSERT INTO passage_words (rowid, text, title)
    VALUES (new.id, fts_text(new.text), fts_text((SELECT title FROM documents WHERE id = new.document)));
END;
CREATE TRIGGER IF NOT EXISTS passages_removed AFTER DELETE ON passages BEGIN
    INSERT INTO passage_words (passage_words, rowid, text, title)
    VALUES ('delete', old.id, fts_text(old.text), fts_text((SELECT title FROM documents WHERE id = old.document)));
END;
"""


# Up to version 3, in one transaction: the triggers index text through ``fts_text``, and the entries
# whose words changed are indexed again (the rest read the same either way, so a big library is not
# re-indexed whole): from version 1, those holding Chinese, Japanese or Korean, indexed as they were
# written; from version 2, those holding Korean, indexed as ``terms.spaced_2`` read them.  Each step
# checks the version, so a library two processes open at once is upgraded once: taking an entry out of
# the index needs the words it was put in with.
_TRIGGERS = ("factchecks_added", "factchecks_removed", "factchecks_changed", "passages_added", "passages_removed")


def _reindex(version: int, old: str, due: str) -> str:
    """SQL that indexes again, from ``version``, the entries for which ``due`` holds, put in through ``old``."""

    def where(a: str, b: str) -> str:
        return f"(SELECT version = {version} FROM temp.upgrading) AND ({due}({a}) OR {due}({b}))"

    return f"""
INSERT INTO factcheck_words (factcheck_words, rowid, claim, headline)
    SELECT 'delete', id, {old}(claim), {old}(headline) FROM factchecks WHERE {where("claim", "headline")};
INSERT INTO factcheck_words (rowid, claim, headline)
    SELECT id, fts_text(claim), fts_text(headline) FROM factchecks WHERE {where("claim", "headline")};
INSERT INTO passage_words (passage_words, rowid, text, title)
    SELECT 'delete', id, {old}(text), {old}(title) FROM passage_rows WHERE {where("text", "title")};
INSERT INTO passage_words (rowid, text, title)
    SELECT id, fts_text(text), fts_text(title) FROM passage_rows WHERE {where("text", "title")};
"""


_UPGRADE = f"""
BEGIN IMMEDIATE;
CREATE TEMP TABLE upgrading AS SELECT CAST(value AS INTEGER) AS version FROM info WHERE key = 'schema_version';
{"".join(f"DROP TRIGGER IF EXISTS {name};" for name in _TRIGGERS)}
{_SCHEMA}
{_reindex(1, "", "has_cjk")}
{_reindex(2, "fts_text_2", "has_hangul")}
DELETE FROM word_counts WHERE (SELECT version < {SCHEMA_VERSION} FROM temp.upgrading);
UPDATE info SET value = '{SCHEMA_VERSION}'
    WHERE key = 'schema_version' AND (SELECT version < {SCHEMA_VERSION} FROM temp.upgrading);
DROP TABLE temp.upgrading;
COMMIT;
"""


@dataclass(frozen=True)
class Candidate:
    """A fact-check the index found for a query, with its BM25 score (higher is better)."""

    bm25: float
    entry: FactCheckEntry
    # BM25 over the claim alone and over the headline alone: the re-ranking weighs them apart.
    bm25_claim: float = 0.0
    bm25_headline: float = 0.0
    # Its vector of meaning (``meaning.MODEL``, float16 bytes), when it has one yet.
    vector: bytes | None = None


@dataclass(frozen=True)
class PassageCandidate:
    """A passage the index found for a query, with its BM25 score (higher is better)."""

    bm25: float
    passage: Passage


@dataclass(frozen=True)
class Stats:
    """How much the library holds."""

    factchecks: int
    publishers: int
    documents: int
    passages: int
    size_bytes: int
    with_meaning: int = 0  # fact-checks that have their vector of meaning


@dataclass(frozen=True)
class Added:
    """What one import did: entries new, updated, unchanged, and removed (gone from the file they came from)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __add__(self, other: Added) -> Added:
        return Added(
            self.new + other.new,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.removed + other.removed,
        )


class Backend(Protocol):
    """What ``library``, ``match`` and ``search`` need of an index; ``Library`` implements it over SQLite.

    docs/how-to/library.md gives each method's query over a search server; re-ranking happens here either way.
    """

    def add_factchecks(self, entries: Iterable[FactCheckEntry], origin: str, whole: bool = False) -> Added: ...
    def add_document(self, document: Document) -> Added: ...
    def remove(self, location: str) -> int: ...
    def documents_in(self, folder: str) -> list[str]: ...
    def factcheck_candidates(self, text: str, limit: int) -> list[Candidate]: ...
    def passage_candidates(self, text: str, limit: int) -> list[PassageCandidate]: ...
    def nearest_factchecks(self, vector: Sequence[float], limit: int) -> list[Candidate]: ...
    def meaning_model(self) -> str | None: ...
    def stats(self) -> Stats: ...


class BusyError(InputError):
    """The library cannot be written (another process holds its lock; the disk is full; it may only be read):
    the whole command stops, not one file of it."""


def _locked(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _full(exc: sqlite3.Error) -> bool:
    """Whether SQLite could not write for want of space."""
    return exc.sqlite_errorname == "SQLITE_FULL"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Library:
    """The SQLite library in ``folder``, made by the first write that has something to add."""

    #: Seconds to wait for another process writing to the library before giving up.
    busy_timeout = 5.0

    def __init__(self, folder: Path, create: bool = True) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self._db: sqlite3.Connection | None = None
        # The cells' centroids as last read (``_cells``), with the highest cell id then.
        self._centroids: tuple[int, Any, Any] | None = None
        # Every vector of meaning, while the library has few enough (``_held_vectors``).
        self._held: tuple[str | None, Any, Any] | None = None
        if self.path.exists():
            self._connect()
        elif not create:
            raise InputError(
                "no library here yet", str(self.path), tip="add fact-checks or documents with 'factcheck library add'"
            )
        # Else nothing on disk yet: an import that adds nothing (a missing or broken file) leaves no empty library.

    @property
    def db(self) -> sqlite3.Connection:
        """The database; made now (its folder too) when the library has none yet."""
        if self._db is None:
            self._connect()
            assert self._db is not None
        return self._db

    def _connect(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target, uri = str(self.path), False
            if self.path.is_file() and not os.access(self.folder, os.W_OK) and not os.path.exists(f"{target}-shm"):
                # A folder we may only read (a read-only checkout), and no one reading the library: there is no
                # room for the index of its journal that reading needs beside it, so it is read as a file no
                # one changes.
                target, uri = f"{self.path.absolute().as_uri()}?immutable=1", True
            self._db = sqlite3.connect(target, uri=uri, isolation_level=None, timeout=self.busy_timeout)
            # What the index's triggers read text through: see ``terms.spaced``.
            self._db.create_function("fts_text", 1, terms.spaced, deterministic=True)
            self._db.create_function("has_cjk", 1, terms.has_cjk, deterministic=True)
            # What the upgrade from version 2 needs (``_UPGRADE``).
            self._db.create_function("fts_text_2", 1, terms.spaced_2, deterministic=True)
            self._db.create_function("has_hangul", 1, terms.has_hangul, deterministic=True)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA cache_size = -16000")  # 16 MB, whatever the library's size
            self._setup()
        except sqlite3.DatabaseError as exc:
            if _locked(exc):
                raise self._busy() from None
            if _full(exc):
                raise self._full_disk() from None
            raise InputError(f"not a library this version can read ({exc})", str(self.path)) from None
        except OSError as exc:
            raise InputError(f"cannot open the library: {exc.strerror or exc}", str(self.path)) from None

    def _setup(self) -> None:
        version = None
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "info" in tables:
            row = self.db.execute("SELECT value FROM info WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else None
        if version is not None and version > SCHEMA_VERSION:
            raise InputError(
                f"the library was written by a newer factcheck (schema {version})", str(self.path), tip="upgrade"
            )
        # How the index writes each word, and how many entries each has: to choose a query's words.
        self.db.executescript(
            f"""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5 (word, tokenize='{_TOKENIZER}');
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.stems USING fts5vocab (temp, stemmer, instance);
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.factcheck_terms USING fts5vocab (main, factcheck_words, row);
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_terms USING fts5vocab (main, passage_words, row);
            """
        )
        if version is not None and version < SCHEMA_VERSION:
            # Also gives a library made before the word counts were kept their table.
            try:
                self.db.executescript(_UPGRADE)
            except sqlite3.OperationalError:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                self.db.execute("DROP TABLE IF EXISTS temp.upgrading")
                if os.access(self.path, os.W_OK):
                    raise
                # A library we may only read is read as it is: only the entries the upgrade would index
                # again (Chinese, Japanese or Korean) may go unfound.
        if version is None:
            # One script, one transaction: a library is made whole or not at all.
            self.db.executescript(
                f"BEGIN IMMEDIATE; {_SCHEMA} INSERT OR REPLACE INTO info (key, value)"
                f" VALUES ('schema_version', '{SCHEMA_VERSION}'); COMMIT;"
            )

    def close(self) -> None:
        """Close the database (if it was opened)."""
        if self._db is not None:
            self._db.close()

    def _busy(self) -> BusyError:
        return BusyError(
            f"the library is busy: another process has been writing to it for {self.busy_timeout:g} s",
            str(self.path),
            tip="try again when that import or removal is done",
        )

    def _full_disk(self) -> BusyError:
        return BusyError(
            "the disk is full: nothing more was added", str(self.path), tip="free some space and add again"
        )

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction: committed when the block ends, rolled back if it raises (Ctrl-C too)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise self._busy() from None
            if _full(exc):
                raise self._full_disk() from None
            if exc.sqlite_errorname.startswith("SQLITE_READONLY"):
                raise BusyError("the library may only be read here: nothing was added", str(self.path)) from None
            raise

    # --- writing -----------------------------------------------------------------

    def add_factchecks(self, entries: Iterable[FactCheckEntry], origin: str, whole: bool = False) -> Added:
        """Add or update fact-checks, all or none: the same page and claim replaces what was there.

        With ``whole``, ``origin`` holds all its fact-checks (a claims file does; a feed may be the
        latest few only): one imported from it before and no longer in it is removed, so a claim
        the desk retired, or took back to unverified, is no longer matched.
        """
        new = updated = unchanged = 0
        now = _now()
        if self._db is None and not self.path.exists():
            # No library yet: nothing to update or remove, so none is made for no entries.
            entries = iter(entries)
            first = next(entries, None)
            if first is None:
                return Added()
            entries = itertools.chain([first], entries)
        with self.transaction():
            self.db.execute("DELETE FROM word_counts WHERE vocabulary = 'factcheck_terms'")
            if whole:  # the keys the origin holds now, to remove those it no longer holds
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY) WITHOUT ROWID")
                self.db.execute("DELETE FROM temp.seen")
            for e in entries:
                key = e.key
                if whole:
                    self.db.execute("INSERT OR IGNORE INTO temp.seen (key) VALUES (?)", (key,))
                values = (e.claim, e.rating, e.url, e.publisher, e.date, e.claimant, e.headline)
                row = self.db.execute(
                    "SELECT id, claim, rating, url, publisher, date, claimant, headline FROM factchecks WHERE key = ?",
                    (key,),
                ).fetchone()
                if row is None:
                    self.db.execute(
                        "INSERT INTO factchecks (key, claim, rating, url, publisher, date, claimant, headline,"
                        " origin, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, *values, origin, now),
                    )
                    new += 1
                elif tuple(row[1:]) == values:
                    unchanged += 1
                else:
                    self.db.execute(
                        "UPDATE factchecks SET claim = ?, rating = ?, url = ?, publisher = ?, date = ?, claimant = ?,"
                        " headline = ?, origin = ?, added = ? WHERE id = ?",
                        (*values, origin, now, row[0]),
                    )
                    updated += 1
            removed = 0
            if whole:
                removed = self.db.execute(
                    "DELETE FROM factchecks WHERE origin = ? AND key NOT IN (SELECT key FROM temp.seen)", (origin,)
                ).rowcount
                self.db.execute("DELETE FROM temp.seen")
        return Added(new, updated, unchanged, removed)

    def add_document(self, document: Document) -> Added:
        """Add a document's passages, or replace those of the document at the same location."""
        digest = hashlib.sha256(
            "\x00".join([document.title or "", document.url or "", document.date or "", *document.passages]).encode(
                "utf-8", "surrogatepass"
            )
        ).hexdigest()
        with self.transaction():
            row = self.db.execute(
                "SELECT id, digest FROM documents WHERE location = ?", (document.location,)
            ).fetchone()
            if row is not None and row[1] == digest:
                return Added(unchanged=1)
            if row is not None:
                self._drop_document(row[0])
            cursor = self.db.execute(
                "INSERT INTO documents (location, title, url, date, digest, added) VALUES (?, ?, ?, ?, ?, ?)",
                (document.location, document.title, document.url, document.date, digest, _now()),
            )
            doc_id = cursor.lastrowid
            self.db.executemany(
                "INSERT INTO passages (document, position, text) VALUES (?, ?, ?)",
                ((doc_id, i, text) for i, text in enumerate(document.passages)),
            )
        return Added(updated=1) if row is not None else Added(new=1)

    def _drop_document(self, doc_id: int) -> None:
        # Passages first: their trigger reads the document's title to take it out of the index.
        self.db.execute("DELETE FROM passages WHERE document = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def remove(self, location: str) -> int:
        """Remove the fact-checks at a URL or imported from a file, and the document at a path or URL; how many."""
        removed = 0
        with self.transaction():
            self.db.execute("DELETE FROM word_counts")
            removed += self.db.execute(
                "DELETE FROM factchecks WHERE url = ? OR origin = ?", (location, location)
            ).rowcount
            for (doc_id,) in self.db.execute(
                "SELECT id FROM documents WHERE location = ? OR location LIKE ? ESCAPE '\\'",
                (location, _under(location)),
            ).fetchall():
                self._drop_document(doc_id)
                removed += 1
        return removed

    def documents_in(self, folder: str) -> list[str]:
        """The locations of the documents inside a folder, at any depth."""
        rows = self.db.execute("SELECT location FROM documents WHERE location LIKE ? ESCAPE '\\'", (_under(folder),))
        return [found for (found,) in rows]

    def compact(self) -> bool:
        """Give the disk back the space of what was removed, when that is most of the file; whether it did.

        SQLite keeps freed pages for later writes: without this, removing a large feed leaves
        the file (and ``stats``' size) as big as before.
        """
        pages = int(self.db.execute("PRAGMA page_count").fetchone()[0])
        free = int(self.db.execute("PRAGMA freelist_count").fetchone()[0])
        if free * 2 <= pages:
            return False
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rewrite passes through the log: empty it
        return True

    # --- reading -----------------------------------------------------------------

    def query(self, text: str, vocabulary: str) -> str | None:
        """The FTS5 query for ``text``: its rarest content words in the index, within ``POSTINGS_BUDGET``."""
        words = terms.content_words(text)[:64]
        if not words:
            return None
        self.db.execute("DELETE FROM temp.stemmer")
        self.db.executemany("INSERT INTO temp.stemmer (rowid, word) VALUES (?, ?)", enumerate(words))
        stem_of = {doc: term for term, doc in self.db.execute("SELECT term, doc FROM temp.stems")}
        counts = self._counts(vocabulary, sorted(set(stem_of.values())))
        ranked = sorted(
            ((counts[stem], i) for i, stem in stem_of.items() if counts.get(stem)), key=lambda c: (c[0], c[1])
        )
        chosen: list[int] = []
        total = 0
        for count, i in ranked:
            if chosen and (count > COMMON_WORD or (len(chosen) >= MIN_WORDS and total + count > POSTINGS_BUDGET)):
                break
            chosen.append(i)
            total += count
        return terms.fts_query(" ".join(words[i] for i in sorted(chosen)), limit=64)

    def _counts(self, vocabulary: str, stems: list[str]) -> dict[str, int]:
        """How many entries hold each of ``stems``: kept counts, the rest counted now and kept."""
        if not stems:
            return {}
        marks = ", ".join("?" * len(stems))
        counts = dict(
            self.db.execute(
                f"SELECT term, entries FROM word_counts WHERE vocabulary = ? AND term IN ({marks})",
                (vocabulary, *stems),
            ).fetchall()
        )
        missing = [s for s in stems if s not in counts]
        if missing:
            found = dict.fromkeys(missing, 0)
            found.update(
                self.db.execute(
                    f"SELECT term, doc FROM temp.{vocabulary} WHERE term IN ({', '.join('?' * len(missing))})",
                    missing,
                ).fetchall()
            )
            counts.update(found)
            try:
                self.db.executemany(
                    "INSERT OR REPLACE INTO word_counts (vocabulary, term, entries) VALUES (?, ?, ?)",
                    [(vocabulary, term, n) for term, n in found.items()],
                )
            except sqlite3.OperationalError:
                pass  # a library we may only read: the counts are made again next time
        return counts

    def factcheck_candidates(self, text: str, limit: int) -> list[Candidate]:
        """The ``limit`` fact-checks whose claim and headline best match ``text`` by BM25."""
        rows = self._best(
            text, "factcheck_terms", "factcheck_words", FACTCHECK_WEIGHTS, limit,
            ", -bm25(factcheck_words, 1, 0), -bm25(factcheck_words, 0, 1)",
            f"f.id, {_ENTRY}, m.vector FROM factchecks f LEFT JOIN meanings m ON m.id = f.id WHERE f.id",
        )  # fmt: skip
        return [Candidate(r[0], _entry(r[3:10]), r[1], r[2], r[10]) for r in rows]

    def nearest_factchecks(self, vector: Sequence[float], limit: int) -> list[Candidate]:
        """The ``limit`` fact-checks whose vectors of meaning are nearest ``vector`` (a unit vector), nearest first.

        The vectors are read a block at a time, so memory stays the same whatever the library's size:
        all of them, or, where the library has cells (``CELLS_FROM``), those of the ``PROBES`` cells
        nearest ``vector`` and those not given a cell yet.  Their BM25 scores are 0, as for a
        fact-check BM25 did not find.
        """
        import numpy as np

        query = np.asarray(vector, dtype=np.float32)
        reads: list[tuple[str, Sequence[int]]] = [("", ())]
        if (cells := self._cells()) is not None:
            probed = cells[0][np.argsort(-(cells[1] @ query), kind="stable")[:PROBES]].tolist()
            reads = [(f" WHERE cell IN ({', '.join('?' * len(probed))})", probed), (" WHERE cell IS NULL", ())]
        best = np.empty(0, dtype=np.float32), np.empty(0, dtype=np.int64)
        if cells is None and (held := self._held_vectors()) is not None:
            scores = held[1] @ query
            keep = np.argpartition(-scores, limit)[:limit] if len(scores) > limit else np.arange(len(scores))
            best, reads = (scores[keep], held[0][keep]), []
        for where, args in reads:
            rows = self.db.execute(f"SELECT id, vector FROM meanings{where}", args)
            while block := rows.fetchmany(NEAREST_BLOCK):
                ids = np.fromiter((r[0] for r in block), dtype=np.int64, count=len(block))
                scores = np.concatenate([best[0], _vectors(r[1] for r in block) @ query])
                ids = np.concatenate([best[1], ids])
                keep = np.argpartition(-scores, limit)[:limit] if len(scores) > limit else np.arange(len(scores))
                best = scores[keep], ids[keep]
        order = [int(i) for i in best[1][np.argsort(-best[0], kind="stable")]]
        if not order:
            return []
        found = {
            r[0]: Candidate(0.0, _entry(r[1:8]), vector=r[8])
            for r in self.db.execute(
                f"SELECT f.id, {_ENTRY}, m.vector FROM factchecks f JOIN meanings m ON m.id = f.id"
                f" WHERE f.id IN ({', '.join('?' * len(order))})",
                order,
            )
        }
        return [found[i] for i in order if i in found]

    def _held_vectors(self) -> tuple[Any, Any] | None:
        """Every vector of meaning and its id, kept between queries while there are ``CELLS_FROM`` at most.

        Read again once a vector was added or removed, by this process or another (the mark the
        library's triggers change); None when there are more, which are read a block at a time instead.
        """
        row = self.db.execute("SELECT value FROM info WHERE key = 'meanings_mark'").fetchone()
        key = None if row is None else str(row[0])
        if self._held is None or self._held[0] != key:
            rows = self.db.execute("SELECT id, vector FROM meanings LIMIT ?", (CELLS_FROM + 1,)).fetchall()
            if len(rows) > CELLS_FROM:
                return None
            import numpy as np

            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            self._held = key, ids, _vectors(r[1] for r in rows)
        return self._held[1:]

    def meaning_model(self) -> str | None:
        """The model of meaning of the fact-checks' vectors (``meaning.MODEL``); None when there are none."""
        if self.db.execute("SELECT 1 FROM meanings LIMIT 1").fetchone() is None:
            return None
        row = self.db.execute("SELECT value FROM info WHERE key = 'meaning_model'").fetchone()
        return None if row is None else str(row[0])

    def add_meanings(
        self, encode: Callable[[list[str]], Any], model: str, progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Give each fact-check without a vector of meaning its vector, ``encode``'s of its claim; how many.

        A block at a time, each its own transaction: an interrupted run keeps the vectors made,
        and the next finishes; after each block, ``progress`` is told how many are made of how many
        there are to make.  Vectors of another ``model`` are dropped first.  Then, in one more
        transaction, the vectors are given cells (``give_cells``).
        """
        if self._db is None and not self.path.exists():
            return 0
        kept = self.db.execute("SELECT value FROM info WHERE key = 'meaning_model'").fetchone()
        if kept is None or kept[0] != model:
            with self.transaction():
                self.db.execute("DELETE FROM meanings")
                if self._cells() is not None:
                    self.db.execute("DELETE FROM cells")
                self.db.execute("INSERT OR REPLACE INTO info (key, value) VALUES ('meaning_model', ?)", (model,))
        made, last = 0, -1
        todo = 0
        if progress is not None:
            todo = self.db.execute(
                "SELECT count(*) FROM factchecks f WHERE NOT EXISTS (SELECT 1 FROM meanings m WHERE m.id = f.id)"
            ).fetchone()[0]
        while True:
            block = self.db.execute(
                "SELECT f.id, f.claim FROM factchecks f WHERE f.id > ?"
                " AND NOT EXISTS (SELECT 1 FROM meanings m WHERE m.id = f.id) ORDER BY f.id LIMIT ?",
                (last, ENCODE_BLOCK),
            ).fetchall()
            if not block:
                self.give_cells()
                return made
            vectors = encode([r[1] for r in block])
            with self.transaction():
                self.db.executemany(
                    "INSERT OR REPLACE INTO meanings (id, vector) VALUES (?, ?)",
                    ((r[0], v.astype("<f2").tobytes()) for r, v in zip(block, vectors, strict=True)),
                )
            made += len(block)
            last = block[-1][0]
            if progress is not None:
                progress(made, max(todo, made))

    def _cells(self) -> tuple[Any, Any] | None:
        """The cells' ids and centroids (float32), or None where there are none; read again when they change."""
        import numpy as np

        try:
            key = self.db.execute("SELECT max(id) FROM cells").fetchone()[0]
        except sqlite3.OperationalError:  # a library that never had cells has no table for them
            return None
        if key is None:
            return None
        # Cell ids are never used twice (AUTOINCREMENT): centroids learnt again, here or by another
        # process, have a higher last id.
        if self._centroids is None or self._centroids[0] != key:
            rows = self.db.execute("SELECT id, centroid FROM cells ORDER BY id").fetchall()
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            self._centroids = key, ids, np.frombuffer(b"".join(r[1] for r in rows), "<f4").reshape(len(rows), -1)
        return self._centroids[1:]

    def give_cells(self) -> None:
        """Give each vector of meaning without a cell the cell of its nearest centroid, in one transaction.

        The centroids are learnt first (``CELLS_FROM``, ``RELEARN``: every vector then gets its cell anew),
        with a fixed seed so that the same library gets the same cells.
        """
        import numpy as np

        count = int(self.db.execute("SELECT count(*) FROM meanings").fetchone()[0])
        learnt = self.db.execute("SELECT value FROM info WHERE key = 'cells_learnt_from'").fetchone()
        learnt_from = int(learnt[0]) if learnt is not None and self._cells() is not None else 0
        if count == 0 or (learnt_from == 0 and count < CELLS_FROM):
            return
        relearn = learnt_from == 0 or count >= RELEARN * learnt_from
        try:
            with self.transaction():
                if relearn:
                    if "cell" not in {r[1] for r in self.db.execute("PRAGMA table_info(meanings)")}:
                        # A library of schema 4 gets them now; one that never grows this big never has them.
                        self.db.execute("ALTER TABLE meanings ADD COLUMN cell INTEGER")
                        # The index holds the vectors too: a cell's are read in a row, not looked up one by one.
                        self.db.execute("CREATE INDEX meanings_cell ON meanings (cell, vector)")
                        self.db.execute(
                            "CREATE TABLE IF NOT EXISTS cells (id INTEGER PRIMARY KEY AUTOINCREMENT, centroid BLOB NOT NULL)"
                        )
                    rng = np.random.default_rng(0)
                    ids = np.fromiter((r[0] for r in self.db.execute("SELECT id FROM meanings ORDER BY id")), np.int64)
                    cells = min(count, max(MIN_CELLS, round(count**0.5)))
                    drawn = np.sort(rng.choice(ids, min(count, cells * SAMPLE_PER_CELL), replace=False)).tolist()
                    parts = [drawn[i : i + 500] for i in range(0, len(drawn), 500)]
                    sample = np.concatenate(
                        [
                            _vectors(
                                r[0]
                                for r in self.db.execute(
                                    f"SELECT vector FROM meanings WHERE id IN ({', '.join('?' * len(part))}) ORDER BY id",
                                    part,
                                )
                            )
                            for part in parts
                        ]
                    )
                    self.db.execute("DELETE FROM cells")
                    self.db.executemany(
                        "INSERT INTO cells (centroid) VALUES (?)",
                        ((c.astype("<f4").tobytes(),) for c in _kmeans(sample, cells, rng)),
                    )
                    self.db.execute(
                        "INSERT OR REPLACE INTO info (key, value) VALUES ('cells_learnt_from', ?)", (count,)
                    )
                cell_ids, centroids = self._cells() or ((), ())
                last = -1
                while block := self.db.execute(
                    f"SELECT id, vector FROM meanings WHERE {'' if relearn else 'cell IS NULL AND '}id > ?"
                    " ORDER BY id LIMIT ?",
                    (last, NEAREST_BLOCK),
                ).fetchall():
                    nearest = cell_ids[_cell_of(_vectors(r[1] for r in block), centroids)]
                    self.db.executemany(
                        "UPDATE meanings SET cell = ? WHERE id = ?", zip(nearest.tolist(), (r[0] for r in block))
                    )
                    last = block[-1][0]
        finally:
            self._centroids = None  # read again next time: what a transaction rolled back read is not kept

    def passage_candidates(self, text: str, limit: int) -> list[PassageCandidate]:
        """The ``limit`` passages whose text and document title best match ``text`` by BM25."""
        rows = self._best(
            text, "passage_terms", "passage_words", PASSAGE_WEIGHTS, limit, "",
            f"p.id, {_PASSAGE} FROM passages p JOIN documents d ON d.id = p.document WHERE p.id",
        )  # fmt: skip
        return [PassageCandidate(r[0], _passage(r[1:])) for r in rows]

    def _best(
        self, text: str, vocabulary: str, table: str, weights: tuple[float, float], limit: int, scores: str, select: str
    ) -> list[tuple[Any, ...]]:
        """The BM25 score, the ``scores`` and the ``select`` columns of the ``limit`` rows of ``table`` that best match
        ``text``, best first.

        The best are chosen in the index alone; only they are read from the rest of their row (``select``, given
        the row's id first and ending at the id it filters by): joining each of the thousands of rows that a common
        word matches took half the time of the query, and joining the best in the same statement a tenth.
        """
        query = self.query(text, vocabulary)
        if query is None:
            return []
        best = self.db.execute(
            f"SELECT rowid, -bm25({table}, ?, ?) AS score{scores} FROM {table}"
            f" WHERE {table} MATCH ? ORDER BY score DESC, rowid LIMIT ?",
            (*weights, query, limit),
        ).fetchall()
        ids = [r[0] for r in best]
        rest = {r[0]: r[1:] for r in self.db.execute(f"SELECT {select} IN ({', '.join('?' * len(ids))})", ids)}
        # A row another process took out between the two statements is left out.
        return [(*r[1:], *rest[r[0]]) for r in best if r[0] in rest]

    def factchecks(self) -> Iterator[tuple[FactCheckEntry, str]]:
        """Every fact-check, with where it was imported from, in the order added."""
        for r in self.db.execute(f"SELECT {_ENTRY}, f.origin FROM factchecks f ORDER BY f.id"):
            yield _entry(r[:7]), r[7]

    def documents(self) -> Iterator[tuple[str, str | None, int]]:
        """Every document: its location, title and number of passages, in the order added."""
        yield from self.db.execute(
            "SELECT d.location, d.title, (SELECT count(*) FROM passages p WHERE p.document = d.id)"
            " FROM documents d ORDER BY d.id"
        )

    def passage(self, document: str, position: int) -> Passage | None:
        """One passage of a document, by its number."""
        r = self.db.execute(
            f"SELECT {_PASSAGE} FROM passages p JOIN documents d ON d.id = p.document"
            " WHERE d.location = ? AND p.position = ?",
            (document, position),
        ).fetchone()
        return None if r is None else _passage(r)

    def stats(self) -> Stats:
        """How many fact-checks, publishers, documents and passages, and the file's size."""

        def count(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        size = sum(os.path.getsize(p) for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return Stats(
            factchecks=count("SELECT count(*) FROM factchecks"),
            publishers=count("SELECT count(DISTINCT publisher) FROM factchecks"),
            documents=count("SELECT count(*) FROM documents"),
            passages=count("SELECT count(*) FROM passages"),
            size_bytes=size,
            with_meaning=count("SELECT count(*) FROM meanings"),
        )


# The columns a fact-check and a passage are read back from, and how.
_ENTRY = "f.claim, f.rating, f.url, f.publisher, f.date, f.claimant, f.headline"
_PASSAGE = "p.text, d.title, d.location, d.url, d.date, p.position"


def _entry(r: Sequence[Any]) -> FactCheckEntry:
    return FactCheckEntry(claim=r[0], rating=r[1], url=r[2], publisher=r[3], date=r[4], claimant=r[5], headline=r[6])


def _passage(r: Sequence[Any]) -> Passage:
    return Passage(text=r[0], title=r[1], location=r[2], url=r[3], date=r[4], position=r[5])


def _vectors(blobs: Iterable[bytes]) -> Any:
    """Stored vectors of meaning (float16) as one float32 array, a row each."""
    import numpy as np

    rows = list(blobs)
    return np.frombuffer(b"".join(rows), dtype="<f2").reshape(len(rows), -1).astype(np.float32)


def _cell_of(vectors: Any, centroids: Any) -> Any:
    """The row of the nearest of ``centroids`` (unit vectors) to each of ``vectors``, a block at a time."""
    import numpy as np

    step = 4_096
    return np.concatenate(
        [np.argmax(vectors[i : i + step] @ centroids.T, axis=1) for i in range(0, len(vectors), step)]
    )


def _kmeans(sample: Any, k: int, rng: Any) -> Any:
    """``k`` centroids (unit vectors) of ``sample``'s unit vectors: spherical k-means from ``k`` drawn by ``rng``."""
    import numpy as np

    centroids = sample[rng.choice(len(sample), k, replace=False)].copy()
    for _ in range(KMEANS_ROUNDS):
        cell = _cell_of(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, cell, sample)
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0  # a cell left empty keeps its centroid
        centroids[filled] = sums[filled] / norms[filled, None]
    return centroids


def _under(location: str) -> str:
    """A LIKE pattern for the locations inside a folder."""
    escaped = location.rstrip("/").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "/%"
