"""Where factcheck keeps things outside the project, and how paths are shown in messages."""

from __future__ import annotations

import os
import re
from pathlib import Path

# A URL's "user:password@" at the start of a part of a path: a URL taken for a path keeps it there,
# with its "//" or with them folded into one "/" (https:/user:secret@host/page).
_CREDENTIALS = re.compile(r"(?:^|(?<=[/\\\s'\"(]))[^/\\\s'\"@:]*:[^/\\\s'\"]*@")


def cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def display(path: Path | str) -> str:
    """A path as messages show it: relative to the current folder when it is inside it, without credentials.

    Its symbolic links are shown as given, not what they lead to (a claims folder that is a link is named
    as the link, and so is a broken or looping one); only a ``..`` is read through them, as the system does.
    """
    p = Path(path)
    try:
        if ".." in p.parts:
            p = p.resolve() if p.name in ("", "..") else p.parent.resolve() / p.name
        shown = str(Path(os.path.abspath(p)).relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, unreadable, or a symlink loop
        shown = str(p)
    return redact_path(shown)


def location(path: Path) -> str:
    """Where a file is, as the library records it: absolute, its symbolic links followed.

    A link loop is left for the read to refuse.  A name that is not UTF-8 can be neither
    stored nor found again: InputError.
    """
    from factcheck.model.errors import InputError

    where = os.path.realpath(path)  # unlike Path.resolve() on Python 3.11, never raises on a loop
    try:
        where.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("the name is not UTF-8; rename the file to add it", display(path)) from None
    return where


def redact_path(text: str) -> str:
    """A path as text, with each ``user:password@`` that starts a part of it shown as ``***@``.

    A message must not hand a password to a terminal or a CI log, even one in
    a URL that was written where a path belongs: there ``Path`` has folded the
    URL's ``//`` into ``/``, so ``clean.redact_urls``, which finds URLs by their
    ``://``, would miss it.  Only a part holding both a name and a password is
    hidden, so a file named ``me@home.html`` is shown as it is.  It lives here,
    not in ``text``, because ``display`` below needs it and ``store`` imports nothing above it.
    """
    if "@" not in text:
        return text
    return _CREDENTIALS.sub("***@", text)
