"""Finding a quote in a source's text, as a person would: exactly, else the passage most like it.

``locate`` looks for the needle

1. exactly, once both are normalised: case, runs of whitespace, curly and
   straight quotes, the many dashes, soft hyphens and zero-width characters
   are made alike -> score 100;
2. else fuzzily with rapidfuzz's partial ratio, which finds the stretch of
   the text most like the needle, then scores whole sentences around it
   (one to three) by their words -> score 0-100.

``passage_around`` gives the sentence (or sentences) around a match, as the
source wrote it.
"""

from __future__ import annotations

import bisect
import functools
import re

from rapidfuzz import fuzz, utils

from factcheck.text import segment

#: Longest passage kept, in characters; the match stays in the middle of it.
PASSAGE_CHARS = 400

# One character for one: the text keeps its length, so offsets survive.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
# Characters that matching does not see at all: soft hyphens and zero-width ones.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP = str.maketrans(dict.fromkeys(_INVISIBLE))
_SPACES = re.compile(r"\s+")
# Where the folded text gets shorter: a run of whitespace (one space stays) or of invisible characters.
# A lone whitespace character becomes one space and keeps its place, so it needs no entry in the map.
_SHRINK = re.compile(r"(\s\s+)|([" + _INVISIBLE + "]+)")


