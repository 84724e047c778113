"""Claims from proposals, and bringing a claims file up to date with an edited article.

``merge`` keeps curated claims' ids, statuses, sources, notes and history and
re-anchors them; claims whose text is gone are kept and flagged; new
proposals get fresh ids.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from factcheck.extract.ids import make_id, word_counts
from factcheck.extract.placing import place
from factcheck.extract.proposals import Proposal, units
from factcheck.extract.refused import Refused
from factcheck.extract.spans import Covered
from factcheck.model.claims import (
    SCHEMA_VERSION,
    Anchor,
    Article,
    Claim,
    ClaimsFile,
    Event,
    Review,
    Worthiness,
    utc_now,
)
from factcheck.model.vocab import Status
from factcheck.text import anchor as anchors
from factcheck.text import segment, worthiness
from factcheck.text.anchor import Located
from factcheck.text.article import sha256
from factcheck.text.clean import number
from factcheck.text.convert import PageMetadata
from factcheck.text.occurrences import TextIndex

BY = "extract"


class _Read(Proposal):
    """A proposal whose text is what a reader reads (``segment.reading_text``): Markdown's emphasis and
    link markup left out, while its anchor keeps the article's own characters."""

    @property
    def text(self) -> str:
        return segment.reading_text(self.anchor.exact)


def as_read(proposals: Iterable[Proposal]) -> list[Proposal]:
    """The proposals, each with the text a claim made of it gets."""
    return [_Read(p.anchor, p.kind, p.scored) for p in proposals]


def new_claim(proposal: Proposal, claim_id: str, at: str) -> Claim:
    """A fresh ``unverified`` claim for a proposal, with the history event that says extract made it."""
    scored = proposal.scored
    return Claim(
        id=claim_id,
        text=segment.reading_text(proposal.text),
        status=Status.UNVERIFIED,
        worthiness=Worthiness(score=scored.score, reasons=list(scored.reasons)),
        anchor=proposal.anchor,
        history=[
            Event(
                at=at,
                from_status=None,
                to_status=Status.UNVERIFIED,
                by=BY,
                why=f"proposed by extract (score {number(scored.score, 2)})",
            )
        ],
    )


def new_file(
    path: Path,
    article_path: Path,
    text: str,
    proposals: Iterable[Proposal],
    taken: set[str],
    source: Path | None = None,
) -> ClaimsFile:
    """A new claims file for an article, with one unverified claim per proposal.

    ``source`` is the file the article was read from, when ``article_path``
    is the text extract kept of it: a title from a file name is taken from
    its name.
    """
    at = utc_now()
    common = word_counts(text)
    claims = [new_claim(p, make_id(p.text, taken, common), at) for p in as_read(proposals)]
    meta = Article(
        title=guess_title(text, source or article_path), path=_relative(article_path, path), sha256=sha256(text)
    )
    return ClaimsFile(schema_version=SCHEMA_VERSION, article=meta, claims=claims)


def fill_metadata(meta: Article, declared: PageMetadata, title: bool = False) -> list[str]:
    """Fill the article's empty fields from what its page declares (the title too, with ``title``); what was filled.

    A field a person has set is never overwritten.
    """
    filled = []
    if title and declared.title:
        meta.title = declared.title
        filled.append("title")
    for name in ("author", "publisher", "date", "url"):
        value = getattr(declared, name)
        if value and not getattr(meta, name):
            setattr(meta, name, value)
            filled.append(name)
    return filled


def guess_title(text: str, article_path: Path) -> str:
    """The title the article's text gives (``segment.title``), else its file name when that is words, else "untitled".

    A file name such as ``council-approves-toll.md`` reads as a title; one
    with a figure (``story_0412.txt``) is an id, which the claims file keeps
    as the article's ``path`` already, and a title made of it would say
    nothing.  ``factcheck article set --title`` gives the real one.
    """
    found = segment.title(text)
    if found:
        return found
    words = [w for w in re.split(r"[-_.\s]+", article_path.stem) if w]
    return " ".join(words) if words and all(w.isalpha() for w in words) else "untitled"


def _relative(target: Path, claims_path: Path) -> str:
    return Path(os.path.relpath(target.resolve(), claims_path.resolve().parent)).as_posix()


@dataclass
class MergeReport:
    """What a merge did, claim id by claim id."""

    # In the order ``--format json`` gives them.
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # still where they were
    moved: list[str] = field(default_factory=list)  # same text, new place
    changed: list[str] = field(default_factory=list)  # text edited in the article, re-anchored
    lost: list[str] = field(default_factory=list)  # no longer anchored (not found, or ambiguous)
    metadata: list[str] = field(default_factory=list)  # article fields filled from what the page declares

    def summary(self) -> str:
        parts = [f"{len(self.added)} new", f"{len(self.kept) + len(self.moved)} kept"]
        if self.metadata:
            parts.append(f"article {', '.join(self.metadata)} from the page")
        if self.changed:
            parts.append(f"{len(self.changed)} re-anchored to edited text")
        if self.lost:
            parts.append(f"{len(self.lost)} no longer anchored ({few(self.lost)})")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, list[str]]:
        """Every id of every outcome, for ``--format json``."""
        return asdict(self)


#: A message names at most this many ids; the rest are counted.
FEW = 5


def few(ids: list[str]) -> str:
    """The first ``FEW`` ids, and how many more there are: a line a person reads, however many ids."""
    if len(ids) <= FEW:
        return ", ".join(ids)
    return f"{', '.join(ids[:FEW])} and {len(ids) - FEW:,} more"


