"""``factcheck verify``: progress while fetching, then one row per claim, and a summary.

Everything a source sent (passages, facts found, error text) has been
through ``sanitize.clean`` before it is stored; it is cleaned again here and
always printed as ``rich.text.Text``, never parsed as markup.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from factcheck import sanitize
from factcheck.render import console
from factcheck.verify import DEAD_AFTER

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID
    from rich.text import Text

    from factcheck.probe import Probe
    from factcheck.verify import ClaimResult, Run, SourceResult

OUTCOME_STYLES = {
    "supported": "green",
    "weak": "yellow",
    "contradicts": "red",
    "changed": "magenta",
    "failing": "yellow",
    "dead": "red",
    "blocked": "dark_orange",
    "unreadable": "bright_black",
}
PASSAGE_WIDTH = 100


def _c(text: str | None) -> str:
    return sanitize.clean(text or "", single_line=True)


def _probe_summary(probe: Probe) -> str:
    if probe.kind == "ok":
        how = "from the cache" if probe.from_cache else f"{probe.http_status}"
        return f"{how}, {probe.seconds:.2f} s"
    if probe.kind == "uncached":
        return "not in the cache"
    return f"{probe.kind}: {_c(probe.error)}"


class PlainProgress:
    """One line on stderr per URL done: for logs and pipes."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, probe: Probe) -> None:
        self.done += 1
        sys.stderr.write(f"[{self.done}/{self.total}] {_c(probe.url)}: {_probe_summary(probe)}\n")

    def stop(self) -> None:
        sys.stderr.flush()


