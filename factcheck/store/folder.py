"""Finding claims files and reading them: one at a time as a stream, or all at once indexed by id.

A claims path is a file, or a folder whose ``*.json`` files (hidden folders
aside) are claims files.  Claim ids are unique across the whole path: the
second use of an id is an ``InputError`` naming both places.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shlex
from collections.abc import Iterator
from pathlib import Path

import msgspec

from factcheck.model.claims import Claim, ClaimsFile, SetAside
from factcheck.model.errors import InputError, UnknownClaimError, UsageError
from factcheck.store import codec, confine, positions
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes


def discover(path: Path) -> list[Path]:
    """The claims files at ``path``: the file itself, or every ``*.json`` below a folder, in order (``.JSON``
    too: a Windows desk does not tell them apart, and a file extract wrote there must not go unchecked)."""
    try:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, f) for f in sorted(files) if f.lower().endswith(".json"))
            return _once(found)
        if path.exists() or path.is_symlink():
            return [path]  # reading says what is wrong with it, if anything
    except (OSError, ValueError):
        pass
    raise InputError(f"no such file or folder: {display(path)}")


def _once(found: list[Path]) -> list[Path]:
    """``found`` with each file once: a symlink to a file the folder holds (``latest.json``), or a second
    link to one file, is the same claims file, read at the file (at the first link when the file is elsewhere)."""
    links = {p for p in found if os.path.islink(p)}
    if not links:
        return found
    seen = {os.path.realpath(p) for p in found if p not in links}
    kept = []
    for p in found:
        if p in links:
            real = os.path.realpath(p)
            if real in seen:
                continue
            seen.add(real)
        kept.append(p)
    return kept


class StoredFile(msgspec.Struct, frozen=True):
    """A claims file as read from disk: where it is, how messages name it, and what it holds."""

    path: Path
    shown: str
    claims_file: ClaimsFile

    @property
    def claims(self) -> list[Claim]:
        return self.claims_file.claims

    def article_path(self) -> Path | None:
        """Where the article text the file names is, or None when it names none.

        InputError, at the line of ``article.path``, when the path is absolute or
        leads outside the repository (see ``confine``): it is never read.
        """
        relative = self.claims_file.article.path
        if relative is None:
            return None
        try:
            return confine.article_path(self.path, relative)
        except InputError as exc:
            line = positions.line_of(self.text(), ["article", "path"])
            raise InputError(exc.reason, self.shown, line, tip=exc.tip) from None

    def article_shown(self) -> str:
        """The article text's path as messages show it: beside the claims file as it was named, links not followed."""
        return display(self.path.parent / (self.claims_file.article.path or ""))

    def line_of(self, claim_id: str) -> int | None:
        """The line of the claim's ``"id"`` in the file as it is on disk now."""
        return line_of(self.path, claim_id)

    def text(self) -> str:
        """The file's text as it is on disk now: for line numbers."""
        return _text(self.path)


def _text(path: Path) -> str:
    try:
        return read_raw(path).decode("utf-8", "replace")
    except InputError:
        return ""


def line_of(path: Path, claim_id: str) -> int | None:
    """The line of a claim's ``"id"`` in a claims file as it is on disk now (None: not found)."""
    return positions.id_lines(_text(path)).get(claim_id)


def read_raw(path: Path) -> bytes:
    """The bytes of the claims file at ``path``, a symlink there followed only inside its repository."""
    confine.claims_file(path)
    return read_bytes(path, "claims file")  # read by its name, so that a message names the file as found


def parse(path: Path, raw: bytes, shown: str | None = None) -> StoredFile:
    """A claims file from bytes already read; InputError says what is wrong where."""
    shown = shown or display(path)
    return StoredFile(path, shown, codec.decode(raw, shown))


def read(path: Path, shown: str | None = None) -> StoredFile:
    """Read, decode and validate one claims file (``shown``: how messages name it, when known)."""
    return parse(path, read_raw(path), shown)


