"""``factcheck source add`` and ``factcheck source remove``."""

from __future__ import annotations

import click

from factcheck.cli import settings
from factcheck.cli.options import State, global_options
from factcheck.cli.output import Messages
from factcheck.cli.params import PartialDate
from factcheck.curate import sources
from factcheck.model.claims import Source
from factcheck.model.errors import ExitCode
from factcheck.model.vocab import Stance
from factcheck.store.edit import edit_claim
from factcheck.store.folder import Folder


@click.group("source")
def command() -> None:
    """Add, remove or acknowledge a claim's sources."""


@command.command("add")
@click.argument("claim_id", metavar="ID")
@click.argument("url")
@click.option("--quote", help="The evidence, exactly as it appears in the source.")
@click.option("--title", help="The source's title.")
@click.option("--publisher", help="Who published it.")
@click.option("--date", type=PartialDate(), help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option(
    "--stance",
    type=click.Choice([str(s) for s in Stance]),
    default=str(Stance.SUPPORTS),
    show_default=True,
    help="Whether the source supports the claim, contradicts it, or gives context.",
)
@click.option("--archive", "archive_now", is_flag=True, help="Keep a web-archive copy of the page now (see archive).")
@settings.archive_options
@global_options
@click.pass_obj
def add(
    state: State,
    claim_id: str,
    url: str,
    quote: str | None,
    title: str | None,
    publisher: str | None,
    date: str | None,
    stance: str,
    archive_now: bool,
    **network: object,
) -> None:
    """Cite a source for a claim.

    With --archive, the page is also kept in a web archive on the spot: a
    recent snapshot if there is one, else a capture by Save Page Now.

    \b
    Example:
      factcheck source add sco-members https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation \\
        --quote "Pakistan joined in 2017" --title "Shanghai Cooperation Organisation" --archive
    """
    sources.check_url(url)
    new = Source(url=url, title=title, publisher=publisher, date=date, quote=quote, stance=Stance(stance))
    catalog = Folder(state.claims).load()
    edit_claim(catalog, claim_id, lambda c: sources.add_source(c, new))
    say = Messages(state.quiet).say
    say(f"{claim_id}: added {url}")
    if not archive_now:
        return
    from factcheck.publish import archiving
    from factcheck.render.archive import result_line

    policy, endpoints, pace = settings.archive_config(**network)  # type: ignore[arg-type]
    targets, _ = archiving.select(catalog, [claim_id], endpoints)
    wanted = [t for t in targets if sources.same_url(t.url, url)]
    result = archiving.run(wanted, policy, endpoints, pace)
    for done in result.results:
        say(f"{claim_id}: {result_line(done)}")
    if not result.ok:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))


@command.command("ack")
@click.argument("claim_id", metavar="ID")
@click.argument("url")
@global_options
@click.pass_obj
def ack(state: State, claim_id: str, url: str) -> None:
    """Acknowledge that a source's page changed, once you have looked at it.

    verify marks a source whose page changed and lost the evidence; the mark
    stays (and check and report show it) until a person acknowledges it.

    \b
    Example:
      factcheck source ack train-days https://railfreight.com/beltandroad/2023/04/18/x
    """
    done, _, _ = edit_claim(Folder(state.claims).load(), claim_id, lambda c: sources.acknowledge_change(c, url))
    Messages(state.quiet).say(
        f"{claim_id}: {'acknowledged the change of' if done else 'no change to acknowledge at'} {url}"
    )


@command.command("remove")
@click.argument("claim_id", metavar="ID")
@click.argument("url")
@global_options
@click.pass_obj
def remove(state: State, claim_id: str, url: str) -> None:
    """Stop citing a source.

    \b
    Example:
      factcheck source remove sco-members https://example.org/old-page
    """
    edit_claim(Folder(state.claims).load(), claim_id, lambda c: sources.remove_source(c, url))
    Messages(state.quiet).say(f"{claim_id}: removed {url}")
