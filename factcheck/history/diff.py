"""``factcheck diff``: how the claims changed between two versions of the claims.

A version is a claims file or folder on disk, or one at a git revision (read
with ``git cat-file``, no checkout).  Claims are matched by id, which is
unique across a claims folder, so a claim that moved to another file is a
change, not a removal and an addition (unless the two began apart: see
``_born_apart``).

Speed: a diff of a 100,000-claim folder must take well under the time a full
parse takes.  Files whose bytes are the same on both sides (the same git
blob id) are skipped unread.  In the files that differ, the canonical layout
the store writes lets ``codec.split_claims`` cut the ``claims`` array into
one byte string per claim, so only the claims whose bytes changed are
decoded (and validated); a file not in that layout is decoded whole.  When
nothing differs at all, every file is decoded whole once (``_validate``):
the answer "no changes" reads nothing else, and must not pass off a file
that every other command refuses.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# What changed is in a module of its own, where renderers read it without loading the store.
from factcheck.history.changes import ARTICLE_FIELDS, ArticleChange, CheckChange, ClaimChange, ClaimRef, Diff
from factcheck.history.renames import one_claim, renamed_from, renames_from
from factcheck.history.timeline import raw_files
from factcheck.model.claims import RENAMED_FROM, Claim, Event, SetAside
from factcheck.model.errors import InputError
from factcheck.store import codec
from factcheck.store.folder import IdRegister, discover, id_places, parse, read_raw, repeated_id
from factcheck.store.git import Repo, find_repo, no_repo
from factcheck.store.paths import display

WORKING_TREE = "working tree"
#: OLD when it defaults to HEAD in a repository with no commit yet: no claims on that side.
NO_COMMITS = "HEAD (no commits yet)"
_NO_BLOB = "0" * 40  # a file the commit added or deleted has no blob on that side


# --- reading a version -------------------------------------------------------------


@dataclass
class Version:
    """The claims files of one side: name -> blob id, and a way to get the bytes."""

    label: str
    blob_ids: dict[str, str]
    contents: dict[str, bytes] = field(default_factory=dict)  # known already (files on disk)
    repo: Repo | None = None
    commit: str | None = None
    # File name as messages show it (a path on disk, or REV:path).
    shown: Callable[[str], str] = str
    # Name relative to the compared root, to tell a claim that moved to another file.
    keys: dict[str, str] = field(default_factory=dict)
    # In a git repository: the compared path in the repository, to read the rename records of the
    # commits between two sides (those leading to ``commit``, or to HEAD for files on disk).
    where: str | None = None

    def key(self, name: str) -> str:
        return self.keys.get(name, name)

    def read(self, names: Iterable[str]) -> dict[str, bytes]:
        names = list(names)
        missing = [n for n in names if n not in self.contents]
        if missing:
            assert self.repo is not None
            blobs = self.repo.read_blobs(self.blob_ids[n] for n in missing)
            for n in missing:
                self.contents[n] = blobs[self.blob_ids[n]]
        return {n: self.contents[n] for n in names}


def _blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(frozen=True)
class _Spec:
    label: str
    path: Path  # on disk, or the path the claims have in the repository
    revision: str | None = None  # None: on disk
    named: bool = False  # the path was named (REV:path), not the claims folder by default


def _spec(arg: str | None, claims_path: Path) -> _Spec:
    if arg is None:
        return _Spec(WORKING_TREE, claims_path)
    if Path(arg).exists():
        return _Spec(display(arg), Path(arg))
    revision, colon, path = arg.partition(":")
    if colon and revision:
        return _Spec(arg, Path(path) if path else claims_path, revision, named=bool(path))
    return _Spec(arg, claims_path, arg)


def load(
    old_arg: str | None, new_arg: str | None, claims_path: Path, default_folder: bool = False
) -> tuple[Version, Version, list[tuple[str, str]]]:
    """The two versions to compare (HEAD and the working tree by default), and the files git saw renamed.

    ``default_folder``: ``claims_path`` is the default claims folder, not one a
    person named, so nothing on either side is no claims rather than a mistake.
    """
    if old_arg and new_arg is None and "..." in old_arg and not Path(old_arg).exists():
        old_arg, new_arg = _parted(old_arg, claims_path)
    old_spec = _spec(old_arg if old_arg is not None else "HEAD", claims_path)
    new_spec = _spec(new_arg, claims_path)
    repo = None
    if old_spec.revision or new_spec.revision:
        anchor_path = (old_spec if old_spec.revision else new_spec).path
        repo = find_repo(anchor_path)
        if repo is None:
            arg = old_arg if old_spec.revision else new_arg
            why = no_repo(display(anchor_path))
            if arg is None:
                raise InputError(f"{why}; name two claims files or folders to compare")
            raise InputError(f"{arg!r} is neither a claims file or folder nor a git revision ({why})")
    if old_arg is None and repo is not None and repo.commit("HEAD") is None:
        # A repository before its first commit: what the working tree holds is all new.
        old_spec = _Spec(NO_COMMITS, claims_path)
        old_commit = None
        unborn = True
    else:
        old_commit = _commit(repo, old_spec, old_arg)
        unborn = False
    new_commit = _commit(repo, new_spec, new_arg)

    renames: list[tuple[str, str]] = []
    if repo is not None and old_commit is not None:
        renames = repo.renames(old_commit, new_commit)
    old = Version(NO_COMMITS, {}) if unborn else _version(repo, old_spec, old_commit)
    new = _version(repo, new_spec, new_commit)
    if repo is not None:
        # Follow renames git knows of, so a renamed claims file is compared with its old self.
        extra = [o for o, n in renames if n in new.blob_ids and o not in old.blob_ids]
        if old_commit is not None and extra:
            old.blob_ids.update(repo.file_blobs(old_commit, extra))
        extra = [n for o, n in renames if o in old.blob_ids and n not in new.blob_ids]
        if new_commit is None:  # the working tree: the renamed file is on disk
            for n in extra:
                if (repo.root / n).is_file():
                    data = read_raw(repo.root / n)
                    new.blob_ids[n] = _blob_id(data)
                    new.contents[n] = data
        elif extra:
            new.blob_ids.update(repo.file_blobs(new_commit, extra))
        _place(repo, old, old_spec, unborn)
        _place(repo, new, new_spec, False)
    if nothing_on_either_side(old, new) and default_folder and not (old_spec.named or new_spec.named):
        # The default folder before the first claims file: no claims on either side, as
        # every command that reads the claims takes it.
        return old, new, []
    for version, spec, other in ((old, old_spec, new), (new, new_spec, old)):
        # The claims folder may well be missing on one side: the pull request that adds the
        # first article, or the commit that withdraws the last.  A path named with REV:path
        # (or --claims) that is not there, or nothing on either side, is a mistake.
        if not version.blob_ids and spec.revision is not None and (spec.named or not other.blob_ids):
            what = _repo_path(repo, spec.path) if repo else str(spec.path)
            raise InputError(f"{what or 'the repository'} does not exist at {spec.revision}, or holds no claims files")
    used = [(o, n) for o, n in renames if o in old.blob_ids and n in new.blob_ids]
    return old, new, used


def _parted(arg: str, claims_path: Path) -> tuple[str, str]:
    """``A...B`` as git diff reads it: the commit where A and B parted (short), and B; HEAD for a side left out."""
    one, _, other = arg.partition("...")
    one, other = one or "HEAD", other or "HEAD"
    repo = find_repo(claims_path)
    if repo is None:
        raise InputError(f"{arg!r} names git revisions, and {display(claims_path)} is not in a git repository")
    commits = []
    for name in (one, other):
        commit = repo.commit(name)
        if commit is None:
            raise InputError(f"{name!r} is not a git revision here{repo.shallow_hint()}")
        commits.append(commit)
    base = repo.merge_base(*commits)
    if base is None:
        raise InputError(f"{one!r} and {other!r} share no history{repo.shallow_hint()}")
    return repo.git(["rev-parse", "--short", base]).decode().strip(), other


def _place(repo: Repo, version: Version, spec: _Spec, unborn: bool) -> None:
    """Set where the side is in the repository: the path it compares (None outside it, or before a commit)."""
    if unborn:
        return
    try:
        version.where = repo.relative(spec.path) if spec.revision is None else _repo_path(repo, spec.path)
    except (ValueError, InputError):  # a file outside the repository, named on the command line
        return
    version.repo = version.repo or repo


def nothing_on_either_side(old: Version, new: Version) -> bool:
    """Whether neither version holds a claims file."""
    return not old.blob_ids and not new.blob_ids


def _commit(repo: Repo | None, spec: _Spec, arg: str | None) -> str | None:
    if spec.revision is None:
        return None
    assert repo is not None
    commit = repo.commit(spec.revision)
    if commit is None:
        if arg is None or ":" in (arg or ""):
            raise InputError(f"{spec.revision!r} is not a git revision here{repo.shallow_hint()}")
        raise InputError(f"{arg!r} is neither a claims file or folder nor a git revision{repo.shallow_hint()}")
    return commit


def _repo_path(repo: Repo, path: Path) -> str:
    try:
        return repo.relative(path)
    except ValueError:
        raise InputError(f"{display(path)} is outside the git repository at {display(repo.root)}") from None


def _version(repo: Repo | None, spec: _Spec, commit: str | None) -> Version:
    if commit is not None:
        assert repo is not None
        rev = spec.revision
        blob_ids = repo.blobs(commit, _repo_path(repo, spec.path))
        return Version(spec.label, blob_ids, repo=repo, commit=commit, shown=lambda n: f"{rev}:{n}")
    root = repo.root if repo is not None else Path.cwd()
    if repo is not None and spec.label == WORKING_TREE and not spec.path.exists():
        # Every claims file deleted, and git removed the emptied folder: nothing on this side.
        return Version(spec.label, {}, shown=lambda n: display(root / n))
    files = discover(spec.path)
    contents = {}
    for path in files:
        name = display(path)
        if repo is not None:
            try:
                name = repo.relative(path)
            except ValueError:  # a file outside the repository, named on the command line
                pass
        contents[name] = read_raw(path)
    keys = {}
    if repo is None:
        for path in files:
            keys[display(path)] = path.relative_to(spec.path).as_posix() if spec.path.is_dir() else ""
    return Version(
        spec.label,
        {n: _blob_id(d) for n, d in contents.items()},
        contents,
        shown=lambda n: display(root / n),
        keys=keys,
    )


# --- claims of a file, cut cheaply -----------------------------------------------------


@dataclass(slots=True)
class _Entry:
    file: str
    raw: bytes | None  # the claim's bytes in canonical layout, or None when decoded whole
    claim: Claim | None = None


def _entries(name: str, raw: bytes, shown: str, asides: dict[str, SetAside]) -> dict[str, _Entry]:
    """The claims of one file by id; cut by layout when canonical, else decoded (and validated) whole.

    The file's set-aside claims go into ``asides`` (a file that has some is always decoded whole).
    """
    cut = codec.split_claims(raw)
    if cut is not None:
        return {claim_id: _Entry(name, claim_raw) for claim_id, claim_raw in cut.items()}
    entries: dict[str, _Entry] = {}
    stored = parse(Path(shown), raw)
    for index, claim in enumerate(stored.claims):
        if claim.id in entries:
            place = (raw.decode("utf-8", "replace"), shown)
            raise repeated_id(claim.id, place, place, ["claims", index, "id"], on_disk=False)
        entries[claim.id] = _Entry(name, None, claim)
    for entry in stored.claims_file.set_aside:
        asides[entry.claim.id] = entry
    return entries


def _checked(entry: _Entry, version: Version) -> Claim:
    """The claim, decoded and validated when it was cut from its file unparsed."""
    if entry.claim is None:
        assert entry.raw is not None
        try:
            entry.claim = codec.decode_claim(entry.raw)
        except ValueError:
            shown = version.shown(entry.file)
            parse(Path(shown), version.read([entry.file])[entry.file])  # raises the located error
            raise InputError("not a valid claims file", shown) from None
    return entry.claim


def _claims(version: Version, names: Iterable[str], asides: dict[str, SetAside]) -> dict[str, _Entry]:
    claims: dict[str, _Entry] = {}
    register = IdRegister()
    for name, raw in version.read(sorted(names)).items():
        for index, (claim_id, entry) in enumerate(_entries(name, raw, version.shown(name), asides).items()):
            if not register.add(claim_id, name):
                raise _twice(version, claim_id, str(register.first(claim_id)), name, ["claims", index, "id"])
            claims[claim_id] = entry
    return claims


def _validate(version: Version) -> None:
    """Decode and validate every claims file of ``version`` whole, as any command reading them does."""
    register = IdRegister()
    for name, raw in version.read(sorted(version.blob_ids)).items():
        shown = version.shown(name)
        stored = parse(Path(shown), raw, shown)
        for claim_id, at in id_places(stored.claims_file):
            if not register.add(claim_id, name):
                raise _twice(version, claim_id, str(register.first(claim_id)), name, at)


def _twice(version: Version, claim_id: str, first: str, second: str, at: list[str | int]) -> InputError:
    """The store's error for ``claim_id`` used again in file ``second`` (at JSON path ``at``), first in ``first``."""
    texts = {n: raw.decode("utf-8", "replace") for n, raw in version.read({first, second}).items()}
    shown = version.shown
    return repeated_id(
        claim_id, (texts[first], shown(first)), (texts[second], shown(second)), at, version.commit is None
    )


