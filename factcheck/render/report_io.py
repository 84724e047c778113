"""Where the output of report, annotate, diff and history goes.

A format function returns either a string (Markdown, HTML, JSON) or a rich
renderable (terminal output).  ``emit`` prints it, or writes it to ``-o FILE``
atomically, after the work has succeeded; a rich renderable written to a file
is rendered as plain text, without colour codes.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.paths import display

FILE_WIDTH = 100


def plain(renderable: Any, width: int = FILE_WIDTH) -> str:
    """A rich renderable as plain text (no colour, no escape codes)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def emit(output: Any, path: Path | None) -> None:
    """Print ``output`` on stdout, or write it to ``path`` atomically."""
    if path is None:
        if isinstance(output, str):
            import click

            click.echo(output, nl=False)
        else:
            from factcheck.render import console

            console.out().print(output)
        return
    text = output if isinstance(output, str) else plain(output)
    write_atomic(path, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("cannot write: the folder does not exist", display(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", display(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror}", display(path)) from None
