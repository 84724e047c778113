"""Writing untrusted text into Markdown: literal, inert, one line where a table cell needs one."""

from __future__ import annotations

import re

from factcheck.text.clean import clean

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")


def escape(text: str | None, *, single_line: bool = True) -> str:
    """Untrusted text made literal in Markdown, and inert in the HTML that Markdown may carry."""
    return _SPECIAL.sub(r"\\\1", clean(text or "", single_line=single_line))


def code(text: str) -> str:
    """Text to put between backticks in a table: no backtick or pipe can end it early."""
    return clean(text, single_line=True).replace("`", "'").replace("|", "\\|")
