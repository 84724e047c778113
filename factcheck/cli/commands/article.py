"""``factcheck article set``."""

from __future__ import annotations

import click

from factcheck.cli.options import State, pass_state
from factcheck.cli.params import PartialDate
from factcheck.curate.article import set_fields
from factcheck.model.errors import UsageError
from factcheck.store.edit import update


@click.group("article")
def command() -> None:
    """Set the article's metadata: title, author, publisher, date, URL, fact-check page."""


@command.command("set")
@click.option("--title", help="The article's title.")
@click.option("--author", help="Who wrote it: the claimant of its claims, unless a claim names another.")
@click.option("--publisher", help="Where it was published (the outlet).")
@click.option("--date", help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--url", help="Where it was published: ClaimReview's appearance.")
# Its own parameter name: the configuration's review-url (a pattern for every claim's review, see
# claimreview_options) is a default for the options named review_url, and must not be written here.
@click.option("--review-url", "page_url", help="The page where this fact-check of it is published: ClaimReview's url.")
@pass_state
def set_command(
    state: State,
    title: str | None,
    author: str | None,
    publisher: str | None,
    date: str | None,
    url: str | None,
    page_url: str | None,
) -> None:
    """Set the article's metadata; an empty value clears a field.

    With a claims folder of several files, name the claims file with --claims.

    \b
    Examples:
      factcheck article set --url https://example.org/news/bridge --author "Ann Lee" --date 2026-03-01
      factcheck --claims claims/bridge.json article set --review-url https://desk.example.org/checks/bridge
      factcheck article set --author ""
    """
    if date:
        PartialDate().convert(date, None, None)
    changes = {"title": title, "author": author, "publisher": publisher, "date": date, "url": url}
    if page_url and ("{" in page_url or "}" in page_url):  # a URL spells braces %7B and %7D
        raise UsageError(
            f"--review-url {page_url!r} is a pattern; this is the one page of the article's fact-check, "
            "and a pattern of each claim's review url ({page}, {file}, {id}) belongs in the configuration's review-url"
        )
    if page_url and "#" in page_url:
        raise UsageError(
            f"--review-url {page_url!r} cannot have a #fragment: each claim's review url is this page and #its id"
        )
    changes["review_url"] = page_url
    if all(v is None for v in changes.values()):
        raise UsageError("give at least one of --title, --author, --publisher, --date, --url, --review-url")
    paths = state.folder().paths()
    if len(paths) != 1:
        names = ", ".join(str(p) for p in paths[:5]) or "none"
        raise UsageError(f"{len(paths)} claims files at {state.claims}; name one with --claims FILE ({names})")

    done = update(paths[0], lambda claims_file: set_fields(claims_file.article, changes))
    say = state.say
    if not done.result:
        say(f"{done.stored.shown}: article unchanged")
        return
    article = done.stored.claims_file.article
    for name in done.result:
        value = getattr(article, name)
        say(f"{done.stored.shown}: article {name.replace('_', '-')} = {value or '(cleared)'}")
