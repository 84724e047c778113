"""``factcheck library add``, ``list``, ``remove`` and ``stats``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.cli import lookup, output, settings
from factcheck.cli.options import State, output_option, pass_state
from factcheck.model.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from factcheck.library.index import Added

#: The formats of ``library list`` and ``stats`` (the first the default); see ``render.library.renderers``.
FORMATS = ("text", "json")
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=FORMATS[0], show_default=True, help="Output format."
)


@click.group("library")
def command() -> None:
    """Keep the desk's library: published fact-checks and documents, indexed for match and search."""


def _open(state: State, library_path: Path | None, create: bool = False):  # type: ignore[no-untyped-def]
    from factcheck.library.index import Library

    return Library(lookup.library_folder(state.claims, library_path), create=create)


@command.command("add")
@click.argument("items", nargs=-1, metavar="PATH|URL...")
@click.option("--web-cache", is_flag=True, help="Add the pages verify fetched for the claims' sources, as documents.")
@settings.option("cache-dir", None, "Where fetched pages are cached. [default: web/ in the user cache folder]", "DIR")
@settings.option(
    "publisher-name", None, "The desk, which published the verdicts of its claims files (as export names it).", "NAME"
)
@settings.network_options
@lookup.library_option
@pass_state
def add(
    state: State,
    items: tuple[str, ...],
    web_cache: bool,
    cache_dir: Path | None,
    publisher_name: str | None,
    network: settings.Network,
    library_path: Path | None,
) -> None:
    """Add fact-checks or documents to the library; adding one again updates it.

    Fact-checks: schema.org ClaimReview JSON-LD (.json, .jsonld: one object,
    a list, an @graph or a feed), pages that embed ClaimReview, CSV (comma
    or semicolon) or TSV whose first line names the columns (claim, rating,
    url, publisher, date, claimant, headline), and claims files (every claim
    with a verdict, of an article with a URL, published by --publisher-name).
    Documents: HTML, PDF, text and Markdown files, folders of them, and web
    pages, cut into passages for search. URLs are fetched as verify fetches.
    A file that cannot be read is named and skipped, as is a claims file
    that check would refuse (with check's message: line and field; also
    one that uses a claim id of a claims file of its folder added before
    it, the folder named or its files), a
    ClaimReview that names no claim and a table row without a claim or with
    a URL that is not http(s) (by its line and column); the rest is added,
    and the exit status is 2. A feed with no items (an empty list or DataFeed) adds
    nothing and is no error.

    \b
    Examples:
      factcheck library add feeds/claimreview.json desk-archive/
      factcheck library add https://example.org/fact-checks/bridge-cost
      factcheck library add --web-cache
    """
    if not items and not web_cache:
        raise UsageError("say what to add: paths, URLs, or --web-cache")
    from factcheck.library import importing
    from factcheck.library.fetching import get
    from factcheck.library.index import Added

    policy = network.policy()
    say = state.say
    skipped = 0
    total = Added()
    with _open(state, library_path, create=True) as library:

        def outcomes():  # type: ignore[no-untyped-def]
            folders = {}  # the claim ids each folder's claims files gave, whether named one by one or not
            for item in items:
                if item.lower().startswith(("http://", "https://")):
                    yield importing.add_url(item, library, lambda url: get(url, policy))
                else:
                    yield from importing.add_path(Path(item), library, folders, publisher_name)
            if web_cache:
                from factcheck.net.cache import default_folder

                yield from importing.add_web_cache(cache_dir or default_folder(), library, _cited(state))

        for done in outcomes():
            if done.kind == "skipped":
                skipped += 1
                say(f"skipped {done.where}: {done.reason}")
                continue
            total += done.added
            what = "fact-check" if done.kind == "fact-checks" else "document"
            say(f"{done.where}: {_counted(done.added, what)}")
            for note in done.left_out:
                skipped += 1
                say(f"skipped {note}")
        _add_meanings(library, say)
    say(f"library: {_counted(total, 'item')}")
    if skipped:
        say(f"{skipped} item{'s' if skipped != 1 else ''} skipped")
        raise click.exceptions.Exit(int(ExitCode.BAD_INPUT))


