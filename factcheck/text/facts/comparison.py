"""Comparing two facts: whether they speak of the same kind and dimension of thing
(``comparable``), and whether their values agree, to the precision and within the bounds of
both, in any unit of the dimension.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from factcheck.model.vocab import FactResult

from .context import stem
from .dates import date_interval, date_period, date_verdict, month_day, roles_compatible
from .fact import AGREES, DISAGREES, VAGUER, Fact, base_value, dimension
from .vocabulary import DAYS_PER_UNIT, UNIT_SLACK

#: How much an approximation ("about 40%", "nearly 2 m") widens a value, relative to it.
APPROXIMATE = 0.1
#: How far a round figure ("$800 billion", "2,000") may lie from the value it was rounded
#: from, relative to it: news rounds "$787.2 billion" to "$800 billion" (1.6%), while "10
#: days" for 12 is no rounding (20%).
ROUNDED = 0.025
#: Floating-point slack in comparisons, relative to the value (at least this much).
_EPS = 1e-9


def _slack(x: float) -> float:
    return _EPS * max(1.0, abs(x) if math.isfinite(x) else 1.0)


class _Span(NamedTuple):
    """What a numeric fact allows, in its written unit: a core interval and the rounding at each end."""

    lo: float
    hi: float
    tol_lo: float
    tol_hi: float
    is_range: bool

    def scaled(self, factor: float, offset: float = 0.0) -> _Span:
        a, b = self.lo * factor + offset, self.hi * factor + offset
        return _Span(a, b, self.tol_lo * abs(factor), self.tol_hi * abs(factor), self.is_range)


def rounding(fact: Fact) -> float:
    """How far the value a figure stands for may lie from it, at the figure's precision: half a
    unit of its last written digit ("2.4 billion": 0.05 billion); for a whole figure that ends
    in zeros, half a unit of its last non-zero digit ("$800 billion": 50 billion), but no more
    than ``ROUNDED`` of its size, as "10 days" may well mean exactly ten."""
    tolerance = fact.precision / 2
    if fact.zeros:
        coarse = min(fact.precision * 10.0**fact.zeros / 2, ROUNDED * abs(float(fact.value)))
        tolerance = max(tolerance, coarse)
    return tolerance


def _span(fact: Fact) -> _Span:
    low = float(fact.value)
    high = fact.high if fact.high is not None else low
    tol_lo = rounding(fact)
    tol_hi = (fact.high_precision or fact.precision) / 2 if fact.high is not None else tol_lo
    size = max(abs(low), abs(high))
    slack = UNIT_SLACK.get(fact.unit or "", 0.0) * size
    lo, hi = low - fact.spread - slack, high + fact.spread + slack
    widen = APPROXIMATE * size
    bound = fact.bound
    if bound == "~":
        lo, hi = lo - widen, hi + widen
    elif bound == "~<":
        lo -= widen
    elif bound == "~>":
        hi += widen
    elif bound == ">":
        hi = math.inf
    elif bound == "<":
        lo = -math.inf if low < 0 or fact.kind == "measure" and dimension(fact) == "temperature" else min(lo, 0.0)
    # A bound is firm: "less than 1 °C" does not allow 1.3 °C, whatever the rounding of "1".
    if bound in ("<", "~<"):
        tol_hi = 0.0
    elif bound in (">", "~>"):
        tol_lo = 0.0
    return _Span(lo, hi, tol_lo, tol_hi, fact.high is not None)


def _views(claim: Fact, found: Fact) -> list[_Span]:
    """``found``'s span in ``claim``'s unit; temperatures as levels and as changes (1 °C = 1.8 °F)."""
    span = _span(found)
    if claim.kind == "measure" and dimension(claim) == "temperature":
        a, b = claim.unit, found.unit
        if a == b:
            return [span]
        views = []
        if "°" in (a, b):  # degrees of an unnamed scale: the same scale, or either conversion
            views.append(span)
        if b in ("°C", "°") and a in ("°F", "°"):
            views += [span.scaled(1.8, 32.0), span.scaled(1.8)]
        if b in ("°F", "°") and a in ("°C", "°"):
            views += [span.scaled(1 / 1.8, -32.0 / 1.8), span.scaled(1 / 1.8)]
        if {a, b} == {"K", "°C"}:
            views += [span.scaled(1.0, 273.15 if b == "°C" else -273.15), span]
        return views
    base_claim = base_value(claim, 1.0)
    return [span.scaled(base_value(found, 1.0) / base_claim if base_claim else 1.0)]


def _numbers_verdict(claim: Fact, found: Fact) -> FactResult:
    """AGREES when ``found`` states what ``claim`` says, VAGUER when it only allows it,
    DISAGREES when it rules it out -- to the precision and within the bounds of both.

    Two values agree when they differ by no more than the rounding of the less precise
    one (half a unit of its last written digit): "$2.4 billion" and "$2,412 million"
    agree, 6 °C and 7 °C do not. Approximations widen a value and bounds open it ("more
    than 400 ppm"). A range or a bound in the passage that contains the claim's value
    without pinning it down ("1.5 to 4.5 °C" for 1.5 °C, "more than 300" for "more than
    400") is vaguer; two ranges agree when both their ends do, and disagree otherwise.
    """
    c = _span(claim)
    verdict = DISAGREES
    # "about 40%" allows 41% but states 40%: whether it states the claim's value is read
    # from its figure without the approximation.
    plain = _views(claim, replace(found, bound=None)) if found.bound == "~" else None
    for n, f in enumerate(_views(claim, found)):
        if c.is_range and f.is_range and claim.bound in (None, "~", "±") and found.bound in (None, "~", "±"):
            ends = abs(c.lo - f.lo) <= max(c.tol_lo, f.tol_lo) + _slack(c.lo)
            if ends and abs(c.hi - f.hi) <= max(c.tol_hi, f.tol_hi) + _slack(c.hi):
                return AGREES
            continue
        if c.hi < f.lo:
            gap, tol = f.lo - c.hi, max(c.tol_hi, f.tol_lo)
        elif f.hi < c.lo:
            gap, tol = c.lo - f.hi, max(c.tol_lo, f.tol_hi)
        else:
            gap, tol = 0.0, 0.0
        if gap > tol + _slack(c.lo):
            continue
        if (_open(found) or plain is not None) and not _inside(plain[n] if plain else f, c, point=not _open(found)):
            verdict = VAGUER
            continue
        return AGREES
    return verdict


def _open(fact: Fact) -> bool:
    """Whether a numeric fact allows a stretch of values rather than stating one: a range or a bound."""
    return fact.high is not None or fact.bound in ("<", ">", "~<", "~>")


def _inside(f: _Span, c: _Span, point: bool) -> bool:
    """Whether everything ``f`` allows lies within what ``c`` allows (give or take rounding)."""
    if point and not c.is_range and math.isfinite(c.lo) and math.isfinite(c.hi):
        # two figures: the same when they differ by no more than the rounding of either
        return f.lo <= c.hi + max(c.tol_hi, f.tol_lo) + _EPS and c.lo <= f.hi + max(c.tol_lo, f.tol_hi) + _EPS
    lo_ok = f.lo >= c.lo - max(c.tol_lo, f.tol_lo) - _slack(c.lo)
    return lo_ok and f.hi <= c.hi + max(c.tol_hi, f.tol_hi) + _slack(c.hi)


def comparable(claim: Fact, found: Fact) -> bool:
    """Whether two facts speak of the same kind and dimension of quantity, so that they can disagree."""
    if claim.kind != found.kind:
        return False
    kind = claim.kind
    if kind == "date":
        a, b = date_interval(str(claim.value)), date_interval(str(found.value))
        if a is None or b is None or not roles_compatible(claim, found):
            return False
        if a[2] != b[2]:  # "May 18th" and "18 May 2023": the day of the year
            return (
                month_day(str(claim.value if not a[2] else found.value)) is not None
                and month_day(str(found.value if not a[2] else claim.value), need_day=False) is not None
            )
        return True
    if claim.change != found.change:
        return False
    if claim.per != found.per and not (claim.per in DAYS_PER_UNIT and found.per in DAYS_PER_UNIT):
        return False  # "per year" and "per decade" convert; "per litre" and "per gallon" do not
    if kind == "money":
        return claim.currency is None or found.currency is None or claim.currency == found.currency
    if kind in ("measure", "duration"):
        return dimension(claim) == dimension(found)
    if kind == "time":
        return claim.unit is None or found.unit is None or claim.unit == found.unit
    if kind == "ordinal":  # what is ranked: "the 20th century", "the third-largest"
        return (claim.unit and stem(claim.unit)) == (found.unit and stem(found.unit))
    return claim.unit == found.unit  # number ("times"), percent ("pp")


def judge(claim: Fact, found: Fact) -> FactResult | None:
    """AGREES, VAGUER or DISAGREES for two comparable facts; None when they cannot be compared."""
    if comparable(claim, found):
        return date_verdict(claim, found) if claim.kind == "date" else _numbers_verdict(claim, found)
    # Dates in different roles cannot conflict ("in 1992" and "since 1990" speak of different
    # moments), but the same date is the same date ("in 1992", "since January 1992").
    if claim.kind == "date" and found.kind == "date" and "cite" not in (claim.role, found.role):
        plain = replace(claim, role=None), replace(found, role=None)
        if comparable(*plain):
            verdict = date_verdict(*plain)
            return verdict if verdict != DISAGREES else None
        return None
    # Whether a figure reads as a change or a level hangs on the words around it ("raised
    # spending by $300 billion", "a boost of $300 billion", "spending of $300 billion"): the
    # same amount agrees either way, but a change and a level never disagree.  The same
    # amount: one figure each, in the same unit (a change of 9 °F is no level of -13 °C).
    if claim.kind == found.kind and claim.kind != "date" and claim.change != found.change:
        if _open(claim) or _open(found) or claim.unit != found.unit:
            return None
        level = replace(found, change=claim.change)
        if comparable(claim, level) and _numbers_verdict(claim, level) == AGREES:
            return AGREES
        return None
    if claim.kind == "duration" and found.kind == "date":
        return _span_of_years(claim, found)
    # A money amount also agrees with a bare number of the same value ("2.4 billion" in a
    # passage that named the currency elsewhere); it never disagrees with one.
    if claim.kind == "money" and found.kind == "number" and found.unit is None and claim.per == found.per:
        verdict = _numbers_verdict(claim, replace(found, kind="money", currency=claim.currency))
        return verdict if verdict != DISAGREES else None
    return None


def _span_of_years(claim: Fact, found: Fact) -> FactResult | None:
    """AGREES when a duration in years is the length of a period of years ("ten years" and
    "fiscal years 2019–28"), counted with both ends (ten fiscal years) or without (from 2010
    to 2020 is ten years); None otherwise, as a period need not be the span a claim speaks of."""
    if claim.ago or claim.per or claim.unit not in ("year", "decade", "century"):
        return None
    value = str(found.value)
    first, _, last = value.partition("/")
    if not (len(first) == len(last) == 4 and first.isdigit() and last.isdigit()) or not date_period(found):
        return None  # not years, or a decade or a century: a name, not a span someone measured
    for years in (int(last) - int(first), int(last) - int(first) + 1):
        span = replace(found, kind="duration", value=float(years), unit="year", precision=1.0, role=None, bound=None)
        if _numbers_verdict(claim, span) == AGREES:
            return AGREES
    return None
