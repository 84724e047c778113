"""The reader behind ``extract``: from each place a figure, a number word, an ordinal or a month
starts, it reads a date, a time of day or a quantity with its unit, range, bound and role,
and leaves out numbers that are part of a name ("Apollo 11", "COVID-19").
"""

from __future__ import annotations

import re
from typing import TypedDict, Unpack

from .context import _link_restatements
from .dates import _date, _date_interval
from .fact import Fact
from .numerals import _figure, _Number, _read_words
from .patterns import (
    _AFTER,
    _AGO,
    _ANCHOR,
    _BARE_SCALE,
    _CHANGE_AFTER,
    _CHANGE_WORD,
    _CLOCK,
    _CUR_WORD,
    _CURRENCY_BEFORE,
    _DATE_JOIN,
    _DATE_PREFIX,
    _DEGREE_SCALE,
    _DIGIT,
    _DMY,
    _FACT_WORDS,
    _FIG,
    _FRACTION_AFTER,
    _GLUED_MULT,
    _HALF,
    _HALF_A,
    _HYPHEN_NAME,
    _I,
    _ID_BEFORE,
    _ID_CONTINUES,
    _INCH,
    _ISO,
    _LETTERS,
    _LOWER_WORDS,
    _MDY,
    _MILLION_NOT_METRES,
    _MULT,
    _NAME_WORD,
    _ORD_SUFFIX,
    _PER,
    _PER_UNIT,
    _PERCENT,
    _PLUSMINUS,
    _RANGE_JOIN,
    _SENTENCE_START,
    _SHARED_UNIT,
    _STREET,
    _TAIL,
    _TIME_UNIT,
    _TIMES,
    _UNIT_NAME,
    _UNIT_SYMBOL,
    _WORD_AFTER,
    _WORDNUM,
    _YEAR,
    _YEAR_RANGE,
)
from .vocabulary import (
    _APPROX,
    _APPROX_AFTER,
    _APPROX_SKIP,
    _CHANGE_SKIP,
    _CHANGE_SKIP_PAIRS,
    _CURRENCY_WORDS,
    _DATE_PREPOSITIONS,
    _DATE_SKIP,
    _FRACTIONS,
    _MONTHS,
    _MULTIPLIERS,
    _NOT_NAMES,
    _ORDINALS,
    _ROLES,
    _SCALES,
    _SMALL,
    _STOPWORDS,
    _SYMBOLS,
    _TIME_UNITS,
    _UNIT_NAMES,
    _UNIT_SYMBOLS,
    _convert,
    _convertible,
)


class _Extra(TypedDict, total=False):
    """The fields of a Fact the reader may fill in besides its kind, text, span, value, unit and currency."""

    precision: float
    high: float | None
    bound: str | None
    per: str | None
    role: str | None
    change: bool
    ago: bool
    spread: float
    high_precision: float | None


def extract(text: str) -> list[Fact]:
    """All key facts of ``text``, in order, none overlapping another."""
    if not _DIGIT.search(text) and _FACT_WORDS.isdisjoint(_LOWER_WORDS.findall(text.lower())):
        return []  # the common case in prose
    facts = _Reader(text).facts()
    if facts:
        _link_restatements(text, facts)
    return facts


