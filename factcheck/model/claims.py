"""The claims file and what it holds, as typed structs.

These types are the one definition of the claims file format: the store
decodes and validates a file into them in one pass, writes them back in
field order (which is what keeps a saved file byte-for-byte stable), and
the JSON Schema shipped for editors is generated from them.
"""

# No "from __future__ import annotations": msgspec reads these annotations, and
# resolving them from strings would cost more than the rest of loading.

import datetime as _dt
import re
from collections.abc import Sequence
from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta

from factcheck.model.vocab import VERDICTS, Aside, FactResult, Outcome, Stance, Status

#: The version of the format.  Version 1 files are still read (and written back as version 2).
SCHEMA_VERSION: Final = 2
#: The names commands record as ``by`` in a claim's history; any other name is a person's.
TOOLS = frozenset({"extract", "verify"})

# Every pattern is read alike by Python's re (the store: msgspec searches with it)
# and by ECMA-262 (JSON Schema validators).  So none ends in "$", which in Python
# also matches before a final newline, nor in "\Z", which ECMA lacks: END, "no
# character follows", means the same in both.  For the same reason white space
# is spelled out: "\s" is not the same set in the two dialects.
END = r"(?![\s\S])"
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
URL_PATTERN = rf"^[hH][tT][tT][pP][sS]?://[^{_SPACE}/?#]+[^{_SPACE}]*{END}"
# Real dates only: months of 30 and 31 days, 29 February in leap years alone, no year 0.
# Laid out so that a common date is read in one pass: the first branch of the
# month and day takes days 01-28 of any month, and the leap years are tried
# only after everything else failed, that is for 29 February alone (or a
# string that is refused anyway).  No nested repeats: nothing backtracks far.
_YEAR = r"(?!0000)[0-9]{4}"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = rf"(?:{_MONTH}-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
DATE_PATTERN = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
TIMESTAMP_PATTERN = rf"^{DATE_PATTERN}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z{END}"
Timestamp = Annotated[
    str,
    Meta(
        pattern=TIMESTAMP_PATTERN,
        description="UTC time with seconds, e.g. 2026-11-27T22:00:00Z.",
    ),
]
# The year is read once, then a month and day or a month alone, as far as they go.
PARTIAL_DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH_DAY}|-{_MONTH})?|{_LEAP_YEAR}-02-29){END}"
PartialDate = Annotated[
    str,
    Meta(
        pattern=PARTIAL_DATE_PATTERN,
        description="A date, a month or a year: YYYY-MM-DD, YYYY-MM or YYYY.",
    ),
]
Url = Annotated[str, Meta(pattern=URL_PATTERN, description="An http(s) URL.")]
CLAIM_ID_PATTERN = rf"^[a-z0-9][a-z0-9._-]{{0,63}}{END}"
#: How the event ``rename`` records begins, the former id following: diff and history --git follow a claim by it.
RENAMED_FROM = "renamed from "
#: The reason of the event by which a person makes a verdict a tool set their own (``set --status`` with the
#: status the claim has), the person's note following after ": ".  ``Claim.verdict_by_person`` reads it.
CONFIRMED = "confirmed the verdict"
ClaimId = Annotated[
    str,
    Meta(
        pattern=CLAIM_ID_PATTERN,
        description="Short, typable, unique across the claims folder: lower-case letters, digits, '.', '_', '-'.",
    ),
]
# Offsets into an article: far beyond any real text, small enough for every consumer.
Offset = Annotated[int, Meta(ge=0, le=2**31 - 1)]
#: The largest count a claims file holds (a source's failures in a row): a count that reaches it stays there.
MAX_COUNT: Final = 2**31 - 1
NonEmpty = Annotated[str, Meta(min_length=1)]
# The article text's path: relative to the claims file (no leading slash or backslash, no drive
# such as "C:"), no control character, and not blank (white space as Python's str.isspace has it, which
# is what the store's confine.article_path strips).  Where the path leads is the store's to check.
_BLANK = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
ARTICLE_PATH_PATTERN = rf"^(?![/\\]|[A-Za-z]:)[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f{_BLANK}][^\x00-\x1f\x7f]*{END}"
ArticlePath = Annotated[
    str,
    Meta(
        pattern=ARTICLE_PATH_PATTERN,
        description="The article text, relative to the claims file: not blank, not absolute, no control character.",
    ),
]
SHA256_PATTERN = rf"^[0-9a-f]{{64}}{END}"
Sha256 = Annotated[str, Meta(pattern=SHA256_PATTERN, description="sha256 of the article text's bytes, in hex.")]