# --- comparing --------------------------------------------------------------------------


def compare(old: Version, new: Version, renamed: list[tuple[str, str]] | None = None) -> Diff:
    """The claims added, removed and changed from ``old`` to ``new``."""
    result = Diff(old.label, new.label, renamed=list(renamed or []))
    # Files with the same bytes on both sides hold the same claims: skip them unread, as many
    # copies of a blob on each side as the other side has too.
    same = Counter(old.blob_ids.values()) & Counter(new.blob_ids.values())
    old_names = _unmatched(old.blob_ids, same)
    new_names = _unmatched(new.blob_ids, same)
    if not old_names and not new_names:
        # Nothing differs, so nothing would be read: "no changes" must not vouch for files that
        # every other command refuses (``diff A A`` of a broken file, a clean working tree).
        _validate(new)
        return result

    renames = set(result.renamed)
    # Two git processes decompress the two sides' blobs at once.
    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(old.read, old_names), pool.submit(new.read, new_names)]:
            done.result()
    old_asides: dict[str, SetAside] = {}
    new_asides: dict[str, SetAside] = {}
    before = _claims(old, old_names, old_asides)
    after = _claims(new, new_names, new_asides)
    gone = {claim_id: entry for claim_id, entry in before.items() if claim_id not in after}
    added = {claim_id: entry for claim_id, entry in after.items() if claim_id not in before}
    records = _RenameRecords(old.read(old_names), new.read(new_names), _between(old, new))
    renamed_to = _renames(old, new, before, after, gone, added, records)
    renamed_ids = set(renamed_to.values())
    # An id that a rename freed and another claim took: on the side where that other claim
    # is, it is a claim of its own, added (or removed), not a change of the renamed one.
    taken_new = {claim_id for claim_id in renamed_ids if claim_id in after and claim_id not in renamed_to}
    taken_old = {claim_id for claim_id in renamed_to if claim_id in before and claim_id not in renamed_ids}
    # The same for a rename that freed an id between the two sides when the renamed claim is on
    # neither side among the claims (set aside, or removed since): its record still tells.  Such
    # ids are found among the claims compared below, so the claims removed are listed after.
    freed: set[str] = set()
    for claim_id, entry in after.items():
        previous = None if claim_id in taken_new else before.get(claim_id)
        old_id = renamed_to.get(claim_id)
        if old_id is not None:
            previous = before[old_id]
        if previous is None:
            result.added.append(_ref(claim_id, entry, new, after, new_asides, old_asides, records, added=True))
            continue
        moved = (
            previous.file != entry.file
            and old.key(previous.file) != new.key(entry.file)
            and (previous.file, entry.file) not in renames
        )
        if not moved and old_id is None and previous.raw is not None and previous.raw == entry.raw:
            continue
        a, b = _checked(previous, old), _checked(entry, new)
        if old_id is None and not one_claim(a, b) and (_born_apart(a, b) or records.changed(claim_id, a, b)):
            freed.add(claim_id)
            result.added.append(_ref(claim_id, entry, new, after, new_asides, old_asides, records, added=True))
            continue
        if a == b and not moved:
            continue
        change = _change(claim_id, a, b, new.shown(entry.file))
        change.old_id = old_id
        if moved:
            change.old_file = old.shown(previous.file)
            # The name without the revision: a pull-request comment names both sides already.
            change.old_path = previous.file
        if change.shown:
            result.changed.append(change)
        else:
            result.other_edits += 1
    taken_old |= freed
    for claim_id, entry in before.items():
        if claim_id in renamed_ids or (claim_id not in gone and claim_id not in taken_old):
            continue
        result.removed.append(_ref(claim_id, entry, old, before, old_asides, new_asides, records, added=False))
    result.article = _article_changes(old, new, old_names, new_names, dict(result.renamed))
    return result


