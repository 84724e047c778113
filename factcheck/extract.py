"""Propose the check-worthy claims of an article and merge them into a claims file.

``propose`` segments the article (skipping site chrome), scores every unit
for check-worthiness and anchors it.  ``merge`` brings an existing claims
file up to date with an edited article: curated claims keep their ids,
statuses, sources, notes and history and are re-anchored; claims whose text
is gone are kept and flagged; new proposals get fresh ids.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import anchor as anchors
from factcheck import article, segment, worthiness
from factcheck.errors import InputError
from factcheck.model import (
    Anchor,
    Article,
    Claim,
    ClaimsFile,
    Event,
    Worthiness,
    utc_now,
)
from factcheck.paths import display

BY = "extract"
MAX_ID = 64


@dataclass(frozen=True)
class Proposal:
    """A unit of the article proposed as a claim: where it is, how check-worthy, and why."""

    anchor: Anchor
    kind: str
    scored: worthiness.Scored

    @property
    def text(self) -> str:
        return self.anchor.exact


# --- reading the article --------------------------------------------------------


# Articles that are turned into text first, by the text extraction verify uses.
CONVERTED = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml", ".pdf": "application/pdf"}


def is_converted(path: Path) -> bool:
    """Whether the article is a web page or PDF, whose text extract saves beside the claims file."""
    return path.suffix.lower() in CONVERTED


def read_article(path: Path) -> str:
    """The article's text; InputError (naming the file) when it is missing, unreadable, not UTF-8 or empty.

    A web page (.html) or PDF is turned into text: its main text, without
    menus, footers and the like.
    """
    if is_converted(path):
        text = _converted(path)
    else:
        text, _ = article.read(path)
    if not text.strip():
        raise InputError("the article is empty", display(path))
    return text


def _converted(path: Path) -> str:
    from factcheck import textract

    where = display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such article file", where) from None
    except OSError as exc:
        raise InputError(f"cannot read the article: {exc.strerror}", where) from None
    try:
        text = textract.extract(raw, CONVERTED[path.suffix.lower()]).text
    except textract.Unreadable as exc:
        raise InputError(f"cannot read the article: {exc}", where) from None
    return text.strip() + "\n"


def sha256(text: str) -> str:
    """The hex SHA-256 of the article text as stored (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- proposing ------------------------------------------------------------------


def propose(text: str, min_score: float = worthiness.DEFAULT_MIN_SCORE) -> list[Proposal]:
    """The article's units scoring at least ``min_score``, in reading order (all of them at 0)."""
    units = segment.segments(text)
    names = worthiness.known_names([u.text for u in units])
    out = []
    for unit in units:
        scored = worthiness.score(unit.text, unit.kind, names)
        if scored.score >= min_score:
            out.append(Proposal(anchors.make(text, unit.start, unit.end), unit.kind, scored))
    return out


# --- ids ------------------------------------------------------------------------

_STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been being has "
    "have had this that these those it its their his her our we they there here not no also "
    "which who whom whose will would can could may might should must than then so such into "
    "over under about after before between through during while when where what all both each "
    "other some any more most very just only new one two three said says additionally however "
    "too".split()
)


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def slug_of(name: str, parts: int = 2, limit: int = 20) -> str:
    """A short id prefix from an article or claims file name: ``china-kazakhstan-30-years`` -> ``china-kazakhstan``."""
    words = _ascii_words(name)[:parts]
    slug = "-".join(words)[:limit].strip("-")
    if not slug or not slug[0].isalnum():
        slug = "claim"
    return slug


def make_id(slug: str, text: str, taken: set[str], words: int = 2) -> str:
    """A short, typable id from the slug and a few content words of ``text``, not in ``taken``.

    The id is added to ``taken``, so ids handed out in one run stay unique.
    """
    in_slug = set(slug.split("-"))
    content = [w for w in _ascii_words(text) if w not in _STOP and w not in in_slug and len(w) > 2]
    content = list(dict.fromkeys(content))[:words] or ["claim"]
    base = f"{slug}-{'-'.join(content)}"[: MAX_ID - 4].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- claims ---------------------------------------------------------------------


