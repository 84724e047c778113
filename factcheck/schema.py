"""Validation of claims files against the JSON Schema shipped in the package.

Compiling the schema costs tens of milliseconds and validating a document
several times what parsing it does, so documents that passed are remembered
by a digest of their bytes (in the user cache folder, per schema version):
an unchanged file is validated once, not on every command.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from factcheck import paths

SCHEMA_FILE = Path(__file__).with_name("claims.schema.json")
_MAX_REMEMBERED = 200_000


class SchemaViolation(Exception):
    """A document does not follow the schema; ``path`` is the JSON path of the field."""

    def __init__(self, path: list[str | int], reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def schema() -> dict[str, Any]:
    """The claims file JSON Schema, as a dict."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _schema_digest() -> str:
    return hashlib.blake2b(SCHEMA_FILE.read_bytes(), digest_size=8).hexdigest()


@cache
def _validator() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(schema())


def validate(document: Any, raw: bytes | None = None) -> None:
    """Raise SchemaViolation unless ``document`` follows the schema.

    ``raw``, the bytes the document was parsed from, lets a known-good
    document skip validation.
    """
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
    if digest is not None and digest in _known_good():
        return
    import fastjsonschema

    try:
        _validator()(document)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise _violation(exc) from None
    if digest is not None:
        _remember(digest)


def _violation(exc: Any) -> SchemaViolation:
    path: list[str | int] = [int(p) if p.isdigit() else p for p in exc.path[1:]]
    reason = exc.message
    if reason.startswith(exc.name):
        reason = reason[len(exc.name) :].strip()
    # "must not contain {'foo'} properties": point at the offending key.
    if reason.startswith("must not contain {") and exc.rule == "additionalProperties":
        extra = reason[len("must not contain {") : reason.index("}")]
        names = sorted(n.strip().strip("'\"") for n in extra.split(","))
        reason = "unknown field" + ("s " if len(names) > 1 else " ") + ", ".join(names)
        path.append(names[0])
    return SchemaViolation(path, reason)


# --- remembered digests -------------------------------------------------------


def _store_file() -> Path:
    return paths.cache_dir() / f"validated-{_schema_digest()}.txt"


_good: set[str] | None = None
_pending: list[str] = []


def _known_good() -> set[str]:
    global _good
    if _good is None:
        try:
            _good = set(_store_file().read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            _good = set()
    return _good


def _remember(digest: str) -> None:
    _known_good().add(digest)
    _pending.append(digest)


def flush() -> None:
    """Write the digests of newly validated documents to the cache folder."""
    if not _pending:
        return
    target = _store_file()
    lines = "".join(d + "\n" for d in _pending)
    _pending.clear()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Concurrent runs only ever append whole lines; the file is started
        # afresh when it grows too long.
        mode = "w" if len(_known_good()) > _MAX_REMEMBERED else "a"
        with open(target, mode, encoding="ascii") as fh:
            fh.write(lines)
    except OSError:
        pass  # a read-only cache only costs speed


def forget() -> None:
    """Drop the digests held in memory (tests use this after changing the cache folder)."""
    global _good
    _good = None
    _pending.clear()
