"""Verdicts as schema.org ClaimReview: the JSON-LD fact-check databases and search engines read.

One ClaimReview per claim carrying a published verdict (``defaults.PUBLISHED``), with the
properties Google's fact-check guidelines require and recommend; docs/reference/export.md
says where each value comes from.  Data a ClaimReview cannot do without is a UsageError that
names the setting or the command that sets it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from factcheck.model.claims import PARTIAL_DATE_PATTERN, TOOLS, AcceptedMatch, Claim
from factcheck.model.errors import InputError, UsageError
from factcheck.publish.defaults import DEFAULT_PATTERN, PUBLISHED
from factcheck.publish.ratings import Ratings
from factcheck.publish.reviews import Reviews
from factcheck.store.folder import StoredFile

CONTEXT = "https://schema.org"
CONFIG_FILES = "[factcheck] in setup.cfg or [tool.factcheck] in pyproject.toml"
#: A line break of the article's text, with the spaces and tabs around it.
_WRAPPED = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")


@dataclass(frozen=True)
class Options:
    """What the desk configures: who publishes, where, and the rating table."""

    publisher_name: str | None = None
    publisher_url: str | None = None
    review_url: str = DEFAULT_PATTERN
    ratings: Ratings = field(default_factory=Ratings)


def publisher(options: Options) -> dict[str, Any]:
    """The ClaimReview's author: the publishing organisation; UsageError when it is not configured."""
    if not options.publisher_name:
        raise UsageError(
            "ClaimReview needs the organisation that publishes the fact-check: set publisher-name "
            f"(and publisher-url) in {CONFIG_FILES}, or FACTCHECK_PUBLISHER_NAME, or --publisher-name"
        )
    organisation = {"@type": "Organization", "name": options.publisher_name}
    if options.publisher_url:
        organisation["url"] = options.publisher_url
    return organisation


def verdict_date(claim: Claim) -> str | None:
    """When the claim got its verdict: the latest history event that moved it to its status, or that a person
    confirmed it by (the review is theirs from then on)."""
    event = claim.verdict_event()
    return event.at if event else None


def review_dates(claim: Claim) -> tuple[str | None, str | None]:
    """When the review was first published and when a person last changed it (None when they never did since).

    The review is published from the first verdict a person gave that is published; it stays so through later
    verdicts, notes and re-judgements (the modifications), until the claim leaves the published statuses.
    """
    published = modified = None
    for event in claim.history:
        if event.to_status not in PUBLISHED:
            published = modified = None
        elif event.by in TOOLS:
            continue
        elif published is None and (event.from_status != event.to_status or event.confirms()):
            published = event.at
        elif published is not None and event.at > published:
            modified = event.at
    return published or verdict_date(claim), modified


def review_url(stored: StoredFile, claim: Claim, pattern: str) -> str:
    """The page where this claim's review is published, from the pattern; UsageError when the page is unknown."""
    page = stored.claims_file.article.review_url
    if "{page}" in pattern and not page:
        raise InputError(
            "ClaimReview needs the page where this fact-check is published: set it with "
            f"`factcheck --claims {stored.shown} article set --review-url URL`, or set review-url "
            f"(a pattern, default {DEFAULT_PATTERN}) in {CONFIG_FILES}",
            stored.shown,
        )
    # The file's name as the bytes it has on disk, quoted: a name that is not UTF-8 stays a valid URL.
    # A page given with a fragment (a file edited by hand; article set refuses one) is the page without it.
    page = (page or "").split("#", 1)[0]
    return pattern.format(page=page, id=claim.id, file=quote(os.fsencode(stored.path.stem), safe=""))


