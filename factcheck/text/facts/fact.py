"""A key fact: the Fact type, its dimension and its value in base units; the Pairing of a
claim fact with a passage fact; the names of the kinds and of the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.model.vocab import FactResult

from .vocabulary import DAYS_PER_UNIT, UNIT_INFO

KINDS = ("number", "money", "percent", "measure", "duration", "date", "time", "ordinal")
#: The kinds a source is asked to state.  A rank ("the first", "the third-largest") is read,
#: as it makes a sentence worth checking, but it is no key fact: sources rank in words of
#: their own ("for the first time", "never before", "the largest"), so none is asked to.
KEY_KINDS = tuple(kind for kind in KINDS if kind != "ordinal")
#: The unit of a ``number`` that is a tally, the two counts of a vote or a game ("9-2", "nine to two"):
#: ``value`` the smaller count and ``high`` the larger, compared as one.
TALLY = "tally"
# The results, by the names the facts modules have always used for them.  VAGUER: the
# passage allows the claim's value without stating it (a range, a bound or a coarser date
# that contains it: "by 2040" for 2013, "1.5 to 4.5 °C" for 1.5 °C, "2021" for October
# 2021); it never disagrees, and it never confirms.
AGREES, DISAGREES, MISSING, VAGUER = FactResult.AGREES, FactResult.DISAGREES, FactResult.MISSING, FactResult.VAGUER


@dataclass(frozen=True)
class Fact:
    """One key fact: its kind, the text as written, its span and its normalised value."""

    kind: str
    text: str
    start: int
    end: int
    value: float | str
    unit: str | None = None  # measures: "m", "°C", ...; durations: "day", ...; time: zone; ordinal: noun
    currency: str | None = None  # money: "USD", "EUR", ... or None when unnamed
    precision: float = 0.0  # the value of the last written digit: "2.4 billion" -> 1e8
    high: float | None = None  # a range's high end (``value`` is the low end)
    bound: str | None = None  # "~", "<", ">", "~<", "~>" or None
    per: str | None = None  # a rate's time unit: "3.1 mm per year" -> "year"
    role: str | None = None  # dates: "start", "end", "by", "after", "cite" -- see ``DateReader.dated``
    change: bool = False  # a change, not a level: "rose by 3%", "a 25% increase", "0.9 °C warmer"
    ago: bool = False  # durations counted back from now: "10,000 years ago"
    spread: float = field(default=0.0, compare=False, repr=False)  # "3.1 ± 0.3": 0.3
    high_precision: float | None = field(default=None, compare=False, repr=False)  # a range's high end
    # How many zeros end a whole figure: "$800 billion" -> 2, read as rounded at its 8 (see
    # ``comparison.ROUNDED``); 0 for a range, a decimal or a figure ending in another digit.
    zeros: int = field(default=0, compare=False, repr=False)
    # What alignment needs: whether the fact restates the one before it in other units
    # ("110.6 metres (363 ft)"), the text it was read from, and -- worked out from that
    # text when first aligned -- the words around it (stem, weight: nearer words weigh
    # more) and the words right after it (what a count counts).
    restates: bool = field(default=False, compare=False, repr=False)
    source: str = field(default="", compare=False, repr=False)
    context: tuple[tuple[str, float], ...] | None = field(default=None, compare=False, repr=False)
    head: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def is_key(self) -> bool:
        """Whether a source is asked to state this fact (see ``KEY_KINDS``)."""
        return self.kind in KEY_KINDS

    def key(self) -> tuple[str, object, str | None]:
        """A hashable identity of the value: facts with equal keys say the same thing."""
        if self.kind == "date":
            return (self.kind, self.value, None)
        low, high = base_value(self, float(self.value)), None
        if self.high is not None:
            high = round(base_value(self, self.high), 9)
        other = self.currency or dimension(self)
        value: object = round(low, 9) if high is None else (round(low, 9), high)
        return (self.kind, value, other)

    def qualified(self) -> str:
        """The text with the word that bounds or hedges it, which the text leaves out: "by 2040",
        "more than 400 ppm", "about 40%"."""
        word = {"by": "by", "after": "after", "start": "since", "end": "until"}.get(self.role or "", "")
        if self.kind != "date":
            word = {"~": "about", "<": "at most", ">": "more than", "~<": "nearly", "~>": "just over"}.get(
                self.bound or "", ""
            )
        return f"{word} {self.text}" if word and not self.text.lower().startswith(word) else self.text


class Pairing(NamedTuple):
    """A claim fact, how the passage compares ("agrees", "vaguer", "disagrees", "missing"), and its partner."""

    claim: Fact
    result: FactResult
    found: Fact | None


def dimension(fact: Fact) -> str | None:
    """What a fact's value measures ("length" for metres and feet, "time" or "time ago" for
    durations, the unit of a number, percent, rank or time of day); None for money and dates."""
    if fact.kind == "measure":
        info = UNIT_INFO.get(fact.unit or "")
        return info[0] if info else fact.unit
    if fact.kind == "duration":
        return "time ago" if fact.ago else "time"
    if fact.kind in ("number", "percent", "ordinal", "time"):
        return fact.unit
    return None


def base_value(fact: Fact, value: float) -> float:
    """A numeric value in its dimension's base unit (days for durations; per day for rates)."""
    if fact.kind == "measure" and dimension(fact) != "temperature":
        value *= UNIT_INFO.get(fact.unit or "", ("", 1.0))[1]
    elif fact.kind == "duration":
        value *= DAYS_PER_UNIT.get(fact.unit or "day", 1.0)
    if fact.per:
        value /= DAYS_PER_UNIT.get(fact.per, 1.0)
    return value
