"""Finding, reading, validating and writing claims files.

Every read of a claims file goes through ``read``; every write through
``write`` (atomic, skipped when nothing changed).  Edits go through
``ClaimStore.edit``, which re-reads the file under an exclusive lock and
applies the change to the fresh copy, so two processes editing different
claims of one file at once both keep their change.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import article, jsonpos, schema
from factcheck.errors import InputError, UnknownClaimError
from factcheck.model import SCHEMA_VERSION, Claim, ClaimsFile, claims_file_from_dict
from factcheck.paths import display

DEFAULT_PATH = Path("claims")
_LAYOUT = "a claims file is a JSON object with schema_version, article and claims"


def discover(path: Path) -> list[Path]:
    """The claims files at ``path``: the file itself, or every ``*.json`` below a folder."""
    if path.is_file():
        return [path]
    if path.is_dir():
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(root, f) for f in sorted(files) if f.endswith(".json"))
        return found
    raise InputError(f"no such file or folder: {display(path)}")


def serialize(claims_file: ClaimsFile) -> bytes:
    """The canonical bytes of a claims file: UTF-8, 2-space indent, fixed key order, final newline."""
    text = json.dumps(claims_file.to_dict(), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def parse(path: Path, raw: bytes) -> ClaimsFile:
    """Decode, parse and validate the bytes of a claims file; InputError says what is wrong where."""
    where = display(path)
    if not raw.strip():
        raise InputError(f"the file is empty; {_LAYOUT}", where)
    text = article.decode(raw, where)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", where, exc.lineno, exc.colno) from None
    if not isinstance(document, dict):
        kind = {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
            type(document), "a JSON " + type(document).__name__
        )
        raise InputError(f"{_LAYOUT}, not {kind}", where, 1)
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        line = jsonpos.line_of(text, ["schema_version"])
        if "schema_version" not in document:
            raise InputError(f"schema_version is missing; {_LAYOUT}", where, 1)
        raise InputError(
            f"schema_version: unknown version {version!r}; this factcheck reads version "
            f"{SCHEMA_VERSION} (a newer factcheck may read this file)",
            where,
            line,
        )
    try:
        schema.validate(document, raw)
    except schema.SchemaViolation as exc:
        raise _schema_error(where, text, document, exc) from None
    return claims_file_from_dict(path, document)


def _schema_error(where: str, text: str, document: dict[str, Any], exc: schema.SchemaViolation) -> InputError:
    path = exc.path
    line = None
    # Walk up until a path element exists, so a missing field points at its parent.
    for depth in range(len(path), -1, -1):
        line = jsonpos.line_of(text, path[:depth])
        if line is not None:
            break
    if len(path) >= 2 and path[0] == "claims" and isinstance(path[1], int):
        claim = document["claims"][path[1]]
        claim_id = claim.get("id") if isinstance(claim, dict) else None
        label = f"claim {claim_id!r}" if isinstance(claim_id, str) else f"claims[{path[1]}]"
        field_path = _dotted(path[2:]) or "(the claim itself)"
        return InputError(f"{label}: {field_path}: {exc.reason}", where, line)
    return InputError(f"{_dotted(path) or '(top level)'}: {exc.reason}", where, line)


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read(path: Path) -> ClaimsFile:
    """Read and validate one claims file."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a claims file", display(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", display(path)) from None
    return parse(path, raw)


def write(claims_file: ClaimsFile) -> bool:
    """Write atomically (temp file, fsync, rename); False when the bytes on disk are already these."""
    data = serialize(claims_file)
    path = claims_file.path
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file in the same folder, fsync, rename; keeps the mode.

    A failure leaves the old file as it was and raises InputError naming the file.
    """
    import tempfile

    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", display(path)) from None
    if not folder.is_dir():
        raise InputError("cannot write: the folder does not exist", display(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror or exc}", display(path)) from None


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a claims file.

    Writes replace the file by rename, so after waiting for the lock we check
    that it is still on the file at ``path``; if not, lock the new one.
    """
    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                yield
                return
        finally:
            os.close(fd)  # closing releases the lock


@dataclass
class ClaimStore:
    """All claims files under a path, with every claim indexed by id."""

    root: Path
    files: list[ClaimsFile] = field(default_factory=list)
    index: dict[str, tuple[ClaimsFile, Claim]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path = DEFAULT_PATH) -> ClaimStore:
        """Read every claims file under ``root``; the first problem raises InputError."""
        store = cls(root)
        # Loading builds millions of objects and no reference cycles; the
        # cyclic collector would walk the growing heap again and again, during
        # the load and after it, so it is paused, and what was loaded is frozen
        # out of its sight.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for path in discover(root):
                store.add(read(path))
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
            schema.flush()
        return store

    def add(self, claims_file: ClaimsFile) -> None:
        """Index a loaded file; a claim id already used anywhere is an InputError."""
        self.files.append(claims_file)
        index = self.index
        for claim in claims_file.claims:
            if claim.id in index:
                raise self._duplicate(claim.id, index[claim.id][0], claims_file)
            index[claim.id] = (claims_file, claim)

    def _duplicate(self, claim_id: str, first: ClaimsFile, second: ClaimsFile) -> InputError:
        lines = [line_of_claim(cf, claim_id) for cf in (first, second)]
        earlier = display(first.path) + (f":{lines[0]}" if lines[0] else "")
        where = display(second.path)
        line = _nth_id_line(second, claim_id, 2) if first is second else lines[1]
        return InputError(f"claim id {claim_id!r} is used twice (also at {earlier}); ids must be unique", where, line)

    @property
    def claims(self) -> Iterator[Claim]:
        for claims_file in self.files:
            yield from claims_file.claims

    def get(self, claim_id: str) -> tuple[ClaimsFile, Claim]:
        """The claim with this id and its file; UnknownClaimError names the closest ids."""
        try:
            return self.index[claim_id]
        except KeyError:
            raise UnknownClaimError(claim_id, self.suggest(claim_id)) from None

    def suggest(self, claim_id: str, limit: int = 3) -> list[str]:
        """The ids closest to a mistyped one: the best match and any nearly as close."""
        from rapidfuzz import fuzz, process

        matches = process.extract(claim_id, list(self.index), scorer=fuzz.ratio, limit=limit, score_cutoff=60)
        if not matches:
            return []
        best = matches[0][1]
        return [m[0] for m in matches if m[1] >= best - 5]

    def edit(self, claim_id: str, change: Callable[[Claim], Any]) -> tuple[Claim, bool]:
        """Apply ``change`` to the claim as it is on disk now, under a lock, and save.

        Returns the changed claim and whether the file was rewritten.
        """
        claims_file, _ = self.get(claim_id)
        path = claims_file.path
        with locked(path):
            fresh = read(path)
            claim = fresh.get(claim_id)
            if claim is None:
                raise InputError(f"claim {claim_id!r} was removed from the file meanwhile", display(path))
            change(claim)
            written = write(fresh)
        self._replace(claims_file, fresh)
        schema.flush()
        return claim, written

    def _replace(self, old: ClaimsFile, new: ClaimsFile) -> None:
        self.files[self.files.index(old)] = new
        for claim in old.claims:
            self.index.pop(claim.id, None)
        for claim in new.claims:
            self.index[claim.id] = (new, claim)


def line_of_claim(claims_file: ClaimsFile, claim_id: str) -> int | None:
    """The line of the claim's ``"id"`` in its file as it is on disk."""
    try:
        text = claims_file.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return jsonpos.id_lines(text).get(claim_id)


def _nth_id_line(claims_file: ClaimsFile, claim_id: str, n: int) -> int | None:
    seen = 0
    for i, claim in enumerate(claims_file.claims):
        if claim.id == claim_id:
            seen += 1
            if seen == n:
                try:
                    text = claims_file.path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    return None
                return jsonpos.line_of(text, ["claims", i, "id"])
    return None
