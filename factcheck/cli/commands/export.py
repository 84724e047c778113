"""``factcheck export``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import output, settings
from factcheck.cli.options import State, output_option, pass_state
from factcheck.publish import claimreview
from factcheck.render.formats import choices, formats


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(choices("export")))
@output_option
@settings.claimreview_options
@pass_state
def command(state: State, fmt: str, output_path: Path | None, review: settings.Reviewing) -> None:
    """Export the verdicts for others to read: claimreview, schema.org ClaimReview as JSON-LD.

    One ClaimReview per claim with a published verdict (verified, mixed,
    misleading, false, unsupported; never unverified or opinion), with what
    Google's fact-check guidelines require and recommend.  The publishing
    organisation (--publisher-name), each article's URL and fact-check page
    (factcheck article set --url/--review-url) are required: without them the
    export fails, exit 2, naming what to set.

    \b
    Examples:
      factcheck export claimreview --publisher-name "Desk" -o claimreview.jsonld
      factcheck --claims claims/bridge.json export claimreview
    """
    reviews = claimreview.reviews(state.folder().files(), review.options())
    output.emit(formats("export")[fmt](reviews), output_path)
    say = state.say
    for note in reviews.notes:
        say(f"note: {note}")
    count = len(reviews.items)
    say(f"{count} ClaimReview{'' if count == 1 else 's'}" + (f" written to {output_path}" if output_path else ""))
