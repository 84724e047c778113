"""``factcheck history``: one claim's timeline, from its events and from git.

The events are in the claim (``Claim.history``).  With git, the commits
that changed the claim are found with one ``git log --follow --raw`` pass
over its claims file (which gives each commit's blob ids before and after)
and one ``git cat-file --batch`` that streams those blobs; only the claim's
own object is decoded from each blob (``codec.split_claims``).  No process
is started per commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.history.commits import Commit
from factcheck.model.claims import Claim
from factcheck.model.errors import InputError
from factcheck.store import codec
from factcheck.store.git import Repo, find_repo
from factcheck.store.paths import display

_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class _LogEntry:
    sha: str
    date: str
    author: str
    subject: str
    old_blob: str
    new_blob: str
    path: str


def _log(repo: Repo, path: str) -> list[_LogEntry]:
    out = repo.git(
        [
            "log",
            "--follow",
            "--no-color",
            "--no-abbrev",
            "--raw",
            "-z",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%s",
            "--",
            path,
        ]
    )
    entries = []
    for record in out.split(b"\x1e"):
        if not record:
            continue
        header, _, raw = record.partition(b"\0")
        sha, date, author, subject = header.decode("utf-8", "replace").split("\x1f", 3)
        fields = raw.split(b"\0")
        for i, meta in enumerate(fields):
            if not meta.strip().startswith(b":"):
                continue
            parts = meta.strip()[1:].decode().split(" ")
            # A rename or a copy names the file before and after it: the claims file is the one after.
            name = fields[i + 2] if parts[4][:1] in ("R", "C") else fields[i + 1]
            entries.append(
                _LogEntry(sha, date, author, subject, parts[2], parts[3], name.decode("utf-8", "surrogateescape"))
            )
            break  # --follow shows one file per commit
    return entries


def claim_in(blob: bytes, claim_id: str) -> Claim | None:
    """The claim as a version of its claims file holds it, or None (absent, or the file is broken)."""
    cut = codec.split_claims(blob)
    if cut is not None:
        raw = cut.get(claim_id)
        if raw is None:
            return None
        try:
            return codec.decode_claim(raw)
        except ValueError:
            pass
    try:
        return codec.decode(blob, "").get(claim_id)
    except InputError:
        return None


def git_commits(claims_file: Path, claim_id: str) -> list[Commit]:
    """The commits that changed the claim, oldest first, with its status after each."""
    repo = find_repo(claims_file)
    if repo is None:
        raise InputError("is not in a git repository; --git needs one", display(claims_file))
    path = repo.relative(claims_file)
    entries = _log(repo, path)
    if not entries:
        raise InputError("has no commits in git (is it committed?)", display(claims_file))
    blob_ids = {e.old_blob for e in entries} | {e.new_blob for e in entries}
    blob_ids.discard(_NO_BLOB)
    blobs = repo.read_blobs(blob_ids)
    claims: dict[str, Claim | None] = {_NO_BLOB: None}
    for blob_id, data in blobs.items():
        claims[blob_id] = claim_in(data, claim_id)
    commits = []
    for entry in reversed(entries):
        before, after = claims[entry.old_blob], claims[entry.new_blob]
        if before == after:
            continue
        if after is None:
            change, status = "removed", None
        elif before is None:
            change, status = "added", after.status
        else:
            status = after.status
            change = "status" if before.status != status else "edited"
        commits.append(Commit(entry.sha, entry.date, entry.author, entry.subject, entry.path, change, status))
    return commits