class BarProgress:
    """A rich progress bar on the terminal's stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            console=console.err(),
            transient=True,
        )
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("fetch", total=total, last="")

    def advance(self, probe: Probe) -> None:
        assert self.task is not None
        self.bar.update(self.task, advance=1, last=sanitize.excerpt(probe.url, 60))

    def stop(self) -> None:
        self.bar.stop()


def progress():  # -> verify.Progress
    """A bar on a terminal, plain lines otherwise."""
    return BarProgress() if console.err().is_terminal else PlainProgress()


# --- results ------------------------------------------------------------------------


def _source_record(source: SourceResult) -> dict[str, Any]:
    check = source.last_check
    record: dict[str, Any] = {
        "url": source.url,
        "stance": source.stance,
        "checked": source.checked,
        "note": source.note,
        "previous": source.previous,
        "from_cache": source.from_cache,
    }
    check_dict = check.to_dict() if check is not None and source.checked else None
    if check_dict is not None:
        for key in ("passage", "error"):
            if check_dict[key] is not None:
                check_dict[key] = _c(check_dict[key])
    record["last_check"] = check_dict
    return record


def _claim_record(result: ClaimResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "file": result.file,
        "before": result.before,
        "status": result.after,
        "changed": result.changed,
        "ok": result.ok,
        "unsourced": result.unsourced,
        "verdict_kept": result.verdict_kept,
        "reason": _c(result.reason),
        "drift": [_c(d) for d in result.drift],
        "sources": [_source_record(s) for s in result.sources],
    }


def as_json(run: Run) -> str:
    """The run as one JSON document: a summary and one object per claim."""
    document = {
        "ok": run.ok,
        "summary": _counts(run),
        "claims": [_claim_record(c) for c in run.claims],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _counts(run: Run) -> dict[str, Any]:
    statuses: dict[str, int] = {}
    for claim in run.claims:
        statuses[claim.after] = statuses.get(claim.after, 0) + 1
    return {
        "claims": len(run.claims),
        "statuses": statuses,
        "changed": sum(1 for c in run.claims if c.changed),
        "unsourced": sum(1 for c in run.claims if c.unsourced),
        "urls": run.urls,
        "fetched": run.fetched,
        "from_cache": run.from_cache,
        "not_checked": len(run.not_checked()),
        "seconds": round(run.seconds, 2),
    }


def _status_cell(result: ClaimResult) -> Text:
    from rich.text import Text

    cell = Text()
    if result.changed:
        cell.append_text(console.status_text(result.before))
        cell.append(" → ")
    cell.append_text(console.status_text(result.after))
    return cell


def _source_lines(source: SourceResult, width: int | None = PASSAGE_WIDTH) -> list[Text]:
    from rich.text import Text

    check = source.last_check
    line = Text()
    if not source.checked or check is None:
        line.append("not checked", style="dim")
        line.append(f"  {_c(source.url)}  ({_c(source.note)})")
        return [line]
    line.append(check.outcome, style=OUTCOME_STYLES.get(check.outcome, ""))
    if check.outcome == "failing" and check.failures:
        # How close a failing source is to being called dead.
        line.append(f" ({check.failures} of {DEAD_AFTER} runs)")
    if check.score is not None:
        line.append(f" {check.score:g}")
    if source.stance != "supports":
        line.append(f" [{source.stance}]", style="dim")
    line.append(f"  {_c(source.url)}")
    if source.from_cache:
        line.append(" (cached)", style="dim")
    lines = [line]
    if check.error:
        lines.append(Text(f"  {_c(check.error)}", style="dim"))
    elif check.passage:
        passage = sanitize.excerpt(check.passage, width) if width else _c(check.passage)
        lines.append(Text(f"  “{passage}”", style="dim"))
    return lines


def as_plain(run: Run) -> str:
    """One line per claim and an indented line or two per source: for pipes and logs."""
    out: list[str] = []
    for result in run.claims:
        status = f"{result.before} → {result.after}" if result.changed else result.after
        out.append(f"{result.id}  {status}  {_c(result.reason)}")
        for source in result.sources:
            for line in _source_lines(source, width=None):
                out.append("    " + line.plain)
        for drift in result.drift:
            out.append(f"    drift: {_c(drift)}")
    return "\n".join(out) + ("\n" if out else "")


def print_table(run: Run, out: Console | None = None) -> None:
    """The results on stdout (or ``out``): a table on a terminal, plain lines otherwise."""
    out = out or console.out()
    if not out.is_terminal:
        out.file.write(as_plain(run))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("sources and why", ratio=1)
    for result in run.claims:
        detail = Text(_c(result.reason))
        for source in result.sources:
            for line in _source_lines(source):
                detail.append("\n")
                detail.append_text(line)
        for drift in result.drift:
            detail.append("\n")
            detail.append(f"drift: {_c(drift)}", style="bold yellow")
        table.add_row(Text(_c(result.id)), _status_cell(result), detail)
    out.print(table)


def summary(run: Run) -> str:
    """One line: how the claims ended and what was fetched."""
    counts = _counts(run)
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(counts["statuses"].items()))
    parts = [
        f"{counts['claims']} claim{'s' if counts['claims'] != 1 else ''} checked"
        + (f": {statuses}" if statuses else "")
    ]
    if counts["changed"]:
        parts.append(f"{counts['changed']} changed status")
    if counts["unsourced"]:
        parts.append(f"{counts['unsourced']} unsourced")
    if run.offline:
        parts.append(f"{counts['from_cache']} of {counts['urls']} URLs read from the cache")
    else:
        cached = f", {counts['from_cache']} unchanged since cached" if counts["from_cache"] else ""
        urls = "URL" if counts["fetched"] == 1 else "URLs"
        parts.append(f"{counts['fetched']} {urls} fetched{cached} in {counts['seconds']:.1f} s")
    return "; ".join(parts)


def print_summary(run: Run) -> None:
    """The summary and the sources that could not be checked, on stderr."""
    err = console.err()
    from rich.text import Text

    for claim_id, url, why in run.not_checked():
        err.print(Text(f"not checked: {_c(url)} (claim {claim_id}): {_c(why)}"), soft_wrap=True)
    err.print(Text(summary(run)), soft_wrap=True)