def _article_changes(
    old: Version, new: Version, old_names: list[str], new_names: list[str], renamed: dict[str, str]
) -> list[ArticleChange]:
    """The details of each article whose claims file differs on the two sides (followed through a rename)."""
    by_key = {new.key(name): name for name in new_names}
    changes = []
    for name in sorted(old_names):
        other = renamed.get(name) or by_key.get(old.key(name))
        if other is None:
            continue  # a claims file removed: its claims say so
        was = codec.article(old.read([name])[name], old.shown(name))
        now = codec.article(new.read([other])[other], new.shown(other))
        for detail in ARTICLE_FIELDS:
            a, b = getattr(was, detail) or None, getattr(now, detail) or None  # a correction left out is UNSET
            if a != b and detail == "sha256":  # the hashes say only that the text changed
                changes.append(ArticleChange(new.shown(other), "text", None, None))
            elif a != b:
                changes.append(ArticleChange(new.shown(other), detail, a, b))
    return changes


def _born_apart(a: Claim, b: Claim) -> bool:
    """Whether two claims under one id are two claims, each history opening with an event of its own: one
    that left with its article, and one that extract gave the freed id later."""
    return bool(a.history) and bool(b.history) and a.history[0] != b.history[0]


def _ref(
    claim_id: str,
    entry: _Entry,
    side: Version,
    entries: dict[str, _Entry],
    asides: dict[str, SetAside],
    other_asides: dict[str, SetAside],
    records: _RenameRecords,
    added: bool,
) -> ClaimRef:
    """A claim ``side`` has among its claims and the other side does not: added to NEW (restored, when OLD had
    it set aside) or removed from OLD (set aside, when NEW has it so), under its id or under another one.

    A rename on record tells better than the id alone, which another claim may have taken since; OLD may
    be the newer side.
    """
    claim = _checked(entry, side)
    aside = _aside_as(claim, other_asides, _side(side, entries, asides)) if other_asides else None
    aside = aside or _same_aside(claim, other_asides.get(claim_id), records, new_side=not added)
    return ClaimRef(
        claim_id,
        side.shown(entry.file),
        claim.status,
        claim.text,
        aside.kind if aside else None,
        aside.why if aside and not added else None,
        aside.claim.id if aside and aside.claim.id != claim_id else None,
    )


