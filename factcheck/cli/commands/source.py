"""``factcheck source add``, ``edit``, ``remove`` and ``ack``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from factcheck.cli import settings
from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, bundled, pass_state, stacked
from factcheck.cli.params import PartialDate, cited_url
from factcheck.curate import sources
from factcheck.model.claims import Claim, Source
from factcheck.model.errors import ExitCode, UsageError
from factcheck.model.vocab import Stance
from factcheck.store.edit import edit_claim
from factcheck.text.clean import number

if TYPE_CHECKING:
    from factcheck.store.folder import Catalog

F = TypeVar("F", bound=Callable[..., Any])


def why_option(f: F) -> F:
    """``--why TEXT``: the reason, recorded in the claim's history (by ``--by``)."""
    return click.option("--why", help="Why: recorded in the claim's history, with --by.")(f)


class _Given(NamedTuple):
    """What ``source add`` and ``source edit`` are told of the source (None: not given) and of the change."""

    quote: str | None
    title: str | None
    publisher: str | None
    date: str | None
    stance: str | None  # add's is never None: it has a default
    check_quote: bool
    archive_now: bool
    why: str | None
    by: str


def _source_options(*, editing: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of ``source add`` (``editing`` false) and ``source edit``: ``given``, the network and the state.

    Only their help and defaults differ: in ``edit`` a field left out stays as
    it is and an empty value clears it, so its ``--date`` takes any text (the
    empty one too) and its ``--stance`` has no default.
    """

    def field(help: str) -> str:
        return f"{help.removesuffix('.')}; an empty value clears it." if editing else help

    stances = click.Choice([str(s) for s in Stance])
    if editing:
        stance = click.option("--stance", type=stances, help="Supports, contradicts or gives context.")
    else:
        stance = click.option(
            "--stance",
            type=stances,
            default=str(Stance.SUPPORTS),
            show_default=True,
            help="Whether the source supports the claim, contradicts it, or gives context.",
        )
    when = "change nothing unless" if editing else "add the source only if"
    archive = "Keep a web-archive copy of the page " + ("(at its new URL) now." if editing else "now (see archive).")
    return stacked(
        bundled(
            _Given,
            "given",
            click.option("--quote", help=field("The evidence, exactly as it appears in the source.")),
            click.option("--title", help=field("The source's title.")),
            click.option("--publisher", help=field("Who published it.")),
            click.option(
                "--date",
                type=None if editing else PartialDate(),
                help=field("When it was published: YYYY-MM-DD, YYYY-MM or YYYY."),
            ),
            stance,
            click.option("--check-quote", is_flag=True, help=f"Fetch the page first and {when} the quote is on it."),
            click.option("--archive", "archive_now", is_flag=True, help=archive),
            why_option,
            settings.by_option,
        ),
        settings.archive_options,
        pass_state,
    )


#: The source that ``edit``, ``remove`` and ``ack`` act on: its URL, or its number as ``show`` prints it.
source_argument = click.argument("source", metavar="URL|N")


@click.group("source")
def command() -> None:
    """Add, edit, remove or acknowledge a claim's sources."""


@command.command("add")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.argument("url")
@_source_options(editing=False)
def add(
    state: State, claim_id: str, url: str, given: _Given, archive_setup: settings.Archiving, network: settings.Network
) -> None:
    """Cite a source for a claim.

    Tracking parameters (utm_*, fbclid, gclid, ...) are dropped from the URL,
    and a page the claim already cites is refused, however its URL is
    written, unless a #fragment tells the two passages apart: to quote a
    page twice, cite URL#first and URL#second, each with its own --quote.
    With --check-quote the page is fetched (as verify fetches it) and the
    source is added only if the quote is on it; where it is only nearly
    there, the page's own words are stored as the quote, and you are told. With --archive, the
    page is also kept in a web archive on the spot: a recent snapshot if
    there is one, else a capture by Save Page Now.

    \b
    Example:
      factcheck source add sco-members https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation \\
        --quote "Pakistan joined in 2017" --title "Shanghai Cooperation Organisation" --archive
    """
    url = cited_url(url)
    catalog = state.catalog()
    catalog.get(claim_id)  # an unknown id fails before any fetch
    say = state.say
    quote = _check_quote(url, given.quote, network, say) if given.check_quote else given.quote
    stance = Stance(given.stance or Stance.SUPPORTS)
    new = Source(url=url, title=given.title, publisher=given.publisher, date=given.date, quote=quote, stance=stance)

    def change(claim: Claim) -> None:
        sources.add_source(claim, new)
        if given.why:
            claim.record(given.by, f"cited {url}: {given.why}")

    edit_claim(catalog, claim_id, change)
    say(f"{claim_id}: added {url}")
    if given.archive_now:
        _archive(state, catalog, claim_id, url, archive_setup, network)


def _archive(
    state: State,
    catalog: Catalog,
    claim_id: str,
    url: str,
    archive_setup: settings.Archiving,
    network: settings.Network,
) -> None:
    """Keep a web-archive copy of the page at ``url``, which the claim cites, as ``archive`` would; exit 1 without one."""
    from factcheck.publish import archiving
    from factcheck.render.archive import result_line

    policy, endpoints, pace = archive_setup.config(network)
    targets, _ = archiving.select(catalog, [claim_id], endpoints)
    wanted = [t for t in targets if sources.same_url(t.url, url)]
    if not wanted:
        # archive leaves alone a source with a copy already, and one that is itself a copy.
        state.say(f"{claim_id}: {url}: nothing to archive: it has an archived copy, or is one")
        return
    result = archiving.run(wanted, policy, endpoints, pace)
    for done in result.results:
        state.say(f"{claim_id}: {result_line(done)}")
    if not result.ok:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))


