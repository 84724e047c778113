"""Whether a quote is on its page: fetched as verify fetches it, through the guarded client and the cache.

A quote nearly on the page is taken in the page's own words, unless its
figures differ from the page's: "$1.80 billion" for the page's "$1.72
billion" matches 95 in letters, but a fact-checker who stored either would
be citing a number the source does not give, so it is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.model.defaults import MATCH_THRESHOLD
from factcheck.model.errors import ExitCode, FactcheckError, UsageError
from factcheck.net.policy import Policy
from factcheck.text.clean import shorten

if TYPE_CHECKING:
    from factcheck.text.facts import Fact


class QuoteNotFound(FactcheckError):
    """The quote is not on its page, or the page could not be read: nothing was changed."""

    exit_code = ExitCode.FINDINGS


class QuoteMisquotes(UsageError):
    """The quote is nearly on its page, but a figure in it differs from the page's: nothing was changed."""


@dataclass(frozen=True)
class QuoteCheck:
    """What the page says about a quote: found (exactly or nearly), not found, or unreadable (``problem``)."""

    found: bool
    exact: bool
    score: float
    passage: str  # the page's words where the quote matched best
    problem: str | None = None  # why the page could not be read


def check_quote(url: str, quote: str, policy: Policy) -> QuoteCheck:
    """Fetch ``url`` and look for ``quote`` in its main text, then in the whole page."""
    from factcheck.net import probe
    from factcheck.net.cache import WebCache, default_folder
    from factcheck.net.fetch import session
    from factcheck.text.match import locate

    cache = WebCache(default_folder())
    with session(policy) as client:
        fetched = probe.fetch_page(url, client, cache, policy)
    page, text = probe.read_page(fetched)
    if page.kind != probe.ProbeKind.OK or text is None:
        return QuoteCheck(False, False, 0.0, "", page.error or page.kind)
    probe.remember(cache, page)  # a verify soon after need not fetch it again
    best = (0.0, "", False)
    for whole in (text.text, text.full_text()):
        score, start, end, exact = locate(quote, whole)
        if score > best[0]:
            best = (score, whole[start:end], exact)
        if exact:
            break
    score, passage, exact = best
    passage = " ".join(passage.split())
    if score >= MATCH_THRESHOLD and not exact:
        differing = figures_differ(quote, passage)
        if differing is not None:
            said, page_says = differing
            where = f"where the page says {page_says}" if page_says else "which the page does not state"
            raise QuoteMisquotes(
                f"the quote says {said}, {where} ({url}): a quote with other figures is not the page's quote; "
                f"quote its words to cite it: “{shorten(passage, 200)}”; nothing changed"
            )
    return QuoteCheck(score >= MATCH_THRESHOLD, exact, score, passage)


def figures_differ(quote: str, passage: str) -> tuple[str, str | None] | None:
    """The first figure of ``quote`` that ``passage`` does not state, with the passage's figure of its kind
    in its place (None when it has none); None when every figure of the quote is in the passage.

    Figures are compared by value, not by how they are written: "2 Mar 2020" is "2 March 2020".
    """
    from factcheck.text import facts

    said = [f for f in facts.extract(quote) if f.is_key]
    if not said:
        return None
    page = [f for f in facts.extract(passage) if f.is_key]
    for fact in said:
        if any(_same(fact, other) for other in page):
            continue
        # The page's figure that the quote replaced: one of the same kind that the quote does not state.
        instead = next((p for p in page if p.kind == fact.kind and not any(_same(s, p) for s in said)), None)
        return fact.text, instead.text if instead is not None else None
    return None


def _same(a: Fact, b: Fact) -> bool:
    """Whether two facts state the same figure (a currency left unnamed on one side is no difference)."""
    return (
        a.kind == b.kind
        and a.value == b.value
        and a.high == b.high
        and a.unit == b.unit
        and (a.currency == b.currency or None in (a.currency, b.currency))
    )
