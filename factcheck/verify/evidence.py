"""The evidence for a claim in a source's text: where the quote is, how well it matched, how the facts compare.

``find`` looks for the source's quote (or, when it has none, the claim
itself) with ``text.match.locate``, takes the sentence(s) around the match
as the passage, and compares the claim's key facts with the passage's.  A
source supports its claim when the match reaches the threshold and the
passage states every key fact of the claim; it conflicts with it when a key
fact disagrees; and when the passage is there but leaves a key fact unstated
(or only allows it: "by 2040" for 2013), it confirms nothing either way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import msgspec

from factcheck.model.defaults import MATCH_THRESHOLD
from factcheck.model.vocab import FactResult
from factcheck.text import facts as key_facts
from factcheck.text.match import locate, passage_around


class Compared(msgspec.Struct, frozen=True, array_like=True):
    """One key fact of the claim, how it compares, and the passage's fact it was paired with."""

    fact: str  # as the claim writes it
    result: FactResult
    found: str | None  # as the source writes it


class Evidence(msgspec.Struct, frozen=True):
    """Where the evidence was found, how well it matched, and how the key facts compare."""

    score: float  # 0-100
    passage: str  # the sentence(s) around the match, as the source has them
    exact: bool
    facts: tuple[Compared, ...]

    @property
    def disagreements(self) -> list[Compared]:
        return [c for c in self.facts if c.result == key_facts.DISAGREES]

    def found(self, threshold: float = MATCH_THRESHOLD) -> bool:
        """Whether the quote (or claim) was found: the score reaches the threshold."""
        return self.score >= threshold

    def supports(self, threshold: float = MATCH_THRESHOLD) -> bool:
        """Found, and the passage states every key fact of the claim."""
        return self.found(threshold) and all(c.result == key_facts.AGREES for c in self.facts)


def find(
    claim: str,
    quote: str | None,
    text: str,
    full_text: str | Callable[[], str] | None = None,
    threshold: float = MATCH_THRESHOLD,
) -> Evidence:
    """The evidence for ``claim`` in ``text``: its quote if it has one, else the claim itself.

    When it is not found in ``text`` (the main text) and ``full_text`` (the
    whole page, or a function that makes it) is given, that is searched too.
    """
    needle = quote if quote and quote.strip() else claim
    score, start, end, exact = locate(needle, text)
    source_text = text
    if score < threshold and full_text is not None:
        whole = full_text() if callable(full_text) else full_text
        if whole and whole != text:
            other = locate(needle, whole)
            if other[0] > score:
                (score, start, end, exact), source_text = other, whole
    claim_facts = _claim_facts(claim)
    if score <= 0:
        return Evidence(0.0, "", False, tuple(Compared(f.text, key_facts.MISSING, None) for f in claim_facts))
    passage = passage_around(source_text, start, end)
    pairs = key_facts.align(claim, claim_facts, passage, key_facts.extract(passage))
    compared = tuple(Compared(p.claim.text, p.result, _as_found(p)) for p in pairs)
    return Evidence(round(score, 1), passage, exact, compared)


@functools.lru_cache(maxsize=256)
def _claim_facts(claim: str) -> tuple[key_facts.Fact, ...]:
    """The key facts of a claim (a rank is read, never asked for), read once for all its sources.

    The words around each fact are worked out on the first comparison and kept
    on the fact; they depend on the claim alone, so later sources reuse them.
    """
    return tuple(f for f in key_facts.extract(claim) if f.is_key)


def _as_found(pair: key_facts.Pairing) -> str | None:
    """The passage's fact as the source writes it; when it only allows the claim's, with the
    word that makes it looser ("by 2040", "more than 300 ppm")."""
    if pair.found is None:
        return None
    return pair.found.qualified() if pair.result == key_facts.VAGUER else pair.found.text
