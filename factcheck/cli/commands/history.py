"""``factcheck history``."""

from __future__ import annotations

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.history.timeline import WorkingTree, git_commits, removed_claim
from factcheck.model.errors import FactcheckError, UnknownClaimError
from factcheck.render.history import Timeline


@click.command("history")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.option("--git", "use_git", is_flag=True, help="Also list the commits that changed the claim.")
@output_options("history")
@pass_state
def command(state: State, claim_id: str, use_git: bool, out: Output) -> None:
    """Show one claim's timeline: each status change, when, by whom and why.

    A rejected or retired claim's timeline is shown too, with when and why it
    was set aside.  With --git, the commits follow the claim back through the
    ids `factcheck rename` gave it, and a claim removed from the claims is
    still found in the commits that had it, up to the one that removed it.

    \b
    Examples:
      factcheck history zhongmei-deal
      factcheck history zhongmei-deal --git
    """
    claims = state.catalog()
    # With git, the working tree's claims tell a rename not committed yet (its event) from a removal.
    working = None
    if use_git:
        working = WorkingTree(
            state.claims, [c for _, c in claims.claims()] + [e.claim for _, e in claims.aside.values()]
        )
    aside = None
    if claim_id in claims.aside:  # rejected or retired: its history is kept with it
        stored, aside = claims.aside[claim_id]
        claim = aside.claim
    else:
        try:
            stored, claim = claims.get(claim_id)
        except UnknownClaimError as exc:
            # Removed with `factcheck remove` (or by hand): git may still know it.
            removed = removed_claim(state.claims, claim_id, working) if use_git else None
            if removed is None:
                if not use_git and _in_git(state, claim_id):
                    exc.tip = f"it left the claims and git still has it: factcheck history {claim_id} --git"
                raise
            timeline = Timeline(
                removed.shown, removed.claim, removed.commits, removed=True, renamed_in_working_tree=removed.renamed_to
            )
            out.emit(timeline)
            return
    commits = git_commits(stored.path, claim_id, claim, working) if use_git else None
    out.emit(Timeline(stored.shown, claim, commits, aside))


def _in_git(state: State, claim_id: str) -> bool:
    """Whether git has a claim the claims no longer hold; False where git cannot tell (no commits yet, say)."""
    try:
        return removed_claim(state.claims, claim_id) is not None
    except FactcheckError:
        return False
