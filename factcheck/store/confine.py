"""Where a claims file's article text, and a claims file reached by a symlink, may be: inside the repository.

A claims file names its article text by a path relative to itself.  The file
may come from anyone (a pull request, a download), so that path is not
trusted: ``/etc/passwd``, ``../../../../etc/passwd`` or a symlink pointing
out of the project would make ``annotate`` print, and ``check`` read, a file
the claims have no business with.  ``article_path`` resolves the path, symlinks
and all, and accepts it only inside the *root*: the git working tree that
holds the claims file (found by looking for a ``.git`` entry in its folder and
the folders above, without running git), or, outside any repository, the
claims file's own folder.

A claims file that is a symlink is held to the same root (``claims_file``):
a link inside it is followed, one leading out of it is neither read nor written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.paths import display, redact_path

_DRIVE = re.compile(r"[A-Za-z]:")


def root_of(claims_path: Path) -> Path:
    """The folder a claims file's article must be in: its git working tree, else its own folder."""
    folder = Path(os.path.realpath(os.path.abspath(claims_path.parent if claims_path.name else claims_path)))
    for candidate in (folder, *folder.parents):
        try:
            if os.path.lexists(candidate / ".git"):
                return candidate
        except (OSError, ValueError):
            break
    return folder


def article_path(claims_path: Path, relative: str) -> Path:
    """Where the article ``relative`` (as a claims file at ``claims_path`` names it) is on disk.

    InputError (without a place: the caller knows the file and line) when the
    path is absolute, holds a NUL or a control character, or leads, after
    symlinks, outside ``root_of(claims_path)``.
    """
    if not relative.strip():
        raise InputError("article.path is empty; name the article text relative to the claims file")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in relative):  # NUL included
        raise InputError("article.path contains a control character; name the article text by a plain path")
    # Absolute on POSIX or on Windows, as model.claims.ARTICLE_PATH_PATTERN has it: spelled out rather
    # than asked of PureWindowsPath, whose idea of a drive changes with the Python version.
    if relative.startswith(("/", "\\")) or _DRIVE.match(relative):
        raise InputError(
            f"article.path {redact_path(repr(relative))} is absolute; it must be relative to the claims file, "
            "and the article text inside the repository"
        )
    root = root_of(claims_path)
    try:
        resolved = Path(os.path.realpath(claims_path.parent / relative))
    except (OSError, ValueError) as exc:
        raise InputError(f"article.path {redact_path(repr(relative))} cannot be resolved: {exc}") from None
    if not resolved.is_relative_to(root):
        raise InputError(
            f"article.path {redact_path(repr(relative))} leads {outside(root)}; factcheck reads article texts only inside it"
        )
    # The resolved path: what was checked is what is read, whatever the links in between do later.
    return resolved


def claims_file(path: Path) -> Path:
    """Where the bytes of the claims file at ``path`` are: ``path`` itself, or the target of a symlink there.

    InputError, naming ``path``, when the link leads outside ``root_of(path)``:
    a link in a pull request must not make ``check`` read, or ``set`` write,
    a file the claims have no business with.  Only the file itself is looked
    at: the folders above it are taken as named (the claims folder, or what the
    command line names), and a folder found inside the claims folder that is a
    symlink is never entered (see ``folder.discover``).
    """
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    root = root_of(path)
    if not target.is_relative_to(root):
        raise InputError(
            f"is a symlink to {display(target)}, {outside(root)}; factcheck reads and writes "
            "claims files only inside it",
            display(path),
        )
    return target


def outside(root: Path) -> str:
    """Where ``root`` is, for a message: the repository and its path, or the claims file's folder."""
    where = "repository" if os.path.lexists(root / ".git") else "claims file's folder"
    shown = display(root)
    return f"outside the {where} ({root if shown == '.' else shown})"
