"""Baselines: accept today's findings so that CI reports only new ones.

A baseline is a JSON file of entries matched by rule, claim id and source
URL (never by line number, so edits elsewhere in a claims file do not break
the match).  Each entry may carry a ``reason`` saying why it is accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.check import Finding
from factcheck.errors import InputError

VERSION = 1


@dataclass(frozen=True)
class Entry:
    rule: str
    claim: str
    url: str
    reason: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.claim, self.url)


def read(path: Path) -> list[Entry]:
    """The entries of a baseline file; InputError names the file and the problem."""
    where = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such baseline file", where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", where, exc.lineno, exc.colno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the baseline: {exc}", where) from None
    if (
        not isinstance(document, dict)
        or document.get("version") != VERSION
        or not isinstance(document.get("findings"), list)
    ):
        raise InputError(f'a baseline is a JSON object {{"version": {VERSION}, "findings": [...]}}', where)
    entries = []
    for number, item in enumerate(document["findings"]):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("rule", "claim")):
            raise InputError(f"findings[{number}]: needs string fields rule and claim", where)
        entries.append(Entry(item["rule"], item["claim"], item.get("url") or "", item.get("reason")))
    return entries


def render(findings: Iterable[Finding], reasons: dict[tuple[str, str, str], str | None] | None = None) -> str:
    """The text of a baseline accepting these findings, keeping known reasons."""
    reasons = reasons or {}
    keys = sorted({f.key for f in findings})
    items = [{"rule": r, "claim": c, "url": u or None, "reason": reasons.get((r, c, u))} for r, c, u in keys]
    return json.dumps({"version": VERSION, "findings": items}, indent=2, ensure_ascii=False) + "\n"


def apply(findings: list[Finding], entries: list[Entry]) -> tuple[list[Finding], list[Entry]]:
    """The findings the baseline does not accept, and the entries that matched nothing."""
    accepted = {e.key for e in entries}
    found = {f.key for f in findings}
    return [f for f in findings if f.key not in accepted], [e for e in entries if e.key not in found]