def _same_aside(claim: Claim, aside: SetAside | None, records: _RenameRecords, new_side: bool) -> SetAside | None:
    """``aside``, the claim the other side has set aside under ``claim``'s id, unless it is another claim: a
    rename between the two sides freed the id (as for two claims under one id among the claims)."""
    if aside is None or one_claim(claim, aside.claim):
        return aside
    old, new = (claim, aside.claim) if new_side else (aside.claim, claim)
    return None if records.changed(claim.id, old, new) else aside


def _side(version: Version, entries: dict[str, _Entry], asides: dict[str, SetAside]) -> Callable[[str], Claim | None]:
    """Looks a claim of one side up by id, among its claims or those set aside (in the files that differ)."""

    def lookup(claim_id: str) -> Claim | None:
        entry = entries.get(claim_id)
        if entry is not None:
            return _checked(entry, version)
        aside = asides.get(claim_id)
        return aside.claim if aside is not None else None

    return lookup


def _aside_as(
    claim: Claim, other_asides: dict[str, SetAside], this_side: Callable[[str], Claim | None]
) -> SetAside | None:
    """The claim the other side has set aside that is ``claim`` under another id, or None.

    ``claim`` is among the claims on its side and not on the other one;
    ``this_side`` looks its side's claims up.  A rename between the two sides,
    in either direction, tells that they are one claim.
    """
    for entry in other_asides.values():
        other = entry.claim
        forward = renames_from(other, claim.id)  # the cheap tests first: most set-aside claims are neither
        if not forward and not renames_from(claim, other.id):
            continue
        if (same := this_side(other.id)) is not None and one_claim(same, other):
            continue  # the set-aside claim's id is its own on this side too
        if forward:
            earlier = renamed_from(other, this_side)
            if earlier is not None and earlier.id == claim.id:
                return entry
        elif renames_from(claim, other.id):
            earlier = renamed_from(claim, lambda former: other if former == other.id else this_side(former))  # noqa: B023
            if earlier is not None and earlier.id == other.id:
                return entry
    return None


