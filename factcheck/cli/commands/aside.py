"""``factcheck reject``, ``retire``, ``restore`` and ``rejected``: taking claims out of the fact-check and back."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, format_option, global_options, output_option
from factcheck.cli.output import Messages, emit
from factcheck.cli.settings import by_option
from factcheck.curate import claims as curate
from factcheck.model.claims import ClaimsFile, SetAside
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Aside
from factcheck.render.rejected import AsideRow
from factcheck.render.rejected.formats import FORMATS, Format
from factcheck.store.edit import edit_file
from factcheck.store.folder import Folder


def _set_aside(state: State, claim_id: str, kind: Aside, by: str, note: str | None) -> None:
    catalog = Folder(state.claims).load()
    stored, _ = catalog.get(claim_id)

    def change(claims_file: ClaimsFile) -> SetAside:
        return curate.set_aside(claims_file, claim_id, kind, by, note)

    edit_file(catalog, stored, change)
    tail = "; extract will not propose it again" if kind == Aside.REJECTED else ""
    Messages(state.quiet).say(f"{claim_id}: {kind}{tail} (factcheck restore {claim_id} undoes this)")


@click.command("reject")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.option("--note", help="Why it is not a claim worth checking.")
@by_option
@global_options
@click.pass_obj
def reject(state: State, claim_id: str, note: str | None, by: str) -> None:
    """Reject a proposal: it leaves the claims, and extract never proposes that sentence again.

    The claim is kept, set aside in its claims file: `factcheck rejected`
    lists it and `factcheck restore ID` brings it back as it was.

    \b
    Example:
      factcheck reject eurasian-crossroads --note "Scene-setting, not a claim."
    """
    _set_aside(state, claim_id, Aside.REJECTED, by, note)


@click.command("retire")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.option("--note", required=True, help="Why: e.g. the sentence was cut from the article.")
@by_option
@global_options
@click.pass_obj
def retire(state: State, claim_id: str, note: str, by: str) -> None:
    """Retire a claim whose sentence left the article, keeping its verdict and history.

    For a claim whose anchor is lost because the article no longer says it;
    if the article says it elsewhere, re-attach it with `factcheck anchor`.

    \b
    Example:
      factcheck retire tokayev-visit --note "The paragraph was cut in the 2 June revision."
    """
    _set_aside(state, claim_id, Aside.RETIRED, by, note)


@click.command("restore")
@click.argument("claim_id", metavar="ID", type=ClaimId(aside=True))
@global_options
@click.pass_obj
def restore(state: State, claim_id: str) -> None:
    """Bring back a rejected or retired claim, as it was when set aside.

    \b
    Example:
      factcheck restore eurasian-crossroads
    """
    catalog = Folder(state.claims).load()
    if claim_id not in catalog.aside:
        if claim_id in catalog.index:
            raise UsageError(f"claim {claim_id!r} is not set aside")
        catalog.get(claim_id)  # the unknown-id error, with the closest ids
    stored, _ = catalog.aside[claim_id]
    entry, _ = edit_file(catalog, stored, lambda claims_file: curate.restore(claims_file, claim_id))
    Messages(state.quiet).say(f"{claim_id}: restored (was {entry.kind} on {entry.at[:10]})")


@click.command("rejected")
@format_option(Format, Format.TEXT)
@output_option
@global_options
@click.pass_obj
def rejected(state: State, fmt: str, output_path: Path | None) -> None:
    """List the rejected proposals and retired claims, with who set each aside, when and why.

    \b
    Example:
      factcheck rejected --format json
    """
    catalog = Folder(state.claims).load()
    rows = [AsideRow(stored.shown, entry) for stored in catalog.files for entry in stored.claims_file.set_aside]
    emit(FORMATS[Format(fmt)](rows), output_path)
