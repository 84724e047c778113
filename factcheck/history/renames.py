"""A claim's former ids, as ``factcheck rename`` records them in its history.

``rename`` appends an event that keeps the status and says ``renamed from
OLD``.  That event is the record ``diff`` and ``history --git`` follow: a
claim is never matched to another by resembling text.  A claim under the
former id is taken for the same claim only when its history is where the
renamed claim's history began (history is append-only), or, on another
branch, began with every event the renamed claim had before its rename, so
an id that was freed by the rename and given to another claim later is not
mistaken for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from factcheck.model.claims import CLAIM_ID_PATTERN, RENAMED_FROM, Claim

# The why of the event ``curate.claims.rename`` appends; the former id has the schema's form.
_RENAMED_FROM = re.compile(re.escape(RENAMED_FROM) + "(" + CLAIM_ID_PATTERN.removeprefix("^") + ")")


def former_ids(claim: Claim) -> list[str]:
    """The ids the claim had before, newest first, as its rename events record them."""
    ids = []
    for event in reversed(claim.history):
        if event.from_status != event.to_status or event.why is None:
            continue
        match = _RENAMED_FROM.fullmatch(event.why)
        if match and match[1] != claim.id and match[1] not in ids:
            ids.append(match[1])
    return ids


def renamed_from(claim: Claim, lookup: Callable[[str], Claim | None]) -> Claim | None:
    """The claim as it was under a former id, found with ``lookup`` (id -> claim or None), or None.

    The newest former id that ``lookup`` finds wins: a claim renamed twice
    between two versions is matched with the id the older version has.
    """
    for former in former_ids(claim):
        earlier = lookup(former)
        if earlier is None:
            continue
        if claim.history[: len(earlier.history)] == earlier.history:
            return earlier
        # Or the claim under the former id went on, as it was when renamed, on another branch (judged there
        # while this one renamed it): both histories begin with all the events before the rename.
        said = RENAMED_FROM + former
        renamed_at = max(i for i, event in enumerate(claim.history) if event.why == said)
        if renamed_at and earlier.history[:renamed_at] == claim.history[:renamed_at]:
            return earlier
    return None


def one_claim(a: Claim, b: Claim) -> bool:
    """Whether two versions of claims under one id are one claim: the same claim, or one history going on from
    the other.

    History is append-only.  An empty history tells nothing (a claim
    written by hand may have none): then only the very same claim is one.
    """
    if a == b:
        return True
    shorter, longer = sorted((a.history, b.history), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def renames_from(claim: Claim, claim_id: str) -> bool:
    """Whether the claim's history records a rename from ``claim_id`` (a cheap test, before ``former_ids``)."""
    said = RENAMED_FROM + claim_id
    return claim.id != claim_id and any(event.why == said for event in claim.history)


def renamed_since(claim_id: str, claims: Iterable[Claim], then: Callable[[str], Claim | None]) -> Claim | None:
    """The claim among ``claims`` that ``rename`` made of the claim an earlier version had under ``claim_id``,
    since that version (``then`` looks its claims up by id), or None.

    A claim whose rename from ``claim_id`` is older than that version had
    another id in it (the one it has, or a later former one): the claim the
    version has under ``claim_id`` then is a new one that took the freed id.
    """
    for claim in claims:
        if not renames_from(claim, claim_id):
            continue
        same = then(claim.id)
        if same is not None and one_claim(same, claim):
            continue  # it had its id already then: renamed before
        earlier = renamed_from(claim, then)
        if earlier is not None and earlier.id == claim_id:
            return claim
    return None