def _renames(
    old: Version,
    new: Version,
    before: dict[str, _Entry],
    after: dict[str, _Entry],
    gone: dict[str, _Entry],
    added: dict[str, _Entry],
    records: _RenameRecords,
) -> dict[str, str]:
    """new id -> old id of the claims ``rename`` gave a new id: the new id only in NEW, the old one in OLD.

    The claim with the new id is one side alone, whichever side the rename
    was made on: NEW's id may be the one the claim had before (OLD is the
    newer version) as well as the one it was given.  The id it had may be
    on both sides: the rename freed it, and a new claim took it since.  The
    rename event is the record of that (with the renamed claim's history
    going on from the one the id had), so the new claim under the freed id
    is then a claim of its own, not the renamed one changed.

    Whether the claims under an id on both sides are one claim is told by
    their histories; when one of them has none, nothing in them tells, and
    the rename records decide: the id was freed between the two sides only
    if a rename from it was made between them.
    """
    renamed: dict[str, str] = {}
    lookup: dict[tuple[str, str], Claim] = {}

    def claim_on(side: str, claim_id: str) -> Claim | None:
        version, entries = (old, before) if side == "old" else (new, after)
        entry = entries.get(claim_id)
        if entry is None:
            return None
        if (side, claim_id) not in lookup:
            lookup[side, claim_id] = _checked(entry, version)
        return lookup[side, claim_id]

    def kept(claim_id: str) -> bool:
        # The id on both sides, and one claim under it on both: it was not freed in between.
        a, b = claim_on("old", claim_id), claim_on("new", claim_id)
        if a is None or b is None:
            return False
        if one_claim(a, b):
            return True
        if a.history and b.history:
            return False  # two histories, neither going on from the other: two claims
        # A claim with no history, its wording edited, say: one claim, unless a rename freed the id.
        return not records.changed(claim_id, a, b)

    def old_claim(claim_id: str) -> Claim | None:
        if claim_id in renamed.values() or kept(claim_id):  # one old claim, one new id
            return None
        return claim_on("old", claim_id)

    for claim_id in added:
        earlier = renamed_from(claim_on("new", claim_id), old_claim)  # type: ignore[arg-type]
        # A claim renamed back on the newer side records a rename from this one: found below, when OLD is
        # that side.  When git says NEW is the older side, its claim was renamed before OLD's took the id.
        if earlier is not None and records.older() != "new":
            renamed[claim_id] = earlier.id
    # OLD may be the newer version (``diff HEAD HEAD~2``): then a claim gone from OLD is the
    # one that was renamed, and the claim NEW has under its former id is what it was before.
    # The gone claims are decoded anyway, to be listed as removed.  When git says OLD is the
    # older side, the claim NEW has under the former id took it after the rename: another one.
    for claim_id in gone:
        if claim_id in renamed.values():
            continue
        earlier = renamed_from(
            claim_on("old", claim_id),  # type: ignore[arg-type]
            lambda former: None if former in renamed or kept(former) else claim_on("new", former),
        )
        if earlier is not None and records.older() != "old":
            renamed[earlier.id] = claim_id
    return renamed


