"""``factcheck report``: where the claims stand, per article and in total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import msgspec

from factcheck.model import defaults
from factcheck.model.claims import Claim
from factcheck.model.errors import InputError, UsageError
from factcheck.model.vocab import Outcome, Stance, Status, drifted
from factcheck.report import pages
from factcheck.report.facts import facts_note
from factcheck.store.folder import StoredFile
from factcheck.text import anchor, article


class SourceRef(msgspec.Struct, frozen=True):
    """A source of a claim, with its last check (None: never checked)."""

    claim_id: str
    url: str
    checked_at: str | None
    outcome: Outcome | None
    stance: Stance = Stance.SUPPORTS
    detail: str | None = None  # for a conflict: what the source says where the claim says what
    archive_url: str | None = None  # a web-archive copy of the page, when kept
    title: str | None = None
    archived_at: str | None = None


class Drift(msgspec.Struct, frozen=True):
    """A person's verdict whose sources no longer say what their stance expects."""

    claim_id: str
    status: Status
    sources: tuple[SourceRef, ...]


class Flagged(msgspec.Struct, frozen=True):
    """A claim that needs a person: its anchor is lost, or its wording changed after a verdict."""

    claim_id: str
    status: Status
    why: str


class Change(msgspec.Struct, frozen=True):
    """A status change from a claim's history."""

    at: str
    claim_id: str
    from_status: Status | None
    to_status: Status
    by: str
    why: str | None


class Listed(msgspec.Struct, frozen=True):
    """A claim the report names: its text, and the claims file it is in (the name without ``.json``)."""

    text: str
    file_stem: str


class Summary(msgspec.Struct):
    """The figures of one article, or of all of them."""

    title: str
    file: str | None  # None for the total
    file_stem: str | None = None  # the claims file's name without .json
    counts: dict[Status, int] = msgspec.field(default_factory=lambda: dict.fromkeys(Status, 0))
    worthy: int = 0
    worthy_sourced: int = 0
    worthy_verified: int = 0
    sources: int = 0
    never_checked: list[SourceRef] = msgspec.field(default_factory=list)
    stale: list[SourceRef] = msgspec.field(default_factory=list)
    dead: list[SourceRef] = msgspec.field(default_factory=list)
    changed: list[SourceRef] = msgspec.field(default_factory=list)  # changed pages nobody acknowledged
    # supporting sources whose evidence leaves a key fact unstated, on claims no person has given a verdict
    unconfirmed: list[SourceRef] = msgspec.field(default_factory=list)
    drift: list[Drift] = msgspec.field(default_factory=list)
    lost: list[Flagged] = msgspec.field(default_factory=list)  # claims that cannot be placed in the article
    review: list[Flagged] = msgspec.field(default_factory=list)  # verdicts flagged for another look
    archived: int = 0  # sources with a web-archive copy

    @property
    def claims(self) -> int:
        return sum(self.counts.values())

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
        self.changed += other.changed
        self.unconfirmed += other.unconfirmed
        self.drift += other.drift
        self.lost += other.lost
        self.review += other.review
        self.archived += other.archived


class Report(msgspec.Struct):
    """The whole report."""

    generated: str  # UTC timestamp
    max_age: int  # days after which a source check is stale
    since: str | None  # None: the latest defaults.RECENT_CHANGES changes
    articles: list[Summary]
    total: Summary
    changes: list[Change]
    # The articles' verdicts as schema.org ClaimReview, for the HTML page to embed (publish.claimreview).
    claim_reviews: list[dict[str, Any]] = msgspec.field(default_factory=list)
    # Every claim the report names, by id.
    claims: dict[str, Listed] = msgspec.field(default_factory=dict)
    # Where each article's annotated page is (report.pages), to link each claim to it; None: no links.
    annotation_url: str | None = None

    def text_of(self, claim_id: str) -> str | None:
        """The text of a claim the report names."""
        found = self.claims.get(claim_id)
        return found.text if found else None

    def annotation_page(self, file_stem: str | None) -> str | None:
        """The annotated page of an article, when the report knows where it is."""
        if self.annotation_url is None or file_stem is None:
            return None
        return pages.page_url(self.annotation_url, file_stem)

    def annotation_link(self, claim_id: str) -> str | None:
        """The claim on its article's annotated page, when the report knows where that is."""
        found = self.claims.get(claim_id)
        page = self.annotation_page(found.file_stem if found else None)
        return None if page is None else page + "#" + claim_id


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


