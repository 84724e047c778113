"""``factcheck archive``."""

from __future__ import annotations

import click

from factcheck.cli import settings
from factcheck.cli.ids import Chosen, chosen_options
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.progress import Progress, progress
from factcheck.model.errors import ExitCode
from factcheck.publish import archiving
from factcheck.render.archive import result_line, summary
from factcheck.text.clean import clean


@click.command("archive")
@chosen_options("Archive the sources of every claim.")
@settings.max_age_option("A snapshot older than this is not enough: the page is captured anew.")
@settings.archive_options
@output_options("archive")
@pass_state
def command(
    state: State,
    chosen: Chosen,
    max_age: int,
    out: Output,
    archive_setup: settings.Archiving,
    network: settings.Network,
) -> None:
    """Keep a web-archive copy of each source: find a recent snapshot, or ask Save Page Now for one.

    For every source of the given claims (or of all claims) that has no
    archive copy yet, the Wayback Machine's availability API is asked for a
    snapshot taken within --max-age days; failing that, the page is sent to
    Save Page Now.  The copy is recorded on the source (archive_url,
    archived_at) as soon as it is known.  Captures are paced (--archive-pace),
    a 429's Retry-After is honoured, and a capture slower than --archive-wait
    is left to finish on its own.  Exit 1 when a URL got no copy.

    \b
    Examples:
      factcheck archive --all
      factcheck archive sco-members cpec-invest
      factcheck archive --all --archive-api https://archive.example.org --archive-save https://archive.example.org
    """
    policy, endpoints, pace = archive_setup.config(network, max_age)
    targets, already = archiving.select(state.catalog(), chosen.ids, endpoints)
    shown: Progress[archiving.Archived] = progress(
        state.quiet or not targets,
        "archiving",
        lambda done: f"{clean(done.url, single_line=True)}: {result_line(done)}",
        lambda done: f"{done.how}: {done.url}",
    )
    shown.start(len(targets))
    try:
        result = archiving.run(targets, policy, endpoints, pace, shown.advance, already)
    finally:
        shown.stop()
    out.emit(result)
    state.say(summary(result))
    if not result.ok:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))
