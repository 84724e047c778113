"""``extract --format json``: the proposals with their scores, reasons, spans and key facts."""

from __future__ import annotations

from typing import Any

from factcheck.render.extract import Proposals
from factcheck.text.facts import Fact


def _fact(fact: Fact) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": fact.kind, "text": fact.text, "value": fact.value}
    if fact.currency:
        record["currency"] = fact.currency
    if fact.unit:
        record["unit"] = fact.unit
    if fact.high is not None:  # a range's high end, or a tally's larger count
        record["high"] = fact.high
    return record


def render(proposals: Proposals) -> list[dict[str, Any]]:
    """A JSON array: id, score, text, start, end, kind, reasons, facts."""
    return [
        {
            "id": claim_id,
            "score": p.scored.score,
            "text": p.text,
            "start": p.anchor.start,
            "end": p.anchor.end,
            "kind": p.kind,
            "reasons": list(p.scored.reasons),
            "facts": [_fact(f) for f in p.key_facts],
        }
        for claim_id, p in proposals.rows
    ]
