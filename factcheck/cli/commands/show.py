"""``factcheck show``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import output
from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, format_option, global_options, output_option
from factcheck.render.formats import formats
from factcheck.render.show import ClaimView
from factcheck.store.folder import Folder


@click.command("show")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@format_option("show")
@output_option
@global_options
@click.pass_obj
def command(state: State, claim_id: str, fmt: str, output_path: Path | None) -> None:
    """Show everything about one claim: text, status, note, sources with quotes, history.

    \b
    Example:
      factcheck show cpec-invest
    """
    stored, claim = Folder(state.claims).load().get(claim_id)
    article = stored.claims_file.article
    view = ClaimView(stored.shown, stored.line_of(claim_id), article.title, article.path, claim)
    output.emit(formats("show")[fmt](view), output_path)
