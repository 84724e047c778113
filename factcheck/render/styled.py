"""Text for people, with styles: lines of plain text, each with the spans to colour.

A ``Styled`` is what the human-readable formats return.  It is plain text
with style ranges attached, so printing it without colour costs nothing,
and colouring it (rich style names such as ``"bold red"``) is left to the
command line, which alone knows whether it writes to a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from factcheck.text.clean import clean, defuse_commands

#: A piece of a line: plain text, or text with a style.
Part = str | tuple[str, str]


class Line(NamedTuple):
    """One line of text and its styled ranges ``(start, end, style)``."""

    text: str
    styles: tuple[tuple[int, int, str], ...] = ()


class Styled:
    """Lines of text with styles."""

    __slots__ = ("lines",)

    def __init__(self, lines: Iterable[Line] = ()) -> None:
        self.lines: list[Line] = list(lines)

    def add(self, *parts: Part) -> Styled:
        """Append one line made of ``parts``; a part is a string or ``(text, style)``."""
        self.lines.append(line(*parts))
        return self

    def blank(self) -> Styled:
        self.lines.append(Line(""))
        return self

    def extend(self, other: Styled | Iterable[Line]) -> Styled:
        self.lines.extend(other.lines if isinstance(other, Styled) else other)
        return self

    def plain(self) -> str:
        """The text without styles, each line ending in a newline."""
        return "".join(text + "\n" for text, _ in self.lines)


def one_line(text: str) -> str:
    """Untrusted text for one line: unsafe characters and line breaks shown as escapes."""
    return clean(text, single_line=True)


def _joins(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it: a combining mark, a joiner or selector, a skin tone."""
    return unicodedata.category(ch) in ("Mn", "Me", "Cf") or "\U0001f3fb" <= ch <= "\U0001f3ff"


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"  # two of them are one flag


def _characters(text: str) -> Iterator[tuple[str, int]]:
    """Each character as a reader sees it (a letter and its marks, an emoji sequence, a flag) and its cells."""
    start = 0
    for at in range(1, len(text) + 1):
        if at < len(text) and (
            _joins(text[at])
            or text[at - 1] == "\u200d"
            or (at - start == 1 and _regional(text[start]) and _regional(text[at]))
        ):
            continue
        piece = text[start:at]
        wide = unicodedata.east_asian_width(piece[0]) in "WF" or len(piece) > 1 and _regional(piece[0])
        yield piece, 2 if wide else 1
        start = at


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes: two for a wide character (中, 🚄), none for a combining mark."""
    if text.isascii():
        return len(text)
    return sum(n for _, n in _characters(text))


def fit(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells: cut with an ellipsis where it is longer, never inside a character."""
    if cells(text) <= room:
        return text
    kept: list[str] = []
    used = 0
    for piece, n in _characters(text):
        if used + n > room - 1:
            break
        kept.append(piece)
        used += n
    return "".join(kept).rstrip() + "…"


def line(*parts: Part) -> Line:
    """A line made of parts: strings, or ``(text, style)`` pairs.

    Whatever a renderer passes, the line is safe to print: control and bidi
    characters show as escapes and URL credentials as ``***`` (``clean``), a
    line break inside a part shows as ``\\n`` (a ``Line`` is one line), and a
    line that would start with a CI workflow command (``::error::``) has its
    first character escaped.
    """
    texts: list[str] = []
    styles: list[tuple[int, int, str]] = []
    at = 0
    for part in parts:
        if isinstance(part, str):
            text, style = part, ""
        else:
            text, style = part
        if not text.isprintable() or "@" in text:
            text = clean(text).replace("\n", "\\n")
        if style and text:
            styles.append((at, at + len(text), style))
        texts.append(text)
        at += len(text)
    joined = "".join(texts)
    if "::" in joined or "#[" in joined:
        defused = defuse_commands(joined)
        if defused != joined:
            # One character became four: move the styles after it.
            where = len(joined) - len(joined.lstrip(" \t"))
            grown = len(defused) - len(joined)
            shifted = [(a + grown if a > where else a, b + grown if b > where else b, st) for a, b, st in styles]
            return Line(defused, tuple(shifted))
    return Line(joined, tuple(styles))


def table(
    rows: Sequence[Sequence[Part]],
    *,
    header: Sequence[str] | None = None,
    right: frozenset[int] = frozenset(),
    min_widths: dict[int, int] | None = None,
    width: int | None = None,
) -> list[Line]:
    """Rows as aligned columns; the last column takes what is left and, given a ``width``, is cut to it.

    Widths are in terminal cells, so that rows holding wide characters (中, 🚄) still line up and fit.

    Columns in ``right`` are right-aligned.  Without a width nothing is cut
    (output for pipes keeps whole lines).
    """

    def text_of(part: Part) -> str:
        return part if isinstance(part, str) else part[0]

    columns = len(header) if header else (len(rows[0]) if rows else 0)
    widths = [(min_widths or {}).get(i, 0) for i in range(columns)]
    every: list[Sequence[Part]] = ([list(header)] if header else []) + [list(r) for r in rows]
    for row in every:
        for i, part in enumerate(row[:-1]):
            widths[i] = max(widths[i], cells(text_of(part)))
    out: list[Line] = []
    all_rows: list[Sequence[Part]] = ([[(h, "bold") for h in header]] if header else []) + list(rows)
    for row in all_rows:
        parts: list[Part] = []
        for i, part in enumerate(row):
            text = text_of(part)
            style = "" if isinstance(part, str) else part[1]
            if i < columns - 1:
                pad = " " * (widths[i] - cells(text))
                cell = pad + text if i in right else text + pad
                parts.append((cell, style) if style else cell)
                parts.append("  ")
            else:
                if width is not None:
                    room = max(width - sum(widths) - 2 * (columns - 1), 10)
                    text = fit(text, room)
                parts.append((text, style) if style else text)
        out.append(line(*parts))
    return out
