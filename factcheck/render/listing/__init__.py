"""``factcheck list``: one row per claim, as text, JSON, CSV or Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.model.claims import Claim

Row = tuple[str, Claim]  # (the claims file as messages show it, the claim)


@dataclass(frozen=True)
class Listing:
    """The rows to list, and the width to fit them in (None: whole lines, for pipes)."""

    rows: Iterable[Row]
    width: int | None = None
