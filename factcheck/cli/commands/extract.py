"""``factcheck extract``."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import output, settings
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.extract import run
from factcheck.model import defaults
from factcheck.render.extract import Proposals
from factcheck.store.paths import display


@click.command("extract")
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--into",
    type=click.Path(path_type=Path),  # a folder is refused by extract_into, which names the file to give
    metavar="FILE",
    help="The claims file to write the proposals into: created, or merged with when it exists.",
)
@settings.option("min-score", defaults.MIN_SCORE, "Propose sentences scoring at least this; 0 proposes every sentence.")
@click.option(
    "--furniture",
    is_flag=True,
    help="Also propose a news page's headline, subheads, standfirst, captions, notices and copyright lines "
    "(left out by default).",
)
@click.option("--force", is_flag=True, help="With --into, replace a different article text already kept there.")
@output_options(
    "extract",
    help="How to print the proposals; with --into, json prints the ids of every claim added, kept, moved, "
    "re-anchored or no longer anchored.",
)
@pass_state
def command(
    state: State,
    article: Path,
    into: Path | None,
    min_score: float,
    furniture: bool,
    force: bool,
    out: Output,
) -> None:
    """Propose the check-worthy claims of an article, each anchored to its place in the text.

    Reads a plain-text or Markdown article, or a web page or PDF (turned into
    text; site chrome such as by-lines, "Related posts" and comment forms is
    skipped), scores every sentence for check-worthiness and proposes those
    scoring at least --min-score, with their key facts.  A news page's
    headline, subheads, standfirst, photo captions, corrections or editor's
    notes, and copyright notices frame the story rather than state it: they are not
    proposed (--furniture proposes them too), and a correction is kept as the
    article's metadata.  The title, author and date come from the page (HTML
    metadata, JSON-LD, Markdown front matter, a by-line) before the file name.
    With --into, writes them as unverified claims; run again after the
    article changed and curated claims keep their ids, statuses, sources and
    history, and are re-anchored (a sentence that repeats keeps its claim by
    its order among the others).

    \b
    Examples:
      factcheck extract article.txt
      factcheck extract article.txt --min-score 0 --format json
      factcheck extract claims/article.txt --into claims/article.json
    """
    scopes = [state.claims]
    if into is None:
        rows = run.preview(article, min_score, scopes, furniture)
        out.emit(Proposals(rows))
        return
    try:
        done = run.extract_into(article, into, min_score, scopes, replace_text=force, furniture=furniture)
    except run.TextExists as exc:
        exc.tip = exc.tip or "write the claims elsewhere, or replace the text on purpose with --force"
        raise
    verb = "created" if done.created else ("updated" if done.written else "unchanged")
    # The message counts and names a few ids; the json lists them all, for scripts.
    state.say(f"{display(into)}: {verb}; {done.report.summary()}")
    if done.headline:
        # The outlet changed its headline: the pages and the ClaimReview show the title until a person takes it.
        title = done.claims_file.article.title
        state.say(
            f"{display(into)}: the article's headline reads “{done.headline}”, its title is still “{title}”; "
            f"`factcheck --claims {display(into)} article set --title TITLE` sets the one to publish"
        )
    if out.fmt == "json":
        from factcheck.render.extract import outcome
        from factcheck.render.formats import safe

        record = {"claims_file": display(into), "outcome": verb, **done.report.as_dict()}
        output.emit(safe(out.fmt, outcome.render)(record), out.output_path)
