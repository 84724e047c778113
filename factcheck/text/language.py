"""Which language an article is written in, as far as its letters and its commonest words tell.

The pages factcheck writes speak English around the article; the article's
own text is marked with its language, so that a screen reader reads a Russian
story with a Russian voice.  The alphabet decides where it belongs to one
language; among the languages written in Latin letters, the little words that
fill every sentence do, when one language has clearly more of them.
"""

from __future__ import annotations

import re
from collections import Counter

# An alphabet that names its language, as far as a news page goes.
_SCRIPTS = (
    ("ru", "\u0400", "\u04ff"),
    ("ar", "\u0600", "\u06ff"),
    ("he", "\u0590", "\u05ff"),
    ("el", "\u0370", "\u03ff"),
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORDS = {
    "en": "the of and to in is that for it was on with as by at from this be are have",
    "es": "el la de que y en los las del se por con una para es al lo su como más",
    "de": "der die das und ist nicht mit den von zu dem ein eine auf für sich des im",
    "fr": "le la les de et des est une un du pour dans que qui sur pas au avec ce",
}
# Each word that only one of them has ("de" and "la", which several have, tell nothing).
_SHARED = Counter(word for words in _WORDS.values() for word in words.split())
_LANGUAGE = {word: lang for lang, words in _WORDS.items() for word in words.split() if _SHARED[word] == 1}
_WORD = re.compile(r"[^\W\d_]+")


def guess(text: str) -> str | None:
    """The language's code ("en", "ru", "es", ...), or None when the text does not say clearly."""
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    if len(_KANA.findall(sample)) > len(letters) / 10:
        return "ja"
    if len(_HAN.findall(sample)) > len(letters) / 2:
        return "zh"
    for code, low, high in _SCRIPTS:
        if sum(low <= ch <= high for ch in letters) > len(letters) / 2:
            return "uk" if code == "ru" and any(ch in "іїєґІЇЄҐ" for ch in letters) else code
    counts = Counter(_LANGUAGE[word] for word in _WORD.findall(sample.lower()) if word in _LANGUAGE)
    (first, top), (_, second) = (counts.most_common(2) + [("", 0), ("", 0)])[:2]
    return first if top >= 3 and top >= 2 * second else None
