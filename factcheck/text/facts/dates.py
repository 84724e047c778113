"""Dates as ISO 8601-like strings ("1992", "2021-10", "--05-18", "--11", "1998/2012"): writing them,
the days they span, which dates can be compared, and whether two agree.
"""

from __future__ import annotations

import datetime
import math
from functools import lru_cache

from factcheck.model.vocab import FactResult

from .fact import AGREES, DISAGREES, VAGUER, Fact


def date_string(year: int | None, month: int | None, day: int | None) -> str | None:
    """A date at the precision given ("2023-05-18", "2021-10", "--05-18", "--11", "1992"), or None if impossible."""
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if year is not None and month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year is not None and month:
        return f"{year:04d}-{month:02d}"
    if month and day:
        return f"--{month:02d}-{day:02d}"
    if month:
        return f"--{month:02d}"
    return None if year is None else f"{year:04d}"


#: How far (in days) an approximate date ("around 1990", "mid-2018") may be off.
_DATE_SLACK = {"year": 730, "month": 31, "day": 3}


@lru_cache(maxsize=4096)  # the same few dates are compared again and again
def date_interval(value: str) -> tuple[int, int, bool] | None:
    """A date as (first day, last day, has a year), days counted from year 1; a yearless date uses 2000."""
    if "/" in value:
        a, b = value.split("/", 1)
        start, end = date_interval(a), date_interval(b)
        if start is None or end is None:
            return None
        return start[0], end[1], start[2] and end[2]
    yearless = value.startswith("--")
    try:
        parts = [int(p) for p in (f"2000{value[1:]}" if yearless else value).split("-")]
        if len(parts) == 1:
            return datetime.date(parts[0], 1, 1).toordinal(), datetime.date(parts[0], 12, 31).toordinal(), True
        if len(parts) == 2:
            year, month = parts
            first = datetime.date(year, month, 1)
            following = datetime.date(year + (month == 12), month % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1, not yearless
        d = datetime.date(*parts).toordinal()
        return d, d, not yearless
    except (ValueError, IndexError):
        return None


def _date_slack(fact: Fact) -> int:
    """How many days an approximate date may be off, at its precision; 0 for an exact one."""
    if fact.bound != "~":
        return 0
    first = str(fact.value).split("/")[0]  # "1992", "2021-10", "--11": one dash more per finer part
    return _DATE_SLACK[("year", "month", "day")[first.count("-") + (not first.startswith("--")) - 1]]


def _is_named_period(value: str) -> bool:
    """Whether a period is a decade or a century, named as one ("1970/1979" from "the 1970s",
    "1901/2000" from "the 20th century"), rather than a span from one date to another."""
    if len(value) != 9 or value[4] != "/" or not (value[:4] + value[5:]).isdigit():
        return False
    first, last = int(value[:4]), int(value[5:])
    return (first % 10 == 0 and last == first + 9) or (first % 100 == 1 and last == first + 99)


def date_period(fact: Fact) -> bool:
    """Whether a date is a span from one date to another ("1998/2012"), not a decade or a century."""
    value = str(fact.value)
    return "/" in value and not _is_named_period(value)


def roles_compatible(claim: Fact, found: Fact) -> bool:
    """Which dates can be compared at all.

    A citation ("IPCC (2013)") is compared with citations only; the start of a period
    ("since 1880") with starts and periods, its end ("until 2007") with ends and periods;
    a bound ("by 2100", "after 2000") with bounds, plain dates and periods, as a bound;
    plain dates with plain dates and periods.
    """
    a, b = claim.role, found.role
    if "cite" in (a, b):
        return a == b
    if a in ("by", "after") or b in ("by", "after"):
        return a not in ("start", "end") and b not in ("start", "end")
    if a == b:
        return True
    if a in ("start", "end"):
        return date_period(found)
    if b in ("start", "end"):
        return date_period(claim)
    return True


def _date_bounds(fact: Fact, slack: int) -> tuple[float, float] | None:
    """The days a date allows: its own interval, opened on one side by "by" or "after"."""
    interval = date_interval(str(fact.value))
    if interval is None:
        return None
    lo: float = interval[0] - slack
    hi: float = interval[1] + slack
    if fact.role == "by":
        lo = -math.inf
    elif fact.role == "after":
        hi = math.inf
    return lo, hi


def month_day(value: str, need_day: bool = True) -> tuple[int, int | None] | None:
    """(month, day) of a date without a period: "--05-18" -> (5, 18), "2021-10" and "--10" -> (10, None)."""
    if "/" in value:
        return None
    parts = value.lstrip("-").split("-")
    if value.startswith("--"):
        return int(parts[0]), int(parts[1]) if len(parts) == 2 else None
    if len(parts) == 3:
        return int(parts[1]), int(parts[2])
    if len(parts) == 2 and not need_day:
        return int(parts[1]), None
    return None


def date_verdict(claim: Fact, found: Fact) -> FactResult:
    """Whether two comparable dates agree, at the precision and in the roles of both.

    AGREES when the passage's date lies within the claim's ("18 May 2023" for "May 2023"),
    VAGUER when it only contains it ("2023" for "18 May 2023", "by 2040" for 2013, "the
    1970s" for 1975), DISAGREES when the two share no day.
    """
    cv, fv = str(claim.value), str(found.value)
    if cv.startswith("--") != fv.startswith("--"):
        a, b = month_day(cv, need_day=False), month_day(fv, need_day=False)
        if a is None or b is None:
            return AGREES
        if a[0] != b[0] or (a[1] is not None and b[1] is not None and a[1] != b[1]):
            return DISAGREES
        # the passage leaves out the claim's year, or its day
        return VAGUER if fv.startswith("--") or (a[1] is not None and b[1] is None) else AGREES
    slack = max(_date_slack(claim), _date_slack(found))
    if claim.role in ("by", "after") or found.role in ("by", "after"):
        claimed, seen = _date_bounds(claim, slack), _date_bounds(found, 0)
        if claimed is None or seen is None:
            return AGREES
        if not (claimed[0] <= seen[1] and seen[0] <= claimed[1]):
            return DISAGREES
        return AGREES if claimed[0] <= seen[0] and seen[1] <= claimed[1] else VAGUER
    if date_period(claim) and date_period(found):
        # two periods: each end agrees at its precision ("1998–2012" is not "1998–2013")
        (ca, cb), (fa, fb) = cv.split("/"), fv.split("/")
        ends = _interval_verdict(ca, fa, slack), _interval_verdict(cb, fb, slack)
        return DISAGREES if DISAGREES in ends else VAGUER if VAGUER in ends else AGREES
    if date_period(found) and claim.role in ("start", "end"):
        # "since 1997" and "from 1998 to 2012": the start of the period
        return _interval_verdict(cv, fv.split("/")[0 if claim.role == "start" else 1], slack)
    if date_period(claim) and found.role in ("start", "end"):
        return _interval_verdict(cv.split("/")[0 if found.role == "start" else 1], fv, slack)
    return _interval_verdict(cv, fv, slack)


def _interval_verdict(claimed: str, seen: str, slack: int) -> FactResult:
    """How the days of a passage's date compare with a claim's, give or take ``slack`` days:
    within them, containing them, or apart.  A date that cannot be read agrees."""
    a, b = date_interval(claimed), date_interval(seen)
    if a is None or b is None:
        return AGREES
    if not (a[0] <= b[1] + slack and b[0] <= a[1] + slack):
        return DISAGREES
    return AGREES if a[0] - slack <= b[0] and b[1] <= a[1] + slack else VAGUER