def new_claim(proposal: Proposal, claim_id: str, at: str) -> Claim:
    """A fresh ``unverified`` claim for a proposal, with the history event that says extract made it."""
    scored = proposal.scored
    return Claim(
        id=claim_id,
        text=proposal.text,
        status="unverified",
        worthiness=Worthiness(scored.score, list(scored.reasons)),
        anchor=proposal.anchor,
        history=[Event(at, None, "unverified", BY, f"proposed by extract (score {scored.score:.2f})")],
    )


def new_file(path: Path, article_path: Path, text: str, proposals: Iterable[Proposal], taken: set[str]) -> ClaimsFile:
    """A new claims file for an article, with one unverified claim per proposal."""
    at = utc_now()
    slug = slug_of(path.stem)
    claims = [new_claim(p, make_id(slug, p.text, taken), at) for p in proposals]
    meta = Article(title=guess_title(text, article_path), path=_relative(article_path, path), sha256=sha256(text))
    return ClaimsFile(path, meta, claims)


def guess_title(text: str, article_path: Path) -> str:
    """The article's first heading, else its file name."""
    for unit in segment.segments(text)[:3]:
        if unit.kind == segment.HEADING:
            return " ".join(unit.text.split())
    return article_path.stem.replace("-", " ").replace("_", " ") or "untitled"


def _relative(target: Path, claims_path: Path) -> str:
    return Path(os.path.relpath(target.resolve(), claims_path.resolve().parent)).as_posix()


# --- merging --------------------------------------------------------------------


@dataclass
class MergeReport:
    """What a merge did, claim id by claim id."""

    kept: list[str] = field(default_factory=list)  # still where they were
    moved: list[str] = field(default_factory=list)  # same text, new place
    changed: list[str] = field(default_factory=list)  # text edited in the article, re-anchored
    lost: list[str] = field(default_factory=list)  # no longer anchored (not found, or ambiguous)
    added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} new", f"{len(self.kept) + len(self.moved)} kept"]
        if self.changed:
            parts.append(f"{len(self.changed)} re-anchored to edited text")
        if self.lost:
            parts.append(f"{len(self.lost)} no longer anchored ({', '.join(self.lost)})")
        return ", ".join(parts)


LOST_WHY = "no longer anchored: its text was not found in the edited article"
AMBIGUOUS_WHY = "no longer anchored: its text matches several places in the edited article equally well"


def merge(
    claims_file: ClaimsFile, text: str, article_path: Path, proposals: Iterable[Proposal], taken: set[str]
) -> MergeReport:
    """Bring ``claims_file`` up to date with the (possibly edited) article ``text``, in place.

    Existing claims are never deleted nor re-scored away (a claim without a
    score gets one): each is re-anchored
    (its text updated, with a history event, when the article's wording
    changed), or kept and flagged with a history event when its text is gone.
    Proposals not covered by an existing claim become new claims.
    """
    report = MergeReport()
    at = utc_now()
    covered: list[tuple[int, int]] = []
    for claim in claims_file.claims:
        span = _reanchor(claim, text, at, report)
        if span is not None:
            covered.append(span)
        if claim.worthiness is None:
            # A claim added by hand has no score yet; giving it one re-scores nothing away.
            scored = worthiness.score(claim.text)
            claim.worthiness = Worthiness(scored.score, list(scored.reasons))
    slug = slug_of(claims_file.path.stem)
    for proposal in proposals:
        a = proposal.anchor
        if any(a.start < end and start < a.end for start, end in covered):
            continue  # a curated claim already covers (part of) this sentence
        claim = new_claim(proposal, make_id(slug, proposal.text, taken), at)
        claims_file.claims.append(claim)
        covered.append((a.start, a.end))
        report.added.append(claim.id)
    claims_file.article.sha256 = sha256(text)
    claims_file.article.path = _relative(article_path, claims_file.path)
    return report


