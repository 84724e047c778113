"""``extract --format text``: score, proposed id and sentence, with its key facts below."""

from __future__ import annotations

from factcheck.render.extract import Proposals
from factcheck.render.styled import Styled
from factcheck.text.clean import clean, number


def render(proposals: Proposals) -> Styled:
    out = Styled()
    width = max((len(claim_id) for claim_id, _ in proposals.rows), default=2)
    out.add(("score", "bold"), "  ", ("id".ljust(width), "bold"), "  ", ("claim", "bold"))
    for claim_id, p in proposals.rows:
        out.add(
            number(p.scored.score, 2).rjust(5) + f"  {clean(claim_id).ljust(width)}  {clean(p.text, single_line=True)}"
        )
        if p.key_facts:
            facts = "; ".join(clean(f.text, single_line=True) for f in p.key_facts)
            out.add((" " * (width + 9) + f"facts: {facts}", "dim"))
    return out
