"""Every place a string occurs in a text, found without reading the whole text when many strings are looked for.

Re-anchoring the claims of an edited article asks, for each claim, where
its quote now occurs, and it must know of *every* occurrence: one quote
found twice is ambiguous, not found.  Scanning the text once per claim makes
re-anchoring quadratic in the article's size.  ``TextIndex`` instead keeps
where the text's ``GRAM``-character pieces that start a word (just after a
space) are, built once per text (one entry a word).  An occurrence of a string holds, at each of the string's own word starts,
one of those pieces, so looking up the string's rarest piece finds every
occurrence, and each candidate is checked against the text.  The answer is
exactly what a scan gives; strings with no whole piece after a space, and
strings made of pieces so common that the index would not save work, are
scanned.
"""

from __future__ import annotations

from itertools import accumulate, islice

#: Length of the indexed pieces.
GRAM = 12
#: The shortest string the index can look up: a space, then a whole piece.
SHORTEST = GRAM + 1
#: A scan reads about this many characters in the time it takes to check one candidate offset.
SCAN_COST = 64


def scan(needle: str, text: str, limit: int) -> list[int]:
    """The start offsets of the first ``limit`` occurrences of ``needle`` in ``text``, overlapping ones included."""
    found: list[int] = []
    at = text.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _word_starts(text: str) -> accumulate[int]:
    """The offsets just after each space of ``text``."""
    return accumulate(len(part) + 1 for part in text.split(" ")[:-1])


class TextIndex:
    """A text prepared for looking up many strings in it; the index is built on the first lookup that can use it.

    ``TextIndex(text, indexed=False)`` only scans: for a string or two,
    building the index would cost more than it saves.
    """

    def __init__(self, text: str, indexed: bool = True) -> None:
        self.text = text
        self.indexed = indexed
        # Hash of a piece -> where it starts: one offset, or a list when it repeats.
        # Hashes keep the index small; a collision only adds a candidate that the check rejects.
        self._pieces: dict[int, int | list[int]] | None = None

    def occurrences(self, needle: str, limit: int) -> list[int]:
        """The same offsets as ``scan(needle, self.text, limit)``."""
        candidates = self._candidates(needle) if self.indexed and len(needle) >= SHORTEST else None
        if candidates is None:
            return scan(needle, self.text, limit)
        # The candidates come in the text's order, so checking them stops at the limit, as a scan does.
        text = self.text
        return list(islice((at for at in candidates if at >= 0 and text.startswith(needle, at)), limit))

    def _candidates(self, needle: str) -> list[int] | None:
        """Offsets where ``needle`` may start, in order, a superset of where it does; None when a scan is cheaper."""
        pieces = self._index()
        # An occurrence starting at j holds an indexed piece at j + r for every word start r of the
        # needle that leaves a whole piece: the rarest of them lists every such j.
        rarest: list[int] | None = None
        shift = 0
        for offset in _word_starts(needle):
            if offset + GRAM > len(needle):
                break
            starts = pieces.get(hash(needle[offset : offset + GRAM]))
            if starts is None:
                return []  # a piece absent from the text: the needle is too
            if isinstance(starts, int):
                starts = [starts]
            if rarest is None or len(starts) < len(rarest):
                rarest, shift = starts, offset
                if len(starts) == 1:
                    break  # as rare as a piece gets
        if rarest is None or len(rarest) * SCAN_COST > len(self.text):
            return None  # no whole piece, or pieces so common (or a text so short) that checking them would be slower
        return [at - shift for at in rarest]

    def _index(self) -> dict[int, int | list[int]]:
        if self._pieces is None:
            text = self.text
            pieces: dict[int, int | list[int]] = {}
            last = len(text) - GRAM
            for at in _word_starts(text):
                if at > last:
                    break
                key = hash(text[at : at + GRAM])
                starts = pieces.get(key)
                if starts is None:
                    pieces[key] = at
                elif isinstance(starts, int):
                    pieces[key] = [starts, at]
                else:
                    starts.append(at)
            self._pieces = pieces
        return self._pieces