def summarize(stored: StoredFile, stale_before: str) -> Summary:
    """The figures of one claims file; checks older than ``stale_before`` (a timestamp) are stale."""
    s = Summary(stored.claims_file.article.title, stored.shown, stored.path.stem)
    text = _article(stored)
    if stored.article_path() is not None and text is None:
        s.lost.extend(Flagged(c.id, c.status, "the article text cannot be read") for c in stored.claims)
    for claim in stored.claims:
        s.counts[claim.status] += 1
        if is_worthy(claim):
            s.worthy += 1
            s.worthy_sourced += bool(claim.sources)
            s.worthy_verified += claim.status == "verified"
        if text is not None and (why := anchor.why_unplaced(claim.anchor, claim.text, text)):
            s.lost.append(Flagged(claim.id, claim.status, why))
        if claim.review is not None:
            s.review.append(Flagged(claim.id, claim.status, claim.review.why))
        drifting = []
        # A person's verdict, whatever the status (a person's "verified" included): its sources'
        # news is drift for that person to weigh, not open work for the automation.
        judged = claim.verdict_by_person()
        for source in claim.sources:
            s.sources += 1
            s.archived += bool(source.archive_url)
            check = source.last_check
            ref = SourceRef(
                claim.id,
                source.url,
                check.at if check else None,
                check.outcome if check else None,
                source.stance,
                facts_note(check) if check else None,
                source.archive_url,
                source.title,
                source.archived_at,
            )
            if check is None:
                s.never_checked.append(ref)
                continue
            if check.at < stale_before:
                s.stale.append(ref)
            if check.outcome == Outcome.DEAD:
                s.dead.append(ref)
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
    article; events that kept the status (extract's notes) are not changes.
    """
    found = [
        Change(e.at, claim.id, e.from_status, e.to_status, e.by, e.why)
        for stored in files
        for claim in stored.claims
        for e in claim.history
        if e.from_status != e.to_status and (since is None or e.at >= since)
    ]
    found.sort(key=lambda c: c.at, reverse=True)  # stable: ties stay in article order
    return found if since is not None else found[: defaults.RECENT_CHANGES]


def named(summary: Summary, found: list[Change]) -> set[str]:
    """The ids of the claims a report lists: in drift, flags, source lists and changes."""
    ids = {d.claim_id for d in summary.drift}
    ids.update(f.claim_id for f in summary.lost + summary.review)
    for refs in (summary.never_checked, summary.stale, summary.dead, summary.changed, summary.unconfirmed):
        ids.update(r.claim_id for r in refs)
    ids.update(c.claim_id for c in found)
    return ids


def build(
    files: list[StoredFile],
    *,
    now: dt.datetime | None = None,
    max_age: int = defaults.MAX_AGE_DAYS,
    since: str | None = None,
    annotation_url: str | None = None,
) -> Report:
    """The report over these claims files; source checks older than ``max_age`` days are stale.

    ``annotation_url`` is where each article's annotated page is (a ``pages`` pattern);
    UsageError when it is not one.
    """
    if annotation_url is not None and (problem := pages.check_pattern(annotation_url)):
        raise UsageError(f"annotation-url {annotation_url!r}: {problem}")
    now = now or dt.datetime.now(dt.UTC)
    stale_before = (now - dt.timedelta(days=max_age)).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles = [summarize(f, stale_before) for f in files]
    total = Summary("All articles", None)
    for summary in articles:
        total.add(summary)
    found = changes(files, since)
    wanted = named(total, found)
    claims = {
        claim.id: Listed(claim.text, stored.path.stem)
        for stored in files
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
    )
