"""``report --format text``: the report for the terminal, with a bar chart."""

from __future__ import annotations

from factcheck.model.vocab import Status
from factcheck.render import theme
from factcheck.render.report import share
from factcheck.render.styled import Styled
from factcheck.report.figures import Report, SourceRef, Summary
from factcheck.text.clean import clean, quoted, shorten

BAR_WIDTH = 40
LISTED = 10  # list at most this many verdicts or sources of a kind; the count says the rest


def render(report: Report) -> Styled:
    """One block per article (and the total when there are several), then the status changes."""
    out = Styled()
    stale = "" if report.reviewed_only else f" · stale after {report.max_age} days"
    out.add((f"Claims report · {report.generated}{stale}", "bold"))
    blocks = report.articles + ([report.total] if len(report.articles) != 1 else [])
    for summary in blocks:
        out.blank()
        out.extend(_block(report, summary))
    if not report.reviewed_only:
        out.blank()
        out.extend(_changes(report))
    return out


def _block(report: Report, s: Summary) -> Styled:
    out = Styled()
    title: list = [(clean(s.title, single_line=True), "bold underline")]
    if s.file:
        title.append((f"  {clean(s.file)}", "dim"))
    out.add(*title)
    if s.correction:
        out.add(("  the article's correction: ", "bold"), clean(s.correction, single_line=True))
    biggest = max(s.counts.values(), default=0) or 1
    width = max(len(status) for status in Status)
    # A bar row is "  status bar count": on a terminal, the bars shrink to keep it on one line.
    room = BAR_WIDTH if report.width is None else report.width - width - 4 - len(str(biggest))
    bars = max(min(room, BAR_WIDTH), 1)
    for status, n in s.counts.items():
        if report.reviewed_only and status == Status.UNVERIFIED:
            continue  # a report for publication holds verdicts only
        style = theme.status_style(status)
        bar = round(bars * n / biggest)
        out.add((f"  {status:<{width}} ", style), ("█" * bar or ("▏" if n else ""), style), f" {n}")
    out.add(f"  {s.claims} claims")
    out.add(
        f"  check-worthy {s.worthy}: sourced {share(s.worthy_sourced, s.worthy)}, "
        f"verified {share(s.worthy_verified, s.worthy)}"
    )
    if s.file:  # the total names no claims: each article does, above it
        out.extend(_verdicts(report, s))
    if report.reviewed_only:
        return out
    out.add(
        f"  sources {s.sources}: never checked {len(s.never_checked)}, stale {len(s.stale)}, "
        f"failing {len(s.failing)}, dead {len(s.dead)}, "
        f"unconfirmed {len(s.unconfirmed)}, archived {s.archived}"
    )
    if s.drift:
        verdicts = "verdict" if len(s.drift) == 1 else "verdicts"
        out.add(
            (f"  drift: {len(s.drift)} {verdicts} whose sources no longer say what their stance expects", "bold red")
        )
        for d in s.drift[:LISTED]:
            out.add(f"    {clean(d.claim_id)} ({d.status}):")
            for r in d.sources:
                out.add(
                    f"      {clean(r.url, single_line=True)}: now {theme.found(r.stance, r.outcome or '')}" + _detail(r)
                )
                if r.archive_url:
                    out.add((f"        archived copy: {clean(r.archive_url, single_line=True)}", "dim"))
        _more(out, len(s.drift))
    for label, flagged in (("needs review", s.review), ("anchor lost", s.lost)):
        if flagged:
            out.add((f"  {label}: {len(flagged)}", "bold red"))
            for f in flagged[:LISTED]:
                out.add(f"    {clean(f.claim_id)} ({f.status}): {clean(f.why, single_line=True)}")
            _more(out, len(flagged))
    for label, refs in (
        ("changed pages nobody acknowledged", s.changed),
        ("dead sources", s.dead),
        ("failing sources (not fetched on the last run)", s.failing),
        ("unconfirmed sources (the evidence leaves a key fact unstated)", s.unconfirmed),
        ("stale checks", s.stale),
    ):
        if refs:
            out.add((f"  {label}:", "bold"))
            out.extend(_refs(refs))
    return out


def _verdicts(report: Report, s: Summary) -> Styled:
    """The claims the verdicts name, status by status: id, status and the start of the claim's text."""
    out = Styled()
    if s.verdicts:
        out.add(("  verdicts:" if report.reviewed_only else "  mixed, misleading, false or unsupported:", "bold"))
    for v in sorted(s.verdicts, key=lambda v: list(Status).index(v.status)):
        text = report.text_of(v.claim_id)
        said = "  " + quoted(text, lambda t: shorten(t, 70)) if text else ""
        out.add(f"    {clean(v.claim_id)} (", theme.status_part(v.status), f"){said}")
    if s.elsewhere:
        out.add(("  already checked elsewhere:", "bold"))
    for e in s.elsewhere:
        by = " ".join(clean(x, single_line=True) for x in (e.publisher, e.rating and f"rated {e.rating}") if x)
        out.add(f"    {clean(e.claim_id)}  {clean(e.url, single_line=True)}" + (f"  ({by})" if by else ""))
    return out


def _detail(r: SourceRef) -> str:
    return f" ({clean(r.detail, single_line=True)})" if r.detail else ""


def _refs(refs: list[SourceRef]) -> Styled:
    out = Styled()
    for r in refs[:LISTED]:
        out.add(
            f"    {clean(r.claim_id)}  {clean(r.url, single_line=True)}  last checked {(r.checked_at or '')[:10]}"
            + _detail(r)
        )
        if r.archive_url:
            out.add((f"      archived copy: {clean(r.archive_url, single_line=True)}", "dim"))
    _more(out, len(refs))
    return out


def _more(out: Styled, listed: int) -> None:
    """Say how many of a list of ``listed`` were left out, when LISTED were shown."""
    if listed > LISTED:
        out.add((f"    … and {listed - LISTED} more", "dim"))


def _changes(report: Report) -> Styled:
    out = Styled()
    title = f"Status changes since {report.since}" if report.since else "Latest status changes"
    out.add((title, "bold underline"))
    if not report.changes:
        out.add(("  none", "dim"))
    for change in report.changes:
        by = (f"  by {clean(change.by, single_line=True)}", "dim")
        if change.from_status == change.to_status:  # a person confirmed the verdict a tool set
            out.add(
                f"  {change.at[:10]}  {clean(change.claim_id)}  ", theme.status_part(change.to_status), " confirmed", by
            )
            continue
        out.add(
            f"  {change.at[:10]}  {clean(change.claim_id)}  ",
            change.from_status or "(new)",
            " → ",
            theme.status_part(change.to_status),
            by,
        )
    return out