# A rename event's reason as the store writes it: "renamed from ID", ID with no quote or backslash.
_RENAME_RECORD = re.compile(b'"' + re.escape(RENAMED_FROM.encode()) + b'([^"\\\\]+)"')


def _own(claim: Claim | None, claim_id: str) -> int:
    """How many rename events from ``claim_id`` the claim under that id records itself."""
    said = RENAMED_FROM + claim_id
    return 0 if claim is None else sum(1 for event in claim.history if event.why == said)


@dataclass(frozen=True)
class _Between:
    """The commits between two sides in git: those reachable from one tip and not the other, under paths."""

    repo: Repo
    commits: tuple[str | None, str | None]  # None: files on disk, the working tree that goes on from HEAD
    paths: list[str]

    @functools.cached_property
    def tips(self) -> tuple[str, str]:
        """The commits the two sides' histories end with (HEAD for files on disk: one process, when asked)."""
        head = self.repo.commit("HEAD") if None in self.commits else None
        return self.commits[0] or head or "HEAD", self.commits[1] or head or "HEAD"

    @property
    def disk(self) -> tuple[bool, bool]:
        return self.commits[0] is None, self.commits[1] is None

    def older(self) -> str | None:
        """Which side git says is the older one, "old" or "new" (its commit is an ancestor of the other's, or
        the one the working tree goes on from), or None when neither is."""
        if self.tips[0] == self.tips[1]:
            return {(False, True): "old", (True, False): "new"}.get(self.disk)
        for side, (a, b) in (("old", self.tips), ("new", self.tips[::-1])):
            if self.disk[0 if side == "old" else 1]:
                continue  # the working tree goes on from HEAD, not from the other side
            if int(self.repo.git(["rev-list", "--count", f"{b}..{a}"]).strip() or 0) == 0:
                return side
        return None

    def renames(self) -> Counter[bytes]:
        """How many rename events from each id the commits between the two sides added to claims files.

        One ``git log -S`` pass finds the commits that changed how many rename
        events a file holds (rarely many); only their versions of it are read.
        """
        tips = "...".join(self.tips)
        if self.tips[0] == self.tips[1]:
            return Counter()  # HEAD and the working tree: only the two sides' files hold records
        if not any(self.disk) and int(self.repo.git(["rev-list", "--count", tips]).strip() or 0) < 2:
            return Counter()  # the sides' own records are those of the one commit between them
        out = self.repo.git(
            ["log", "--no-renames", "--no-abbrev", "--raw", "-z", "--format=%x1e", "-S", '"' + RENAMED_FROM]
            + [tips, "--", *self.paths]
        )
        commits = [raw_files(record) for record in out.split(b"\x1e")]
        blobs = self.repo.read_blobs({b for files in commits for f in files for b in f[:2]} - {_NO_BLOB})
        made: Counter[bytes] = Counter()
        for files in commits:
            delta: Counter[bytes] = Counter()
            for old, new, _ in files:
                delta.update(_RenameRecords.count([blobs[new]] if new != _NO_BLOB else []))
                delta.subtract(_RenameRecords.count([blobs[old]] if old != _NO_BLOB else []))
            made.update(+delta)  # a claim moved between files, or removed, made none
        return made


