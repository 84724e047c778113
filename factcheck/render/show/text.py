"""``show --format text``: a readable page about one claim."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from factcheck.model.claims import Event, Source
from factcheck.model.vocab import Stance
from factcheck.render import theme
from factcheck.render.show import ClaimView
from factcheck.render.styled import Line, Part, Styled, one_line
from factcheck.report.facts import facts_note
from factcheck.text.clean import clean, number, quoted, redact_urls

T = TypeVar("T")


def listed(
    out: Styled, items: Sequence[T], heading: Part, empty: Part, each: Callable[[T], Styled | Iterable[Line]]
) -> None:
    """``heading`` then the lines of each item; ``empty`` alone when there are none."""
    if not items:
        out.add(empty)
        return
    out.add(heading)
    for item in items:
        out.extend(each(item))


def event_line(event: Event, indent: str = "") -> Styled:
    """One history event: when, from → to (or that the status stayed), by whom; then why, dimmed."""
    out = Styled()
    if event.from_status == event.to_status:
        out.add(
            indent,
            f"{event.at}  ",
            theme.status_part(event.to_status),
            (" (status unchanged)", "dim"),
            f"  by {one_line(event.by)}",
        )
    else:
        before = (event.from_status or "(new)", "" if event.from_status else "dim")
        out.add(
            indent, f"{event.at}  ", before, " → ", theme.status_part(event.to_status), f"  by {one_line(event.by)}"
        )
    if event.why:
        out.add((f"{indent}    {one_line(event.why)}", "dim"))
    return out


def render(view: ClaimView) -> Styled:
    claim = view.claim
    out = Styled()
    out.add((clean(claim.id), "bold"), "  ", theme.status_part(claim.status), (f"  ({claim.status.meaning})", "dim"))
    where = one_line(view.file) + (f":{view.line}" if view.line else "")
    out.add((f"{where} · {one_line(view.article_title)}", "dim"))
    out.blank()
    for text_line in clean(claim.text).split("\n"):
        out.add(text_line)  # the claim's text as a block; styled.line defuses a line that looks like a command
    out.blank()
    fields: list[tuple[str, str]] = []
    if claim.claimant:
        fields.append(("claimant", clean(claim.claimant)))
    if claim.note:
        fields.append(("note", clean(claim.note)))
    if claim.review:
        fields.append(("needs review", f"{clean(claim.review.why)} (since {claim.review.since[:10]})"))
    if claim.worthiness:
        # A reason may list its own words with commas ("a percentage: 2%, 1%"): reasons are parted by semicolons.
        reasons = "; ".join(clean(r) for r in claim.worthiness.reasons) or "no reasons recorded"
        fields.append(("check-worthiness", f"{number(claim.worthiness.score, 2)} ({reasons})"))
    if claim.anchor:
        a = claim.anchor
        fields.append(("anchor", f"characters {a.start}–{a.end} of {one_line(view.article_path or 'the article')}"))
    for name, value in fields:
        _field(out, name, value)
    if fields:
        out.blank()
    if not claim.sources:
        out.add(("sources: none (unsourced)", "bold"))
    else:
        out.add((f"sources ({len(claim.sources)}):", "bold"))
        for place, source in enumerate(claim.sources, 1):
            out.extend(_source(place, source, claim.id))
    if claim.accepted_matches():
        out.blank()
        out.add((f"already checked elsewhere ({len(claim.accepted_matches())}):", "bold"))
        for m in claim.accepted_matches():
            out.add("  - ", (one_line(redact_urls(m.url)), "underline"))
            about = [one_line(x) for x in (m.publisher, m.rating and f"rated {m.rating}", m.date) if x]
            out.add("      " + " · ".join(about + [f"accepted {m.accepted_at[:10]} by {one_line(m.by)}"]))
            out.add(("      " + quoted(m.claim_reviewed, one_line), "italic"))
    out.blank()
    listed(
        out,
        claim.history,
        ("history:", "bold"),
        ("history: no status changes recorded", "bold"),
        lambda event: event_line(event, "  "),
    )
    return out


def _field(out: Styled, name: str, value: str) -> None:
    # Continuation lines are indented under the value: a line of a note never starts a line of output.
    lines = value.split("\n")
    out.add((f"{name}: ", "bold"), lines[0])
    for more in lines[1:]:
        out.add(" " * (len(name) + 2) + more)


def _source(place: int, source: Source, claim_id: str) -> Styled:
    out = Styled()
    out.add(f"  [{place}] ", (one_line(redact_urls(source.url)), "underline"))
    details = [one_line(x) for x in (source.title, source.publisher, source.date) if x]
    if source.stance != Stance.SUPPORTS:
        details.append(str(source.stance))
    if details:
        out.add("      " + " · ".join(details))
    if source.quote:
        out.add(("      " + quoted(source.quote, one_line), "italic"))
    else:
        out.add(("      no evidence quote", "dim"))
    check = source.last_check
    if check is None:
        out.add(("      never checked", "dim"))
    else:
        summary = f"last checked {check.at}: {theme.found(source.stance, check.outcome)}"
        if check.http_status is not None:
            summary += f", HTTP {check.http_status}"
        if check.score is not None:
            summary += f", match {number(check.score, 0)}"
        if check.error:
            summary += f", {one_line(check.error)}"
        out.add(("      " + summary, "dim"))
        if check.final_url and check.final_url != source.url.split("#", 1)[0]:  # a fragment is never sent
            hint = f" (factcheck source edit {claim_id} {place} --url URL cites it there)"
            out.add("      redirects to ", (one_line(redact_urls(check.final_url)), "underline"), hint)
        if said := facts_note(check):
            out.add(("      " + one_line(said), theme.outcome_style(source.stance, check.outcome)))
        if check.archived is not None:
            out.add(
                (f"      the evidence holds in the archived copy taken {check.archived.archived_at[:10]}: ", "green"),
                (one_line(check.archived.url), "underline"),
            )
    if source.changed_at:
        out.add(
            (
                f"      the page changed on {source.changed_at[:10]} and the evidence is gone (not yet acknowledged)",
                "magenta",
            )
        )
    if source.archive_url:
        out.add(
            ("      archived " + (source.archived_at or "")[:10] + ": ", "dim"),
            (one_line(source.archive_url), "underline"),
        )
    return out
