"""The sentences a person set aside (rejected or retired), recognised again after a small edit.

A rejection must outlive a corrected typo or a changed quotation mark: a
desk that rejected "The bridge is a triumph of engneering." does not want
"The bridge is a triumph of engineering." back.  A sentence whose figures
changed is another statement, though, however alike its words: "40 homes"
rejected says nothing about "45 homes".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: How alike (rapidfuzz ratio, 0-100) a sentence must be to a set-aside one to count as the same, edited.
ALIKE = 90

_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _figures(text: str) -> tuple[str, ...]:
    return tuple(_FIGURES.findall(text))


class Refused:
    """Set-aside sentences, asked "is this one of them, give or take a small edit?"."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.exact = {_normal(t) for t in texts}
        self._by_figures: dict[tuple[str, ...], list[str]] | None = None

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str) or not self.exact:
            return False
        normal = _normal(text)
        if normal in self.exact:
            return True
        # Only sentences with the same figures can be the same statement; they are few.
        alike = self._grouped().get(_figures(normal))
        if not alike:
            return False
        from rapidfuzz import fuzz, process  # loaded only when a new sentence may be a rejected one edited

        return process.extractOne(normal, alike, scorer=fuzz.ratio, score_cutoff=ALIKE) is not None

    def _grouped(self) -> dict[tuple[str, ...], list[str]]:
        if self._by_figures is None:
            self._by_figures = {}
            for text in self.exact:
                self._by_figures.setdefault(_figures(text), []).append(text)
        return self._by_figures
