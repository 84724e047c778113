"""Reading claims files as they were at a git revision, without a checkout.

Every function here runs a fixed, small number of git processes however many
files are involved: ``git ls-tree`` lists a folder at a revision, one
``git cat-file --batch`` streams all the blobs (the same objects
``git show REV:path`` prints), one ``git diff -M`` finds renames.  Failures
become ``InputError`` with one clear line.  Git's file names are bytes, read as
Python reads names on disk (``os.fsdecode``), so that the two compare equal
whatever the locale.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factcheck.model.errors import InputError


@dataclass(frozen=True)
class Repo:
    """A git working tree: its top folder."""

    root: Path

    def git(self, args: Sequence[str], *, input: bytes | None = None, what: str = "", large: bool = False) -> bytes:
        """Run git in the repository; a failure is an InputError naming ``what``.

        ``large``: the output may be hundreds of megabytes; read it in one go
        rather than through ``communicate``'s small chunks.
        """
        return _git(self.root, args, input=input, what=what, large=large)

    def relative(self, path: Path) -> str:
        """``path`` (on disk, maybe missing) as a repository path with ``/``; "" for the root."""
        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(self.root)
        except ValueError:
            # The root may be reached through a symlink.
            rel = Path(os.path.realpath(absolute)).relative_to(self.root)
        text = rel.as_posix()
        return "" if text == "." else text

    def commit(self, revision: str) -> str | None:
        """The full commit id of ``revision``, or None when it names no commit."""
        try:
            out = self.git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"])
        except InputError:
            return None
        return out.decode().strip() or None

    def merge_base(self, one: str, other: str) -> str | None:
        """The commit where commits ``one`` and ``other`` parted, or None when they share no history."""
        try:
            return self.git(["merge-base", one, other]).decode().strip() or None
        except InputError:
            return None

    def shallow_hint(self) -> str:
        """What to add to a message about a revision that names no commit: in a shallow clone (as CI checks a
        branch out) it may well name one that the clone lacks."""
        if self.git(["rev-parse", "--is-shallow-repository"]).strip() != b"true":
            return ""
        return "; this clone is shallow: fetch the history it lacks (git fetch --unshallow; fetch-depth: 0 in CI)"

    def shallow_boundary(self) -> frozenset[str]:
        """The commits a shallow clone has without their parents (none in a full clone)."""
        where = self.git(["rev-parse", "--git-path", "shallow"]).decode().strip()
        try:
            return frozenset((self.root / where).read_text().split())
        except OSError:
            return frozenset()

    def blobs(self, revision: str, path: str) -> dict[str, str]:
        """Map each ``*.json`` file at or under ``path`` at ``revision`` to its blob id."""
        out = self.git(["ls-tree", "-r", "-z", "--full-tree", revision, "--", path or "."], what=revision)
        found: dict[str, str] = {}
        base = PurePosixPath(path) if path else None
        for name, sha in _listed_blobs(out):
            if base is not None and name != path:
                inner = PurePosixPath(name).relative_to(base).parts
                # Like store.discover: skip hidden folders below the claims folder.
                if any(part.startswith(".") for part in inner[:-1]):
                    continue
            if name.lower().endswith(".json") or name == path:
                found[name] = sha
        return found

    def file_blobs(self, revision: str, names: Sequence[str]) -> dict[str, str]:
        """The blob ids of these files at ``revision`` (missing ones are left out), in one ls-tree."""
        return dict(_listed_blobs(self.git(["ls-tree", "-z", "--full-tree", revision, "--", *names], what=revision)))

    def read_blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The contents of many blobs (or ``REV:path`` names) from one ``git cat-file --batch``."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        request = "".join(w + "\n" for w in wanted).encode("utf-8", "surrogateescape")
        out = self.git(["cat-file", "--batch"], input=request, large=True)
        contents: dict[str, bytes] = {}
        pos = 0
        for name in wanted:
            line_end = out.index(b"\n", pos)
            header = out[pos:line_end].split(b" ")
            pos = line_end + 1
            if header[-1] == b"missing" or len(header) != 3:
                raise InputError(f"{name}: no such object in the git repository")
            size = int(header[2])
            contents[name] = out[pos : pos + size]
            pos += size + 1  # the object is followed by a newline
        return contents

    def renames(self, old: str, new: str | None) -> list[tuple[str, str]]:
        """Files git sees as renamed between commit ``old`` and ``new`` (None: the working tree)."""
        args = ["diff", "--no-ext-diff", "--no-color", "-M", "--diff-filter=R", "--name-status", "-z", old]
        if new is not None:
            args.append(new)
        out = self.git([*args, "--"])
        fields = out.split(b"\0")
        pairs = []
        i = 0
        while i + 2 < len(fields):
            if fields[i].startswith(b"R"):
                pairs.append((os.fsdecode(fields[i + 1]), os.fsdecode(fields[i + 2])))
                i += 3
            else:
                i += 1
        return pairs


def _listed_blobs(out: bytes) -> Iterator[tuple[str, str]]:
    """The path and id of each blob that ``git ls-tree -z`` lists (entries "MODE KIND ID\tPATH")."""
    for entry in out.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        fields = meta.split(b" ")
        if len(fields) == 3 and fields[1] == b"blob":
            yield os.fsdecode(name), fields[2].decode()


def find_repo(path: Path) -> Repo | None:
    """The git working tree that holds ``path`` (which may not exist), or None."""
    folder = Path(os.path.abspath(path))
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        folder = folder.parent
    try:
        out = _git(folder, ["rev-parse", "--show-toplevel"])
    except InputError:
        return None
    return Repo(Path(os.fsdecode(out).strip()))


#: Why no repository is found anywhere.
NO_GIT = "git is not installed"


def no_repo(where: str) -> str:
    """Why ``find_repo`` found no repository for the path shown as ``where``."""
    return NO_GIT if shutil.which("git") is None else f"{where} is not in a git repository"


#: git, with the settings that would add to what its commands print for us turned off (signatures checked).
_GIT = ("git", "-c", "log.showSignature=false")


def _git(cwd: Path, args: Sequence[str], *, input: bytes | None = None, what: str = "", large: bool = False) -> bytes:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    # git runs in another folder than ours: a repository named by the environment is named absolutely.
    for name in ("GIT_DIR", "GIT_WORK_TREE"):
        if env.get(name):
            env[name] = os.path.abspath(env[name])
    try:
        if large:
            returncode, stdout, stderr = _run_large([*_GIT, *args], cwd, env, input or b"")
        else:
            done = subprocess.run([*_GIT, *args], cwd=cwd, input=input, capture_output=True, env=env, check=False)
            returncode, stdout, stderr = done.returncode, done.stdout, done.stderr
    except FileNotFoundError:
        raise InputError("git is not installed; it is needed to read revisions") from None
    if returncode != 0:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"git {args[0]} failed"
        detail = detail.removeprefix("fatal: ")
        raise InputError(f"{what}: {detail}" if what else detail)
    return stdout


def _run_large(argv: list[str], cwd: Path, env: dict[str, str], data: bytes) -> tuple[int, bytes, bytes]:
    # Input from a file (no deadlock however much there is), output read whole.
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stderr:
        stdin.write(data)
        stdin.seek(0)
        with subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=stderr) as proc:
            assert proc.stdout is not None
            stdout = proc.stdout.read()
        stderr.seek(0)
        return proc.returncode, stdout, stderr.read()


def merge_file(ours: Path, base: Path, theirs: Path, labels: Sequence[str], size: int) -> tuple[bytes, bool]:
    """git's own text merge of three versions of a file (``git merge-file``), and whether it left conflicts.

    ``labels`` name ours, the ancestor and theirs on the markers, ``size`` long; the style is
    git's merge.conflictStyle, which git merge-file reads.
    """
    labelled = [arg for label in labels for arg in ("-L", label)]
    argv = ["git", "merge-file", "-p", f"--marker-size={size}", *labelled, "--", str(ours), str(base), str(theirs)]
    try:
        done = subprocess.run(argv, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; it is needed to merge") from None
    if not 0 <= done.returncode < 128:
        raise InputError(done.stderr.decode("utf-8", "replace").strip() or "git merge-file failed")
    return done.stdout, done.returncode > 0


def shows_ancestor() -> bool:
    """Whether git's merge.conflictStyle, where the merge runs, shows the ancestor's version (diff3, zdiff3)."""
    try:
        done = subprocess.run(["git", "config", "--get", "merge.conflictStyle"], capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return done.stdout.strip().lower() in (b"diff3", b"zdiff3")
