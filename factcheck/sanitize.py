"""Make untrusted text safe to print.

Claim text, notes and anything fetched from a source may hold terminal
escape sequences or other control characters.  Before such text reaches a
terminal it goes through ``clean``; rich markup is never parsed from data
(renderers pass ``rich.text.Text`` objects, not markup strings).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def clean(text: str, *, single_line: bool = False) -> str:
    """Replace control characters with visible ``\\xNN`` escapes; optionally fold newlines."""
    if text.isprintable():  # the common case, checked in C
        return text
    if single_line:
        text = " ".join(text.split())
    return _CONTROL.sub(_visible, text)


def excerpt(text: str, width: int) -> str:
    """One clean line of at most ``width`` characters, with an ellipsis when cut."""
    line = clean(text, single_line=True)
    if len(line) <= width:
        return line
    return line[: max(width - 1, 0)].rstrip() + "…"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")


def markdown(text: str | None, *, single_line: bool = True) -> str:
    """Untrusted text made literal in Markdown, and inert in the HTML that Markdown may carry."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text or "", single_line=single_line))


def markdown_code(text: str) -> str:
    """Text to put between backticks in a Markdown table: no backtick or pipe can end it early."""
    return clean(text, single_line=True).replace("`", "'").replace("|", "\\|")


def html(text: str | None) -> str:
    """Untrusted text for HTML: control characters made visible (``\\x1b``), then escaped."""
    import html as _html

    return _html.escape(clean(text or ""))
