"""Dates for readers: ``2026-11-30T14:05:00Z`` reads "30 Nov 2026, 14:05 UTC".

Claims files keep ISO 8601 timestamps (UTC) and partial dates (``2026-11``,
``2026``); pages for people show them in words.  Month names are spelled
here rather than by ``strftime``, whose names follow the process's locale.
"""

from __future__ import annotations

import re

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?Z)?)?)?")


def parts(value: str) -> tuple[str, int | None, int | None, str | None] | None:
    """(year, month, day, "HH:MM") of an ISO date or UTC timestamp; None when it is not one."""
    m = _ISO.fullmatch(value)
    if m is None:
        return None
    year, month, day, hour, minute = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None and not 1 <= int(day) <= 31:
        return None
    return year, int(month) if month else None, int(day) if day else None, f"{hour}:{minute}" if hour else None


def human(value: str, *, time: bool = True) -> str:
    """ "30 Nov 2026, 14:05 UTC", "30 Nov 2026", "Nov 2026" or "2026"; anything else as it is.

    ``time=False`` leaves out the time of day.
    """
    found = parts(value)
    if found is None:
        return value
    year, month, day, clock = found
    out = year
    if month is not None:
        out = f"{MONTHS[month - 1]} {year}"
    if day is not None:
        out = f"{day} {out}"
    if clock is not None and time:
        out += f", {clock} UTC"
    return out


def day(value: str) -> str:
    """The date alone, in words: "30 Nov 2026"."""
    return human(value, time=False)
