"""Claims files as bytes: the canonical encoding, and strict decoding with located errors.

``decode`` parses, validates and builds the typed claims file in one pass
(msgspec), then makes sure nothing was lost on the way: a file whose JSON
tokens are exactly those ``encode`` would write (white space aside, so the
canonical layout among others) cannot hide a duplicate key; any other file is
checked for duplicate keys the slow way.  Every problem is an ``InputError``
naming the file, the line and the field.

The canonical layout (UTF-8, 2-space indent, fields in the order the types
define, a final newline) is what ``encode`` writes, and what ``split_claims``
relies on to cut a file into one byte string per claim without parsing it.

Files of an older version are brought up to date as they are read
(``_upgrade``); they are written back in the current version.
"""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

from factcheck.model import claims as _model
from factcheck.model.claims import SCHEMA_VERSION, Claim, ClaimsFile
from factcheck.model.errors import InputError, UsageError
from factcheck.model.vocab import FactResult, Outcome, Stance, Status, meant
from factcheck.store import positions
from factcheck.store.reading import decode_utf8

INDENT = 2
LAYOUT = "a claims file is a JSON object with schema_version, article and claims"

_decoder = msgspec.json.Decoder(ClaimsFile)
_claim_decoder = msgspec.json.Decoder(Claim)
_encoder = msgspec.json.Encoder()


# --- writing ------------------------------------------------------------------------


def encode(claims_file: ClaimsFile) -> bytes:
    """The canonical bytes of a claims file."""
    try:
        return msgspec.json.format(_encoder.encode(claims_file), indent=INDENT) + b"\n"
    except UnicodeEncodeError:
        raise UsageError(
            "the text contains characters that are not valid Unicode (a lone surrogate); nothing was written"
        ) from None


def checked(claims_file: ClaimsFile, where: str, on_disk: bytes | None = None) -> bytes:
    """The canonical bytes of a claims file about to be written, after validating the whole of it.

    Structs are not validated when changed in memory; decoding what would be
    written is, so a file factcheck writes is always one it can read back.
    The refusal names the file, the claim, the field and its line in the file
    as it is on disk (``on_disk``, its bytes), which is where a person looks:
    the text refused is on disk nowhere, and the file there may be laid out
    otherwise.  A field the file lacks (a history event being added) is
    placed at the nearest one it has; no file on disk yet, no line.
    """
    data = encode(claims_file)
    try:
        _decoder.decode(data)
    except msgspec.ValidationError as exc:
        disk = None if on_disk is None else text_of(on_disk)
        error = _validation_error(where, data.decode("utf-8"), exc, disk)
        raise InputError(
            f"refusing to write an invalid claims file: {error.reason}; nothing was written", where, error.line
        ) from None
    return data


# --- reading ------------------------------------------------------------------------


def text_of(raw: bytes) -> str:
    """A claims file's text as positions are counted in it: without a byte-order mark."""
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")


def decode(raw: bytes, where: str) -> ClaimsFile:
    """Decode, validate and build a claims file; InputError says what is wrong, and where."""
    if not raw or raw.isspace():  # not raw.strip(), which copies the whole file to find it is not blank
        raise InputError(f"the file is empty; {LAYOUT}", where)
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark some editors add
    try:
        claims_file = _decoder.decode(raw)
    except msgspec.ValidationError as exc:  # a subclass of DecodeError: first
        # Fields are validated in the file's order: a version 1 file whose schema_version comes after its
        # claims (keys sorted, as jq -S writes them) fails on a version 1 value before the version is read.
        version = 1 if str(exc) == "Invalid enum value 1 - at `$.schema_version`" else _version(raw)
        if version != 1:
            if type(version) is int and version != SCHEMA_VERSION:
                # Likewise a newer version's file: its version is what to say, not the first value this one lacks.
                exc = msgspec.ValidationError(f"Invalid enum value {version} - at `$.schema_version`")
            raise _validation_error(where, decode_utf8(raw, where), exc) from None
        claims_file = _upgrade(raw, where)
    except msgspec.DecodeError as exc:
        raise _syntax_error(where, raw, exc) from None
    # Compared compact: re-indenting the whole file would cost more than encoding it.
    if _encoder.encode(claims_file) != msgspec.json.format(raw, indent=-1):
        # Not what encode writes (written by hand or by another tool): it may
        # repeat a key, which decoding would have silently resolved.
        _refuse_duplicate_keys(where, decode_utf8(raw, where))
    return claims_file


class _Versioned(msgspec.Struct):
    """The one field a file's version is read from; the rest is skipped unread."""

    schema_version: object = None


def _version(raw: bytes) -> object:
    """A file's ``schema_version`` (None when it has none, or is not a JSON object)."""
    try:
        return msgspec.json.decode(raw, type=_Versioned).schema_version
    except msgspec.DecodeError:  # ValidationError included: not an object
        return None


