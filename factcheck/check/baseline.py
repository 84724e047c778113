"""Baselines: accept today's findings so that CI reports only new ones.

A baseline is a JSON file of entries matched by rule, claim id and source
URL (never by line number, so edits elsewhere in a claims file do not break
the match).  Each entry may carry a ``reason`` saying why it is accepted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from factcheck.check.rules import RULES, Result
from factcheck.model.errors import InputError
from factcheck.model.vocab import FailOn
from factcheck.store import positions
from factcheck.store.atomic import as_on_disk, write_output
from factcheck.store.codec import unresolved_merge
from factcheck.store.paths import display
from factcheck.store.reading import decode_utf8, read_bytes

VERSION = 1


class Entry(msgspec.Struct, frozen=True):
    rule: str
    claim: str
    url: str
    reason: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.claim, self.url)


def read(path: Path) -> list[Entry]:
    """The entries of a baseline file; InputError names the file, the line and the field.

    Every entry is checked here, before a command writes anything: ``rule``
    and ``claim`` are strings, ``url`` and ``reason`` strings or null, and no
    string holds a lone surrogate (a ``\\ud800`` escape), which JSON allows
    but no UTF-8 file can hold, so writing the baseline back would fail.
    """
    return _parse(read_bytes(path, "baseline file"), path)


def _parse(raw: bytes, path: Path) -> list[Entry]:
    where = display(path)
    text = decode_utf8(raw, where, "baseline")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise unresolved_merge(text, where) or InputError(
            f"invalid JSON: {exc.msg}", where, exc.lineno, exc.colno
        ) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", where) from None
    if (
        not isinstance(document, dict)
        or document.get("version") != VERSION
        or not isinstance(document.get("findings"), list)
    ):
        raise InputError(f'a baseline is a JSON object {{"version": {VERSION}, "findings": [...]}}', where, 1)
    entries = []
    for number, item in enumerate(document["findings"]):
        if not isinstance(item, dict):
            raise InputError(
                f"findings[{number}]: must be an object", where, positions.line_of(text, ["findings", number])
            )
        for field, required in _FIELDS.items():
            value = item.get(field)
            problem = None
            if not isinstance(value, str) and (required or value is not None):
                problem = "must be a string" if required else "must be a string or null"
            elif isinstance(value, str) and not _encodable(value):
                problem = "must be text: it holds a lone surrogate (an escape such as \\ud800)"
            if problem:
                line = positions.line_of(text, ["findings", number, field] if field in item else ["findings", number])
                raise InputError(f"findings[{number}].{field}: {problem}", where, line)
        entries.append(Entry(item["rule"], item["claim"], item.get("url") or "", item.get("reason")))
    return entries


#: The fields of an entry, and whether each is required.
_FIELDS = {"rule": True, "claim": True, "url": False, "reason": False}


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(keys: Iterable[tuple[str, str, str]], reasons: dict[tuple[str, str, str], str | None]) -> str:
    items = [{"rule": r, "claim": c, "url": u or None, "reason": reasons.get((r, c, u))} for r, c, u in keys]
    return json.dumps({"version": VERSION, "findings": items}, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Rewrite:
    """A new text for a baseline file, worked out before anything is written, and the bytes it replaces."""

    path: Path
    before: bytes
    after: bytes
    changed: int  # entries changed


def rename_plan(path: Path, old: str, new: str) -> Rewrite | None:
    """How the baseline at ``path`` would name claim ``new`` where it names ``old``; None when it never names it.

    Nothing is written.  InputError names the file when it cannot be read, or
    when it could not be replaced by its new text (see ``check_writable``).
    """
    raw = read_bytes(path, "baseline file")
    entries = _parse(raw, path)
    changed = sum(e.claim == old for e in entries)
    if not changed:
        return None
    check_writable(path)
    renamed = [Entry(e.rule, new, e.url, e.reason) if e.claim == old else e for e in entries]
    reasons = {e.key: e.reason for e in renamed}
    return Rewrite(path, raw, as_on_disk(_text(sorted(reasons), reasons).encode("utf-8"), raw), changed)


def check_writable(path: Path) -> None:
    """InputError naming the file when ``path`` cannot be replaced by a new version of it.

    A file marked read-only is refused even for root, who could write it
    anyway (as a read-only claims file is); the folder must take the new
    file that replaces it.
    """
    shown = display(path)
    if not os.stat(path).st_mode & 0o222:
        raise InputError("the baseline is read-only; make it writable to rename the claim; nothing changed", shown)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("cannot write the baseline (permission denied); nothing changed", shown)


def write(rewrite: Rewrite) -> None:
    """Replace the baseline with its new text, atomically; InputError names the file on failure."""
    write_output(rewrite.path, rewrite.after)


def undo(rewrite: Rewrite) -> None:
    """Put back the bytes the baseline had before ``write``; InputError names the file on failure."""
    write_output(rewrite.path, rewrite.before)


@dataclass(frozen=True)
class Saved:
    """What ``save`` wrote: how many of the run's findings it accepts and leaves out, and the entries it kept unread."""

    accepted: int
    left_out: int
    unknown: list[Entry]


def save(
    path: Path, result: Result, previous: Sequence[Entry], fail_on: FailOn, judged: Callable[[str], bool]
) -> Saved:
    """Write the baseline of a run: what fails it now, and what ``previous`` accepted that still holds.

    A baseline exists so that a job fails only on new findings, so it records
    the findings that reach ``fail_on`` (with the default, errors: warnings
    never fail the job and stay reported on every run).  An entry of
    ``previous`` is kept when it still matches a finding, whatever its
    severity (a person accepted that warning), and, untouched, when this run
    could not judge it: its rule is off (``judged`` says which rules are on)
    or is one check does not know (renamed, or a typo).  The reasons of
    ``previous`` are kept.
    """
    reasons = {e.key: e.reason for e in previous}
    found = {f.key: f for f in result.findings}
    keys = {key for key, f in found.items() if fail_on.fails(f.severity) or key in reasons}
    accepted = len(keys)
    unknown = [e for e in previous if e.rule not in RULES]
    keys.update(e.key for e in previous if e.rule not in RULES or not judged(e.rule))
    on_disk = read_bytes(path, "baseline file") if path.is_file() else b""
    write_output(path, as_on_disk(_text(sorted(keys), reasons).encode("utf-8"), on_disk))
    return Saved(accepted, len(found) - accepted, unknown)
