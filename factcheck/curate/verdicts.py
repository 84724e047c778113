"""Recording a person's verdict on a claim."""

from __future__ import annotations

from factcheck.model.claims import Claim
from factcheck.model.vocab import Status


def set_verdict(claim: Claim, status: Status, by: str, note: str | None = None) -> bool:
    """Set the status (appending a history event) and the note; False when nothing changed.

    A person giving a verdict has looked at the claim again: a review it was
    flagged for is done.
    """
    changed = False
    if claim.review is not None:
        claim.review = None
        changed = True
    if note is not None and note != claim.note:
        claim.note = note
        changed = True
    return claim.set_status(status, by, note) or changed
