"""``factcheck set``."""

from __future__ import annotations

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, global_options
from factcheck.cli.output import Messages
from factcheck.cli.settings import by_option
from factcheck.curate.verdicts import set_verdict
from factcheck.model.claims import Claim
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Status
from factcheck.store.edit import edit_claim
from factcheck.store.folder import Folder


@click.command("set")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.option("--status", type=click.Choice([str(s) for s in Status]), help="The verdict.")
@click.option("--note", help="Why: replaces the claim's note and is recorded in its history.")
@click.option("--claimant", help="Who made the claim, when not the article's author; an empty value clears it.")
@click.option("--force", is_flag=True, help="Verify a claim that has no supporting source.")
@by_option
@global_options
@click.pass_obj
def command(
    state: State, claim_id: str, status: str | None, note: str | None, claimant: str | None, force: bool, by: str
) -> None:
    """Record a verdict on a claim; the change is appended to its history.

    \b
    Examples:
      factcheck set zhongmei-deal --status unsupported --note "No record of such a deal."
      factcheck set trade-2022 --claimant "Ministry of Trade"
    """
    if status is None and note is None and claimant is None:
        raise UsageError("give --status, --note or --claimant")
    catalog = Folder(state.claims).load()
    before = catalog.get(claim_id)[1]
    was_status, was_claimant = before.status, before.claimant

    def change(claim: Claim) -> None:
        if status is not None or note is not None:
            set_verdict(claim, Status(status) if status is not None else claim.status, by, note, force)
        if claimant is not None:
            claim.claimant = claimant.strip() or None

    _, claim, written = edit_claim(catalog, claim_id, change)
    say = Messages(state.quiet).say
    if not written:
        say(f"{claim_id}: already {claim.status}; nothing changed" if status else f"{claim_id}: nothing changed")
        return
    if was_status != claim.status:
        say(f"{claim_id}: {was_status} → {claim.status}")
    elif note is not None:
        say(f"{claim_id}: note updated (status stays {claim.status})")
    if claimant is not None and was_claimant != claim.claimant:
        say(f"{claim_id}: claimant {claim.claimant or '(cleared: the article author)'}")
