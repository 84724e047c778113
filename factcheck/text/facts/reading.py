"""The reader behind ``extract``: from each place a figure, a number word, an ordinal or a month
starts, it reads a date, a time of day or a quantity with its unit, range, bound and role,
and leaves out numbers that are part of a name ("Apollo 11", "COVID-19").
"""

from __future__ import annotations

import dataclasses
import re

from factcheck.text.segment import HAN

from .context import link_restatements
from .dating import DateReader
from .fact import Fact
from .patterns import (
    ANCHOR,
    DIGIT,
    FACT_WORDS,
    FRACTION_AFTER,
    HALF_A,
    HYPHEN_NAME,
    HYPHEN_NUMBER_WORD,
    LOWER_WORDS,
    MONTH_NAME,
    NUMBER_WORD_HYPHEN,
)
from .quantities import QuantityReader
from .vocabulary import (
    FRACTIONS,
    MONTH_NAMES,
    MONTHS,
    ORDINALS,
    SCALES,
    SMALL,
)

# An ordinal word that orders what the writer says, not what the world did: one that opens a sentence or a
# clause with a comma after it ("First, officials said ...", "and second, the fee ..."), and the idioms
# "at first", "first of all," "first off," and "first and foremost".  "The first death since 2015" is a rank.
_CLAUSE_START = re.compile(r"(?:,|\band|\bbut)\s+$", re.IGNORECASE)
_IDIOM_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_IDIOM_AFTER = re.compile(r"\s+(?:of\s+all\s*,|off\s*,|and\s+foremost\b)", re.IGNORECASE)


def extract(text: str) -> list[Fact]:
    """All key facts of ``text``, in order, none overlapping another.

    Figures are read in the forms of other scripts too: full-width ("３８．２", "３０％"), with Arabic's
    separators and percent sign ("٥٠٫٩٪"), and glued to Chinese or Japanese words, with their dates
    ("2024年8月29日") and their scales ("25万" is 250,000; "10.3亿" 1.03 billion).
    """
    if (
        not DIGIT.search(text)
        and FACT_WORDS.isdisjoint(LOWER_WORDS.findall(text.lower()))
        and not MONTH_NAME.search(text)
    ):
        return []  # the common case in prose
    read, starts, ends = _legible(text)
    facts = Reader(read).facts()
    if facts:
        link_restatements(read, facts)
    if read is text:
        return facts
    return [
        dataclasses.replace(
            f, text=text[starts[f.start] : ends[f.end - 1]], start=starts[f.start], end=ends[f.end - 1], source=text
        )
        for f in facts
    ]


# The signs the reader reads as ASCII writes them: full-width forms, the ideographic space, Arabic's decimal and
# thousands separators and percent sign.
_ASCII = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "٫": ".", "٬": ",", "٪": "%"}
)
_OTHER_SIGNS = re.compile(r"[\uff01-\uff5e\u3000\u066a-\u066c]")
# A Chinese or Japanese date, year, month and day or some of them; a scale after a figure, which the reader
# knows (``MULTIPLIERS``); and any other run of Chinese or Japanese, read as the space those scripts do not write.
_HAN_WORDS = re.compile(
    rf"(?<!\d)(?:(?P<y>\d{{4}})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?|(?<!\d)(?P<year>\d{{4}})年"
    rf"|(?<=\d)(?:万亿|[万萬亿億兆])|[{HAN}]+"
)
_HAN_TEXT = re.compile(f"[{HAN}]")