def _between(old: Version, new: Version) -> _Between | None:
    """The commits between the two sides, when both are in one repository's history at different commits."""
    repo = old.repo or new.repo
    if repo is None or old.where is None or new.where is None:
        return None
    paths = ["."] if "" in (old.where, new.where) else sorted({old.where, new.where})  # "": the whole repository
    return _Between(repo, (old.commit, new.commit), paths)


class _RenameRecords:
    """How many rename events name each former id on the two sides, counted in the files that differ.

    The files both sides share hold as many on each side.  The events are
    counted in the files' bytes, set-aside claims' too (a claim renamed and
    then rejected keeps its event), and only for the ids asked about.  A
    rename whose claim is gone by the other side (renamed, then removed)
    leaves no event there: the commits between the two sides, when git has
    them, are read for such events too.
    """

    def __init__(self, old: dict[str, bytes], new: dict[str, bytes], between: _Between | None = None) -> None:
        self.files = (list(old.values()), list(new.values()))
        self.counts: tuple[Counter[bytes], Counter[bytes]] | None = None
        self.between = between
        self.made: Counter[bytes] | None = None
        self.order: str | None = None  # "": neither side is older

    def changed(self, claim_id: str, old: Claim | None, new: Claim | None) -> bool:
        """Whether a rename from ``claim_id`` was made (or undone) between the two sides.

        ``old`` and ``new``: the claims under the id on each side.  Their own
        records do not count: a claim renamed away and back has one, and the
        id was its own all along.
        """
        if self.counts is None:
            # One pass over each side's bytes, on the first id asked about (rarely any).
            self.counts = (self.count(self.files[0]), self.count(self.files[1]))
        said = claim_id.encode()  # an id needs no escaping in JSON
        own = _own(old, claim_id), _own(new, claim_id)
        if self.counts[0][said] - own[0] != self.counts[1][said] - own[1]:
            return True
        if self.between is None:
            return False
        if self.made is None:
            # Asked only when the two sides' files tell nothing: one pass over the commits between them.
            self.made = self.between.renames()
        # Events the claims under the id made themselves (renamed away and back) free nothing.
        return self.made[said] > abs(own[0] - own[1])

    def older(self) -> str | None:
        """Which side git says is the older one ("old", "new" or None: see ``_Between.older``), asked once,
        and only of a rename found."""
        if self.order is None:
            self.order = (self.between.older() if self.between is not None else None) or ""
        return self.order or None

    @staticmethod
    def count(files: list[bytes]) -> Counter[bytes]:
        """How many rename events from each id the files hold."""
        return Counter(m[1] for blob in files for m in _RENAME_RECORD.finditer(blob))