class _Headed(msgspec.Struct):
    """The article of a claims file; the rest is skipped unread."""

    article: _model.Article


def article(raw: bytes, where: str) -> _model.Article:
    """The article a claims file annotates, its claims left unread; ``decode``'s answer when it cannot be read so."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    end = raw.find(_HEAD_END)
    # In the canonical layout the article comes before the claims: what precedes them is read alone.
    head = raw[: end + len(_HEAD_END)] + b"]}" if end >= 0 else raw
    try:
        return msgspec.json.decode(head, type=_Headed).article
    except msgspec.DecodeError:  # ValidationError included
        return decode(raw, where).article


def _upgrade(raw: bytes, where: str) -> ClaimsFile:
    """A version 1 file, brought up to the current version.

    Version 2 renamed the outcome ``contradicts`` (a key fact disagrees) to
    ``conflicts``, so that no outcome shares a word with a stance, and added
    optional fields.
    """
    try:
        document = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise _syntax_error(where, raw, exc) from None
    document["schema_version"] = SCHEMA_VERSION
    # Only well-formed parts are touched; validation below names what is not.
    for claim in _items(document.get("claims")):
        for source in _items(claim.get("sources")):
            check = source.get("last_check")
            if isinstance(check, dict) and check.get("outcome") == "contradicts":
                check["outcome"] = "conflicts"
    try:
        return msgspec.convert(document, ClaimsFile)
    except msgspec.ValidationError as exc:
        raise _validation_error(where, decode_utf8(raw, where), exc) from None


def _items(value: object) -> list[dict]:
    """The objects in a JSON array; nothing when ``value`` is not an array."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def decode_claim(raw: bytes) -> Claim:
    """One claim's JSON object, validated; ValueError when it is not a valid claim."""
    try:
        claim = _claim_decoder.decode(raw)
    except msgspec.MsgspecError as exc:
        raise ValueError(str(exc)) from None
    # Not as encode writes it: a repeated key would have been resolved silently, as in ``decode``.
    if _encoder.encode(claim) != msgspec.json.format(raw, indent=-1) and (key := _repeated_key(raw)) is not None:
        raise ValueError(f"the key {key!r} appears twice in one object")
    return claim


def _syntax_error(where: str, raw: bytes, exc: msgspec.DecodeError) -> InputError:
    text = decode_utf8(raw, where)
    conflict = unresolved_merge(text, where)
    if conflict is not None:
        return conflict
    # The standard parser words syntax errors better and gives line and column.
    try:
        json.loads(text)
    except json.JSONDecodeError as std:
        return _slip(std, where) or InputError(f"invalid JSON: {std.msg}", where, std.lineno, std.colno)
    except (RecursionError, ValueError):
        pass
    match = re.search(r"\(byte (\d+)\)", str(exc))
    if match:
        at = len(raw[: int(match.group(1))].decode("utf-8", "replace"))
        line = positions.line_at(text, at)
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        reason = str(exc).split(" (byte")[0].replace("JSON is malformed: ", "")
        return InputError(f"invalid JSON: {reason}", where, line, column)
    return InputError(f"invalid JSON: {exc}", where)


def _slip(std: json.JSONDecodeError, where: str) -> InputError | None:
    """What an editor slips in, named where it is with what to do: the parser's words name what it expected."""
    text, at = std.doc, std.pos
    if text[at : at + 1] in ("\u201c", "\u201d", "\u2018", "\u2019"):
        reason = f'a curly quote ({text[at]}) where JSON needs a straight one ("); type it again as "'
    elif text[at : at + 1] in ("}", "]") and (comma := len(text[:at].rstrip())) and text[comma - 1] == ",":
        at, reason = comma - 1, "a comma after the last item, which JSON does not allow; delete it"
    else:
        return None
    line = positions.line_at(text, at)
    return InputError(f"invalid JSON: {reason}", where, line, at - text.rfind("\n", 0, at))


def unresolved_merge(text: str, where: str) -> InputError | None:
    """The error to give for a file that git left with a merge conflict in it (its first ``<<<<<<<`` line), or
    None: the JSON parser's own words for the marker would not say what happened."""
    marker = re.search(r"^<{7,}(?: |\r?$)", text, re.M)
    if marker is None:
        return None
    return InputError(
        "a git merge conflict is not resolved (<<<<<<<): keep what each side should, delete the markers, "
        "then commit the merge",
        where,
        text.count("\n", 0, marker.start()) + 1,
        1,
    )


