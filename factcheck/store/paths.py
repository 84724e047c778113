"""Where factcheck keeps things outside the project, and how paths are shown in messages."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def display(path: Path | str) -> str:
    """A path as messages show it: relative to the current folder when it is inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, unreadable, or a symlink loop
        return str(p)
