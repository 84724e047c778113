"""The evidence for a claim in a source's text: where the quote is, how well it matched, how the facts compare.

``find`` looks for the source's quote (or, when it has none, the claim
itself) with ``text.match.locate``, takes the sentence(s) around the match
as the passage, and compares the claim's key facts with the passage's.  A
source supports its claim when the match reaches the threshold and no key
fact disagrees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.model.defaults import MATCH_THRESHOLD
from factcheck.text import facts as key_facts
from factcheck.text.match import locate, passage_around


@dataclass(frozen=True)
class Evidence:
    """Where the evidence was found, how well it matched, and how the key facts compare."""

    score: float  # 0-100
    passage: str  # the sentence(s) around the match, as the source has them
    exact: bool
    facts: tuple[tuple[key_facts.Fact, str, key_facts.Fact | None], ...]
    in_main_text: bool = True  # False when found only in the page's menus, footers, etc.

    @property
    def disagreements(self) -> list[tuple[key_facts.Fact, key_facts.Fact | None]]:
        return [(claimed, found) for claimed, result, found in self.facts if result == key_facts.DISAGREES]

    def found(self, threshold: float = MATCH_THRESHOLD) -> bool:
        """Whether the quote (or claim) was found: the score reaches the threshold."""
        return self.score >= threshold

    def supports(self, threshold: float = MATCH_THRESHOLD) -> bool:
        """Found, and no key fact of the claim disagrees with the passage."""
        return self.found(threshold) and not self.disagreements


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
    source_text, main = text, True
    if score < threshold and full_text is not None:
        whole = full_text() if callable(full_text) else full_text
        if whole and whole != text:
            other = locate(needle, whole)
            if other[0] > score:
                (score, start, end, exact), source_text, main = other, whole, False
    if score <= 0:
        return Evidence(0.0, "", False, tuple((f, key_facts.MISSING, None) for f in key_facts.extract(claim)), main)
    passage = passage_around(source_text, start, end)
    compared = key_facts.compare(key_facts.extract(claim), key_facts.extract(passage))
    return Evidence(round(score, 1), passage, exact, tuple(compared), main)
