"""``factcheck report``."""

from __future__ import annotations

import click

from factcheck.cli import output, settings
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.params import Since
from factcheck.render.formats import Format
from factcheck.report.summary import build


@click.command("report")
@output_options(
    "report",
    help="text for the terminal, md for a pull-request comment, html for a browser, json for programs.",
)
@click.option(
    "--since",
    type=Since(),
    help="List the status changes since DATE (YYYY-MM-DD, from midnight UTC, or YYYY-MM-DDTHH:MM:SSZ); default: the latest 10.",
)
@settings.max_age_option("A source last checked longer ago than this is stale.")
@settings.annotation_url_option
@click.option(
    "--reviewed-only",
    is_flag=True,
    help="A report for publication: only the claims a person gave a verdict, every one named with its note, "
    "and none of the desk's own detail (sources to look at, drift, flags, changes).",
)
@settings.claimreview_options
@pass_state
def command(
    state: State,
    out: Output,
    since: str | None,
    max_age: int,
    annotation_url: str | None,
    reviewed_only: bool,
    review: settings.Reviewing,
) -> None:
    """Where the claims stand: counts by status, sourcing, stale and dead sources, drift, changes.

    \b
    Examples:
      factcheck report
      factcheck report --format md --since 2026-11-01
      factcheck report --format html -o report.html
      factcheck report --format html --annotation-url -o site/index.html
      factcheck report --format html --reviewed-only --annotation-url -o site/index.html
    """
    files = state.catalog().files
    report = build(files, max_age=max_age, since=since, annotation_url=annotation_url, reviewed_only=reviewed_only)
    if out.fmt == Format.TEXT and out.output_path is None:
        report.width = output.width()
    if out.fmt == Format.HTML:
        # The page carries the verdicts as schema.org ClaimReview, as `export claimreview` writes them.
        report.claim_reviews = settings.embedded_reviews(files, review, state.say)
    out.emit(report)