def _add_meanings(library, say: Callable[[str], None]) -> int:  # type: ignore[no-untyped-def]
    """Encode the fact-checks that have no vector of meaning yet, where the model is installed; how many.

    When they are more than one block, each block done is said: a large feed takes minutes.
    """
    from factcheck.library import index, meaning

    if not meaning.available():
        return 0

    def encode(texts: list[str]):  # type: ignore[no-untyped-def]
        model = meaning.encoder()
        assert model is not None
        return model.encode(texts)

    def progress(made: int, todo: int) -> None:
        if todo > index.ENCODE_BLOCK:
            say(f"library: {made:,} of {todo:,} fact-checks encoded for matching by meaning")

    return int(library.add_meanings(encode, meaning.MODEL, progress))


def _cited(state: State) -> frozenset[str]:
    """The URLs the claims' sources cite, and where verify last found each: their pages are the desk's."""
    urls: set[str] = set()
    for _, claim in state.catalog().claims():
        for source in claim.sources:
            urls.add(source.url)
            if source.last_check is not None and source.last_check.final_url:
                urls.add(source.last_check.final_url)
    return frozenset(urls)


def _counted(added: Added, what: str) -> str:
    parts = [f"{added.new} new {what}{'s' if added.new != 1 else ''}"]
    if added.updated:
        parts.append(f"{added.updated} updated")
    if added.unchanged:
        parts.append(f"{added.unchanged} unchanged")
    if added.removed:
        parts.append(f"{added.removed} removed")
    return ", ".join(parts)


@command.command("list")
@format_option
@output_option
@lookup.library_option
@pass_state
def list_(state: State, fmt: str, output_path: Path | None, library_path: Path | None) -> None:
    """List the library's fact-checks and documents.

    \b
    Example:
      factcheck library list --format json
    """
    from factcheck.render.library import Contents, renderers
    from factcheck.store.paths import display

    with _open(state, library_path) as library:
        factchecks, documents = list(library.factchecks()), list(library.documents())
    if fmt == "text":  # paths as messages show them; programs get them whole
        documents = [(loc if "://" in loc else display(loc), title, n) for loc, title, n in documents]
    contents = Contents(factchecks, documents)
    output.emit(renderers("listing")[fmt](contents), output_path)


@command.command("remove")
@click.argument("items", nargs=-1, required=True, metavar="PATH|URL...")
@lookup.library_option
@pass_state
def remove(state: State, items: tuple[str, ...], library_path: Path | None) -> None:
    """Remove fact-checks (by their URL, or the feed file they came from) or documents (by path or URL).

    A folder removes every document under it.

    \b
    Example:
      factcheck library remove feeds/old-feed.json https://example.org/fact-checks/bridge-cost
    """
    from factcheck.model.errors import InputError
    from factcheck.store.paths import location

    say = state.say
    with _open(state, library_path) as library:
        missing = []
        for item in items:
            try:
                where = item if item.lower().startswith(("http://", "https://")) else location(Path(item))
            except InputError:  # a name no file in the library can have
                where = None
            removed = 0 if where is None else library.remove(where)
            if removed:
                say(f"{item}: removed {removed} item{'s' if removed != 1 else ''}")
            else:
                missing.append(item)
        library.compact()
    if missing:
        raise UsageError(f"nothing in the library at {', '.join(missing)}", tip="see 'factcheck library list'")


@command.command("stats")
@format_option
@lookup.library_option
@pass_state
def stats(state: State, fmt: str, library_path: Path | None) -> None:
    """How many fact-checks, publishers, documents and passages the library holds, and its size.

    \b
    Example:
      factcheck library stats
    """
    from factcheck.render.library import Summary, renderers
    from factcheck.store.paths import display

    with _open(state, library_path) as library:
        summary = Summary(display(library.folder), library.stats())
    output.emit(renderers("stats")[fmt](summary), None)
