"""Line numbers for places in a JSON document.

The standard ``json`` module forgets positions, so error messages and CI
findings find their line here: ``line_of`` walks the text to a path such as
``["claims", 3, "status"]``; ``id_lines`` finds the line of every claim id in
one regex pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but not in typeshed

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
# Starting with the literal key lets the regex engine skip to each "id" quickly;
# the value is written unrolled (runs of plain characters, then an escape).
_ID_KEY = re.compile(r'"id"[ \t\r\n]*:[ \t\r\n]*"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


class _Unparsable(Exception):
    pass


def line_at(text: str, index: int) -> int:
    """The 1-based line of a character offset."""
    return text.count("\n", 0, index) + 1


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The line where the value at ``path`` starts (an object key's line for keys), or None."""
    try:
        index = _find(text, _skip_ws(text, 0), list(path))
    except (_Unparsable, IndexError, ValueError):
        return None
    return None if index is None else line_at(text, index)


def id_lines(text: str) -> dict[str, int]:
    """Map each claim id in a claims file's text to the line of its (first) ``"id"`` key."""
    # In valid JSON a quote that follows "{" or "," (whitespace aside) opens a
    # string outside any other string (quotes inside strings are escaped):
    # that tells a real "id" key from the same characters inside a value.
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in _ID_KEY.finditer(text):
        start = match.start()
        before = start - 1
        while before >= 0 and text[before] in " \t\r\n":
            before -= 1
        if before < 0 or text[before] not in "{,":
            continue
        raw = match.group(1)
        claim_id = scanstring(raw + '"', 0)[0] if "\\" in raw else raw
        line += text.count("\n", counted, start)
        counted = start
        lines.setdefault(claim_id, line)
    return lines


# How the canonical layout (codec.encode) opens each claim of the claims list, up to its "id" key
# (cut before the key's closing quote: a needle that ends in a rarer byte is found faster).
_CLAIM_OPEN = b'\n    {\n      "id'


def claim_lines(raw: bytes, ids: Sequence[str]) -> list[int] | None:
    """The line of each claim's ``"id"`` key, in order, in a valid claims file whose only claims have these ids.

    For a file laid out as ``codec.encode`` writes it, found without decoding
    the text: only a claim has an ``"id"`` and no JSON string holds a line
    break, so each place the file opens an object with its ``"id"`` as
    ``encode`` does is a claim's.  None when the file is laid out otherwise
    (``id_lines`` reads any).  A file with set-aside claims holds claims
    beside ``ids``: it is for ``id_lines``.
    """
    find, count, startswith = raw.find, raw.count, raw.startswith
    lines: list[int] = []
    line, counted = 3, 0  # an id's key is two lines below the line break that opens its claim
    at = -1
    for claim_id in ids:
        at = find(_CLAIM_OPEN, at + 1)
        if at < 0 or not startswith(b'": "' + claim_id.encode() + b'"', at + len(_CLAIM_OPEN)):
            return None
        line += count(b"\n", counted, at)
        counted = at
        lines.append(line)
    return lines if find(_CLAIM_OPEN, at + 1) < 0 else None


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]  # an empty run matches too


def _find(text: str, i: int, path: list[str | int]) -> int | None:
    """Return the index of the value at ``path`` inside the value starting at ``i``."""
    if not path:
        return i
    head, rest = path[0], path[1:]
    if (text[i], isinstance(head, str)) in (("{", True), ("[", False)):
        for key, at, value in _members(text, i, []):
            if key == head:
                # For an object's key, its own line: where a missing or bad value is reported.
                return at if isinstance(head, str) and not rest else _find(text, value, rest)
    return None


def _members(text: str, i: int, end: list[int]) -> Iterator[tuple[str | int, int, int]]:
    """The members of the object or array starting at ``i``: (key or index, where it starts, where its value starts).

    Once the last is given, ``end`` holds the index just past the closing bracket.
    """
    close = "}" if text[i] == "{" else "]"
    i = _skip_ws(text, i + 1)
    n = 0
    while text[i] != close:
        at, key = i, n
        if close == "}":
            key, i = scanstring(text, i + 1)
            i = _skip_ws(text, i)
            if text[i] != ":":
                raise _Unparsable
            i = _skip_ws(text, i + 1)
        yield key, at, i
        i = _skip_ws(text, _skip_value(text, i))
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
        n += 1
    end.append(i + 1)


def _skip_value(text: str, i: int) -> int:
    """Return the index just past the JSON value starting at ``i``."""
    ch = text[i]
    if ch == '"':
        return scanstring(text, i + 1)[1]
    if ch in "{[":
        end: list[int] = []
        for _ in _members(text, i, end):
            pass
        return end[0]
    for literal in ("true", "false", "null"):
        if text.startswith(literal, i):
            return i + len(literal)
    match = _NUMBER.match(text, i)
    if not match:
        raise _Unparsable
    return match.end()
