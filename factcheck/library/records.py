"""The library's entries: fact-checks already published, and passages of documents."""

from __future__ import annotations

import msgspec


class FactCheckEntry(msgspec.Struct, frozen=True, kw_only=True):
    """A claim with a published verdict: what was claimed, the rating, and where the fact-check is."""

    claim: str
    rating: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    claimant: str | None = None
    headline: str | None = None

    @property
    def key(self) -> str:
        """What makes two entries the same fact-check: its page and the claim it rates."""
        return f"{self.url or ''}\n{' '.join(self.claim.lower().split())}"


class Document(msgspec.Struct, frozen=True, kw_only=True):
    """A document cut into passages: where it is (a path or URL), its title and date."""

    location: str  # a resolved path or a URL: the document's identity in the library
    title: str | None = None
    url: str | None = None  # where it is published: a fetched page's URL, or the address a saved file names
    date: str | None = None
    passages: list[str] = msgspec.field(default_factory=list)


class Passage(msgspec.Struct, frozen=True, kw_only=True):
    """A few sentences of a document, as ``search`` returns them."""

    text: str
    title: str | None
    location: str
    url: str | None
    date: str | None
    position: int  # the passage's number in its document, from 0
