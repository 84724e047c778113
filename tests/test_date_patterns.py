"""The date patterns of the claims file, against the calendar, over every year the format can write.

The patterns are laid out for speed (``model.claims``), so their calendar
rule is checked here exhaustively rather than by sampling: every string of
the shape YYYY-MM-DD with a month 00-13 and a day 00-32, for each year
0000-9999, is accepted exactly when it is a real date by ``calendar.monthrange``.
"""

from __future__ import annotations

import calendar
import re

from factcheck.model.claims import PARTIAL_DATE_PATTERN, TIMESTAMP_PATTERN

MONTH_DAYS = [(month, day, f"-{month:02d}-{day:02d}") for month in range(14) for day in range(33)]


def real(year: int, month: int, day: int) -> bool:
    """Whether the date exists (year 0 does not: the format counts from 1, as ``datetime`` does)."""
    return year > 0 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def test_the_date_patterns_take_exactly_the_real_dates_months_and_years() -> None:
    partial = re.compile(PARTIAL_DATE_PATTERN).search
    stamp = re.compile(TIMESTAMP_PATTERN).search
    for year in range(10_000):
        yyyy = f"{year:04d}"
        for month, day, month_day in MONTH_DAYS:
            text = yyyy + month_day
            want = real(year, month, day)
            if bool(partial(text)) is not want or bool(stamp(text + "T23:59:59Z")) is not want:
                raise AssertionError(f"{text}: {'refused' if want else 'taken'}")
        months = [f"{yyyy}-{month:02d}" for month in range(14)]
        assert [m for m in months if partial(m)] == ([] if year == 0 else months[1:13]), yyyy
        assert bool(partial(yyyy)) == (year != 0), yyyy
