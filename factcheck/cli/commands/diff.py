"""``factcheck diff``."""

from __future__ import annotations

import click

from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.history import diff


@click.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@output_options("diff")
@pass_state
def command(state: State, old: str | None, new: str | None, out: Output) -> None:
    """Show how the claims changed: added, removed, status changes, sources, evidence checks.

    OLD and NEW are claims files or folders, or git revisions (a commit, HEAD~3,
    a branch, a tag, or REV:path), read without a checkout.  Without NEW, the
    working tree; without either, HEAD against the working tree.

    \b
    Examples:
      factcheck diff
      factcheck diff HEAD~3
      factcheck diff v1.0 main --format md
      factcheck diff old/claims.json claims/claims.json
    """
    out.emit(diff.diff(old, new, state.claims))
