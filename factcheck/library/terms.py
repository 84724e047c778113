"""The words of a claim, a tweet or a passage, as the index and the ranking see them.

Claims come from articles, feeds and social media alike.  What carries
across those genres is the wording of the claim itself, so a post's
furniture is taken away before the words are counted: links, the
"— Name (@handle) date" signature an embedded post ends with, emoji; and a
#CamelCaseHashtag or @handle gives its words ("#DefundTheCBC" is "Defund
The CBC").
"""

from __future__ import annotations

import re
import unicodedata

from factcheck.text.segment import CAPITAL

# Links, including the bare pic.twitter.com ones a post carries.
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# The signature of an embedded post: "— Name (@handle) January 14, 2020", at its end (a post may quote another).
_SIGNATURE = re.compile(r"\s[—–-]{1,2}\s([^—–\n]{0,80})\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}")
_TAG = re.compile(r"([#@])(\w+)")
# Capitals and letters of any alphabet ("#ÖsterreichWählt" is "Österreich Wählt"); a letter without case is a small one.
_SMALL = rf"(?:(?!{CAPITAL})[^\W\d_])"
_CAMEL = re.compile(rf"{CAPITAL}+(?={CAPITAL}{_SMALL})|{CAPITAL}?{_SMALL}+|{CAPITAL}+|\d+")
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Capitalised words: names of people, places and organisations, roughly ("Ólafsdóttir", "Łukasz", "Москва").
# The capital comes first, then what may not come before it: a search that starts with a letter runs faster.
_NAME = re.compile(rf"\b{CAPITAL}(?<![.!?]\s.)(?<!^.)[^\W\d_]+(?:\s+{CAPITAL}[^\W\d_]+)*")

# Chinese and Japanese are written without spaces between words (Han ideographs, kana, the iteration
# marks): the index's tokenizer would take a whole run for one word, so a run is read as the overlapping
# pairs of its characters, as search engines' CJK analysers do; a pair in common is a likely word in common.
_HAN_KANA = "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
# Korean puts spaces between words, but a word carries its particles and endings ("서울에서", in Seoul):
# taken whole, "서울" would never meet "서울에서", so Hangul is read as pairs too (the jamo, the syllables,
# their compatibility and half-width forms).
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"
_CJK = re.compile(f"[{_HAN_KANA}{_HANGUL}]+")
# What schema 2 of the index read as pairs: the upgrade takes its entries out of the index with these words.
_CJK_2 = re.compile(f"[{_HAN_KANA}]+")
_HANGUL_RUN = re.compile(f"[{_HANGUL}]")


#: Words too common to say what a claim is about; the index is not asked for them.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is isn't it it's its itself just let me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that that's the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves rt amp via says said say just like get got one""".split()
)


def clean_post(text: str) -> str:
    """``text`` without links, a post's signature and emoji; hashtags and handles as words."""
    # Who posted it stays (a claim is often about what someone said); the handle and date go.
    text = _SIGNATURE.sub(lambda m: " " + m.group(1), text)
    text = _URL.sub(" ", text)
    text = _TAG.sub(lambda m: " " + " ".join(_CAMEL.findall(m.group(2))) + " ", text)
    # Emoji and other symbols carry no words; keep letters, digits, punctuation and spaces.
    kept = [ch if unicodedata.category(ch)[0] in "LNPZ" else " " for ch in text]
    return " ".join("".join(kept).split())


def _pairs(run: re.Match[str]) -> str:
    chars = run.group()
    pairs = [chars[i : i + 2] for i in range(len(chars) - 1)] or [chars]
    return " " + " ".join(pairs) + " "


def spaced(text: str | None) -> str | None:
    """``text`` as the index reads it: each run of Chinese, Japanese or Korean as its overlapping character pairs.

    Text without those scripts comes back as it is ("哈萨克斯坦" is "哈萨 萨克 克斯 斯坦").
    """
    return _spaced(text, _CJK)


def spaced_2(text: str | None) -> str | None:
    """``text`` as schema 2 of the index read it: Chinese and Japanese as pairs, Korean as it is."""
    return _spaced(text, _CJK_2)


def _spaced(text: str | None, runs: re.Pattern[str]) -> str | None:
    if text is None or text.isascii() or not runs.search(text):
        return text
    return runs.sub(_pairs, text)


def has_cjk(text: str | None) -> bool:
    """Whether ``text`` holds Chinese, Japanese or Korean, which ``spaced`` changes."""
    return text is not None and _CJK.search(text) is not None


def has_hangul(text: str | None) -> bool:
    """Whether ``text`` holds Korean, which ``spaced`` reads as pairs and schema 2 did not."""
    return text is not None and _HANGUL_RUN.search(text) is not None


def words(text: str) -> list[str]:
    """The lower-case words of ``text``, stopwords included, in order; Chinese, Japanese and Korean as ``spaced``."""
    return _WORD.findall((spaced(text.lower()) or "").replace("’", "'"))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about: no stopwords, no single letters; each once, in order."""
    return content(words(text))


def content(all_words: list[str]) -> list[str]:
    """``content_words`` of a text whose ``words`` are ``all_words``."""
    seen: dict[str, None] = {}
    for w in all_words:
        # One Han character ("税", tax) or Hangul syllable alone is a word, where one Latin letter is not.
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit() or _CJK.match(w)):
            seen.setdefault(w, None)
    return list(seen)


def numbers(text: str) -> set[str]:
    """The figures written in ``text``, without thousands separators ("1,000" is "1000")."""
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def names(text: str) -> set[str]:
    """The capitalised words of ``text`` that are not at the start of a sentence, lower-cased."""
    return {w for w in " ".join(_NAME.findall(text)).lower().split() if w not in STOPWORDS}


def fts_query(text: str, limit: int = 40) -> str | None:
    """An FTS5 query matching any of the content words of ``text``; None when it has none.

    Each word is quoted, so nothing in the text is read as FTS5 syntax.
    """
    chosen = content_words(text)[:limit]
    if not chosen:
        return None
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in chosen)
