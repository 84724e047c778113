"""``factcheck schema``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import output
from factcheck.cli.options import global_options, output_option
from factcheck.store.schema import SCHEMA_FILE


@click.command("schema")
@output_option
@global_options
def command(output_path: Path | None) -> None:
    """Print the JSON Schema of claims files, for editors and other validators.

    \b
    Example:
      factcheck schema > claims.schema.json
    """
    output.emit(SCHEMA_FILE.read_text(encoding="utf-8"), output_path)
