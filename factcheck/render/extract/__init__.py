"""``factcheck extract`` without a claims file to write: the proposals, with the ids they would get."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.extract.proposals import Proposal


@dataclass(frozen=True)
class Proposals:
    """Each proposal with the id it would get (or has, when already claimed)."""

    rows: list[tuple[str, Proposal]]
