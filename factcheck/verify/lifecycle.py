"""What a check of a source records, and the status its claim moves to.

``record`` turns this run's probe of a source's URL and the evidence found
in it into the source's new ``last_check``.  ``decide`` reads the claim's
sources after the run and says which status the evidence calls for; the
caller applies it only to statuses automated checks may change.
"""

from __future__ import annotations

from factcheck.model.claims import Claim, FactCheck, LastCheck
from factcheck.model.vocab import AGAINST, FactResult, Outcome, Stance, Status
from factcheck.net.probe import Probe
from factcheck.text.clean import clean
from factcheck.verify.evidence import Evidence


def _one_line(text: str) -> str:
    return clean(text, single_line=True)


def record(
    found: Probe, evidence: Evidence | None, previous: LastCheck | None, threshold: float, dead_after: int
) -> LastCheck:
    """The source's new last_check from this run's probe and evidence, and its last one."""
    failures = previous.failures if previous is not None else 0
    # The last content seen is kept through failures, so a change is noticed after one.
    last_hash = previous.content_hash if previous is not None else None
    check = LastCheck(
        at=found.at,
        outcome=Outcome.FAILING,
        http_status=found.http_status,
        final_url=found.final_url,
        content_hash=last_hash,
        error=_one_line(found.error) if found.error else None,
        failures=failures,
    )
    if found.kind == "ok" and evidence is not None:
        check.content_hash = found.content_hash
        check.failures = 0
        check.score = evidence.score
        check.passage = _one_line(evidence.passage) or None
        check.facts = [
            FactCheck(fact=claimed.text, result=FactResult(result), found=_one_line(seen.text) if seen else None)
            for claimed, result, seen in evidence.facts
        ]
        if evidence.supports(threshold):
            check.outcome = Outcome.SUPPORTED
        elif evidence.found(threshold):
            check.outcome = Outcome.CONFLICTS
        elif last_hash is not None and last_hash != found.content_hash:
            check.outcome = Outcome.CHANGED
        else:
            check.outcome = Outcome.WEAK
    elif found.kind == "unreadable":
        check.outcome, check.failures = Outcome.UNREADABLE, 0
    elif found.kind == "blocked":
        check.outcome = Outcome.BLOCKED  # says nothing of whether the page is there: the count stays
    elif found.kind in ("gone", "failing"):
        check.failures = failures + 1
        check.outcome = Outcome.DEAD if check.failures >= dead_after else Outcome.FAILING
        if check.outcome == Outcome.DEAD:
            check.error = f"{check.error}; failed on {check.failures} runs in a row"
    # Anything else was refused by our own rules: no news about the source, it stays failing.
    return check


def _against(url: str, check: LastCheck, quoted: bool) -> str:
    if check.outcome == Outcome.CONFLICTS:
        for fact in check.facts:
            if fact.result == FactResult.DISAGREES:
                return f"{_one_line(url)} says {fact.found} where the claim says {fact.fact}"
        return f"a key fact disagrees at {_one_line(url)}"
    if check.outcome == Outcome.CHANGED:
        return f"{_one_line(url)} changed and the {'quote' if quoted else 'evidence'} is gone"
    if check.outcome == Outcome.DEAD:
        return f"{_one_line(url)} is gone ({check.error})"
    what = "the quote was not found" if quoted else "nothing like the claim was found"
    return f"{what} at {_one_line(url)} (best match {check.score:g} of 100)"


def decide(claim: Claim, checked: dict[str, LastCheck | None]) -> tuple[Status | None, str]:
    """The status the evidence calls for (None: no change) and why.

    ``checked`` maps each source URL checked this run to its new last_check
    (None: it could not be checked).  Verified when a supporting source
    supports the claim; unsupported when every supporting source counts
    against it, or it has none; otherwise nothing is decided.
    """
    supporting = [s for s in claim.sources if s.stance == Stance.SUPPORTS]
    if not claim.sources:
        return None, "no sources to check; add one with `factcheck source add`"
    if not supporting:
        return Status.UNSUPPORTED, "none of its sources supports it (they give context or contradict it)"
    for source in supporting:
        check = checked.get(source.url)
        if check is not None and check.outcome == Outcome.SUPPORTED:
            how = "quote found" if source.quote else "evidence found"
            return Status.VERIFIED, f"{how} at {_one_line(source.url)} (score {check.score:g})"
    for source in supporting:
        check = checked.get(source.url)
        if check is None:
            return None, f"could not check {_one_line(source.url)}"
        if check.outcome not in AGAINST:
            return None, f"could not check {_one_line(source.url)}: {check.outcome}"
    first = supporting[0]
    check = checked[first.url]
    assert check is not None
    return Status.UNSUPPORTED, _against(first.url, check, bool(first.quote))
