"""Property: ``diff`` and ``history --git`` hold on every short sequence of desk edits.

A small claims folder is committed to a temporary git repository, then a
random sequence of the desk's edits is applied to it (a verdict, a verdict
verify set confirmed as a person's, a source cited or dropped, a wording
edited, a rename, a removal, a rejection and its undoing, a retirement, a
new claim, a new claim given an id a rename freed, the claims file renamed
in git, a claim moved by hand to the other claims file), with a commit
after some of them.  Each claim carries a lineage that survives its
renames, so the test knows what every diff should say without asking the
code under test.

For ``diff A B`` between any two commits (and the working tree), in every
format: exit 0, every id on either side accounted for exactly once, the
summary's counts equal to the sections and the JSON lists, a claim renamed
between A and B shown once as OLD → NEW (either way round), a claim whose
status is the same on both sides but became a person's verdict in between
said to be that person's (and no other), a claim set aside on the other
side said to be (with the id it has there when a rename changed it), and
``diff A A`` empty.  An id a rename freed and another claim took is two
claims, unless the renamed claim was removed and no version from A to B
holds the rename's event: then nothing on record tells it from an edit.
For ``history ID --git`` of every id a commit had, and every id the
working tree gave a committed claim: exit 0, commits in time order, a
story for every id a commit had (set aside or not), the story
of a claim of the first commit starting there, the last status shown equal
to the claim's status in that commit, a claim no longer there ending
with the commit that took it, and an id only the working tree lacks named
as renamed (to the claim's id now) or removed, as the edits not committed
yet did.

Each example is small (at most 6 edits and 3 commits) and there are few, so
the property stays quick on a loaded machine.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.model.claims import Claim, ClaimsFile
from factcheck.store.edit import update

from conftest import git, init_repo, make_claim, make_source, write_claims

OPS = [
    "set",
    "confirm",
    "source-add",
    "source-remove",
    "edit",
    "rename",
    "remove",
    "reject",
    "restore",
    "retire",
    "add",
    "reuse",
    "mv",
    "move",
]
STATUSES = ["verified", "false", "mixed", "opinion", "unverified"]
MAX_COMMITS = 3  # the first one included


def initial_claims() -> list[dict[str, Any]]:
    return [
        make_claim("opened", "The bridge opened in 2020.", sources=[make_source("https://example.org/opened")]),
        make_claim(
            "cost",
            "It cost $2.4 billion.",
            "verified",
            sources=[make_source("https://example.org/cost")],
            history=[{"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": "verified", "by": "verify"}],
        ),
        make_claim("waste", "Critics think it was a waste of money.", "opinion"),
    ]


@dataclass
class Lineage:
    """One claim through its renames: its id now, whether it is among the claims, and its sources."""

    id: str
    live: bool = True  # False: rejected or retired (set aside), or removed
    removed: bool = False
    sources: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)  # ids it had before, oldest first
    status: str = "unverified"
    person: bool = False  # whether the status is a person's verdict (unverified never is)
    kind: str = ""  # set aside: "rejected" or "retired"


@dataclass(frozen=True)
class Snapshot:
    """A version of the claims: a commit (or the working tree) and the live id of each lineage then."""

    sha: str | None  # None: the working tree
    path: str  # the claims file's path in the repository
    ids: dict[int, str]  # lineage -> id, for the claims among the claims
    aside: dict[int, tuple[str, str]]  # lineage -> (id, rejected or retired), for the claims set aside
    every: frozenset[str]  # every id in the version, set-aside claims too
    verdicts: dict[int, tuple[str, bool]]  # lineage -> (status, whether a person gave it)
    count: int  # how many lineages there were: those below it had been committed by then


class Desk:
    """A temporary repository with a claims folder, and the edits of the property applied to it."""

    def __init__(self, root: Path) -> None:
        self.repo = init_repo(root / "repo")
        self.claims = self.repo / "claims"
        self.file = "claims/bridge.json"
        write_claims(self.claims, "bridge", initial_claims())
        # The other claims file, that claims are moved to and from by hand.
        write_claims(self.claims, "tunnel", [make_claim("dug", "The tunnel was dug in 2019.")])
        self.lineages = [
            # cost's verified is verify's; waste's opinion, written by hand, only a person gives
            Lineage(c["id"], sources=[s["url"] for s in c["sources"]], status=c["status"], person=c["id"] == "waste")
            for c in initial_claims()
        ]
        self.lineages.append(Lineage("dug"))
        self.fresh = 0
        self.snapshots: list[Snapshot] = []
        self.commit()

    # --- running the CLI and git -------------------------------------------------------------

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(cli, ["--claims", str(self.claims), *args], prog_name="factcheck")

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result

    def commit(self) -> None:
        n = len(self.snapshots) + 1
        when = f"2026-01-0{n}T12:00:00+00:00"  # distinct, increasing dates: time order is commit order
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-q", "--allow-empty", "-m", f"edit {n}", env=env)
        sha = git(self.repo, "rev-parse", "HEAD").strip()
        self.snapshots.append(self.snapshot(sha))

    def snapshot(self, sha: str | None) -> Snapshot:
        ids = {n: line.id for n, line in enumerate(self.lineages) if line.live}
        aside = {n: (line.id, line.kind) for n, line in enumerate(self.lineages) if not line.live and not line.removed}
        every = frozenset(line.id for line in self.lineages if not line.removed)
        verdicts = {n: (line.status, line.person) for n, line in enumerate(self.lineages)}
        return Snapshot(sha, self.file, ids, aside, every, verdicts, len(self.lineages))

    def lineage_ids(self, lineage: int) -> set[str]:
        """Every id the lineage has had."""
        line = self.lineages[lineage]
        return {line.id, *line.former}

    # --- the edits -----------------------------------------------------------------------------

    def new_id(self) -> str:
        self.fresh += 1
        return f"c{self.fresh}"

    def taken(self) -> set[str]:
        return {line.id for line in self.lineages if not line.removed}

    def file_of(self, claim_id: str) -> Path:
        """The claims file that holds the claim now (claims move between the two)."""
        for path in sorted(self.claims.glob("*.json")):
            if any(c["id"] == claim_id for c in json.loads(path.read_text(encoding="utf-8"))["claims"]):
                return path
        raise AssertionError(f"no claims file holds {claim_id}")

    def apply(self, op: str, pick: int) -> None:
        live = [line for line in self.lineages if line.live]
        aside = [line for line in self.lineages if not line.live and not line.removed]
        target = live[pick % len(live)] if live else None
        if op == "restore":
            if aside:
                line = aside[pick % len(aside)]
                self.ok("restore", line.id)
                line.live = True
        elif op == "add":
            claim = Claim(id=self.new_id(), text=f"A new claim, number {self.fresh}.")
            update(self.repo / self.file, lambda f: f.claims.append(claim))
            self.lineages.append(Lineage(claim.id))
        elif op == "reuse":
            # A new claim takes an id that a rename freed (and no claim has now).
            freed = sorted({former for line in self.lineages for former in line.former} - self.taken())
            if freed:
                claim = Claim(id=freed[pick % len(freed)], text=f"A new claim under a freed id, {pick}.")
                update(self.repo / self.file, lambda f: f.claims.append(claim))
                self.lineages.append(Lineage(claim.id))
        elif op == "mv":
            new = f"claims/article-{self.new_id()}.json"
            git(self.repo, "mv", self.file, new)
            self.file = new
        elif target is None:
            return
        elif op == "move":
            # By hand, to the other claims file: the claim keeps its id, status and history.
            source = self.file_of(target.id)
            others = sorted(path for path in self.claims.glob("*.json") if path != source)
            moved: list[Claim] = []

            def take(claims_file: ClaimsFile) -> None:
                claim = claims_file.get(target.id)
                assert claim is not None
                claims_file.claims.remove(claim)
                moved.append(claim)

            update(source, take)
            update(others[pick % len(others)], lambda f: f.claims.append(moved[0]))
        elif op == "set":
            status = STATUSES[pick % len(STATUSES)]
            self.ok("set", target.id, "--status", status, "--note", f"Note {pick}.", "--force", "--by", "ann")
            target.status, target.person = status, status != "unverified"
        elif op == "confirm":
            # The status the claim has, given by a person: theirs from now on, unless it is no verdict.
            said = self.ok("set", target.id, "--status", target.status, "--force", "--by", "ann").stderr
            confirms = target.status != "unverified" and not target.person
            assert ("now the verdict of ann" in said) is confirms, said
            target.person = target.status != "unverified"
        elif op == "source-add":
            url = f"https://example.org/{self.new_id()}"
            self.ok("source", "add", target.id, url, "--quote", "a quote")
            target.sources.append(url)
        elif op == "source-remove":
            if target.sources:
                url = target.sources.pop(pick % len(target.sources))
                self.ok("source", "remove", target.id, url, "--why", "A dead page.", "--by", "ann")
        elif op == "edit":

            def reword(claims_file: ClaimsFile) -> None:
                claim = claims_file.get(target.id)
                assert claim is not None
                claim.text = f"{claim.text} Edit {pick}."

            update(self.file_of(target.id), reword)
        elif op == "rename":
            # Sometimes back to an id the claim had before, freed by its own rename.
            back = [former for former in target.former if former not in self.taken()]
            new_id = back[pick % len(back)] if back and pick % 2 else self.new_id()
            self.ok("rename", target.id, new_id, "--by", "ann")
            target.former.append(target.id)
            target.id = new_id
        elif op == "remove":
            self.ok("remove", target.id)
            target.live, target.removed = False, True
        elif op in ("reject", "retire"):
            self.ok(op, target.id, "--note", "Not a claim.", "--by", "ann")
            target.live, target.kind = False, f"{op}ed".replace("eed", "ed")


edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 9), st.booleans()), min_size=1, max_size=6)


# --- what the diff output says ---------------------------------------------------------------

_SUMMARY = re.compile(
    r"(?P<added>\d+) added, (?P<removed>\d+) removed, (?P<changed>\d+) changed"
    r"(?: \((?:(?P<renamed>\d+) renamed, )?(?P<transitions>\d+) in status\))?\."
)


def summary_counts(line: str) -> dict[str, int]:
    match = _SUMMARY.search(line)
    assert match, line
    return {k: int(v or 0) for k, v in match.groupdict().items()}


def text_sections(out: str) -> dict[str, int]:
    """Title -> number of rows of each block of the text format (continuation lines start with a space)."""
    sections = {}
    for block in out.split("\n\n")[1:]:
        title, *rows = block.strip("\n").split("\n")
        sections[title] = sum(1 for row in rows if row and not row.startswith(" "))
    return sections


def md_sections(out: str) -> dict[str, int]:
    """Title -> number of table rows of each section of the markdown format."""
    sections = {}
    for block in out.split("\n### ")[1:]:
        title, _, table = block.partition("\n")
        rows = [row for row in table.strip("\n").split("\n") if row.startswith("|")]
        sections[title] = len(rows) - 2  # the header and the rule
    return sections


def refs_by_id(refs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in refs}


def on_record(desk: Desk, old: Snapshot, new: Snapshot, claim_id: str) -> bool:
    """Whether a version from one side to the other (both included) holds a rename event from the id."""
    order = [s.sha for s in desk.snapshots] + [None]
    first, last = sorted((order.index(old.sha), order.index(new.sha)))
    said = f'"renamed from {claim_id}"'
    for sha in order[first : last + 1]:
        if sha is None:
            texts = [path.read_text(encoding="utf-8") for path in desk.claims.glob("*.json")]
        else:
            names = git(desk.repo, "ls-tree", "-r", "--name-only", sha, "--", "claims").split()
            texts = [git(desk.repo, "show", f"{sha}:{name}") for name in names]
        if any(said in text for text in texts):
            return True
    return False


def history_of(desk: Desk, side: Snapshot, claim_id: str) -> list[Any]:
    """The history events of the claim with this id among the claims of one side (none: an empty list)."""
    if side.sha is None:
        texts = [path.read_text(encoding="utf-8") for path in desk.claims.glob("*.json")]
    else:
        names = git(desk.repo, "ls-tree", "-r", "--name-only", side.sha, "--", "claims").split()
        texts = [git(desk.repo, "show", f"{side.sha}:{name}") for name in names]
    for text in texts:
        for claim in json.loads(text)["claims"]:
            if claim["id"] == claim_id:
                return list(claim.get("history", []))
    return []


def diff_args(old: Snapshot, new: Snapshot, desk: Desk) -> list[str]:
    side = [str(desk.claims) if s.sha is None else s.sha for s in (old, new)]
    return ["diff", side[0]] if new.sha is None else ["diff", *side]


def check_diff(desk: Desk, old: Snapshot, new: Snapshot) -> None:
    args = diff_args(old, new, desk)
    data = json.loads(desk.ok(*args, "--format", "json").stdout)
    added = [r["id"] for r in data["added"]]
    removed = [r["id"] for r in data["removed"]]
    renamed = [(c["old_id"], c["id"]) for c in data["changed"] if c["old_id"] is not None]
    changed = [c["id"] for c in data["changed"] if c["old_id"] is None]

    # Every id on either side, once: the lineages say what each should be.
    expected_added, expected_removed, expected_renamed, kept = [], [], [], []
    for lineage in old.ids.keys() | new.ids.keys():
        a, b = old.ids.get(lineage), new.ids.get(lineage)
        if a is None:
            expected_added.append(b)
        elif b is None:
            expected_removed.append(a)
        elif a != b:
            expected_renamed.append((a, b))
        else:
            kept.append(a)
    where = f"{args}: {data}"
    # An id a rename freed and another claim took, the renamed claim removed, and no version from one
    # side to the other holding the rename's event: nothing on record tells that from an edit of one claim.
    for claim_id in set(expected_added) & set(expected_removed):
        if claim_id in changed and not on_record(desk, old, new, claim_id):
            expected_added.remove(claim_id)
            expected_removed.remove(claim_id)
            kept.append(claim_id)
    # A claim removed, and a new one renamed from its id whose history before that rename is the removed
    # claim's (none, say): nothing on record tells that from the removed claim renamed and reworded. (The
    # diff is taken both ways: the later side's claim is the one with the rename event.)
    for a, b in set(renamed) - set(expected_renamed):
        was, now = history_of(desk, old, a), history_of(desk, new, b)
        if (
            a in expected_removed and b in expected_added and (was == now[:-1] or now == was[:-1])
        ):  # diff runs both ways
            expected_removed.remove(a)
            expected_added.remove(b)
            expected_renamed.append((a, b))
    assert sorted(added) == sorted(expected_added), where
    assert sorted(removed) == sorted(expected_removed), where
    assert sorted(renamed) == sorted(expected_renamed), where
    assert set(changed) <= set(kept) and len(changed) == len(set(changed)), where
    # A claim set aside on the other side (under the id it has there, renamed or not) says so.
    for side, other, refs in ((old, new, data["removed"]), (new, old, data["added"])):
        for lineage, claim_id in side.ids.items():
            if claim_id not in refs_by_id(refs):
                continue
            ref = refs_by_id(refs)[claim_id]
            aside = other.aside.get(lineage)
            if aside is None:
                assert (ref["aside"], ref["aside_id"]) == (None, None), where
            else:
                assert (ref["aside"], ref["aside_id"]) == (aside[1], None if aside[0] == claim_id else aside[0]), where
    # A verdict that became a person's with its status unchanged, and only such, is said to be theirs.
    confirmed = []
    for lineage in old.ids.keys() & new.ids.keys():
        (was, was_person), (now, now_person) = old.verdicts[lineage], new.verdicts[lineage]
        if was == now and now_person and not was_person:
            confirmed.append(new.ids[lineage])
    assert sorted(c["id"] for c in data["changed"] if c["verdict_by"] == "ann") == sorted(confirmed), where
    assert all(c["verdict_by"] in (None, "ann") for c in data["changed"]), where

    counts = {
        "added": len(added),
        "removed": len(removed),
        "renamed": len(renamed),
        "transitions": sum(1 for c in data["changed"] if c["from"] != c["to"]),
        "changed": len(data["changed"]),
    }
    empty = not (added or removed or data["changed"] or data["renamed"])
    text = desk.ok(*args).stdout
    md = desk.ok(*args, "--format", "md").stdout
    if empty:
        assert text.startswith("No changes to the claims") and text.count("\n") == 1, text
        assert md.startswith("**No changes to the claims") and md.count("\n") == 1, md
        return
    assert summary_counts(text.split("\n")[0]) == counts, text
    assert summary_counts(md.split("\n")[0]) == counts, md
    for sections in (text_sections(text), md_sections(md)):
        assert sections.get("Added claims", 0) == counts["added"], text
        assert sections.get("Removed claims", 0) == counts["removed"], text
        assert sections.get("Renamed claims", 0) == counts["renamed"], text
        assert sections.get("Status changes", 0) == counts["transitions"], text
        assert sections.get("Renamed files", 0) == len(data["renamed"]), text


# --- what history --git says -----------------------------------------------------------------


def claims_at(desk: Desk, sha: str, path: str) -> dict[str, str]:
    """id -> status of the claims of ``path`` at ``sha``, those set aside too (they keep their status).

    Empty when the commit deleted the file (a claim removed with its file is named by the file it left).
    """
    if not git(desk.repo, "ls-tree", "--name-only", sha, "--", path).strip():
        return {}
    document = json.loads(git(desk.repo, "show", f"{sha}:{path}"))
    aside = [entry["claim"] for entry in document.get("set_aside", [])]
    return {c["id"]: c["status"] for c in [*document["claims"], *aside]}


def check_history(desk: Desk, claim_id: str) -> None:
    result = desk.run("history", claim_id, "--git", "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, (claim_id, result.stderr)
    document = json.loads(result.stdout)
    commits = document["commits"]
    order = [s.sha for s in desk.snapshots]
    where = f"history {claim_id}: {commits}"
    # An id the last commit gave a claim and the working tree no longer has: renamed there (the claim
    # goes on under its new id, even set aside) or removed, not yet committed either way.
    head = desk.snapshots[-1].ids
    if claim_id not in {line.id for line in desk.lineages if not line.removed}:
        (last_holder,) = [n for n, held in head.items() if held == claim_id] or [None]
        if last_holder is not None:
            line = desk.lineages[last_holder]
            assert document["removed"] is True, where
            told_to = document["renamed_to"]
            # Removed, and a new claim renamed from its id with its history before that (see check_diff):
            # nothing on record tells it from the claim renamed.
            alike = line.removed and told_to is not None
            alike = alike and history_of(desk, desk.snapshot(None), told_to)[:-1] == history_of(
                desk, desk.snapshots[-1], claim_id
            )
            assert told_to == (None if line.removed else line.id) or alike, (where, told_to)
    positions = [order.index(c["sha"]) for c in commits]
    assert positions == sorted(set(positions)), where
    # Followed back through renames and moves: the story of a claim of the first commit starts there.
    # An id a rename freed and a new claim took is that claim's: its story starts when it was added.
    had = [n for n in range(len(desk.lineages)) if claim_id in desk.lineage_ids(n)]
    now = [n for n in had if desk.lineages[n].id == claim_id and not desk.lineages[n].removed]
    told = now[0] if now else had[0] if len(had) == 1 else None
    # A claim a commit had under the id, among the claims or set aside (added and set aside in one
    # commit, say), has a story under it.
    committed = told is not None and any(
        s.ids.get(told) == claim_id or s.aside.get(told, ("", ""))[0] == claim_id for s in desk.snapshots
    )
    assert commits or not committed, where
    if not commits:
        return
    if told is not None and told in desk.snapshots[0].ids:
        assert (commits[0]["sha"], commits[0]["change"]) == (order[0], "added"), where
    elif told is not None and told >= desk.snapshots[0].count:
        # A claim added since does not begin before it was, unless it took an id that a claim renamed and
        # removed with no commit between freed: then nothing on record tells it from that claim edited.
        before = any(claim_id in s.ids.values() and told not in s.ids for s in desk.snapshots)
        if not before or on_record(desk, desk.snapshots[0], desk.snapshot(None), claim_id):
            assert commits[0]["sha"] != order[0], where
    last = commits[-1]
    status = claims_at(desk, last["sha"], last["path"]).get(last["id"])
    assert last["status"] == status, where
    # A claim no committed version has under this id since some commit: the story ends with that commit.
    # Set aside, it still has the id: restored and renamed later, its story goes on to that rename.
    # Unless the working tree gave the id back to that claim: then its story is the claim's, all of it.
    held = [
        n
        for n, s in enumerate(desk.snapshots)
        if claim_id in s.ids.values() or claim_id in {i for i, _ in s.aside.values()}
    ]
    last_holder = [n for n, held_id in desk.snapshots[held[-1]].ids.items() if held_id == claim_id] if held else []
    back = told is not None and last_holder == [told] and desk.lineages[told].live
    if held and held[-1] < len(desk.snapshots) - 1 and not back:
        assert positions[-1] == held[-1] + 1, where
        assert last["change"] in ("removed", "rejected", "retired") or last["former_id"] == claim_id, where


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
# Sequences that short random ones seldom reach: an id a rename freed taken by a new claim, in the
# commit after the rename and in the same one; a claim moved by hand, renamed and moved, and moved
# without a commit.
@example([("rename", 0, True), ("reuse", 0, True)])
@example([("rename", 0, False), ("reuse", 0, True), ("set", 0, True)])
@example([("move", 0, True), ("set", 0, False)])
@example([("rename", 0, False), ("move", 0, True), ("move", 3, False)])
# A rename not committed yet, alone and with the freed id given to a new claim, neither committed.
@example([("set", 1, True), ("rename", 0, False)])
@example([("rename", 0, False), ("reuse", 0, False), ("edit", 4, False)])
# Renamed, its freed id taken by a new claim, and the claims file moved, all in one commit.
@example([("rename", 0, False), ("reuse", 0, False), ("mv", 0, True)])
# Set aside and brought back, then its claims file moved in the commit after.
@example([("set", 0, False), ("source-add", 0, False), ("reject", 0, True), ("restore", 0, False), ("mv", 0, True)])
# The claims file moved, a claim renamed, renamed again and the file moved again, the last three not committed.
@example([("mv", 0, False), ("rename", 1, True), ("rename", 1, False), ("mv", 0, False)])
# Renamed and committed, judged and committed, then given its old id back, not committed.
@example([("rename", 1, True), ("set", 1, True), ("rename", 1, False)])
# Renamed and removed, a new claim without history under the freed id, another claim renamed; none committed.
@example([("rename", 0, False), ("remove", 0, False), ("reuse", 0, False), ("rename", 3, False)])
# Renamed away and back: the claim's own rename record does not free its id.
@example([("rename", 3, False), ("rename", 3, False)])
# A new claim, no history, under a freed id; the renamed claim set aside, brought back and renamed again,
# the new claim's wording edited: longer than the sequences drawn, and the one rename records decide.
@example(
    [("rename", 0, False), ("reuse", 0, True), ("reject", 0, True), ("restore", 0, False), ("rename", 0, False)]
    + [("edit", 4, False)]
)
# Renamed and set aside in one commit, brought back and renamed in the next; a claim added and set aside
# in one commit.
@example([("rename", 0, False), ("reject", 0, True), ("restore", 0, False), ("rename", 0, True)])
@example([("add", 0, False), ("retire", 4, True), ("set", 0, False)])
# Set aside, then brought back and renamed with a new claim under its former id, none of it committed.
@example([("reject", 0, True), ("restore", 0, False), ("rename", 0, False), ("reuse", 0, False)])
# Renamed, the renamed claim removed, and a new claim under the freed id, with no commit in the middle of
# the diff between the first and the last commit, and with one.
@example([("rename", 0, False), ("remove", 0, False), ("reuse", 0, True)])
@example([("rename", 0, True), ("remove", 0, False), ("reuse", 0, True)])
# The other file's claim renamed, and a new claim in this file under its freed id, in one commit: nothing moved.
@example([("rename", 3, False), ("reuse", 0, True)])
# Renamed and committed, then the claims file moved and the claim given its old id back, neither committed.
@example([("rename", 1, True), ("mv", 0, False), ("rename", 1, False)])
# Rejected and committed, then restored and renamed in one commit: the old id's story ends with that rename.
@example([("reject", 0, True), ("restore", 0, False), ("rename", 0, True)])
def test_diff_and_history_hold_on_any_sequence_of_desk_edits(steps: list[tuple[str, int, bool]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk(Path(tmp))
        for op, pick, commit in steps:
            desk.apply(op, pick)
            if commit and len(desk.snapshots) < MAX_COMMITS:
                desk.commit()
        sides = [*desk.snapshots, desk.snapshot(None)]
        for old in sides:
            for new in sides:
                if old is not new:
                    check_diff(desk, old, new)
        for side in desk.snapshots:
            check_diff(desk, side, side)
        # Every id a commit had, and those the working tree gave claims some commit had.
        ids = set().union(*(s.every for s in desk.snapshots))
        committed = desk.snapshots[-1].count
        ids |= {line.id for line in desk.lineages[:committed] if not line.removed}
        for claim_id in sorted(ids):
            check_history(desk, claim_id)
