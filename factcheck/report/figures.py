"""The figures of ``factcheck report``: what its renderers read, plain values with nothing of the store.

``summary`` reads the claims files and builds them.
"""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.model.vocab import Outcome, Stance, Status
from factcheck.report import pages

#: The verdicts a report names claim by claim: the ones a reader most wants to find.
NAMED_VERDICTS = (Status.MIXED, Status.MISLEADING, Status.FALSE, Status.UNSUPPORTED)


class SourceRef(msgspec.Struct, frozen=True):
    """A source of a claim, with its last check (None: never checked)."""

    claim_id: str
    url: str
    stance: Stance
    checked_at: str | None
    outcome: Outcome | None
    detail: str | None  # for a conflict: what the source says where the claim says what
    archive_url: str | None  # a web-archive copy of the page, when kept
    archived_at: str | None
    title: str | None


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


class Verdict(msgspec.Struct, frozen=True):
    """A person's verdict on a claim, and their note."""

    claim_id: str
    status: Status
    note: str | None
    was: Status | None = None  # the verdict a person gave before this one, when this one replaced it
    updated: str | None = None  # when it was replaced


class Elsewhere(msgspec.Struct, frozen=True):
    """A fact-check published elsewhere that a person accepted as covering a claim."""

    claim_id: str
    url: str
    publisher: str | None
    rating: str | None


class Change(msgspec.Struct, frozen=True):
    """A status change from a claim's history."""

    at: str
    claim_id: str
    from_status: Status | None = msgspec.field(name="from")
    to_status: Status = msgspec.field(name="to")
    by: str
    why: str | None


class Listed(msgspec.Struct, frozen=True):
    """A claim the report names: its text, the claims file it is in (the name without ``.json``), its language."""

    text: str
    file_stem: str
    lang: str | None = None


class Summary(msgspec.Struct):
    """The figures of one article, or of all of them."""

    title: str
    file: str | None  # None for the total
    file_stem: str | None = None  # the claims file's name without .json
    correction: str | None = None  # the article's own corrections and editor's notes, as printed with it
    lang: str | None = None  # the article's language, as its claims' words tell (text.language)
    counts: dict[Status, int] = msgspec.field(default_factory=lambda: dict.fromkeys(Status, 0))
    worthy: int = 0
    worthy_sourced: int = 0
    worthy_verified: int = 0
    sources: int = 0
    never_checked: list[SourceRef] = msgspec.field(default_factory=list)
    stale: list[SourceRef] = msgspec.field(default_factory=list)
    failing: list[SourceRef] = msgspec.field(default_factory=list)  # not fetched on the last run, not dead yet
    dead: list[SourceRef] = msgspec.field(default_factory=list)
    changed: list[SourceRef] = msgspec.field(default_factory=list)  # changed pages nobody acknowledged
    # supporting sources whose evidence leaves a key fact unstated, on claims no person has given a verdict
    unconfirmed: list[SourceRef] = msgspec.field(default_factory=list)
    drift: list[Drift] = msgspec.field(default_factory=list)
    lost: list[Flagged] = msgspec.field(default_factory=list)  # claims that cannot be placed in the article
    review: list[Flagged] = msgspec.field(default_factory=list)  # verdicts flagged for another look
    archived: int = 0  # sources with a web-archive copy
    # The claims a reader asks after, in article order: those a person found mixed, misleading, false or
    # unsupported (and, in a report for publication, every verdict).
    verdicts: list[Verdict] = msgspec.field(default_factory=list)
    elsewhere: list[Elsewhere] = msgspec.field(default_factory=list)  # claims already checked by others

    @property
    def claims(self) -> int:
        return sum(self.counts.values())

    def add(self, other: Summary) -> None:
        """Add another summary's counts and lists to these (the article's own fields stay)."""
        for status, n in other.counts.items():
            self.counts[status] += n
        for name in _FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


#: The figures that add up over articles: the fields after the article's own (title to correction) and counts.
_FIGURES = Summary.__struct_fields__[Summary.__struct_fields__.index("counts") + 1 :]


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
    # A report for publication: only the claims a person gave a verdict, and no internal detail
    # (sources to look at, drift, flags, the history of changes).
    reviewed_only: bool = False
    # The terminal the text is shown on, in columns, for its bars to fit in; None: not a terminal.
    width: int | None = None

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
