"""``factcheck annotate``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.settings import Reviewing, claimreview_options, embedded_reviews
from factcheck.model.errors import UsageError
from factcheck.render.formats import Format
from factcheck.report import annotation


@click.command("annotate")
@click.argument("article", required=False, type=click.Path(path_type=Path))
@output_options("annotate", help="text with colours on a terminal, md with footnotes, or a self-contained html page.")
@click.option(
    "--reviewed-only",
    is_flag=True,
    help="A page for publication: only the claims a person gave a verdict (none flagged for review), and "
    "none of the desk's own detail (how each claim was placed, what each source's last check found).",
)
@claimreview_options
@pass_state
def command(state: State, article: Path | None, out: Output, reviewed_only: bool, review: Reviewing) -> None:
    """Show the article with every claim marked in its status colour, then the claims and sources.

    ARTICLE defaults to the text the claims file names.  When the text has
    changed since the claims were anchored, they are placed again; claims
    that cannot be placed are listed at the end.

    \b
    Examples:
      factcheck annotate
      factcheck annotate --format html -o annotated.html
      factcheck annotate --format html --reviewed-only -o site/article.html
      factcheck --claims claims/china-kazakhstan-30-years.json annotate edited.txt --format md
    """
    files = state.catalog().files
    try:
        stored, text_path = annotation.choose(files, article)
    except UsageError as exc:
        exc.tip = exc.tip or "choose the claims file with --claims FILE"
        raise
    annotated = annotation.annotate(stored, text_path, reviewed_only=reviewed_only)
    if out.fmt == Format.HTML:
        # The page carries the verdicts as schema.org ClaimReview, as `export claimreview` writes them.
        shown = stored
        if reviewed_only:
            import msgspec

            # Only the verdicts the page shows: a ClaimReview must point at an entry readers can see.
            on_page = {id(p.claim) for p in annotated.placed} | {id(u.claim) for u in annotated.unplaced}
            kept = [c for c in stored.claims if id(c) in on_page]
            shown = msgspec.structs.replace(
                stored, claims_file=msgspec.structs.replace(stored.claims_file, claims=kept)
            )
        reviews = embedded_reviews([shown], review, state.say)
        annotated = dataclasses.replace(annotated, claim_reviews=tuple(reviews))
    out.emit(annotated)
