"""The text a reader reads, and what it can tell about a place in it: the words and signs
before it, the approximation or change word written there, the number that starts there and
the unit that follows it.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TypedDict, Unpack

from .fact import Fact
from .numerals import Number, read_figure, read_words, trailing_zeros
from .patterns import (
    BARE_SCALE,
    CHANGE_WORD,
    CUR_WORD,
    DEGREE_SCALE,
    EUROPEAN,
    FIG,
    HALF,
    INCH,
    MILLION_NOT_METRES,
    MULT,
    NAME_WORD,
    PERCENT,
    POWER,
    SENTENCE_START,
    SUPERSCRIPT,
    TAIL,
    THOUSANDS_DOT,
    TIME_UNIT,
    TIMES,
    UNIT_NAME,
    UNIT_SYMBOL,
    WORD_AFTER,
    WORDNUM,
)
from .vocabulary import (
    APPROX,
    APPROX_SKIP,
    CHANGE_SKIP,
    CHANGE_SKIP_PAIRS,
    CURRENCY_WORDS,
    MULTIPLIERS,
    SCALES,
    STOPWORDS,
    TIME_UNITS,
    UNIT_NAMES,
    UNIT_SYMBOLS,
)


class FactFields(TypedDict, total=False):
    """The fields of a Fact a reader may fill in besides its kind, text, span, value, unit and currency."""

    precision: float
    high: float | None
    bound: str | None
    per: str | None
    role: str | None
    change: bool
    ago: bool
    spread: float
    high_precision: float | None
    zeros: int


class Scanner:
    """One text, and the questions the readers of facts ask about a place in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_identifier: int | None = None  # where the last number that was part of a name ended
        self.tails: dict[int, list[str]] = {}
        # A tally and then a quantity both read the number at a figure: read it once.
        self.numbers: dict[tuple[int, bool], Number | None] = {}

    def before(self, at: int, width: int = 40) -> str:
        return self.text[max(0, at - width) : at]

    def tail(self, at: int) -> list[str]:
        """The last few words and signs before ``at``, in lower case: what says how to read a figure."""
        cached = self.tails.get(at)
        if cached is None:
            cached = self.tails[at] = TAIL.findall(self.text[max(0, at - 40) : at].lower())
        return cached

    def approx_before(self, at: int) -> str | None:
        """The approximation or bound written just before ``at`` ("about", "more than", "~"), as a bound."""
        words = self.tail(at)
        for k in (4, 3, 2, 1):
            if len(words) >= k:
                bound = APPROX.get(" ".join(words[-k:]))
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
        return word if NAME_WORD.fullmatch(word) else None

    def is_change(self, at: int) -> bool:
        """Whether a change verb or noun stands before ``at``: "rose by", "an increase of", "cut",
        or a change verb and its object before "by": "raised spending by", "cut the deficit by"."""
        words = self.after_skipping(at, CHANGE_SKIP, CHANGE_SKIP_PAIRS)
        if not words:
            return False
        if words[-1] in ("up", "down") or CHANGE_WORD.fullmatch(words[-1]):
            return True
        if "by" not in self.tail(at)[len(words) :]:
            return False
        for word in reversed(words[-4:-1]):  # the object is a few words at most, within the clause
            if not word[0].isalpha():
                break
            if CHANGE_WORD.fullmatch(word):
                return True
        return False

    def preceded_by(self, at: int, wanted: str) -> bool:
        """Whether ``wanted`` ("between", "from") stands before ``at``, approximations aside."""
        words = self.after_skipping(at, APPROX_SKIP)
        return bool(words) and words[-1] == wanted

    def at_sentence_start(self, at: int) -> bool:
        return bool(SENTENCE_START.search(self.before(at, 6)))

    def make(
        self,
        kind: str,
        start: int,
        end: int,
        value: float | str,
        unit: str | None = None,
        currency: str | None = None,
        **extra: Unpack[FactFields],
    ) -> Fact:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        text = self.text[start:end]
        return Fact(kind, text, start, end, value, unit=unit, currency=currency, source=self.text, **extra)

    # -- numbers

    def number(self, at: int, words_ok: bool = True) -> Number | None:
        """The figure or number in words at ``at``, with its scale word and "and a half"."""
        key = (at, words_ok)
        if key not in self.numbers:
            self.numbers[key] = self._read_number(at, words_ok)
        return self.numbers[key]

    def _read_number(self, at: int, words_ok: bool) -> Number | None:
        text = self.text
        m = FIG.match(text, at)
        words = scaled = False
        zeros = 0
        if m:
            fig = self.as_read(m.group())
            value, step = read_figure(fig)
            zeros = trailing_zeros(fig)
            end = m.end()
            power = POWER.match(text, end)
            if power and (power["times"] or power["g"] or fig == "10"):  # "2.3 × 10⁶", "1.5e6", "10⁶"
                if not (power["times"] or power["g"]):
                    value = step = 1.0  # the power alone: 10⁶ is 1 × 10⁶
                factor = 10.0 ** int((power["e"] or power["s"] or power["g"]).translate(SUPERSCRIPT))
                value, step, zeros, end, scaled = value * factor, step * factor, 0, power.end(), True
        elif words_ok:
            w = WORDNUM.match(text, at)
            if not w:
                return None
            tokens = re.split(r"([\s-]+)", w.group())
            parts = tokens[0::2]
            read = read_words(parts)
            if read is None:
                return None
            value, used = read
            end = at + len("".join(tokens[: 2 * used - 1]))
            step = 1.0
            if value >= 1000:  # "two million": the last written word sets the step
                step = SCALES.get(parts[used - 1].lower(), 1.0)
            words = True
        else:
            return None
        half = HALF.match(text, end)
        if half:
            value, step, zeros = value + 0.5, 0.5, 0
            end = half.end()
        if words:
            scaled = value >= 1000
        elif not scaled:
            mult = MULT.match(text, end)
            if mult and not (mult.group("m").lower() == "k" and mult.start("m") > end):
                factor = MULTIPLIERS[mult.group("m").lower()]
                value, step, end, scaled = value * factor, step * factor, mult.end(), True
        return Number(value, step, end, words, scaled, zeros)

    @cached_property
    def european(self) -> bool:
        """Whether the text writes its figures as much of Europe does (``patterns.EUROPEAN``)."""
        return bool(EUROPEAN.search(self.text))

    def as_read(self, fig: str) -> str:
        """A figure as ``patterns.FIG`` found it, its dot left out where it separates thousands: "2.400" -> "2400"."""
        return fig.replace(".", "") if THOUSANDS_DOT.fullmatch(fig) and self.european else fig

    def rank(self, start: int, end: int, value: float) -> Fact:
        """A rank ("the first", "21st", "the third-largest"), or a century, which is a period of
        years and so a date: "the 20th century" is 1901/2000."""
        after = WORD_AFTER.match(self.text, end)
        if after and after.group("w").lower() in ("century", "century's") and 10 <= value <= 22:
            n = int(value)
            return self.make("date", start, after.end(), f"{(n - 1) * 100 + 1:04d}/{n * 100:04d}")
        return self.make("ordinal", start, end, value, unit=self.noun_after(end), precision=1.0)

    def noun_after(self, end: int) -> str | None:
        m = WORD_AFTER.match(self.text, end)
        if not m:
            return None
        word = m.group("w").lower()
        return None if word in STOPWORDS else word

    def unit(self, end: int, currency: str | None, value: float) -> tuple[str | None, str | None, int]:
        """What follows a figure at ``end``: (kind, unit, end) -- kind None for a bare number."""
        text = self.text
        if currency:
            return "money", None, end
        m = PERCENT.match(text, end)
        if m:
            return "percent", ("pp" if (m.group("pw") or "").lower().startswith("percentage") else None), m.end()
        m = CUR_WORD.match(text, end)
        if m:
            word = m.group("c")
            if word.lower() in ("pound", "pounds") and re.match(r"\s+of\b", text[m.end() :]):
                return "measure", "lb", m.end()
            if word.lower() in ("cent", "cents"):
                return "money", "cents", m.end()
            code = CURRENCY_WORDS.get(word.lower()) or word.upper()
            return "money", "CNY" if code == "RMB" else code, m.end()
        m = TIME_UNIT.match(text, end)
        if m:
            return "duration", TIME_UNITS[m.group("u").lower()], m.end()
        m = UNIT_NAME.match(text, end)
        if m:
            name = " ".join(m.group("u").lower().split())
            unit = UNIT_NAMES[name]
            if unit == "°":  # "degrees C", "degrees Celsius" are caught above; "0.8 degrees (1.4 °F)"
                nxt = re.match(r"\s*(?:C|F)\b", text[m.end() :])
                if nxt:
                    return "measure", "°" + nxt.group().strip(), m.end() + nxt.end()
                if re.match(
                    r"\s+(?:north|south|east|west|latitude|longitude|of\s+(?:latitude|longitude|arc))\b",
                    text[m.end() :],
                    re.IGNORECASE,
                ):
                    return "loose", None, end
            return "measure", unit, m.end()
        m = UNIT_SYMBOL.match(text, end) or INCH.match(text, end)
        if m:
            symbol = m.group("u")
            unit = UNIT_SYMBOLS.get(symbol, symbol)
            if unit == "m" and MILLION_NOT_METRES.match(text, m.end()):
                return "million", None, m.end()  # "5m people": millions, not metres
            if unit == "°":  # "0.8° Celsius"
                scale = DEGREE_SCALE.match(text, m.end())
                if scale:
                    return "measure", "°F" if scale.group(1)[0] in "fF" else "°C", scale.end()
            return "measure", unit, m.end()
        m = TIMES.match(text, end)
        if m:
            return "times", None, m.end()
        m = BARE_SCALE.match(text, end)
        if m:
            return "measure", "°" + (m.group("s") or m.group("t")), m.end()  # "53.7C (128.66 F)"
        return None, None, end
