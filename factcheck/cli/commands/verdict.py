"""``factcheck set``."""

from __future__ import annotations

import functools

import click

from factcheck.cli.ids import ids_argument
from factcheck.cli.options import State, StatusChoice, pass_state
from factcheck.cli.settings import by_option
from factcheck.curate.selection import Selection, choose
from factcheck.curate.verdicts import Recorded, check_verdict, set_verdict
from factcheck.model.claims import Claim, ClaimsFile
from factcheck.model.errors import InputError, UsageError
from factcheck.model.vocab import Status
from factcheck.store.edit import edit_file


@click.command("set")
@ids_argument()
@click.option("--all-unverified", is_flag=True, help="Every claim still unverified, instead of naming them.")
@click.option("--status", type=StatusChoice(), help="The verdict.")
@click.option("--note", help="Why: replaces the claim's note and is recorded in its history.")
@click.option("--claimant", help="Who made the claim, when not the article's author; an empty value clears it.")
@click.option("--force", is_flag=True, help="Verify a claim that has no supporting source.")
@by_option
@pass_state
def command(
    state: State,
    claim_ids: tuple[str, ...],
    all_unverified: bool,
    status: str | None,
    note: str | None,
    claimant: str | None,
    force: bool,
    by: str,
) -> None:
    """Record a verdict on claims; each change is appended to the claim's history.

    Name one claim or several (the same verdict and note for each), or take
    every claim still unverified (--all-unverified). Every claim is checked
    before anything is written: if one cannot take the verdict, none does.
    Giving the status that verify set makes it your verdict: verify no longer
    changes it, and it is published. --note alone never does.

    \b
    Examples:
      factcheck set zhongmei-deal --status unsupported --note "No record of such a deal."
      factcheck set visa-tourism visa-trade hub --status opinion --note "A forecast, not a fact."
      factcheck set trade-2022 --claimant "Ministry of Trade"
    """
    if status is None and note is None and claimant is None:
        raise UsageError("give --status, --note or --claimant")
    catalog = state.catalog()
    chosen = choose(catalog, claim_ids, Selection(unverified=all_unverified))
    verdict = Status(status) if status is not None else None
    if verdict is not None:
        for _, in_file in chosen:
            for claim_id in in_file:
                check_verdict(catalog.get(claim_id)[1], verdict, force)  # one refusal: nothing is written
    before = {i: (catalog.get(i)[1].status, catalog.get(i)[1].claimant) for _, in_file in chosen for i in in_file}
    recorded: dict[str, Recorded] = {}
    setters: dict[str, str] = {}  # who set the status a person confirms

    def change(claim: Claim) -> bool:
        done = Recorded.NOTHING
        if verdict is not None or note is not None:
            event = claim.verdict_event()
            done = set_verdict(claim, verdict, by, note, force)
            if done == Recorded.CONFIRMED and event is not None:
                setters[claim.id] = event.by
        recorded[claim.id] = done
        changed = done != Recorded.NOTHING
        if claimant is not None and claim.claimant != (claimant.strip() or None):
            claim.claimant = claimant.strip() or None
            changed = True
        return changed

    def change_file(claims_file: ClaimsFile, in_file: list[str]) -> list[tuple[Claim, bool]]:
        done = []
        for claim_id in in_file:
            claim = claims_file.get(claim_id)
            if claim is None:
                raise InputError(f"claim {claim_id!r} was removed from the file meanwhile")
            done.append((claim, change(claim)))
        return done

    say = state.say
    for stored, in_file in chosen:
        done, _ = edit_file(catalog, stored, functools.partial(change_file, in_file=in_file))
        for claim, changed in done:
            was_status, was_claimant = before[claim.id]
            if not changed:
                say(
                    f"{claim.id}: already {claim.status}; nothing changed" if status else f"{claim.id}: nothing changed"
                )
                continue
            what = recorded[claim.id]
            if was_status != claim.status:
                say(f"{claim.id}: {was_status} → {claim.status}")
            elif what == Recorded.CONFIRMED:
                setter = f" ({setters[claim.id]} had set it)" if claim.id in setters else ""
                say(f"{claim.id}: {claim.status}, now the verdict of {by}{setter}")
            elif what == Recorded.NOTE:
                say(f"{claim.id}: note updated (status stays {claim.status})")
            elif what == Recorded.REVIEWED:
                say(f"{claim.id}: review flag cleared (status stays {claim.status})")
            if claimant is not None and was_claimant != claim.claimant:
                say(f"{claim.id}: claimant {claim.claimant or '(cleared: the article author)'}")
