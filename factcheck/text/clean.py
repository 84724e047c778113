"""Making untrusted text safe to show: control and bidi characters made visible.

Claim text, notes, file names and anything fetched from a source may hold
terminal escape sequences, other control characters, or Unicode bidi
controls that reorder what a reader sees.  Before such text reaches a
terminal or a text file it goes through ``clean``, which shows each one as a
visible escape (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (which include CSI), the
# bidi embeddings, overrides, isolates and marks, and the Unicode line and
# paragraph separators (which some terminals and editors treat as newlines).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, *, single_line: bool = False) -> str:
    """Replace unsafe characters with visible escapes; ``single_line`` folds runs of white space too."""
    if text.isprintable():  # the common case, checked in C (every unsafe character is unprintable)
        return text
    if single_line:
        text = " ".join(text.split())
    return _UNSAFE.sub(_visible, text)


def excerpt(text: str, width: int) -> str:
    """One clean line of at most ``width`` characters, with an ellipsis when cut."""
    line = clean(text, single_line=True)
    if len(line) <= width:
        return line
    return line[: max(width - 1, 0)].rstrip() + "…"