def _unmatched(blob_ids: dict[str, str], same: Counter[str]) -> list[str]:
    """The names whose blob is not among the copies both sides share."""
    left = same.copy()
    names = []
    for name, blob in blob_ids.items():
        if left[blob] > 0:
            left[blob] -= 1
        else:
            names.append(name)
    return names


def _change(claim_id: str, a: Claim, b: Claim, file: str) -> ClaimChange:
    change = ClaimChange(claim_id, file, a.status, b.status)
    change.text_changed = a.text != b.text
    if change.text_changed:
        change.old_text, change.new_text = a.text, b.text
    change.note_changed = a.note != b.note
    change.events_deleted = _deleted(a.history, b.history)
    if change.status_changed:
        change.why = _why(a, b)
    elif b.verdict_by_person() and not a.verdict_by_person() and (event := b.verdict_event()):
        change.verdict_by = event.by  # a person made the verdict a tool had set their own
    old_sources = {s.url: s for s in a.sources}
    new_sources = {s.url: s for s in b.sources}
    change.sources_added = [u for u in new_sources if u not in old_sources]
    change.sources_removed = [u for u in old_sources if u not in new_sources]
    if a.claimant != b.claimant:
        change.claimant_changed, change.new_claimant = True, b.claimant
    old_matches = [m.url for m in a.accepted_matches()]
    new_matches = [m.url for m in b.accepted_matches()]
    change.accepted = [u for u in new_matches if u not in old_matches]
    change.unaccepted = [u for u in old_matches if u not in new_matches]
    for url, source in new_sources.items():
        if url not in old_sources:
            continue
        was, now = old_sources[url].last_check, source.last_check
        was_outcome = was.outcome if was else None
        now_outcome = now.outcome if now else None
        if was_outcome != now_outcome:
            change.checks.append(CheckChange(url, was_outcome, now_outcome, now.at if now else None))
    return change


def _deleted(old: list[Event], new: list[Event]) -> int:
    """How many of the old side's events the new side lacks: history is appended to (a merge may interleave
    both sides' events), never rewritten."""
    if new[: len(old)] == old:
        return 0
    left = list(new)
    for event in old:
        if event in left:
            left.remove(event)
    return len(old) - (len(new) - len(left))


def _why(a: Claim, b: Claim) -> str | None:
    """The reason recorded with the status change: that of the event that moved the claim to its new status.

    Over a range of commits the new events may hold more than the change:
    a person's verdict, then ``extract`` noting a re-anchoring while the
    status stayed.  An event that kept the status says nothing about the
    verdict, so the reason is that of the newest event that *changed* the
    status to the new one (looked for in the whole history when the new
    events hold none); without one, the claim's note.
    """
    appended = b.history[: len(a.history)] == a.history
    for events in (b.history[len(a.history) :] if appended else [], b.history):
        if event := b.verdict_event(events):
            return event.why or b.note
    return b.note


def diff(
    old_arg: str | None,
    new_arg: str | None,
    claims_path: Path,
    nothing: Callable[[str, str], None] | None = None,
) -> Diff:
    """Compare two versions of the claims named as on the command line.

    ``nothing``: ``claims_path`` is the default claims folder, and ``nothing(old label, new label)`` is
    called when neither version holds a claims file (without it, that is an InputError).
    """
    old, new, renamed = load(old_arg, new_arg, claims_path, default_folder=nothing is not None)
    if nothing is not None and nothing_on_either_side(old, new):
        nothing(old.label, new.label)
    return compare(old, new, renamed)
