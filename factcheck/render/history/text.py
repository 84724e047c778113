"""``history --format text``: the claim, its events, then its commits."""

from __future__ import annotations

from factcheck.history.commits import Commit
from factcheck.render import theme
from factcheck.render.history import Timeline
from factcheck.render.show.text import event_line, listed
from factcheck.render.styled import Line, Styled, line, one_line

_CHANGE = {"added": "added", "status": "status changed", "edited": "edited", "removed": "removed"}


def render(t: Timeline) -> Styled:
    claim = t.claim
    out = Styled()
    out.add((one_line(claim.id), "bold"), "  now ", theme.status_part(claim.status), (f"  ({one_line(t.file)})", "dim"))
    out.add(one_line(claim.text))
    if t.aside is not None:
        # Out of the fact-check, but its story is still worth reading before anyone restores it.
        why = f": {one_line(t.aside.why)}" if t.aside.why else ""
        out.add((f"{t.aside.kind} on {t.aside.at[:10]} by {one_line(t.aside.by)}{why}", "yellow"))
        out.add((f"factcheck restore {one_line(claim.id)} brings it back", "dim"))
    out.blank()
    listed(out, claim.history, ("Events", "bold underline"), ("No status changes recorded.", "dim"), event_line)
    if t.commits is not None:
        out.blank()
        listed(out, t.commits, ("Commits", "bold underline"), ("No commit changed this claim.", "dim"), _commit)
    return out


def _commit(commit: Commit) -> list[Line]:
    status = theme.status_part(commit.status) if commit.status else ("(removed)", "dim")
    return [
        line(f"{commit.date[:10]}  ", (commit.sha[:10], "dim"), "  ", status, (f"  {_CHANGE[commit.change]}", "dim")),
        line("    " + one_line(commit.subject), (f"  ({one_line(commit.author)})", "dim")),
    ]
