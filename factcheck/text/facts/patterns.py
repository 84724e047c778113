"""The regular expressions the reader matches: where a fact may start, and the figures, words,
units and dates at and around it, built from the vocabulary (word lists as tries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .vocabulary import (
    _APPROX_AFTER,
    _CODES,
    _CURRENCY_WORDS,
    _FRACTIONS,
    _MONTHS,
    _MULTIPLIERS,
    _NAME_SUFFIXES,
    _ORDINALS,
    _SCALES,
    _SMALL,
    _SYMBOLS,
    _TIME_UNITS,
    _UNIT_NAMES,
    _UNIT_SYMBOLS,
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
_NUMBER_WORD = _alternation(list(_SMALL) + list(_SCALES))
_FRACTION_WORD = _alternation(_FRACTIONS)
_MONTH = _alternation(_MONTHS)
# Any text with a key fact has a digit or one of these words; most prose has neither.
_DIGIT = re.compile(r"\d")
_LOWER_WORDS = re.compile(r"[a-z]+")
_FACT_WORDS = frozenset(_SMALL) | frozenset(_SCALES) | frozenset(_ORDINALS) | frozenset(_FRACTIONS)
# Where a fact may start: a figure not glued to a letter or digit before it, or a word above.
_ANCHOR = re.compile(
    rf"(?P<num>(?<![^\W_])\d)|\b(?P<w>{_alternation(list(_FACT_WORDS) + list(_MONTHS) + ['twenty-first', 'twenty-second', 'twenty-third'])})\b",
    _I,
)
_FIG = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?")
_WORDNUM = re.compile(rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*\b", _I)
_HALF = re.compile(r"\s+and\s+(?:a|one)\s+half\b", _I)
_MULT = re.compile(rf"(?:\s*(?P<m>{_alternation(_MULTIPLIERS)}))\b", _I)
_GLUED_MULT = re.compile(r"(?P<m>k|K|bn|mn|tn|m|b)\b")
_PLUSMINUS = re.compile(r"\s*(?:±|\+/-|\+/−|\+-)\s*(?P<u>\d+(?:\.\d+)?)")
_RANGE_JOIN = re.compile(r"(?:-\s+(?=to\b|and\b))?\s*(?P<j>–|—|-|‒|to|through|and)\s*", _I)
_PERCENT = re.compile(r"\s*(?P<pc>%)|\s*-?\s*(?P<pw>percentage\s+points?|per\s?cent|percent|pc)\b", _I)
_CUR_WORD = re.compile(
    rf"\s+(?P<c>{_alternation(list(_CURRENCY_WORDS) + ['cent', 'cents'])}|{_alternation(_CODES)})\b", _I
)
_TIME_UNIT = re.compile(rf"(?:\s+|\s*-\s*)(?P<u>{_alternation(_TIME_UNITS)})(?:s)?\b", _I)
_UNIT_NAME = re.compile(rf"(?:\s+|\s*-\s*)(?P<u>{_alternation(_UNIT_NAMES)})(?![^\W\d_])", _I)
_UNIT_SYMBOL = re.compile(rf"\s?(?P<u>{_alternation(_UNIT_SYMBOLS)})(?![^\W_]|/[^\W\d_])")
_INCH = re.compile(r"\s?(?P<u>in)(?=\.?\s*\)|/)")
_TIMES = re.compile(r"(?:\s+|\s*-)(?P<t>times|fold)\b|(?P<x>[x×])(?![^\W_])", _I)
_PER = re.compile(
    rf"(?:\s*/\s*|\s+per\s+|\s+a\s+|\s+an\s+|\s+each\s+|\s+every\s+)(?P<p>{_alternation(_TIME_UNITS)}|y|annum)\b"
    r"|\s+(?P<a>annually|yearly)\b",
    _I,
)
# a price or rate per quantity: "11 cents/litre", "1.52 yen per litre", "$80 a barrel"
_PER_UNIT = re.compile(
    rf"(?:\s*/\s*|\s+per\s+|\s+a\s+)(?P<u>{_alternation([n for n in _UNIT_NAMES if ' ' not in n and n != 'degrees'])}"
    rf"|kWh|MWh|GWh|kg|km|L|t|bbl|gal|lb|m²|m2|m³|m3|ha)(?![^\W\d_])",
    _I,
)
_AFTER = re.compile(rf"\s*(?P<a>{_alternation(_APPROX_AFTER)})(?!\d)", _I)
_TAIL = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|\d+|[^\w\s]")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_CHANGE_WORDS = (
    r"increas\w*|ris(?:e|es|en|ing)|rose|grow\w*|grew|gain\w*|climb\w*|jump\w*|surg\w*|soar\w*|decreas\w*|"
    r"declin\w*|fall\w*|fell|drop\w*|dip\w*|cut\w*|reduc\w*|shr[iau]nk\w*|warm(?:ing|ed|s)?|cool(?:ing|ed|s)?|"
    r"chang\w*|lower\w*|rais\w*|boost\w*|slash\w*|plung\w*|tumbl\w*"
)
_CHANGE_WORD = re.compile(rf"(?:{_CHANGE_WORDS})")
# "a 25% increase", "0.93 °C warmer than", "3% more", "10 per cent lower"
_CHANGE_AFTER = re.compile(
    r"\s*(?:increase|rise|drop|decline|reduction|cut|gain|loss|growth|jump|fall|decrease|more|less|higher|lower"
    r"|warmer|cooler|colder|hotter|larger|smaller|greater|fewer|up|down|above|below)\b",
    _I,
)
_DATE_JOIN = re.compile(r"\s*(?:–|—|‒|-|to|until|till|through)\s*", _I)
_AGO = re.compile(r"\s+(?:ago|earlier|before\s+present|BP)\b")
_CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![\w$])(?P<sym>{_alternation(_SYMBOLS)})|(?<![\w])(?P<code>{_alternation(_CODES)}|Rs\.?))\s?$"
)
_WORD_AFTER = re.compile(r"[\s-]+(?P<w>[^\W\d_][\w'’-]*)")
_BARE_SCALE = re.compile(r"(?P<s>[CF])(?!\w)|\s(?P<t>[CF])(?=\s*[)\],;]|\s*$|\.\s)")
_HALF_A = re.compile(r"\s+an?\s", re.IGNORECASE)
_SHARED_UNIT = re.compile(r"\s+(?P<j>or|and|to)\s+(?=\d)", re.IGNORECASE)
_ID_CONTINUES = re.compile(r"\s*(?:,|or|and|to|–|-|&)\s*", re.IGNORECASE)
_ID_BEFORE = re.compile(r"(?:\b(?:No|Nos|no|nos|Nr|nr|Number|number|Num|num)\.?\s*|#\s*)$")
_HYPHEN_NAME = re.compile(r"(?P<w>[^\W\d_]+)[-‐‑]$")
_DATE_PREFIX = re.compile(r"\b(?P<p>mid|early|late)[\s-]*$", _I)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\[]\s*|\n\s*)$")
_STREET = re.compile(rf"\s+(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_alternation(_NAME_SUFFIXES)})\b\.?", _I)
_LETTERS = re.compile(r"[^\W\d_]+")
_FRACTION_AFTER = re.compile(rf"[\s-]+(?P<f>{_FRACTION_WORD})\s+of\b", re.IGNORECASE)
# "m" after a figure is metres, except before what is counted in millions: "5m people", "6.09m km2"
_MILLION_NOUNS = (
    "people|persons|residents|inhabitants|users|customers|viewers|visitors|tourists|voters|votes|workers|jobs|"
    "children|students|patients|cases|deaths|refugees|migrants|households|homes|houses|vehicles|cars|animals|"
    "birds|trees|acres|hectares|tonnes|tons|barrels|units|copies|subscribers|members|followers|downloads|years|"
    "km2|km²|sq|square|cubic|tons|tonnes|barrels|gallons|litres|liters"
)
_MILLION_NOT_METRES = re.compile(rf"\s+(?:of\s+)?(?:{_MILLION_NOUNS})\b", re.IGNORECASE)
_DEGREE_SCALE = re.compile(r"\s*(celsius|centigrade|fahrenheit|C\b|F\b)", re.IGNORECASE)
_ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", _I)

_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\w-])")
_DMY = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?(?:,?\s+(?P<y>\d{{4}})\b(?![.,]\d))?", _I
)
_MDY = re.compile(
    rf"(?P<m>{_MONTH})\.?\s+(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.:]?\d|,\d{{1,3}}\b|\s*%)(?:(?:,\s*|\s+)(?P<y>\d{{4}})\b(?![.,]\d))?"
    rf"|(?:of\s+)?(?P<yo>\d{{4}})\b(?![.,]\d))",
    _I,
)
_YEAR = re.compile(r"(?P<y>\d{4})(?P<s>s|['’]s)?(?![\w%]|[.,]\d)")
_YEAR_RANGE = re.compile(
    r"\s*(?P<j>–|—|‒|-|/|to|through|until|till|and)\s*(?P<y>\d{4}|\d{2})(?P<s>s|['’]s)?(?![\w%]|[.,]\d)", _I
)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<mi>\d{2})(?![\d])(?::(?P<s>\d{2}))?)?"
    r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?:\s?(?P<tz>UTC|GMT|CET|CEST|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|Z)\b|\s(?P<lt>local time)\b)?",
)
