"""The one way a claims file is changed: lock, re-read, change, validate the whole file, write atomically.

Every command that changes claims (set, source, extract, verify, ...) hands
``update`` a function that changes the file as it is on disk at that moment,
under an exclusive lock, so two processes editing one file at once both keep
their change.  What would be written is validated as a whole first, so
factcheck never writes a file it cannot read back; a file whose bytes would
not change is not rewritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from factcheck.model.claims import Claim, ClaimsFile
from factcheck.model.errors import InputError
from factcheck.store import codec, confine, positions
from factcheck.store.atomic import as_on_disk, write_bytes
from factcheck.store.folder import Catalog, StoredFile
from factcheck.store.lock import locked
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes

T = TypeVar("T")


@dataclass(frozen=True)
class Updated(Generic[T]):
    """What an update did: the file as written, what the change returned, and whether bytes were written."""

    stored: StoredFile
    result: T
    written: bool
    created: bool = False


def update(
    path: Path,
    change: Callable[[ClaimsFile], T],
    create: Callable[[], tuple[ClaimsFile, T]] | None = None,
) -> Updated[T]:
    """Apply ``change`` to the claims file at ``path`` as it is on disk now, and save it.

    With ``create``, a missing file is created from what it returns (the new
    file and the result to report) instead; without, a missing file is an
    InputError.  A claims file that is a symlink is changed at its target, when
    that is inside the repository (see ``confine.claims_file``).
    """
    target = confine.claims_file(path)
    shown = display(path)
    if create is not None and not target.exists():
        claims_file, result = create()
        if write_bytes(target, _checked(path, claims_file, shown), exclusive=True):
            return Updated(StoredFile(path, shown, claims_file), result, True, True)
        # Another process created it meanwhile: change that one.
    if not target.exists():
        raise InputError("no such claims file", shown)
    with locked(target):
        raw = read_bytes(target, "claims file")
        claims_file = codec.decode(raw, shown)
        before = codec.encode(claims_file)
        result = change(claims_file)
        data = _checked(path, claims_file, shown, raw)
        # Written only when the claims changed: a file laid out by hand is not rewritten for its layout.
        written = data != before
        if written:
            if not os.stat(target).st_mode & 0o222:
                # Marked read-only on purpose (even root, who could write it anyway, is refused).
                raise InputError("the claims file is read-only; make it writable to change it", shown)
            write_bytes(target, as_on_disk(data, raw))
    return Updated(StoredFile(path, shown, claims_file), result, written)


def _checked(path: Path, claims_file: ClaimsFile, shown: str, on_disk: bytes | None = None) -> bytes:
    """The bytes to write, once the whole file is valid and its article path is one factcheck would read.

    A refusal names the line of the file on disk (``on_disk``), as ``codec.checked`` does.
    """
    data = codec.checked(claims_file, shown, on_disk)
    relative = claims_file.article.path
    if relative is not None:
        try:
            confine.article_path(path, relative)
        except InputError as exc:
            text = codec.text_of(on_disk or b"")
            line = positions.line_of(text, ["article", "path"]) or positions.line_of(text, ["article"])
            raise InputError(
                f"refusing to write the claims file: {exc.reason}; nothing was written", shown, line
            ) from None
    return data


def edit_claim(catalog: Catalog, claim_id: str, change: Callable[[Claim], T]) -> tuple[T, Claim, bool]:
    """Apply ``change`` to one claim as it is on disk now; keep ``catalog`` up to date.

    Returns what ``change`` returned, the changed claim and whether the file was rewritten.
    """
    stored, _ = catalog.get(claim_id)

    def on_file(claims_file: ClaimsFile) -> tuple[T, Claim]:
        claim = claims_file.get(claim_id)
        if claim is None:
            raise InputError(f"claim {claim_id!r} was removed from the file meanwhile", stored.shown)
        return change(claim), claim

    (result, claim), written = edit_file(catalog, stored, on_file)
    return result, claim, written


def edit_file(catalog: Catalog, stored: StoredFile, change: Callable[[ClaimsFile], T]) -> tuple[T, bool]:
    """Apply ``change`` to one of the catalog's files as it is on disk now; keep ``catalog`` up to date.

    Returns what ``change`` returned and whether the file was rewritten.
    """
    done = update(stored.path, change)
    catalog.replace(stored, done.stored)
    return done.result, done.written


def save(path: Path, claims_file: ClaimsFile) -> bool:
    """Write a whole claims file, creating it or replacing what is there, through the same path.

    Returns whether bytes were written.
    """

    def replace(current: ClaimsFile) -> None:
        current.article = claims_file.article
        current.claims = claims_file.claims
        current.set_aside = claims_file.set_aside

    return update(path, replace, create=lambda: (claims_file, None)).written