def _legible(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` as the reader reads it, and where each of its characters starts and ends in ``text``.

    The text itself (and no offsets) when it holds nothing to rewrite: English prose, and Arabic or
    Hindi with the digits Python reads as digits ("١٢٣", "१२३").
    """
    wide = _OTHER_SIGNS.search(text)
    if wide is None and not _HAN_TEXT.search(text):
        return text, [], []
    flat = text.translate(_ASCII) if wide else text
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for m in _HAN_WORDS.finditer(flat):
        pieces.append(flat[at : m.start()])
        starts.extend(range(at, m.start()))
        ends.extend(range(at + 1, m.start() + 1))
        month = m.group("m")
        if month:
            name = MONTH_NAMES[int(month) - 1].capitalize()
            year, day = m.group("y"), m.group("d")
            said = f"{day} {name}" if day else f"in {name}"
            # The date's end is marked, so that a figure after it is not read as its day or year: "8月1か月".
            said = f" {said} {year}; " if year else f" {said}; "
        elif m.group("year"):
            said = f" {m.group('year')}; "
        elif m.group()[0] in "万萬亿億兆":
            said = m.group() + " "  # a space after the scale: it is a word of its own
        else:
            said = " "
        pieces.append(said)
        starts.extend([m.start()] * len(said))
        ends.extend([m.end()] * len(said))
        at = m.end()
    pieces.append(flat[at:])
    starts.extend(range(at, len(flat)))
    ends.extend(range(at + 1, len(flat) + 1))
    return "".join(pieces), starts, ends


class Reader(QuantityReader, DateReader):
    """Reads the facts of one text, left to right, from each place a number or month starts."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.found: list[Fact] = []

    def facts(self) -> list[Fact]:
        text = self.text
        pos = 0
        while True:
            m = ANCHOR.search(text, pos)
            if m is None:
                break
            made: list[Fact] = []
            word = m.group("w")
            if word is None:
                made = self.at_figure(m.start())
            else:
                low = word.lower()
                if low in SMALL or low in SCALES:
                    made = self.at_words(m.start(), m.end())
                elif low in FRACTIONS and low not in ORDINALS:
                    made = self.at_fraction(m.start(), m.end())
                elif low in MONTHS:
                    made = self.at_month(m.start())
                else:
                    made = self.at_ordinal_word(m.start(), m.end())
            if made:
                self.found.extend(made)
                pos = max(m.end(), made[-1].end)
            else:
                pos = m.end()
                if word is None:  # skip the rest of a figure that made nothing ("Apollo 11", "CO2")
                    while pos < len(text) and (
                        text[pos].isdigit() or (text[pos] in ".," and text[pos + 1 : pos + 2].isdigit())
                    ):
                        pos += 1
        return self.found

    def at_figure(self, at: int) -> list[Fact]:
        text = self.text
        if at >= 2 and text[at - 1] == "." and text[at - 2].isdigit():
            return []  # the decimals of a figure that was part of a name: "PM2.5", "version 3.2.1"
        # A figure glued to a letter and a hyphen is part of a name: "COVID-19", "Chandrayaan-3",
        # unless the word is "mid", "early", "pre" ... ("mid-1970s", "pre-2000").
        hyphen = HYPHEN_NAME.search(self.before(at, 20)) if at and text[at - 1] in "-‐‑" else None
        if hyphen and hyphen.group("w").lower() not in ("mid", "early", "late", "pre", "post", "circa", "c"):
            return []
        for reader in (self.iso_date, self.dmy_date, self.clock, self.year, self.tally):
            fact = reader(at)
            if fact is not None:
                return [fact]
        return self.quantity(at)

    def at_words(self, at: int, end: int) -> list[Fact]:
        word = self.text[at:end].lower()
        fraction = FRACTION_AFTER.match(self.text, end)
        if fraction and word in ("a", "an", "one", "two", "three"):
            return self.at_fraction(fraction.start("f"), fraction.end("f"))
        # A capitalised number word inside a sentence is part of a name: "the Three Gorges Dam".
        if self.text[at].isupper() and not self.at_sentence_start(at):
            return []
        if word in SCALES and not re.search(r"\b(?:a|an|one)\s+$", self.before(at, 5), re.IGNORECASE):
            return []
        # Number words joined by a hyphen that do not make one number are a compound, not a
        # count: "a one-two punch", "fifty-fifty".
        if NUMBER_WORD_HYPHEN.search(self.before(at, 12)):
            return []
        tally = self.tally(at)
        if tally is not None:
            return [tally]
        made = self.quantity(at)
        if made and made[0].kind == "number" and HYPHEN_NUMBER_WORD.match(self.text, made[0].end):
            return []
        return made

    def at_fraction(self, at: int, end: int) -> list[Fact]:
        """ "two-thirds of", "a third of", "half of", "one quarter of": a share, as a percent."""
        text = self.text
        word = text[at:end].lower()
        count = 1.0
        start = at
        lead = re.search(r"\b(?P<n>a|an|one|two|three)[\s-]+$", self.before(at, 8), re.IGNORECASE)
        if lead:
            count = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}[lead.group("n").lower()]
            start = at - (len(self.before(at, 8)) - lead.start("n"))
        elif word != "half":
            return []
        article = HALF_A.match(text, end)
        if word == "half" and not lead and article:
            # "half an hour", "half a degree"
            kind, unit, stop = self.unit(article.end() - 1, None, 0.5)
            if kind in ("duration", "measure"):
                return [self.make(kind, at, stop, 0.5, unit=unit, precision=0.5)]
        if not re.match(r"\s+of\b", text[end:]):
            return []
        if word in ("third", "thirds", "quarter", "quarters") and not lead:
            return []
        value = count * FRACTIONS[word]
        bound = self.approx_before(start)
        change = self.is_change(start)
        return [self.make("percent", start, end, round(value, 6), precision=1.0, bound=bound or "~", change=change)]

    def at_ordinal_word(self, at: int, end: int) -> list[Fact]:
        text = self.text
        word = text[at:end].lower()
        if word in FRACTIONS:
            fraction = self.at_fraction(at, end)
            if fraction:
                return fraction
        if text[at].isupper() and not self.at_sentence_start(at):
            return []  # "the Second World War" is a name
        if text[end : end + 1] == "," and (self.at_sentence_start(at) or _CLAUSE_START.search(self.before(at, 6))):
            return []  # "First, officials said ...", "and second, the fee ...": the order of a telling, no rank
        if _IDIOM_BEFORE.search(self.before(at, 4)) or _IDIOM_AFTER.match(text, end):
            return []  # "at first", "first of all", "first and foremost": no rank of anything
        if word == "second":
            # "a second", "per second", "ten seconds": a unit, not a rank
            if re.search(r"(?:\b(?:a|per|one|each|every|split|half)|\d)\s+$", self.before(at, 8), re.IGNORECASE):
                return []
        value = ORDINALS.get(word)
        if value is None:  # twenty-first ...
            first, _, second = word.partition("-")
            value = SMALL[first] + ORDINALS[second]
        return [self.rank(at, end, float(value))]
