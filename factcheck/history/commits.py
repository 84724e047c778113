"""A commit that changed a claim: what ``history`` renderers read, with nothing of git or the store."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model.vocab import Status


@dataclass(frozen=True)
class Commit:
    """A commit that changed the claim, and what the claim was after it."""

    sha: str
    date: str  # ISO 8601 author date
    author: str
    subject: str
    path: str  # the claims file's path in that commit
    # "added" | "status" | "edited" | "renamed" | "removed" | "rejected" | "retired" | "restored"; "fetched" for
    # the oldest commit a shallow clone has, whose earlier story was not fetched
    change: str
    status: Status | None  # the claim's status after the commit (kept when set aside); None when it was removed
    id: str | None = None  # the claim's id in that commit (the one it had before a commit that removed it)
    former_id: str | None = None  # the id a "renamed" commit took from it
