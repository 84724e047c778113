"""A person's edits to the claims themselves: set aside, restore, remove, rename, re-attach to the article."""

from __future__ import annotations

import re

from factcheck.model.claims import RENAMED_FROM, Claim, ClaimsFile, Review, SetAside, Worthiness, utc_now
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Aside, Status
from factcheck.text import anchor as anchors
from factcheck.text import segment, worthiness

#: The form of a claim id (the schema's pattern).
ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def _claim(claims_file: ClaimsFile, claim_id: str) -> Claim:
    claim = claims_file.get(claim_id)
    if claim is None:  # the catalog found it: the file changed meanwhile
        raise UsageError(f"claim {claim_id!r} is no longer in its file")
    return claim


def set_aside(claims_file: ClaimsFile, claim_id: str, kind: Aside, by: str, why: str | None) -> SetAside:
    """Take a claim out of the fact-check, kept whole in the file's ``set_aside`` list."""
    entry = SetAside(kind=kind, at=utc_now(), by=by, why=why, claim=remove(claims_file, claim_id))
    claims_file.set_aside.append(entry)
    return entry


def restore(claims_file: ClaimsFile, claim_id: str, by: str) -> SetAside:
    """Put a set-aside claim back among the claims, in article order, as it was, with an event that says who
    set it aside, when and why (which its entry in ``set_aside`` kept until now), and who brought it back."""
    entry = claims_file.aside(claim_id)
    if entry is None:
        raise UsageError(f"claim {claim_id!r} is not set aside")
    claims_file.set_aside.remove(entry)
    claims, claim = claims_file.claims, entry.claim
    claim.record(by, f"restored; {entry.kind} on {entry.at} by {entry.by}" + (f": {entry.why}" if entry.why else ""))
    place = len(claims)
    if claim.anchor is not None:
        start = claim.anchor.start
        place = next((i for i, c in enumerate(claims) if c.anchor is not None and c.anchor.start > start), place)
    claims.insert(place, claim)
    return entry


def remove(claims_file: ClaimsFile, claim_id: str) -> Claim:
    """Delete a claim outright (git keeps what it was)."""
    claim = _claim(claims_file, claim_id)
    claims_file.claims.remove(claim)
    return claim


def check_id(claim_id: str, taken: set[str]) -> str:
    """The id if it is well formed and free, else UsageError saying which rule it breaks."""
    if not ID.fullmatch(claim_id):  # match would take a final newline ($)
        raise UsageError(
            f"{claim_id!r} is not a valid id: use 1-64 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if claim_id in taken:
        raise UsageError(f"the id {claim_id!r} is already taken")
    return claim_id


def rename(claims_file: ClaimsFile, old: str, new: str, by: str) -> Claim:
    """Give a claim a new id; its history records the old one."""
    claim = _claim(claims_file, old)
    claim.id = new
    claim.record(by, RENAMED_FROM + old)
    return claim


def reattach(claim: Claim, article: str, wanted: str, by: str) -> str:
    """Anchor the claim to the one place in the article that reads ``wanted``: "same", "moved" or "reworded".

    White space need not match exactly.  The claim's text becomes the
    article's words there (without Markdown's markup, as extract reads them); when those differ from what a person's verdict was
    given on, the claim is flagged for review, and a status verify set goes
    back to ``unverified``.  Anchoring a claim where it already is changes
    nothing.
    """
    words = wanted.split()
    if not words:
        raise UsageError("give the claim's text as it now reads in the article")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    hits = [m.span() for m in pattern.finditer(article)]
    if not hits:
        raise UsageError("the article has no such text; quote it as it reads there")
    if len(hits) > 1:
        raise UsageError(f"the article has this text in {len(hits)} places; quote more of the sentence")
    start, end = hits[0]
    anchor = anchors.make(article, start, end)
    before = claim.text
    read_as = segment.reading_text(article[start:end])  # as extract reads a claim: Markdown's markup left out
    if anchor == claim.anchor and read_as == before:
        return "same"
    claim.anchor = anchor
    claim.text = read_as
    at = utc_now()
    reworded = claim.text != before
    why = "re-attached to the article" + (f"; was: {before}" if reworded else "")
    if anchors.same_words(before, claim.text):  # a sentence joined or split: the verdict still fits
        claim.record(by, why, at)
    elif claim.verdict_by_person():
        claim.record(by, why, at)
        claim.review = Review(since=at, why=f"its wording changed after the verdict; was: {before}")
    elif claim.status != Status.UNVERIFIED:
        # verify found its evidence for other words: as extract does, the claim goes back to verify.
        claim.set_status(
            Status.UNVERIFIED, by, f"re-attached to the article after verify found it {claim.status}; was: {before}", at
        )
    else:
        claim.record(by, why, at)
    if reworded and claim.worthiness is not None:
        scored = worthiness.score(claim.text)
        claim.worthiness = Worthiness(score=scored.score, reasons=list(scored.reasons))
    return "reworded" if reworded else "moved"


def overlapping(claims_file: ClaimsFile, claim: Claim) -> list[Claim]:
    """The file's other claims anchored to (part of) the same text as ``claim``."""
    a = claim.anchor
    if a is None:
        return []
    return [
        other
        for other in claims_file.claims
        if other.id != claim.id
        and other.anchor is not None
        and other.anchor.start < a.end
        and a.start < other.anchor.end
    ]
