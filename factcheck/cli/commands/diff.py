"""``factcheck diff``."""

from __future__ import annotations

import click

from factcheck.cli import output
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.history import diff
from factcheck.history.diff import WORKING_TREE


@click.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@output_options("diff")
@pass_state
def command(state: State, old: str | None, new: str | None, out: Output) -> None:
    """Show how the claims changed: added, removed, status changes, sources, evidence checks.

    OLD and NEW are claims files or folders, or git revisions (a commit, HEAD~3,
    a branch, a tag, or REV:path), read without a checkout.  Without NEW, the
    working tree; without either, HEAD against the working tree.  A...B alone
    compares B with where A and B parted, as git diff does.

    \b
    Examples:
      factcheck diff
      factcheck diff HEAD~3
      factcheck diff v1.0 main --format md
      factcheck diff main...feature
      factcheck diff old/claims.json claims/claims.json
    """

    def nothing(old_label: str, new_label: str) -> None:
        # The default folder not there yet is said as every command says it; an empty one is not.
        if not state.no_claims_yet("compare") and WORKING_TREE not in (old_label, new_label):
            at = old_label if old_label == new_label else f"{old_label} or {new_label}"
            state.say(
                f"factcheck: note: the claims folder {state.claims}/ holds no claims file at {at}; nothing to compare"
            )

    # A claims path someone named must be there; a named folder that is there but holds no claims file
    # yet (on either side) holds no claims, as list and check read it, rather than being a mistake.
    no_claims_is_empty = not state.claims_named or state.claims.is_dir()
    changes = diff.diff(old, new, state.claims, nothing if no_claims_is_empty else None)
    changes.coloured = out.output_path is None and output.coloured()
    out.emit(changes)
