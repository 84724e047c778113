"""``factcheck history``: one claim's timeline, from its events and from git.

The events are in the claim (``Claim.history``).  With git, the commits
that changed the claim are found with one ``git log --follow --raw`` pass
over its claims file (which gives each commit's blob ids before and after)
and one ``git cat-file --batch`` that streams those blobs; only the claim's
own object is decoded from each blob.  No process is started per commit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.gitrev import find_repo
from factcheck.paths import display

_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Commit:
    """A commit that changed the claim, and what the claim was after it."""

    sha: str
    date: str  # ISO 8601 author date
    author: str
    subject: str
    path: str  # the claims file's path in that commit
    change: str  # "added" | "status" | "edited" | "removed"
    status: str | None  # the claim's status after the commit; None when it was removed


@dataclass(frozen=True)
class _LogEntry:
    sha: str
    date: str
    author: str
    subject: str
    old_blob: str
    new_blob: str
    path: str


def _log(repo: Any, path: str) -> list[_LogEntry]:
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
        i = 0
        while i < len(fields):
            meta = fields[i].strip()
            if not meta.startswith(b":"):
                i += 1
                continue
            parts = meta[1:].decode().split(" ")
            kind = parts[4][:1]
            if kind in ("R", "C"):
                name = fields[i + 2]
                i += 3
            else:
                name = fields[i + 1]
                i += 2
            entries.append(
                _LogEntry(sha, date, author, subject, parts[2], parts[3], name.decode("utf-8", "surrogateescape"))
            )
            break  # --follow shows one file per commit
    return entries


def _claim_finder(claim_id: str) -> re.Pattern[bytes]:
    quoted = json.dumps(claim_id, ensure_ascii=False).encode("utf-8")
    return re.compile(rb'"id"\s*:\s*' + re.escape(quoted))


def extract(blob: bytes, claim_id: str, finder: re.Pattern[bytes] | None = None) -> dict[str, Any] | None:
    """The claim's JSON object in a claims file's bytes, decoding only that object when it can."""
    finder = finder or _claim_finder(claim_id)
    decoder = json.JSONDecoder()
    for match in finder.finditer(blob):
        start = blob.rfind(b"{", 0, match.start())
        if start < 0 or blob[start + 1 : match.start()].strip():
            break  # "id" is not the object's first key: parse the whole file instead
        try:
            text = blob[start:].decode("utf-8")
            claim, _ = decoder.raw_decode(text)
        except (UnicodeDecodeError, ValueError):
            break
        if isinstance(claim, dict) and claim.get("id") == claim_id:
            return claim
    try:
        document = json.loads(blob)
    except ValueError:
        return None
    claims = document.get("claims") if isinstance(document, dict) else None
    for claim in claims if isinstance(claims, list) else ():
        if isinstance(claim, dict) and claim.get("id") == claim_id:
            return claim
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
    finder = _claim_finder(claim_id)
    claims: dict[str, dict[str, Any] | None] = {_NO_BLOB: None}
    for blob_id, data in blobs.items():
        claims[blob_id] = extract(data, claim_id, finder)
    commits = []
    for entry in reversed(entries):
        before, after = claims[entry.old_blob], claims[entry.new_blob]
        if before == after:
            continue
        if after is None:
            change, status = "removed", None
        elif before is None:
            change, status = "added", after.get("status")
        else:
            status = after.get("status")
            change = "status" if before.get("status") != status else "edited"
        commits.append(Commit(entry.sha, entry.date, entry.author, entry.subject, entry.path, change, status))
    return commits
