"""The data: claims files, claims, sources, checks and history events.

The JSON shape is defined by ``claims.schema.json``; this module maps it to
dataclasses and back.  ``to_dict`` fixes the key order, which is what makes a
saved file byte-for-byte stable.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

# Every status, in the order reports show them, with the one-line meaning the
# README repeats.  Automated checks may only move a claim between AUTOMATIC
# statuses; the others are a person's verdict and are never overwritten.
STATUSES: dict[str, str] = {
    "unverified": "nobody has checked it yet",
    "verified": "the cited evidence supports it",
    "mixed": "partly right, partly wrong",
    "misleading": "accurate in its parts but gives a false impression",
    "false": "the evidence contradicts it",
    "unsupported": "no evidence was found, or the evidence is gone",
    "opinion": "not a checkable statement of fact",
}
# How a source bears on its claim; only supporting sources can verify it.
STANCES = ("supports", "contradicts", "context")
AUTOMATIC_STATUSES = frozenset({"unverified", "verified", "unsupported"})
VERDICT_STATUSES = frozenset(STATUSES) - AUTOMATIC_STATUSES

STATUS_STYLES: dict[str, str] = {
    "unverified": "bright_black",
    "verified": "green",
    "mixed": "yellow",
    "misleading": "dark_orange",
    "false": "red",
    "unsupported": "magenta",
    "opinion": "cyan",
}


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with seconds, e.g. ``2026-11-27T22:00:00Z``."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class Anchor:
    """Where the claim sits in the article: an exact quote with context, and offsets."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Worthiness:
    """How check-worthy a statement is, in [0, 1], and why."""

    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "reasons": list(self.reasons)}


@dataclass(slots=True)
class FactCheck:
    """One key fact of the claim compared with the evidence."""

    fact: str
    result: str  # "agrees" | "disagrees" | "missing"
    found: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "result": self.result, "found": self.found}


@dataclass(slots=True)
class LastCheck:
    """The result of the last time a source was fetched and its evidence looked for."""

    at: str
    outcome: str
    http_status: int | None = None
    final_url: str | None = None
    content_hash: str | None = None
    score: float | None = None
    passage: str | None = None
    facts: list[FactCheck] = field(default_factory=list)
    error: str | None = None
    failures: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "outcome": self.outcome,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "content_hash": self.content_hash,
            "score": self.score,
            "passage": self.passage,
            "facts": [f.to_dict() for f in self.facts],
            "error": self.error,
            "failures": self.failures,
        }


@dataclass(slots=True)
class Source:
    """A cited source and the evidence quote as it appears there."""

    url: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    quote: str | None = None
    stance: str = "supports"
    last_check: LastCheck | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "quote": self.quote,
            "stance": self.stance,
            "last_check": self.last_check.to_dict() if self.last_check else None,
        }


@dataclass(slots=True)
class Event:
    """A status change.  History is append-only."""

    at: str
    from_status: str | None
    to_status: str
    by: str
    why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "from": self.from_status,
            "to": self.to_status,
            "by": self.by,
            "why": self.why,
        }


@dataclass(slots=True)
class Claim:
    """One check-worthy statement of the article, its verdict and its evidence."""

    id: str
    text: str
    status: str = "unverified"
    note: str | None = None
    worthiness: Worthiness | None = None
    anchor: Anchor | None = None
    sources: list[Source] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)

    @property
    def is_sourced(self) -> bool:
        return bool(self.sources)

    def set_status(self, status: str, by: str, why: str | None, at: str | None = None) -> bool:
        """Move to ``status`` and record the event; False when the status is already that."""
        if status == self.status:
            return False
        self.history.append(Event(at or utc_now(), self.status, status, by, why))
        self.status = status
        return True

    def find_source(self, url: str) -> Source | None:
        for source in self.sources:
            if source.url == url:
                return source
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "note": self.note,
            "worthiness": self.worthiness.to_dict() if self.worthiness else None,
            "anchor": self.anchor.to_dict() if self.anchor else None,
            "sources": [s.to_dict() for s in self.sources],
            "history": [e.to_dict() for e in self.history],
        }


@dataclass(slots=True)
class Article:
    """The article a claims file annotates; ``path`` is relative to the claims file."""

    title: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
            "path": self.path,
            "sha256": self.sha256,
        }


@dataclass(slots=True)
class ClaimsFile:
    """One article's claims, as stored in one JSON file."""

    path: Path
    article: Article
    claims: list[Claim] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "article": self.article.to_dict(),
            "claims": [c.to_dict() for c in self.claims],
        }

    def get(self, claim_id: str) -> Claim | None:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None

    def article_path(self) -> Path | None:
        """The article text's location on disk, or None when the file names none."""
        if not self.article.path:
            return None
        return self.path.parent / self.article.path


# --- reading validated dicts -------------------------------------------------
# These trust their input: the store validates against the schema first.


def _last_check(d: dict[str, Any] | None) -> LastCheck | None:
    if d is None:
        return None
    return LastCheck(
        d["at"],
        d["outcome"],
        d.get("http_status"),
        d.get("final_url"),
        d.get("content_hash"),
        d.get("score"),
        d.get("passage"),
        [FactCheck(f["fact"], f["result"], f.get("found")) for f in d.get("facts", ())],
        d.get("error"),
        d.get("failures", 0),
    )


def claim_from_dict(d: dict[str, Any]) -> Claim:
    """Build a Claim from its (validated) JSON object."""
    worthiness = d.get("worthiness")
    anchor = d.get("anchor")
    return Claim(
        d["id"],
        d["text"],
        d["status"],
        d.get("note"),
        Worthiness(worthiness["score"], list(worthiness.get("reasons", ()))) if worthiness else None,
        Anchor(anchor["exact"], anchor["prefix"], anchor["suffix"], anchor["start"], anchor["end"]) if anchor else None,
        [
            Source(
                s["url"],
                s.get("title"),
                s.get("publisher"),
                s.get("date"),
                s.get("quote"),
                s.get("stance", "supports"),
                _last_check(s.get("last_check")),
            )
            for s in d.get("sources", ())
        ],
        [Event(e["at"], e.get("from"), e["to"], e["by"], e.get("why")) for e in d.get("history", ())],
    )


def claims_file_from_dict(path: Path, d: dict[str, Any]) -> ClaimsFile:
    """Build a ClaimsFile from its (validated) JSON document."""
    a = d["article"]
    article = Article(
        a["title"],
        a.get("author"),
        a.get("publisher"),
        a.get("date"),
        a.get("url"),
        a.get("path"),
        a.get("sha256"),
    )
    return ClaimsFile(path, article, [claim_from_dict(c) for c in d["claims"]], d["schema_version"])
