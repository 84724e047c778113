"""``library stats --format text``."""

from __future__ import annotations

from factcheck.render.library import Summary
from factcheck.render.match.text import line


def render(summary: Summary) -> str:
    s = summary.stats
    return (
        f"library: {line(summary.folder)}\n"
        f"fact-checks: {s.factchecks:,} from {s.publishers:,} publisher{'s' if s.publishers != 1 else ''}"
        f", {s.with_meaning:,} with their vector of meaning\n"
        f"documents: {s.documents:,} in {s.passages:,} passages\n"
        f"size: {s.size_bytes / 1024 / 1024:.1f} MB\n"
    )