class _Duplicate(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen[key] = value
    return seen


def _repeated_key(text: str | bytes) -> str | None:
    """The first key that an object of this JSON repeats, or None."""
    try:
        json.loads(text, object_pairs_hook=_pairs)
    except _Duplicate as dup:
        return str(dup.args[0])
    return None


def _refuse_duplicate_keys(where: str, text: str) -> None:
    key = _repeated_key(text)
    if key is None:
        return
    # The line of the second place the quoted key starts a member.
    hits = [m.start() for m in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)]
    raise InputError(
        f"the key {key!r} appears twice in one object; JSON readers disagree on which one counts, "
        "so factcheck reads neither",
        where,
        positions.line_at(text, hits[1]) if len(hits) > 1 else None,
    )


# --- saying where and what -------------------------------------------------------------

_AT = re.compile(r" - at `\$(.*)`$")
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_KINDS = {
    "str": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "null",
    "object": "an object",
    "array": "a list",
}
# What each pattern of the format asks for, in words (the patterns themselves are long).
_PATTERNS = {
    _model.TIMESTAMP_PATTERN: "must be a real UTC time written YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-27T22:00:00Z",
    _model.PARTIAL_DATE_PATTERN: "must be a real date written YYYY-MM-DD, YYYY-MM or YYYY",
    _model.URL_PATTERN: "must be an http(s) URL with a host and no white space",
    _model.CLAIM_ID_PATTERN: "must be 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
    _model.SHA256_PATTERN: "must be 64 hexadecimal digits in lower case",
    _model.ARTICLE_PATH_PATTERN: (
        "must be the article text's path relative to the claims file: not blank, not absolute "
        "(no leading / or \\, no drive such as C:), without control characters"
    ),
}
_ENUMS: dict[str, tuple[str, ...]] = {
    "status": tuple(Status),
    "from": tuple(Status),
    "to": tuple(Status),
    "stance": tuple(Stance),
    "outcome": tuple(Outcome),
    "result": tuple(FactResult),
}


def _path(message: str) -> tuple[str, list[str | int]]:
    """The message without its ``- at `$...``` suffix, and the JSON path as keys and indexes."""
    match = _AT.search(message)
    if not match:
        return message, []
    steps: list[str | int] = [int(index) if index else key for key, index in _STEP.findall(match.group(1))]
    return message[: match.start()], steps


def _reason(message: str, path: list[str | int]) -> tuple[str, list[str | int]]:
    """Our wording for msgspec's, and the path of the field it is about."""
    if m := re.fullmatch(r"Object missing required field `(.+)`", message):
        return "is missing", [*path, m.group(1)]
    if m := re.fullmatch(r"Object contains unknown field `(.+)`", message):
        return "unknown field", [*path, m.group(1)]
    if m := re.fullmatch(r"field `(\w+)`: (.+)", message, re.DOTALL):
        return m.group(2), [*path, m.group(1)]  # a model's own check of one field against another
    if m := re.fullmatch(r"Invalid enum value (.+)", message):
        field = path[-1] if path and isinstance(path[-1], str) else ""
        allowed = _ENUMS.get(field)
        if allowed:
            near = meant(m.group(1)[1:-1], allowed)
            hint = f"; did you mean {near}?" if near else ""
            return f"{m.group(1)} is not one of {', '.join(allowed)}{hint}", path
        return f"{m.group(1)} is not allowed here", path
    if m := re.fullmatch(r"Expected `str` matching regex '(.+)'", message, re.DOTALL):
        pattern = m.group(1).replace("\\\\", "\\")  # msgspec shows each backslash doubled
        return _PATTERNS.get(pattern, f"must match pattern {pattern}"), path
    if message == "Expected `str` of length >= 1":
        return "must not be empty", path
    if m := re.fullmatch(r"Expected `(\w+)`, got `(\w+)`", message):
        return f"must be {_KINDS.get(m.group(1), m.group(1))}, not {_KINDS.get(m.group(2), m.group(2))}", path
    if m := re.fullmatch(r"Expected `(\w+)` ([<>]=?) (.+)", message):
        return f"must be {m.group(2)} {m.group(3).removesuffix('.0')}", path
    if message in ("Integer value out of range", "Number out of range"):
        return "number out of range", path
    return message[:1].lower() + message[1:], path


