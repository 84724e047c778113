"""``history --format text``: the claim, its events, then its commits."""

from __future__ import annotations

from factcheck.history.commits import Commit
from factcheck.model.vocab import Aside
from factcheck.render import theme
from factcheck.render.history import Timeline
from factcheck.render.show.text import event_line, listed
from factcheck.render.styled import Line, Styled, line, one_line

_CHANGE = {
    "added": "added",
    "status": "status changed",
    "edited": "edited",
    "removed": "removed",
    "renamed": "renamed",
    Aside.REJECTED: "rejected",
    Aside.RETIRED: "retired",
    "restored": "restored",
    "fetched": "the oldest commit this shallow clone has (git fetch --unshallow for the rest)",
}

_ASIDE = frozenset(Aside)


def render(t: Timeline) -> Styled:
    claim = t.claim
    out = Styled()
    now = "  was " if t.removed else "  now "
    out.add((one_line(claim.id), "bold"), now, theme.status_part(claim.status), (f"  ({one_line(t.file)})", "dim"))
    out.add(one_line(claim.text))
    if t.aside is not None:
        # Out of the fact-check, but its story is still worth reading before anyone restores it.
        why = f": {one_line(t.aside.why)}" if t.aside.why else ""
        out.add((f"{t.aside.kind} on {t.aside.at[:10]} by {one_line(t.aside.by)}{why}", "yellow"))
        out.add((f"factcheck restore {one_line(claim.id)} brings it back", "dim"))
    out.blank()
    listed(out, claim.history, ("Events", "bold underline"), ("No status changes recorded.", "dim"), event_line)
    if t.commits is not None:
        oldest = t.commits[0] if t.commits else None
        out.blank()
        listed(
            out,
            t.commits,
            ("Commits", "bold underline"),
            ("No commit changed this claim.", "dim"),
            lambda commit: _commit(commit, claim.id, commit is oldest),
        )
    if t.removed:
        out.blank()
        if (by := t.gone_by) is not None:
            when = f"on {by.date[:10]} by commit {by.sha[:10]}: {one_line(by.subject)}"
            if by.change == "removed":
                out.add((f"Removed {when}", "yellow"))
            else:
                aside = "" if by.change == "renamed" else f" and {_CHANGE[by.change]}"
                out.add((f"Renamed {one_line(by.id or '')}{aside} {when}", "yellow"))
                out.add((f"factcheck history {one_line(by.id or '')} --git goes on from there", "dim"))
        elif (renamed := t.renamed_in_working_tree) is not None:
            out.add((f"Renamed {one_line(renamed)} in the working tree; no commit has renamed it yet.", "yellow"))
            out.add((f"factcheck history {one_line(renamed)} --git goes on from there", "dim"))
        else:
            out.add(("Removed in the working tree; no commit has removed it yet.", "yellow"))
    return out


def _commit(commit: Commit, claim_id: str, first: bool) -> list[Line]:
    status = theme.status_part(commit.status) if commit.status else ("(removed)", "dim")
    change = _CHANGE[commit.change]
    # A commit that renamed the claim and set it aside too reads as both, in the order they were done.
    aside = commit.change in _ASIDE and (commit.former_id is not None or first)
    if aside:
        change = "added"  # the story begins with it: the claim came into its file set aside
    if commit.former_id == claim_id:  # the story of a former id ends here
        change = f"renamed {one_line(commit.id or '')}"
    elif commit.former_id is not None:
        change = f"renamed from {one_line(commit.former_id)}"
    if aside:
        change += f", {_CHANGE[commit.change]}"
    elif commit.change == "restored" and commit.former_id is not None:
        change = f"restored, {change}"  # a claim is renamed among the claims: restored first
    if commit.former_id is None and commit.id is not None and commit.id != claim_id:
        change += f" (as {one_line(commit.id)})"  # before a rename: the id it had then
    return [
        line(f"{commit.date[:10]}  ", (commit.sha[:10], "dim"), "  ", status, (f"  {change}", "dim")),
        line("    " + one_line(commit.subject), (f"  ({one_line(commit.author)})", "dim")),
    ]
