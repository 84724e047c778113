"""``factcheck set``."""

from __future__ import annotations

import click

from factcheck.cli.options import State, global_options
from factcheck.cli.output import Messages
from factcheck.cli.settings import by_option
from factcheck.curate.verdicts import set_verdict
from factcheck.model.vocab import Status
from factcheck.store.edit import edit_claim
from factcheck.store.folder import Folder


@click.command("set")
@click.argument("claim_id", metavar="ID")
@click.option("--status", required=True, type=click.Choice([str(s) for s in Status]), help="The verdict.")
@click.option("--note", help="Why: replaces the claim's note and is recorded in its history.")
@by_option
@global_options
@click.pass_obj
def command(state: State, claim_id: str, status: str, note: str | None, by: str) -> None:
    """Record a verdict on a claim; the change is appended to its history.

    \b
    Example:
      factcheck set zhongmei-deal --status unsupported --note "No record of such a deal."
    """
    catalog = Folder(state.claims).load()
    before = catalog.get(claim_id)[1].status
    _, claim, written = edit_claim(catalog, claim_id, lambda c: set_verdict(c, Status(status), by, note))
    say = Messages(state.quiet).say
    if not written:
        say(f"{claim_id}: already {claim.status}; nothing changed")
    elif before != claim.status:
        say(f"{claim_id}: {before} → {claim.status}")
    else:
        say(f"{claim_id}: note updated (status stays {claim.status})")