class _Reader:
    """Reads the facts of one text, left to right, from each place a number or month starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Fact] = []
        self.last_identifier: int | None = None  # where the last number that was part of a name ended
        self.tails: dict[int, list[str]] = {}

    def facts(self) -> list[Fact]:
        text = self.text
        pos = 0
        while True:
            m = _ANCHOR.search(text, pos)
            if m is None:
                break
            made: list[Fact] = []
            word = m.group("w")
            if word is None:
                made = self.at_figure(m.start())
            else:
                low = word.lower()
                if low in _SMALL or low in _SCALES:
                    made = self.at_words(m.start(), m.end())
                elif low in _FRACTIONS and low not in _ORDINALS:
                    made = self.at_fraction(m.start(), m.end())
                elif low in _MONTHS:
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

    # -- helpers on the text around a place

    def before(self, at: int, width: int = 40) -> str:
        return self.text[max(0, at - width) : at]

    def tail(self, at: int) -> list[str]:
        """The last few words and signs before ``at``, in lower case: what says how to read a figure."""
        cached = self.tails.get(at)
        if cached is None:
            cached = self.tails[at] = _TAIL.findall(self.text[max(0, at - 40) : at].lower())
        return cached

    def approx_before(self, at: int) -> str | None:
        """The approximation or bound written just before ``at`` ("about", "more than", "~"), as a bound."""
        words = self.tail(at)
        for k in (4, 3, 2, 1):
            if len(words) >= k:
                bound = _APPROX.get(" ".join(words[-k:]))
                if bound:
                    return bound
        return None

    def after_skipping(self, at: int, skip: frozenset[str], pairs: frozenset[str] = frozenset()) -> list[str]:
        """The words before ``at`` without the trailing ones in ``skip`` (and two-word ``pairs``)."""
        words = self.tail(at)
        n = len(words)
        while n:
            if n >= 2 and f"{words[n - 2]} {words[n - 1]}" in pairs:
                n -= 2
            elif n >= 3 and f"{words[n - 3]} {words[n - 2]} {words[n - 1]}" in pairs:
                n -= 3
            elif words[n - 1] in skip:
                n -= 1
            else:
                break
        return words[:n]

    def word_before(self, at: int) -> str | None:
        """The word just before ``at``, as written, when only spaces stand between."""
        before = self.text[max(0, at - 30) : at]
        if not before or not before[-1].isspace():
            return None
        parts = before.rsplit(None, 1)
        if not parts:
            return None
        word = parts[-1]
        return word if _NAME_WORD.fullmatch(word) else None

    def is_change(self, at: int) -> bool:
        """Whether a change verb or noun stands before ``at``: "rose by", "an increase of", "cut"."""
        words = self.after_skipping(at, _CHANGE_SKIP, _CHANGE_SKIP_PAIRS)
        return bool(words) and (words[-1] in ("up", "down") or bool(_CHANGE_WORD.fullmatch(words[-1])))

    def preceded_by(self, at: int, wanted: str) -> bool:
        """Whether ``wanted`` ("between", "from") stands before ``at``, approximations aside."""
        words = self.after_skipping(at, _APPROX_SKIP)
        return bool(words) and words[-1] == wanted

    def at_sentence_start(self, at: int) -> bool:
        return bool(_SENTENCE_START.search(self.before(at, 6)))

    def make(
        self,
        kind: str,
        start: int,
        end: int,
        value: float | str,
        unit: str | None = None,
        currency: str | None = None,
        **extra: Unpack[_Extra],
    ) -> Fact:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        text = self.text[start:end]
        return Fact(kind, text, start, end, value, unit=unit, currency=currency, source=self.text, **extra)

    # -- numbers

    def number(self, at: int, words_ok: bool = True) -> _Number | None:
        """The figure or number in words at ``at``, with its scale word and "and a half"."""
        text = self.text
        m = _FIG.match(text, at)
        words = False
        if m:
            value, step = _figure(m.group())
            end = m.end()
        elif words_ok:
            w = _WORDNUM.match(text, at)
            if not w:
                return None
            tokens = re.split(r"([\s-]+)", w.group())
            parts = tokens[0::2]
            read = _read_words(parts)
            if read is None:
                return None
            value, used = read
            end = at + len("".join(tokens[: 2 * used - 1]))
            step = 1.0
            if value >= 1000:  # "two million": the last written word sets the step
                step = _SCALES.get(parts[used - 1].lower(), 1.0)
            words = True
        else:
            return None
        half = _HALF.match(text, end)
        if half:
            value += 0.5
            step = 0.5
            end = half.end()
        scaled = False
        if not words:
            mult = _MULT.match(text, end)
            if mult and not (mult.group("m").lower() == "k" and mult.start("m") > end):
                factor = _MULTIPLIERS[mult.group("m").lower()]
                value, step, end, scaled = value * factor, step * factor, mult.end(), True
        else:
            scaled = value >= 1000
        return _Number(value, step, end, words, scaled)

    def at_figure(self, at: int) -> list[Fact]:
        text = self.text
        if at >= 2 and text[at - 1] == "." and text[at - 2].isdigit():
            return []  # the decimals of a figure that was part of a name: "PM2.5", "version 3.2.1"
        # A figure glued to a letter and a hyphen is part of a name: "COVID-19", "Chandrayaan-3",
        # unless the word is "mid", "early", "pre" ... ("mid-1970s", "pre-2000").
        hyphen = _HYPHEN_NAME.search(self.before(at, 20)) if at and text[at - 1] in "-‐‑" else None
        if hyphen and hyphen.group("w").lower() not in ("mid", "early", "late", "pre", "post", "circa", "c"):
            return []
        for reader in (self.iso_date, self.dmy_date, self.clock, self.year):
            fact = reader(at)
            if fact is not None:
                return [fact]
        return self.quantity(at)

    def at_words(self, at: int, end: int) -> list[Fact]:
        word = self.text[at:end].lower()
        fraction = _FRACTION_AFTER.match(self.text, end)
        if fraction and word in ("a", "an", "one", "two", "three"):
            return self.at_fraction(fraction.start("f"), fraction.end("f"))
        # A capitalised number word inside a sentence is part of a name: "the Three Gorges Dam".
        if self.text[at].isupper() and not self.at_sentence_start(at):
            return []
        if word in _SCALES and not re.search(r"\b(?:a|an|one)\s+$", self.before(at, 5), _I):
            return []
        return self.quantity(at)

    def at_fraction(self, at: int, end: int) -> list[Fact]:
        """ "two-thirds of", "a third of", "half of", "one quarter of": a share, as a percent."""
        text = self.text
        word = text[at:end].lower()
        count = 1.0
        start = at
        lead = re.search(r"\b(?P<n>a|an|one|two|three)[\s-]+$", self.before(at, 8), _I)
        if lead:
            count = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}[lead.group("n").lower()]
            start = at - (len(self.before(at, 8)) - lead.start("n"))
        elif word != "half":
            return []
        article = _HALF_A.match(text, end)
        if word == "half" and not lead and article:
            # "half an hour", "half a degree"
            kind, unit, stop = self.unit(article.end() - 1, None, 0.5)
            if kind in ("duration", "measure"):
                return [self.make(kind, at, stop, 0.5, unit=unit, precision=0.5)]
        if not re.match(r"\s+of\b", text[end:]):
            return []
        if word in ("third", "thirds", "quarter", "quarters") and not lead:
            return []
        value = count * _FRACTIONS[word]
        bound = self.approx_before(start)
        change = self.is_change(start)
        return [self.make("percent", start, end, round(value, 6), precision=1.0, bound=bound or "~", change=change)]

    def at_ordinal_word(self, at: int, end: int) -> list[Fact]:
        text = self.text
        word = text[at:end].lower()
        if word in _FRACTIONS:
            fraction = self.at_fraction(at, end)
            if fraction:
                return fraction
        if text[at].isupper() and not self.at_sentence_start(at):
            return []  # "the Second World War" is a name
        if word == "second":
            # "a second", "per second", "ten seconds": a unit, not a rank
            if re.search(r"(?:\b(?:a|per|one|each|every|split|half)|\d)\s+$", self.before(at, 8), _I):
                return []
        value = _ORDINALS.get(word)
        if value is None:  # twenty-first ...
            first, _, second = word.partition("-")
            value = _SMALL[first] + _ORDINALS[second]
        return [self.make("ordinal", at, end, float(value), unit=self.noun_after(end), precision=1.0)]

    def noun_after(self, end: int) -> str | None:
        m = _WORD_AFTER.match(self.text, end)
        if not m:
            return None
        word = m.group("w").lower()
        return None if word in _STOPWORDS else word

    # -- dates and times

    def iso_date(self, at: int, alone: bool = False) -> Fact | None:
        m = _ISO.match(self.text, at)
        if not m:
            return None
        if not m.group("d") and int(m.group("m")) == (int(m.group("y")) + 1) % 100:
            return None  # "2009-10" is a season, 2009 to 2010, not October 2009
        value = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None)
        if value is None or not 1000 <= int(m.group("y")) <= 2199:
            return None
        return self.make("date", at, m.end(), value) if alone else self.dated(at, m.end(), value)

    def dmy_date(self, at: int, alone: bool = False) -> Fact | None:
        m = _DMY.match(self.text, at)
        if not m:
            return None
        month = m.group("m")
        if month.lower() in ("may", "march") and not month[0].isupper():
            return None
        if len(month) <= 3 and month.lower() != "may" and not month[0].isupper():
            return None
        year = int(m.group("y")) if m.group("y") else None
        value = _date(year, _MONTHS[month.lower()], int(m.group("d")))
        if value is None:
            return None
        end = m.end()
        if not m.group("y") and self.text[end - 1 : end] == ".":
            end -= 1
        return self.make("date", at, end, value) if alone else self.dated(at, end, value)

    def at_month(self, at: int, alone: bool = False) -> list[Fact]:
        m = _MDY.match(self.text, at)
        if not m:
            return []
        month = m.group("m")
        if month.lower() in ("may", "march") and not month[0].isupper():
            return []  # "may" and "march" are verbs too
        if len(month) <= 4 and not month[0].isupper():
            return []
        year = m.group("y") or m.group("yo")
        day = int(m.group("d")) if m.group("d") else None
        value = _date(int(year) if year else None, _MONTHS[month.lower()], day)
        if value is None:
            return []
        return [self.make("date", at, m.end(), value) if alone else self.dated(at, m.end(), value)]

    def clock(self, at: int) -> Fact | None:
        m = _CLOCK.match(self.text, at)
        if not m or not (m.group("mi") or m.group("ap")):
            return None
        if m.group("sep") == "." and not m.group("ap"):
            return None  # "9.32" is a decimal unless "a.m." follows
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        ap = (m.group("ap") or "").lower()
        if minute >= 60 or hour > 24 or (ap and not 1 <= hour <= 12):
            return None
        if ap == "p" and hour != 12:
            hour += 12
        elif ap == "a" and hour == 12:
            hour = 0
        zone = m.group("tz") or None
        step = 1.0 if m.group("mi") else 60.0
        bound = self.approx_before(at)
        return self.make("time", at, m.end(), float(hour * 60 + minute), unit=zone, precision=step, bound=bound)

    def year(self, at: int) -> Fact | None:
        """A year ("1992", "the 1970s", "mid-2018"), or a period of years ("1998–2012", "between 1990 and 2100")."""
        text = self.text
        m = _YEAR.match(text, at)
        if not m:
            return None
        year = int(m.group("y"))
        end = m.end()
        # "2000 km", "1500 tonnes", "2000 scientists?" -- a unit makes it a quantity
        after = text[end : end + 24]
        if not m.group("s") and (
            _TIME_UNIT.match(after)
            or _UNIT_NAME.match(after)
            or _UNIT_SYMBOL.match(after)
            or _PERCENT.match(after)
            or _MULT.match(after)
            or (_CUR_WORD.match(after) and self.tail(at)[-1:] not in (["in"], ["constant"], ["real"]))
        ):
            return None  # "2000 km", "1500 tonnes", "2000 dollars" -- but "in 2005 dollars" is a year
        if _CURRENCY_BEFORE.search(self.before(at, 5)):
            return None
        before = self.before(at, 12)
        word = self.word_before(at)
        prep = word.lower().rstrip(".") if word else ""
        if not (
            1800 <= year <= 2100
            or (1000 <= year < 1800 and (prep in _DATE_PREPOSITIONS or _YEAR_RANGE.match(text, end)))
        ):
            return None
        if _ID_BEFORE.search(before):
            return None
        low, high = year, None
        if m.group("s"):  # "the 1970s"
            if year % 10:
                return None
            high = year + 9
        r = _YEAR_RANGE.match(text, end)
        if r:
            join = r.group("j").lower()
            other = int(r.group("y"))
            if len(r.group("y")) == 2:
                other = (year // 100) * 100 + other if join in "–—‒-/" else -1
            ok = (join != "and" or self.preceded_by(at, "between")) and low < other <= 2199 and other - low < 1000
            if ok and r.group("s"):
                if other % 10:
                    ok = False
                else:
                    other += 9
            if ok:
                high, end = other, r.end()
        value = f"{low}" if high is None else f"{low}/{high}"
        return self.dated(at, end, value, period=high is not None and not m.group("s"))

    def dated(self, at: int, end: int, value: str, period: bool = False) -> Fact:
        """A date fact, with its role in the sentence: the start of a period ("since 1880", "from
        1850"), its end ("until 2007"), a deadline ("by 2100", "before 1990"), a lower bound ("after
        2000", "post-2000"), or a citation ("IPCC (2013)"); approximate ("around 1990", "mid-2018")
        or not. "18 May to 21 May" is a period."""
        text = self.text
        if "/" not in value and len(value) > 4:
            join = _DATE_JOIN.match(text, end)
            if join:
                other = self.iso_date(join.end(), alone=True) or self.dmy_date(join.end(), alone=True)
                if other is None and _MDY.match(text, join.end()):
                    months = self.at_month(join.end(), alone=True)
                    other = months[0] if months else None
                if other is not None and "/" not in str(other.value) and len(str(other.value)) == len(value):
                    a, b = _date_interval(value), _date_interval(str(other.value))
                    if a and b and a[0] < b[0]:
                        value, end, period = f"{value}/{other.value}", other.end, True
        before = self.before(at, 4)
        role = None
        if not period:
            words = self.after_skipping(at, _DATE_SKIP)
            if words and words[-1] in _ROLES:
                role = _ROLES[words[-1]]
            elif len(words) >= 2 and words[-1] == "in" and words[-2] in ("starting", "beginning"):
                role = "start"
            elif len(words) >= 2 and words[-1] == "to" and words[-2] == "up":
                role = "by"
            elif before.rstrip().endswith("(") and text[end : end + 2].lstrip().startswith(")") and len(value) == 4:
                role = "cite"  # "IPCC (2013)", "(2005), where ..."
        approx = self.approx_before(at) in ("~", "~<", "~>") or bool(_DATE_PREFIX.search(self.before(at, 8)))
        return self.make("date", at, end, value, bound="~" if approx else None, role=role)

    # -- quantities

    def quantity(self, at: int) -> list[Fact]:
        text = self.text
        first = self.number(at)
        if first is None:
            return []
        start = at
        # a minus sign: "-3%", "−0.5 °C", but not "16-21" or "Chandrayaan-3"
        sign = 1.0
        if not first.words and at > 0 and text[at - 1] in "-−" and (at == 1 or text[at - 2] in " (\t\n[/:"):
            sign, start = -1.0, at - 1
        elif not first.words and self.tail(at)[-1:] == ["minus"]:
            sign = -1.0  # "minus 5 degrees"
        currency = None
        cur = _CURRENCY_BEFORE.search(self.before(start, 5))
        if cur and not first.words:
            sym = cur.group("sym") or cur.group("code")
            currency = _SYMBOLS.get(sym) or ("INR" if sym.startswith("Rs") else sym.upper())
            currency = "CNY" if currency == "RMB" else currency
            start = start - (len(self.before(start, 5)) - cur.start())
        # "a million", "a dozen", "an hundred"
        if first.words:
            article = re.search(r"\b(?P<a>a|an)\s+$", self.before(at, 4), _I)
            if article and text[at : first.end].split()[0].lower() in _SCALES:
                start = at - (len(self.before(at, 4)) - article.start("a"))
        bound = self.approx_before(start)
        value, step, end = sign * first.value, first.step, first.end
        high: float | None = None
        high_step = step
        uncertainty = 0.0
        pm = _PLUSMINUS.match(text, end)
        if pm:
            uncertainty = float(pm.group("u"))
            end = pm.end()
        glued_letters = _LETTERS.match(text, end)
        if glued_letters and not first.words:
            # "2.4bn" handled as a scale; "75cm", "1.5°C" are units; "21st" is a rank; "3D", "5G" are names
            suffix = glued_letters.group()
            if _ORD_SUFFIX.match(text, end) and value == int(value) and not first.scaled:
                return [
                    self.make(
                        "ordinal",
                        start,
                        glued_letters.end(),
                        value,
                        unit=self.noun_after(glued_letters.end()),
                        precision=1.0,
                    )
                ]
            if currency and (g := _GLUED_MULT.match(text, end)):
                factor = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6, "tn": 1e12}[g.group("m").lower()]
                value, step, end = value * factor, step * factor, g.end()
            elif not (
                _UNIT_SYMBOL.match(text, end)
                or _PERCENT.match(text, end)
                or _TIMES.match(text, end)
                or _BARE_SCALE.match(text, end)
                or _TIME_UNIT.match(text, end)
                or (suffix.lower() in ("m", "b") and currency)
            ):
                return []
        # a range: "1.1 to 6.4", "16–21", "between 0.2 and 0.3 billion"
        in_between = self.preceded_by(start, "between")
        from_before = self.preceded_by(start, "from")
        join = _RANGE_JOIN.match(text, end)
        if join and not from_before and not pm and (join.group("j").lower() != "and" or in_between):
            at2 = join.end()
            if currency:
                sym = re.match(r"(?:US\$|\$|€|£|¥|₹)", text[at2:])
                if sym:
                    at2 += sym.end()
            second = self.number(at2, words_ok=first.words) if (text[at2 : at2 + 1].isdigit() or first.words) else None
            if second is not None and second.words == first.words and not _glued_letters(text, second.end):
                low, top = value, second.value
                unscaled = _figure_value_before_scale(text, at2, second) if second.scaled else 0.0
                if second.scaled and not first.scaled and unscaled:
                    # "between 0.2 and 0.3 billion tons", "$2-3 billion": the scale is shared
                    # (a second figure of 0, "0-0k", tells no scale: nothing to share)
                    factor = second.value / unscaled
                    low, step = low * factor, step * factor
                if low < top:
                    value, high, high_step, end = low, top, second.step, second.end
        # the unit
        kind, unit, extra_end = self.unit(end, currency, value)
        if kind is None and high is None and not first.words:
            # "1.5 or 2 °C", "from 25 to 10 days": the unit written once serves both figures
            shared = _SHARED_UNIT.match(text, end)
            if shared and (shared.group("j").lower() != "to" or from_before):
                second = self.number(shared.end(), words_ok=False)
                if second is not None:
                    kind2, unit2, _ = self.unit(second.end, None, second.value)
                    if kind2 in ("measure", "percent", "duration"):
                        kind, unit = kind2, unit2
        if kind is None and first.words and not first.scaled:
            tokens = text[at : first.end].lower().split()
            if tokens == ["one"] or tokens == ["zero"]:
                return []  # "one way to": a pronoun, not a count
        if kind == "loose":
            return []
        if kind == "million":
            value, step = value * 1e6, step * 1e6
            kind, unit, extra_end = self.unit(extra_end, currency, value)
        end = extra_end
        # "75 cm to 2 metres", "between 36% and 66%": a range written with a unit on each end
        if kind in ("measure", "percent", "duration", "money") and high is None and not from_before:
            join = _RANGE_JOIN.match(text, end)
            if (
                join
                and (join.group("j").lower() != "and" or in_between)
                and (
                    text[join.end() : join.end() + 1].isdigit()
                    or (currency is not None and text[join.end() : join.end() + 1] in "$€£¥₹")
                )
            ):
                at2 = join.end()
                if currency:
                    sym = re.match(r"(?:US\$|\$|€|£|¥|₹)", text[at2:])
                    if sym:
                        at2 += sym.end()
                second = self.number(at2, words_ok=False)
                if second is not None:
                    kind2, unit2, end2 = self.unit(second.end, currency, second.value)
                    if kind2 == kind and unit == "°" and unit2 in ("°C", "°F"):
                        unit = unit2  # "between 0.1° and 1.5 °C"
                    if kind2 == kind and (unit2 == unit or _convertible(kind, unit, unit2)):
                        converted = _convert(kind, value, unit, unit2)
                        if converted is not None and converted < second.value:
                            step = step * abs(_convert(kind, 1.0, unit, unit2) or 1.0)
                            value, high, high_step, unit, end = converted, second.value, second.step, unit2, end2
        per = None
        p = _PER.match(text, end)
        if (
            p
            and kind is not None
            and not (kind == "duration" and _TIME_UNITS.get((p.group("p") or "year").lower()) == unit)
        ):
            word = (p.group("p") or "year").lower()
            per = {"y": "year", "annum": "year"}.get(word) or _TIME_UNITS.get(word, "year")
            end = p.end()
        elif kind in ("money", "measure", "number", "percent") and (q := _PER_UNIT.match(text, end)):
            word = q.group("u")
            per = _UNIT_NAMES.get(word.lower()) or _UNIT_SYMBOLS.get(word) or _UNIT_SYMBOLS.get(word.lower(), word)
            end = q.end()
        after = _AFTER.match(text, end)
        if after and not (
            after.group("a") == "+" and (after.start("a") != end or text[after.end() : after.end() + 1].isalnum())
        ):
            bound = _APPROX_AFTER[" ".join(after.group("a").lower().split())]
            end = after.end()
        change = self.is_change(start) or bool(_CHANGE_AFTER.match(text, end))
        ago = False
        if kind == "duration":
            a = _AGO.match(text, end)
            if a:
                ago, end = True, a.end()
        extra: _Extra = {"precision": step, "high": high, "bound": bound, "per": per}
        if high is not None:
            extra["high_precision"] = high_step
        if uncertainty:
            extra["spread"] = uncertainty
        if ago:
            extra["ago"] = True
        if change and kind != "duration":
            extra["change"] = True
        if kind is None:
            # a bare figure: a year? a name or an identifier? a count
            if not first.words and self.is_identifier(at, first):
                return []
            return [self.make("number", start, end, value, **extra)]
        if kind == "times":
            return [self.make("number", start, end, value, unit="times", **extra)]
        if kind == "money":
            if unit == "cents":  # "11 cents": hundredths of an unnamed currency
                extra["precision"] = step / 100
                if high is not None:
                    extra["high"], extra["high_precision"] = high / 100, high_step / 100
                return [self.make("money", start, end, value / 100, **extra)]
            return [self.make("money", start, end, value, currency=currency or unit, **extra)]
        if kind == "percent":
            return [self.make("percent", start, end, value, unit=unit, **extra)]
        return [self.make(kind, start, end, value, unit=unit, **extra)]

    def unit(self, end: int, currency: str | None, value: float) -> tuple[str | None, str | None, int]:
        """What follows a figure at ``end``: (kind, unit, end) -- kind None for a bare number."""
        text = self.text
        if currency:
            return "money", None, end
        m = _PERCENT.match(text, end)
        if m:
            return "percent", ("pp" if (m.group("pw") or "").lower().startswith("percentage") else None), m.end()
        m = _CUR_WORD.match(text, end)
        if m:
            word = m.group("c")
            if word.lower() in ("pound", "pounds") and re.match(r"\s+of\b", text[m.end() :]):
                return "measure", "lb", m.end()
            if word.lower() in ("cent", "cents"):
                return "money", "cents", m.end()
            code = _CURRENCY_WORDS.get(word.lower()) or word.upper()
            return "money", "CNY" if code == "RMB" else code, m.end()
        m = _TIME_UNIT.match(text, end)
        if m:
            return "duration", _TIME_UNITS[m.group("u").lower()], m.end()
        m = _UNIT_NAME.match(text, end)
        if m:
            name = " ".join(m.group("u").lower().split())
            unit = _UNIT_NAMES[name]
            if unit == "°":  # "degrees C", "degrees Celsius" are caught above; "0.8 degrees (1.4 °F)"
                nxt = re.match(r"\s*(?:C|F)\b", text[m.end() :])
                if nxt:
                    return "measure", "°" + nxt.group().strip(), m.end() + nxt.end()
                if re.match(
                    r"\s+(?:north|south|east|west|latitude|longitude|of\s+(?:latitude|longitude|arc))\b",
                    text[m.end() :],
                    _I,
                ):
                    return "loose", None, end
            return "measure", unit, m.end()
        m = _UNIT_SYMBOL.match(text, end) or _INCH.match(text, end)
        if m:
            symbol = m.group("u")
            unit = _UNIT_SYMBOLS.get(symbol, symbol)
            if unit == "m" and _MILLION_NOT_METRES.match(text, m.end()):
                return "million", None, m.end()  # "5m people": millions, not metres
            if unit == "°":  # "0.8° Celsius"
                scale = _DEGREE_SCALE.match(text, m.end())
                if scale:
                    return "measure", "°F" if scale.group(1)[0] in "fF" else "°C", scale.end()
            return "measure", unit, m.end()
        m = _TIMES.match(text, end)
        if m:
            return "times", None, m.end()
        m = _BARE_SCALE.match(text, end)
        if m:
            return "measure", "°" + (m.group("s") or m.group("t")), m.end()  # "53.7C (128.66 F)"
        return None, None, end

    def is_identifier(self, at: int, number: _Number) -> bool:
        """Whether the figure at ``at`` is part of a name or an identifier, not a quantity."""
        text = self.text
        if self.last_identifier is not None and _ID_CONTINUES.fullmatch(text, self.last_identifier, at):
            self.last_identifier = number.end
            return True  # "Category 3 or 4", "Articles 5 and 6"
        found = self.identifier(at, number)
        if found:
            self.last_identifier = number.end
        return found

    def identifier(self, at: int, number: _Number) -> bool:
        text = self.text
        before = self.before(at, 12)
        if _ID_BEFORE.search(before):
            return True  # "No. 5", "#3"
        if before.endswith("[") and text[number.end : number.end + 1] == "]":
            return True  # a reference mark: "[12]"
        if before.endswith(("/", "\\")) or text[number.end : number.end + 1] in ("/", ":"):
            return True  # "24/7", a ratio "3:1"
        word = self.word_before(at)
        if word:
            name = word.rstrip(".")
            if (
                (name[:1].isupper() or any(c.isupper() for c in name[1:]))
                and name.lower() not in _NOT_NAMES
                and name.lower() not in _MONTHS
                and name not in _UNIT_SYMBOLS
            ):
                start_of_word = self.text.rfind(word, 0, at)
                if not (self.at_sentence_start(start_of_word) and name.lower() in _STOPWORDS):
                    return True  # "Apollo 11", "Launch Complex 34", "Chang'e 4", "Article 5", "CO 2"
        if _STREET.match(text, number.end):
            return True  # "10 Downing Street"
        return False


def _glued_letters(text: str, at: int) -> bool:
    return bool(_LETTERS.match(text, at))


def _figure_value_before_scale(text: str, at: int, number: _Number) -> float:
    m = _FIG.match(text, at)
    return _figure(m.group())[0] if m else number.value
