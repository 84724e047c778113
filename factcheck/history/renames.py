"""A claim's former ids, as ``factcheck rename`` records them in its history.

``rename`` appends an event that keeps the status and says ``renamed from
OLD``.  That event is the record ``diff`` and ``history --git`` follow: a
claim is never matched to another by resembling text.  A claim under the
former id is taken for the same claim only when its history is where the
renamed claim's history began (history is append-only), so an id that was
freed by the rename and given to another claim later is not mistaken for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
        if earlier is not None and claim.history[: len(earlier.history)] == earlier.history:
            return earlier
    return None
