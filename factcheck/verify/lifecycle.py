"""What a check of a source records, and the status its claim moves to.

``record`` turns this run's probe of a source's URL and the evidence found
in it into the source's new ``last_check``, by these rules:

- a result never replaces a newer one (a cached page older than the last
  check says nothing new), and a page read from the cache never resets a
  failure count or revives a dead source;
- a source is ``dead`` only after failing on ``dead_after`` runs in a row
  spread over at least ``dead_days`` days: one bad night is not a dead link;
- a run that learns nothing new records nothing: the last check stays as it
  was (its time included) unless it is older than ``recheck_days``.

``decide`` reads the claim's sources after the run and says which status the
evidence calls for; the caller applies it only while no person has given the
claim a verdict.  ``disputes`` says when that call goes against a person's
verdict, which is then kept and flagged for review.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from typing import TYPE_CHECKING

import msgspec

from factcheck.model import defaults
from factcheck.model.claims import MAX_COUNT, ArchivedEvidence, Claim, FactCheck, LastCheck
from factcheck.model.vocab import AGAINST, FactResult, Outcome, Stance, Status
from factcheck.net.probe import Fetched, ProbeKind
from factcheck.text.clean import clean, number

if TYPE_CHECKING:  # finding evidence needs costly imports that deciding does not
    from factcheck.verify.evidence import Evidence


class Rules(msgspec.Struct, frozen=True, kw_only=True):
    """The lifecycle's settings."""

    threshold: float = defaults.MATCH_THRESHOLD
    dead_after: int = defaults.DEAD_AFTER
    dead_days: float = defaults.DEAD_DAYS
    recheck_days: float = defaults.RECHECK_DAYS


def _one_line(text: str) -> str:
    return clean(text, single_line=True)


def parse_time(stamp: str) -> _dt.datetime:
    """A claims file's UTC timestamp (2026-11-27T22:00:00Z) as a datetime."""
    return _dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.UTC)


def days_between(later: str, earlier: str) -> float:
    """Days from one UTC timestamp to a later one."""
    return (parse_time(later) - parse_time(earlier)).total_seconds() / 86400


def looked_for(claim_text: str, quote: str | None) -> str:
    """A short digest of what a check looks for: the claim's text and the source's quote."""
    material = claim_text + "\0" + (quote or "")
    return hashlib.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


#: Outcomes after which the evidence is looked for in an archived copy of the page.
RESCUED = frozenset({Outcome.DEAD, Outcome.CHANGED, Outcome.WEAK})


def record(
    found: Fetched,
    evidence: Evidence | None,
    previous: LastCheck | None,
    asked: str,
    rules: Rules,
    offline: bool,
    archived: ArchivedEvidence | None = None,
) -> tuple[LastCheck | None, str | None]:
    """The source's new last_check, or None with the reason when this run has nothing to record.

    ``archived`` is the evidence found in an archived copy of the page: it is
    kept on a check whose page died or lost the evidence (see ``decide``).
    """
    if previous is not None and found.at < previous.at:
        return None, f"the copy of the page ({found.at}) is older than the last check ({previous.at})"
    if offline and previous is not None and previous.outcome in (Outcome.FAILING, Outcome.DEAD):
        return None, f"it was {previous.outcome} at the last check; a cached copy says nothing of it now"
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
        failing_since=previous.failing_since if previous is not None else None,
        looked_for=asked,
        changed=_still_changed(previous, asked),  # what the kept content was found to be, for when it is back
    )
    if found.kind == ProbeKind.OK and evidence is not None:
        check.content_hash = found.content_hash
        check.failures = 0
        check.failing_since = None
        check.changed = False
        check.score = evidence.score
        check.passage = _one_line(evidence.passage) or None
        check.facts = [
            FactCheck(fact=c.fact, result=FactResult(c.result), found=_one_line(c.found) if c.found else None)
            for c in evidence.facts
        ]
        if evidence.supports(rules.threshold):
            check.outcome = Outcome.SUPPORTED
        elif evidence.found(rules.threshold):
            check.outcome = Outcome.CONFLICTS if evidence.disagreements else Outcome.UNCONFIRMED
        elif last_hash is not None and (last_hash != found.content_hash or _still_changed(previous, asked)):
            check.outcome = Outcome.CHANGED
        else:
            check.outcome = Outcome.WEAK
    elif found.kind == ProbeKind.UNREADABLE:
        check.outcome, check.failures, check.failing_since = Outcome.UNREADABLE, 0, None
    elif found.kind == ProbeKind.BLOCKED:
        check.outcome = Outcome.BLOCKED  # says nothing of whether the page is there: the count stays
    elif found.kind in (ProbeKind.GONE, ProbeKind.FAILING):
        # Counted up to what a claims file holds: a file at the limit must still be one verify can write.
        check.failures = min(failures + 1, MAX_COUNT)
        check.failing_since = check.failing_since or found.at
        spread = days_between(found.at, check.failing_since)
        dead = check.failures >= rules.dead_after and spread >= rules.dead_days
        check.outcome = Outcome.DEAD if dead else Outcome.FAILING
        if dead:
            died = f"{check.error}; failed on "
            if previous is not None and previous.outcome == Outcome.DEAD and (previous.error or "").startswith(died):
                # Still dead the same way: nothing new, so the count and the error it died with stay.
                check.failures, check.error = previous.failures, previous.error
            else:
                check.error = f"{died}{check.failures} runs in a row over {spread:.0f} days"
    # Anything else was stopped on our own side (our rules, our proxy): no news about the source, it stays
    # failing and its count of failed runs stays as it was.
    check.archived = archived if check.outcome in RESCUED else None
    if previous is not None and _same(check, previous) and days_between(check.at, previous.at) < rules.recheck_days:
        return None, None  # nothing new: the file stays as it was
    return check, None


