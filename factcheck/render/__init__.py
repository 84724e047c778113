"""Output formats: pure functions from data to text, a sub-package per command and a module per format.

A renderer returns an ``Output``: a ``str``, ``Styled`` text for people (in colour on a terminal),
or ``str`` pieces for output too big to hold at once; a JSON one may return the document itself,
which ``formats.safe`` writes out.  Where output goes is the command line's to decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the alias is for type checkers; renderers import only what they use
    from collections.abc import Iterable

    from factcheck.render.styled import Styled

    #: What a renderer returns: finished text, styled text for people, or text in pieces.
    Output = str | Styled | Iterable[str]
