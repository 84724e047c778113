"""Reading article texts (and any UTF-8 input) with errors that name the file, line and column."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck.errors import InputError
from factcheck.paths import display


def decode(raw: bytes, where: str, what: str = "file") -> str:
    """UTF-8 bytes as text, without a byte-order mark; InputError points at the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the {what} as UTF-8", where, line, column
        ) from None
    return text.removeprefix("\ufeff")


def read(path: Path) -> tuple[str, str]:
    """An article's text and the sha256 of its bytes; InputError when missing, unreadable or not UTF-8."""
    where = display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such article file", where) from None
    except IsADirectoryError:
        raise InputError("is a folder, not an article file", where) from None
    except OSError as exc:
        raise InputError(f"cannot read the article: {exc.strerror}", where) from None
    return decode(raw, where, "article"), hashlib.sha256(raw).hexdigest()