class Normalised:
    """A text folded for matching, with a map back to the original offsets.

    The folding is three passes in C (``translate``, ``lower``, one regex
    substitution); the map back, which a Python loop builds, is made only
    when an offset is first asked for, and has an entry only where the text
    shrinks, not at every run of whitespace.
    """

    def __init__(self, text: str) -> None:
        folded = text.translate(_FOLD)
        lowered = folded.lower()
        if len(lowered) == len(folded):  # a few characters grow when lowered; keep offsets right
            folded = lowered
        self._folded = folded
        # Whitespace runs are squeezed before invisible characters go, as a space on
        # each side of a soft hyphen stays two spaces (the runs are apart in the page).
        squeezed = _SPACES.sub(" ", folded)
        self.text = squeezed.translate(_DROP) if _has_invisible(squeezed) else squeezed
        self.original = text
        self._map: tuple[list[int], list[int]] | None = None

    def _offsets(self) -> tuple[list[int], list[int]]:
        """Where each stretch that keeps its length starts, in the normalised text and in the original."""
        if self._map is not None:
            return self._map
        starts = [0]
        origins = [0]
        at = 0  # the normalised offset of ``position``
        position = 0
        folded = self._folded
        for m in _SHRINK.finditer(folded):
            at += m.start() - position
            if m.group(1) is not None:
                at += 1  # the one space the run leaves
            position = m.end()
            if starts[-1] == at:
                origins[-1] = position  # the stretch before was empty: it never was one
            else:
                starts.append(at)
                origins.append(position)
        if len(starts) > 1 and starts[-1] >= len(self.text):
            # Only shrinking runs follow the last stretch: offsets past the end go on from the one before.
            starts.pop()
            origins.pop()
        self._map = (starts, origins)
        return self._map

    def origin(self, index: int) -> int:
        """The offset in the original text of normalised offset ``index``."""
        if not self.text:
            return 0
        starts, origins = self._offsets()
        k = max(bisect.bisect_right(starts, index) - 1, 0)
        return origins[k] + (index - starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised ``[start, end)``."""
        if end <= start:
            at = self.origin(start)
            return at, at
        return self.origin(start), self.origin(end - 1) + 1


def _has_invisible(text: str) -> bool:
    # Most pages have none: a few scans in C are cheaper than a translate that copies the text.
    return any(c in text for c in _INVISIBLE)


@functools.lru_cache(maxsize=4)
def normalised(text: str) -> Normalised:
    """``text`` folded for matching, made once for the few texts looked in last.

    Each source citing a page looks in the same text (and, failing that, the
    whole page): the folding and its map are made for the first and kept for
    the others.
    """
    return Normalised(text)


def normalise(text: str) -> str:
    """``text`` as matching sees it: folded quotes and dashes, lower case, single spaces."""
    return Normalised(text).text.strip()


def locate(needle: str, text: str) -> tuple[float, int, int, bool]:
    """The best place of ``needle`` in ``text``: (score 0-100, start, end in ``text``, exact?)."""
    # Quote marks or an ellipsis around a quote are the citer's, not the source's.
    wanted = normalise(needle).strip(" \"'.…")
    haystack = normalised(text)
    if not wanted or not haystack.text.strip():
        return 0.0, 0, 0, False
    at = haystack.text.find(wanted)
    if at >= 0:
        start, end = haystack.span(at, at + len(wanted))
        return 100.0, start, end, True
    match = fuzz.partial_ratio_alignment(wanted, haystack.text)
    if match is None:
        return 0.0, 0, 0, False
    # dest_* is the stretch of the text (the second string) that matched, widened to whole words: an
    # alignment may begin or end inside one ("e crossing" for "The crossing").
    start, end = haystack.span(match.dest_start, match.dest_end)
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    score, start, end = _best_window(wanted, text, start, end, float(match.score))
    return score, start, end, False


def _best_window(wanted: str, text: str, start: int, end: int, score: float) -> tuple[float, int, int]:
    """The sentence, or run of up to three, around a fuzzy match that best matches the needle.

    The character alignment that found the place can straddle two sentences
    and is thrown by commas and reworded joins; scoring whole sentences by
    their words (punctuation aside) rates a paraphrase fairly and gives a
    passage that is one sentence when one sentence says it.
    """
    spans = _sentences(text, start, end)
    needle = utils.default_process(wanted)
    best = (score, -(end - start), start, end)
    for i in range(len(spans)):
        for j in range(i, min(i + 3, len(spans))):
            a, b = spans[i][0], spans[j][1]
            window = utils.default_process(text[a:b])
            if len(window) >= len(needle):
                value = fuzz.partial_ratio(needle, window)
            else:
                # A window shorter than the needle must match all of it, not a part;
                # word order may differ ("has since grown" / "has grown ... since").
                value = max(fuzz.ratio(needle, window), fuzz.token_sort_ratio(needle, window))
            best = max(best, (value, -(b - a), a, b))
    return best[0], best[2], best[3]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the sentences overlapping ``[start, end)`` and one on each side."""
    lo, hi = max(0, start - PASSAGE_CHARS), min(len(text), end + PASSAGE_CHARS)
    cuts = [lo, *segment.sentence_ends(text, lo, hi), hi]
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            spans.append((a, b))
    inside = [k for k, (a, b) in enumerate(spans) if a < end and b > start]
    if not inside:
        return spans
    return spans[max(0, inside[0] - 1) : inside[-1] + 2]


def passage_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` holding ``[start, end)``, cut to about ``PASSAGE_CHARS`` characters."""
    before = segment.sentence_ends(text, max(0, start - PASSAGE_CHARS), start)
    left = before[-1] if before else 0
    after = segment.sentence_ends(text, max(end - 1, start), min(len(text), end + PASSAGE_CHARS))
    right = after[0] if after else min(len(text), end + PASSAGE_CHARS)
    left = max(left, start - PASSAGE_CHARS)
    left, right = _without_chrome(text, left, right, start, end)
    if right - left > PASSAGE_CHARS + (end - start):
        # Keep the match, and share what room is left on either side.
        room = max(0, PASSAGE_CHARS - (end - start)) // 2
        left, right = max(left, start - room), min(right, end + room)
    passage = " ".join(text[left:right].split())
    prefix = "…" if left > 0 and not _starts_sentence(text, left) else ""
    suffix = "…" if right < len(text) and right not in after and text[right - 1] not in ".!?" else ""
    return prefix + passage + suffix


_MENU_SEPARATORS = re.compile(r"\s[|·•»›/]\s|\s[|·•»›]$")
_FINAL = (".", "!", "?", '"', "”", "'", "’", ")", ":")


def is_chrome_line(line: str) -> bool:
    """Whether a line of a page is site furniture (a menu, a share bar, a by-line) rather than prose."""
    line = line.strip()
    if not line:
        return False
    if segment.is_chrome(line) or segment.is_end_marker(line):
        return True
    if line.endswith(_FINAL):
        return False
    words = line.split()
    if len(_MENU_SEPARATORS.findall(line)) >= 2:
        return True
    # A few capitalised words without a sentence's punctuation: a menu item or a label.
    return len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _without_chrome(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """The span ``[left, right)`` around a match, kept from running into the menu and footer lines around it."""
    line_start = text.rfind("\n", 0, start) + 1
    while left < line_start:
        previous = text.rfind("\n", 0, line_start - 1) + 1
        if is_chrome_line(text[previous : line_start - 1]):
            left = line_start
            break
        line_start = previous
    line_end = text.find("\n", end)
    while line_end != -1 and right > line_end:
        following = text.find("\n", line_end + 1)
        next_line = text[line_end + 1 : following if following != -1 else len(text)]
        if is_chrome_line(next_line):
            right = line_end
            break
        line_end = following
    return left, right


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\n\"'”’)" or text[at - 1] == "\n"
