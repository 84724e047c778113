"""Making untrusted text safe to show: control and bidi characters made visible, credentials hidden.

Claim text, notes, file names and anything fetched from a source may hold
terminal escape sequences, other control characters, or Unicode bidi
controls that reorder what a reader sees.  Before such text reaches a
terminal or a text file it goes through ``clean``, which shows each one as a
visible escape (``\\x1b``, ``\\u202e``); the other functions here do the
same for JSON text, CI logs and URLs' credentials.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# C0 controls except tab and newline, DEL, C1 controls (which include CSI), the
# bidi embeddings, overrides, isolates and marks, the Unicode line and
# paragraph separators (which some terminals and editors treat as newlines),
# and lone surrogates (an undecodable byte of a file name; no encoder takes them).
_UNSAFE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# What JSON text may carry as is but a terminal would act on: json already
# escapes the C0 controls, so these are the rest of _UNSAFE.
_UNSAFE_IN_JSON = r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# A line that a CI runner would take for a workflow command (GitHub's ::name::,
# and its older ##[name]), leading white space aside, as the runner does.
_COMMAND = r"(?m)^([ \t]*)([:#])(?=:|#\[)"
# The user information of a URL anywhere in a text: after "://" (whatever comes
# before it), everything up to the last "@" before the path, query, fragment or
# the end of the URL.
_USERINFO = r"(://)[^\s/?#\\\"'<>]*@"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled on first use: the classes of characters take a millisecond to
    # compile, and most text takes the fast paths below, which need none.
    return re.compile(pattern)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, *, single_line: bool = False) -> str:
    """Replace unsafe characters with visible escapes and hide URL credentials (``redact_urls``).

    ``single_line`` folds runs of white space too.
    """
    if "@" in text:
        text = redact_urls(text)
    if text.isprintable():  # the common case, checked in C (every unsafe character is unprintable)
        return text
    if single_line:
        text = " ".join(text.split())
    return _compiled(_UNSAFE).sub(_visible, text)


def excerpt(text: str, width: int) -> str:
    """One clean line of at most ``width`` characters, with an ellipsis when cut."""
    line = clean(text, single_line=True)
    if len(line) <= width:
        return line
    return line[: max(width - 1, 0)].rstrip() + "…"


def shorten(text: str, width: int) -> str:
    """One clean line of at most ``width`` characters, cut after a whole word, with an ellipsis when cut.

    A text with no space early enough to cut at (one long word, a URL) is
    cut where it reaches the width.
    """
    line = clean(" ".join(text.split()), single_line=True)
    if len(line) <= width:
        return line
    room = max(width - 1, 1)
    cut = line[: room + 1].rfind(" ")
    if cut < room // 2:
        cut = room
    return line[:cut].rstrip(" ,;:-–—") + "…"


# Marks that open a quotation: a claim that starts with one quotes someone in its own words.
_OPENING_QUOTES = frozenset("\"“‘'«‹„‚「『")


def quoted(text: str, show: Callable[[str], str] = str) -> str:
    """``text`` as ``show`` writes it (escaped, shortened), between quotation marks ("“…”").

    A text that opens with a quotation mark of its own (a claim that quotes a
    speaker: ``"It's not…," said Coggs.``) is shown without added ones, which
    would open it with two marks (``“"It's…``).  Every renderer and check's
    messages quote a claim's text through this, so they agree.
    """
    shown = show(text)
    if text.lstrip()[:1] in _OPENING_QUOTES:
        return shown
    return f"“{shown}”"


def number(value: float, places: int | None = None) -> str:
    """A score or ratio with ``places`` decimals (None: as few as it needs), and no sign on a zero.

    A value that rounds to zero from below (-0.0, -0.001 to two places) shows
    as 0: a minus sign there says nothing, and reads as a negative score.
    """
    return f"{value:z.{places}f}" if places is not None else f"{value:zg}"


def json_safe(text: str) -> str:
    """JSON text with every character a terminal would act on written as a ``\\uXXXX`` escape.

    Outside strings JSON text is ASCII, so the characters replaced can only be
    in strings, where the escape means the same character: the document is
    unchanged for any JSON reader, and inert on a terminal.
    """
    if text.isascii() and "\x7f" not in text:
        return text
    return _compiled(_UNSAFE_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def defuse_commands(text: str) -> str:
    """Text whose lines cannot start a CI workflow command: a leading ``::`` or ``##[`` shows as ``\\x3a:``/``\\x23#[``.

    A note or an article line such as ``::error::…`` or ``::add-mask::…``,
    printed in a CI log, would otherwise be obeyed by the runner.
    """
    if "::" not in text and "#[" not in text:
        return text
    return _compiled(_COMMAND).sub(lambda m: m.group(1) + ("\\x3a" if m.group(2) == ":" else "\\x23"), text)


def redact_urls(text: str) -> str:
    """A URL, or every URL in a text, with its user name and password shown as ``***``.

    ``https://user:secret@example.org/page`` becomes ``https://***@example.org/page``:
    credentials in a source URL must not reach a report, a CI log or a terminal.
    A URL is found by its ``://``, and a user name alone is hidden too (it is often
    a token).  A path that holds a URL is ``store.paths.redact_path``'s business.
    """
    if "@" not in text or "://" not in text:
        return text
    return _compiled(_USERINFO).sub(r"\1***@", text)
