"""In words, what a source's last check found of the claim's key facts.

Its own module so that showing one claim does not load the whole report.
"""

from __future__ import annotations

from factcheck.model.claims import LastCheck
from factcheck.model.vocab import FactResult, Outcome


def facts_note(check: LastCheck) -> str | None:
    """In words, what a source says where the claim says something else (a key fact
    disagrees), or, when its evidence confirms nothing, which key facts it leaves unstated."""
    for fact in check.facts:
        if fact.result == FactResult.DISAGREES:
            return f"source says {fact.found} where the claim says {fact.fact}"
    if check.outcome != Outcome.UNCONFIRMED or not (left := check.unstated()):
        return None
    return "source " + "; ".join(left)
