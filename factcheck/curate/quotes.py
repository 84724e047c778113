"""Whether a quote is on its page: fetched as verify fetches it, through the guarded client and the cache."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model.defaults import MATCH_THRESHOLD
from factcheck.model.errors import ExitCode, FactcheckError
from factcheck.net.fetch import Policy


class QuoteNotFound(FactcheckError):
    """The quote is not on its page, or the page could not be read: nothing was changed."""

    exit_code = ExitCode.FINDINGS


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
    return QuoteCheck(score >= MATCH_THRESHOLD, exact, score, " ".join(passage.split()))
