"""``factcheck diff``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import output
from factcheck.cli.options import State, format_option, global_options, output_option
from factcheck.history import diff
from factcheck.render.formats import formats


@click.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@format_option("diff")
@output_option
@global_options
@click.pass_obj
def command(state: State, old: str | None, new: str | None, fmt: str, output_path: Path | None) -> None:
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
    output.emit(formats("diff")[fmt](diff.diff(old, new, state.claims)), output_path)
