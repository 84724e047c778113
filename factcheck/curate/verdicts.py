"""Recording a person's verdict on a claim."""

from __future__ import annotations

from enum import StrEnum

from factcheck.model.claims import Claim
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Stance, Status

#: The event of a person who looked again at a claim flagged for review and kept its verdict.
KEPT_ON_REVIEW = "review flag cleared: the verdict stands"


class Recorded(StrEnum):
    """What ``set_verdict`` recorded on a claim."""

    NOTHING = "nothing"  # the claim already read so
    STATUS = "status"  # a new status
    CONFIRMED = "confirmed"  # the status a tool set, made the person's verdict
    NOTE = "note"  # a new note on the same verdict
    REVIEWED = "reviewed"  # only the review flag cleared: the person looked again and the verdict stands


def check_verdict(claim: Claim, status: Status, force: bool = False) -> None:
    """UsageError when the claim cannot take ``status``: ``verified`` needs a supporting source, unless ``force``.

    A verdict nobody can retrace is what a fact-check must not publish: making
    a ``verified`` that verify set one's own asks for the source as well.
    """
    # Only a verdict given anew (a new status, or one a tool set) asks for the source.
    if status == Status.VERIFIED and (status != claim.status or not claim.verdict_by_person()) and not force:
        if not any(source.stance == Stance.SUPPORTS for source in claim.sources):
            raise UsageError(
                f"{claim.id} has no source that supports it, so it cannot be verified; nothing changed",
                tip=f"cite one first (factcheck source add {claim.id} URL --quote ...), or give --force",
            )


def set_verdict(claim: Claim, status: Status | None, by: str, note: str | None = None, force: bool = False) -> Recorded:
    """Give the claim ``status`` as ``by``'s verdict (appending a history event) and the note; say what was recorded.

    ``status`` None edits the note alone, which never makes a verdict the
    person's.  Giving the status the claim has when a tool (verify) set it
    records that the person confirmed it: the verdict is theirs from then on,
    so automation no longer changes it and it may be published.  See
    ``check_verdict`` for what is refused.  A new note on the same verdict is
    recorded in the history too.  A person giving a verdict has looked at the
    claim again: a review it was flagged for is done.
    """
    if status is not None:
        check_verdict(claim, status, force)
    reviewed = claim.review is not None
    claim.review = None
    new_note = note if note is not None and note != claim.note else None
    if new_note is not None:
        claim.note = new_note
    if status is not None and claim.set_status(status, by, note):
        return Recorded.STATUS
    if status is not None and claim.confirm(by, note):
        return Recorded.CONFIRMED
    if new_note is not None:
        # The verdict stands with new reasons: the history keeps them, as it keeps every verdict's.
        claim.record(by, new_note)
        return Recorded.NOTE
    if reviewed:
        # Who looked again, and when: verify does not raise the same dispute again once a person has seen it.
        claim.record(by, KEPT_ON_REVIEW)
        return Recorded.REVIEWED
    return Recorded.NOTHING
