"""The ClaimReviews ``export`` writes: what its renderer reads, with nothing of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reviews:
    """The ClaimReviews of some claims files, and notes on what they lack (recommended data not there)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
