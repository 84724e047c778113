"""Output formats: pure functions from data to text.

Every renderer has the same shape: it takes the data of one command and
returns an ``Output``: a ``str`` (JSON, CSV, Markdown, HTML, SARIF, ...), a
``Styled`` text for people (which the command line prints in colour on a
terminal and plainly elsewhere), or an iterable of ``str`` pieces for output
too big to hold at once.  A JSON renderer may return the document itself (a
dict or a list), which ``formats.safe`` writes out.  Renderers never open files, read the environment,
look at the terminal or write to stdout: the command line decides where
output goes.  Each command's renderers live in a sub-package, a module per
format; which command has which formats is declared once, in ``formats``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the alias is for type checkers; renderers import only what they use
    from collections.abc import Iterable

    from factcheck.render.styled import Styled

    #: What a renderer returns: finished text, styled text for people, or text in pieces.
    Output = str | Styled | Iterable[str]
