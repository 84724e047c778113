"""``factcheck verify``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import settings
from factcheck.cli.ids import Chosen, chosen_options
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.params import Shard
from factcheck.cli.progress import fetching
from factcheck.model import defaults
from factcheck.model.defaults import ARCHIVE_API
from factcheck.model.errors import ExitCode
from factcheck.render.verify import text as verify_text
from factcheck.verify import lifecycle, run


@click.command("verify")
@chosen_options("Verify every claim.")
@settings.option("jobs", defaults.JOBS, "URLs fetched at the same time.", "N")
@settings.option("per-host", defaults.PER_HOST, "Connections to one host at a time.", "N")
@settings.network_options
@settings.option("dead-after", defaults.DEAD_AFTER, "A source failing on this many runs in a row ...", "N")
@settings.option("dead-days", defaults.DEAD_DAYS, "... spread over at least this many days is dead.", "DAYS")
@settings.option(
    "recheck-days", defaults.RECHECK_DAYS, "Record an unchanged finding again once the last is this old.", "DAYS"
)
@settings.option(
    "fresh-minutes", defaults.FRESH_MINUTES, "A page fetched this recently is taken from the cache.", "MINUTES"
)
@click.option("--refresh", is_flag=True, help="Ask for every page again, however fresh the cached copy.")
@click.option("--offline", is_flag=True, help="Use the cached pages alone; fetch nothing.")
@settings.option("processes", None, "Processes reading pages in big runs. [default: one per CPU beyond the first]", "N")
@click.option("--shard", type=Shard(), help="Verify only the I-th of N stable shares of the claims (for CI).")
@settings.option("cache-dir", None, "Where fetched pages are cached. [default: web/ in the user cache folder]", "DIR")
@settings.option(
    "archive-api", ARCHIVE_API, "Where to look for archived copies of pages that died or lost the evidence.", "URL"
)
@click.option("--no-archive", is_flag=True, help="Do not look for archived copies.")
@output_options("verify")
@pass_state
def command(
    state: State,
    chosen: Chosen,
    jobs: int,
    per_host: int,
    network: settings.Network,
    dead_after: int,
    dead_days: float,
    recheck_days: float,
    fresh_minutes: float,
    refresh: bool,
    offline: bool,
    processes: int | None,
    shard: tuple[int, int] | None,
    cache_dir: Path | None,
    archive_api: str,
    no_archive: bool,
    out: Output,
) -> None:
    """Fetch the claims' sources, find the quoted evidence, compare the key facts, record the result.

    Each cited URL is fetched once (concurrently, a few at a time per host,
    through a cache), its text extracted, and each source's quote looked for
    exactly and then fuzzily; the claim's numbers and dates are compared with
    the passage found.  A claim nobody has judged becomes verified when a
    supporting source supports it, unsupported when none can.  A person's
    verdict (any status, verified included) is never changed: where the
    sources go against it, the claim is flagged for review, with the reason.
    When a page died or lost the evidence, the evidence is looked for in the
    page's archived copy: if it holds there, the claim is not moved to
    unsupported.  Exit 0 when every claim checked ends verified or carries a
    person's verdict the sources do not go against, 1 otherwise.

    \b
    Examples:
      factcheck verify cpec-invest
      factcheck verify --all --jobs 32
      factcheck verify --all --shard 2/4 --format json
      factcheck verify --all --offline
    """
    policy = network.policy(per_host=per_host)
    options = run.Options(
        policy=policy,
        jobs=jobs,
        offline=offline,
        cache_dir=cache_dir,
        fresh_seconds=fresh_minutes * 60,
        refresh=refresh,
        processes=processes,
        rules=lifecycle.Rules(dead_after=dead_after, dead_days=dead_days, recheck_days=recheck_days),
        archive_api=None if no_archive else archive_api,
        no_copy_days=0.0 if chosen.ids else defaults.NO_COPY_DAYS,  # a person asking about a claim asks now
    )
    selected = run.select(state.catalog(), chosen.ids or (), shard)
    result = run.run(selected, options, fetching(state.quiet))
    out.emit(result)
    say = state.say
    for line in verify_text.not_checked(result):
        say(line)
    say(verify_text.summary(result))
    if not result.ok:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))
