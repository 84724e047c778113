"""``factcheck report``: where the claims stand, per article and in total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from factcheck.model import defaults
from factcheck.model.claims import Claim
from factcheck.model.errors import InputError, UsageError
from factcheck.model.vocab import UNREACHABLE, Outcome, Stance, Status, drifted
from factcheck.report import pages
from factcheck.report.facts import facts_note
from factcheck.report.figures import (
    NAMED_VERDICTS,
    Change,
    Drift,
    Elsewhere,
    Flagged,
    Listed,
    Report,
    SourceRef,
    Summary,
    Verdict,
)
from factcheck.store.folder import StoredFile
from factcheck.text import anchor, article, language


def is_worthy(claim: Claim) -> bool:
    """Whether the claim is one a fact-checker should source.

    Not an opinion; and a claim nobody has reviewed yet (``unverified``) must
    also score at least extract's threshold, since ``extract --min-score 0``
    writes every sentence.  A claim a person has given a verdict counts
    whatever its score.
    """
    if claim.status == Status.OPINION:
        return False
    if claim.status == Status.UNVERIFIED and claim.worthiness is not None:
        return claim.worthiness.score >= defaults.MIN_SCORE
    return True


def _article(stored: StoredFile) -> str | None:
    """The article text the file names, if it names one and it can be read."""
    path = stored.article_path()
    if path is None:
        return None
    try:
        return article.read_text(path)
    except InputError:
        return None


def _elsewhere(claim: Claim) -> list[Elsewhere]:
    return [Elsewhere(claim.id, m.url, m.publisher, m.rating) for m in claim.accepted_matches()]


def _count(s: Summary, claim: Claim, *, named: bool) -> None:
    """Count the claim, its sources and whether it is check-worthy; with ``named``, list its verdict too."""
    s.counts[claim.status] += 1
    s.sources += len(claim.sources)
    if is_worthy(claim):
        s.worthy += 1
        s.worthy_sourced += bool(claim.sources)
        s.worthy_verified += claim.status == Status.VERIFIED
    if named:
        replaced = claim.replaced_verdict()
        was, updated = (replaced.from_status, replaced.at) if replaced else (None, None)
        s.verdicts.append(Verdict(claim.id, claim.status, claim.note, was, updated))
    s.elsewhere += _elsewhere(claim)


def summarize(stored: StoredFile, stale_before: str, *, reviewed_only: bool = False) -> Summary:
    """The figures of one claims file; checks older than ``stale_before`` (a timestamp) are stale.

    ``reviewed_only``: only the verdicts that may be published (a person's, not flagged for review)
    and those a person withdrew, and only their counts and verdicts (no sources to look at, no drift, no flags).
    """
    article = stored.claims_file.article
    correction = article.correction if isinstance(article.correction, str) else None
    s = Summary(article.title, stored.shown, stored.path.stem, correction=correction)
    if reviewed_only:
        for claim in stored.claims:
            if claim.publishable() or claim.withdrawn():  # a person's verdict, or its withdrawal: readers are told
                _count(s, claim, named=True)
        return s
    text = _article(stored)
    if stored.article_path() is not None and text is None:
        s.lost.extend(Flagged(c.id, c.status, "the article text cannot be read") for c in stored.claims)
    for claim in stored.claims:
        _count(s, claim, named=claim.status in NAMED_VERDICTS)
        if text is not None and (why := anchor.why_unplaced(claim.anchor, claim.text, text)):
            s.lost.append(Flagged(claim.id, claim.status, why))
        if claim.review is not None:
            s.review.append(Flagged(claim.id, claim.status, claim.review.why))
        drifting = []
        # A person's verdict, whatever the status (a person's "verified" included): its sources'
        # news is drift for that person to weigh, not open work for the automation.
        judged = claim.verdict_by_person()
        for source in claim.sources:
            s.archived += bool(source.archive_url)
            check = source.last_check
            ref = SourceRef(
                claim.id,
                source.url,
                source.stance,
                check.at if check else None,
                check.outcome if check else None,
                facts_note(check) if check else None,
                source.archive_url,
                source.archived_at,
                source.title,
            )
            if check is None:
                s.never_checked.append(ref)
                continue
            if check.at < stale_before:
                s.stale.append(ref)
            if check.outcome == Outcome.DEAD:
                s.dead.append(ref)
            elif check.outcome in UNREACHABLE:  # failing or blocked: check counts them with the dead
                s.failing.append(ref)
            if source.changed_at is not None:
                s.changed.append(ref)
            if drifted(source.stance, check.outcome):
                drifting.append(ref)
            if check.outcome == Outcome.UNCONFIRMED and source.stance == Stance.SUPPORTS and not judged:
                s.unconfirmed.append(ref)
        if drifting and judged:
            s.drift.append(Drift(claim.id, claim.status, tuple(drifting)))
    return s


def changes(files: Iterable[StoredFile], since: str | None) -> list[Change]:
    """Status changes at or after ``since``, newest first; without it, the latest few.

    Changes made at the same moment keep the order of the claims in their
    article, and one claim's come latest first (its history's order, reversed);
    events that kept the status (extract's notes) are not changes,
    except a person's confirming a status a tool set: the verdict became theirs.
    Nor is a claim proposed unverified: it is added, as diff has it.
    """
    found = [
        Change(e.at, claim.id, e.from_status, e.to_status, e.by, e.why)
        for stored in files
        for claim in stored.claims
        for e in reversed(claim.history)
        if (e.from_status != e.to_status or e.confirms())
        and (e.from_status is not None or e.to_status is not Status.UNVERIFIED)
        and (since is None or e.at >= since)
    ]
    found.sort(key=lambda c: c.at, reverse=True)  # stable: ties stay in article order
    return found if since is not None else found[: defaults.RECENT_CHANGES]


def named(summary: Summary, found: list[Change]) -> set[str]:
    """The ids of the claims a report lists: in drift, flags, source lists and changes."""
    ids = {d.claim_id for d in summary.drift}
    ids.update(f.claim_id for f in summary.lost + summary.review)
    for refs in (
        summary.never_checked,
        summary.stale,
        summary.failing,
        summary.dead,
        summary.changed,
        summary.unconfirmed,
    ):
        ids.update(r.claim_id for r in refs)
    ids.update(c.claim_id for c in found)
    ids.update(v.claim_id for v in summary.verdicts)
    return ids


def build(
    files: list[StoredFile],
    *,
    now: dt.datetime | None = None,
    max_age: int = defaults.MAX_AGE_DAYS,
    since: str | None = None,
    annotation_url: str | None = None,
    reviewed_only: bool = False,
) -> Report:
    """The report over these claims files; source checks older than ``max_age`` days are stale.

    ``annotation_url`` is where each article's annotated page is (a ``pages`` pattern);
    UsageError when it is not one.  ``reviewed_only`` makes a report for
    publication: only the claims a person gave a verdict, no internal detail.
    """
    if annotation_url is not None and (problem := pages.check_pattern(annotation_url)):
        raise UsageError(f"annotation-url {annotation_url!r}: {problem}")
    now = now or dt.datetime.now(dt.UTC)
    stale_before = (now - dt.timedelta(days=max_age)).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles = [summarize(f, stale_before, reviewed_only=reviewed_only) for f in files]
    for stored, summary in zip(files, articles, strict=True):
        summary.lang = language.guess("\n".join(claim.text for claim in stored.claims))
    total = Summary("All articles", None)
    for summary in articles:
        total.add(summary)
    found = [] if reviewed_only else changes(files, since)
    wanted = named(total, found)
    claims = {
        claim.id: Listed(claim.text, stored.path.stem, summary.lang)
        for stored, summary in zip(files, articles, strict=True)
        for claim in stored.claims
        if claim.id in wanted
    }
    return Report(
        now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        max_age,
        since,
        articles,
        total,
        found,
        claims=claims,
        annotation_url=annotation_url,
        reviewed_only=reviewed_only,
    )
