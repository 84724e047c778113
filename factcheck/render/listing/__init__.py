"""``factcheck list``: one row per claim, as text, JSON, CSV or Markdown."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from factcheck.report.row import Row


class Listing(msgspec.Struct, frozen=True):
    """The rows to list, and the width to fit them in (None: whole lines, for pipes)."""

    rows: Iterable[Row]
    width: int | None = None
