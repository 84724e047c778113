"""``rejected --format text``: one block per set-aside claim."""

from __future__ import annotations

from factcheck.render.rejected import AsideRow
from factcheck.render.styled import Styled
from factcheck.text.clean import clean


def render(rows: list[AsideRow]) -> Styled:
    out = Styled()
    if not rows:
        out.add(("no rejected or retired claims", "dim"))
        return out
    for row in rows:
        entry, claim = row.entry, row.entry.claim
        out.add(
            (clean(claim.id), "bold"),
            f"  {entry.kind}",
            (f"  {entry.at[:10]} by {clean(entry.by, single_line=True)}  ({clean(row.file, single_line=True)})", "dim"),
        )
        out.add(f"  {clean(claim.text, single_line=True)}")
        if entry.why:
            out.add((f"  why: {clean(entry.why, single_line=True)}", "italic"))
    return out
