"""``verify --format text``: each claim's status and why, its sources and what each check found; a summary."""

from __future__ import annotations

from collections import Counter

from factcheck.model.vocab import Outcome, Stance
from factcheck.render import theme
from factcheck.render.styled import Part, Styled
from factcheck.text.clean import clean, number
from factcheck.verify.results import NO_ANSWER, ClaimResult, Run, SourceResult


def _c(text: str | None) -> str:
    return clean(text or "", single_line=True)


def _source_lines(source: SourceResult, dead_after: int) -> list[list[Part]]:
    check = source.last_check
    if not source.checked or check is None:
        return [[("not checked", "dim"), f"  {_c(source.url)}  ({_c(source.note)})"]]
    # The outcome worded for the source's stance: a context source whose fact differs is no conflict.
    first: list[Part] = [
        (theme.outcome_words(source.stance, check.outcome), theme.outcome_style(source.stance, check.outcome))
    ]
    if check.outcome == Outcome.FAILING and check.failures:
        # How close a failing source is to dead; past the runs it takes, dead waits for the days to pass.
        if check.failures < dead_after or not check.failing_since:
            first.append(f" ({check.failures} of {dead_after} runs)")
        else:
            first.append(f" ({check.failures} runs since {check.failing_since[:10]})")
    if check.score is not None:
        first.append(f" {number(check.score)}")
    if source.stance != Stance.SUPPORTS:  # the default stance goes without saying
        first.append((f" [{source.stance}]", "dim"))
    first.append(f"  {_c(source.url)}")
    if source.from_cache:
        first.append((" (cached)", "dim"))
    lines = [first]
    if check.error:
        lines.append([(f"  {_c(check.error)}", "dim")])
    elif check.passage:
        lines.append([(f"  “{_c(check.passage)}”", "dim")])
    return lines


def claim_lines(result: ClaimResult, dead_after: int) -> Styled:
    """One claim: id, status (before → after), why; each source indented below; drift."""
    out = Styled()
    status: list[Part] = []
    if result.changed:
        status += [theme.status_part(result.before), " → "]
    status.append(theme.status_part(result.after))
    out.add(_c(result.id), "  ", *status, f"  {_c(result.reason)}")
    for source in result.sources:
        for parts in _source_lines(source, dead_after):
            out.add("    ", *parts)
    for drift in result.drift:
        out.add(("    drift: " + _c(drift), "bold yellow"))
    if result.flagged:
        out.add(("    flagged for review: " + _c(result.flagged), "bold magenta"))
    return out


def render(run: Run) -> Styled:
    out = Styled()
    for result in run.claims:
        out.extend(claim_lines(result, run.dead_after))
    return out


def summary(run: Run) -> str:
    """One line: how the claims ended and what was fetched."""
    counts = _counts(run)
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(counts["statuses"].items()))
    parts = [
        f"{counts['claims']} claim{'s' if counts['claims'] != 1 else ''} checked"
        + (f": {statuses}" if statuses else "")
    ]
    if counts["changed"]:
        parts.append(f"{counts['changed']} changed status")
    if counts["unsourced"]:
        parts.append(f"{counts['unsourced']} unsourced")
    if run.offline:
        parts.append(f"{counts['from_cache']} of {counts['urls']} URLs read from the cache")
    else:
        cached = (
            f", {counts['from_cache']} from the cache (fresh, or unchanged on the site)" if counts["from_cache"] else ""
        )
        refused = f", {counts['refused']} refused before any request" if counts["refused"] else ""
        if counts["unresolved"]:
            refused += f", {counts['unresolved']} whose host name did not resolve"
        urls = "URL" if counts["fetched"] == 1 else "URLs"
        parts.append(f"{counts['fetched']} {urls} fetched{cached}{refused} in {counts['seconds']:.1f} s")
    return "; ".join(parts)


def not_checked(run: Run) -> list[str]:
    """A line for each source that could not be checked at all; one for all that no server answered for."""
    lines = [
        f"not checked: {_c(url)} (claim {claim_id}): {_c(why)}"
        for claim_id, url, why in run.not_checked()
        if not why.startswith(NO_ANSWER)
    ]
    if run.network_down:
        lines.append(
            "no source could be reached: no server answered, so this machine's network is taken to be down and"
            " no failure was counted; `factcheck verify --offline` checks against the cache"
        )
    return lines


def _counts(run: Run) -> dict:
    return {
        "claims": len(run.claims),
        "statuses": dict(Counter(str(claim.after) for claim in run.claims)),
        "changed": sum(1 for c in run.claims if c.changed),
        "unsourced": sum(1 for c in run.claims if c.unsourced),
        "urls": run.urls,
        "fetched": run.fetched,
        "from_cache": run.from_cache,
        "refused": run.refused,
        "unresolved": run.unresolved,
        "not_checked": len(run.not_checked()),
        "network_down": run.network_down,
        "seconds": round(run.seconds, 2),
    }
