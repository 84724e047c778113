"""Replacing a file atomically: a temporary file in the same folder, fsync, rename.

Every file factcheck writes (claims files, article texts, baselines, output
files, cache entries) goes through ``write_bytes``, so a crash or a full disk
leaves the old file as it was, never half of a new one.  A writer killed
between creating its temporary file and the rename leaves that file behind
(``.NAME.XXXXXXXXXXXX.tmp``); the next durable write of NAME removes those
older than ``STALE_AFTER`` seconds (a younger one may belong to a writer at
work), and so does ``sweep`` where no write may come soon (a verify run that
finds nothing new, the web cache).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import time
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.paths import display

#: Seconds after which a temporary file left beside its file is taken for a killed writer's.
STALE_AFTER = 600.0

# Read once, as the module loads: os.umask can only be read by setting it, and
# setting it while another thread creates a file would give that file the wrong mode.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def sweep(folder: Path, name: str, older_than: float = STALE_AFTER) -> list[str]:
    """Remove the temporary files killed writers left in ``folder``; the names removed.

    ``name`` is a regular expression for the files whose temporary files are
    swept: only the names ``temporary`` makes for those files are touched, only
    regular files (never a symlink), and only those not modified for
    ``older_than`` seconds.  Failures are ignored: the write that follows
    matters, not this.
    """
    pattern = re.compile(r"\.(?:" + name + r")\.[0-9a-f]{12}\.tmp")
    removed: list[str] = []
    cutoff = time.time() - older_than
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.endswith(".tmp") or not pattern.fullmatch(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed.append(entry.name)
                except OSError:
                    continue
    except OSError:
        pass
    return removed


def temporary(path: Path) -> tuple[int, str]:
    """A new, empty temporary file beside ``path`` (hidden, named after it), open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue


def make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its parents when missing; the folders made, outermost first.

    InputError names the folder when it cannot be made.
    """
    made = [p for p in [folder, *folder.parents] if not p.exists()][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError("cannot write: this is a file, not a folder", display(folder)) from None
    except OSError as exc:
        raise InputError(f"cannot create the folder: {exc.strerror or exc}", display(folder)) from None
    return made


def unmake_folders(made: list[Path]) -> None:
    """Remove the folders ``make_folder`` made, innermost first, where they are still empty."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_bytes(path: Path, data: bytes, *, durable: bool = True, exclusive: bool = False) -> bool:
    """Replace ``path`` with ``data``, keeping its mode; InputError naming the file on failure.

    ``durable`` flushes the data and the folder to disk.  Without it (a cache
    entry, which can always be fetched again) the file is written as fast as
    it can be: not flushed, readable by its owner alone, and its folder must
    exist.  ``exclusive`` only creates a new file: when ``path`` exists by the
    time the data is on disk, nothing is written and the answer is False (a
    file another process created meanwhile is never replaced).
    """
    folder = path.parent
    mode = None  # a cache entry keeps the owner-only mode of its temporary file
    if durable:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK  # a new file's: read and write for whom the umask allows
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}", display(path)) from None
        if not folder.is_dir():
            raise InputError("cannot write: the folder does not exist", display(path))
        sweep(folder, re.escape(path.name))
    tmp = None
    try:
        fd, tmp = temporary(path)
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        if exclusive:
            try:
                os.link(tmp, path)  # fails if the file appeared meanwhile; the temporary file goes below
            except FileExistsError:
                return False
        else:
            os.replace(tmp, path)
            tmp = None
        if durable and hasattr(os, "O_DIRECTORY"):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", display(path)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return True


def as_on_disk(data: bytes, on_disk: bytes) -> bytes:
    """JSON written with LF line ends, in the line ends and byte-order mark of the file it replaces, so that a
    file an editor saved with CRLF stays so and its git diff holds only the lines that changed (a JSON string
    holds no raw line break)."""
    if b"\r\n" in on_disk[: on_disk.find(b"\n") + 1]:
        data = data.replace(b"\n", b"\r\n")
    return codecs.BOM_UTF8 + data if on_disk.startswith(codecs.BOM_UTF8) else data


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` where the user asked (``-o FILE``), replacing a regular file atomically.

    Only a regular file is replaced by a temporary file and a rename.  A
    FIFO, a terminal or another device (``/dev/null``, ``/dev/stdout``,
    ``/proc/self/fd/1``) is written in place: replacing it would leave a
    regular file where the device was, and the reader waiting.  A symlink is
    followed, so the file it points to is written, never the link replaced.
    Missing folders are made.  InputError names the file on failure.
    """
    try:
        info = os.stat(path)  # follows symlinks: what the name leads to
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", display(path)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError("cannot write: is a folder", display(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    make_folder(target.parent)
    write_bytes(target, data)


def _write_in_place(path: Path, data: bytes) -> None:
    # No O_CREAT: the file is there, and is not one to be created or truncated.
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", display(path)) from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", display(path)) from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    # Through the descriptor itself: a file object would first ask whether it
    # is a terminal and a folder, two system calls per file.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
