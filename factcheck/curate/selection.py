"""Choosing the claims one curation command acts on: ids named, or every claim in a given state.

Every id is looked up before anything is written, so an unknown id (or one
in the wrong state) changes nothing; the chosen claims come grouped by
claims file, so that each file is read and written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.model.claims import Claim
from factcheck.model.errors import InputError, UsageError
from factcheck.model.vocab import Status
from factcheck.store.folder import Catalog, StoredFile
from factcheck.text import anchor, article


@dataclass(frozen=True)
class Selection:
    """Which claims: every unverified one (optionally only those scoring below ``below``), or every lost one."""

    unverified: bool = False
    below: float | None = None
    lost: bool = False

    @property
    def empty(self) -> bool:
        return not (self.unverified or self.lost)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _lost(stored: StoredFile) -> list[str]:
    """The file's claims that cannot be placed in its article (all of them when it cannot be read)."""
    path = stored.article_path()
    if path is None:
        return []
    try:
        text = article.read_text(path)
    except InputError:
        return [claim.id for claim in stored.claims]
    return [claim.id for claim in stored.claims if anchor.why_unplaced(claim.anchor, claim.text, text)]


def _matches(claim: Claim, selection: Selection) -> bool:
    if selection.unverified and claim.status != Status.UNVERIFIED:
        return False
    if selection.below is not None:
        score = claim.worthiness.score if claim.worthiness is not None else None
        return score is not None and score < selection.below
    return True


def choose(catalog: Catalog, ids: Sequence[str], selection: Selection) -> list[tuple[StoredFile, list[str]]]:
    """The claims to act on, by file in catalog order; UsageError when the choice is empty or unclear."""
    if ids and not selection.empty:
        raise UsageError("name claims or choose them by state, not both")
    if selection.below is not None and not selection.unverified:
        raise UsageError("--below chooses among unverified claims: give --all-unverified with it")
    if not ids and selection.empty:
        raise UsageError("name one or more claim ids, or choose them by state (see --help)")
    if ids:
        wanted = _unique(ids)
        found = [catalog.get(claim_id) for claim_id in wanted]  # an unknown id stops everything here
        by_file: dict[str, tuple[StoredFile, list[str]]] = {}
        for stored, claim in found:
            by_file.setdefault(stored.shown, (stored, []))[1].append(claim.id)
        return list(by_file.values())
    chosen = []
    for stored in catalog.files:
        lost = set(_lost(stored)) if selection.lost else None
        picked = [
            claim.id
            for claim in stored.claims
            if (lost is None or claim.id in lost) and (not selection.unverified or _matches(claim, selection))
        ]
        if picked:
            chosen.append((stored, picked))
    if not chosen:
        raise UsageError("no claim is in that state; nothing changed")
    return chosen


def chosen_aside(catalog: Catalog, ids: Sequence[str]) -> list[tuple[StoredFile, list[str]]]:
    """The set-aside claims named, by file; UsageError (nothing changed) when one is not set aside."""
    if not ids:
        raise UsageError("name one or more set-aside claim ids (factcheck rejected lists them)")
    by_file: dict[str, tuple[StoredFile, list[str]]] = {}
    for claim_id in _unique(ids):
        if claim_id not in catalog.aside:
            if claim_id in catalog.index:
                raise UsageError(f"claim {claim_id!r} is not set aside; nothing changed")
            catalog.get(claim_id)  # the unknown-id error, with the closest ids
        stored, _ = catalog.aside[claim_id]
        by_file.setdefault(stored.shown, (stored, []))[1].append(claim_id)
    return list(by_file.values())
