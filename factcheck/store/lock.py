"""An exclusive lock on a claims file while it is re-read, changed and written.

On POSIX systems the lock is taken on the claims file itself (``flock``), so
no lock file is ever left in the claims folder.  Writes replace the file by
rename, so after waiting for the lock we check that it is still on the file
at that path; if not, the new one is locked.  Windows cannot rename over an
open file, so there the lock is held on a file of its own in the user cache
folder, named by the claims file's absolute path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.paths import cache_dir, display

if os.name == "nt":  # pragma: no cover
    import msvcrt  # type: ignore[import-not-found,unused-ignore]
else:
    import fcntl


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the claims file at ``path`` (which must exist)."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        with _sidecar(path):
            yield
        return
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC)
        except OSError as exc:
            raise InputError(f"cannot lock: {exc.strerror or exc}", display(path)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                yield
                return
        finally:
            os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def _sidecar(path: Path) -> Iterator[None]:  # pragma: no cover - Windows only
    digest = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    lock_path = cache_dir() / "locks" / f"{digest}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT)
    try:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
                break
            except OSError:
                time.sleep(0.05)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    finally:
        os.close(fd)
