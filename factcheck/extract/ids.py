"""Claim ids: short, typable, made of two or three telling words of the claim, unique in the claims folder.

The telling words are its names, figures (years) and key nouns, rarest in
the article first; general words ("within", "fact", "said") never are.
``factcheck rename`` is how a person chooses another.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from itertools import permutations

from factcheck.text.clean import redact_urls

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
    # The same little words in Spanish, German, French and Russian (read in Latin letters, as ids are):
    # "Las tarifas subieron" is not "las-2026".
    # Those that are also English words or parts of names ("die", "son", "MIT", "Des Moines") are left out.
    + "el la los las lo del un una unos unas y o en por para con sobre que es fue "
    "der das dem ein eine einen einem einer und oder im vom zum zur von auf ist "
    "le les du une et ou au aux sur dans avec est sont "
    "i v s za k eto kak".split()
)
# Words too general to tell one claim from another, however rare in the article ("within-due" and
# "fact-feel" were ids once): what a claim is about is in its names, figures and key nouns instead.
_VAGUE = frozenset(
    "within without due despite though although already still even ever never now yet since until among "
    "across around toward towards upon per via rather quite almost nearly perhaps often well back away far "
    "fact facts feel feels felt thing things way ways lot lots kind sort part parts place case cases point "
    "points number numbers level levels side end time times day days week weeks month months year years "
    "today people person someone something anything everything nothing everyone anyone others another "
    "say saying tell told make makes made making take takes took taken get gets got give gives gave "
    "given know knows knew known think thinks thought come comes came see sees saw seen look looks looked "
    "want wants wanted use used uses using find found try tried leave left call called keep kept "
    "put puts seem seems seemed become became becomes let lets show shows showed shown turn turned "
    "good great big small high low large long little own old right few last first next early late "
    "important public able same different several various certain likely main major real true whole "
    "clear clearly many much least less according including include includes included based "
    "because whether either neither every latter former further order terms term area areas "
    "group groups matter issue issues them four five six seven eight nine ten eleven twelve twenty hundred "
    "hundreds thousand thousands dozen dozens half twice once go goes going gone went did does done doing".split()
)


# Letters that lose everything when their accents are stripped: a Cyrillic name or "Weiß" still makes an id.
_LATIN = str.maketrans(
    dict(zip("абвгдезийклмнопрстуфыэіґў", "abvgdeziyklmnoprstufyeigu", strict=True))
    | {"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": ""}
    | {"ю": "yu", "я": "ya", "ї": "yi", "є": "ye", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d"}
    | dict.fromkeys("‐‑‒–—―−", " ")  # dashes part words as "-" does ("Halvorsen–Ost" is two names)
)


def _ascii_words(text: str) -> list[str]:
    latin = text.lower().translate(_LATIN)
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded)


def _content(word: str) -> bool:
    # Of figures, only years read well in an id; "4-50" from "$4.50" does not.
    if word.isdigit():
        return len(word) == 4
    return word not in _STOP and word not in _VAGUE and len(word) > 2 and not word[0].isdigit()


def _weak(word: str) -> bool:
    """A manner or action word ("sharply", "approved", "rising"): it says less than a name, a figure or a noun."""
    return word.endswith(("ly", "ed", "ing")) and len(word) > 5


def word_counts(text: str) -> Counter[str]:
    """How often each content word occurs in an article: the common ones say least about one claim."""
    # Each distinct word is tested once, not each of its thousands of uses in a long article.
    counts = Counter(_ascii_words(text))
    return Counter({word: n for word, n in counts.items() if _content(word)})


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

    Names and figures come first, then key nouns, then other words (manner
    and action words last); within each, the words rarest in the article
    (``common`` counts them), so that claims about the same subject still get
    different ids.  The words keep the claim's order.  An id whose words are
    those of a taken id in another order ("2009-obama" beside "obama-2009")
    counts as taken: one more word tells them apart.  The id is added to
    ``taken``, so ids handed out in one run stay unique.
    """
    # A URL's user name and password are no telling words: an id is shown and written unredacted.
    text = redact_urls(text)
    content = list(dict.fromkeys(w for w in _ascii_words(text) if _content(w))) or ["claim"]
    counts = common or {}
    names = _names(text)

    def rank(i: int) -> tuple[int, int, int]:
        word = content[i]
        count = counts.get(word, 0)
        # A name the whole article is about (a country in every paragraph) tells claims apart no better than any word.
        if word in names and count <= RARE:
            tier = 0
        elif word.isdigit():
            tier = 1
        else:
            tier = 3 if _weak(word) or word in _MONTHS else 2
        return (tier, count, i)

    rarest = sorted(range(len(content)), key=rank)
    words = [i for i in rarest if not content[i].isdigit()]
    if words and words[0] not in rarest[:2]:
        # An id of years alone says nothing: the rarest word takes the second place.
        rarest.remove(words[0])
        rarest.insert(1, words[0])
    bases = ["-".join(content[i] for i in sorted(rarest[:n]))[: MAX_ID - 4].rstrip("-") for n in (2, 3, 4)]
    for base in dict.fromkeys(bases):
        if not _taken(base, taken):
            taken.add(base)
            return base
    candidate, n = bases[0], 2
    while candidate in taken:
        candidate, n = f"{bases[0]}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _taken(base: str, taken: set[str]) -> bool:
    """Whether ``base``, or its words in any other order, is a taken id."""
    words = base.split("-")
    if len(words) > 4:
        return base in taken
    return any("-".join(order) in taken for order in permutations(words))
