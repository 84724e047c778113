"""Claim ids: short, typable, made of a few content words, unique in the claims folder."""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 64

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
