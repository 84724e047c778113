"""Claim ids: short, typable, made of two or three telling words of the claim, unique in the claims folder."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

MAX_ID = 64
#: A name used at most this often in the article is telling enough to lead a claim's id.
RARE = 3

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


def _content(word: str) -> bool:
    # Of figures, only years read well in an id; "4-50" from "$4.50" does not.
    if word.isdigit():
        return len(word) == 4
    return word not in _STOP and len(word) > 2 and not word[0].isdigit()


def word_counts(text: str) -> Counter[str]:
    """How often each content word occurs in an article: the common ones say least about one claim."""
    return Counter(w for w in _ascii_words(text) if _content(w))


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _names(text: str) -> set[str]:
    """The words of ``text`` written as names or figures: capitalised after its first word, or numbers."""
    found = set()
    for index, token in enumerate(re.findall(r"[^\W_]+", text)):
        if token[:1].isdigit() or (index > 0 and token[:1].isupper()):
            found.update(_ascii_words(token))
    return found - _MONTHS


def make_id(text: str, taken: set[str], common: Mapping[str, int] | None = None) -> str:
    """A short, typable id of two (else three) telling words of ``text``, not in ``taken``.

    Names and figures come first, then other words; within each, the words
    rarest in the article (``common`` counts them), so that claims about the
    same subject still get different ids.  The words keep the claim's order.
    The id is added to ``taken``, so ids handed out in one run stay unique.
    """
    content = list(dict.fromkeys(w for w in _ascii_words(text) if _content(w))) or ["claim"]
    counts = common or {}
    names = _names(text)

    def rank(i: int) -> tuple[bool, int, int]:
        word = content[i]
        count = counts.get(word, 0)
        # A name the whole article is about (a country in every paragraph) tells claims apart no better than any word.
        return (not (word in names and count <= RARE), count, i)

    rarest = sorted(range(len(content)), key=rank)
    words = [i for i in rarest if not content[i].isdigit()]
    if words and words[0] not in rarest[:2]:
        # An id of years alone says nothing: the rarest word takes the second place.
        rarest.remove(words[0])
        rarest.insert(1, words[0])
    bases = ["-".join(content[i] for i in sorted(rarest[:n]))[: MAX_ID - 4].rstrip("-") for n in (2, 3)]
    for base in bases:
        if base not in taken:
            taken.add(base)
            return base
    candidate, n = bases[0], 2
    while candidate in taken:
        candidate, n = f"{bases[0]}-{n}", n + 1
    taken.add(candidate)
    return candidate
