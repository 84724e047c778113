"""What ``archive`` made of each URL: what its renderers read, with nothing of the network or the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# How a URL came out, as ``Archived.how``.
FOUND = "found"  # a recent snapshot already existed
CAPTURED = "captured"  # Save Page Now made one in this run
OLDER = "older"  # no new capture; an older snapshot was kept
FAILED = "failed"  # no copy


class Copy(Protocol):
    """A copy of a page in a web archive, as a result shows it (``net.archive.Snapshot`` is one)."""

    @property
    def url(self) -> str: ...

    @property
    def archived_at(self) -> str: ...


@dataclass(frozen=True)
class Archived:
    """What became of one URL."""

    url: str
    how: str  # FOUND, CAPTURED, OLDER or FAILED
    snapshot: Copy | None  # a net.archive.Snapshot
    error: str | None = None  # why nothing new was made (OLDER, FAILED)
    kind: str | None = None  # the ArchiveError kind, when there was one
    seconds: float = 0.0
    recorded: int = 0  # sources that now carry the copy


@dataclass
class Run:
    """The whole run: one result per URL, in the order they finished."""

    results: list[Archived] = field(default_factory=list)
    already: int = 0  # sources of the chosen claims that had a copy already
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.how != FAILED for r in self.results)

    def count(self, how: str) -> int:
        return sum(1 for r in self.results if r.how == how)
