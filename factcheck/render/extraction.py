"""``factcheck extract`` without ``-o``: the proposed claims as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from factcheck.extract import Proposal
from factcheck.facts import Fact

Row = tuple[str, Proposal]  # (the id the claim would get, the proposal)


def _fact(fact: Fact) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": fact.kind, "text": fact.text, "value": fact.value}
    if fact.currency:
        record["currency"] = fact.currency
    if fact.unit:
        record["unit"] = fact.unit
    return record


def as_json(rows: Sequence[Row]) -> str:
    """A JSON array: id, score, text, start, end, kind, reasons, facts."""
    records = [
        {
            "id": claim_id,
            "score": p.scored.score,
            "text": p.text,
            "start": p.anchor.start,
            "end": p.anchor.end,
            "kind": p.kind,
            "reasons": list(p.scored.reasons),
            "facts": [_fact(f) for f in p.scored.facts],
        }
        for claim_id, p in rows
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def print_table(rows: Sequence[Row]) -> None:
    """A rich table on stdout: score, proposed id, the sentence, and its key facts."""
    from rich.table import Table
    from rich.text import Text

    from factcheck import sanitize
    from factcheck.render import console

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", ratio=1, overflow="fold")
    for claim_id, p in rows:
        cell = Text(sanitize.clean(p.text, single_line=True))
        if p.scored.facts:
            facts = "; ".join(sanitize.clean(f.text, single_line=True) for f in p.scored.facts)
            cell.append(f"\nfacts: {facts}", style="dim")
        table.add_row(Text(f"{p.scored.score:.2f}"), Text(claim_id), cell)
    console.out().print(table)