def _reanchor(claim: Claim, text: str, at: str, report: MergeReport) -> tuple[int, int] | None:
    old = claim.anchor
    if old is None:
        old = _anchor_from_text(claim, text)
        if old is None:
            return None
    located = anchors.locate(old, text)
    if not located.found:
        why = AMBIGUOUS_WHY if located.status == "ambiguous" else LOST_WHY
        _note_event(claim, at, why)
        report.lost.append(claim.id)
        return None
    new = anchors.relocate(old, text, located)
    claim.anchor = new
    if located.status == "fuzzy" and new.exact != claim.text:
        before = claim.text
        claim.text = new.exact
        _note_event(claim, at, f"text changed in the article (match {located.confidence:.2f}); was: {before}")
        if claim.worthiness is not None:
            scored = worthiness.score(new.exact)
            claim.worthiness = Worthiness(scored.score, list(scored.reasons))
        report.changed.append(claim.id)
    elif located.status == "exact":
        report.kept.append(claim.id)
    else:
        report.moved.append(claim.id)
    assert new.start is not None
    return new.start, new.end


def _anchor_from_text(claim: Claim, text: str) -> Anchor | None:
    """An anchor for a claim that has none, when its text occurs exactly once in the article."""
    at = text.find(claim.text)
    if at == -1 or text.find(claim.text, at + 1) != -1:
        return None
    return anchors.make(text, at, at + len(claim.text))


def _note_event(claim: Claim, at: str, why: str) -> None:
    """Append an event that keeps the status, unless the last event already says the same."""
    last = claim.history[-1] if claim.history else None
    if last is not None and last.by == BY and last.why == why:
        return
    claim.history.append(Event(at, claim.status, claim.status, BY, why))


# --- running it -----------------------------------------------------------------


def claims_in(paths: Iterable[Path]) -> dict[str, str]:
    """Claim id -> claim text of every claims file at these paths (files or folders; missing ones skipped)."""
    from factcheck import store

    found: dict[str, str] = {}
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            continue
        for file_path in store.discover(path):
            key = file_path.resolve()
            if key in seen:
                continue
            seen.add(key)
            found.update((claim.id, claim.text) for claim in store.read(file_path).claims)
    return found


def ids_in_use(paths: Iterable[Path]) -> set[str]:
    """Every claim id in the claims files at these paths."""
    return set(claims_in(paths))


@dataclass
class Outcome:
    """What ``extract_into`` did to the claims file."""

    claims_file: ClaimsFile
    report: MergeReport
    created: bool
    written: bool


def extract_into(article_path: Path, output: Path, min_score: float, id_scopes: Iterable[Path]) -> Outcome:
    """Propose the article's claims and write them to ``output``, merging when it exists.

    The article is read and scored before the claims file is touched, so bad
    input leaves nothing written.  Ids avoid every id under ``id_scopes``.
    """
    from factcheck import store

    text = read_article(article_path)
    proposals = propose(text, min_score)
    if output.is_dir():
        raise InputError("is a folder; give the claims file to write, e.g. claims/article.json", display(output))
    if is_converted(article_path):
        # The claims annotate text: keep the page's text beside the claims file.
        article_path = output.with_suffix(".txt")
        if not article_path.exists() or article_path.read_text(encoding="utf-8") != text:
            store.atomic_write(article_path, text.encode("utf-8"))
    taken = ids_in_use([*id_scopes, output.parent])
    if not output.exists():
        claims_file = new_file(output, article_path, text, proposals, taken)
        report = MergeReport(added=[c.id for c in claims_file.claims])
        return Outcome(claims_file, report, True, store.write(claims_file))
    with store.locked(output):
        fresh = store.read(output)
        taken.update(c.id for c in fresh.claims)
        report = merge(fresh, text, article_path, proposals, taken)
        written = store.write(fresh)
    return Outcome(fresh, report, False, written)


def preview(
    article_path: Path, min_score: float, id_scopes: Iterable[Path], slug: str | None = None
) -> list[tuple[str, Proposal]]:
    """The proposals for an article with the ids they would get, without writing anything."""
    text = read_article(article_path)
    existing = claims_in(id_scopes)
    # A sentence already claimed shows the id it has; others the id they would get.
    by_text = {claim_text: claim_id for claim_id, claim_text in existing.items()}
    taken = set(existing)
    prefix = slug or slug_of(article_path.stem)
    return [(by_text.get(p.text) or make_id(prefix, p.text, taken), p) for p in propose(text, min_score)]
