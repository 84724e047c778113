"""What changed between two versions of the claims: what ``diff`` renderers read, with nothing of the store.

``diff`` reads the two versions and builds these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model.vocab import Aside, Outcome, Status


@dataclass(frozen=True)
class ClaimRef:
    """A claim added or removed; ``aside`` says when it was set aside (removed) or restored (added)."""

    id: str
    file: str
    status: Status
    text: str
    aside: Aside | None = None  # rejected or retired on the side where it is not a claim
    why: str | None = None  # the reason recorded when it was set aside
    aside_id: str | None = None  # the id it has set aside, when a rename between the two sides gave it another


@dataclass(frozen=True)
class CheckChange:
    """A source whose last evidence check has a different outcome now."""

    url: str
    old: Outcome | None  # None: never checked
    new: Outcome | None
    at: str | None


@dataclass
class ClaimChange:
    """A claim present on both sides whose status, text, note, sources or checks changed."""

    id: str
    file: str
    old_status: Status
    new_status: Status
    why: str | None = None
    old_file: str | None = None  # set when the claim moved to another file: as ``file`` is, REV:path at a revision
    old_path: str | None = None  # that file as the reader knows it: its path in the repository, or on disk
    old_id: str | None = None  # set when the claim was renamed (``factcheck rename``)
    text_changed: bool = False
    old_text: str | None = None  # the wording on each side, when it changed
    new_text: str | None = None
    note_changed: bool = False
    events_deleted: int = 0  # events of the old side's history the new side lacks: deleted or edited by hand
    verdict_by: str | None = None  # the person who made the verdict theirs, its status unchanged (a confirmation)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    checks: list[CheckChange] = field(default_factory=list)
    # Both are published (ClaimReview's claimant, its associated reviews), so a change to either is shown.
    claimant_changed: bool = False
    new_claimant: str | None = None
    accepted: list[str] = field(default_factory=list)  # URLs of fact-checks accepted on the new side only
    unaccepted: list[str] = field(default_factory=list)  # and on the old side only

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def shown(self) -> bool:
        """Whether ``diff`` shows the change: the claims changed only in other fields are only counted."""
        return bool(
            self.status_changed
            or self.text_changed
            or self.note_changed
            or self.events_deleted
            or self.verdict_by
            or self.sources_added
            or self.sources_removed
            or self.checks
            or self.old_file
            or self.old_id
            or self.claimant_changed
            or self.accepted
            or self.unaccepted
        )


@dataclass(frozen=True)
class ArticleChange:
    """One detail of an article (its headline, url, author, date, publisher, correction, ...) that changed.

    A change of the article's text (its ``sha256``) is the field ``text``, with neither side given.
    """

    file: str
    field: str
    old: str | None
    new: str | None


#: The details of an article ``diff`` shows a change of, in the order it shows them.
ARTICLE_FIELDS = ("title", "url", "review_url", "author", "date", "publisher", "correction", "path", "sha256")


@dataclass
class Diff:
    """Everything that changed between OLD and NEW."""

    old_label: str
    new_label: str
    added: list[ClaimRef] = field(default_factory=list)
    removed: list[ClaimRef] = field(default_factory=list)
    changed: list[ClaimChange] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # claims files git saw renamed
    other_edits: int = 0  # claims changed only in fields the diff does not show (anchor, score, ...)
    article: list[ArticleChange] = field(default_factory=list)  # the articles' own details that changed
    # Shown in colour, which alone tells the words of an edit that changed; without it, marks do.
    coloured: bool = False

    @property
    def transitions(self) -> list[ClaimChange]:
        return [c for c in self.changed if c.status_changed]

    @property
    def renamed_claims(self) -> list[ClaimChange]:
        """The claims given a new id, with whatever else changed in them."""
        return [c for c in self.changed if c.old_id is not None]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.renamed or self.article)