@contextlib.contextmanager
def bulk(keep: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built.

    Loading builds millions of objects and no reference cycles; the collector
    would walk the growing heap again and again, so it is paused, and what was
    built to be kept is frozen out of its sight.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if collecting:
            gc.enable()


class IdRegister:
    """The claim ids seen so far and where each was first seen (whatever the caller calls a place)."""

    def __init__(self) -> None:
        self._first: dict[str, object] = {}

    def add(self, claim_id: str, where: object) -> bool:
        """Note ``claim_id`` at ``where``; False when it was seen before (``first`` says where)."""
        first = self._first
        size = len(first)
        first.setdefault(claim_id, where)
        return len(first) != size

    def first(self, claim_id: str) -> object:
        """Where ``claim_id`` was first seen."""
        return self._first[claim_id]

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self._first


def id_places(claims_file: ClaimsFile) -> Iterator[tuple[str, list[str | int]]]:
    """Every id the file uses, with where it is in the JSON: the claims', then the set-aside claims'.

    A set-aside claim keeps its id, so that restoring it never clashes.
    """
    for index, claim in enumerate(claims_file.claims):
        yield claim.id, ["claims", index, "id"]
    for index, entry in enumerate(claims_file.set_aside):
        yield entry.claim.id, ["set_aside", index, "claim", "id"]


def duplicate(claim_id: str, first: tuple[Path, str], second: tuple[Path, str], at: list[str | int]) -> InputError:
    """The error for the second use of an id (at JSON path ``at`` in the second file), naming the first place."""
    return repeated_id(claim_id, (_text(first[0]), first[1]), (_text(second[0]), second[1]), at)


def repeated_id(
    claim_id: str, first: tuple[str, str], second: tuple[str, str], at: list[str | int], on_disk: bool = True
) -> InputError:
    """``duplicate`` for files already read: each place is the file's text and how messages name it.

    ``on_disk``: the files are the ones commands edit, so the message says what to run to repair them.
    """
    text, shown = first
    line = positions.id_lines(text).get(claim_id)
    earlier = shown + (f":{line}" if line else "")
    line = positions.line_of(second[0], at)
    message = f"claim id {claim_id!r} is used twice (also at {earlier}); ids must be unique"
    if on_disk:
        first_claim = any(c.get("id") == claim_id for c in json.loads(text)["claims"])
        message += ": " + repair(claim_id, (shown, first_claim), (second[1], at[0] == "claims"))
    return InputError(message, second[1], line)


def repair(claim_id: str, first: tuple[str, bool], second: tuple[str, bool]) -> str:
    """What to do about ``claim_id`` used in two places, each a file and whether the use is a claim's (not
    a set-aside claim's): ``rename`` takes a file where the folder has the id twice."""
    (one, one_claim), (other, other_claim) = first, second
    if one_claim and other_claim:
        if one == other:
            return f"change one of the two ids in {other} by hand"
        return f"give one a new id: factcheck --claims {shlex.quote(other)} rename {claim_id} NEW_ID"
    if not (one_claim or other_claim):
        return "delete one of the two set-aside entries by hand"
    if one == other:
        return (
            f"it is both a claim and set aside in {other}: delete one of the two by hand, "
            "the set-aside entry to keep the claim or the claim to keep it set aside"
        )
    claims, aside = (one, other) if one_claim else (other, one)
    return (
        f"give the claim a new id (factcheck --claims {shlex.quote(claims)} rename {claim_id} NEW_ID) "
        f"or delete the set-aside entry in {aside} by hand"
    )


class Folder:
    """The claims files at a claims path (a file or a folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def paths(self) -> list[Path]:
        return discover(self.root)

    def files(self) -> Iterator[StoredFile]:
        """Each claims file in turn, validated; a repeated claim id stops the stream with InputError.

        Only one file is held at a time (and the ids seen), so a folder of a
        million claims streams in little memory.
        """
        register = IdRegister()
        add = register.add
        with bulk(keep=False):  # streamed: each file is let go once the caller is done with it
            for path, shown in self._shown(self.paths()):
                stored = read(path, shown)
                place = (stored.path, stored.shown)  # not the file: it must not stay in memory
                for claim_id, at in id_places(stored.claims_file):
                    if not add(claim_id, place):
                        raise duplicate(claim_id, register.first(claim_id), place, at)  # type: ignore[arg-type]
                yield stored

    def shown(self) -> list[tuple[Path, str]]:
        """Each claims file's path, with how messages show it."""
        return list(self._shown(self.paths()))

    def _shown(self, paths: list[Path]) -> Iterator[tuple[Path, str]]:
        """Each path with how messages show it: the root as ``display`` shows it, and the rest as found."""
        root = self.root
        if len(paths) == 1 and paths[0] == root:
            yield root, display(root)
            return
        base = display(root)
        for path in paths:
            # Inside the current folder a file is shown as check and `display` show it, without "./".
            shown = os.path.relpath(path, root)
            yield path, shown if base == "." else os.path.join(base, shown)

    def load(self) -> Catalog:
        """Every claims file, read and indexed by claim id."""
        catalog = Catalog(self.root)
        with bulk():
            for stored in self.files():
                catalog.add(stored)
        return catalog


class Catalog:
    """All claims files under a claims path, every claim indexed by id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[StoredFile] = []
        self.index: dict[str, tuple[StoredFile, Claim]] = {}
        self.aside: dict[str, tuple[StoredFile, SetAside]] = {}

    def add(self, stored: StoredFile) -> None:
        self.files.append(stored)
        self._index(stored)

    def _index(self, stored: StoredFile) -> None:
        for claim in stored.claims:
            self.index[claim.id] = (stored, claim)
        for entry in stored.claims_file.set_aside:
            self.aside[entry.claim.id] = (stored, entry)

    def taken(self) -> set[str]:
        """Every id in use, set-aside claims' included: a new id must be none of these."""
        return set(self.index) | set(self.aside)

    def claims(self) -> Iterator[tuple[StoredFile, Claim]]:
        for stored in self.files:
            for claim in stored.claims:
                yield stored, claim

    def get(self, claim_id: str) -> tuple[StoredFile, Claim]:
        """The claim with this id and its file; UnknownClaimError names the closest ids."""
        try:
            return self.index[claim_id]
        except KeyError:
            pass
        if claim_id in self.aside:
            entry = self.aside[claim_id][1]
            raise UsageError(
                f"claim {claim_id!r} was {entry.kind} on {entry.at[:10]} by {entry.by}",
                tip=f"factcheck restore {claim_id} brings it back",
            )
        raise UnknownClaimError(claim_id, self.suggest(claim_id))

    def suggest(self, claim_id: str) -> list[str]:
        """The ids closest to a mistyped one: the best match and any nearly as close."""
        # Only a mistyped id pays for importing the fuzzy matcher.
        from rapidfuzz import fuzz, process

        matches = process.extract(claim_id, list(self.index), scorer=fuzz.ratio, limit=3, score_cutoff=60)
        if not matches:
            return []
        best = matches[0][1]
        return [m[0] for m in matches if m[1] >= best - 5]

    def replace(self, old: StoredFile, new: StoredFile) -> None:
        """Put a re-read file in the place of its old self."""
        new = msgspec.structs.replace(new, path=old.path, shown=old.shown)
        self.files[self.files.index(old)] = new
        for claim in old.claims:
            self.index.pop(claim.id, None)
        for entry in old.claims_file.set_aside:
            self.aside.pop(entry.claim.id, None)
        self._index(new)