# A confirmation's reason in full: the wording alone, or the wording, ": " and the note (of any length).
_CONFIRMATION = re.compile(re.escape(CONFIRMED) + r"(?:: [\s\S]*)?")


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with seconds, e.g. ``2026-11-27T22:00:00Z``."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Record(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """Common settings: no unknown fields, no reference cycles (so the collector can skip them).

    Every record is built with keywords (``kw_only``), so fields keep the
    order the file has while required fields may follow optional ones.
    """


class Anchor(_Record, kw_only=True):
    """Where the claim sits in the article: the exact quote with context, and character offsets.

    The offset start comes before end: the quote is the article's text between them.
    """

    exact: NonEmpty
    prefix: str
    suffix: str
    start: Offset
    end: Offset

    def __post_init__(self) -> None:
        # JSON Schema cannot compare two fields, so the reader does: msgspec turns this ValueError
        # into a validation error at the anchor; the store reads the field it names and gives its line.
        if self.start >= self.end:
            raise ValueError(f"field `start`: {self.start} is not before end ({self.end})")


class Worthiness(_Record, kw_only=True):
    """How check-worthy the claim is, in [0, 1], and why."""

    score: Annotated[float, Meta(ge=0, le=1)]
    reasons: list[str] = msgspec.field(default_factory=list)


class FactCheck(_Record, kw_only=True):
    """One key fact of the claim compared with the evidence."""

    fact: str
    result: FactResult
    found: str | None = None


class ArchivedEvidence(_Record, kw_only=True):
    """The evidence found in a web-archive copy of a page that died or lost it."""

    url: Url  # the snapshot read
    archived_at: Annotated[str, Meta(pattern=TIMESTAMP_PATTERN, description="When the copy was taken (UTC).")]
    score: Annotated[float, Meta(ge=0, le=100)]
    passage: str | None = None


class LastCheck(_Record, kw_only=True):
    """The result of the last time a source was fetched and its evidence looked for."""

    at: Timestamp
    outcome: Outcome
    http_status: Annotated[int, Meta(ge=0, le=999)] | None = None
    final_url: str | None = None
    content_hash: str | None = None
    score: Annotated[float, Meta(ge=0, le=100)] | None = None
    passage: str | None = None
    facts: list[FactCheck] = msgspec.field(default_factory=list)
    error: str | None = None
    failures: Annotated[int, Meta(ge=0, le=MAX_COUNT)] = 0
    failing_since: Annotated[
        Timestamp | None, Meta(description="When the current run of failures began (dead needs them spread out).")
    ] = None
    looked_for: Annotated[
        str | None, Meta(description="A digest of the claim text and quote this check looked for.")
    ] = None
    archived: Annotated[
        ArchivedEvidence | None,
        Meta(description="The page is dead or lost the evidence, and the evidence holds in an archived copy."),
    ] = None
    changed: Annotated[
        bool,
        Meta(
            description="On a check that could not read the page: the page last read had changed and lost the evidence."
        ),
    ] = False

    def unstated(self) -> list[str]:
        """What the evidence leaves out of the claim's key facts, in words: "does not state
        four years", "says only by 2040 for 2013"."""
        return [
            f"says only {f.found} for {f.fact}"
            if f.result == FactResult.VAGUER and f.found
            else f"does not state {f.fact}"
            for f in self.facts
            if f.result in (FactResult.MISSING, FactResult.VAGUER)
        ]


class Source(_Record, kw_only=True):
    """A cited source and the evidence quoted exactly as it appears there."""

    url: Url
    title: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    quote: Annotated[str | None, Meta(description="The evidence, exactly as it appears in the source.")] = None
    stance: Annotated[
        Stance,
        Meta(description="How the source bears on the claim; only supporting sources can verify it."),
    ] = Stance.SUPPORTS
    last_check: LastCheck | None = None
    changed_at: Annotated[
        Timestamp | None,
        Meta(
            description="When a check found the page changed and the evidence gone; kept until a person acknowledges it."
        ),
    ] = None
    archive_url: (
        Annotated[
            str,
            Meta(
                pattern=URL_PATTERN,
                description="A copy of the page in a web archive (a Wayback Machine snapshot), kept as evidence.",
            ),
        ]
        | None
    ) = None
    archived_at: (
        Annotated[str, Meta(pattern=TIMESTAMP_PATTERN, description="When the archived copy was taken (UTC).")] | None
    ) = None


