"""Showing a run's progress on stderr: a bar on a terminal, one line per item elsewhere, nothing when quiet.

verify reports each URL fetched, archive each URL archived; both take what
to say of an item as a function.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from factcheck.net.probe import Fetched, ProbeKind
from factcheck.net.schedule import Progress, SilentProgress
from factcheck.text.clean import clean, excerpt

if TYPE_CHECKING:
    from rich.progress import TaskID

T = TypeVar("T")


class Lines(Generic[T]):
    """One line per item done: for logs and pipes."""

    def __init__(self, line: Callable[[T], str]) -> None:
        self.line = line
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, item: T) -> None:
        self.done += 1
        sys.stderr.write(f"[{self.done}/{self.total}] {self.line(item)}\n")
        sys.stderr.flush()

    def stop(self) -> None:
        sys.stderr.flush()


class Bar(Generic[T]):
    """A rich progress bar on the terminal's stderr, naming the last item done."""

    def __init__(self, label: str, last: Callable[[T], str]) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        from factcheck.cli.output import rich_console

        self.last = last
        self.bar = RichProgress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            console=rich_console(stderr=True),
            transient=True,
        )
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("run", total=total, last="")

    def advance(self, item: T) -> None:
        assert self.task is not None
        self.bar.update(self.task, advance=1, last=excerpt(self.last(item), 60))

    def stop(self) -> None:
        self.bar.stop()


def progress(quiet: bool, label: str, line: Callable[[T], str], last: Callable[[T], str]) -> Progress[T]:
    """A bar on a terminal (``label``, then the ``last`` item), ``line`` per item otherwise, nothing when quiet."""
    if quiet:
        return SilentProgress()
    return Bar(label, last) if sys.stderr.isatty() else Lines(line)


def probe_line(fetched: Fetched) -> str:
    """What getting one URL gave, in a few words."""
    if fetched.kind == ProbeKind.PAGE:
        how = "from the cache" if fetched.from_cache else f"{fetched.http_status}"
        return f"{how}, {fetched.seconds:.2f} s"
    if fetched.kind == ProbeKind.UNCACHED:
        return "not in the cache"
    return f"{fetched.kind}: {clean(fetched.error or '', single_line=True)}"


def fetching(quiet: bool) -> Progress[Fetched]:
    """verify's progress: each URL fetched and what it gave."""
    return progress(
        quiet,
        "fetching",
        lambda fetched: f"{clean(fetched.url, single_line=True)}: {probe_line(fetched)}",
        lambda fetched: fetched.url,
    )
