"""Showing archive's progress on stderr: a bar on a terminal, one line per URL elsewhere, nothing when quiet."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol

from factcheck.publish.archiving import Archived
from factcheck.render.archive import result_line
from factcheck.text.clean import clean, excerpt

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, result: Archived) -> None: ...
    def stop(self) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, result: Archived) -> None:
        pass

    def stop(self) -> None:
        pass


class Lines:
    """One line per URL done: for logs and pipes."""

    def __init__(self) -> None:
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, result: Archived) -> None:
        self.done += 1
        sys.stderr.write(f"[{self.done}/{self.total}] {clean(result.url, single_line=True)}: {result_line(result)}\n")
        sys.stderr.flush()

    def stop(self) -> None:
        sys.stderr.flush()


class Bar:
    """A rich progress bar on the terminal's stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        from factcheck.cli.output import err_console

        self.bar = RichProgress(
            TextColumn("archiving"),
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
        self.task = self.bar.add_task("archive", total=total, last="")

    def advance(self, result: Archived) -> None:
        assert self.task is not None
        self.bar.update(self.task, advance=1, last=excerpt(f"{result.how}: {result.url}", 60))

    def stop(self) -> None:
        self.bar.stop()


def progress(quiet: bool) -> Progress:
    """A bar on a terminal, plain lines otherwise, nothing when quiet."""
    if quiet:
        return Silent()
    return Bar() if sys.stderr.isatty() else Lines()
