"""``factcheck library list`` and ``stats``: what the library holds.

A group's sub-commands are not in ``render.formats.COMMANDS``, so their
renderers are named here, by format, and made safe by ``formats.safe``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcheck.library.index import Stats
from factcheck.library.records import FactCheckEntry


@dataclass(frozen=True)
class Contents:
    """The library's fact-checks (with where each came from) and documents (location, title, passages)."""

    factchecks: list[tuple[FactCheckEntry, str]]
    documents: list[tuple[str, str | None, int]]


@dataclass(frozen=True)
class Summary:
    """The library's folder and its counts."""

    folder: str
    stats: Stats


def renderers(kind: str) -> dict[str, Callable[[Any], Any]]:
    """The renderers of ``list`` or ``stats``, by format name (text first), each made safe to print."""
    import importlib

    from factcheck.render.formats import safe

    return {
        fmt: safe(fmt, importlib.import_module(f"factcheck.render.library.{kind}_{fmt}").render)
        for fmt in ("text", "json")
    }
