"""Finding claims files and reading them: one at a time as a stream, or all at once indexed by id.

A claims path is a file, or a folder whose ``*.json`` files (hidden folders
aside) are claims files.  Claim ids are unique across the whole path: the
second use of an id is an ``InputError`` naming both places.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.model.claims import Claim, ClaimsFile
from factcheck.model.errors import InputError, UnknownClaimError
from factcheck.store import codec, positions
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes


def discover(path: Path) -> list[Path]:
    """The claims files at ``path``: the file itself, or every ``*.json`` below a folder, in order."""
    try:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, f) for f in sorted(files) if f.endswith(".json"))
            return found
        if path.exists() or path.is_symlink():
            return [path]  # reading says what is wrong with it, if anything
    except (OSError, ValueError):
        pass
    raise InputError(f"no such file or folder: {display(path)}")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A claims file as read from disk: where it is, how messages name it, and what it holds."""

    path: Path
    shown: str
    claims_file: ClaimsFile

    @property
    def claims(self) -> list[Claim]:
        return self.claims_file.claims

    def article_path(self) -> Path | None:
        """Where the article text the file names would be, or None when it names none."""
        relative = self.claims_file.article.path
        return self.path.parent / relative if relative else None

    def line_of(self, claim_id: str) -> int | None:
        """The line of the claim's ``"id"`` in the file as it is on disk now."""
        return positions.id_lines(self.text()).get(claim_id)

    def text(self) -> str:
        """The file's text as it is on disk now ("" when it cannot be read): for line numbers."""
        try:
            return read_bytes(self.path, "claims file").decode("utf-8", "replace")
        except InputError:
            return ""


def parse(path: Path, raw: bytes) -> StoredFile:
    """A claims file from bytes already read; InputError says what is wrong where."""
    shown = display(path)
    return StoredFile(path, shown, codec.decode(raw, shown))


def read(path: Path) -> StoredFile:
    """Read, decode and validate one claims file."""
    return parse(path, read_bytes(path, "claims file"))


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built.

    Loading builds millions of objects and no reference cycles; the collector
    would walk the growing heap again and again, so it is paused, and what was
    built is frozen out of its sight.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


class IdRegister:
    """The claim ids seen so far and where each was first seen (whatever the caller calls a place)."""

    def __init__(self) -> None:
        self._first: dict[str, object] = {}

    def first(self, claim_id: str, where: object) -> object | None:
        """Note ``claim_id`` at ``where``; the place it was first seen when that was elsewhere, else None."""
        first = self._first.setdefault(claim_id, where)
        return None if first is where else first

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self._first


def _duplicate(claim_id: str, first: StoredFile, second: StoredFile, index: int) -> InputError:
    """The error for the second use of an id: at its own line, naming the first place."""
    earlier = first.shown + (f":{line}" if (line := first.line_of(claim_id)) else "")
    line = positions.line_of(second.text(), ["claims", index, "id"])
    return InputError(
        f"claim id {claim_id!r} is used twice (also at {earlier}); ids must be unique", second.shown, line
    )


@dataclass
class Folder:
    """The claims files at a claims path (a file or a folder)."""

    root: Path

    def paths(self) -> list[Path]:
        return discover(self.root)

    def files(self) -> Iterator[StoredFile]:
        """Each claims file in turn, validated; a repeated claim id stops the stream with InputError.

        Only one file is held at a time (and the ids seen), so a folder of a
        million claims streams in little memory.
        """
        register = IdRegister()
        for path in self.paths():
            stored = read(path)
            for index, claim in enumerate(stored.claims):
                first = register.first(claim.id, (stored, index))
                if first is not None:
                    raise _duplicate(claim.id, first[0], stored, index)  # type: ignore[index]
            yield stored

    def load(self) -> Catalog:
        """Every claims file, read and indexed by claim id."""
        catalog = Catalog(self.root)
        with bulk():
            for stored in self.files():
                catalog.add(stored)
        return catalog


@dataclass
class Catalog:
    """All claims files under a claims path, every claim indexed by id."""

    root: Path
    files: list[StoredFile] = field(default_factory=list)
    index: dict[str, tuple[StoredFile, Claim]] = field(default_factory=dict)

    def add(self, stored: StoredFile) -> None:
        self.files.append(stored)
        for claim in stored.claims:
            self.index[claim.id] = (stored, claim)

    def claims(self) -> Iterator[tuple[StoredFile, Claim]]:
        for stored in self.files:
            for claim in stored.claims:
                yield stored, claim

    def get(self, claim_id: str) -> tuple[StoredFile, Claim]:
        """The claim with this id and its file; UnknownClaimError names the closest ids."""
        try:
            return self.index[claim_id]
        except KeyError:
            raise UnknownClaimError(claim_id, self.suggest(claim_id)) from None

    def suggest(self, claim_id: str, limit: int = 3) -> list[str]:
        """The ids closest to a mistyped one: the best match and any nearly as close."""
        # Only a mistyped id pays for importing the fuzzy matcher.
        from rapidfuzz import fuzz, process

        matches = process.extract(claim_id, list(self.index), scorer=fuzz.ratio, limit=limit, score_cutoff=60)
        if not matches:
            return []
        best = matches[0][1]
        return [m[0] for m in matches if m[1] >= best - 5]

    def replace(self, old: StoredFile, new: StoredFile) -> None:
        """Put a re-read file in the place of its old self."""
        new = replace(new, path=old.path, shown=old.shown)
        self.files[self.files.index(old)] = new
        for claim in old.claims:
            self.index.pop(claim.id, None)
        for claim in new.claims:
            self.index[claim.id] = (new, claim)
