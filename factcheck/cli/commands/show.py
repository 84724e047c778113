"""``factcheck show``."""

from __future__ import annotations

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.render.show import ClaimView


@click.command("show")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@output_options("show")
@pass_state
def command(state: State, claim_id: str, out: Output) -> None:
    """Show everything about one claim: text, status, note, sources with quotes, history.

    \b
    Example:
      factcheck show cpec-invest
    """
    stored, claim = state.catalog().get(claim_id)
    article = stored.claims_file.article
    view = ClaimView(stored.shown, stored.line_of(claim_id), article.title, article.path, claim)
    out.emit(view)
