"""Fact-checks published elsewhere that a person accepts as covering a claim (found by ``match``)."""

from __future__ import annotations

import msgspec

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
    accepted = claim.accepted_matches()
    if any(same_url(m.url, url) for m in accepted):
        return False
    at = utc_now()
    claim.matches = accepted
    accepted.append(
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
    accepted = claim.accepted_matches()
    for m in accepted:
        if same_url(m.url, url):
            accepted.remove(m)
            claim.matches = accepted or msgspec.UNSET  # none left: the field leaves the file again
            claim.record(by, f"unaccepted the published fact-check {m.url}")
            return m
    named = ", ".join(m.url for m in accepted) or "none"
    raise UsageError(f"{claim.id} has not accepted {url} (accepted: {named})")
