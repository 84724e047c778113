"""``factcheck list``."""

from __future__ import annotations

import click

from factcheck.cli import output
from factcheck.cli.options import Output, State, StatusChoice, output_options, pass_state, processes_option
from factcheck.render.listing import Listing
from factcheck.report import listing


@click.command("list")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=StatusChoice(),
    help="Only claims with this status (repeat for several).",
)
@click.option("--unsourced", is_flag=True, help="Only claims without any source.")
@output_options("list")
# The setting check and verify read too: one key, one environment variable.
@processes_option("Processes for big folders (64 files or more). [default: one per CPU]")
@pass_state
def command(state: State, statuses: tuple[str, ...], unsourced: bool, out: Output, processes: int | None) -> None:
    """List the claims, one row per claim.

    Nothing is written until every claims file is read and found valid: a
    file refused leaves no rows behind.  A folder of a million claims still
    lists in little memory, its files read on every CPU (--processes 1 reads
    them in one process).

    \b
    Examples:
      factcheck list
      factcheck list --status unverified --status unsupported
      factcheck list --unsourced --format json
    """
    rows = listing.rows(state.folder(), frozenset(statuses), unsourced, processes)
    width = output.width() if out.output_path is None else None
    out.emit(Listing(rows, width))
