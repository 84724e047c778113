"""Showing verify's fetching as it goes, on stderr: a bar on a terminal, one line per URL elsewhere."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from factcheck.net.probe import Fetched
from factcheck.net.schedule import Progress, SilentProgress
from factcheck.text.clean import clean, excerpt

if TYPE_CHECKING:
    from rich.progress import TaskID


def probe_line(fetched: Fetched) -> str:
    """What getting one URL gave, in a few words."""
    if fetched.kind == "page":
        how = "from the cache" if fetched.from_cache else f"{fetched.http_status}"
        return f"{how}, {fetched.seconds:.2f} s"
    if fetched.kind == "uncached":
        return "not in the cache"
    return f"{fetched.kind}: {clean(fetched.error or '', single_line=True)}"


class PlainProgress:
    """One line on stderr per URL done: for logs and pipes."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, fetched: Fetched) -> None:
        self.done += 1
        sys.stderr.write(f"[{self.done}/{self.total}] {clean(fetched.url, single_line=True)}: {probe_line(fetched)}\n")

    def stop(self) -> None:
        sys.stderr.flush()


class BarProgress:
    """A rich progress bar on the terminal's stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        from factcheck.cli.output import err_console

        self.bar = Bar(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            console=err_console(),
            transient=True,
        )
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("fetch", total=total, last="")

    def advance(self, fetched: Fetched) -> None:
        assert self.task is not None
        self.bar.update(self.task, advance=1, last=excerpt(fetched.url, 60))

    def stop(self) -> None:
        self.bar.stop()


def progress(quiet: bool) -> Progress:
    """A bar on a terminal, plain lines otherwise, nothing when quiet."""
    if quiet:
        return SilentProgress()
    return BarProgress() if sys.stderr.isatty() else PlainProgress()
