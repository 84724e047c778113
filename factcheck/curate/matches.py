"""Fact-checks published elsewhere that a person accepts as covering a claim (found by ``match``)."""

from __future__ import annotations

from factcheck.curate.sources import same_url
from factcheck.model.claims import AcceptedMatch, Claim, utc_now
from factcheck.model.errors import UsageError


def accept(
    claim: Claim,
    url: str,
    claim_reviewed: str,
    by: str,
    rating: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
) -> bool:
    """Record the fact-check at ``url`` as covering the claim; False when it is accepted already."""
    if any(same_url(m.url, url) for m in claim.matches):
        return False
    at = utc_now()
    claim.matches.append(
        AcceptedMatch(
            url=url,
            claim_reviewed=claim_reviewed,
            rating=rating,
            publisher=publisher,
            date=date,
            accepted_at=at,
            by=by,
        )
    )
    claim.record(by, f"accepted the published fact-check {url}" + (f" ({publisher})" if publisher else ""), at)
    return True


def unaccept(claim: Claim, url: str, by: str) -> AcceptedMatch:
    """Take back an accepted fact-check; UsageError names the ones the claim has."""
    for m in claim.matches:
        if same_url(m.url, url):
            claim.matches.remove(m)
            claim.record(by, f"no longer cites the published fact-check {m.url}")
            return m
    accepted = ", ".join(m.url for m in claim.matches) or "none"
    raise UsageError(f"{claim.id} has not accepted {url} (accepted: {accepted})")
