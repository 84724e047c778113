"""The parts of an article that claims already cover, asked "does this span overlap one?" in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Covered:
    """A set of character spans ``[start, end)``, kept as sorted, disjoint runs.

    Only whether a span overlaps any of them is ever asked, so spans that
    overlap or touch are merged into one run: the answer is the same, and a
    bisection finds the one run that can overlap.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)`` (nothing when it is empty)."""
        if start >= end:
            return
        # The runs that overlap or touch the new span are replaced by one run.
        first = bisect_left(self._ends, start)
        last = bisect_right(self._starts, end)
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a covered span."""
        if start >= end:
            return False
        # Runs are disjoint and sorted, so the last one starting before ``end`` reaches furthest.
        at = bisect_left(self._starts, end) - 1
        return at >= 0 and self._ends[at] > start
