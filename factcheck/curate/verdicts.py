"""Recording a person's verdict on a claim."""

from __future__ import annotations

from factcheck.model.claims import Claim
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Stance, Status


def check_verdict(claim: Claim, status: Status, force: bool = False) -> None:
    """UsageError when the claim cannot take ``status``: ``verified`` needs a supporting source, unless ``force``.

    A verdict nobody can retrace is what a fact-check must not publish.
    """
    if status == Status.VERIFIED and status != claim.status and not force:
        if not any(source.stance == Stance.SUPPORTS for source in claim.sources):
            raise UsageError(
                f"{claim.id} has no source that supports it, so it cannot be verified; nothing changed",
                tip=f"cite one first (factcheck source add {claim.id} URL --quote ...), or give --force",
            )


def set_verdict(claim: Claim, status: Status, by: str, note: str | None = None, force: bool = False) -> bool:
    """Set the status (appending a history event) and the note; False when nothing changed.

    See ``check_verdict`` for what is refused.  A new note on the same status
    is recorded in the history too.  A person giving a verdict has looked at
    the claim again: a review it was flagged for is done.
    """
    check_verdict(claim, status, force)
    changed = False
    if claim.review is not None:
        claim.review = None
        changed = True
    new_note = note if note is not None and note != claim.note else None
    if new_note is not None:
        claim.note = new_note
    if claim.set_status(status, by, note):
        return True
    if new_note is not None:
        # The verdict stands with new reasons: the history keeps them, as it keeps every verdict's.
        claim.record(by, new_note)
        return True
    return changed
