"""``factcheck report``: where the claims stand, per article and in total.

The numbers are computed here, knowing nothing of output formats; the
renderers in ``factcheck.render.report_*`` lay them out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from factcheck.errors import UsageError
from factcheck.model import STATUSES, VERDICT_STATUSES, Claim, ClaimsFile
from factcheck.paths import display

STALE_DAYS = 180
# Outcomes of an evidence check that put a person's verdict in question.
DRIFT_OUTCOMES = frozenset({"contradicts", "changed", "dead"})
# Without --since, the report shows this many of the latest status changes.
RECENT = 10

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?$")


@dataclass(frozen=True)
class SourceRef:
    """A source of a claim, with its last check (None: never checked)."""

    claim_id: str
    url: str
    checked_at: str | None
    outcome: str | None


@dataclass(frozen=True)
class Drift:
    """A person's verdict whose evidence has since contradicted, changed or died."""

    claim_id: str
    status: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Change:
    """A status change from a claim's history."""

    at: str
    claim_id: str
    from_status: str | None
    to_status: str
    by: str
    why: str | None


@dataclass
class Summary:
    """The figures of one article, or of all of them."""

    title: str
    file: str | None  # None for the total
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    worthy: int = 0
    worthy_sourced: int = 0
    worthy_verified: int = 0
    sources: int = 0
    never_checked: list[SourceRef] = field(default_factory=list)
    stale: list[SourceRef] = field(default_factory=list)
    dead: list[SourceRef] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)

    @property
    def claims(self) -> int:
        return sum(self.counts.values())

    @property
    def sourced_share(self) -> float | None:
        return self.worthy_sourced / self.worthy if self.worthy else None

    @property
    def verified_share(self) -> float | None:
        return self.worthy_verified / self.worthy if self.worthy else None

    def add(self, other: Summary) -> None:
        for status, n in other.counts.items():
            self.counts[status] += n
        self.worthy += other.worthy
        self.worthy_sourced += other.worthy_sourced
        self.worthy_verified += other.worthy_verified
        self.sources += other.sources
        self.never_checked += other.never_checked
        self.stale += other.stale
        self.dead += other.dead
        self.drift += other.drift


@dataclass
class Report:
    """The whole report."""

    generated: str  # UTC timestamp
    stale_days: int
    since: str | None  # None: the latest RECENT changes
    articles: list[Summary]
    total: Summary
    changes: list[Change]


def check_date(value: str) -> str:
    """``--since`` as given, if it is YYYY-MM-DD or a UTC timestamp; else UsageError."""
    if not _DATE.match(value):
        raise UsageError(f"--since: {value!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        raise UsageError(f"--since: {value!r} is not a real date") from None
    return value


def is_worthy(claim: Claim) -> bool:
    """Whether the claim is one a fact-checker should source.

    Not an opinion; and a claim nobody has reviewed yet (``unverified``) must
    also score at least extract's threshold, since ``extract --min-score 0``
    writes every sentence.  A claim a person has given a verdict counts
    whatever its score.
    """
    if claim.status == "opinion":
        return False
    if claim.status == "unverified" and claim.worthiness is not None:
        from factcheck.worthiness import DEFAULT_MIN_SCORE

        return claim.worthiness.score >= DEFAULT_MIN_SCORE
    return True


def summarize(claims_file: ClaimsFile, stale_before: str) -> Summary:
    """The figures of one claims file; checks older than ``stale_before`` (a timestamp) are stale."""
    s = Summary(claims_file.article.title, display(claims_file.path))
    for claim in claims_file.claims:
        s.counts[claim.status] += 1
        if is_worthy(claim):
            s.worthy += 1
            s.worthy_sourced += bool(claim.sources)
            s.worthy_verified += claim.status == "verified"
        drifting = []
        for source in claim.sources:
            s.sources += 1
            check = source.last_check
            ref = SourceRef(claim.id, source.url, check.at if check else None, check.outcome if check else None)
            if check is None:
                s.never_checked.append(ref)
                continue
            if check.at < stale_before:
                s.stale.append(ref)
            if check.outcome == "dead":
                s.dead.append(ref)
            if check.outcome in DRIFT_OUTCOMES:
                drifting.append(ref)
        if drifting and claim.status in VERDICT_STATUSES:
            s.drift.append(Drift(claim.id, claim.status, tuple(drifting)))
    return s


def changes(files: Iterable[ClaimsFile], since: str | None) -> list[Change]:
    """Status changes at or after ``since``, newest first; without it, the latest RECENT.

    Changes made at the same moment keep the order of the claims in their
    article; events that kept the status (extract's notes) are not changes.
    """
    found = [
        Change(e.at, claim.id, e.from_status, e.to_status, e.by, e.why)
        for claims_file in files
        for claim in claims_file.claims
        for e in claim.history
        if e.from_status != e.to_status and (since is None or e.at >= since)
    ]
    found.sort(key=lambda c: c.at, reverse=True)  # stable: ties stay in article order
    return found if since is not None else found[:RECENT]


def build(
    files: list[ClaimsFile],
    *,
    now: dt.datetime | None = None,
    stale_days: int = STALE_DAYS,
    since: str | None = None,
) -> Report:
    """The report over these claims files."""
    now = now or dt.datetime.now(dt.UTC)
    stale_before = (now - dt.timedelta(days=stale_days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles = [summarize(f, stale_before) for f in files]
    total = Summary("All articles", None)
    for article in articles:
        total.add(article)
    return Report(
        now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        stale_days,
        since,
        articles,
        total,
        changes(files, since),
    )


def as_dict(report: Report) -> dict[str, object]:
    """The report as plain data (the JSON format)."""

    def summary(s: Summary) -> dict[str, object]:
        return {
            "title": s.title,
            "file": s.file,
            "claims": s.claims,
            "by_status": dict(s.counts),
            "check_worthy": s.worthy,
            "check_worthy_sourced": s.worthy_sourced,
            "check_worthy_verified": s.worthy_verified,
            "sources": s.sources,
            "never_checked": [vars(r) for r in s.never_checked],
            "stale": [vars(r) for r in s.stale],
            "dead": [vars(r) for r in s.dead],
            "drift": [
                {"claim_id": d.claim_id, "status": d.status, "sources": [vars(r) for r in d.sources]} for d in s.drift
            ],
        }

    return {
        "generated": report.generated,
        "stale_days": report.stale_days,
        "since": report.since,
        "total": summary(report.total),
        "articles": [summary(a) for a in report.articles],
        "changes": [
            {"at": c.at, "claim_id": c.claim_id, "from": c.from_status, "to": c.to_status, "by": c.by, "why": c.why}
            for c in report.changes
        ],
    }
