"""``factcheck history``: one claim's timeline, from its events and from git.

The events are in the claim (``Claim.history``).  With git, the commits
that changed the claim are found with one ``git log --follow --raw`` pass
over its claims file (which gives each commit's blob ids before and after)
and one ``git cat-file --batch`` that streams those blobs; only the claim's
own object is decoded from each blob (``codec.split_claims``).  No process
is started per commit.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.history.commits import Commit
from factcheck.history.renames import former_ids, renamed_from, renamed_since, renames_from
from factcheck.model.claims import RENAMED_FROM, Claim, SetAside
from factcheck.model.errors import InputError
from factcheck.model.vocab import Aside, Status
from factcheck.store import codec
from factcheck.store.git import NO_GIT, Repo, find_repo, no_repo
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


def _log(repo: Repo, path: str, until: str | None = None) -> list[_LogEntry]:
    """The commits that changed the file at ``path`` (following its renames), newest first, up to ``until``.

    Only the first parents are followed, each merge compared with the branch it was merged into: a claim
    changed on both sides of a merge (renamed on one, judged on the other) has one story on the branch, and a
    conflict resolved by hand is a change of its own.
    """
    out = repo.git(
        [
            "log",
            "--follow",
            "--first-parent",  # the branch's own story: a merge is one change, against the branch it joined
            "--no-color",
            "--no-abbrev",
            "--raw",
            "-z",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%s",
            *([until] if until else []),
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
        files = raw_files(raw)
        if files:  # --follow shows one file per commit
            old_blob, new_blob, name = files[0]
            # In UTC, as every other time factcheck shows: the author's own zone may be on another day.
            utc = _dt.datetime.fromisoformat(date).astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            entries.append(_LogEntry(sha, utc, author, subject, old_blob, new_blob, name))
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


def git_commits(
    claims_file: Path, claim_id: str, claim: Claim | None = None, working: WorkingTree | None = None
) -> list[Commit]:
    """The commits that changed the claim, oldest first, with its status after each.

    The claim is followed back through the ids ``rename`` gave it.  With ``claim`` (as the working tree
    has it), a rename not committed yet is followed too; with ``working`` (the working tree's claims), a
    claim that took an id such a rename freed is told from the renamed one: it has no commits yet.
    """
    repo = find_repo(claims_file)
    if repo is None:
        why = no_repo(display(claims_file))
        raise InputError(f"{why}; --git needs {'it' if why == NO_GIT else 'one'}")
    if repo.commit("HEAD") is None:
        raise _uncommitted(display(claims_file))
    if claim is not None and working is not None and working.renamed(claim_id, claim) is not None:
        # HEAD's claim under the id is the one the working tree renamed; this one is new since.
        return []
    entries = _log(repo, repo.relative(claims_file))
    committed = _committed_id(repo, entries, claim_id, claim)
    if not entries or committed is None:
        # A claims file renamed, or a claim moved to a new file or another one, and not committed
        # yet: git knows the claim under the path it last had there, whose commits tell its story.
        ids = [claim_id, *(former_ids(claim) if claim is not None else [])]  # renamed meanwhile too
        found = [(i, path) for i in ids if (path := _last_file(repo, "", i)) is not None]
        # The id the last commit knows it by, in the file that holds it then: renamed there and given an
        # older id back since, the claim's last file under that older id is one a commit took it from.
        last = next((f for f in found if _held_at_head(repo, f[1], f[0])), found[0] if found else None)
        if last is None and not entries:
            raise _uncommitted(display(claims_file))
        if last is None:
            return []  # new since the last commit
        committed, path = last
        entries = _log(repo, path)
        # Renamed since that file's last commit (and back, maybe): the id that commit knows it by.
        committed = _committed_id(repo, entries, claim_id, claim) or committed
    # The claim is in the working tree under the id the walk starts with, unless a rename not
    # committed yet gave it another: a commit that freed that id then ends its story.
    commits = _walk(repo, entries, committed, held=claim is not None and committed == claim_id)[0]
    if commits and commits[0].change == "added" and commits[0].sha in repo.shallow_boundary():
        # A shallow clone's oldest commit shows every file as added: the claim's story goes on before it.
        commits[0] = replace(commits[0], change="fetched")
    return commits


def _committed_id(repo: Repo, entries: list[_LogEntry], claim_id: str, claim: Claim | None) -> str | None:
    """The id the newest commit of the file knows the claim by (a rename not committed yet changed it), or
    None when that commit does not hold the claim (it came into the file since)."""
    if claim is None or not entries:
        return claim_id
    if entries[0].new_blob == _NO_BLOB:
        return None
    blob = repo.read_blobs([entries[0].new_blob])[entries[0].new_blob]
    if _held_in(blob, claim_id) is not None:  # set aside there, maybe
        return claim_id
    # A former id the claim had set aside (rejected, then restored and renamed) is its own still.
    earlier = renamed_from(claim, lambda former: _held_in(blob, former))
    return earlier.id if earlier is not None else None


def _walk(repo: Repo, entries: list[_LogEntry], claim_id: str, held: bool = False) -> tuple[list[Commit], Claim | None]:
    """The commits among ``entries`` (newest first) that changed the claim, oldest first, and its latest state.

    A claim that came into its file from another one in some commit (moved,
    or the file renamed so much that git saw a removal and an addition) is
    followed on into the other file's commits.

    An id that ``rename`` freed may be taken by a new claim later: the rename
    event records that the id left the renamed claim then, so the story of
    the claim under the id now begins after it.  ``held``: a claim has the
    id after the newest of ``entries`` (in the working tree).
    """
    blobs: dict[str, bytes] = {}
    found: dict[tuple[str, str], Claim | None] = {}

    def claim_at(blob_id: str, wanted: str) -> Claim | None:
        # Most blobs are asked for one id; only a commit that renamed the claim asks for another.
        if blob_id == _NO_BLOB:
            return None
        key = (blob_id, wanted)
        if key not in found:
            found[key] = claim_in(blobs[blob_id], wanted)
        return found[key]

    commits: list[Commit] = []
    latest: Claim | None = None
    current = claim_id  # the id the claim has at this point of the walk, newest commit first
    while entries:
        wanted = ({e.old_blob for e in entries} | {e.new_blob for e in entries}) - {_NO_BLOB} - blobs.keys()
        blobs.update(repo.read_blobs(wanted))
        came_from = None  # (commit, path): the claim came into this file from that path then
        for entry in entries:
            after = claim_at(entry.new_blob, current)
            before = claim_at(entry.old_blob, current)
            former = restored = arrived = None
            if before is None and after is None:
                # Among the claims on neither side: it may have come into the file set aside (added or
                # renamed, and rejected or retired, in one commit), or left those set aside.
                arrived = _aside_arrival(repo, entry, blobs, current)
                if arrived is None:
                    # Gone from those set aside (by hand: restore brings it among the claims): as from
                    # the claims, removed or renamed.
                    before = _aside_left(blobs.get(entry.old_blob), blobs.get(entry.new_blob), current)
                if arrived is None and before is None:
                    continue
            if arrived is not None:
                came, earlier, other_file = arrived
                if latest is None and not commits:
                    latest = came.claim
                former = earlier.id if earlier is not None and earlier.id != current else None
                commits.append(_commit(entry, str(came.kind), came.claim.status, current, former))
                if former is not None:
                    current = former
                if other_file is not None:
                    came_from = (entry.sha, other_file)
                    break
                continue
            if before is None and after is not None:
                # Back among the claims: restored from those set aside, under the id it had before a
                # rename, or from another claims file.
                old_blob = blobs.get(entry.old_blob)
                restored = _aside_in(old_blob, current)
                before = renamed_from(
                    after,
                    lambda other: claim_at(entry.old_blob, other) or _aside_claim(old_blob, other),  # noqa: B023
                )
                if before is not None and restored is None and claim_at(entry.old_blob, before.id) is None:
                    restored = _aside_in(old_blob, before.id)  # restored, then renamed, in one commit
                if before is None and restored is None and (origin := _origin(repo, entry, after)) is not None:
                    came_from, before, restored = (entry.sha, origin[0]), origin[1], origin[2]
                former = before.id if before is not None and before.id != current else None
            if before == after:
                if came_from is not None:
                    break
                continue
            if (
                after is not None
                and (own := claim_at(entry.old_blob, current)) is not None
                and _freed(blobs[entry.old_blob], blobs[entry.new_blob], own, current)
            ):
                # ``rename`` gave the claim that had the id another one, and a new claim took it in
                # the same commit: the story of the claim under the id now begins here.
                if latest is None and not commits:
                    latest = after
                commits.append(_commit(entry, "added", after.status, current, None))
                break
            if latest is None and not commits:
                latest = after or before
            if after is None:
                gone = _gone_to(repo, entry, before, blobs.get(entry.old_blob), blobs.get(entry.new_blob))
                if gone is not None:
                    if commits or held:
                        break  # the id was freed here: the claim that has it since is another one
                    # Gone under this id because ``rename`` gave it another: say so, not "removed".  Set
                    # aside in the same commit, the commit is a rejection or retirement that renamed it.
                    path, renamed, kind = gone
                    change = "renamed" if kind is None else str(kind)
                    commits.append(_commit(entry, change, renamed.status, renamed.id, current, path))
                    continue
                if (aside := _aside_in(blobs.get(entry.new_blob), current)) is not None:
                    # Rejected or retired: the file keeps it, status and all, among the claims set aside.
                    commits.append(_commit(entry, str(aside.kind), aside.claim.status, current, None))
                    continue
                change, status = "removed", None
            elif former is not None:
                change, status = "restored" if restored is not None else "renamed", after.status
            elif before is None:
                change, status = "restored" if restored is not None else "added", after.status
            else:
                status = after.status
                change = "restored" if restored is not None else "status" if before.status != status else "edited"
            commits.append(_commit(entry, change, status, current, former))
            if former is not None:
                current = former
            if came_from is not None:
                break
        entries = [] if came_from is None else _log(repo, came_from[1], f"{came_from[0]}^")
    commits.reverse()
    return commits, latest


def _changed_files(repo: Repo, sha: str) -> list[tuple[str, str, str]]:
    """(old blob, new blob, path) of every file the commit changed; one process, for the rare commit that
    took a claim into or out of its file."""
    out = repo.git(["diff-tree", "-r", "--no-abbrev", "--no-renames", "--no-commit-id", "--root", "-z", sha])
    return raw_files(out)


def _origin(repo: Repo, entry: _LogEntry, claim: Claim) -> tuple[str, Claim, SetAside | None] | None:
    """(path, claim, set aside as) of the other file the claim came from in ``entry``'s commit, under its id or
    a former one; the third is not None when that file had it set aside (brought back on the way)."""
    ids = [claim.id, *former_ids(claim)]
    changed = _changed_files(repo, entry.sha)
    others = [(old, new, path) for old, new, path in changed if old != _NO_BLOB and path != entry.path]
    blobs = repo.read_blobs(({b for old, new, _ in others for b in (old, new)} | {entry.new_blob}) - {_NO_BLOB})
    for old, new, path in others:
        blob = blobs[old]
        if not any(f'"{i}"'.encode() in blob for i in ids):  # an id needs no escaping in JSON
            continue
        same = claim_in(blob, claim.id)
        # Renamed in its own file, or on its way into this one (the file moved so much that git saw a
        # removal and an addition), which freed the id for the new claim here: nothing moved.
        if same is not None and any(
            _freed(blob, blobs[after], same, claim.id) for after in (new, entry.new_blob) if after != _NO_BLOB
        ):
            continue
        if same is not None:
            return path, same, None
        if (aside := _aside_in(blob, claim.id)) is not None:
            return path, aside.claim, aside
        earlier = renamed_from(claim, lambda former: claim_in(blob, former))  # noqa: B023 - called here
        if earlier is not None:
            return path, earlier, None
    return None


def _freed(old_blob: bytes, new_blob: bytes, claim: Claim, claim_id: str) -> bool:
    """Whether ``rename`` gave ``claim`` (under ``claim_id`` in the old blob) another id in this change of its file.

    The event's words are looked for first: one more "renamed from ID" in
    the file, or the change renamed nothing from this id.
    """
    said = f'"{RENAMED_FROM}{claim_id}"'.encode()  # an id needs no escaping in JSON
    if new_blob.count(said) <= old_blob.count(said):
        return False
    renamed = _renamed_to(new_blob, claim, old_blob)
    return renamed is not None and renamed[0].id != claim_id


def _gone_to(
    repo: Repo, entry: _LogEntry, claim: Claim | None, old_blob: bytes | None, blob: bytes | None
) -> tuple[str, Claim, Aside | None] | None:
    """(path, claim, set aside as) of the claim ``rename`` made of ``claim`` in ``entry``'s commit: in its own
    file, or in another one (moved there by hand, or the file renamed so much that git saw a removal and an
    addition); the kind is None unless the commit set the renamed claim aside too."""
    if claim is None:
        return None
    if (renamed := _renamed_to(blob, claim, old_blob)) is not None:
        return entry.path, *renamed
    others = [(old, new, path) for old, new, path in _changed_files(repo, entry.sha) if new != _NO_BLOB]
    others = [(old, new, path) for old, new, path in others if path != entry.path]
    blobs = repo.read_blobs({b for old, new, _ in others for b in (old, new)} - {_NO_BLOB})
    for old, new, path in others:
        # Its rename event names the former id ("renamed from ID"): a blob without it holds no such claim.
        if claim.id.encode() in blobs[new] and (renamed := _renamed_to(blobs[new], claim, blobs.get(old))) is not None:
            return path, *renamed
    return None


def _aside_arrival(
    repo: Repo, entry: _LogEntry, blobs: dict[str, bytes], claim_id: str
) -> tuple[SetAside, Claim | None, str | None] | None:
    """(the claim as set aside, the claim it was before, the other file it came from) when ``entry``'s commit
    put the claim into its file set aside under ``claim_id``, or None.

    The claim it was is the one the file had under a former id (renamed, then
    set aside), or the one another file had (moved by hand, then set aside);
    None when the commit added it.  The id quoted in the new version of the
    file and not in the old one is looked for first: most commits of a walk
    that reach here hold the claim on neither side, or set aside on both.
    """
    quoted = f'"{claim_id}"'.encode()  # an id needs no escaping in JSON
    old = blobs.get(entry.old_blob)
    new = blobs.get(entry.new_blob)
    if new is None or quoted not in new or (old is not None and quoted in old):
        return None
    aside = _aside_in(new, claim_id)
    if aside is None:
        return None
    earlier = renamed_from(aside.claim, lambda former: _held_in(old, former)) if old is not None else None
    if earlier is None and (origin := _origin(repo, entry, aside.claim)) is not None:
        return aside, origin[1], origin[0]
    return aside, earlier, None


def _aside_left(old: bytes | None, new: bytes | None, claim_id: str) -> Claim | None:
    """The claim the old version of a file had set aside under ``claim_id`` when the new one no longer names
    the id, or None."""
    if old is None or f'"{claim_id}"'.encode() not in old:  # an id needs no escaping in JSON
        return None
    if new is not None and f'"{claim_id}"'.encode() in new:
        return None
    return _aside_claim(old, claim_id)


def _aside_claim(blob: bytes | None, claim_id: str) -> Claim | None:
    """The claim a version of its claims file has set aside under ``claim_id``, or None."""
    aside = _aside_in(blob, claim_id)
    return aside.claim if aside is not None else None


def _held_in(blob: bytes, claim_id: str) -> Claim | None:
    """The claim as a version of its claims file holds it, among its claims or those set aside, or None."""
    found = claim_in(blob, claim_id)
    if found is None and (aside := _aside_in(blob, claim_id)) is not None:
        found = aside.claim
    return found


def _aside_in(blob: bytes | None, claim_id: str) -> SetAside | None:
    """The claim as set aside (rejected or retired) in a version of its claims file, or None.

    The blob is decoded whole, and only when it names the id at all.
    """
    if blob is None or f'"{claim_id}"'.encode() not in blob:  # an id needs no escaping in JSON
        return None
    try:
        return codec.decode(blob, "").aside(claim_id)
    except InputError:
        return None


def _commit(
    entry: _LogEntry, change: str, status: Status | None, claim_id: str, former: str | None, path: str | None = None
) -> Commit:
    return Commit(
        entry.sha, entry.date, entry.author, entry.subject, path or entry.path, change, status, claim_id, former
    )


def _renamed_to(
    blob: bytes | None, claim: Claim | None, old_blob: bytes | None = None
) -> tuple[Claim, Aside | None] | None:
    """The claim of ``blob`` that ``rename`` made of ``claim`` (in the change from ``old_blob``, the file before
    it), with the kind it was set aside as (None: among the claims), or None; the blob is decoded whole
    (rarely: a claim left its file).

    A claim the file already had under its id was renamed before: its event
    tells of an earlier claim under the id, not of this one.  A claim renamed
    and then rejected or retired is among those set aside, its event kept.
    """
    if blob is None or claim is None:
        return None
    try:
        later = codec.decode(blob, "")
    except InputError:
        return None
    candidates = [(c, None) for c in later.claims] + [(e.claim, e.kind) for e in later.set_aside]
    for candidate, kind in candidates:
        if renamed_from(candidate, lambda former: claim if former == claim.id else None) is None:
            continue
        if old_blob is None or _held_in(old_blob, candidate.id) is None:
            return candidate, kind
    return None


@dataclass(frozen=True)
class WorkingTree:
    """The claims of the working tree (set-aside ones too) under ``root``, a claims file or folder."""

    root: Path
    claims: list[Claim]

    def renamed(self, claim_id: str, claim: Claim | None = None) -> Claim | None:
        """The claim of the working tree that a rename not committed yet made of HEAD's claim ``claim_id``.

        ``claim`` is the working tree's own claim under the id, if any: it is never the renamed one.  Only
        the claims whose history names the id are looked up in HEAD, so most calls start no git process.
        """
        candidates = [c for c in self.claims if c is not claim and renames_from(c, claim_id)]
        if not candidates:
            return None
        repo = find_repo(self.root)
        if repo is None or repo.commit("HEAD") is None:
            return None
        try:
            where = repo.relative(self.root)
        except ValueError:
            return None
        blobs = list(repo.read_blobs(repo.blobs("HEAD", where).values()).values())

        def at_head(wanted: str) -> Claim | None:
            quoted = f'"{wanted}"'.encode()  # an id needs no escaping in JSON
            for blob in blobs:
                if quoted in blob and (found := _held_in(blob, wanted)) is not None:
                    return found
            return None

        return renamed_since(claim_id, candidates, at_head)


@dataclass(frozen=True)
class Removed:
    """A claim git remembers that is no longer among the claims: as it last was, and its commits."""

    shown: str  # its claims file, as messages show it
    claim: Claim
    commits: list[Commit]  # oldest first; the last one removed it, unless only the working tree lacks it
    renamed_to: str | None = None  # only the working tree lacks it: a rename not committed yet gave it this id


def _uncommitted(path: str) -> InputError:
    return InputError(
        f"has no commits in git yet; commit it (git add {path}, then git commit), or leave out --git", path
    )


def removed_claim(claims_path: Path, claim_id: str, working: WorkingTree | None = None) -> Removed | None:
    """The claim ``claim_id`` as git last had it under ``claims_path`` (a file or folder), or None.

    The commits of the claims file git last had it in tell its story.  With
    ``working`` (the working tree's claims), a claim HEAD still has that a
    rename not committed yet gave another id says so (``renamed_to``).
    """
    repo = find_repo(claims_path)
    if repo is None:
        return None
    try:
        where = repo.relative(claims_path)
    except ValueError:
        return None
    last = _last_file(repo, where, claim_id)
    if last is None:
        return None
    entries = _log(repo, last)
    if not entries:
        raise _uncommitted(last)
    commits, claim = _walk(repo, entries, claim_id)
    if claim is None:
        return None
    renamed = None
    gone = bool(commits) and (commits[-1].change == "removed" or commits[-1].former_id == claim_id)
    if working is not None and not gone:
        renamed = working.renamed(claim_id)
    return Removed(display(repo.root / last), claim, commits, renamed.id if renamed is not None else None)


def _held_at_head(repo: Repo, path: str, claim_id: str) -> bool:
    """Whether the last commit's version of the claims file at ``path`` holds the id (among the claims or set aside)."""
    blob = repo.file_blobs("HEAD", [path]).get(path)
    return blob is not None and _held_in(repo.read_blobs([blob])[blob], claim_id) is not None


def _last_file(repo: Repo, where: str, claim_id: str) -> str | None:
    """The claims file under ``where`` (relative to the repository; "" for all of it) that git last had the
    claim in, or None.

    Only the commits that changed how many times the quoted id occurs can
    have added or removed the claim (``git log -S``, one process for the whole
    history); the newest of them in which a claims file lost or held the claim
    itself names the file.
    """
    # Without rename detection: a claims file renamed whole is then a file that lost the quoted id
    # and one that gained it, so the file that holds the claim after the rename is the one found.
    out = repo.git(
        [
            "log",
            "--first-parent",
            "--no-color",
            "--no-abbrev",
            "--no-renames",
            "--raw",
            "-z",
            "--format=%x1e",
            "-S",
            f'"{claim_id}"',
            "--",
            where or ".",
        ]
    )
    for record in out.split(b"\x1e"):
        files = list(raw_files(record))
        wanted = {b for f in files for b in f[:2]} - {_NO_BLOB}
        if not wanted:
            continue
        blobs = repo.read_blobs(wanted)
        last = None
        for old_blob, new_blob, path in files:
            if new_blob != _NO_BLOB and _held_in(blobs[new_blob], claim_id) is not None:
                last = path  # still there after this commit: only the working tree lacks it
                break
            if old_blob != _NO_BLOB and _held_in(blobs[old_blob], claim_id) is not None:
                last = path
        if last is not None:
            return last
        # Otherwise the quoted id came or went elsewhere than in a claim's id (a note, say).
    return None


def raw_files(record: bytes) -> list[tuple[str, str, str]]:
    """(old blob, new blob, path) of each file of one commit in ``git log --raw -z`` output.

    A rename or a copy names the file before and after it: the path is the one after.
    """
    fields = record.split(b"\0")
    files = []
    for i, meta in enumerate(fields):
        if not meta.strip().startswith(b":"):
            continue
        parts = meta.strip()[1:].decode().split(" ")
        name = fields[i + 2] if parts[4][:1] in ("R", "C") else fields[i + 1]
        files.append((parts[2], parts[3], os.fsdecode(name)))  # as names on disk are read
    return files