@command.command("edit")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@source_argument
@click.option("--url", "new_url", help="The page's new URL (e.g. the original article instead of a mirror).")
@_source_options(editing=True)
def edit(
    state: State,
    claim_id: str,
    source: str,
    new_url: str | None,
    given: _Given,
    archive_setup: settings.Archiving,
    network: settings.Network,
) -> None:
    """Change a source the claim cites: its URL, quote, title, publisher, date or stance.

    The source is named by its URL or by its number, as show numbers it.

    A new URL or quote drops the last check, which was about other evidence:
    the next verify checks the source afresh; a new URL also drops the
    archived copy, which was of the other page. With --archive, the page
    (at its new URL) is kept in a web archive on the spot, as source add
    --archive keeps it.

    \b
    Example:
      factcheck source edit bridge-cost https://mirror.example.net/x --url https://news.example.org/x --publisher "Example News"
      factcheck source edit bridge-cost 2 --stance context
    """
    changes = {
        "url": new_url,
        "quote": given.quote,
        "title": given.title,
        "publisher": given.publisher,
        "date": given.date,
        "stance": given.stance,
    }
    if all(v is None for v in changes.values()):
        raise UsageError("give at least one of --url, --quote, --title, --publisher, --date, --stance")
    catalog = state.catalog()
    cited = sources.find_source(catalog.get(claim_id)[1], source)
    # Where the source will be: its new URL as it will be stored, or where it is.
    page = cited_url(new_url) if new_url else cited.url
    say = state.say
    if given.check_quote:
        changes["quote"] = _check_quote(page, given.quote if given.quote is not None else cited.quote, network, say)

    def change(claim: Claim) -> list[str]:
        changed = sources.edit_source(claim, cited.url, changes)  # the source found, whatever its number now
        if changed and given.why:
            claim.record(given.by, f"changed the {', '.join(changed)} of {page}: {given.why}")
        return changed

    changed, _, _ = edit_claim(catalog, claim_id, change)
    say(f"{claim_id}: {page}: changed {', '.join(changed)}" if changed else f"{claim_id}: {page} unchanged")
    if given.archive_now:
        _archive(state, catalog, claim_id, page, archive_setup, network)


def _check_quote(url: str, quote: str | None, network: settings.Network, say: Callable[[str], None]) -> str:
    """The quote to store: the page's own words where ``quote`` is on the page at ``url``, exactly or nearly.

    When it is not there (or the page cannot be read), exit 1 with what the page says.
    """
    if not quote:
        raise UsageError("--check-quote needs a quote: give --quote")
    from factcheck.curate.quotes import QuoteNotFound, check_quote

    found = check_quote(url, quote, network.policy())
    if found.problem is not None:
        raise QuoteNotFound(f"cannot check the quote: {url}: {found.problem}; nothing changed")
    if not found.found:
        best = (
            f"; the closest passage (match {number(found.score, 0)}): “{found.passage[:200]}”" if found.passage else ""
        )
        raise QuoteNotFound(f"the quote is not on the page {url}{best}; nothing changed")
    if found.exact or not found.passage:
        say("the quote is on the page")
        return quote
    # A near match is a misquote: the evidence kept is what the page says, and the person is told.
    say(
        f"the quote is nearly on the page (match {number(found.score, 0)}); stored the page's words, "
        f"“{found.passage}”, instead of “{' '.join(quote.split())}”"
    )
    return found.passage


@command.command("ack")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@source_argument
@pass_state
def ack(state: State, claim_id: str, source: str) -> None:
    """Acknowledge that a source's page changed, once you have looked at it.

    verify marks a source whose page changed and lost the evidence; the mark
    stays (and check and report show it) until a person acknowledges it. The
    source is named by its URL or by its number, as show numbers it.

    \b
    Examples:
      factcheck source ack train-days https://railfreight.com/beltandroad/2023/04/18/x
      factcheck source ack train-days 2
    """
    (page, done), _, _ = edit_claim(state.catalog(), claim_id, lambda c: sources.acknowledge_change(c, source))
    state.say(f"{claim_id}: {'acknowledged the change of' if done else 'no change to acknowledge at'} {page}")


@command.command("remove")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@source_argument
@why_option
@settings.by_option
@pass_state
def remove(state: State, claim_id: str, source: str, why: str | None, by: str) -> None:
    """Stop citing a source, named by its URL or by its number, as show numbers it.

    \b
    Examples:
      factcheck source remove sco-members https://example.org/old-page
      factcheck source remove sco-members 3
    """

    def change(claim: Claim) -> Source:
        removed = sources.remove_source(claim, source)
        if why:
            claim.record(by, f"stopped citing {removed.url}: {why}")
        return removed

    removed, _, _ = edit_claim(state.catalog(), claim_id, change)
    state.say(f"{claim_id}: removed {removed.url}")
