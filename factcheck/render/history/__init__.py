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
    removed: bool = False  # no longer among the claims: ``claim`` is as git last had it
    renamed_in_working_tree: str | None = None  # removed: a rename not committed yet gave it this id

    @property
    def gone_by(self) -> Commit | None:
        """The commit that removed the claim, or renamed it away; None when only the working tree lacks it."""
        if not self.removed or not self.commits:
            return None
        last = self.commits[-1]
        return last if last.change == "removed" or last.former_id == self.claim.id else None

    @property
    def renamed_to(self) -> str | None:
        """The id a rename gave the claim when its story under this id ends with it (committed or not), or None."""
        if not self.removed:
            return None
        if self.renamed_in_working_tree is not None:
            return self.renamed_in_working_tree
        by = self.gone_by
        return by.id if by is not None and by.change != "removed" else None