class Event(_Record, kw_only=True):
    """A status change.  History is append-only."""

    at: Timestamp
    from_status: Status | None = msgspec.field(default=None, name="from")
    to_status: Status = msgspec.field(name="to")
    by: NonEmpty
    why: str | None = None

    def confirms(self) -> bool:
        """Whether a person made the status, which a tool had set, their verdict by this event.

        The event keeps the status, a person made it, and its reason is ``CONFIRMED``
        (with the person's note): a note edited alone, a source cited or a rename keep
        the status too, but none of them says the person judged the claim.
        """
        return (
            self.from_status == self.to_status
            and self.by not in TOOLS
            and self.why is not None
            and _CONFIRMATION.fullmatch(self.why) is not None
        )


def confirmation(note: str | None) -> str:
    """The reason a confirmation records: ``CONFIRMED``, and the person's note after ": " when there is one."""
    return f"{CONFIRMED}: {note}" if note else CONFIRMED


def reads_as_confirmation(why: str) -> bool:
    """Whether a reason would be read as a confirmation: a note that is not one must not be recorded as it is."""
    return _CONFIRMATION.fullmatch(why) is not None


class Review(_Record, kw_only=True):
    """Why a person's verdict needs another look: the claim's wording changed after it was given,
    or ``verify`` found that the evidence no longer bears it out."""

    since: Timestamp
    why: str
    by: Annotated[
        str | None,
        Meta(
            description="What raised the flag: verify when the evidence disagrees with the verdict; "
            "absent when the claim's wording changed."
        ),
    ] = None


class AcceptedMatch(_Record, kw_only=True):
    """A fact-check published elsewhere that covers the claim, as a person accepted it from ``match``."""

    url: Url
    claim_reviewed: Annotated[str, Meta(min_length=1, description="The claim as the other fact-check words it.")]
    rating: str | None = None
    publisher: str | None = None
    date: Annotated[str | None, Meta(description="When it was published, as its publisher gives it.")] = None
    accepted_at: Timestamp
    by: NonEmpty


