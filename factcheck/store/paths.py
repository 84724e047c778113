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
    """A path as messages show it: relative to the current folder when it is inside it, without credentials."""
    p = Path(path)
    try:
        return redact(str(p.resolve().relative_to(Path.cwd().resolve())))
    except (ValueError, OSError, RuntimeError):  # outside the folder, unreadable, or a symlink loop
        return redact(str(p))


def redact(text: str) -> str:
    """``text`` with each ``user:password@`` that starts a part of a path or URL in it shown as ``***@``.

    A message must not hand a password to a terminal or a CI log, even one in
    a URL that was written where a path belongs.
    """
    if "@" not in text:
        return text
    return _CREDENTIALS.sub("***@", text)
