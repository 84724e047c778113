"""``factcheck match``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.cli import lookup
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.settings import by_option
from factcheck.model.claims import Claim
from factcheck.model.errors import UsageError

if TYPE_CHECKING:
    from factcheck.store.folder import Catalog


@click.command("match")
@lookup.query_options
@output_options("match")
@lookup.library_option
@click.option(
    "--accept",
    metavar="URL|N",
    help="Record that the fact-check at URL, or the Nth listed, covers the claim (one ID).",
)
@click.option("--unaccept", metavar="URL", help="Take back a fact-check accepted before (one ID).")
@by_option
@pass_state
def command(
    state: State,
    queries: lookup.Queries,
    top: int,
    out: Output,
    library_path: Path | None,
    accept: str | None,
    unaccept: str | None,
    by: str,
) -> None:
    """Find the published fact-checks in the library that already cover each claim.

    The library's full-text index and a model of meaning propose candidates
    (those sharing the claim's rarest words, and those nearest in meaning
    whatever their words), and a ranking learnt from public data (fuzzy
    similarity, words, numbers and names in common, meaning) orders them;
    the score runs from 0 to 1. When one covers the claim,
    --accept URL keeps it on the claim: show, report and annotate list it,
    the ClaimReview export names it as an associated review, and check stops
    pointing at it. Where one page reviews several claims, --accept N takes
    the Nth fact-check listed.

    \b
    Examples:
      factcheck match bridge-cost
      factcheck match --all --top 3 --format json
      factcheck match --text "The bridge cost $2.4 billion"
      factcheck match bridge-cost --accept https://checks.example.org/bridge-cost
      factcheck match bridge-cost --accept 2
    """
    from factcheck.library import finding
    from factcheck.library.index import Library
    from factcheck.render.match import MatchResult

    if accept is not None or unaccept is not None:
        claim_id = queries.single()
        if claim_id is None or (accept and unaccept):
            raise UsageError("--accept URL and --unaccept URL take one claim id: factcheck match ID --accept URL")
        _decide(state, claim_id, accept, unaccept, library_path, by)
        return
    # Read once: the claims the queries name are the ones whose accepted fact-checks are shown.
    load = functools.cache(state.catalog)
    asked = queries.gather(load)
    accepted = _accepted(load, [i for i, _ in asked if i is not None])
    # A claim is never its own match: a desk that added its claims files has each claim in the library.
    own = {i: lookup.own_urls(load(), i) for i, _ in asked if i is not None}
    with Library(lookup.library_folder(state.claims, library_path), create=False) as library:
        if asked and _without_meaning(library):
            state.say(
                "factcheck: note: the library's fact-checks have no vectors of meaning yet, so they are matched"
                " by their words alone; adding one of its feeds again (factcheck library add FILE) makes them"
            )
        found = finding.match_many(library, [text for _, text in asked], top, [own.get(i or "", ()) for i, _ in asked])
        results = [
            MatchResult(i, text, matches, accepted.get(i or "", frozenset()))
            for (i, text), matches in zip(asked, found, strict=True)
        ]
    out.emit(results)


def _without_meaning(library) -> bool:  # type: ignore[no-untyped-def]
    """Whether the model of meaning is here but the library's fact-checks have no vectors of it yet."""
    from factcheck.library import meaning

    if library.meaning_model() == meaning.MODEL or next(library.factchecks(), None) is None:
        return False
    return meaning.available()


def _accepted(load: Callable[[], Catalog], ids: list[str]) -> dict[str, frozenset[str]]:
    """The fact-check URLs already accepted on each of these claims."""
    if not ids:
        return {}
    catalog = load()
    return {i: frozenset(m.url for m in catalog.get(i)[1].accepted_matches()) for i in ids}


#: How many of a claim's matches --accept looks through for the URL.
ACCEPT_DEPTH = 50


def _decide(
    state: State, claim_id: str, accept: str | None, unaccept: str | None, library_path: Path | None, by: str
) -> None:
    """Accept the fact-check at ``accept`` (one of the claim's matches), or take back ``unaccept``."""
    from urllib.parse import urlsplit

    from factcheck.curate import matches
    from factcheck.curate.sources import same_url
    from factcheck.store.edit import edit_claim

    catalog = state.catalog()
    _, claim = catalog.get(claim_id)
    say = state.say
    if unaccept is not None:
        taken, _, _ = edit_claim(catalog, claim_id, lambda c: matches.unaccept(c, unaccept, by))
        # Said as --accept says it: an accepted fact-check is not a source, so it is not "cited".
        say(f"{claim_id}: unaccepted {taken.url}")
        return
    assert accept is not None
    from factcheck.library import finding
    from factcheck.library.index import Library

    with Library(lookup.library_folder(state.claims, library_path), create=False) as library:
        found = finding.match(library, claim.text, ACCEPT_DEPTH, skip=lookup.own_urls(catalog, claim_id))
    if accept.isdigit():
        # By its number in the listing: the one way to choose among the fact-checks one page holds.
        n = int(accept)
        if not 1 <= n <= len(found):
            many = "fact-check" if len(found) == 1 else "fact-checks"
            raise UsageError(f"the library matches {len(found)} {many} with {claim_id}, not {n}")
        at_url = [found[n - 1].entry]
    else:
        # The fragment counts here, unlike for a source: a desk's claims share their article's page, one each.
        fragment = urlsplit(accept).fragment
        at_url = [
            m.entry
            for m in found
            if m.entry.url and same_url(m.entry.url, accept) and urlsplit(m.entry.url).fragment == fragment
        ]
    chosen = at_url[0] if at_url else None
    if chosen is not None and chosen.url is None:
        # Accepting keeps the fact-check's address on the claim: one the library has none for cannot be kept.
        raise UsageError(
            f"fact-check {accept} has no URL in the library, so {claim_id} cannot record it as accepted",
            tip="add it again from a feed or page that gives its URL (library add)",
        )
    if chosen is None or chosen.url is None:
        raise UsageError(
            f"{accept} is not among the fact-checks the library matches with {claim_id}",
            tip=f"factcheck match {claim_id} --top 20 lists them",
        )
    url = chosen.url

    def change(c: Claim) -> bool:
        return matches.accept(c, url, chosen.claim, by, chosen.rating, chosen.publisher, chosen.date)

    added, _, _ = edit_claim(catalog, claim_id, change)
    say(f"{claim_id}: accepted {url}" if added else f"{claim_id}: {url} is accepted already; nothing changed")
    if added and len(at_url) > 1:
        # A fact-check article that reviews several claims publishes each at its URL: say which one this is.
        say(
            f"note: {url} holds {len(at_url)} of the fact-checks that match {claim_id}; accepted the first,"
            f" “{chosen.claim}”; to accept another, give its number in 'factcheck match {claim_id}': --accept N"
        )
