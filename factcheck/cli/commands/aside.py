"""``factcheck reject``, ``retire``, ``restore`` and ``rejected``: taking claims out of the fact-check and back."""

from __future__ import annotations

import functools

import click

from factcheck.cli.ids import ids_argument
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.params import FiniteFloat
from factcheck.cli.settings import by_option
from factcheck.curate import claims as curate
from factcheck.curate.selection import Selection, choose, chosen_aside
from factcheck.model.claims import ClaimsFile, SetAside
from factcheck.model.vocab import Aside
from factcheck.render.rejected import AsideRow
from factcheck.store.edit import edit_file


def _set_aside(
    state: State, ids: tuple[str, ...], selection: Selection, kind: Aside, by: str, note: str | None
) -> None:
    catalog = state.catalog()
    chosen = choose(catalog, ids, selection)
    say = state.say
    for stored, in_file in chosen:
        edit_file(catalog, stored, functools.partial(_aside_all, ids=in_file, kind=kind, by=by, note=note))
        tail = "; extract will not propose it again" if kind == Aside.REJECTED else ""
        for claim_id in in_file:
            say(f"{claim_id}: {kind}{tail} (factcheck restore {claim_id} undoes this)")


def _aside_all(claims_file: ClaimsFile, ids: list[str], kind: Aside, by: str, note: str | None) -> list[SetAside]:
    return [curate.set_aside(claims_file, claim_id, kind, by, note) for claim_id in ids]


def _restore_all(claims_file: ClaimsFile, ids: list[str], by: str) -> list[SetAside]:
    return [curate.restore(claims_file, claim_id, by) for claim_id in ids]


@click.command("reject")
@ids_argument()
@click.option("--all-unverified", is_flag=True, help="Reject every claim still unverified instead of naming them.")
@click.option(
    "--below",
    type=FiniteFloat(0, 1),
    help="With --all-unverified: only the claims whose check-worthiness score is below this.",
)
@click.option("--note", help="Why it is not a claim worth checking.")
@by_option
@pass_state
def reject(
    state: State, claim_ids: tuple[str, ...], all_unverified: bool, below: float | None, note: str | None, by: str
) -> None:
    """Reject proposals: they leave the claims, and extract never proposes those sentences again.

    The claims are kept, set aside in their claims file: `factcheck rejected`
    lists them and `factcheck restore ID` brings one back as it was. Name
    the claims, or take every unverified one (--all-unverified), optionally
    only those extract scored below a check-worthiness (--below). Every id is
    checked before anything is written.

    \b
    Examples:
      factcheck reject eurasian-crossroads --note "Scene-setting, not a claim."
      factcheck reject headline-words byline --note "Page furniture."
      factcheck reject --all-unverified --below 0.4 --note "Framing, below the desk's bar."
    """
    _set_aside(state, claim_ids, Selection(unverified=all_unverified, below=below), Aside.REJECTED, by, note)


@click.command("retire")
@ids_argument()
@click.option("--all-lost", is_flag=True, help="Retire every claim that can no longer be found in its article.")
@click.option("--note", required=True, help="Why: e.g. the sentence was cut from the article.")
@by_option
@pass_state
def retire(state: State, claim_ids: tuple[str, ...], all_lost: bool, note: str, by: str) -> None:
    """Retire claims whose sentences left the article, keeping their verdicts and history.

    For claims whose anchor is lost because the article no longer says them
    (--all-lost takes every such claim); if the article says one elsewhere,
    re-attach it with `factcheck anchor` instead.

    \b
    Examples:
      factcheck retire tokayev-visit --note "The paragraph was cut in the 2 June revision."
      factcheck retire --all-lost --note "Cut in the 2 June revision."
    """
    _set_aside(state, claim_ids, Selection(lost=all_lost), Aside.RETIRED, by, note)


@click.command("restore")
@ids_argument(aside=True)
@by_option
@pass_state
def restore(state: State, claim_ids: tuple[str, ...], by: str) -> None:
    """Bring back rejected or retired claims, as they were when set aside.

    The claim's history records who set it aside, when and why, and who
    brought it back.

    \b
    Example:
      factcheck restore eurasian-crossroads cpec-2015
    """
    catalog = state.catalog()
    say = state.say
    for stored, in_file in chosen_aside(catalog, claim_ids):
        entries, _ = edit_file(catalog, stored, functools.partial(_restore_all, ids=in_file, by=by))
        for entry in entries:
            say(f"{entry.claim.id}: restored (was {entry.kind} on {entry.at[:10]})")


@click.command("rejected")
@output_options("rejected")
@pass_state
def rejected(state: State, out: Output) -> None:
    """List the rejected proposals and retired claims, with who set each aside, when and why.

    \b
    Example:
      factcheck rejected --format json
    """
    catalog = state.catalog()
    rows = [AsideRow(stored.shown, entry) for stored in catalog.files for entry in stored.claims_file.set_aside]
    out.emit(rows)