LOST_WHY = "no longer anchored: its text was not found in the edited article"
AMBIGUOUS_WHY = "no longer anchored: its text matches several places in the edited article equally well"


def merge(
    claims_file: ClaimsFile,
    path: Path,
    text: str,
    article_path: Path,
    proposals: Iterable[Proposal] | Callable[[Callable[[int, int], bool]], Iterable[Proposal]],
    taken: set[str],
    declared: PageMetadata | None = None,
) -> MergeReport:
    """Bring ``claims_file`` (stored at ``path``) up to date with the (possibly edited) article ``text``, in place.

    ``proposals`` may be a function that makes them, given a test of whether a
    span is covered by a claim already: it is called once the claims are
    placed, so that the sentences they cover need not be scored.

    Existing claims are never deleted nor re-scored away (a claim without a
    score gets one): each is re-anchored
    (its text updated, with a history event, when the article's wording
    changed), or kept and flagged with a history event when its text is gone.
    Proposals not covered by an existing claim become new claims.
    """
    report = MergeReport()
    at = utc_now()
    # Built once, so that finding every claim again costs about the claim's length, not the article's.
    index = TextIndex(text)
    covered = Covered()
    rescore = functools.partial(_rescore, text)
    # Anchors are placed all at once, so that identical sentences are told apart by their order.
    old = [c.anchor if c.anchor is not None else _anchor_from_text(c, index) for c in claims_file.claims]
    for claim, was, located in zip(claims_file.claims, old, place(old, index), strict=True):
        span = _reanchor(claim, was, located, index.text, at, report, rescore)
        if span is not None:
            covered.add(*span)
        if claim.worthiness is None:
            # A claim added by hand has no score yet; giving it one re-scores nothing away.
            claim.worthiness = rescore(claim.text)
    common: Counter[str] | None = None
    refused = Refused(set_aside_texts(claims_file))
    if callable(proposals):
        proposals = proposals(covered.overlaps)
    for proposal in as_read(proposals):
        a = proposal.anchor
        if covered.overlaps(a.start, a.end):
            continue  # a curated claim already covers (part of) this sentence
        if proposal.text in refused:
            continue  # rejected (or retired) by a person, maybe since edited a little: never proposed again
        if common is None:
            common = word_counts(text)  # read only when a new claim needs an id
        claim = new_claim(proposal, make_id(proposal.text, taken, common), at)
        claims_file.claims.append(claim)
        covered.add(a.start, a.end)
        report.added.append(claim.id)
    claims_file.article.sha256 = sha256(text)
    claims_file.article.path = _relative(article_path, path)
    if declared is not None:
        report.metadata = fill_metadata(claims_file.article, declared)
    return report


def set_aside_texts(claims_file: ClaimsFile) -> set[str]:
    """The texts of the file's rejected and retired claims, white space aside."""
    return {" ".join(entry.claim.text.split()) for entry in claims_file.set_aside}


def _rescore(text: str, sentence: str) -> Worthiness:
    """A claim's sentence scored as extract scores the article's: knowing the article's names."""
    scored = worthiness.score(sentence, names=units(text, ())[1])  # read once, when first asked
    return Worthiness(score=scored.score, reasons=list(scored.reasons))


def _reanchor(
    claim: Claim,
    old: Anchor | None,
    located: Located,
    text: str,
    at: str,
    report: MergeReport,
    rescore: Callable[[str], Worthiness],
) -> tuple[int, int] | None:
    if old is None:
        return None
    if not located.found:
        why = AMBIGUOUS_WHY if located.status == "ambiguous" else LOST_WHY
        _note_event(claim, at, why)
        report.lost.append(claim.id)
        return None
    new = anchors.relocate(old, text, located)
    claim.anchor = new
    if located.status == "fuzzy" and segment.reading_text(new.exact) != claim.text:
        before = claim.text
        claim.text = segment.reading_text(new.exact)
        changed = f"text changed in the article (match {number(located.confidence, 2)}); was: {before}"
        if anchors.same_words(before, claim.text):
            _note_event(claim, at, changed)  # sentences joined or split: the same words, the verdict still fits
        elif claim.verdict_by_person():
            _note_event(claim, at, changed)
            # The verdict was given on other words: it is no longer known to fit.
            claim.review = Review(since=at, why=f"its wording changed after the verdict; was: {before}")
        elif claim.status != Status.UNVERIFIED:
            # verify found the evidence for other words (a figure may be what changed): its status says
            # nothing of these, and left as it was it would pass check and count in report until the
            # next scheduled run. No person's verdict is touched; the claim goes back to verify.
            why = f"text changed in the article (match {number(located.confidence, 2)}) after verify found it {claim.status}"
            claim.set_status(Status.UNVERIFIED, BY, f"{why}; was: {before}", at)
        else:
            _note_event(claim, at, changed)
        if claim.worthiness is not None:
            claim.worthiness = rescore(claim.text)
        report.changed.append(claim.id)
    elif located.status == "exact":
        report.kept.append(claim.id)
    else:
        report.moved.append(claim.id)
    assert new.start is not None
    return new.start, new.end


def _anchor_from_text(claim: Claim, index: TextIndex) -> Anchor | None:
    """An anchor for a claim that has none, when its text occurs exactly once in the article."""
    hits = index.occurrences(claim.text, limit=2)
    if len(hits) != 1:
        return None
    return anchors.make(index.text, hits[0], hits[0] + len(claim.text))


def _note_event(claim: Claim, at: str, why: str) -> None:
    """Append an event that keeps the status, unless the last event already says the same."""
    last = claim.history[-1] if claim.history else None
    if last is None or last.by != BY or last.why != why:
        claim.record(BY, why, at)