def review(stored: StoredFile, claim: Claim, options: Options, author: dict[str, Any]) -> dict[str, Any]:
    """One claim's ClaimReview."""
    article = stored.claims_file.article
    rating = options.ratings.of(claim.status)
    rated: dict[str, Any] = {"@type": "Rating", "alternateName": rating.words, "name": rating.words}
    if rating.value is not None:
        rated.update(ratingValue=rating.value, bestRating=options.ratings.best, worstRating=options.ratings.worst)
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article.url, "headline": article.title}
    if article.author:
        appearance["author"] = {"@type": "Person", "name": article.author}
    if article.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.date:
        appearance["datePublished"] = article.date
    item: dict[str, Any] = {"@type": "Claim"}
    claimant = claim.claimant or article.author
    if claimant:
        item["author"] = {"@type": "Person", "name": claimant}
    if article.date:
        item["datePublished"] = article.date
    item["appearance"] = appearance
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": review_url(stored, claim, options.review_url),
        # The text's own line breaks (a hard-wrapped article) are no part of the claim.
        "claimReviewed": _WRAPPED.sub(" ", claim.text),
        "author": author,
    }
    published, modified = review_dates(claim)
    if published:
        out["datePublished"] = published
    if modified:
        out["dateModified"] = modified
    out["reviewRating"] = rated
    out["itemReviewed"] = item
    if claim.accepted_matches():
        out["associatedClaimReview"] = [associated(m) for m in claim.accepted_matches()]
    return out


def associated(match: AcceptedMatch) -> dict[str, Any]:
    """A fact-check published elsewhere on the same claim, as schema.org's ``associatedClaimReview``."""
    other: dict[str, Any] = {"@type": "ClaimReview", "url": match.url, "claimReviewed": match.claim_reviewed}
    if match.publisher:
        other["author"] = {"@type": "Organization", "name": match.publisher}
    if match.date and _iso_8601(match.date):
        other["datePublished"] = match.date
    if match.rating:
        other["reviewRating"] = {"@type": "Rating", "alternateName": match.rating}
    return other


def _iso_8601(value: str) -> bool:
    """Whether a date kept as another publisher wrote it is one ClaimReview's datePublished may carry."""
    if re.match(PARTIAL_DATE_PATTERN, value):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _count(ids: list[str]) -> str:
    return f"{len(ids)} claim" + ("" if len(ids) == 1 else "s")


def _some(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")


def reviews(files: Iterable[StoredFile], options: Options) -> Reviews:
    """The ClaimReview of every claim with a published verdict in these files.

    Only a person's verdicts are published, and none flagged for review: those
    are left out, and ``notes`` say which.

    UsageError (exit 2) when something a ClaimReview requires is missing:
    the publishing organisation, an article's URL or its fact-check page.
    Each is asked for only when there is a verdict to publish: claims with
    none need no publisher, and a page of them no note that one is missing.
    """
    author: dict[str, Any] | None = None
    out = Reviews()
    unplaced: list[str] = []  # the claims files whose article has no URL: all named in one error
    for stored in files:
        article = stored.claims_file.article
        verdicts = [c for c in stored.claims if c.status in PUBLISHED]
        published = [c for c in verdicts if c.publishable()]
        flagged = [c.id for c in verdicts if c.review is not None]
        automatic = [c.id for c in verdicts if c.review is None and not c.verdict_by_person()]
        if flagged:
            out.notes.append(
                f"{stored.shown}: {_count(flagged)} flagged for review left out until a person judges them again: "
                f"{_some(flagged)} (factcheck show ID says why)"
            )
        if automatic:
            out.notes.append(
                f"{stored.shown}: {_count(automatic)} whose status only verify set left out "
                f"(a ClaimReview publishes a person's verdict): {_some(automatic)}"
            )
        if not published:
            continue
        if author is None:
            author = publisher(options)
        if not article.url:
            unplaced.append(stored.shown)
            continue
        for claim in published:
            out.items.append(review(stored, claim, options, author))
        nameless = [c.id for c in published if not (c.claimant or article.author)]
        if nameless:
            out.notes.append(
                f"{stored.shown}: {_count(nameless)} without a claimant (the article has no author): "
                f"{_some(nameless)}; "
                "set one with `factcheck set ID --claimant NAME` or `factcheck article set --author NAME`"
            )
        undated = [c.id for c in published if verdict_date(c) is None]
        if undated:
            out.notes.append(
                f"{stored.shown}: {_count(undated)} without a status change in history, so no datePublished: "
                f"{_some(undated)}"
            )
    if unplaced:
        first, *more = unplaced
        others = f"; {len(more)} more articles lack it too: {_some(more)}" if more else ""
        raise InputError(
            "ClaimReview needs the URL where the article appeared (itemReviewed's appearance): set it with "
            f"`factcheck --claims {first} article set --url URL`{others}",
            first,
        )
    return out
