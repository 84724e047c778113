"""The regular expressions the reader matches: where a fact may start, and the figures, words,
units and dates at and around it, built from the vocabulary (word lists as tries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.text.segment import CAPITAL

from .vocabulary import (
    APPROX_AFTER,
    CODES,
    CURRENCY_WORDS,
    FRACTIONS,
    MONTH_NAMES,
    MONTHS,
    MONTHS_ABROAD,
    MONTHS_ARABIC_HINDI,
    MULTIPLIERS,
    MULTIPLIERS_ABROAD,
    NAME_SUFFIXES,
    ORDINALS,
    SCALES,
    SMALL,
    SYMBOLS,
    TALLY_AFTER,
    TIME_UNITS,
    UNIT_NAMES,
    UNIT_SYMBOLS,
)


def _alternation(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, as a trie ("m(?:ile(?:s)?|m)"), which the regex
    engine tries far faster than a flat list; longer words win, as the optional parts are greedy.
    A space in a word stands for any run of spaces."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_I = re.IGNORECASE
_NUMBER_WORD = _alternation(list(SMALL) + list(SCALES))
_FRACTION_WORD = _alternation(FRACTIONS)
_MONTH = _alternation(MONTHS)
# Any text with a key fact has a digit or one of these words; most prose has neither.
DIGIT = re.compile(r"\d")
LOWER_WORDS = re.compile(r"[a-z]+")
FACT_WORDS = frozenset(SMALL) | frozenset(SCALES) | frozenset(ORDINALS) | frozenset(FRACTIONS)
# Where a fact may start: a figure not glued to a letter or digit before it, or a word above.
ANCHOR = re.compile(
    rf"(?P<num>(?<![^\W_])\d)|\b(?P<w>{_alternation(list(FACT_WORDS) + list(MONTHS) + ['twenty-first', 'twenty-second', 'twenty-third'])})\b",
    _I,
)
# A figure as English writes it ("1,234.5"), or as most of Europe does where that cannot be English: dots
# between thousands, more than one or with a decimal comma ("3.460.491", "1.234,5"); no-break spaces between
# them ("13 274 285"); a decimal comma before one or two digits ("27,5", "9,75": English groups by three).
FIG = re.compile(
    r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?!\.?\d)|\d{1,3}(?:\.\d{3})+,\d+"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"
    r"|\d+,\d{1,2}(?![\d,])"
    r"|(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
)
# A figure's power of ten as science writes it, read after the figure: "2.3 × 10⁶", "2.3×10^6", "4.5 x 10**12",
# "1.5e6", "1.2E-3"; the power alone ("⁶", "^6") is read after a bare 10: "10⁶", "10^-3".
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
POWER = re.compile(
    rf"(?P<times>\s?[×xX·⋅]\s?10)?(?:(?:\^|\*\*)(?P<e>[-+−]?\d{{1,3}})(?!\d)|(?P<s>[⁻⁺]?[{_SUPERSCRIPTS}]{{1,3}}))"
    r"|[eE](?P<g>[-+−]?\d{1,3})(?![^\W_])"
)
# Superscript digits and signs as the ones ``int`` reads.
SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS + "⁻⁺−", "0123456789-+-")
# A figure written "2.400" is 2400 in a text that writes figures as much of Europe does: one that holds a figure
# only Europe writes (a decimal comma, dots between thousands) or a scale word of another language after a figure
# ("2.400 millones", "18.300 Mio."); elsewhere it is the decimal English writes ("1.234", "1.234 million").
THOUSANDS_DOT = re.compile(r"\d{1,3}\.\d{3}")
EUROPEAN = re.compile(
    rf"\d,\d{{1,2}}(?![\d,])|\d\.\d{{3}}(?:\.\d{{3}}|,\d)|\d\s*(?:{_alternation(MULTIPLIERS_ABROAD)})\b", _I
)
# At most 40 words, more than the longest number written in words: read from each word of a long run of
# number words ("one one one ..."), the whole run would be read again each time.
WORDNUM = re.compile(rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD})){{0,39}}\b", _I)
# Number words joined by a hyphen without making one number: "one-two", "fifty-fifty".
NUMBER_WORD_HYPHEN = re.compile(rf"\b(?:{_NUMBER_WORD})[-‐‑]$", _I)
HYPHEN_NUMBER_WORD = re.compile(rf"[-‐‑](?:{_NUMBER_WORD})\b", _I)
HALF = re.compile(r"\s+and\s+(?:a|one)\s+half\b", _I)
MULT = re.compile(rf"(?:\s*(?P<m>{_alternation(MULTIPLIERS)}))\b", _I)
GLUED_MULT = re.compile(r"(?P<m>k|K|bn|mn|tn|m|b)\b")
PLUSMINUS = re.compile(r"\s*(?:±|\+/-|\+/−|\+-)\s*(?P<u>\d+(?:\.\d+)?)")
RANGE_JOIN = re.compile(r"(?:-\s+(?=to\b|and\b))?\s*(?P<j>–|—|-|‒|to|through|and)\s*", _I)
# The spaces before the sign or word taken whole: "\s*-?\s*" split a long run of them every way, after each figure.
PERCENT = re.compile(r"\s*+(?P<pc>%)|\s*+(?:-\s*+)?(?P<pw>percentage\s+points?|per\s?cent|percent|pc)\b", _I)
# Spanish and French put "de" between a scale word and the currency: "2400 millones de euros", "2 milliards d'euros".
CUR_WORD = re.compile(
    rf"(?:\s+de\s+|\s+d['’]|\s+)(?P<c>{_alternation(list(CURRENCY_WORDS) + ['cent', 'cents'])}|{_alternation(CODES)})\b",
    _I,
)
TIME_UNIT = re.compile(rf"(?:\s+|\s*-\s*)(?P<u>{_alternation(TIME_UNITS)})(?:s)?\b", _I)
UNIT_NAME = re.compile(rf"(?:\s+|\s*-\s*)(?P<u>{_alternation(UNIT_NAMES)})(?![^\W\d_])", _I)
UNIT_SYMBOL = re.compile(rf"\s?(?P<u>{_alternation(UNIT_SYMBOLS)})(?![^\W_]|/[^\W\d_])")
INCH = re.compile(r"\s?(?P<u>in)(?=\.?\s*\)|/)")
TIMES = re.compile(r"(?:\s+|\s*-)(?P<t>times|fold)\b|(?P<x>[x×])(?![^\W_])", _I)
PER = re.compile(
    rf"(?:\s*/\s*|\s+per\s+|\s+a\s+|\s+an\s+|\s+each\s+|\s+every\s+)(?P<p>{_alternation(TIME_UNITS)}|y|annum)\b"
    r"|\s+(?P<a>annually|yearly)\b",
    _I,
)
# a price or rate per quantity: "11 cents/litre", "1.52 yen per litre", "$80 a barrel"
PER_UNIT = re.compile(
    rf"(?:\s*/\s*|\s+per\s+|\s+a\s+)(?P<u>{_alternation([n for n in UNIT_NAMES if ' ' not in n and n != 'degrees'])}"
    rf"|kWh|MWh|GWh|kg|km|L|t|bbl|gal|lb|m²|m2|m³|m3|ha)(?![^\W\d_])",
    _I,
)
AFTER = re.compile(rf"\s*(?P<a>{_alternation(APPROX_AFTER)})(?!\d)", _I)
TAIL = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|\d+|[^\w\s]")
NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_CHANGE_WORDS = (
    r"increas\w*|ris(?:e|es|en|ing)|rose|grow\w*|grew|gain\w*|climb\w*|jump\w*|surg\w*|soar\w*|decreas\w*|"
    r"declin\w*|fall\w*|fell|drop\w*|dip\w*|cut\w*|reduc\w*|shr[iau]nk\w*|warm(?:ing|ed|s)?|cool(?:ing|ed|s)?|"
    r"chang\w*|lower\w*|rais\w*|boost\w*|slash\w*|plung\w*|tumbl\w*"
)
CHANGE_WORD = re.compile(rf"(?:{_CHANGE_WORDS})")
# "a 25% increase", "0.93 °C warmer than", "3% more", "10 per cent lower"
CHANGE_AFTER = re.compile(
    r"\s*(?:increase|rise|drop|decline|reduction|cut|gain|loss|growth|jump|fall|decrease|more|less|higher|lower"
    r"|warmer|cooler|colder|hotter|larger|smaller|greater|fewer|up|down|above|below)\b",
    _I,
)
# The two counts of a tally are joined by a dash or "to": "9-2", "52–48", "7-to-2", "nine to two".
TALLY_JOIN = re.compile(r"[-‐‑]to[-‐‑]|\s?[-–—]\s?|\s+to\s+", _I)
# What a tally counts, named just after it, maybe past a word or two that describe it: "a 9-2 vote", "a 3-1
# home win", "a 9-2 party-line vote" -- but not past a preposition ("aged 18-24 in the vote").
TALLY_NOUN = re.compile(
    rf"(?:[\s-]+(?!(?:in|on|at|of|the|a|an|and|or|to|for|by|with|from|as|than)\b)[^\W\d_][\w'’]*){{0,2}}?"
    rf"[\s-]+(?:{_alternation(TALLY_AFTER)})\b",
    _I,
)
DATE_JOIN = re.compile(r"\s*(?:–|—|‒|-|to|until|till|through)\s*", _I)
OLD = re.compile(r"\s+(?:old|of\s+age)\b", _I)
AGO = re.compile(r"\s+(?:ago|earlier|before\s+present|BP)\b")
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![\w$])(?P<sym>{_alternation(SYMBOLS)})|(?<![\w])(?P<code>{_alternation(CODES)}|Rs\.?))\s?$"
)
WORD_AFTER = re.compile(r"[\s-]+(?P<w>[^\W\d_][\w'’-]*)")
BARE_SCALE = re.compile(r"(?P<s>[CF])(?!\w)|\s(?P<t>[CF])(?=\s*[)\],;]|\s*$|\.\s)")
HALF_A = re.compile(r"\s+an?\s", re.IGNORECASE)
SHARED_UNIT = re.compile(r"\s+(?P<j>or|and|to)\s+(?=\d)", re.IGNORECASE)
ID_CONTINUES = re.compile(r"\s*(?:,|or|and|to|–|-|&)\s*", re.IGNORECASE)
ID_BEFORE = re.compile(r"(?:\b(?:No|Nos|no|nos|Nr|nr|Number|number|Num|num)\.?\s*|#\s*)$")
HYPHEN_NAME = re.compile(r"(?P<w>[^\W\d_]+)[-‐‑]$")
DATE_PREFIX = re.compile(r"\b(?P<p>mid|early|late)[\s-]*$", _I)
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\[]\s*|\n\s*)$")
STREET = re.compile(rf"\s+(?:[^\W\d_][\w'’-]*\s+){{1,3}}(?:{_alternation(NAME_SUFFIXES)})\b\.?", _I)
LETTERS = re.compile(r"[^\W\d_]+")
FRACTION_AFTER = re.compile(rf"[\s-]+(?P<f>{_FRACTION_WORD})\s+of\b", re.IGNORECASE)
# "m" after a figure is metres, except before what is counted in millions: "5m people", "6.09m km2"
_MILLION_NOUNS = (
    "people|persons|residents|inhabitants|users|customers|viewers|visitors|tourists|voters|votes|workers|jobs|"
    "children|students|patients|cases|deaths|refugees|migrants|households|homes|houses|vehicles|cars|animals|"
    "birds|trees|acres|hectares|tonnes|tons|barrels|units|copies|subscribers|members|followers|downloads|years|"
    "km2|km²|sq|square|cubic|tons|tonnes|barrels|gallons|litres|liters"
)
MILLION_NOT_METRES = re.compile(rf"\s+(?:of\s+)?(?:{_MILLION_NOUNS})\b", re.IGNORECASE)
DEGREE_SCALE = re.compile(r"\s*(celsius|centigrade|fahrenheit|C\b|F\b)", re.IGNORECASE)
ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", _I)

ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\w-])")
DMY = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?(?:,?\s+(?P<y>\d{{4}})\b(?![.,]\d))?", _I
)
# The day, then the month in German, Spanish, French, Russian, Arabic or Hindi ("7. Dezember 2026",
# "7 de diciembre de 2026", "7 декабря 2026 г.", "٦ مارس ٢٠٢٦", "6 मार्च 2026"); a Hindi month may end in a vowel
# sign, which is no word character, so no "\b" after it.
DMY_ABROAD = re.compile(
    rf"(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<m>{_alternation(MONTHS_ABROAD)})(?!\w)"
    rf"(?:(?:,?\s+|\s+de\s+)(?P<y>\d{{4}})\b(?![.,]\d)(?:\s*г\.)?)?",
    _I,
)
# An Arabic or Hindi month just before a year, which ends the text given: "مارس 2026", "मार्च 2026".
MONTH_BEFORE_YEAR = re.compile(rf"(?<!\w)(?P<m>{_alternation(MONTHS_ARABIC_HINDI)})\s+$")
MDY = re.compile(
    rf"(?P<m>{_MONTH})\.?\s+(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.:]?\d|,\d{{1,3}}\b|\s*%)(?:(?:,\s*|\s+)(?P<y>\d{{4}})\b(?![.,]\d))?"
    rf"|(?:of\s+)?(?P<yo>\d{{4}})\b(?![.,]\d))",
    _I,
)
# A month's full name, or its short form with its full stop ("in Sept."), capitalised, with no day or year after
# it: "in November"; a capitalised word after it, in any alphabet, makes it part of a name ("March Madness",
# "April Ryan", "April Ólafsdóttir").
MONTH_NAME = re.compile(
    rf"\b(?:(?:{_alternation(name.capitalize() for name in MONTH_NAMES)})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
    rf"(?!\s+{CAPITAL})"
)
# A verb whose subject is the word before it, a person's deed or words: "(after) May said", "(since) May took office".
SUBJECT_VERB = re.compile(
    r"\s+(?:said|says|told|has|had|will|would|became|took|won|lost|met|made|gave|came|left|went|quit|stood|spoke"
    r"|[a-z]+ed)\b"
)
YEAR = re.compile(r"(?P<y>\d{4})(?P<s>s|['’]s)?(?![\w%]|[.,]\d)")
YEAR_RANGE = re.compile(
    r"\s*(?P<j>–|—|‒|-|/|to|through|until|till|and)\s*(?P<y>\d{4}|\d{2}|\d)(?P<s>s|['’]s)?(?![\w%]|[.,]\d)", _I
)
# Wire copy's time of day in a zone, four figures and no separator: "1500 GMT", "0930 UTC".
WIRE_CLOCK = re.compile(r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s?(?P<tz>GMT|UTC)\b")
CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<mi>\d{2})(?![\d])(?::(?P<s>\d{2}))?)?"
    r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?:\s?(?P<tz>UTC|GMT|CET|CEST|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|Z)\b|\s(?P<lt>local time)\b)?",
)