def _still_changed(previous: LastCheck | None, asked: str) -> bool:
    """Whether the last check found the page changed and the evidence gone, or could not read it after one
    that did, looking for the same thing: the page read again as it was then is that same change, not a new
    finding (and not ``weak``)."""
    return (
        previous is not None
        and (previous.outcome == Outcome.CHANGED or previous.changed)
        and previous.looked_for == asked
    )


def _same(a: LastCheck, b: LastCheck) -> bool:
    """Whether two checks found the same thing (when aside)."""
    return msgspec.structs.replace(a, at=b.at) == b


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
    best = "" if check.score is None else f" (best match {number(check.score)} of 100)"
    return f"{what} at {_one_line(url)}{best}"


def _stated(check: LastCheck) -> set[int]:
    """Which of the claim's key facts (by position) a check's passage states."""
    return {i for i, fact in enumerate(check.facts) if fact.result == FactResult.AGREES}


def _unstated(url: str, check: LastCheck, quoted: bool) -> str:
    what = "quote" if quoted else "passage"
    return f"the {what} at {_one_line(url)} " + "; ".join(check.unstated())


def disputes(claim: Claim, target: Status | None) -> bool:
    """Whether the status the evidence calls for goes against the claim's (a person's) verdict.

    Supporting evidence goes against ``false`` and ``unsupported``; supporting
    sources that all count against the claim go against ``verified``,
    ``mixed`` and ``misleading``, which rest on them.  A claim with no
    supporting source, an undecided run and ``opinion`` dispute nothing.
    """
    if target == Status.VERIFIED:
        return claim.status in (Status.FALSE, Status.UNSUPPORTED)
    if target == Status.UNSUPPORTED:
        supported = any(source.stance == Stance.SUPPORTS for source in claim.sources)
        return supported and claim.status in (Status.VERIFIED, Status.MIXED, Status.MISLEADING)
    return False


def decide(claim: Claim, checked: dict[str, LastCheck | None]) -> tuple[Status | None, str]:
    """The status the evidence calls for (None: no change) and why.

    ``checked`` maps each source URL checked this run to its last_check now
    (None: it could not be checked).  Verified when a supporting source
    supports the claim (its evidence states every key fact), when supporting
    sources whose evidence is there state its key facts between them, or when
    a page died or lost the evidence and an archived copy of it still holds
    the evidence; unsupported when every supporting source counts against it,
    or it has none; otherwise nothing is decided.
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
            score = "" if check.score is None else f" (score {number(check.score)})"
            return Status.VERIFIED, f"{how} at {_one_line(source.url)}{score}"
    partial = [
        (source, check)
        for source in supporting
        if (check := checked.get(source.url)) is not None and check.outcome == Outcome.UNCONFIRMED
    ]
    if len(partial) > 1:
        stated = set().union(*(_stated(check) for _, check in partial))
        if len(stated) == len(partial[0][1].facts):
            urls = " and ".join(_one_line(source.url) for source, check in partial if _stated(check))
            return Status.VERIFIED, f"its key facts are stated between {urls}"
    for source in supporting:
        check = checked.get(source.url)
        if check is not None and check.archived is not None:
            # The page died or lost the evidence; the archived copy of it still holds it.
            how = "quote" if source.quote else "evidence"
            was = "is gone" if check.outcome == Outcome.DEAD else "no longer has it"
            return Status.VERIFIED, (
                f"the {how} holds in the archived copy of {_one_line(source.url)} "
                f"(taken {check.archived.archived_at[:10]}, score {number(check.archived.score)}); the page {was}"
            )
    if partial:
        source, check = partial[0]
        return None, _unstated(source.url, check, bool(source.quote)) + "; a person has to judge it"
    # Every source that failed is named, not only the first: the reason must hold of each.
    unchecked: list[str] = []
    against: list[str] = []
    for source in supporting:
        check = checked.get(source.url)
        if check is None:
            unchecked.append(_one_line(source.url))
        elif check.outcome not in AGAINST:
            unchecked.append(f"{_one_line(source.url)}: {check.outcome}")
        else:
            against.append(_against(source.url, check, bool(source.quote)))
    if unchecked:
        return None, "could not check " + "; ".join(unchecked)
    return Status.UNSUPPORTED, "; ".join(against)
