"""``factcheck search``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.cli import lookup, settings
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Stance

if TYPE_CHECKING:
    from factcheck.library.finding import Found


@click.command("search")
@lookup.query_options
@click.option(
    "--add", "add_n", type=click.IntRange(1, 100), metavar="N", help="Cite the Nth passage as a source of the claim."
)
@click.option("--url", "source_url", help="With --add: the URL to cite, for a document the library knows by its path.")
@click.option(
    "--stance",
    type=click.Choice([str(s) for s in Stance]),
    help="With --add: whether the passage supports the claim, contradicts it, or gives context  [default: supports].",
)
@output_options("search")
@lookup.library_option
@settings.by_option
@pass_state
def command(
    state: State,
    queries: lookup.Queries,
    top: int,
    add_n: int | None,
    source_url: str | None,
    stance: str | None,
    out: Output,
    library_path: Path | None,
    by: str,
) -> None:
    """Find passages in the library's documents that may be each claim's evidence.

    Each passage comes with its document's title and path or URL, and the key
    facts (numbers, amounts, dates) it shares with the claim. With --add N,
    the Nth passage found for one claim becomes a source of that claim, quoting
    the passage's sentences that state the claim's key facts, as 'source add'
    would add it.

    \b
    Examples:
      factcheck search bridge-cost
      factcheck search --text "Arctic sea ice fell 13% per decade" --format json
      factcheck search bridge-cost --add 2
    """
    from factcheck.library import finding
    from factcheck.library.index import Library
    from factcheck.render.search import SearchResult

    if add_n is not None and queries.single() is None:
        raise UsageError("--add N needs exactly one claim id, and no --all, --text or --queries")
    if add_n is None and (source_url is not None or stance is not None):
        raise UsageError(f"{'--url' if source_url is not None else '--stance'} goes with --add N")
    load = functools.cache(state.catalog)
    asked = queries.gather(load)
    # The article a claim comes from states the claim; it is not the claim's evidence.
    own = {i: lookup.own_article(load(), i) for i, _ in asked if i is not None}
    with Library(lookup.library_folder(state.claims, library_path), create=False) as library:
        found = [
            (i, text, finding.search(library, text, max(top, add_n or 0), skip=own.get(i or "", frozenset())))
            for i, text in asked
        ]
    if add_n is not None:
        claim_id, _, passages = found[0]
        _add(state, claim_id or "", passages, add_n, source_url, stance, by)
        return
    if out.fmt == "text":
        found = [(i, text, [_shown(f) for f in passages]) for i, text, passages in found]
    results = [
        SearchResult(i, text, passages, [finding.shared_facts(text, f.passage.text) for f in passages])
        for i, text, passages in found
    ]
    out.emit(results)


def _shown(found: Found) -> Found:
    """A passage of a local file with its path as messages show paths (relative to here when inside)."""
    import msgspec

    from factcheck.library.finding import Found
    from factcheck.store.paths import display

    if found.passage.url is not None:
        return found
    return Found(msgspec.structs.replace(found.passage, location=display(found.passage.location)), found.score)


def _add(
    state: State,
    claim_id: str,
    passages: list[Found],
    n: int,
    url: str | None,
    stance: str | None,
    by: str,
) -> None:
    from factcheck.cli.params import cited_url
    from factcheck.curate import sources
    from factcheck.library import finding
    from factcheck.model.claims import Claim, Source
    from factcheck.store.edit import edit_claim

    if n > len(passages):
        raise UsageError(
            f"the search for {claim_id} found {len(passages)} passage{'s' if len(passages) != 1 else ''}, not {n}"
        )
    passage = passages[n - 1].passage
    cited = url or passage.url
    if cited is None:
        from factcheck.store.paths import display

        raise UsageError(
            f"passage {n} is from {display(passage.location)}, which has no URL",
            tip="give the URL where it is published with --url",
        )
    cited = cited_url(cited)

    def change(claim: Claim) -> None:
        # The quote is what the passage says of the claim's facts, not the whole passage.
        quote = finding.quote(claim.text, passage.text)
        opposite = [f.text for f in finding.shared_facts(claim.text, quote) if f.denied_in is not None]
        if stance is None and opposite:
            # The figures agree and the statements do not: supports would be the wrong record.
            raise UsageError(
                f"passage {n} and {claim_id} say opposite things of {opposite[0]}",
                tip="say how it bears on the claim with --stance contradicts, supports or context",
            )
        chosen = Stance(stance) if stance is not None else Stance.SUPPORTS
        sources.add_source(claim, Source(url=cited, title=passage.title, date=passage.date, quote=quote, stance=chosen))
        claim.record(by, f"cited {cited}: passage {n} found by search")

    edit_claim(state.catalog(), claim_id, change)
    state.say(f"{claim_id}: added {cited}")