def _validation_error(where: str, text: str, exc: msgspec.ValidationError, on_disk: str | None = None) -> InputError:
    """The error, located in ``text``; or, given ``on_disk`` (``text`` refused for writing), in the file on disk."""
    message, path = _path(str(exc))
    reason, path = _reason(message, path)
    if not path:
        if message.startswith("Expected `object`, got `"):
            kind = message.rsplit("`", 2)[-2]
            return InputError(f"{LAYOUT}, not {_KINDS.get(kind, kind)}", where, 1)
    if message == "Object missing required field `schema_version`":
        return InputError(f"schema_version is missing; {LAYOUT}", where, 1)
    if path == ["schema_version"] and message.startswith("Invalid enum value"):
        version = message.removeprefix("Invalid enum value ")
        return InputError(
            f"schema_version: unknown version {version}; this factcheck reads version {SCHEMA_VERSION} "
            "(a newer factcheck may read this file)",
            where,
            positions.line_of(text, ["schema_version"]),
        )
    claim_id = _claim_id(text, path[1]) if len(path) >= 2 and path[0] == "claims" and isinstance(path[1], int) else None
    located, steps = text, path
    if on_disk is not None:
        # The same claim on disk is found by its id: claims before it may have come or gone.
        located, steps = on_disk, path if claim_id is None else _claim_path(on_disk, claim_id, path)
    line = None
    # Walk up until a path element exists: a missing field points at its object.
    for depth in range(len(steps), -1, -1):
        line = positions.line_of(located, steps[:depth])
        if line is not None:
            break
    if len(path) >= 2 and path[0] == "claims" and isinstance(path[1], int):
        label = f"claim {claim_id!r}" if claim_id is not None else f"claims[{path[1]}]"
        field = _dotted(path[2:]) or "(the claim itself)"
        return InputError(f"{label}: {field}: {reason}", where, line)
    return InputError(f"{_dotted(path) or '(top level)'}: {reason}", where, line)


def _claim_path(text: str, claim_id: str, path: list[str | int]) -> list[str | int]:
    """``path`` (into a claim of another text) into the claim with this id in ``text``; its claims when none."""
    try:
        ids = [c.get("id") if isinstance(c, dict) else None for c in json.loads(text)["claims"]]
    except (ValueError, LookupError, TypeError, RecursionError):
        return []
    return ["claims", ids.index(claim_id), *path[2:]] if claim_id in ids else ["claims"]


def _claim_id(text: str, index: int) -> str | None:
    try:
        claim = json.loads(text)["claims"][index]
    except (ValueError, LookupError, TypeError, RecursionError):
        return None
    claim_id = claim.get("id") if isinstance(claim, dict) else None
    return claim_id if isinstance(claim_id, str) else None


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# --- the canonical layout, cut without parsing -------------------------------------------

_PAD = b" " * INDENT
_HEAD_END = b"\n" + _PAD + b'"claims": ['
_CLAIM_START = re.compile(rb"\n" + _PAD * 2 + rb"\{\n" + _PAD * 3 + rb'"id": "((?:[^"\\\n]|\\.)*)"')
_ARRAY_END = b"\n" + _PAD + b"]"
_TAIL = _ARRAY_END + b"\n}\n"
# How ``encode`` ends a file whose set-aside list is empty: nothing in it to decode.
_TAIL_NO_ASIDES = _ARRAY_END + b",\n" + _PAD + b'"set_aside": []\n}\n'


def split_claims(raw: bytes) -> dict[str, bytes] | None:
    """Each claim's bytes by id, cut from a file in the canonical layout; None for any other file.

    The head (everything before the claims) must be a valid start of a claims
    file; the claims' bytes are not validated here (``decode_claim`` does that).
    A file that repeats an id is not cut (None), so that the caller parses it
    whole and reports the duplicate.
    """
    starts = list(_CLAIM_START.finditer(raw))
    tail = _TAIL_NO_ASIDES if raw.endswith(_TAIL_NO_ASIDES) else _TAIL
    if not starts or not raw.endswith(tail) or not raw[: starts[0].start()].endswith(_HEAD_END):
        return None
    # A claim's own lines are indented deeper than the array's "]", and no JSON string holds a raw
    # newline, so the first such line after the last claim closes the claims.  Anything after it but
    # an empty set-aside list is not cut: the file is then parsed whole, which validates every part of it.
    if raw.find(_ARRAY_END, starts[-1].end()) != len(raw) - len(tail):
        return None
    positions_ = [m.start() for m in starts]
    # Every claim but the last ends with "}," right before the next one starts.
    if not all(raw[p - 1] == 0x2C for p in positions_[1:]):
        return None
    try:
        head = json.loads(raw[: starts[0].start()] + b"]}")
    except ValueError:
        return None
    if not isinstance(head, dict) or head.get("schema_version") != SCHEMA_VERSION or "article" not in head:
        return None
    if tail is _TAIL_NO_ASIDES and "set_aside" in head:
        return None  # the key twice: the whole decode refuses the file
    ends = [p - 1 for p in positions_[1:]]
    ends.append(len(raw) - len(tail))
    cut: dict[str, bytes] = {}
    for match, start, end in zip(starts, positions_, ends, strict=True):
        quoted = match.group(1)
        claim_id = json.loads(b'"' + quoted + b'"') if b"\\" in quoted else quoted.decode("utf-8", "replace")
        if claim_id in cut:
            return None
        cut[claim_id] = raw[start + 1 : end]
    return cut
