"""Reading files safely: regular files only, with a size cap, and UTF-8 errors that point at the byte.

A claims folder or an article path may name anything: a FIFO (which would
block a plain read forever), a device such as ``/dev/zero`` (which never
ends), a symlink loop, a folder.  ``read_bytes`` opens without blocking,
checks on the open file that it is a regular file and not too big, and
turns every failure into one ``InputError`` naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.paths import display

#: The largest claims file read: a hundred times the biggest real one.
MAX_CLAIMS_BYTES = 256 * 1024 * 1024
#: The largest article text read.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


_NOT_REGULAR = "is not a regular file (a FIFO, a device or a socket); not read as "


def _a(what: str) -> str:
    return ("an " if what[:1] in "aeiou" else "a ") + what


def open_file(path: Path, what: str = "file", limit: int = MAX_CLAIMS_BYTES) -> int:
    """A descriptor, for reading, of a regular file of at most ``limit`` bytes; InputError otherwise.

    Opened without blocking, so that a FIFO cannot hold the caller up; the caller closes it.
    """
    # How the path is shown is worked out only for an error: it resolves the path.
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise InputError(f"no such {what}{_other_case(path)}", display(path)) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not {_a(what)}", display(path)) from None
    except ValueError:  # a NUL in the name
        raise InputError(f"cannot read the {what}: the path contains a NUL character", repr(str(path))) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise InputError(_NOT_REGULAR + _a(what), display(path)) from None
        raise InputError(f"cannot read the {what}: {exc.strerror or exc}", display(path)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"is a folder, not {_a(what)}", display(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_NOT_REGULAR + _a(what), display(path))
        if info.st_size > limit:
            raise InputError(f"is {info.st_size:,} bytes, more than the {limit:,} {_a(what)} may have", display(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _other_case(path: Path) -> str:
    """What to add when a file of the name in other capitals is there: Windows opens it by this name, git does not."""
    try:
        alike = sorted(n for n in os.listdir(path.parent) if n.lower() == path.name.lower())
    except (OSError, ValueError):
        return ""
    return f", but {display(path.with_name(alike[0]))} is: its name differs in case only" if alike else ""


def read_bytes(path: Path, what: str = "file", limit: int = MAX_CLAIMS_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError otherwise."""
    fd = open_file(path, what, limit)
    try:
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1024 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # grew while being read, or a file whose size the system gives as 0 (/proc)
                raise InputError(f"is more than the {limit:,} bytes {_a(what)} may have", display(path))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror or exc}", display(path)) from None
    finally:
        os.close(fd)


def decode_utf8(raw: bytes, where: str, what: str = "file") -> str:
    """UTF-8 bytes as text, without a byte-order mark; InputError points at the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the byte-order mark of UTF-16, Notepad's "Unicode"
            raise InputError(f"UTF-16 text, not UTF-8; save the {what} as UTF-8", where) from None
        line = raw.count(b"\n", 0, exc.start) + 1
        # Counted in characters, as an editor counts columns: a line's “quotes” before the byte are one each.
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8").removeprefix("\ufeff")) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the {what} as UTF-8", where, line, column
        ) from None
    return text.removeprefix("\ufeff")