class Claim(_Record, kw_only=True):
    """One check-worthy statement of the article, its verdict and its evidence."""

    id: ClaimId
    text: NonEmpty
    status: Status = Status.UNVERIFIED
    note: str | None = None
    worthiness: Worthiness | None = None
    anchor: Anchor | None = None
    sources: list[Source] = msgspec.field(default_factory=list)
    history: list[Event] = msgspec.field(default_factory=list)
    review: Review | None = None

    claimant: (
        Annotated[
            str,
            Meta(
                min_length=1,
                description="Who made the claim, when not the article's author (e.g. a person the article quotes).",
            ),
        ]
        | None
    ) = None
    # Written only when a person accepted one (UNSET is left out of the file), so that other claims keep their
    # bytes and line numbers.
    matches: (
        Annotated[
            list[AcceptedMatch],
            Meta(description="Fact-checks already published elsewhere that a person accepted as covering this claim."),
        ]
        | msgspec.UnsetType
    ) = msgspec.UNSET

    def accepted_matches(self) -> list[AcceptedMatch]:
        """The fact-checks published elsewhere that a person accepted for this claim (none: an empty list)."""
        return self.matches if isinstance(self.matches, list) else []

    def verdict_by_person(self) -> bool:
        """Whether the status is a verdict a person gave, rather than one a command (extract, verify) set.

        A status a command set becomes a person's verdict when the person confirms
        it (``confirm``), until the next change of status.  ``unverified`` is no
        verdict, whoever set it: a person setting a claim back to it hands it back
        to the work in progress, which verify may move on.
        """
        if self.status == Status.UNVERIFIED:
            return False
        for event in reversed(self.history):
            if event.from_status != event.to_status:
                # No command writes a status without its event: one the history does not lead to was written
                # by a person since, by hand or in resolving a merge that dropped the event that set it.
                return event.to_status != self.status or event.by not in TOOLS
            if event.to_status == self.status and event.confirms():
                return True  # a person made the verdict a tool set their own
        return self.status in VERDICTS  # a claim written by hand, without history

    def verdict_event(self, events: Sequence[Event] | None = None) -> Event | None:
        """The newest event of ``events`` (the whole history by default) that gave the claim its status.

        That is the event that moved the claim to its status, or a person's
        confirmation of it made later: the verdict is then the person's, given then.
        """
        for event in reversed(self.history if events is None else events):
            if event.to_status == self.status and (event.from_status != event.to_status or event.confirms()):
                return event
        return None

    def replaced_verdict(self) -> Event | None:
        """The event by which a person replaced a verdict they had given with the claim's present one, or None.

        The present one may be ``unverified``: the person withdrew the verdict, and gave none since.
        None too when the claim holds a status a tool set, or its verdict is the first since it had none.
        """
        given = False  # whether the claim holds a person's verdict after each event
        replaced = None
        for event in self.history:
            if event.from_status != event.to_status:
                mine = event.by not in TOOLS
                replaced = event if mine and given else None
                given = mine and event.to_status != Status.UNVERIFIED
            elif event.confirms():
                given = True
        if self.status == Status.UNVERIFIED:
            return replaced if replaced is not None and replaced.to_status == self.status else None
        return replaced if self.verdict_by_person() else None

    def withdrawn(self) -> bool:
        """Whether a person set their verdict back to ``unverified`` and gave none since: readers are told."""
        return self.status == Status.UNVERIFIED and self.replaced_verdict() is not None

    def publishable(self) -> bool:
        """Whether the verdict may be published: a person gave it, and it is not flagged for review."""
        return self.review is None and self.verdict_by_person()

    def record(self, by: str, why: str, at: str | None = None) -> None:
        """Append an event that keeps the status: a change to the claim's evidence or wording, and why.

        A reason that would read as a confirmation (a note that happens to begin
        with its wording) is recorded as a note, so that it cannot make a verdict
        the person's: only ``confirm`` does that.
        """
        if reads_as_confirmation(why):
            why = f"note: {why}"
        self.history.append(Event(at=at or utc_now(), from_status=self.status, to_status=self.status, by=by, why=why))

    def confirm(self, by: str, note: str | None) -> bool:
        """Make the status, which a tool set, the verdict of the person ``by``; False when it is already a person's.

        ``unverified`` is no verdict, so there is nothing to confirm.
        """
        if self.status == Status.UNVERIFIED or self.verdict_by_person():
            return False
        why = confirmation(note)
        self.history.append(Event(at=utc_now(), from_status=self.status, to_status=self.status, by=by, why=why))
        return True

    def set_status(self, status: Status, by: str, why: str | None, at: str | None = None) -> bool:
        """Move to ``status`` and record the event; False when the status is already that."""
        if status == self.status:
            return False
        self.history.append(Event(at=at or utc_now(), from_status=self.status, to_status=status, by=by, why=why))
        self.status = status
        return True


class Article(_Record, kw_only=True):
    """The article a claims file annotates; ``path`` is relative to the claims file."""

    title: NonEmpty
    author: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    url: Url | None = None
    path: ArticlePath | None = None
    sha256: Sha256 | None = None
    review_url: (
        Annotated[
            str,
            Meta(
                pattern=URL_PATTERN,
                description="The page where the fact-check of this article is published (ClaimReview's url).",
            ),
        ]
        | None
    ) = None
    # Written only when the article has one (UNSET is left out of the file), so that files without one, the
    # seed's included, keep their bytes and their claims' line numbers.
    correction: (
        Annotated[
            str,
            Meta(
                description="The article's own corrections and editor's notes, as printed with it "
                "(read from the article by extract; paragraphs separated by blank lines)."
            ),
        ]
        | msgspec.UnsetType
    ) = msgspec.UNSET


class SetAside(_Record, kw_only=True):
    """A claim a person took out of the fact-check, kept whole so that ``restore`` can bring it back."""

    kind: Aside
    at: Timestamp
    by: NonEmpty
    why: str | None = None
    claim: Claim


class ClaimsFile(_Record, kw_only=True):
    """The claims of one article, their sources, verdicts and history."""

    schema_version: Literal[2]
    article: Article
    claims: list[Claim]
    set_aside: Annotated[
        list[SetAside],
        Meta(description="Rejected proposals and retired claims: out of every count and check, never proposed again."),
    ] = msgspec.field(default_factory=list)

    def get(self, claim_id: str) -> "Claim | None":
        """The claim with this id, or None."""
        return next((claim for claim in self.claims if claim.id == claim_id), None)

    def aside(self, claim_id: str) -> "SetAside | None":
        """The set-aside claim with this id, or None."""
        return next((entry for entry in self.set_aside if entry.claim.id == claim_id), None)
