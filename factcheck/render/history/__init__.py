"""``factcheck history``: one claim's timeline."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.history.commits import Commit
from factcheck.model.claims import Claim, SetAside


@dataclass(frozen=True)
class Timeline:
    """What the history command shows: the claim, its events, and (with git) its commits."""

    file: str  # the claims file as messages show it
    claim: Claim
    commits: list[Commit] | None  # None: commits not asked for
    aside: SetAside | None = None  # the claim was rejected or retired: when, by whom, why
