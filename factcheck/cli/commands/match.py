"""``factcheck match``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import lookup, output
from factcheck.cli.options import State, format_option, global_options, output_option
from factcheck.render.formats import formats


@click.command("match")
@lookup.query_options
@format_option("match")
@output_option
@lookup.library_option
@global_options
@click.pass_obj
def command(
    state: State,
    claim_ids: tuple[str, ...],
    all_claims: bool,
    texts: tuple[str, ...],
    queries_file: Path | None,
    top: int,
    fmt: str,
    output_path: Path | None,
    library_path: Path | None,
) -> None:
    """Find the published fact-checks in the library that already cover each claim.

    The library's full-text index proposes candidates, and a ranking learnt
    from public data (fuzzy similarity, words, numbers and names in common)
    orders them; the score runs from 0 to 1.

    \b
    Examples:
      factcheck match bridge-cost
      factcheck match --all --top 3 --format json
      factcheck match --text "The bridge cost $2.4 billion"
    """
    from factcheck.library import finding
    from factcheck.library.index import Library
    from factcheck.render.match import MatchResult

    queries = lookup.gather(state.claims, claim_ids, all_claims, texts, queries_file)
    with Library(lookup.library_folder(state.claims, library_path), create=False) as library:
        results = [MatchResult(i, text, finding.match(library, text, top)) for i, text in queries]
    output.emit(formats("match")[fmt](results), output_path)
