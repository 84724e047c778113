"""``factcheck library list`` and ``stats``: what the library holds."""

from __future__ import annotations

from dataclasses import dataclass

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
