"""The two consoles: data on stdout, messages and progress on stderr.

rich drops colour when the stream is not a terminal and honours NO_COLOR.
Markup and emoji codes are never interpreted in what we print: renderers
build ``rich.text.Text`` from data, so a claim reading ``[red]`` stays literal.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    from rich.console import Console

    # Soft wrapping leaves long lines whole when piped; a terminal wraps them itself.
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=True)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, markup=False)


def event_text(event):  # (model.Event) -> rich.text.Text
    """One history event on a line: when, from → to (or that the status stayed), by whom."""
    from rich.text import Text

    from factcheck.sanitize import clean

    line = Text(f"{event.at}  ")
    if event.from_status == event.to_status:
        line.append_text(status_text(event.to_status))
        line.append(" (status unchanged)", style="dim")
    else:
        line.append(event.from_status or "(new)", style="" if event.from_status else "dim")
        line.append(" → ")
        line.append_text(status_text(event.to_status))
    line.append("  by " + clean(event.by, single_line=True))
    return line


def status_text(status: str):  # -> rich.text.Text
    """A status name in its colour."""
    from rich.text import Text

    from factcheck.model import STATUS_STYLES

    return Text(status, style=STATUS_STYLES.get(status, ""))
