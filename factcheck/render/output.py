"""Where the output of report, annotate, diff and history goes.

A format function returns either a string (Markdown, HTML, JSON) or a rich
renderable (terminal output).  ``emit`` prints it, or writes it to ``-o FILE``
atomically, after the work has succeeded; a rich renderable written to a file
is rendered as plain text, without colour codes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from factcheck import store

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
    store.atomic_write(path, text.encode("utf-8"))
